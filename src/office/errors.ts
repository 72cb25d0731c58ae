import { OFFICE_ERROR_FALLBACK, OFFICE_ERRORS, OFFICE_OPERATION_FAILED, type OfficeOperation } from "../messages/da";

/** The code of an Office error (`RichApi.Error`), if it is one. */
export function officeErrorCode(e: unknown): string | undefined {
  if (typeof e === "object" && e !== null && "code" in e && typeof (e as { code: unknown }).code === "string") {
    return (e as { code: string }).code;
  }
  return undefined;
}

/** A Danish sentence that names the operation, says what went wrong and what to do. Never a stack trace. */
export function officeErrorMessage(e: unknown, operation: OfficeOperation): string {
  const code = officeErrorCode(e);
  return `${OFFICE_OPERATION_FAILED[operation]} ${(code && OFFICE_ERRORS[code]) || OFFICE_ERROR_FALLBACK}`;
}
