// Shared by the reports service: the template a report is made with, loading
// and locking reports, the deadline that applies, who owes a report, and
// turning rows into views. Views are JSON-safe (numbers, ISO strings):
// conversations store what services return. Not a service module (helpers
// here do not take deps).
import { dbDateToLocalDate, toIsoDate, type LocalDate } from "../domain/dates.ts";
import { can } from "../domain/permissions.ts";
import { reportTemplateSchema, type ReportAnswer, type ReportPeriod, type ReportTemplate } from "../domain/reports.ts";
import type { UnitKind } from "../domain/unit-kinds.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Person } from "./access.ts";
import type { DbOrTx } from "./deps.ts";
import { ServiceError } from "./errors.ts";
import type { ReportFieldView, ReportView } from "./reports.ts";

/** The one report template shipped (criteria/reports/bao-cao-khuyen-hoc.json). */
export const REPORT_TEMPLATE_KEY = "bao-cao-khuyen-hoc";
/** Who owes a report when no deadline of the period says otherwise. */
export const DEFAULT_OWING_KINDS: readonly UnitKind[] = ["COMMUNE", "SCHOOL_COMMITTEE", "AGENCY_COMMITTEE"];
/** Statuses in which the reporter may still change a report. */
export const OPEN_STATUSES = ["DRAFT", "REOPENED"] as const;

