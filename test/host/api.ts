/**
 * The modelled subset of the Excel JavaScript API: one TypeDef per Office.js class, each property
 * and method with Excel's semantics. Anything not declared here throws NotImplementedError.
 */
import { recalculate } from "./calc";
import { Rect, boundingRect, cellKey, columnIndex, columnName, formatAddress, intersect, isWholeColumns, isWholeRows, MAX_COLS, MAX_ROWS, mustParseRangeRef, rectArea, rectToA1 } from "./address";
import { ClientObject, Context, NavDef, PropDef, TypeDef, unwrap } from "./client";
import { BORDER_INDEXES, BorderIndex, Engine, MIXED, Mixed } from "./engine";
import { NotImplementedError, hostError } from "./errors";
import { insertWorksheets } from "./insert-sheets";
import { BorderModel, BorderStyle, CfModel, CustomCfModel, DataValidationModel, HAlign, NameModel, SheetModel, StyleKey, VAlign } from "./model";

interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}
interface CfTarget {
  sheet: SheetModel;
  cf: CfModel;
  /** The range of the collection the rule was reached through: its id is its position there. */
  scope?: Rect;
}
interface BorderTarget extends RangeTarget {
  index: BorderIndex;
}

const engineOf = (obj: ClientObject): Engine => obj.ctx.engine;
const nul = <T>(v: T | Mixed): T | null => (v === MIXED ? null : (v as T));

// ------------------------------------------------------------------ value checks

const NAMED_COLORS: Record<string, string> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  lime: "#00FF00",
  blue: "#0000FF",
  yellow: "#FFFF00",
  orange: "#FFA500",
  purple: "#800080",
  gray: "#808080",
  grey: "#808080",
  silver: "#C0C0C0",
  navy: "#000080",
  maroon: "#800000",
  teal: "#008080",
  aqua: "#00FFFF",
  fuchsia: "#FF00FF",
  olive: "#808000",
};

function color(value: unknown, location: string): string {
  if (typeof value === "string") {
    const named = NAMED_COLORS[value.toLowerCase()];
    if (named) return named;
    const m = /^#?([0-9a-fA-F]{6})$/.exec(value);
    if (m?.[1]) return `#${m[1].toUpperCase()}`;
    const short = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/.exec(value);
    if (short) return `#${short.slice(1).map((x) => `${x}${x}`).join("").toUpperCase()}`;
  }
  throw hostError("InvalidArgument", `${JSON.stringify(value)} is not a colour (#RRGGBB or an HTML colour name)`, location);
}

function bool(value: unknown, location: string): boolean {
  if (typeof value !== "boolean") throw hostError("InvalidArgument", `expected a boolean, got ${JSON.stringify(value)}`, location);
  return value;
}

function num(value: unknown, location: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw hostError("InvalidArgument", `expected a number ${min}–${max}, got ${JSON.stringify(value)}`, location);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: Record<string, T>, location: string): T {
  const v = typeof value === "string" ? allowed[value] : undefined;
  if (v === undefined) throw hostError("InvalidArgument", `${JSON.stringify(value)} is not one of ${Object.keys(allowed).join(", ")}`, location);
  return v;
}

function str(value: unknown, location: string): string {
  if (typeof value !== "string") throw hostError("InvalidArgument", `expected a string, got ${JSON.stringify(value)}`, location);
  return value;
}

function integerArg(value: unknown, location: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) throw hostError("InvalidArgument", `expected an integer, got ${JSON.stringify(value)}`, location);
  return value;
}

const H_ALIGN: Record<string, HAlign> = {
  General: "general",
  Left: "left",
  Center: "center",
  Right: "right",
  Fill: "fill",
  Justify: "justify",
  CenterAcrossSelection: "centerContinuous",
  Distributed: "distributed",
};
const V_ALIGN: Record<string, VAlign> = { Top: "top", Center: "center", Bottom: "bottom", Justify: "justify", Distributed: "distributed" };
const invert = <T extends string>(m: Record<string, T>): Record<string, string> => Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));
const H_ALIGN_OUT = invert(H_ALIGN);
const V_ALIGN_OUT = invert(V_ALIGN);

const LINE_STYLES = ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"];
const WEIGHTS = ["Hairline", "Thin", "Medium", "Thick"];

export function borderToModel(style: string, weight: string): BorderStyle {
  const heavy = weight === "Medium" || weight === "Thick";
  switch (style) {
    case "Continuous":
      return weight === "Hairline" ? "hair" : weight === "Medium" ? "medium" : weight === "Thick" ? "thick" : "thin";
    case "Dash":
      return heavy ? "mediumDashed" : "dashed";
    case "DashDot":
      return heavy ? "mediumDashDot" : "dashDot";
    case "DashDotDot":
      return heavy ? "mediumDashDotDot" : "dashDotDot";
    case "Dot":
      return "dotted";
    case "Double":
      return "double";
    default:
      return "slantDashDot";
  }
}

export function borderFromModel(style: BorderStyle): { style: string; weight: string } {
  const map: Record<BorderStyle, [string, string]> = {
    hair: ["Continuous", "Hairline"],
    thin: ["Continuous", "Thin"],
    medium: ["Continuous", "Medium"],
    thick: ["Continuous", "Thick"],
    dashed: ["Dash", "Thin"],
    mediumDashed: ["Dash", "Medium"],
    dashDot: ["DashDot", "Thin"],
    mediumDashDot: ["DashDot", "Medium"],
    dashDotDot: ["DashDotDot", "Thin"],
    mediumDashDotDot: ["DashDotDot", "Medium"],
    dotted: ["Dot", "Thin"],
    double: ["Double", "Thick"],
    slantDashDot: ["SlantDashDot", "Medium"],
  };
  const [s, w] = map[style];
  return { style: s, weight: w };
}

const PAPER: Record<string, number> = {
  Letter: 1,
  LetterSmall: 2,
  Tabloid: 3,
  Ledger: 4,
  Legal: 5,
  Statement: 6,
  Executive: 7,
  A3: 8,
  A4: 9,
  A4Small: 10,
  A5: 11,
  B4: 12,
  B5: 13,
  Folio: 14,
  Quatro: 15,
  Note: 18,
};
const PAPER_OUT = Object.fromEntries(Object.entries(PAPER).map(([k, v]) => [v, k]));

// ------------------------------------------------------------------ builders

const def = (name: string, parts: Partial<Omit<TypeDef, "name">>): TypeDef => ({ name, props: {}, navs: {}, methods: {}, ...parts });

function ro(get: (obj: ClientObject) => unknown, notInAll = false): PropDef {
  return { readonly: true, get, notInAll };
}
function rw(get: (obj: ClientObject) => unknown, set: (obj: ClientObject, v: unknown) => void): PropDef {
  return { get, set };
}
function nav(type: () => TypeDef, make: (obj: ClientObject) => ClientObject): NavDef {
  return { type, make };
}
/** A child object that is the same model object as its parent (RangeFormat of a Range, …). */
function same(type: () => TypeDef, suffix: string): NavDef {
  return nav(type, (obj) => obj.child(type(), suffix, () => obj.resolve()));
}

const rangeOf = (obj: ClientObject): RangeTarget => obj.resolve() as RangeTarget;
/** A range to change: on a protected sheet every cell is locked, and Excel refuses with AccessDenied. */
const rangeForWrite = (obj: ClientObject, loc: string): RangeTarget => {
  const t = obj.resolveForWrite(loc) as RangeTarget;
  if (t.sheet.protected && !engineOf(obj).quirks.has("protectionIgnored")) throw hostError("AccessDenied", `"${t.sheet.name}" is protected`, loc);
  return t;
};
const sheetOf = (obj: ClientObject): SheetModel => obj.resolve() as SheetModel;
const sheetForWrite = (obj: ClientObject, loc: string): SheetModel => obj.resolveForWrite(loc) as SheetModel;

function q(s: unknown): string {
  return JSON.stringify(s) ?? "undefined";
}

// ------------------------------------------------------------------ factories

/** A worksheet object, bound to the sheet's id the first time it is used in a sync. */
export function makeSheet(parent: ClientObject, suffix: string, locate: () => SheetModel | null): ClientObject {
  let bound: string | null | undefined;
  return parent.child(WORKSHEET, suffix, () => {
    if (bound === undefined) {
      const s = locate();
      bound = s ? s.id : null;
      return s;
    }
    return bound === null ? null : engineOf(parent).requireSheet(bound, "Worksheet");
  });
}

/** A range object, bound to a sheet id and rectangle the first time it is used in a sync. */
export function makeRange(parent: ClientObject, suffix: string, locate: () => RangeTarget | null): ClientObject {
  let bound: { id: string; rect: Rect } | null | undefined;
  return parent.child(RANGE, suffix, () => {
    if (bound === undefined) {
      const t = locate();
      bound = t ? { id: t.sheet.id, rect: t.rect } : null;
      return t;
    }
    return bound === null ? null : { sheet: engineOf(parent).requireSheet(bound.id, "Range"), rect: bound.rect };
  });
}

