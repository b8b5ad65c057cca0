// Turns the bytes of a CSV file describing a unit tree into a validated import
// plan. Pure: no I/O and no user-facing text — errors are codes plus params
// that the bot translates.
//
// Columns (header required, English or Vietnamese, accent-insensitive):
//   code, name, kind, parent_code   ≡   mã, tên, loại, mã cấp trên
import { parse } from "csv-parse/sync";
import {
  COLUMNS,
  UnsupportedEncodingError,
  columnForHeader,
  decodeCsvBytes,
  parseUnitKind,
  type Column,
  type CsvEncoding,
  type UnitKind,
} from "./unit-csv-text.ts";

export {
  UNIT_KINDS,
  UnsupportedEncodingError,
  decodeCsvBytes,
  foldVietnamese,
  parseUnitKind,
  type CsvEncoding,
  type UnitKind,
} from "./unit-csv-text.ts";

export const MAX_ROWS = 20_000;
export const MAX_ERRORS = 50;
export const NAME_MIN = 2;
export const NAME_MAX = 150;
export const CODE_PATTERN = /^[A-Za-z0-9._-]{1,40}$/;

export type ImportErrorCode =
  | "unsupported_encoding"
  | "empty_file"
  | "missing_column"
  | "unknown_kind"
  | "missing_value"
  | "bad_code"
  | "duplicate_code"
  | "missing_parent"
  | "cycle"
  | "name_too_long"
  | "name_too_short"
  | "too_many_rows"
  | "malformed_csv";

/** `line` is the 1-based line of the file (header is usually line 1); null for whole-file errors. */
export interface ImportError {
  line: number | null;
  code: ImportErrorCode;
  params: Record<string, string | number>;
}

export interface PlannedUnit {
  line: number;
  code: string;
  name: string;
  kind: UnitKind;
  /** Code of the parent (in the file or already existing); null for a root. */
  parentCode: string | null;
  /** Id of the existing unit whose code is parentCode, if there is one. */
  parentExistingId: number | null;
  /** Id of the existing unit with the same code: this row updates it. */
  existingId: number | null;
}

export type UnitImportPlan =
  | { ok: true; encoding: CsvEncoding; rows: PlannedUnit[] }
  | { ok: false; encoding?: CsvEncoding; errors: ImportError[]; totalErrors: number };

export interface ExistingUnitRef {
  code: string;
  id: number;
}

/** A row that has a usable, unique code (other fields may still be invalid). */
interface Candidate {
  line: number;
  code: string;
  name: string;
  kind: UnitKind | null;
  parentCode: string | null;
}

export function planUnitImport(bytes: Uint8Array, existing: readonly ExistingUnitRef[]): UnitImportPlan {
  let decoded: { text: string; encoding: CsvEncoding };
  try {
    decoded = decodeCsvBytes(bytes);
  } catch (e) {
    if (!(e instanceof UnsupportedEncodingError)) throw e;
    return fail(undefined, [{ line: null, code: "unsupported_encoding", params: { encoding: e.detected } }]);
  }
  const { encoding } = decoded;

  const parsed = parseRecords(decoded.text);
  if ("error" in parsed) return fail(encoding, [parsed.error]);
  const [header, ...records] = parsed.records;
  if (!header || records.length === 0) return fail(encoding, [{ line: null, code: "empty_file", params: {} }]);
  if (records.length > MAX_ROWS) {
    return fail(encoding, [{ line: null, code: "too_many_rows", params: { max: MAX_ROWS, count: records.length } }]);
  }

  const columnIndex = new Map<Column, number>();
  header.values.forEach((cell, i) => {
    const column = columnForHeader(cell);
    if (column && !columnIndex.has(column)) columnIndex.set(column, i);
  });
  const missing = COLUMNS.filter((c) => !columnIndex.has(c));
  if (missing.length > 0) {
    return fail(encoding, missing.map((column) => ({ line: header.line, code: "missing_column", params: { column } })));
  }
  const cell = (values: string[], column: Column) => (values[columnIndex.get(column)!] ?? "").trim();

  const errors: ImportError[] = [];
  const byCode = new Map<string, Candidate>();
  for (const { line, values } of records) {
    const err = (code: ImportErrorCode, params: ImportError["params"]) => errors.push({ line, code, params });
    const code = cell(values, "code");
    const name = cell(values, "name").normalize("NFC").replace(/\s+/g, " ");
    const kindRaw = cell(values, "kind");
    const parentRaw = cell(values, "parent_code");

    if (!code) err("missing_value", { column: "code" });
    else if (!CODE_PATTERN.test(code)) err("bad_code", { column: "code", code: clip(code) });
    const nameLength = [...name].length;
    if (!name) err("missing_value", { column: "name" });
    else if (nameLength < NAME_MIN) err("name_too_short", { min: NAME_MIN, length: nameLength });
    else if (nameLength > NAME_MAX) err("name_too_long", { max: NAME_MAX, length: nameLength });
    const kind = kindRaw ? parseUnitKind(kindRaw) : null;
    if (!kindRaw) err("missing_value", { column: "kind" });
    else if (!kind) err("unknown_kind", { kind: clip(kindRaw) });
    const parentOk = parentRaw === "" || CODE_PATTERN.test(parentRaw);
    if (!parentOk) err("bad_code", { column: "parent_code", code: clip(parentRaw) });

    if (!code || !CODE_PATTERN.test(code)) continue;
    const first = byCode.get(code);
    if (first) {
      err("duplicate_code", { code, firstLine: first.line });
      continue;
    }
    byCode.set(code, { line, code, name, kind, parentCode: parentOk && parentRaw ? parentRaw : null });
  }

  const existingIds = new Map(existing.map((u) => [u.code, u.id]));
  for (const row of byCode.values()) {
    const parent = row.parentCode;
    if (parent !== null && !byCode.has(parent) && !existingIds.has(parent)) {
      errors.push({ line: row.line, code: "missing_parent", params: { code: row.code, parent } });
    }
  }

  const { cycles, depth } = analyseTree(byCode);
  for (const cycle of cycles) {
    const codes = [...cycle.map((r) => r.code), cycle[0]!.code].join(" → ");
    errors.push({ line: cycle[0]!.line, code: "cycle", params: { codes } });
  }

  if (errors.length > 0) return fail(encoding, errors);

  const rows = [...byCode.values()]
    .sort((a, b) => depth.get(a)! - depth.get(b)! || a.line - b.line)
    .map<PlannedUnit>((r) => ({
      line: r.line,
      code: r.code,
      name: r.name,
      kind: r.kind!, // no errors ⇒ every kind parsed
      parentCode: r.parentCode,
      parentExistingId: r.parentCode === null ? null : (existingIds.get(r.parentCode) ?? null),
      existingId: existingIds.get(r.code) ?? null,
    }));
  return { ok: true, encoding, rows };
}

