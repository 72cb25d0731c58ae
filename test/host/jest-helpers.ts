/** Assertions for tests that use the test host (jest only). */
import { RichApiError } from "./errors";

/** Runs `fn` and returns what it threw (fails the test if it did not throw). */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to throw");
}

/** Awaits `p` and returns its rejection reason (fails the test if it resolved). */
export async function rejectionOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected the promise to reject");
}

/** Asserts an Office-shaped error: Error, name "RichApi.Error", the code, and debugInfo with the same code. */
export function expectRichApiError(e: unknown, code: string): RichApiError {
  expect(e).toBeInstanceOf(Error);
  expect(e).toBeInstanceOf(RichApiError);
  const err = e as RichApiError;
  expect(err.name).toBe("RichApi.Error");
  expect(err.code).toBe(code);
  expect(typeof err.message).toBe("string");
  expect(err.message.length).toBeGreaterThan(0);
  expect(err.debugInfo.code).toBe(code);
  expect(err.debugInfo.message).toBe(err.message);
  return err;
}
