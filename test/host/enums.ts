/**
 * Office.js enum values as plain objects, for the browser globals (`Excel.SheetVisibility.hidden` …).
 * Generated from @types/office-js; `satisfies` makes tsc fail if a value drifts from the typings.
 */

export const ConditionalFormatType = {
  custom: "Custom",
  dataBar: "DataBar",
  colorScale: "ColorScale",
  iconSet: "IconSet",
  topBottom: "TopBottom",
  presetCriteria: "PresetCriteria",
  containsText: "ContainsText",
  cellValue: "CellValue",
} as const satisfies { [K in keyof typeof Excel.ConditionalFormatType]: `${(typeof Excel.ConditionalFormatType)[K]}` };

export const ErrorCodes = {
  accessDenied: "AccessDenied",
  apiNotFound: "ApiNotFound",
  conflict: "Conflict",
  dirtySupportingFormula: "DirtySupportingFormula",
  emptyChartSeries: "EmptyChartSeries",
  filteredRangeConflict: "FilteredRangeConflict",
  formulaLengthExceedsLimit: "FormulaLengthExceedsLimit",
  generalException: "GeneralException",
  inactiveWorkbook: "InactiveWorkbook",
  insertDeleteConflict: "InsertDeleteConflict",
  invalidArgument: "InvalidArgument",
  invalidBinding: "InvalidBinding",
  invalidOperation: "InvalidOperation",
  invalidReference: "InvalidReference",
  invalidSelection: "InvalidSelection",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  mergedRangeConflict: "MergedRangeConflict",
  nonBlankCellOffSheet: "NonBlankCellOffSheet",
  notImplemented: "NotImplemented",
  openWorkbookLinksBlocked: "OpenWorkbookLinksBlocked",
  operationCellsExceedLimit: "OperationCellsExceedLimit",
  pivotTableRangeConflict: "PivotTableRangeConflict",
  powerQueryRefreshResourceChallenge: "PowerQueryRefreshResourceChallenge",
  rangeExceedsLimit: "RangeExceedsLimit",
  rangeImageExceedsLimit: "RangeImageExceedsLimit",
  refreshWorkbookLinksBlocked: "RefreshWorkbookLinksBlocked",
  requestAborted: "RequestAborted",
  responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
  unsupportedFeature: "UnsupportedFeature",
  unsupportedFillType: "UnsupportedFillType",
  unsupportedOperation: "UnsupportedOperation",
  unsupportedSheet: "UnsupportedSheet",
  invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
} as const satisfies { [K in keyof typeof Excel.ErrorCodes]: `${(typeof Excel.ErrorCodes)[K]}` };

export const SheetVisibility = {
  visible: "Visible",
  hidden: "Hidden",
  veryHidden: "VeryHidden",
} as const satisfies { [K in keyof typeof Excel.SheetVisibility]: `${(typeof Excel.SheetVisibility)[K]}` };

export const HorizontalAlignment = {
  general: "General",
  left: "Left",
  center: "Center",
  right: "Right",
  fill: "Fill",
  justify: "Justify",
  centerAcrossSelection: "CenterAcrossSelection",
  distributed: "Distributed",
} as const satisfies { [K in keyof typeof Excel.HorizontalAlignment]: `${(typeof Excel.HorizontalAlignment)[K]}` };

export const VerticalAlignment = {
  top: "Top",
  center: "Center",
  bottom: "Bottom",
  justify: "Justify",
  distributed: "Distributed",
} as const satisfies { [K in keyof typeof Excel.VerticalAlignment]: `${(typeof Excel.VerticalAlignment)[K]}` };

export const BorderIndex = {
  edgeTop: "EdgeTop",
  edgeBottom: "EdgeBottom",
  edgeLeft: "EdgeLeft",
  edgeRight: "EdgeRight",
  insideVertical: "InsideVertical",
  insideHorizontal: "InsideHorizontal",
  diagonalDown: "DiagonalDown",
  diagonalUp: "DiagonalUp",
} as const satisfies { [K in keyof typeof Excel.BorderIndex]: `${(typeof Excel.BorderIndex)[K]}` };

