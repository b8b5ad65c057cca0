// The shape every export is written in, whatever the format: columns with a
// heading, a width and a type, and rows of plain cells. The XLSX and CSV
// writers turn the types into number formats or text.
import { formatDate, formatDateTime } from "../domain/dates.ts";

/**
 * text: a string, always written as text (never a formula);
 * count: a whole number; money: whole đồng; year: a year as a plain number;
 * date: a calendar day (a Date at UTC midnight, as `@db.Date` columns hold it);
 * datetime: an instant, shown in Vietnam time.
 */
export type ColumnType = "text" | "count" | "money" | "year" | "date" | "datetime";
export type Cell = string | number | Date | null;

export interface Column {
  header: string;
  /** in characters, as spreadsheets measure it */
  width: number;
  type: ColumnType;
}

/** Number formats of the XLSX cells: money with the đồng sign, counts grouped. */
export const NUM_FMT: Record<ColumnType, string | undefined> = {
  text: undefined,
  count: "#,##0",
  money: '#,##0 "₫"',
  year: "0",
  date: "dd/mm/yyyy",
  datetime: "dd/mm/yyyy hh:mm",
};

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * Spreadsheets have no time zones: a cell holds wall-clock time, and exceljs
 * writes a Date's UTC fields. An instant is shifted to Vietnam's wall clock;
 * a calendar day is already UTC midnight.
 */
export function xlsxValue(type: ColumnType, cell: Cell): Cell {
  if (cell instanceof Date && type === "datetime") return new Date(cell.getTime() + VN_OFFSET_MS);
  return cell;
}

/** CSV: numbers stay numbers (no grouping), days as dd/mm/yyyy, instants as dd/mm/yyyy hh:mm in Vietnam time. */
export function csvValue(type: ColumnType, cell: Cell): string | number | null {
  if (cell instanceof Date) return type === "datetime" ? formatDateTime(cell) : formatDate(dbDay(cell));
  return cell;
}

/** A `@db.Date` value (UTC midnight) as its calendar day. */
function dbDay(d: Date) {
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
