// The add-in manifest: schema validation, project rules, and proof that the validator rejects
// what it should. The validator and icon script run as child processes, exactly as
// `npm run validate` runs them. The schema check is libxml2 as WebAssembly (npm libxml2-wasm): no xmllint.
import { spawnSync, SpawnSyncReturns } from "node:child_process";
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..");
const VALIDATOR = join(ROOT, "scripts", "validate-manifest.mjs");
const MANIFEST = join(ROOT, "manifest.xml");

function run(args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 600_000,
  });
  if (result.error) throw result.error;
  return result;
}

const validate = (manifest: string, env: NodeJS.ProcessEnv = {}) => run([VALIDATOR, manifest], env);

/** A temporary copy of manifest.xml and assets/, edited by `edit`. Returns the manifest path. */
const tempDirs: string[] = [];
function tempCopy(edit: (xml: string) => string = (x) => x): string {
  const dir = mkdtempSync(join(tmpdir(), "jobstatus-manifest-"));
  tempDirs.push(dir);
  cpSync(join(ROOT, "assets"), join(dir, "assets"), { recursive: true });
  const xml = readFileSync(MANIFEST, "utf8");
  const edited = edit(xml);
  writeFileSync(join(dir, "manifest.xml"), edited, "utf8");
  return join(dir, "manifest.xml");
}

/** Replace exactly one occurrence, so a test cannot silently edit nothing. */
function replaceOnce(xml: string, from: string, to: string): string {
  const count = xml.split(from).length - 1;
  if (count !== 1) throw new Error(`expected exactly one "${from}" in manifest.xml, found ${count}`);
  return xml.replace(from, to);
}