export const BorderLineStyle = {
  none: "None",
  continuous: "Continuous",
  dash: "Dash",
  dashDot: "DashDot",
  dashDotDot: "DashDotDot",
  dot: "Dot",
  double: "Double",
  slantDashDot: "SlantDashDot",
} as const satisfies { [K in keyof typeof Excel.BorderLineStyle]: `${(typeof Excel.BorderLineStyle)[K]}` };

export const BorderWeight = {
  hairline: "Hairline",
  thin: "Thin",
  medium: "Medium",
  thick: "Thick",
} as const satisfies { [K in keyof typeof Excel.BorderWeight]: `${(typeof Excel.BorderWeight)[K]}` };

export const ClearApplyTo = {
  all: "All",
  formats: "Formats",
  contents: "Contents",
  hyperlinks: "Hyperlinks",
  removeHyperlinks: "RemoveHyperlinks",
  resetContents: "ResetContents",
} as const satisfies { [K in keyof typeof Excel.ClearApplyTo]: `${(typeof Excel.ClearApplyTo)[K]}` };

export const PageOrientation = {
  portrait: "Portrait",
  landscape: "Landscape",
} as const satisfies { [K in keyof typeof Excel.PageOrientation]: `${(typeof Excel.PageOrientation)[K]}` };

export const PaperType = {
  letter: "Letter",
  letterSmall: "LetterSmall",
  tabloid: "Tabloid",
  ledger: "Ledger",
  legal: "Legal",
  statement: "Statement",
  executive: "Executive",
  a3: "A3",
  a4: "A4",
  a4Small: "A4Small",
  a5: "A5",
  b4: "B4",
  b5: "B5",
  folio: "Folio",
  quatro: "Quatro",
  paper10x14: "Paper10x14",
  paper11x17: "Paper11x17",
  note: "Note",
  envelope9: "Envelope9",
  envelope10: "Envelope10",
  envelope11: "Envelope11",
  envelope12: "Envelope12",
  envelope14: "Envelope14",
  csheet: "Csheet",
  dsheet: "Dsheet",
  esheet: "Esheet",
  envelopeDL: "EnvelopeDL",
  envelopeC5: "EnvelopeC5",
  envelopeC3: "EnvelopeC3",
  envelopeC4: "EnvelopeC4",
  envelopeC6: "EnvelopeC6",
  envelopeC65: "EnvelopeC65",
  envelopeB4: "EnvelopeB4",
  envelopeB5: "EnvelopeB5",
  envelopeB6: "EnvelopeB6",
  envelopeItaly: "EnvelopeItaly",
  envelopeMonarch: "EnvelopeMonarch",
  envelopePersonal: "EnvelopePersonal",
  fanfoldUS: "FanfoldUS",
  fanfoldStdGerman: "FanfoldStdGerman",
  fanfoldLegalGerman: "FanfoldLegalGerman",
} as const satisfies { [K in keyof typeof Excel.PaperType]: `${(typeof Excel.PaperType)[K]}` };

export const RangeValueType = {
  unknown: "Unknown",
  empty: "Empty",
  string: "String",
  integer: "Integer",
  double: "Double",
  boolean: "Boolean",
  error: "Error",
  richValue: "RichValue",
} as const satisfies { [K in keyof typeof Excel.RangeValueType]: `${(typeof Excel.RangeValueType)[K]}` };

export const NamedItemType = {
  string: "String",
  integer: "Integer",
  double: "Double",
  boolean: "Boolean",
  range: "Range",
  error: "Error",
  array: "Array",
} as const satisfies { [K in keyof typeof Excel.NamedItemType]: `${(typeof Excel.NamedItemType)[K]}` };

export const NamedItemScope = {
  worksheet: "Worksheet",
  workbook: "Workbook",
} as const satisfies { [K in keyof typeof Excel.NamedItemScope]: `${(typeof Excel.NamedItemScope)[K]}` };

export const RangeUnderlineStyle = {
  none: "None",
  single: "Single",
  double: "Double",
  singleAccountant: "SingleAccountant",
  doubleAccountant: "DoubleAccountant",
} as const satisfies { [K in keyof typeof Excel.RangeUnderlineStyle]: `${(typeof Excel.RangeUnderlineStyle)[K]}` };

export const CalculationMode = {
  automatic: "Automatic",
  automaticExceptTables: "AutomaticExceptTables",
  manual: "Manual",
} as const satisfies { [K in keyof typeof Excel.CalculationMode]: `${(typeof Excel.CalculationMode)[K]}` };

