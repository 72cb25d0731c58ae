/**
 * Office errors as Excel sends them (Excel.ErrorCodes of Microsoft's client), each a Danish message
 * that names the operation which failed (issue 10, defect 4), and a cell being edited (delayForCellEdit).
 */
import { OFFICE_ERRORS, OFFICE_OPERATION_FAILED } from "../../src/messages/da";
import { calculateStatus, newSession, OperationError, overview, validateWorkbook } from "../../src/office/operations";
import { isSetSupported, loadOfficeJsClient, type TestHost } from "../host";
import { exampleHost, hostEnv } from "./fixtures";

const below1_11 = (name: string, version: string) => !(name === "ExcelApi" && Number(version.split(".")[1]) >= 11) && isSetSupported(name, version);

async function failureOf(p: Promise<unknown>): Promise<OperationError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(OperationError);
  return e as OperationError;
}

describe("Excel's error codes", () => {
  test("the codes the add-in maps are Excel's own (Microsoft's client); EditModeCannotAcquire is not one", () => {
    const excel = loadOfficeJsClient().Excel as unknown as { ErrorCodes: Record<string, string> };
    const real = new Set(Object.values(excel.ErrorCodes));
    for (const code of ["InvalidOperationInCellEditMode", "InactiveWorkbook", "ResponsePayloadSizeLimitExceeded", "RangeExceedsLimit", "OperationCellsExceedLimit", "AccessDenied", "UnsupportedSheet"]) {
      expect({ code, real: real.has(code), mapped: OFFICE_ERRORS[code] !== undefined }).toEqual({ code, real: true, mapped: true });
    }
    expect(real.has("EditModeCannotAcquire")).toBe(false);
    expect(OFFICE_ERRORS.EditModeCannotAcquire).toBeUndefined();
  });

  test("a response over the limit is read again without the windows; when that fails too, the message names the read", async () => {
    const host = await exampleHost("good");
    host.failSync(1, "ResponsePayloadSizeLimitExceeded");
    host.failSync(2, "ResponsePayloadSizeLimitExceeded");
    const e = await failureOf(overview(hostEnv(host), newSession()));
    expect(e.message).toBe(`${OFFICE_OPERATION_FAILED.overview} ${OFFICE_ERRORS.ResponsePayloadSizeLimitExceeded}`);
  });

  test.each(["InactiveWorkbook", "RangeExceedsLimit", "InvalidOperationInCellEditMode", "AccessDenied"])("%s becomes a Danish message naming the operation", async (code) => {
    const host = await exampleHost("good");
    const env = hostEnv(host);
    const session = newSession();
    await overview(env, session);
    host.failSync(1, code);
    const e = await failureOf(validateWorkbook(env, session));
    expect(e.code).toBe(code);
    expect(e.message).toBe(`${OFFICE_OPERATION_FAILED.validate} ${OFFICE_ERRORS[code]}`);
    host.failSync(1, code);
    expect((await failureOf(overview(env, newSession()))).message).toBe(`${OFFICE_OPERATION_FAILED.overview} ${OFFICE_ERRORS[code]}`);
  });
});

describe("a cell being edited", () => {
  async function editing(): Promise<TestHost> {
    const host = await exampleHost("good");
    host.editCell();
    return host;
  }

  test("with ExcelApi 1.11 the run waits for the edit to end (delayForCellEdit) and »Beregn status« is done", async () => {
    const host = await editing();
    const r = await calculateStatus(hostEnv(host), newSession());
    expect(r.written).toBe("Status 2025");
  });

  test("below ExcelApi 1.11 the user is told to press Enter, and nothing is written", async () => {
    const host = await editing();
    const before = host.toJSON();
    const e = await failureOf(calculateStatus(hostEnv(host, below1_11), newSession()));
    expect(e.code).toBe("InvalidOperationInCellEditMode");
    expect(e.message).toBe(`${OFFICE_OPERATION_FAILED.calculate} ${OFFICE_ERRORS.InvalidOperationInCellEditMode}`);
    expect(host.toJSON()).toEqual(before);
  });
});