/** Cut the element starting with `startTag` (through `endTag`) and paste it before `before`. */
function moveBefore(xml: string, startTag: string, endTag: string, before: string): string {
  const start = xml.indexOf(startTag);
  const end = xml.indexOf(endTag, start) + endTag.length;
  if (start < 0 || end < start) throw new Error(`element ${startTag} not found`);
  const element = xml.slice(start, end);
  const without = xml.slice(0, start) + xml.slice(end);
  return replaceOnce(without, before, `${element}\n${before}`);
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe("manifest.xml", () => {
  it("passes the XML schema and all project rules", () => {
    const result = validate(MANIFEST);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/manifest\.xml: valid/);
    expect(result.status).toBe(0);
  });

  it("declares the agreed host, permissions, requirements, shared runtime and ribbon", () => {
    const xml = readFileSync(MANIFEST, "utf8");
    expect(xml).toMatch(/<Host Name="Workbook"\/>/);
    expect(xml).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
    expect(xml).toMatch(/<Sets DefaultMinVersion="1.1">\s*<Set Name="ExcelApi" MinVersion="1.7"\/>/);
    expect(xml).toMatch(/<bt:Set Name="SharedRuntime" MinVersion="1.1"\/>/);
    expect(xml).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long"\/>/);
    expect(xml).toMatch(/<FunctionFile resid="Taskpane.Url"\/>/);
    expect(xml).toMatch(/<FunctionName>beregnStatus<\/FunctionName>/);
    expect(xml).toMatch(/<FunctionName>validerArk<\/FunctionName>/);
    expect(xml).toMatch(/<TaskpaneId>JobstatusPane<\/TaskpaneId>/);
    expect(xml).toMatch(/<DefaultLocale>da-DK<\/DefaultLocale>/);
    expect(xml).not.toMatch(/<AppDomains?>/);
  });

  it("is read by office-addin-manifest offline", () => {
    const cli = join(ROOT, "node_modules", "office-addin-manifest", "cli.js");
    const result = run([cli, "info", MANIFEST]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Name: Jobstatus/);
    expect(result.stdout).toMatch(/Permissions: ReadWriteDocument/);
  });

  it("has icons that are exactly what scripts/make-icons.mjs draws", () => {
    const result = run([join(ROOT, "scripts", "make-icons.mjs"), "--check"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("validate-manifest rejects", () => {
  it("nothing in an unedited temporary copy (so the failures below come from the edits)", () => {
    const result = validate(tempCopy());
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("an http:// URL", () => {
    const manifest = tempCopy((xml) =>
      replaceOnce(
        xml,
        '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>',
        '<bt:Url id="Taskpane.Url" DefaultValue="http://localhost:3000/taskpane.html"/>',
      ),
    );
    const result = validate(manifest);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/non-https URL: http:\/\/localhost:3000\/taskpane\.html/);
    expect(result.stderr).toMatch(/INVALID/);
  });

  it("base-manifest elements out of order (Permissions before DefaultSettings)", () => {
    const manifest = tempCopy((xml) =>
      moveBefore(xml, "<Permissions>", "</Permissions>", "  <DefaultSettings>"),
    );
    const result = validate(manifest);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/XML schema errors/);
    expect(result.stderr).toMatch(/Permissions': This element is not expected/);
  });

  it("<Runtimes> placed after <DesktopFormFactor> (the schema extension keeps order enforced)", () => {
    const manifest = tempCopy((xml) => {
      const runtimes = '        <Runtimes>\n          <Runtime resid="Taskpane.Url" lifetime="long"/>\n        </Runtimes>\n';
      return replaceOnce(replaceOnce(xml, runtimes, ""), "        </DesktopFormFactor>\n", `        </DesktopFormFactor>\n${runtimes}`);
    });
    const result = validate(manifest);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Runtimes': This element is not expected/);
  });

  it("a missing icon file", () => {
    const manifest = tempCopy();
    unlinkSync(join(manifest, "..", "assets", "valider-32.png"));
    const result = validate(manifest);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/valider-32\.png does not exist/);
  });

  it("an icon whose pixel size does not match its declared size", () => {
    const manifest = tempCopy();
    copyFileSync(join(ROOT, "assets", "beregn-32.png"), join(manifest, "..", "assets", "beregn-16.png"));
    const result = validate(manifest);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/beregn-16\.png is 32x32, expected 16x16/);
  });

  it("a resid that names no resource", () => {
    const manifest = tempCopy((xml) => replaceOnce(xml, '<Label resid="Beregn.Label"/>', '<Label resid="Beregn.Typo"/>'));
    const result = validate(manifest);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/resid "Beregn.Typo" does not resolve/);
  });

  it("an AppDomain", () => {
    const manifest = tempCopy((xml) =>
      replaceOnce(xml, "  <Hosts>\n    <Host Name", "  <AppDomains>\n    <AppDomain>https://example.com</AppDomain>\n  </AppDomains>\n  <Hosts>\n    <Host Name"),
    );
    const result = validate(manifest);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no AppDomains are allowed/);
  });

  it("a weaker permission than ReadWriteDocument", () => {
    const manifest = tempCopy((xml) => replaceOnce(xml, "<Permissions>ReadWriteDocument</Permissions>", "<Permissions>ReadDocument</Permissions>"));
    const result = validate(manifest);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/<Permissions> must be ReadWriteDocument/);
  });

  it("a task pane that does not use the shared runtime's page", () => {
    const manifest = tempCopy((xml) =>
      replaceOnce(
        xml,
        '<TaskpaneId>JobstatusPane</TaskpaneId>\n                    <SourceLocation resid="Taskpane.Url"/>',
        '<TaskpaneId>JobstatusPane</TaskpaneId>\n                    <SourceLocation resid="GetStarted.LearnMoreUrl"/>',
      ),
    );
    const result = validate(manifest);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/task pane must use the runtime's page "Taskpane.Url"/);
  });

  it("to depend on xmllint: the schema check runs with an empty PATH (libxml2 as WebAssembly)", () => {
    const bad = tempCopy((xml) => xml.replace("<DisplayName ", "<DisplayNam ").replace("</DisplayName>", "</DisplayNam>"));
    expect(validate(MANIFEST, { PATH: "" }).status).toBe(0);
    const result = validate(bad, { PATH: "" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/XML schema errors:[\s\S]*DisplayNam': This element is not expected/);
  });
});

describe("production build", () => {
  it("rewrites the dev URLs to ADDIN_PUBLIC_URL and the result still validates", () => {
    const out = mkdtempSync(join(tmpdir(), "jobstatus-dist-"));
    tempDirs.push(out);
    const webpackCli = join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
    const build = run([webpackCli, "--mode", "production", "--output-path", out], {
      ADDIN_PUBLIC_URL: "https://addins.example.dk/jobstatus",
    });
    expect(build.status).toBe(0);

    const xml = readFileSync(join(out, "manifest.xml"), "utf8");
    expect(xml).not.toMatch(/https:\/\/localhost/);
    expect(xml).toMatch(/<SourceLocation DefaultValue="https:\/\/addins\.example\.dk\/jobstatus\/taskpane\.html"\/>/);

    const result = validate(join(out, "manifest.xml"));
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);

    const html = readFileSync(join(out, "taskpane.html"), "utf8");
    expect(html).toMatch(/<meta http-equiv="?Content-Security-Policy"? content="default-src 'self'; script-src 'self' https:\/\/appsforoffice\.microsoft\.com;[^"]*connect-src 'none'/);
    expect(html).not.toMatch(/frame-ancestors/);
    expect(html).toMatch(/<script src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"?>/);
    expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<script"));
  }, 120_000);

  it("refuses an ADDIN_PUBLIC_URL that is not https", () => {
    const out = mkdtempSync(join(tmpdir(), "jobstatus-dist-"));
    tempDirs.push(out);
    const webpackCli = join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
    const build = run([webpackCli, "--mode", "production", "--output-path", out], { ADDIN_PUBLIC_URL: "http://addins.example.dk/" });
    expect(build.status).not.toBe(0);
    expect(build.stderr + build.stdout).toMatch(/ADDIN_PUBLIC_URL must be an https URL/);
  }, 120_000);
});
