/**
 * The set-up the reader-limit tests share: a temporary folder and the example workbook's bytes
 * (the base every hostile file here is forged from). Registers a `beforeAll` and an `afterAll` for
 * the test file that calls it; read the fields inside tests.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { buildExample, loadExampleData } from "../../src/cli/example";
import { tempDir } from "../support/cli";

export interface ExampleFixture {
  readonly dir: string;
  readonly example: Uint8Array;
  /** Writes `bytes` as `name` in the folder; its path. */
  save(name: string, bytes: Uint8Array): Promise<string>;
}

export function exampleFixture(): ExampleFixture {
  const state = { dir: "", example: new Uint8Array() };
  beforeAll(async () => {
    state.dir = await tempDir();
    state.example = new Uint8Array(await (await buildExample(await loadExampleData())).xlsx.writeBuffer());
  });
  afterAll(async () => {
    if (state.dir !== "") await fs.rm(state.dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return state.dir;
    },
    get example() {
      return state.example;
    },
    async save(name, bytes) {
      const file = path.join(state.dir, name);
      await fs.writeFile(file, bytes);
      return file;
    },
  };
}
