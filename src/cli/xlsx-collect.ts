/**
 * The CLI's executor of a collect plan (src/core/collect.ts) with exceljs: copies delivered sheets
 * into the analyst's workbook, keeps a replaced sheet as a hidden, renamed copy, and protects a
 * forvaltning's template. It decides nothing: the plan says what happens.
 */
import type ExcelJS from "exceljs";
import type { RestorePlan, SheetAction } from "../core/collect";
import type { ForvaltningTemplate } from "../core/forvaltning-template";
import { renderLayout } from "./xlsx-write";

type Orderable = { orderNo: number };

/**
 * Copies `source` into `target` as a new sheet `name`: values (formulas with their results), styles,
 * merges, column widths and row heights, data validations, conditional formats, print setup, views
 * and protection. Images and tables are left out: they belong to the source workbook's parts.
 */
export function copySheet(target: ExcelJS.Workbook, source: ExcelJS.Worksheet, name: string): ExcelJS.Worksheet {
  const model = structuredClone({ ...source.model, media: [], tables: [] }) as ExcelJS.WorksheetModel & { mergeCells?: string[]; merges?: string[]; state?: string };
  const ws = target.addWorksheet(name);
  // exceljs's model setter reads merges from `mergeCells`, its getter writes them to `merges`.
  ws.model = { ...model, id: ws.id, name, mergeCells: model.merges ?? [] } as ExcelJS.WorksheetModel;
  ws.state = source.state;
  // The model setter merges without styles, so the other cells of a merged area lose theirs (Excel
  // keeps them: a merged area's borders live on its edge cells). They are copied back one by one.
  for (const range of model.merges ?? []) {
    const [from, to] = range.split(":");
    if (!from || !to) continue;
    const a = source.getCell(from);
    const b = source.getCell(to);
    for (let r = Number(a.row); r <= Number(b.row); r++) {
      for (let c = Number(a.col); c <= Number(b.col); c++) {
        if (r === Number(a.row) && c === Number(a.col)) continue;
        ws.getCell(r, c).style = structuredClone(source.getCell(r, c).style);
      }
    }
  }
  return ws;
}

/** Puts `ws` at `orderNo` among the tabs, moving the others up by one. */
function placeAt(workbook: ExcelJS.Workbook, ws: ExcelJS.Worksheet, orderNo: number): void {
  for (const other of workbook.worksheets) {
    const o = other as unknown as Orderable;
    if (other !== ws && o.orderNo >= orderNo) o.orderNo += 1;
  }
  (ws as unknown as Orderable).orderNo = orderNo;
}

/** Carries out the plan's insert, fill-template and replace actions; skip and conflict change nothing. */
export function applyCollect(target: ExcelJS.Workbook, actions: readonly SheetAction[], sourceSheet: (file: string, sheet: string) => ExcelJS.Worksheet): string[] {
  const done: string[] = [];
  for (const a of actions) {
    const source = sourceSheet(a.file, a.sheet);
    switch (a.kind) {
      case "insert":
        copySheet(target, source, a.name);
        done.push(a.code);
        break;
      case "fill-template": {
        const old = target.getWorksheet(a.existing);
        if (!old) throw new Error(`sheet ${a.existing} is gone`);
        const at = (old as unknown as Orderable).orderNo;
        target.removeWorksheet(old.id);
        placeAt(target, copySheet(target, source, a.existing), at);
        done.push(a.code);
        break;
      }
      case "replace": {
        const old = target.getWorksheet(a.existing);
        if (!old) throw new Error(`sheet ${a.existing} is gone`);
        // The old sheet keeps every cell; only its name and visibility change, so it can be restored.
        const at = (old as unknown as Orderable).orderNo;
        old.name = a.keepAs;
        old.state = "hidden";
        placeAt(target, copySheet(target, source, a.existing), at);
        done.push(a.code);
        break;
      }
      case "skip":
      case "conflict":
        break;
    }
  }
  return done;
}

/** Renders a forvaltning's template and protects it without a password, its input cells unlocked. */
export async function renderForvaltningTemplate(workbook: ExcelJS.Workbook, template: ForvaltningTemplate): Promise<ExcelJS.Worksheet> {
  const ws = workbook.addWorksheet(template.layout.sheetName);
  renderLayout(ws, template.layout);
  for (const rect of template.unlocked) {
    for (let r = rect.r1; r <= rect.r2; r++) {
      for (let c = rect.c1; c <= rect.c2; c++) {
        const cell = ws.getCell(r + 1, c + 1);
        // A fresh style object: renderLayout shares one object between cells that look alike.
        cell.style = { ...cell.style, protection: { locked: false } };
      }
    }
  }
  // No password: a department that must change a label can unprotect (the sheet says how).
  await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  return ws;
}

/** Carries out a restore: the sheet there now is hidden and renamed, the kept copy takes its name and place. */
export function applyRestore(target: ExcelJS.Workbook, plan: Extract<RestorePlan, { ok: true }>): void {
  const kept = target.getWorksheet(plan.restore);
  if (!kept) throw new Error(`sheet ${plan.restore} is gone`);
  if (plan.current) {
    const now = target.getWorksheet(plan.current.name);
    if (!now) throw new Error(`sheet ${plan.current.name} is gone`);
    const a = now as unknown as Orderable;
    const b = kept as unknown as Orderable;
    [a.orderNo, b.orderNo] = [b.orderNo, a.orderNo];
    now.name = plan.current.keepAs;
    now.state = "hidden";
  }
  kept.name = plan.as;
  kept.state = "visible";
}