export const CalculationType = {
  recalculate: "Recalculate",
  full: "Full",
  fullRebuild: "FullRebuild",
} as const satisfies { [K in keyof typeof Excel.CalculationType]: `${(typeof Excel.CalculationType)[K]}` };

export const WorksheetPositionType = {
  none: "None",
  before: "Before",
  after: "After",
  beginning: "Beginning",
  end: "End",
} as const satisfies { [K in keyof typeof Excel.WorksheetPositionType]: `${(typeof Excel.WorksheetPositionType)[K]}` };

export const DeleteShiftDirection = {
  up: "Up",
  left: "Left",
} as const satisfies { [K in keyof typeof Excel.DeleteShiftDirection]: `${(typeof Excel.DeleteShiftDirection)[K]}` };

export const InsertShiftDirection = {
  down: "Down",
  right: "Right",
} as const satisfies { [K in keyof typeof Excel.InsertShiftDirection]: `${(typeof Excel.InsertShiftDirection)[K]}` };

export const ConditionalFormatRuleType = {
  invalid: "Invalid",
  automatic: "Automatic",
  lowestValue: "LowestValue",
  highestValue: "HighestValue",
  number: "Number",
  percent: "Percent",
  formula: "Formula",
  percentile: "Percentile",
} as const satisfies { [K in keyof typeof Excel.ConditionalFormatRuleType]: `${(typeof Excel.ConditionalFormatRuleType)[K]}` };

export const ConditionalFormatPresetCriterion = {
  invalid: "Invalid",
  blanks: "Blanks",
  nonBlanks: "NonBlanks",
  errors: "Errors",
  nonErrors: "NonErrors",
  yesterday: "Yesterday",
  today: "Today",
  tomorrow: "Tomorrow",
  lastSevenDays: "LastSevenDays",
  lastWeek: "LastWeek",
  thisWeek: "ThisWeek",
  nextWeek: "NextWeek",
  lastMonth: "LastMonth",
  thisMonth: "ThisMonth",
  nextMonth: "NextMonth",
  aboveAverage: "AboveAverage",
  belowAverage: "BelowAverage",
  equalOrAboveAverage: "EqualOrAboveAverage",
  equalOrBelowAverage: "EqualOrBelowAverage",
  oneStdDevAboveAverage: "OneStdDevAboveAverage",
  oneStdDevBelowAverage: "OneStdDevBelowAverage",
  twoStdDevAboveAverage: "TwoStdDevAboveAverage",
  twoStdDevBelowAverage: "TwoStdDevBelowAverage",
  threeStdDevAboveAverage: "ThreeStdDevAboveAverage",
  threeStdDevBelowAverage: "ThreeStdDevBelowAverage",
  uniqueValues: "UniqueValues",
  duplicateValues: "DuplicateValues",
} as const satisfies { [K in keyof typeof Excel.ConditionalFormatPresetCriterion]: `${(typeof Excel.ConditionalFormatPresetCriterion)[K]}` };

export const ExcelEnums = {
  ConditionalFormatType,
  ErrorCodes,
  SheetVisibility,
  HorizontalAlignment,
  VerticalAlignment,
  BorderIndex,
  BorderLineStyle,
  BorderWeight,
  ClearApplyTo,
  PageOrientation,
  PaperType,
  RangeValueType,
  NamedItemType,
  NamedItemScope,
  RangeUnderlineStyle,
  CalculationMode,
  CalculationType,
  WorksheetPositionType,
  DeleteShiftDirection,
  InsertShiftDirection,
  ConditionalFormatRuleType,
  ConditionalFormatPresetCriterion,
};

/** Numeric enums in the typings, strings at run time in Office.js ("Excel", "OfficeOnline"). */
export const HostType = {
  Word: "Word",
  Excel: "Excel",
  PowerPoint: "PowerPoint",
  Outlook: "Outlook",
  OneNote: "OneNote",
  Project: "Project",
  Access: "Access",
} as const satisfies Record<Exclude<keyof typeof Office.HostType, number>, string>;

export const PlatformType = {
  PC: "PC",
  OfficeOnline: "OfficeOnline",
  Mac: "Mac",
  iOS: "iOS",
  Android: "Android",
  Universal: "Universal",
} as const satisfies Record<Exclude<keyof typeof Office.PlatformType, number>, string>;
