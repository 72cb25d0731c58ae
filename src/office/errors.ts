import { OFFICE_ERROR_FALLBACK, OFFICE_ERRORS } from "../messages/da";

/** The code of an Office error (`RichApi.Error`), if it is one. */
export function officeErrorCode(e: unknown): string | undefined {
  if (typeof e === "object" && e !== null && "code" in e && typeof (e as { code: unknown }).code === "string") {
    return (e as { code: string }).code;
  }
  return undefined;
}

/** A Danish sentence that says what went wrong and what to do. Never a stack trace. */
export function officeErrorMessage(e: unknown): string {
  const code = officeErrorCode(e);
  return (code && OFFICE_ERRORS[code]) || OFFICE_ERROR_FALLBACK;
}
