/**
 * Excel's undo support for the calls the add-in makes (issue 17, defects 2 and 6).
 *
 * "Undo capabilities" (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities):
 * - "If an API within the group doesn't offer undo support, the UndoNotSupported error is thrown to
 *   let you know that the operation can't be grouped" (a run with RunOptions.mergeUndoGroup, ExcelApi 1.20).
 * - "If you call an unsupported API in your add-in, the user's undo stack is cleared from that API
 *   call" (the page's tip under "Unsupported APIs").
 * - Its table of unsupported APIs, per platform, for the calls the add-in makes (as the review in
 *   issue 17 read it): `Workbook.insertWorksheetsFromBase64` and `Worksheet.delete` are not
 *   undoable on the web nor on Windows and Mac; `Worksheet.name`, `Worksheet.position` and
 *   `Worksheet.visibility` are not undoable on Windows and Mac. `WorksheetProtection.protect` and
 *   `WorksheetProtection.unprotect` are listed as not undoable on every platform (the page's rows:
 *   "`WorksheetProtection.protect` | No | No", "`WorksheetProtection.unprotect` | No | No"; the
 *   self-test's protect/unprotect therefore clears the user's undo stack).
 * - OfficeDev/office-js#5918: `Range.getMergedAreasOrNullObject()` clears the undo stack. Microsoft's
 *   client (excel-web-16.00.debug.js) sends it as a write, operation type 0, with
 *   `_calculateApiFlags(2, "ExcelApiUndo", "1.7")`: flag 2 ("undoable") stays only where the host
 *   reports ExcelApiUndo 1.7, and a request holding a write without it loses its undoable request
 *   flag (16; `ClientRequestBase.aggregrateRequestFlags`). `Range.values` and `numberFormat` carry
 *   the same ExcelApiUndo 1.7 condition, `Worksheet.tabColor` 1.8. So where ExcelApiUndo 1.7 is
 *   reported the read is flagged undoable, and where it is not, the request is not. #5918 (Windows
 *   11, Excel 2505) is closed with the label "Status: in backlog"; the related #6170 (Range.formulas
 *   and worksheets.add clearing the stack on Windows 2507) was closed "by design". Not in the page's
 *   table; modelled as "clears the stack", never as UndoNotSupported, on every platform, the safe
 *   reading until »Selvtest« shows ExcelApiUndo 1.7 on the builds in use
 *   (docs/dev/taskpane.md »Undo and merged areas«).
 */

/** Which platforms a call is not undoable on. */
interface NotUndoable {
  readonly web: boolean;
  readonly desktop: boolean;
}

const TABLE: Readonly<Record<string, NotUndoable>> = {
  "Workbook.insertWorksheetsFromBase64": { web: true, desktop: true },
  "Worksheet.delete": { web: true, desktop: true },
  "Worksheet.name": { web: false, desktop: true },
  "Worksheet.position": { web: false, desktop: true },
  "Worksheet.visibility": { web: false, desktop: true },
  "WorksheetProtection.protect": { web: true, desktop: true },
  "WorksheetProtection.unprotect": { web: true, desktop: true },
};

/** Calls that clear the undo stack without being in the table (office-js#5918). */
const CLEARS_STACK = new Set(["Range.getMergedAreasOrNullObject"]);

export interface UndoOp {
  readonly typeName: string;
  readonly kind: string;
  readonly name?: string;
  /** The object's path (an instantiated method object ends in `.method(…)`). */
  readonly path: string;
}

function member(op: UndoOp): string | undefined {
  if (op.kind === "set" || op.kind === "call") return `${op.typeName}.${op.name ?? ""}`;
  if (op.kind === "instantiate") {
    const m = /\.(\w+)\([^()]*\)$/.exec(op.path);
    return m ? `Range.${m[1]}` : undefined;
  }
  return undefined;
}

/** The first call in a request that Excel cannot undo on this platform, if any. */
export function notUndoable(ops: readonly UndoOp[], platform: string): string | undefined {
  const desktop = platform === "PC" || platform === "Mac";
  for (const op of ops) {
    const m = member(op);
    const row = m ? TABLE[m] : undefined;
    if (m && row && (desktop ? row.desktop : row.web)) return m;
  }
  return undefined;
}

/** The first call that clears the user's undo stack (not undoable, or office-js#5918), if any. */
export function clearsUndoStack(ops: readonly UndoOp[], platform: string): string | undefined {
  const found = notUndoable(ops, platform);
  if (found) return found;
  for (const op of ops) {
    const m = member(op);
    if (m && CLEARS_STACK.has(m)) return m;
  }
  return undefined;
}