interface CsvRecord {
  line: number;
  values: string[];
}

/** Parses non-blank records with their starting line; handles an Excel "sep=;" first line. */
function parseRecords(text: string): { records: CsvRecord[] } | { error: ImportError } {
  // One line-ending style keeps csv-parse's line counter right inside quoted fields.
  const body = text.replace(/\r\n?/g, "\n");
  let fromLine = 1;
  let delimiter: string | undefined;
  const sep = /^sep=(.)[ \t]*(\n|$)/i.exec(body);
  if (sep) {
    delimiter = sep[1];
    fromLine = 2;
  }
  delimiter ??= detectDelimiter(body.split("\n").find((l) => l.trim() !== "") ?? "");

  let out: { record: string[]; info: { lines: number } }[];
  try {
    out = parse(body, {
      delimiter,
      from_line: fromLine,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true, // Excel writes ";;;" for blank rows
      trim: true,
    }) as unknown as typeof out;
  } catch (e) {
    const err = e as { code?: unknown; lines?: unknown };
    const line = typeof err.lines === "number" ? err.lines : null;
    return { error: { line, code: "malformed_csv", params: { reason: String(err.code ?? "unknown") } } };
  }
  // info.lines is the line where the record ends; subtract newlines inside quoted fields.
  const records = out.map(({ record, info }) => ({
    line: info.lines - (record.join("").split("\n").length - 1),
    values: record,
  }));
  return { records };
}

/** Comma unless the header line has more semicolons than commas (outside quotes). */
function detectDelimiter(headerLine: string): string {
  const unquoted = headerLine.replace(/"[^"]*"/g, "");
  const count = (ch: string) => unquoted.split(ch).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

/**
 * Walks each row's chain of in-file parents. Returns every cycle (self-parent
 * included, each rotated to start at its earliest line) and each row's depth
 * below its in-file ancestors (0 for roots and rows under existing units).
 */
function analyseTree(byCode: Map<string, Candidate>): { cycles: Candidate[][]; depth: Map<Candidate, number> } {
  const depth = new Map<Candidate, number>();
  const onPath = new Set<Candidate>();
  const cycles: Candidate[][] = [];
  for (const start of byCode.values()) {
    const path: Candidate[] = [];
    let cur: Candidate | undefined = start;
    while (cur && !depth.has(cur) && !onPath.has(cur)) {
      onPath.add(cur);
      path.push(cur);
      cur = cur.parentCode === null ? undefined : byCode.get(cur.parentCode);
    }
    let base = cur ? (depth.get(cur) ?? -1) : -1;
    if (cur && onPath.has(cur)) {
      const cycle = path.slice(path.indexOf(cur));
      const first = cycle.reduce((a, b) => (b.line < a.line ? b : a));
      const at = cycle.indexOf(first);
      cycles.push([...cycle.slice(at), ...cycle.slice(0, at)]);
      base = -1; // depth is meaningless here; the plan fails anyway
    }
    for (let i = path.length - 1; i >= 0; i--) {
      depth.set(path[i]!, ++base);
      onPath.delete(path[i]!);
    }
  }
  return { cycles, depth };
}

function fail(encoding: CsvEncoding | undefined, errors: ImportError[]): UnitImportPlan {
  const sorted = [...errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)); // stable
  const result = { ok: false as const, errors: sorted.slice(0, MAX_ERRORS), totalErrors: errors.length };
  return encoding ? { ...result, encoding } : result;
}

function clip(s: string, max = 60): string {
  return [...s].length <= max ? s : [...s].slice(0, max - 1).join("") + "…";
}
