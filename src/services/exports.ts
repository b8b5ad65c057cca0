// /export and `npm run export` (issue 8): the records of a unit's subtree for
// a period as XLSX (a summary sheet laid out like the unit report, then one
// sheet per record kind) or CSV (UTF-8 with BOM, one record kind). Rows are
// read from the database page by page and streamed into the file, never held
// all at once. Sponsorship rows carry the pupil's full name only for those
// entitled (sponsor.view_full on the case's unit), initials otherwise. Every
// export is written to the audit log. Permission: report.view on the unit.
import type { Writable } from "node:stream";
import { setImmediate as yieldToIo } from "node:timers/promises";
import { z } from "zod";
import { CsvWriter } from "../export/csv.ts";
import { SHEET_NAMES } from "../export/headings.ts";
import { RECORD_KINDS, type ExportScope } from "../export/records.ts";
import { loadSummary, SUMMARY_CSV_COLUMNS, summaryCount, writeSummaryCsv, writeSummaryXlsx } from "../export/summary.ts";
import { addDays, compareLocalDates, localDateToUtcStart, vietnamToday } from "../domain/dates.ts";
import { isAdmin, roleRank } from "../domain/permissions.ts";
import { periodRange, REPORT_PERIODS, type ReportPeriod } from "../domain/reports.ts";
import { idSchema } from "../domain/schemas.ts";
import { searchKey } from "../domain/text.ts";
import { requireOn, type Person } from "./access.ts";
import { writeAudit } from "./audit.ts";
import type { ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";
import { parseInput } from "./input.ts";
import { managedRoots, type UnitSummary } from "./units.ts";

/** summary: the summed report of the subtree (XLSX: laid out like the unit report); the rest: one row per record. */
export const EXPORT_KINDS = ["summary", "reports", "piggy", "sponsorship", "learning"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export type ExportFormat = "xlsx" | "csv";

export interface ExportRequest {
  unitId: number;
  year: number;
  period: ReportPeriod;
  /** XLSX: one or more (a sheet each); CSV: exactly one */
  kinds: ExportKind[];
  format: ExportFormat;
}

export interface ExportCount {
  /** rows per kind ("summary" counts the figures that are not zero) */
  rows: Partial<Record<ExportKind, number>>;
  total: number;
}

export interface ExportResult {
  /** e.g. "khuyen-hoc_xa-chieng-chau_2026-H1.xlsx" (ASCII) */
  fileName: string;
  rows: number;
}

/** The first year reports are taken for (as reports.ts). */
const FIRST_YEAR = 2020;
const LAST_YEAR = 2199;

const requestSchema = z.object({
  unitId: idSchema,
  year: z.number().int().min(FIRST_YEAR).max(LAST_YEAR),
  period: z.enum(REPORT_PERIODS),
  kinds: z.array(z.enum(EXPORT_KINDS)).min(1).max(EXPORT_KINDS.length * 2),
  format: z.enum(["xlsx", "csv"]),
}).refine((r) => r.format !== "csv" || new Set(r.kinds).size === 1, { path: ["kinds"], message: "CSV holds exactly one kind" });

/** The units the person may export, top-most first. Throws forbidden when none (a plain member). */
export async function exportUnits(deps: ServiceDeps, person: Person): Promise<UnitSummary[]> {
  const coordinates = person.actor.roles.some((r) => roleRank(r.role) >= roleRank("COORDINATOR"));
  if (!isAdmin(person.actor) && !coordinates) throw new ServiceError("forbidden");
  return managedRoots(deps, person);
}

/** Checks the request (bad_input, forbidden, export_period_future) and sets out what is exported. */
async function prepare(deps: ServiceDeps, person: Person, request: ExportRequest): Promise<{ kinds: ExportKind[]; format: ExportFormat; scope: ExportScope }> {
  const input = parseInput(requestSchema, request);
  const unit = await requireOn(deps.db, person, "report.view", input.unitId);
  const { from, to } = periodRange(input.year, input.period);
  if (compareLocalDates(from, vietnamToday(deps.now())) > 0) throw new ServiceError("export_period_future", { year: input.year });
  return {
    kinds: EXPORT_KINDS.filter((k) => input.kinds.includes(k)),
    format: input.format,
    scope: {
      db: deps.db, person, unit: { id: unit.id, name: unit.name, path: unit.path }, year: input.year, period: input.period,
      from, to, start: localDateToUtcStart(from), end: localDateToUtcStart(addDays(to, 1)),
    },
  };
}

/**
 * How many rows the export would have (before any file is made: 0 means
 * "nothing reported yet"). Refuses forbidden, export_period_future, bad_input
 * (CSV with other than one kind).
 */
export async function countExport(deps: ServiceDeps, person: Person, request: ExportRequest): Promise<ExportCount> {
  const { kinds, scope } = await prepare(deps, person, request);
  const rows: Partial<Record<ExportKind, number>> = {};
  for (const kind of kinds) {
    rows[kind] = kind === "summary" ? summaryCount(await loadSummary(deps, scope)) : await RECORD_KINDS[kind].count(scope);
  }
  return { rows, total: Object.values(rows).reduce((a, b) => a + b, 0) };
}

/** "khuyen-hoc_xa-chieng-chau_2026-H1.xlsx": ASCII, whatever the unit's name. */
function fileNameOf(unit: { id: number; name: string }, year: number, period: ReportPeriod, format: ExportFormat): string {
  const slug = searchKey(unit.name).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  return `khuyen-hoc_${slug || `don-vi-${unit.id}`}_${year}-${period}.${format}`;
}

/**
 * Streams the export into `out` (a file or the upload to Telegram) and audits
 * it. `onProgress` is called now and then with the rows written so far.
 * Same refusals as countExport.
 */
export async function writeExport(
  deps: ServiceDeps, person: Person, request: ExportRequest, out: Writable, onProgress?: (rows: number) => void,
): Promise<ExportResult> {
  const { kinds, format, scope } = await prepare(deps, person, request);
  let rows = 0;
  const progress = async (added: number) => {
    rows += added;
    onProgress?.(rows);
    // Let the output drain between pages.
    await yieldToIo();
  };
  if (format === "csv") {
    const kind = kinds[0]!;
    if (kind === "summary") {
      const data = await loadSummary(deps, scope);
      const csv = new CsvWriter(out, SUMMARY_CSV_COLUMNS);
      await progress(await writeSummaryCsv(csv, data));
      await csv.finish();
    } else {
      const source = RECORD_KINDS[kind];
      const csv = new CsvWriter(out, await source.columns(scope));
      for await (const page of source.pages(scope)) {
        for (const row of page) await csv.addRow(row);
        await progress(page.length);
      }
      await csv.finish();
    }
  } else {
    // exceljs is loaded on the first XLSX export, not at start (issue 9: idle memory).
    const { XlsxWriter } = await import("../export/xlsx.ts");
    const book = new XlsxWriter(out);
    for (const kind of kinds) {
      if (kind === "summary") {
        await progress(writeSummaryXlsx(book, await loadSummary(deps, scope), scope, deps.now()));
        continue;
      }
      const source = RECORD_KINDS[kind];
      const sheet = book.addSheet(SHEET_NAMES[kind], await source.columns(scope));
      for await (const page of source.pages(scope)) {
        for (const row of page) sheet.addRow(row);
        await progress(page.length);
      }
      sheet.done();
    }
    await book.finish();
  }
  await writeAudit(deps.db, {
    actorTelegramId: person.telegramId, action: "export", entity: "Unit", entityId: scope.unit.id,
    after: { kinds, year: scope.year, period: scope.period, format, rows },
  });
  return { fileName: fileNameOf(scope.unit, scope.year, scope.period, format), rows };
}
