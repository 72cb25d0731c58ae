/** The CLI reads .xlsx files with the reader it shares with the pane (src/xlsx/read-grid.ts). */
export { dateToSerial, lastSavedOf, ownedSheets, readWorkbookGrid, toCell } from "../xlsx/read-grid";