function derivedRange(obj: ClientObject, suffix: string, fn: (t: RangeTarget) => Rect | null, location: string): ClientObject {
  return makeRange(obj, suffix, () => {
    const t = obj.resolve() as RangeTarget | null;
    if (!t) return null;
    const rect = fn(t);
    if (rect === null) return null;
    if (rect.r1 < 0 || rect.c1 < 0 || rect.r2 >= MAX_ROWS || rect.c2 >= MAX_COLS || rect.r1 > rect.r2 || rect.c1 > rect.c2) {
      throw hostError("InvalidArgument", `the resulting range is outside the sheet`, location);
    }
    return { sheet: t.sheet, rect };
  });
}

function rangeAreas(parent: ClientObject, suffix: string, locate: () => { sheet: SheetModel; rects: Rect[] } | null): ClientObject {
  return parent.child(RANGE_AREAS, suffix, locate);
}

// ------------------------------------------------------------------ Range and its format

function styleProp<K extends StyleKey>(key: K, out: (v: unknown) => unknown, input: (v: unknown, loc: string) => unknown, location: string): PropDef {
  return rw(
    (obj) => {
      const t = rangeOf(obj);
      const v = engineOf(obj).readStyle(t.sheet, t.rect, key);
      return v === MIXED ? null : out(v);
    },
    (obj, v) => {
      const t = rangeForWrite(obj, location);
      engineOf(obj).applyStyle(t.sheet, t.rect, { [key]: input(v, location) }, location);
    },
  );
}

const RANGE_FONT: TypeDef = def("RangeFont", {
  props: {
    bold: styleProp("bold", (v) => v, (v, l) => bool(v, l), "RangeFont.bold"),
    italic: styleProp("italic", (v) => v, (v, l) => bool(v, l), "RangeFont.italic"),
    size: styleProp("fontSize", (v) => v, (v, l) => num(v, l, 1, 409), "RangeFont.size"),
    name: styleProp("fontName", (v) => v, fontNameInput, "RangeFont.name"),
    color: styleProp("fontColor", (v) => v, (v, l) => color(v, l), "RangeFont.color"),
    underline: styleProp("underline", (v) => (v ? "Single" : "None"), underlineInput, "RangeFont.underline"),
  },
});

function underlineInput(v: unknown, location: string): boolean {
  if (v === "None") return false;
  if (v === "Single") return true;
  if (typeof v === "string" && ["Double", "SingleAccountant", "DoubleAccountant"].includes(v)) throw new NotImplementedError(`RangeFont.underline = "${v}"`);
  throw hostError("InvalidArgument", `${q(v)} is not a RangeUnderlineStyle`, location);
}

function fontNameInput(v: unknown, location: string): string {
  if (str(v, location) === "") throw hostError("InvalidArgument", "a font name cannot be empty", location);
  return v as string;
}

const RANGE_FILL: TypeDef = def("RangeFill", {
  props: {
    color: styleProp("fill", (v) => (v === undefined ? "#FFFFFF" : v), (v, l) => (v === "" ? null : color(v, l)), "RangeFill.color"),
  },
  methods: {
    clear: (obj, args) =>
      obj.call("clear", args, () => {
        const t = rangeForWrite(obj, "RangeFill.clear");
        engineOf(obj).applyStyle(t.sheet, t.rect, { fill: null }, "RangeFill.clear");
      }),
  },
});

function borderProp(field: "style" | "weight" | "color"): PropDef {
  const location = `RangeBorder.${field}`;
  return rw(
    (obj) => {
      const t = obj.resolve() as BorderTarget;
      const b = engineOf(obj).readBorder(t.sheet, t.rect, t.index);
      if (b === MIXED) return null;
      if (field === "color") return b ? b.color : "#000000";
      if (!b) return field === "style" ? "None" : "Thin";
      return borderFromModel(b.style)[field];
    },
    (obj, v) => {
      const t = obj.resolveForWrite(location) as BorderTarget;
      let change: (cur: BorderModel | undefined) => BorderModel | undefined;
      if (field === "style") {
        if (typeof v !== "string" || !LINE_STYLES.includes(v)) throw hostError("InvalidArgument", `style must be one of ${LINE_STYLES.join(", ")}`, location);
        change = (cur) => (v === "None" ? undefined : { style: borderToModel(v, cur ? borderFromModel(cur.style).weight : "Thin"), color: cur?.color ?? "#000000" });
      } else if (field === "weight") {
        if (typeof v !== "string" || !WEIGHTS.includes(v)) throw hostError("InvalidArgument", `weight must be one of ${WEIGHTS.join(", ")}`, location);
        change = (cur) => ({ style: borderToModel(cur ? borderFromModel(cur.style).style : "Continuous", v), color: cur?.color ?? "#000000" });
      } else {
        const c = color(v, location);
        change = (cur) => ({ style: cur?.style ?? "thin", color: c });
      }
      engineOf(obj).setBorder(t.sheet, t.rect, t.index, change, location);
    },
  );
}

const RANGE_BORDER: TypeDef = def("RangeBorder", {
  props: {
    sideIndex: ro((obj) => (obj.resolve() as BorderTarget).index),
    style: borderProp("style"),
    weight: borderProp("weight"),
    color: borderProp("color"),
  },
});

function borderItem(obj: ClientObject, index: unknown): ClientObject {
  if (typeof index !== "string" || !BORDER_INDEXES.includes(index)) {
    throw hostError("InvalidArgument", `${q(index)} is not a BorderIndex`, "RangeBorderCollection.getItem");
  }
  if (index === "DiagonalDown" || index === "DiagonalUp") throw new NotImplementedError(`RangeBorderCollection.getItem("${index}")`);
  return obj.child(RANGE_BORDER, `.getItem(${q(index)})`, () => {
    const t = obj.resolve() as RangeTarget | null;
    return t ? { ...t, index: index as BorderIndex } : null;
  });
}

