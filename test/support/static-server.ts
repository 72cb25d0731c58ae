/**
 * A static file server on 127.0.0.1 (random port) for the built task pane, shared by the e2e tests
 * and the benchmark. `extra` serves fixed paths (axe-core, an empty page) beside the directory.
 */
import { promises as fs } from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
};

export interface StaticServer {
  readonly base: string;
  close(): Promise<void>;
}

export async function serveStatic(dir: string, extra: Readonly<Record<string, () => Promise<{ body: string | Buffer; type: string }>>> = {}): Promise<StaticServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const fixed = extra[url.pathname];
    if (fixed) {
      fixed().then(
        ({ body, type }) => res.writeHead(200, { "content-type": type }).end(body),
        () => res.writeHead(404).end(),
      );
      return;
    }
    const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ""));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file).then(
      (body) => res.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
