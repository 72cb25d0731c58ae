/**
 * Errors shaped like Office.js's `OfficeExtension.Error` ("RichApi.Error"), plus the test host's own
 * "not implemented" error for API surface it does not model.
 */

/** Messages as Office.js / Excel word them (en-US). */
const MESSAGES: Record<string, string> = {
  AccessDenied: "You cannot perform the requested operation.",
  GeneralException: "There was an internal error while processing the request.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidOperation: "The operation attempted is invalid on the object.",
  InvalidReference: "This reference isn't valid for the current operation.",
  InvalidSelection: "The current selection is invalid for this operation.",
  ItemAlreadyExists: "The resource already exists.",
  ItemNotFound: "The requested resource doesn't exist.",
  NotImplemented: "The requested feature isn't implemented.",
  UnsupportedOperation: "The operation being attempted is not supported.",
  UnsupportedFeature: "The operation failed because the source worksheet contains one or more unsupported features.",
  ApiNotFound: "The API you are trying to use could not be found. It may be available in a newer version of Excel.",
  RequestPayloadSizeLimitExceeded:
    'The request payload size has exceeded the limit. Please refer to the documentation: "https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  ResponsePayloadSizeLimitExceeded:
    'The response payload size has exceeded the limit. Please refer to the documentation: "https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  PropertyNotLoaded:
    "The property '{0}' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
  ValueNotLoaded:
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
  InvalidObjectPath:
    "The object path '{0}' isn't working for what you're trying to do. If you're using the object across multiple \"context.sync\" calls and outside the sequential execution of a \".run\" batch, please use the \"context.trackedObjects.add()\" and \"context.trackedObjects.remove()\" methods to manage the object's lifetime.",
  InvalidRequestContext: "Cannot use the object across different request contexts.",
  RunMustReturnPromise:
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation. Typically, you return a promise by returning the response from "context.sync()".',
  CannotUpdateReadOnlyProperty: "The property '{0}' is read-only and it cannot be updated.",
  InvalidOperationInCellEditMode: "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
};

export interface HostDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  statement?: string;
  /** Why the test host raised this error; not part of Office.js. */
  testHostDetail?: string;
}

/** Same fields as `OfficeExtension.Error`: name "RichApi.Error", code, message, debugInfo, traceMessages, innerError. */
export class RichApiError extends Error {
  override readonly name = "RichApi.Error";
  readonly code: string;
  readonly debugInfo: HostDebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: RichApiError | null = null;
  readonly httpStatusCode: number;

  constructor(code: string, options: { arg?: string; detail?: string; location?: string; statement?: string } = {}) {
    const template = MESSAGES[code] ?? code;
    const message = template.replace("{0}", options.arg ?? "");
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
    this.code = code;
    this.httpStatusCode = code === "PropertyNotLoaded" || code === "InvalidArgument" ? 400 : 500;
    this.debugInfo = { code, message };
    if (options.location !== undefined) this.debugInfo.errorLocation = options.location;
    if (options.statement !== undefined) this.debugInfo.statement = options.statement;
    if (options.detail !== undefined) {
      this.debugInfo.testHostDetail = options.detail;
      // jest prints the stack, so the reason shows up next to Excel's generic message
      this.stack = `RichApi.Error: ${message}\n    [TestHost] ${code}: ${options.detail}\n${(this.stack ?? "").split("\n").slice(1).join("\n")}`;
    }
  }

  override toString(): string {
    return `${this.code}: ${this.message}`;
  }
}

/** Raised inside a batch; the sync that executes it rejects with it. */
export function hostError(code: string, detail: string, location?: string): RichApiError {
  return new RichApiError(code, location === undefined ? { detail } : { detail, location });
}

export function propertyNotLoaded(typeName: string, property: string): RichApiError {
  return new RichApiError("PropertyNotLoaded", { arg: property, location: `${typeName}.${property}` });
}

/** For API surface the test host does not model: loud, never a silent `undefined`. */
export class NotImplementedError extends Error {
  override readonly name = "TestHostNotImplemented";
  constructor(what: string, hint?: string) {
    super(`TestHost: ${what} is not implemented${hint ? ` (${hint})` : ""}`);
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export function isRichApiError(e: unknown): e is RichApiError {
  return e instanceof RichApiError;
}
