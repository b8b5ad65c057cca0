// The summary sheet: the summed report of the subtree laid out like the unit
// report — the template's sections and fields with their Vietnamese labels,
// the totals of the submitted reports (reports.ts summedReport) beside the
// figures the bot's own records give for the subtree (report-figures.ts),
// then which reports were summed and which units have not submitted.
import { formatDateTime } from "../domain/dates.ts";
import { knownFigures } from "../services/report-figures.ts";
import { layoutTemplate } from "../services/report-views.ts";
import { summedReport } from "../services/reports.ts";
import type { ServiceDeps } from "../services/deps.ts";
import type { CsvWriter } from "./csv.ts";
import { HEADINGS, periodLabel, SHEET_NAMES } from "./headings.ts";
import type { ExportScope } from "./records.ts";
import { NUM_FMT, type Column } from "./table.ts";
import type { XlsxWriter } from "./xlsx.ts";

const H = HEADINGS.summary;
/** Figures counted from the period's records; members and units are standing figures, not something reported in the period. */
const PERIOD_SOURCES = new Set(["piggy", "sponsorship", "learning"]);

export interface SummaryField {
  label: string;
  kind: "count" | "money";
  /** the sum of the submitted reports */
  reported: number;
  /** what the bot's records give (null: the field has no source) */
  known: number | null;
  /** counts as something reported in the period */
  active: boolean;
}

export interface SummaryData {
  title: string;
  sections: { title: string; fields: SummaryField[] }[];
  included: string[];
  missing: string[];
}

export async function loadSummary(deps: ServiceDeps, s: ExportScope): Promise<SummaryData> {
  const [summed, template, figures] = await Promise.all([
    summedReport(deps, s.person, s.unit.id, s.year, s.period),
    layoutTemplate(s.db, s.period),
    knownFigures(s.db, s.unit, s.year, s.period),
  ]);
  const sourceOf = new Map(template.sections.flatMap((sec) => sec.fields.map((f) => [f.id, f.source] as const)));
  return {
    title: summed.title.vi,
    sections: summed.sections.map((sec) => ({
      title: sec.title.vi,
      fields: sec.fields.map((f) => {
        const source = sourceOf.get(f.id);
        const figure = source ? figures.get(source) : undefined;
        const known = figure ? figure.value : null;
        return {
          label: f.label.vi, kind: f.kind, reported: f.total, known,
          active: f.total !== 0 || (figure !== undefined && PERIOD_SOURCES.has(figure.source) && figure.value !== 0),
        };
      }),
    })),
    included: summed.included.map((r) => r.unitName),
    missing: summed.missing.map((u) => u.unitName),
  };
}

/** Rows that say something was reported (0: nothing reported yet). */
export function summaryCount(data: SummaryData): number {
  return data.sections.reduce((n, sec) => n + sec.fields.filter((f) => f.active).length, 0);
}

const fieldCount = (data: SummaryData) => data.sections.reduce((n, sec) => n + sec.fields.length, 0);

export function writeSummaryXlsx(book: XlsxWriter, data: SummaryData, s: ExportScope, now: Date): number {
  const sheet = book.addSheet(SHEET_NAMES.summary, [
    { header: H.item, width: 58, type: "text" }, { header: H.reported, width: 24, type: "count" }, { header: H.known, width: 24, type: "count" },
  ]);
  const day = NUM_FMT.date;
  sheet.addRow([H.unit, s.unit.name]);
  sheet.addRow([H.period, periodLabel(s.year, s.period)]);
  sheet.addRow([H.from, dbDay(s.from)], { numFmts: [undefined, day] });
  sheet.addRow([H.to, dbDay(s.to)], { numFmts: [undefined, day] });
  sheet.addRow([H.exportedAt, formatDateTime(now)]);
  sheet.addRow([]);
  sheet.addRow([data.title], { bold: true });
  data.sections.forEach((sec, i) => {
    sheet.addRow([`${i + 1}. ${sec.title}`], { bold: true });
    for (const f of sec.fields) {
      const fmt = NUM_FMT[f.kind];
      sheet.addRow([f.label, f.reported, f.known], { numFmts: [undefined, fmt, fmt] });
    }
  });
  for (const [heading, names] of [[H.included, data.included], [H.missing, data.missing]] as const) {
    sheet.addRow([]);
    sheet.addRow([`${heading} (${names.length})`], { bold: true });
    if (names.length === 0) sheet.addRow([H.none]);
    for (const name of names) sheet.addRow([name]);
  }
  sheet.done();
  return fieldCount(data);
}

export const SUMMARY_CSV_COLUMNS: Column[] = [
  { header: H.section, width: 30, type: "text" }, { header: H.item, width: 58, type: "text" },
  { header: H.reported, width: 24, type: "count" }, { header: H.known, width: 24, type: "count" },
];

export async function writeSummaryCsv(csv: CsvWriter, data: SummaryData): Promise<number> {
  for (const sec of data.sections) for (const f of sec.fields) await csv.addRow([sec.title, f.label, f.reported, f.known]);
  return fieldCount(data);
}

function dbDay(d: { year: number; month: number; day: number }): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day));
}