const SIX_BORDERS: BorderIndex[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"];

const RANGE_BORDERS: TypeDef = def("RangeBorderCollection", {
  props: { count: ro(() => SIX_BORDERS.length) },
  methods: {
    getItem: (obj, [index]) => borderItem(obj, index).proxy,
    getItemAt: (obj, [i]) => borderItem(obj, SIX_BORDERS[integerArg(i, "RangeBorderCollection.getItemAt")]).proxy,
  },
  collection: { itemType: () => RANGE_BORDER, list: (obj) => SIX_BORDERS.map((i) => borderItem(obj, i)) },
});

const RANGE_FORMAT: TypeDef = def("RangeFormat", {
  props: {
    horizontalAlignment: styleProp("hAlign", (v) => H_ALIGN_OUT[String(v)], (v, l) => oneOf(v, H_ALIGN, l), "RangeFormat.horizontalAlignment"),
    verticalAlignment: styleProp("vAlign", (v) => V_ALIGN_OUT[String(v)], (v, l) => oneOf(v, V_ALIGN, l), "RangeFormat.verticalAlignment"),
    wrapText: styleProp("wrap", (v) => v, (v, l) => bool(v, l), "RangeFormat.wrapText"),
    // ExcelApi 1.2: true when every row has the standard height; setting true resets the rows to it.
    useStandardHeight: rw(
      (obj) => {
        const t = rangeOf(obj);
        return Object.keys(t.sheet.rowHeights).every((k) => Number(k) - 1 < t.rect.r1 || Number(k) - 1 > t.rect.r2);
      },
      (obj, v) => {
        const t = rangeForWrite(obj, "RangeFormat.useStandardHeight");
        if (bool(v, "RangeFormat.useStandardHeight") !== true) throw new NotImplementedError("RangeFormat.useStandardHeight = false");
        for (const k of Object.keys(t.sheet.rowHeights)) if (Number(k) - 1 >= t.rect.r1 && Number(k) - 1 <= t.rect.r2) delete t.sheet.rowHeights[k];
      },
    ),
    columnWidth: rw(
      (obj) => {
        const t = rangeOf(obj);
        return nul(engineOf(obj).readColumnWidth(t.sheet, t.rect));
      },
      (obj, v) => {
        const t = rangeForWrite(obj, "RangeFormat.columnWidth");
        engineOf(obj).setColumnWidth(t.sheet, t.rect, v);
      },
    ),
    rowHeight: rw(
      (obj) => {
        const t = rangeOf(obj);
        return nul(engineOf(obj).readRowHeight(t.sheet, t.rect));
      },
      (obj, v) => {
        const t = rangeForWrite(obj, "RangeFormat.rowHeight");
        engineOf(obj).setRowHeight(t.sheet, t.rect, v);
      },
    ),
  },
  navs: {
    font: same(() => RANGE_FONT, ".font"),
    fill: same(() => RANGE_FILL, ".fill"),
    borders: same(() => RANGE_BORDERS, ".borders"),
  },
  methods: {
    autofitColumns: (obj, args) => obj.call("autofitColumns", args, () => void rangeForWrite(obj, "RangeFormat.autofitColumns")),
    autofitRows: (obj, args) => obj.call("autofitRows", args, () => void rangeForWrite(obj, "RangeFormat.autofitRows")),
  },
});

/** ExcelApi 1.8 Range.dataValidation: the rule types jobstatus uses (decimal, wholeNumber), prompt and error alert. */
function validationFor(obj: ClientObject, location: string, create: boolean): DataValidationModel | undefined {
  const t = create ? rangeForWrite(obj, location) : rangeOf(obj);
  const range = rectToA1(t.rect);
  const list = (t.sheet.dataValidations ??= []);
  let dv = list.find((d) => d.range === range);
  if (!dv && create) {
    dv = { range, kind: "decimal", operator: "GreaterThanOrEqualTo", formula1: 0 };
    list.push(dv);
  }
  return dv;
}

const DATA_VALIDATION: TypeDef = def("DataValidation", {
  props: {
    rule: rw(
      (obj) => {
        const dv = validationFor(obj, "DataValidation.rule", false);
        return dv ? { [dv.kind]: { operator: dv.operator, formula1: dv.formula1 } } : {};
      },
      (obj, v) => {
        const location = "DataValidation.rule";
        const r = v as Record<string, { operator?: unknown; formula1?: unknown } | undefined>;
        const kind = r.decimal ? "decimal" : r.wholeNumber ? "wholeNumber" : undefined;
        const body = kind ? r[kind] : undefined;
        if (!kind || !body || typeof body.operator !== "string" || (typeof body.formula1 !== "number" && typeof body.formula1 !== "string")) {
          throw hostError("InvalidArgument", "rule must be {decimal|wholeNumber: {operator, formula1}}", location);
        }
        const dv = validationFor(obj, location, true) as DataValidationModel;
        dv.kind = kind;
        dv.operator = body.operator;
        dv.formula1 = body.formula1;
      },
    ),
    prompt: rw(
      (obj) => ({ message: validationFor(obj, "DataValidation.prompt", false)?.prompt ?? "", showPrompt: true, title: "" }),
      (obj, v) => {
        (validationFor(obj, "DataValidation.prompt", true) as DataValidationModel).prompt = String((v as { message?: unknown }).message ?? "");
      },
    ),
    errorAlert: rw(
      (obj) => ({ message: validationFor(obj, "DataValidation.errorAlert", false)?.errorMessage ?? "", showAlert: true, title: "", style: "Stop" }),
      (obj, v) => {
        (validationFor(obj, "DataValidation.errorAlert", true) as DataValidationModel).errorMessage = String((v as { message?: unknown }).message ?? "");
      },
    ),
  },
});

function valuesProp(read: (e: Engine, t: RangeTarget) => unknown, location: string, writable: boolean, notInAll = false): PropDef {
  const get = (obj: ClientObject): unknown => read(engineOf(obj), rangeOf(obj));
  if (!writable) return ro(get, notInAll);
  return rw(get, (obj, v) => {
    const t = rangeForWrite(obj, location);
    if (location === "Range.numberFormat") engineOf(obj).writeNumberFormat(t.sheet, t.rect, v, location);
    else engineOf(obj).writeValues(t.sheet, t.rect, v, location);
  });
}

/** True when every index in [from, to] is in `hidden`, false when none is, null when some are. */
function hiddenState(hidden: ReadonlySet<number>, from: number, to: number): boolean | null {
  let n = 0;
  for (const i of hidden) if (i >= from && i <= to) n++;
  return n === 0 ? false : n === to - from + 1 ? true : null;
}

const RANGE: TypeDef = def("Range", {
  props: {
    address: ro((obj) => {
      const t = rangeOf(obj);
      return formatAddress(t.sheet.name, t.rect);
    }),
    addressLocal: ro((obj) => {
      const t = rangeOf(obj);
      return formatAddress(t.sheet.name, t.rect);
    }),
    rowIndex: ro((obj) => rangeOf(obj).rect.r1),
    columnIndex: ro((obj) => rangeOf(obj).rect.c1),
    rowCount: ro((obj) => rangeOf(obj).rect.r2 - rangeOf(obj).rect.r1 + 1),
    columnCount: ro((obj) => rangeOf(obj).rect.c2 - rangeOf(obj).rect.c1 + 1),
    cellCount: ro((obj) => rectArea(rangeOf(obj).rect)),
    isEntireColumn: ro((obj) => isWholeColumns(rangeOf(obj).rect)),
    isEntireRow: ro((obj) => isWholeRows(rangeOf(obj).rect)),
    values: valuesProp((e, t) => e.readValues(t.sheet, t.rect), "Range.values", true),
    formulas: valuesProp((e, t) => e.readFormulas(t.sheet, t.rect), "Range.formulas", true),
    formulasLocal: valuesProp((e, t) => e.readFormulas(t.sheet, t.rect, "Range.formulasLocal"), "Range.formulasLocal", true),
    numberFormat: valuesProp((e, t) => e.readNumberFormat(t.sheet, t.rect), "Range.numberFormat", true),
    valueTypes: valuesProp((e, t) => e.readValueTypes(t.sheet, t.rect), "Range.valueTypes", false),
    text: valuesProp((e, t) => e.readText(t.sheet, t.rect), "Range.text", false, true),
    // Office.js: an in-workbook link on the range's top-left cell; setting it writes textToDisplay as the value.
    // https://learn.microsoft.com/javascript/api/excel/excel.rangehyperlink (ExcelApi 1.7)
    hyperlink: rw(
      (obj) => {
        const { sheet, rect } = rangeOf(obj);
        const link = sheet.cells[cellKey(rect.r1, rect.c1)]?.link;
        return link === undefined ? {} : { documentReference: link };
      },
      (obj, v) => {
        const { sheet, rect } = rangeForWrite(obj, "Range.hyperlink");
        const h = v as { documentReference?: unknown; textToDisplay?: unknown; address?: unknown };
        if (h.address !== undefined) throw new NotImplementedError("Range.hyperlink.address (links outside the workbook)");
        if (typeof h.documentReference !== "string") throw hostError("InvalidArgument", "hyperlink needs documentReference", "Range.hyperlink");
        const key = cellKey(rect.r1, rect.c1);
        const cell = (sheet.cells[key] ??= {});
        cell.link = h.documentReference;
        if (typeof h.textToDisplay === "string") {
          cell.v = h.textToDisplay;
          delete cell.f;
        }
      },
    ),
    // Office.js: true when every row (column) of the range is hidden, false when none is, null when some are.
    // https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-rowhidden-member
    rowHidden: rw(
      (obj) => {
        const { sheet, rect } = rangeOf(obj);
        return hiddenState(new Set((sheet.hiddenRows ?? []).map((r) => r - 1)), rect.r1, rect.r2);
      },
      (obj, v) => {
        const { sheet, rect } = rangeForWrite(obj, "Range.rowHidden");
        const rows = new Set(sheet.hiddenRows ?? []);
        for (let r = rect.r1 + 1; r <= rect.r2 + 1; r++) if (v === true) rows.add(r); else rows.delete(r);
        sheet.hiddenRows = [...rows].sort((a, b) => a - b);
      },
    ),
    columnHidden: rw(
      (obj) => {
        const { sheet, rect } = rangeOf(obj);
        return hiddenState(new Set((sheet.hiddenColumns ?? []).map((c) => columnIndex(c) ?? -1)), rect.c1, rect.c2);
      },
      (obj, v) => {
        const { sheet, rect } = rangeForWrite(obj, "Range.columnHidden");
        const cols = new Set(sheet.hiddenColumns ?? []);
        for (let c = rect.c1; c <= rect.c2; c++) if (v === true) cols.add(columnName(c)); else cols.delete(columnName(c));
        sheet.hiddenColumns = [...cols];
      },
    ),
  },
  navs: {
    format: same(() => RANGE_FORMAT, ".format"),
    dataValidation: same(() => DATA_VALIDATION, ".dataValidation"),
    conditionalFormats: same(() => CF_COLLECTION, ".conditionalFormats"),
    worksheet: nav(
      () => WORKSHEET,
      (obj) => makeSheet(obj, ".worksheet", () => (obj.resolve() as RangeTarget | null)?.sheet ?? null),
    ),
  },
  methods: {
    // Sent by Microsoft's client before it splits a write of more than 1,500 cells into blocks
    // (setRangePropertiesInBulk): the whole array must match the range's shape.
    _ValidateArraySize: (obj, [rows, cols]) =>
      obj.call("_ValidateArraySize", [rows, cols], () => {
        const t = rangeForWrite(obj, "Range._ValidateArraySize");
        if (rows !== t.rect.r2 - t.rect.r1 + 1 || cols !== t.rect.c2 - t.rect.c1 + 1) {
          throw hostError("InvalidArgument", `an array of ${q(rows)} × ${q(cols)} does not match the range's shape`, "Range._ValidateArraySize");
        }
      }),
    merge: (obj, args) =>
      obj.call("merge", args, () => {
        const t = rangeForWrite(obj, "Range.merge");
        engineOf(obj).merge(t.sheet, t.rect, args[0]);
      }),
    unmerge: (obj, args) =>
      obj.call("unmerge", args, () => {
        const t = rangeForWrite(obj, "Range.unmerge");
        engineOf(obj).unmerge(t.sheet, t.rect);
      }),
    select: (obj, args) =>
      obj.call("select", args, () => {
        const t = rangeForWrite(obj, "Range.select");
        engineOf(obj).select(t.sheet, t.rect);
      }),
    clear: (obj, args) =>
      obj.call("clear", args, () => {
        const t = rangeForWrite(obj, "Range.clear");
        engineOf(obj).clear(t.sheet, t.rect, args[0]);
      }),
    getCell: (obj, [row, col]) =>
      derivedRange(obj, `.getCell(${q(row)}, ${q(col)})`, (t) => {
        const r = t.rect.r1 + integerArg(row, "Range.getCell");
        const c = t.rect.c1 + integerArg(col, "Range.getCell");
        return { r1: r, c1: c, r2: r, c2: c };
      }, "Range.getCell").proxy,
    getResizedRange: (obj, [dr, dc]) =>
      derivedRange(obj, `.getResizedRange(${q(dr)}, ${q(dc)})`, (t) => ({
        ...t.rect,
        r2: t.rect.r2 + integerArg(dr, "Range.getResizedRange"),
        c2: t.rect.c2 + integerArg(dc, "Range.getResizedRange"),
      }), "Range.getResizedRange").proxy,
    getOffsetRange: (obj, [dr, dc]) =>
      derivedRange(obj, `.getOffsetRange(${q(dr)}, ${q(dc)})`, (t) => {
        const r = integerArg(dr, "Range.getOffsetRange");
        const c = integerArg(dc, "Range.getOffsetRange");
        return { r1: t.rect.r1 + r, c1: t.rect.c1 + c, r2: t.rect.r2 + r, c2: t.rect.c2 + c };
      }, "Range.getOffsetRange").proxy,
    getRow: (obj, [i]) =>
      derivedRange(obj, `.getRow(${q(i)})`, (t) => {
        const r = t.rect.r1 + integerArg(i, "Range.getRow");
        if (r > t.rect.r2) throw hostError("InvalidArgument", "row index outside the range", "Range.getRow");
        return { ...t.rect, r1: r, r2: r };
      }, "Range.getRow").proxy,
    getColumn: (obj, [i]) =>
      derivedRange(obj, `.getColumn(${q(i)})`, (t) => {
        const c = t.rect.c1 + integerArg(i, "Range.getColumn");
        if (c > t.rect.c2) throw hostError("InvalidArgument", "column index outside the range", "Range.getColumn");
        return { ...t.rect, c1: c, c2: c };
      }, "Range.getColumn").proxy,
    getEntireColumn: (obj) => derivedRange(obj, ".getEntireColumn()", (t) => ({ ...t.rect, r1: 0, r2: MAX_ROWS - 1 }), "Range.getEntireColumn").proxy,
    getEntireRow: (obj) => derivedRange(obj, ".getEntireRow()", (t) => ({ ...t.rect, c1: 0, c2: MAX_COLS - 1 }), "Range.getEntireRow").proxy,
    getLastCell: (obj) => derivedRange(obj, ".getLastCell()", (t) => ({ r1: t.rect.r2, c1: t.rect.c2, r2: t.rect.r2, c2: t.rect.c2 }), "Range.getLastCell").proxy,
    getLastRow: (obj) => derivedRange(obj, ".getLastRow()", (t) => ({ ...t.rect, r1: t.rect.r2 }), "Range.getLastRow").proxy,
    getLastColumn: (obj) => derivedRange(obj, ".getLastColumn()", (t) => ({ ...t.rect, c1: t.rect.c2 }), "Range.getLastColumn").proxy,
    getIntersection: (obj, [other]) => intersectionRange(obj, other, false).proxy,
    getIntersectionOrNullObject: (obj, [other]) => intersectionRange(obj, other, true).proxy,
    getBoundingRect: (obj, [other]) =>
      derivedRange(obj, ".getBoundingRect(…)", (t) => {
        const o = otherRect(obj, t, other, "Range.getBoundingRect");
        return boundingRect([t.rect, o]) ?? t.rect;
      }, "Range.getBoundingRect").proxy,
    getUsedRange: (obj, [valuesOnly]) => usedRangeOfRange(obj, valuesOnly, false).proxy,
    getUsedRangeOrNullObject: (obj, [valuesOnly]) => usedRangeOfRange(obj, valuesOnly, true).proxy,
    getMergedAreasOrNullObject: (obj) =>
      rangeAreas(obj, ".getMergedAreasOrNullObject()", () => {
        const t = obj.resolve() as RangeTarget | null;
        if (!t || engineOf(obj).quirks.has("mergesUnseen")) return null;
        const rects = engineOf(obj).mergedAreas(t.sheet, t.rect);
        return rects.length ? { sheet: t.sheet, rects } : null;
      }).proxy,
  },
});

function otherRect(obj: ClientObject, t: RangeTarget, other: unknown, location: string): Rect {
  if (typeof other === "string") return engineOf(obj).resolveAddress(t.sheet, other, location);
  const o = unwrap(other);
  const ot = o?.resolve() as RangeTarget | null | undefined;
  if (!ot || ot.sheet.id !== t.sheet.id) throw hostError("InvalidArgument", "the other range must be on the same sheet", location);
  return ot.rect;
}

function intersectionRange(obj: ClientObject, other: unknown, orNull: boolean): ClientObject {
  const location = orNull ? "Range.getIntersectionOrNullObject" : "Range.getIntersection";
  return derivedRange(obj, `.${location.split(".")[1]}(…)`, (t) => {
    const i = intersect(t.rect, otherRect(obj, t, other, location));
    if (!i && !orNull) throw hostError("ItemNotFound", "the ranges do not intersect", location);
    return i ?? null;
  }, location);
}

function usedRangeOfRange(obj: ClientObject, valuesOnly: unknown, orNull: boolean): ClientObject {
  const location = orNull ? "Range.getUsedRangeOrNullObject" : "Range.getUsedRange";
  return derivedRange(obj, `.${location.split(".")[1]}(${q(valuesOnly)})`, (t) => {
    const used = engineOf(obj).usedRect(t.sheet, valuesOnly === true);
    const i = used && intersect(used, t.rect);
    if (!i && !orNull) throw hostError("ItemNotFound", "the range has no used cells", location);
    return i ?? null;
  }, location);
}

const RANGE_COLLECTION: TypeDef = def("RangeCollection", {
  collection: {
    itemType: () => RANGE,
    list: (obj) => {
      const t = obj.resolve() as { sheet: SheetModel; rects: Rect[] };
      return t.rects.map((rect, i) => makeRange(obj, `.getItemAt(${i})`, () => ({ sheet: t.sheet, rect })));
    },
  },
});

const RANGE_AREAS: TypeDef = def("RangeAreas", {
  props: {
    address: ro((obj) => {
      const t = obj.resolve() as { sheet: SheetModel; rects: Rect[] };
      return t.rects.map((r) => formatAddress(t.sheet.name, r)).join(",");
    }),
    areaCount: ro((obj) => (obj.resolve() as { rects: Rect[] }).rects.length),
    cellCount: ro((obj) => (obj.resolve() as { rects: Rect[] }).rects.reduce((n, r) => n + rectArea(r), 0)),
  },
  navs: { areas: same(() => RANGE_COLLECTION, ".areas") },
});

// ------------------------------------------------------------------ conditional formats

const cfOf = (obj: ClientObject): CfTarget => obj.resolve() as CfTarget;
function customForWrite(obj: ClientObject, location: string): CustomCfModel {
  const t = obj.resolveForWrite(location) as CfTarget;
  if (t.cf.kind !== "custom") throw hostError("InvalidOperation", "not a custom conditional format", location);
  return t.cf;
}

function cfProp<K extends "fill" | "fontColor" | "bold" | "italic">(key: K, check: (v: unknown, l: string) => CustomCfModel[K] | undefined, location: string): PropDef {
  return rw(
    (obj) => {
      const cf = cfOf(obj).cf;
      return cf.kind === "custom" ? (cf[key] ?? null) : null;
    },
    (obj, v) => {
      const cf = customForWrite(obj, location);
      const value = check(v, location);
      if (value === undefined) delete cf[key];
      else cf[key] = value;
    },
  );
}

const CF_FILL: TypeDef = def("ConditionalRangeFill", {
  props: { color: cfProp("fill", (v, l) => (v === "" ? undefined : color(v, l)), "ConditionalRangeFill.color") },
  methods: {
    clear: (obj, args) => obj.call("clear", args, () => void delete customForWrite(obj, "ConditionalRangeFill.clear").fill),
  },
});

const CF_FONT: TypeDef = def("ConditionalRangeFont", {
  props: {
    color: cfProp("fontColor", (v, l) => (v === "" ? undefined : color(v, l)), "ConditionalRangeFont.color"),
    bold: cfProp("bold", (v, l) => bool(v, l), "ConditionalRangeFont.bold"),
    italic: cfProp("italic", (v, l) => bool(v, l), "ConditionalRangeFont.italic"),
  },
  methods: {
    clear: (obj, args) =>
      obj.call("clear", args, () => {
        const cf = customForWrite(obj, "ConditionalRangeFont.clear");
        delete cf.fontColor;
        delete cf.bold;
        delete cf.italic;
      }),
  },
});

const CF_RANGE_FORMAT: TypeDef = def("ConditionalRangeFormat", {
  navs: { fill: same(() => CF_FILL, ".fill"), font: same(() => CF_FONT, ".font") },
});

function ruleFormula(location: string): PropDef {
  return rw(
    (obj) => {
      const cf = cfOf(obj).cf;
      return cf.kind === "custom" ? cf.formula : null;
    },
    (obj, v) => {
      const cf = customForWrite(obj, location);
      const f = str(v, location);
      if (f === "") throw hostError("InvalidArgument", "a conditional format rule needs a formula", location);
      if (engineOf(obj).quirks.has("intersectionRefused") && /[A-Z]+\$?\d+\s+[A-Za-z_]/.test(f)) throw hostError("InvalidArgument", "the intersection operator is refused here (misbehaviour)", location);
      cf.formula = f;
    },
  );
}

const CF_RULE: TypeDef = def("ConditionalFormatRule", {
  props: { formula: ruleFormula("ConditionalFormatRule.formula"), formulaLocal: ruleFormula("ConditionalFormatRule.formulaLocal") },
});

const CUSTOM_CF: TypeDef = def("CustomConditionalFormat", {
  navs: { rule: same(() => CF_RULE, ".rule"), format: same(() => CF_RANGE_FORMAT, ".format") },
});

/**
 * A conditional format is addressed by position, as in Excel (its id is its priority in the
 * collection): the object finds its rule again by `locate` in every batch, so a rule deleted before
 * it in an earlier batch shifts it onto the next rule. Within one batch it stays on the rule it found.
 */
function cfObject(parent: ClientObject, suffix: string, locate: () => CfTarget | null): ClientObject {
  let bound: { generation: number; target: CfTarget | null } | undefined;
  return parent.child(CONDITIONAL_FORMAT, suffix, () => {
    const generation = parent.ctx.generation;
    if (bound === undefined || bound.generation !== generation) {
      bound = { generation, target: locate() };
      return bound.target;
    }
    const t = bound.target;
    if (t === null) return null;
    if (!t.sheet.conditionalFormats.includes(t.cf)) throw hostError("ItemNotFound", "the conditional format was deleted", "ConditionalFormat");
    return t;
  });
}

/** The rule at `index` of a range's collection now (ConditionalFormatCollection.getItemAt, getItem(id)). */
function cfAt(obj: ClientObject, index: number, location: string): CfTarget {
  const t = rangeOf(obj);
  const cf = engineOf(obj).conditionalFormatsIn(t.sheet, t.rect)[index];
  if (!cf) throw hostError("ItemNotFound", `no conditional format at position ${index}`, location);
  return { sheet: t.sheet, cf, scope: t.rect };
}

const CONDITIONAL_FORMAT: TypeDef = def("ConditionalFormat", {
  props: {
    type: ro((obj) => {
      const cf = cfOf(obj).cf;
      return cf.kind === "custom" ? "Custom" : cf.type;
    }),
    // Excel: "The priority of the conditional format in the current ConditionalFormatCollection."
    id: ro((obj) => {
      const t = cfOf(obj);
      const list = t.scope ? engineOf(obj).conditionalFormatsIn(t.sheet, t.scope) : t.sheet.conditionalFormats;
      return String(list.indexOf(t.cf));
    }),
    priority: rw(
      (obj) => {
        const t = cfOf(obj);
        return t.sheet.conditionalFormats.indexOf(t.cf);
      },
      (obj, v) => {
        const t = obj.resolveForWrite("ConditionalFormat.priority") as CfTarget;
        engineOf(obj).setConditionalFormatPriority(t.sheet, t.cf, v, "ConditionalFormat.priority");
      },
    ),
    stopIfTrue: rw(
      (obj) => cfOf(obj).cf.stopIfTrue,
      (obj, v) => {
        (obj.resolveForWrite("ConditionalFormat.stopIfTrue") as CfTarget).cf.stopIfTrue = bool(v, "ConditionalFormat.stopIfTrue");
      },
    ),
  },
  navs: {
    custom: nav(
      () => CUSTOM_CF,
      (obj) =>
        obj.child(CUSTOM_CF, ".custom", () => {
          const t = obj.resolve() as CfTarget | null;
          return t && t.cf.kind === "custom" ? t : null;
        }),
    ),
    // ExcelApi 1.6: a null object (isNullObject after sync) when the rule is not custom.
    customOrNullObject: nav(
      () => CUSTOM_CF,
      (obj) =>
        obj.child(CUSTOM_CF, ".customOrNullObject", () => {
          const t = obj.resolve() as CfTarget | null;
          return t && t.cf.kind === "custom" ? t : null;
        }),
    ),
  },
  methods: {
    delete: (obj, args) =>
      obj.call("delete", args, () => {
        const t = obj.resolveForWrite("ConditionalFormat.delete") as CfTarget;
        engineOf(obj).deleteConditionalFormat(t.sheet, t.cf);
      }),
    getRange: (obj) =>
      makeRange(obj, ".getRange()", () => {
        const t = cfOf(obj);
        const rects = engineOf(obj).cfRects(t.cf);
        if (rects.length !== 1 || !rects[0]) throw new NotImplementedError("ConditionalFormat.getRange on a multi-area rule", "use getRanges()");
        return { sheet: t.sheet, rect: rects[0] };
      }).proxy,
    getRangeOrNullObject: (obj) =>
      makeRange(obj, ".getRangeOrNullObject()", () => {
        const t = obj.resolve() as CfTarget | null;
        const rects = t ? engineOf(obj).cfRects(t.cf) : [];
        return t && rects.length === 1 && rects[0] ? { sheet: t.sheet, rect: rects[0] } : null;
      }).proxy,
    getRanges: (obj) =>
      rangeAreas(obj, ".getRanges()", () => {
        const t = obj.resolve() as CfTarget | null;
        return t ? { sheet: t.sheet, rects: engineOf(obj).cfRects(t.cf) } : null;
      }).proxy,
  },
});

const CF_COLLECTION: TypeDef = def("ConditionalFormatCollection", {
  methods: {
    add: (obj, [type]) => {
      if (type !== "Custom") throw new NotImplementedError(`ConditionalFormatCollection.add(${q(type)})`, 'only "Custom" is modelled');
      let created: CfTarget | undefined;
      obj.call("add", [type], () => {
        const t = rangeForWrite(obj, "ConditionalFormatCollection.add");
        created = { sheet: t.sheet, cf: engineOf(obj).addCustomConditionalFormat(t.sheet, t.rect), scope: t.rect };
      });
      return cfObject(obj, `.add(${q(type)})`, () => {
        if (!created) throw hostError("ItemNotFound", "the conditional format was not created", "ConditionalFormatCollection.add");
        return created;
      }).proxy;
    },
    getCount: (obj, args) =>
      obj.callForResult("getCount", args, () => {
        const t = rangeOf(obj);
        return engineOf(obj).conditionalFormatsIn(t.sheet, t.rect).length;
      }),
    getItem: (obj, [id]) =>
      cfObject(obj, `.getItem(${q(id)})`, () => {
        const location = "ConditionalFormatCollection.getItem";
        if (typeof id !== "string" || !/^\d+$/.test(id)) throw hostError("ItemNotFound", `no conditional format ${q(id)} here (an id is a position)`, location);
        return cfAt(obj, Number(id), location);
      }).proxy,
    getItemAt: (obj, [index]) => cfObject(obj, `.getItemAt(${q(index)})`, () => cfAt(obj, integerArg(index, "ConditionalFormatCollection.getItemAt"), "ConditionalFormatCollection.getItemAt")).proxy,
    clearAll: (obj, args) =>
      obj.call("clearAll", args, () => {
        const t = rangeForWrite(obj, "ConditionalFormatCollection.clearAll");
        engineOf(obj).clearConditionalFormats(t.sheet, t.rect);
      }),
  },
  collection: {
    itemType: () => CONDITIONAL_FORMAT,
    // Items are addressed by position (getItemAt), as Microsoft's client addresses them in later batches.
    list: (obj) => {
      const t = rangeOf(obj);
      const now = engineOf(obj).conditionalFormatsIn(t.sheet, t.rect);
      return now.map((cf, i) => {
        let first = true;
        return cfObject(obj, `.getItemAt(${i})`, () => {
          if (first) {
            first = false;
            return { sheet: t.sheet, cf, scope: t.rect };
          }
          return cfAt(obj, i, "ConditionalFormatCollection.getItemAt");
        });
      });
    },
  },
});

// ------------------------------------------------------------------ worksheet

/** Excel's »Normal« margins in inches: what a new sheet has. */
const DEFAULT_MARGINS = { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } as const;

/** ExcelApi 1.9: PageLayout.headersFooters.defaultForAllPages; the footer texts use Excel's codes (&P, &N). */
const FOOTER_PARTS = { leftFooter: "left", centerFooter: "center", rightFooter: "right" } as const;
const HEADER_FOOTER: TypeDef = def("HeaderFooter", {
  props: Object.fromEntries(
    Object.entries(FOOTER_PARTS).map(([prop, part]) => [
      prop,
      rw(
        (obj) => sheetOf(obj).pageSetup.footer?.[part] ?? "",
        (obj, v) => {
          const location = `HeaderFooter.${prop}`;
          const setup = sheetForWrite(obj, location).pageSetup;
          setup.footer = { ...setup.footer, [part]: str(v, location) };
        },
      ),
    ]),
  ),
});
const HEADER_FOOTER_GROUP: TypeDef = def("HeaderFooterGroup", {
  navs: { defaultForAllPages: same(() => HEADER_FOOTER, ".defaultForAllPages") },
});

const PAGE_LAYOUT: TypeDef = def("PageLayout", {
  props: {
    paperSize: rw(
      (obj) => PAPER_OUT[sheetOf(obj).pageSetup.paperSize ?? 1] ?? null,
      (obj, v) => {
        const size = typeof v === "string" ? PAPER[v] : undefined;
        if (size === undefined) throw hostError("InvalidArgument", `${q(v)} is not a paper type this host knows (${Object.keys(PAPER).join(", ")})`, "PageLayout.paperSize");
        sheetForWrite(obj, "PageLayout.paperSize").pageSetup.paperSize = size;
      },
    ),
    orientation: rw(
      (obj) => (sheetOf(obj).pageSetup.orientation === "landscape" ? "Landscape" : "Portrait"),
      (obj, v) => {
        sheetForWrite(obj, "PageLayout.orientation").pageSetup.orientation = oneOf(v, { Portrait: "portrait", Landscape: "landscape" } as const, "PageLayout.orientation");
      },
    ),
    ...Object.fromEntries(
      (["left", "right", "top", "bottom", "header", "footer"] as const).map((side) => [
        `${side}Margin`,
        rw(
          (obj) => (sheetOf(obj).pageSetup.margins?.[side] ?? DEFAULT_MARGINS[side]) * 72,
          (obj, v) => {
            const location = `PageLayout.${side}Margin`;
            const p = sheetForWrite(obj, location).pageSetup;
            // Points in Office.js; kept in inches as the file stores them.
            p.margins = { ...DEFAULT_MARGINS, ...p.margins, [side]: num(v, location, 0, 49 * 72) / 72 };
          },
        ),
      ]),
    ),
    zoom: rw(
      (obj) => {
        const p = sheetOf(obj).pageSetup;
        return p.fitToPage ? { horizontalFitToPages: p.fitToWidth ?? 1, verticalFitToPages: p.fitToHeight ?? 1 } : { scale: p.scale ?? 100 };
      },
      (obj, v) => {
        const location = "PageLayout.zoom";
        const p = sheetForWrite(obj, location).pageSetup;
        if (typeof v !== "object" || v === null) throw hostError("InvalidArgument", "zoom must be an object", location);
        const z = v as { horizontalFitToPages?: unknown; verticalFitToPages?: unknown; scale?: unknown };
        for (const k of Object.keys(z)) if (!["horizontalFitToPages", "verticalFitToPages", "scale"].includes(k)) throw hostError("InvalidArgument", `unknown zoom option ${k}`, location);
        const h = z.horizontalFitToPages;
        const vt = z.verticalFitToPages;
        if (h !== undefined || vt !== undefined) {
          if (z.scale !== undefined) throw hostError("InvalidArgument", "zoom takes either a scale or fit-to-pages, not both", location);
          p.fitToPage = true;
          p.fitToWidth = h === undefined ? 1 : num(h, location, 0, 32767);
          p.fitToHeight = vt === undefined ? 1 : num(vt, location, 0, 32767);
          delete p.scale;
        } else if (z.scale !== undefined && engineOf(obj).quirks.has("scaleBecomesFitTo")) {
          num(z.scale, location, 10, 400);
          p.fitToPage = true;
          p.fitToWidth = 1;
          p.fitToHeight = 1;
          delete p.scale;
        } else if (z.scale !== undefined) {
          p.scale = num(z.scale, location, 10, 400);
          p.fitToPage = false;
          delete p.fitToWidth;
          delete p.fitToHeight;
        }
      },
    ),
  },
  navs: { headersFooters: same(() => HEADER_FOOTER_GROUP, ".headersFooters") },
  methods: {
    setPrintArea: (obj, [area]) =>
      obj.call("setPrintArea", [area], () => {
        const location = "PageLayout.setPrintArea";
        const sheet = sheetForWrite(obj, location);
        const o = unwrap(area);
        const rect = o ? (o.resolveForWrite(location) as RangeTarget).rect : engineOf(obj).resolveAddress(sheet, area, location);
        sheet.pageSetup.printArea = rectToA1(rect);
      }),
    /** The print area as set (one area here), or a null object when the sheet has none. */
    getPrintAreaOrNullObject: (obj) =>
      rangeAreas(obj, ".getPrintAreaOrNullObject()", () => {
        const sheet = sheetOf(obj);
        const area = sheet.pageSetup.printArea;
        return area ? { sheet, rects: [mustParseRangeRef(area)] } : null;
      }).proxy,
  },
});

/** ExcelApi 1.9: one manual page break; a horizontal break before row `rowIndex` (0-based) of column 0. */
const PAGE_BREAK: TypeDef = def("PageBreak", {
  props: {
    rowIndex: ro((obj) => (obj.resolve() as { row: number }).row),
    columnIndex: ro(() => 0),
  },
  methods: {
    /** The first cell after the break: column A of the row the break comes before. */
    getCellAfterBreak: (obj) =>
      makeRange(obj, ".getCellAfterBreak()", () => {
        const b = obj.resolve() as { sheet: SheetModel; row: number } | null;
        return b ? { sheet: b.sheet, rect: { r1: b.row, c1: 0, r2: b.row, c2: 0 } } : null;
      }).proxy,
  },
});

function pageBreakAt(obj: ClientObject, index: unknown, location: string): ClientObject {
  return obj.child(PAGE_BREAK, `.getItemAt(${q(index)})`, () => {
    const sheet = sheetOf(obj);
    const row = (sheet.pageSetup.rowBreaks ?? [])[integerArg(index, location)];
    if (row === undefined) throw hostError("ItemNotFound", `no page break ${q(index)}`, location);
    return { sheet, row };
  });
}

/** ExcelApi 1.9: Worksheet.horizontalPageBreaks; `add(range)` breaks the page before the range's first row. */
const PAGE_BREAKS: TypeDef = def("PageBreakCollection", {
  methods: {
    removePageBreaks: (obj, args) =>
      obj.call("removePageBreaks", args, () => {
        delete sheetForWrite(obj, "PageBreakCollection.removePageBreaks").pageSetup.rowBreaks;
      }),
    add: (obj, [range]) =>
      obj.call("add", [range], () => {
        const location = "PageBreakCollection.add";
        const sheet = sheetForWrite(obj, location);
        const o = unwrap(range);
        const rect = o ? (o.resolveForWrite(location) as RangeTarget).rect : engineOf(obj).resolveAddress(sheet, range, location);
        if (rect.r1 === 0) throw hostError("InvalidArgument", "a page break cannot be placed before the first row", location);
        if (engineOf(obj).quirks.has("pageBreaksDropped")) return;
        const breaks = new Set(sheet.pageSetup.rowBreaks ?? []);
        breaks.add(rect.r1);
        sheet.pageSetup.rowBreaks = [...breaks].sort((a, b) => a - b);
      }),
    getCount: (obj, args) => obj.callForResult("getCount", args, () => (sheetOf(obj).pageSetup.rowBreaks ?? []).length),
    getItem: (obj, [index]) => pageBreakAt(obj, index, "PageBreakCollection.getItem").proxy,
    getItemAt: (obj, [index]) => pageBreakAt(obj, index, "PageBreakCollection.getItemAt").proxy,
  },
  collection: {
    itemType: () => PAGE_BREAK,
    list: (obj) => {
      const sheet = sheetOf(obj);
      return (sheet.pageSetup.rowBreaks ?? []).map((_, i) => pageBreakAt(obj, i, "PageBreakCollection.getItemAt"));
    },
  },
});

const FREEZE_PANES: TypeDef = def("WorksheetFreezePanes", {
  methods: {
    freezeRows: (obj, [count]) =>
      obj.call("freezeRows", [count], () => {
        const sheet = sheetForWrite(obj, "WorksheetFreezePanes.freezeRows");
        const n = count === undefined ? 1 : integerArg(count, "WorksheetFreezePanes.freezeRows");
        sheet.freeze = { rows: n, columns: 0 };
      }),
    freezeColumns: (obj, [count]) =>
      obj.call("freezeColumns", [count], () => {
        const sheet = sheetForWrite(obj, "WorksheetFreezePanes.freezeColumns");
        const n = count === undefined ? 1 : integerArg(count, "WorksheetFreezePanes.freezeColumns");
        sheet.freeze = { rows: 0, columns: n };
      }),
    unfreeze: (obj, args) =>
      obj.call("unfreeze", args, () => {
        delete sheetForWrite(obj, "WorksheetFreezePanes.unfreeze").freeze;
      }),
    getLocationOrNullObject: (obj) =>
      makeRange(obj, ".getLocationOrNullObject()", () => {
        const s = obj.resolve() as SheetModel | null;
        const f = s?.freeze;
        if (!s || !f || (f.rows === 0 && f.columns === 0)) return null;
        const r2 = f.rows === 0 ? MAX_ROWS - 1 : f.rows - 1;
        const c2 = f.columns === 0 ? MAX_COLS - 1 : f.columns - 1;
        return { sheet: s, rect: { r1: 0, c1: 0, r2, c2 } };
      }).proxy,
  },
});

function sheetRange(obj: ClientObject, suffix: string, rectOf: (e: Engine, s: SheetModel) => Rect | null): ClientObject {
  return makeRange(obj, suffix, () => {
    const s = obj.resolve() as SheetModel | null;
    if (!s) return null;
    const rect = rectOf(engineOf(obj), s);
    return rect ? { sheet: s, rect } : null;
  });
}

function neighbourSheet(obj: ClientObject, direction: 1 | -1, visibleOnly: unknown, orNull: boolean, name: string): ClientObject {
  return makeSheet(obj, `.${name}()`, () => {
    const s = obj.resolve() as SheetModel | null;
    if (!s) return null;
    const sheets = engineOf(obj).model.sheets;
    for (let i = sheets.indexOf(s) + direction; i >= 0 && i < sheets.length; i += direction) {
      const x = sheets[i];
      if (x && (visibleOnly !== true || x.visibility === "visible")) return x;
    }
    if (orNull) return null;
    throw hostError("ItemNotFound", "there is no such sheet", `Worksheet.${name}`);
  });
}

/** ExcelApi 1.2 Worksheet.protection: `protected`, protect() and unprotect() (without options or password). */
const PROTECTION: TypeDef = def("WorksheetProtection", {
  props: { protected: ro((obj) => sheetOf(obj).protected === true) },
  methods: {
    protect: (obj, args) =>
      obj.call("protect", args, () => {
        if (args.some((a) => a !== undefined && a !== null)) throw new NotImplementedError("WorksheetProtection.protect with options or a password");
        sheetForWrite(obj, "WorksheetProtection.protect").protected = true;
      }),
    unprotect: (obj, args) =>
      obj.call("unprotect", args, () => {
        if (args.some((a) => a !== undefined && a !== null)) throw new NotImplementedError("WorksheetProtection.unprotect with a password");
        delete sheetForWrite(obj, "WorksheetProtection.unprotect").protected;
      }),
  },
});

const WORKSHEET: TypeDef = def("Worksheet", {
  props: {
    name: rw(
      (obj) => sheetOf(obj).name,
      (obj, v) => engineOf(obj).renameSheet(sheetForWrite(obj, "Worksheet.name"), v),
    ),
    id: ro((obj) => sheetOf(obj).id),
    position: rw(
      (obj) => engineOf(obj).model.sheets.indexOf(sheetOf(obj)),
      (obj, v) => engineOf(obj).setPosition(sheetForWrite(obj, "Worksheet.position"), v),
    ),
    visibility: rw(
      (obj) => ({ visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" })[sheetOf(obj).visibility],
      (obj, v) => engineOf(obj).setVisibility(sheetForWrite(obj, "Worksheet.visibility"), v),
    ),
    tabColor: rw(
      (obj) => sheetOf(obj).tabColor ?? "",
      (obj, v) => {
        const s = sheetForWrite(obj, "Worksheet.tabColor");
        if (v === "") delete s.tabColor;
        else s.tabColor = color(v, "Worksheet.tabColor");
      },
    ),
    showGridlines: rw(
      (obj) => sheetOf(obj).showGridlines,
      (obj, v) => {
        sheetForWrite(obj, "Worksheet.showGridlines").showGridlines = bool(v, "Worksheet.showGridlines");
      },
    ),
    standardWidth: ro(() => 8.43),
    standardHeight: ro(() => 15),
  },
  navs: {
    pageLayout: same(() => PAGE_LAYOUT, ".pageLayout"),
    horizontalPageBreaks: same(() => PAGE_BREAKS, ".horizontalPageBreaks"),
    freezePanes: same(() => FREEZE_PANES, ".freezePanes"),
    protection: same(() => PROTECTION, ".protection"),
    names: same(() => SHEET_NAMES, ".names"),
  },
  methods: {
    activate: (obj, args) => obj.call("activate", args, () => engineOf(obj).activate(sheetForWrite(obj, "Worksheet.activate"))),
    delete: (obj, args) => obj.call("delete", args, () => engineOf(obj).deleteSheet(sheetForWrite(obj, "Worksheet.delete"))),
    getRange: (obj, [address]) => sheetRange(obj, `.getRange(${address === undefined ? "" : q(address)})`, (e, s) => e.resolveAddress(s, address)).proxy,
    getRangeByIndexes: (obj, [r, c, h, w]) => sheetRange(obj, `.getRangeByIndexes(${[r, c, h, w].map(q).join(", ")})`, (e) => e.rangeByIndexes(r, c, h, w)).proxy,
    getCell: (obj, [r, c]) => sheetRange(obj, `.getCell(${q(r)}, ${q(c)})`, (e) => e.rangeByIndexes(r, c, 1, 1, "Worksheet.getCell")).proxy,
    getUsedRange: (obj, [valuesOnly]) =>
      sheetRange(obj, `.getUsedRange(${valuesOnly === undefined ? "" : q(valuesOnly)})`, (e, s) => e.usedRect(s, valuesOnly === true) ?? { r1: 0, c1: 0, r2: 0, c2: 0 }).proxy,
    getUsedRangeOrNullObject: (obj, [valuesOnly]) =>
      sheetRange(obj, `.getUsedRangeOrNullObject(${valuesOnly === undefined ? "" : q(valuesOnly)})`, (e, s) => e.usedRect(s, valuesOnly === true) ?? null).proxy,
    getNext: (obj, [visibleOnly]) => neighbourSheet(obj, 1, visibleOnly, false, "getNext").proxy,
    getNextOrNullObject: (obj, [visibleOnly]) => neighbourSheet(obj, 1, visibleOnly, true, "getNextOrNullObject").proxy,
    getPrevious: (obj, [visibleOnly]) => neighbourSheet(obj, -1, visibleOnly, false, "getPrevious").proxy,
    getPreviousOrNullObject: (obj, [visibleOnly]) => neighbourSheet(obj, -1, visibleOnly, true, "getPreviousOrNullObject").proxy,
  },
});

function sheetsIn(obj: ClientObject, visibleOnly: unknown): SheetModel[] {
  const sheets = engineOf(obj).model.sheets;
  return visibleOnly === true ? sheets.filter((s) => s.visibility === "visible") : sheets;
}

const WORKSHEETS: TypeDef = def("WorksheetCollection", {
  methods: {
    getItem: (obj, [key]) =>
      makeSheet(obj, `.getItem(${q(key)})`, () => {
        const s = typeof key === "string" ? engineOf(obj).findSheet(key) : undefined;
        if (!s) throw hostError("ItemNotFound", `no worksheet named ${q(key)}`, "WorksheetCollection.getItem");
        return s;
      }).proxy,
    getItemOrNullObject: (obj, [key]) => makeSheet(obj, `.getItemOrNullObject(${q(key)})`, () => (typeof key === "string" ? engineOf(obj).findSheet(key) : undefined) ?? null).proxy,
    // A chart sheet active: the sync fails (OfficeDev/office-js#2444; engine.activeWorksheet).
    getActiveWorksheet: (obj) => makeSheet(obj, ".getActiveWorksheet()", () => engineOf(obj).activeWorksheet()).proxy,
    getFirst: (obj, [visibleOnly]) =>
      makeSheet(obj, ".getFirst()", () => {
        const s = sheetsIn(obj, visibleOnly)[0];
        if (!s) throw hostError("ItemNotFound", "no sheet", "WorksheetCollection.getFirst");
        return s;
      }).proxy,
    getLast: (obj, [visibleOnly]) =>
      makeSheet(obj, ".getLast()", () => {
        const list = sheetsIn(obj, visibleOnly);
        const s = list[list.length - 1];
        if (!s) throw hostError("ItemNotFound", "no sheet", "WorksheetCollection.getLast");
        return s;
      }).proxy,
    getCount: (obj, [visibleOnly]) => obj.callForResult("getCount", [visibleOnly], () => sheetsIn(obj, visibleOnly).length),
    add: (obj, [name]) => {
      let created: SheetModel | undefined;
      obj.call("add", [name], () => {
        created = engineOf(obj).addSheet(name === undefined ? undefined : (name as string));
      });
      return makeSheet(obj, `.add(${name === undefined ? "" : q(name)})`, () => {
        if (!created) throw hostError("ItemNotFound", "the worksheet was not added", "WorksheetCollection.add");
        return created;
      }).proxy;
    },
  },
  collection: {
    itemType: () => WORKSHEET,
    list: (obj) => engineOf(obj).model.sheets.map((s) => makeSheet(obj, `.getItem(${q(s.name)})`, () => s)),
  },
});

// ------------------------------------------------------------------ names

function nameObject(parent: ClientObject, suffix: string, locate: () => NameModel | null): ClientObject {
  let bound: NameModel | null | undefined;
  return parent.child(NAMED_ITEM, suffix, () => {
    if (bound === undefined) {
      bound = locate();
      return bound;
    }
    if (bound === null) return null;
    if (!engineOf(parent).model.names.includes(bound)) throw hostError("ItemNotFound", `the name ${bound.name} was deleted`, "NamedItem");
    return bound;
  });
}

const nameOf = (obj: ClientObject): NameModel => obj.resolve() as NameModel;

function namedRange(obj: ClientObject, orNull: boolean): ClientObject {
  const location = orNull ? "NamedItem.getRangeOrNullObject" : "NamedItem.getRange";
  return makeRange(obj, `.${location.split(".")[1]}()`, () => {
    const n = obj.resolve() as NameModel | null;
    const t = n ? engineOf(obj).nameTarget(n) : undefined;
    if (t) return t;
    if (orNull) return null;
    throw hostError("InvalidReference", `the name ${n?.name ?? "?"} does not refer to a range`, location);
  });
}

const NAMED_ITEM: TypeDef = def("NamedItem", {
  props: {
    name: ro((obj) => nameOf(obj).name),
    formula: rw(
      (obj) => nameOf(obj).formula,
      (obj, v) => {
        const f = str(v, "NamedItem.formula");
        (obj.resolveForWrite("NamedItem.formula") as NameModel).formula = Engine.canonicalFormula(f.startsWith("=") ? f : `=${f}`);
      },
    ),
    type: ro((obj) => engineOf(obj).nameType(nameOf(obj))),
    value: ro((obj) => engineOf(obj).nameValue(nameOf(obj))),
    visible: rw(
      (obj) => nameOf(obj).visible,
      (obj, v) => {
        (obj.resolveForWrite("NamedItem.visible") as NameModel).visible = bool(v, "NamedItem.visible");
      },
    ),
    comment: rw(
      (obj) => nameOf(obj).comment,
      (obj, v) => {
        (obj.resolveForWrite("NamedItem.comment") as NameModel).comment = str(v, "NamedItem.comment");
      },
    ),
    scope: ro((obj) => (nameOf(obj).sheetId === undefined ? "Workbook" : "Worksheet")),
  },
  methods: {
    delete: (obj, args) => obj.call("delete", args, () => engineOf(obj).deleteName(obj.resolveForWrite("NamedItem.delete") as NameModel)),
    getRange: (obj) => namedRange(obj, false).proxy,
    getRangeOrNullObject: (obj) => namedRange(obj, true).proxy,
  },
});

/** `Workbook.names` (the workbook's names) or `Worksheet.names` (one sheet's, ExcelApi 1.4). */
function namesDef(scopeOf: (obj: ClientObject) => string | undefined): TypeDef {
  return def("NamedItemCollection", {
  methods: {
    add: (obj, [name, reference, comment]) => {
      let created: NameModel | undefined;
      obj.call("add", [name, reference, comment], () => {
        const location = "NamedItemCollection.add";
        let formula: string;
        const ref = unwrap(reference);
        if (ref) {
          const t = ref.resolveForWrite(location) as RangeTarget;
          formula = `=${formatAddress(t.sheet.name, t.rect, true)}`;
        } else if (typeof reference === "string" && reference !== "") formula = reference;
        else throw hostError("InvalidArgument", "reference must be a Range or a formula string", location);
        created = engineOf(obj).addName(name, formula, comment, location, scopeOf(obj));
      });
      return nameObject(obj, `.add(${q(name)})`, () => {
        if (!created) throw hostError("ItemNotFound", "the name was not added", "NamedItemCollection.add");
        return created;
      }).proxy;
    },
    getItem: (obj, [name]) =>
      nameObject(obj, `.getItem(${q(name)})`, () => {
        const n = typeof name === "string" ? engineOf(obj).findName(name, scopeOf(obj)) : undefined;
        if (!n) throw hostError("ItemNotFound", `no name ${q(name)}`, "NamedItemCollection.getItem");
        return n;
      }).proxy,
    getItemOrNullObject: (obj, [name]) => nameObject(obj, `.getItemOrNullObject(${q(name)})`, () => (typeof name === "string" ? engineOf(obj).findName(name, scopeOf(obj)) : undefined) ?? null).proxy,
    getCount: (obj, args) => obj.callForResult("getCount", args, () => engineOf(obj).namesIn(scopeOf(obj)).length),
  },
  collection: {
    itemType: () => NAMED_ITEM,
    list: (obj) => engineOf(obj).namesIn(scopeOf(obj)).map((n) => nameObject(obj, `.getItem(${q(n.name)})`, () => n)),
  },
});
}

const NAMES: TypeDef = namesDef(() => undefined);
const SHEET_NAMES: TypeDef = namesDef((obj) => (obj.resolve() as SheetModel).id);

// ------------------------------------------------------------------ workbook, application

const APPLICATION: TypeDef = def("Application", {
  // The workbook's calculation mode as loaded from its file (model.ts, WorkbookModel.calculationMode).
  props: { calculationMode: ro((obj) => engineOf(obj).model.calculationMode ?? "Automatic") },
  methods: {
    // calc.ts: the request's changes are not calculated until Application.calculate or a later request.
    suspendApiCalculationUntilNextSync: (obj, args) =>
      obj.call("suspendApiCalculationUntilNextSync", args, () => {
        obj.ctx.host.stats.suspendCalc++;
        obj.ctx.host.calcSuspended = true;
      }),
    suspendScreenUpdatingUntilNextSync: (obj, args) => obj.call("suspendScreenUpdatingUntilNextSync", args, () => void obj.ctx.host.stats.suspendScreen++),
    calculate: (obj, args) =>
      obj.call("calculate", args, () => {
        obj.ctx.host.stats.calculations++;
        if (engineOf(obj).quirks.has("calculateIgnored")) return;
        obj.ctx.host.calcStale = false;
        recalculate(engineOf(obj).model);
      }),
  },
});

function selectedRange(obj: ClientObject, suffix: string, activeCellOnly: boolean): ClientObject {
  return makeRange(obj, suffix, () => {
    const sheet = engineOf(obj).activeSheet();
    const rect = mustParseRangeRef(sheet.selection || "A1");
    return { sheet, rect: activeCellOnly ? { r1: rect.r1, c1: rect.c1, r2: rect.r1, c2: rect.c1 } : rect };
  });
}

const WORKBOOK: TypeDef = def("Workbook", {
  props: { name: ro((obj) => engineOf(obj).model.fileName ?? "Book1.xlsx"), readOnly: ro((obj) => engineOf(obj).model.readOnly === true) },
  navs: {
    worksheets: nav(() => WORKSHEETS, (obj) => obj.child(WORKSHEETS, ".worksheets", () => obj.resolve())),
    names: nav(() => NAMES, (obj) => obj.child(NAMES, ".names", () => obj.resolve())),
    application: nav(() => APPLICATION, (obj) => obj.child(APPLICATION, ".application", () => obj.resolve())),
  },
  methods: {
    getSelectedRange: (obj) => selectedRange(obj, ".getSelectedRange()", false).proxy,
    getActiveCell: (obj) => selectedRange(obj, ".getActiveCell()", true).proxy,
    insertWorksheetsFromBase64: (obj, [base64, options]) =>
      obj.callForResult("insertWorksheetsFromBase64", [base64, options], () => {
        const location = "Workbook.insertWorksheetsFromBase64";
        const ids = insertWorksheets(engineOf(obj), obj.ctx.host.files.get(base64, location), options, obj.ctx.host.platform);
        // office-js#3179: inserted, yet an internal error comes back (the sheets stay).
        if (engineOf(obj).quirks.has("insertReportsError")) throw hostError("GeneralException", "the sheets were inserted, and an internal error was reported (office-js#3179)", location);
        return ids;
      }),
  },
});

export function makeWorkbook(ctx: Context): ClientObject {
  return new ClientObject(ctx, WORKBOOK, "workbook", () => ctx.engine, false);
}

export function makeApplication(ctx: Context): ClientObject {
  return new ClientObject(ctx, APPLICATION, "application", () => ctx.engine, false);
}

/** All modelled types, for documentation and tests. */
export const TYPES: readonly TypeDef[] = [WORKBOOK, APPLICATION, WORKSHEETS, WORKSHEET, PROTECTION, PAGE_LAYOUT, PAGE_BREAKS, FREEZE_PANES, RANGE, DATA_VALIDATION, RANGE_FORMAT, RANGE_FONT, RANGE_FILL, RANGE_BORDERS, RANGE_BORDER, RANGE_AREAS, RANGE_COLLECTION, CF_COLLECTION, CONDITIONAL_FORMAT, CUSTOM_CF, CF_RULE, CF_RANGE_FORMAT, CF_FILL, CF_FONT, NAMES, NAMED_ITEM];