export function isOpenStatus(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

export { isUniqueViolation } from "../db/errors.ts";

/** A newer `updatedAt` than the one seen, even within the same millisecond: the version a coordinator compares. */
export function nextVersion(previous: Date): Date {
  return new Date(Math.max(Date.now(), previous.getTime() + 1));
}

/** The path of the unit just above ("/1/5/23/" → "/1/5/"); "/" for a root. */
export function parentPath(path: string): string {
  const ids = path.split("/").filter(Boolean);
  return ids.length <= 1 ? "/" : `/${ids.slice(0, -1).join("/")}/`;
}

/** The ids on a path, from the root down. */
export function pathIds(path: string): number[] {
  return path.split("/").filter(Boolean).map(Number);
}

/** Tree order: a unit before those under it, siblings by id (paths compared id by id, not as text: "/9/" before "/10/"). */
export function comparePaths(a: string, b: string): number {
  const x = pathIds(a);
  const y = pathIds(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

// ---- templates ----

type TemplateRow = { id: number; key: string; version: number; content: Prisma.JsonValue };

/** A stored template, read again with the same checks as a file (a failure is a bug or a hand-edited database). */
export function storedTemplate(row: TemplateRow): ReportTemplate {
  const parsed = reportTemplateSchema.safeParse(row.content);
  if (!parsed.success) throw new Error(`report template ${row.id} (${row.key} v${row.version}) in the database is not valid: ${parsed.error.issues[0]?.message ?? ""}`);
  return parsed.data;
}

/**
 * The template a new report of the unit for `period` is made with: the
 * highest stored version (the one in use; older versions stay only for the
 * reports made with them). `report_no_template` when none is stored or it has
 * no such period, `report_unit_kind` when it is not for the unit's kind.
 */
export async function templateFor(
  db: DbOrTx, period: ReportPeriod, unit: { name: string; kind: string },
): Promise<{ row: TemplateRow; template: ReportTemplate }> {
  const row = await db.reportTemplate.findFirst({ where: { key: REPORT_TEMPLATE_KEY }, orderBy: { version: "desc" } });
  if (!row) throw new ServiceError("report_no_template", { period });
  const template = storedTemplate(row);
  if (!(template.unitKinds as readonly string[]).includes(unit.kind)) throw new ServiceError("report_unit_kind", { unit: unit.name, kind: unit.kind });
  if (!template.periods.includes(period)) throw new ServiceError("report_no_template", { period });
  return { row, template };
}

/** The template a summed report is laid out by: the one in use (the highest stored version). */
export async function layoutTemplate(db: DbOrTx, period: ReportPeriod): Promise<ReportTemplate> {
  const row = await db.reportTemplate.findFirst({ where: { key: REPORT_TEMPLATE_KEY }, orderBy: { version: "desc" } });
  if (!row) throw new ServiceError("report_no_template", { period });
  return storedTemplate(row);
}

// ---- reports ----

export const reportInclude = {
  unit: true,
  template: true,
  values: { orderBy: { id: "asc" } },
} satisfies Prisma.ReportInclude;
export type ReportRow = Prisma.ReportGetPayload<{ include: typeof reportInclude }>;

export async function loadReport(db: DbOrTx, reportId: number): Promise<ReportRow> {
  const row = await db.report.findUnique({ where: { id: reportId }, include: reportInclude });
  if (!row) throw new ServiceError("report_not_found");
  return row;
}

/** Serialises changes to one report (answers, refreshes, submission, reopening). */
export async function lockReport(tx: DbOrTx, reportId: number): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Report" WHERE "id" = ${reportId} FOR UPDATE`;
}

/** The active REPORT deadline of the template, period and year (the earliest, if an administrator made several). */
export async function reportDeadline(db: DbOrTx, templateKey: string, year: number, period: ReportPeriod) {
  return db.deadline.findFirst({
    where: { kind: "REPORT", templateKey, period, year, active: true },
    orderBy: [{ dueOn: "asc" }, { id: "asc" }],
  });
}

/**
 * The active units of the subtree (the unit included) that owe the report:
 * those of the kinds the period's deadline names, or by default communes and
 * school and agency committees. Ordered by path, then name.
 */
export async function owingUnits(
  db: DbOrTx, unit: { path: string }, templateKey: string, year: number, period: ReportPeriod,
): Promise<{ id: number; name: string; kind: UnitKind; path: string }[]> {
  const deadline = await reportDeadline(db, templateKey, year, period);
  const kinds = deadline ? deadline.unitKinds : [...DEFAULT_OWING_KINDS];
  const units = await db.unit.findMany({
    where: { path: { startsWith: unit.path }, validTo: null, kind: { in: kinds } },
    select: { id: true, name: true, kind: true, path: true },
  });
  return units.sort((a, b) => comparePaths(a.path, b.path) || a.name.localeCompare(b.name, "vi"));
}

// ---- views ----

function answerOf(value: Prisma.JsonValue | null): ReportAnswer | null {
  return typeof value === "number" || typeof value === "string" ? value : null;
}

function detailOf(value: Prisma.JsonValue | null): ReportFieldView["sourceDetail"] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const { key, vars } = value as { key?: unknown; vars?: unknown };
  if (typeof key !== "string") return null;
  const out: Record<string, string | number> = {};
  if (typeof vars === "object" && vars !== null && !Array.isArray(vars)) {
    for (const [name, v] of Object.entries(vars)) if (typeof v === "string" || typeof v === "number") out[name] = v;
  }
  return { key, vars: out };
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function toReportView(person: Person, row: ReportRow, dueOn: LocalDate | null): ReportView {
  const template = storedTemplate(row.template);
  const values = new Map(row.values.map((v) => [v.fieldId, v]));
  const sections = template.sections.map((s) => ({
    id: s.id,
    title: { vi: s.title.vi, en: s.title.en },
    fields: s.fields.map((f): ReportFieldView => {
      const v = values.get(f.id);
      const value = answerOf(v?.value ?? null);
      const known = typeof v?.known === "number" ? v.known : null;
      const answered = v !== undefined && v.answeredByTelegramId !== null;
      return {
        id: f.id,
        sectionId: s.id,
        kind: f.kind,
        label: { vi: f.label.vi, en: f.label.en },
        help: f.help ? { vi: f.help.vi, en: f.help.en } : null,
        value,
        known,
        source: v?.source ?? null,
        sourceDetail: detailOf(v?.sourceDetail ?? null),
        answered,
        overridden: answered && known !== null && typeof value === "number" && value !== known,
      };
    }),
  }));
  const missing = sections.flatMap((s) => s.fields).filter((f) => f.kind !== "text" && !f.answered).map((f) => f.id);
  const open = isOpenStatus(row.status);
  const canEdit = open && can(person.actor, "report.submit", row.unit);
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: row.unit.name,
    templateKey: row.templateKey,
    templateVersion: row.template.version,
    title: { vi: template.title.vi, en: template.title.en },
    period: row.period,
    year: row.year,
    status: row.status,
    lateFor: row.lateFor === null ? null : toIsoDate(dbDateToLocalDate(row.lateFor)),
    dueOn: dueOn === null ? null : toIsoDate(dueOn),
    submittedAt: iso(row.submittedAt),
    submittedByTelegramId: row.submittedByTelegramId === null ? null : Number(row.submittedByTelegramId),
    reopenedAt: iso(row.reopenedAt),
    reopenComment: row.reopenComment,
    updatedAt: row.updatedAt.toISOString(),
    sections,
    missing,
    canEdit,
    canSubmit: canEdit && missing.length === 0,
    canReopen: row.status === "SUBMITTED" && can(person.actor, "report.reopen", row.unit),
  };
}
