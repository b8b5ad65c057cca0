// Unit reports (issue 6): a unit's reporter opens the report of a period; the
// bot pre-fills every figure it already knows (report-figures.ts) and says
// where each came from; the reporter confirms or overrides each (an override
// keeps both numbers), fills in the rest, and submits. A coordinator sees
// who in their subtree has submitted, the summed report of the subtree, and
// may reopen a submitted report for correction. Late submissions are marked.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { compareLocalDates, dbDateToLocalDate, vietnamToday } from "../domain/dates.ts";
import { can } from "../domain/permissions.ts";
import {
  checkReportAnswer,
  MAX_COUNT,
  MAX_TEXT,
  periodRange,
  REPORT_PERIODS,
  reportTemplateSchema,
  templateFields,
  type ReportAnswer,
  type ReportPeriod,
  type ReportTemplate,
} from "../domain/reports.ts";
import { MAX_AMOUNT } from "../domain/money.ts";
import { idSchema } from "../domain/schemas.ts";
import { Prisma } from "../db/generated/client.ts";
import { requireOn, type Person } from "./access.ts";
import { writeAudit } from "./audit.ts";
import { decidersOf, type Recipient } from "./deciders.ts";
import type { DbOrTx, ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";
import { parseInput } from "./input.ts";
import { recipientsOf } from "./learning-views.ts";
import { knownFigures, type KnownFigure } from "./report-figures.ts";
import {
  comparePaths,
  isOpenStatus,
  isUniqueViolation,
  layoutTemplate,
  loadReport,
  lockReport,
  nextVersion,
  owingUnits,
  parentPath,
  pathIds,
  REPORT_TEMPLATE_KEY,
  reportDeadline,
  storedTemplate,
  templateFor,
  toReportView,
  type ReportRow,
} from "./report-views.ts";

type Bilingual = { vi: string; en: string };

export interface ReportFieldView {
  id: string;
  sectionId: string;
  kind: "count" | "money" | "text";
  label: Bilingual;
  help: Bilingual | null;
  /** the reporter's answer (or the pre-filled figure until they confirm it); null: none yet */
  value: ReportAnswer | null;
  /** the figure the bot's records give; null when the field has no source */
  known: number | null;
  source: string | null;
  sourceDetail: { key: string; vars: Record<string, string | number> } | null;
  /** the reporter confirmed or typed it */
  answered: boolean;
  /** answered with a number other than the known one */
  overridden: boolean;
}

export interface ReportView {
  id: number;
  unitId: number;
  unitName: string;
  templateKey: string;
  templateVersion: number;
  title: Bilingual;
  period: ReportPeriod;
  year: number;
  status: "DRAFT" | "SUBMITTED" | "REOPENED";
  /** ISO date (yyyy-mm-dd) of the deadline it was submitted after; null: on time or no deadline */
  lateFor: string | null;
  /** ISO date of the deadline that applies, if any */
  dueOn: string | null;
  submittedAt: string | null;
  submittedByTelegramId: number | null;
  reopenedAt: string | null;
  reopenComment: string | null;
  /** ISO time; handed back as the version seen */
  updatedAt: string;
  sections: { id: string; title: Bilingual; fields: ReportFieldView[] }[];
  /** ids of the count and money fields still without an answer (texts are optional) */
  missing: string[];
  canEdit: boolean;
  canSubmit: boolean;
  canReopen: boolean;
}

export interface SubmissionRow {
  unitId: number;
  unitName: string;
  unitKind: string;
  /** "NONE": not started */
  status: "NONE" | "DRAFT" | "SUBMITTED" | "REOPENED";
  reportId: number | null;
  late: boolean;
  submittedAt: string | null;
}

export interface SummedReport {
  unitId: number;
  unitName: string;
  year: number;
  period: ReportPeriod;
  title: Bilingual;
  sections: { id: string; title: Bilingual; fields: { id: string; kind: "count" | "money"; label: Bilingual; total: number }[] }[];
  /** the submitted reports summed: the highest ones in the subtree (a commune's covers its branches) */
  included: { reportId: number; unitId: number; unitName: string }[];
  /** units that owe the report and have not submitted */
  missing: { unitId: number; unitName: string }[];
}

export { REPORT_TEMPLATE_KEY } from "./report-views.ts";

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The first year the bot takes reports for. */
const FIRST_YEAR = 2020;
const periodSchema = z.enum(REPORT_PERIODS);
/** Years from FIRST_YEAR to next year (Vietnam's calendar). */
const periodInput = (now: Date) => z.object({
  unitId: idSchema,
  year: z.number().int().min(FIRST_YEAR).max(vietnamToday(now).year + 1),
  period: periodSchema,
});

// ---- templates ----

/** The content exactly as stored: the parsed template (keys in the schema's order). */
function canonical(template: ReportTemplate): string {
  return JSON.stringify(template);
}

function checksumOf(template: ReportTemplate): string {
  return createHash("sha256").update(canonical(template), "utf8").digest("hex");
}

function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message));
}

/** Stores the shipped templates of criteria/reports (new versions only; a stored version is never overwritten). */
export async function syncShippedTemplates(deps: ServiceDeps, dir = "criteria/reports"): Promise<{ added: string[]; unchanged: string[]; conflicts: string[]; invalid: { file: string; errors: string[] }[] }> {
  const folder = path.resolve(PROJECT_ROOT, dir);
  const report = { added: [] as string[], unchanged: [] as string[], conflicts: [] as string[], invalid: [] as { file: string; errors: string[] }[] };
  let names: string[];
  try {
    names = (await readdir(folder)).filter((n) => n.toLowerCase().endsWith(".json")).sort();
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return report;
    throw error;
  }
  for (const file of names) {
    let raw: unknown;
    try {
      raw = JSON.parse((await readFile(path.join(folder, file), "utf8")).replace(/^\uFEFF/, ""));
    } catch (error) {
      report.invalid.push({ file, errors: [`not valid JSON: ${(error as Error).message}`] });
      continue;
    }
    const parsed = reportTemplateSchema.safeParse(raw);
    if (!parsed.success) {
      report.invalid.push({ file, errors: issuesOf(parsed.error) });
      continue;
    }
    const template = parsed.data;
    const label = `${file} (${template.id} v${template.version})`;
    const checksum = checksumOf(template);
    const findStored = () => deps.db.reportTemplate.findUnique({ where: { key_version: { key: template.id, version: template.version } } });
    let stored = await findStored();
    if (!stored) {
      try {
        await deps.db.reportTemplate.create({
          data: { key: template.id, version: template.version, content: JSON.parse(canonical(template)) as Prisma.InputJsonValue, checksum, source: "shipped" },
        });
        report.added.push(label);
        continue;
      } catch (error) {
        // Another instance stored it meanwhile: compare with theirs.
        if (!isUniqueViolation(error)) throw error;
        stored = await findStored();
        if (!stored) throw error;
      }
    }
    (stored.checksum === checksum ? report.unchanged : report.conflicts).push(label);
  }
  return report;
}

// ---- helpers ----

/** JSON with sorted keys: jsonb does not keep the order things were written in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What a sourced field keeps of a figure: the number, the kind of record and how to word where it came from. */
function figureData(figure: KnownFigure | undefined) {
  return {
    known: figure ? figure.value : Prisma.DbNull,
    source: figure?.source ?? null,
    sourceDetail: figure ? { key: figure.detail.key, vars: { ...figure.detail.vars } } : Prisma.DbNull,
  };
}

async function viewOf(db: DbOrTx, person: Person, reportId: number): Promise<ReportView> {
  const row = await loadReport(db, reportId);
  const deadline = await reportDeadline(db, row.templateKey, row.year, row.period);
  return toReportView(person, row, deadline ? dbDateToLocalDate(deadline.dueOn) : null);
}

/** Locks and loads a report the person may fill in, still open for changes. */
async function openForChange(tx: DbOrTx, person: Person, reportId: number): Promise<ReportRow> {
  await lockReport(tx, reportId);
  const report = await loadReport(tx, reportId);
  if (!can(person.actor, "report.submit", report.unit)) throw new ServiceError("forbidden");
  if (!isOpenStatus(report.status)) throw new ServiceError("report_not_open", { status: report.status });
  return report;
}

async function createReport(
  tx: DbOrTx, deps: ServiceDeps, person: Person, unit: { id: number; name: string; kind: string; path: string }, year: number, period: ReportPeriod,
): Promise<number> {
  const { row, template } = await templateFor(tx, period, unit);
  const figures = await knownFigures(tx, unit, year, period);
  const created = await tx.report.create({
    data: {
      unitId: unit.id, templateId: row.id, templateKey: row.key, period, year,
      createdByTelegramId: BigInt(person.telegramId), createdAt: deps.now(),
      values: {
        create: templateFields(template).map((f) => {
          const figure = f.source ? figures.get(f.source) : undefined;
          return { fieldId: f.id, ...(f.source ? { ...figureData(figure), value: figure ? figure.value : Prisma.DbNull } : {}) };
        }),
      },
    },
  });
  await writeAudit(tx, {
    actorTelegramId: person.telegramId, action: "report.create", entity: "Report", entityId: created.id,
    after: { unitId: unit.id, templateKey: row.key, templateVersion: row.version, year, period },
  });
  return created.id;
}

/** Brings the figures of an open report up to date; a field the reporter answered keeps its answer. */
async function refreshFigures(tx: DbOrTx, reportId: number): Promise<void> {
  await lockReport(tx, reportId);
  const report = await loadReport(tx, reportId);
  if (!isOpenStatus(report.status)) return;
  const figures = await knownFigures(tx, report.unit, report.year, report.period);
  const stored = new Map(report.values.map((v) => [v.fieldId, v]));
  let changed = false;
  for (const field of templateFields(storedTemplate(report.template))) {
    const figure = field.source ? figures.get(field.source) : undefined;
    const value = stored.get(field.id);
    if (!value) {
      await tx.reportValue.create({ data: { reportId, fieldId: field.id, ...(figure ? { ...figureData(figure), value: figure.value } : {}) } });
      changed = true;
      continue;
    }
    if (!field.source) continue;
    const known = figure?.value ?? null;
    const sameKnown = value.known === known && value.source === (figure?.source ?? null)
      && stableJson(value.sourceDetail) === stableJson(figure ? figure.detail : null);
    const unanswered = value.answeredByTelegramId === null;
    if (sameKnown && !(unanswered && value.value !== known)) continue;
    await tx.reportValue.update({
      where: { id: value.id },
      data: { ...figureData(figure), ...(unanswered ? { value: known ?? Prisma.DbNull } : {}) },
    });
    changed = true;
  }
  if (changed) await tx.report.update({ where: { id: reportId }, data: { updatedAt: nextVersion(report.updatedAt) } });
}

// ---- use cases ----

/** The units the person may report for (REPORTER or more there), for the /report picker. */
export async function reportUnits(deps: ServiceDeps, person: Person): Promise<{ id: number; name: string; kind: string }[]> {
  const memberships = await deps.db.membership.findMany({
    where: { member: { telegramId: BigInt(person.telegramId) }, role: { in: ["REPORTER", "COORDINATOR", "ADMIN"] }, unit: { validTo: null } },
    select: { unit: { select: { id: true, name: true, kind: true } } },
  });
  return memberships.map((m) => m.unit).sort((a, b) => a.name.localeCompare(b.name, "vi") || a.id - b.id);
}

/** The unit's report of the period: the existing one, or a new draft pre-filled with what the bot knows. Unconfirmed figures are refreshed. */
export async function openReport(deps: ServiceDeps, person: Person, unitId: number, year: number, period: ReportPeriod): Promise<ReportView> {
  const input = parseInput(periodInput(deps.now()), { unitId, year, period });
  const unit = await requireOn(deps.db, person, "report.submit", input.unitId);
  if (unit.validTo) throw new ServiceError("unit_retired", { name: unit.name });
  if (compareLocalDates(periodRange(input.year, input.period).from, vietnamToday(deps.now())) > 0) {
    throw new ServiceError("report_period_future", { year: input.year });
  }
  const where = { unitId_templateKey_year_period: { unitId: unit.id, templateKey: REPORT_TEMPLATE_KEY, year: input.year, period: input.period } };
  let reportId: number;
  try {
    reportId = await deps.db.$transaction(async (tx) => {
      const existing = await tx.report.findUnique({ where, select: { id: true } });
      if (!existing) return createReport(tx, deps, person, unit, input.year, input.period);
      await refreshFigures(tx, existing.id);
      return existing.id;
    });
  } catch (error) {
    // Opened twice at once: the other one made it.
    if (!isUniqueViolation(error)) throw error;
    const raced = await deps.db.report.findUnique({ where, select: { id: true } });
    if (!raced) throw error;
    reportId = raced.id;
  }
  return viewOf(deps.db, person, reportId);
}

/** A report, for whoever may fill it in and the coordinators over its unit. */
export async function getReport(deps: ServiceDeps, person: Person, reportId: number): Promise<ReportView> {
  const row = await loadReport(deps.db, parseInput(idSchema, reportId));
  if (!can(person.actor, "report.submit", row.unit) && !can(person.actor, "report.view", row.unit)) throw new ServiceError("forbidden");
  const deadline = await reportDeadline(deps.db, row.templateKey, row.year, row.period);
  return toReportView(person, row, deadline ? dbDateToLocalDate(deadline.dueOn) : null);
}

const answerSchema = z.object({
  reportId: idSchema,
  fieldId: z.string().min(1).max(100),
  value: z.union([z.number(), z.string().max(MAX_TEXT * 4), z.null()]),
});

const LIMIT = { count: MAX_COUNT, money: MAX_AMOUNT, text: MAX_TEXT } as const;

function badAnswer(field: { id: string; kind: "count" | "money" | "text" }, reason: string): ServiceError {
  return new ServiceError("bad_report_answer", { field: field.id, reason, kind: field.kind, max: LIMIT[field.kind] });
}

/** What the audit log keeps of an answer: numbers, but only the length of a text. */
function auditValue(value: unknown): Prisma.InputJsonValue | null {
  if (typeof value === "number") return value;
  if (typeof value === "string") return { textLength: value.length };
  return null;
}

/** Answers one field (a number for count/money, a text, or null to clear a text); the known figure is kept beside it. */
export async function answerField(deps: ServiceDeps, person: Person, reportId: number, fieldId: string, value: ReportAnswer | null): Promise<ReportView> {
  const input = parseInput(answerSchema, { reportId, fieldId, value });
  await deps.db.$transaction(async (tx) => {
    const report = await openForChange(tx, person, input.reportId);
    const field = templateFields(storedTemplate(report.template)).find((f) => f.id === input.fieldId);
    if (!field) throw new ServiceError("bad_report_answer", { field: input.fieldId, reason: "no_such_field", kind: "", max: 0 });
    let answer: ReportAnswer | null = null;
    if (input.value === null) {
      if (field.kind !== "text") throw badAnswer(field, "empty");
    } else {
      const checked = checkReportAnswer(field, input.value);
      if (!checked.ok) throw badAnswer(field, checked.error);
      answer = checked.value === "" ? null : checked.value;
    }
    const before = report.values.find((v) => v.fieldId === field.id);
    const data = { value: answer ?? Prisma.DbNull, answeredByTelegramId: BigInt(person.telegramId) };
    await tx.reportValue.upsert({
      where: { reportId_fieldId: { reportId: report.id, fieldId: field.id } },
      create: { reportId: report.id, fieldId: field.id, ...data },
      update: data,
    });
    await tx.report.update({ where: { id: report.id }, data: { updatedAt: nextVersion(report.updatedAt) } });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "report.answer", entity: "Report", entityId: report.id,
      before: { fieldId: field.id, value: auditValue(before?.value), answered: (before?.answeredByTelegramId ?? null) !== null },
      after: { fieldId: field.id, value: auditValue(answer), known: typeof before?.known === "number" ? before.known : null },
    });
  });
  return viewOf(deps.db, person, input.reportId);
}

/** Confirms the pre-filled figures of a section (or all sections) as they are. */
export async function confirmKnown(deps: ServiceDeps, person: Person, reportId: number, sectionId: string | null): Promise<ReportView> {
  const input = parseInput(z.object({ reportId: idSchema, sectionId: z.string().min(1).max(100).nullable() }), { reportId, sectionId });
  await deps.db.$transaction(async (tx) => {
    const report = await openForChange(tx, person, input.reportId);
    const template = storedTemplate(report.template);
    if (input.sectionId !== null && !template.sections.some((s) => s.id === input.sectionId)) {
      throw new ServiceError("bad_input", { fields: "sectionId" });
    }
    const sourced = new Set(templateFields(template).filter((f) => f.source && (input.sectionId === null || f.sectionId === input.sectionId)).map((f) => f.id));
    const fieldIds = report.values
      .filter((v) => sourced.has(v.fieldId) && v.answeredByTelegramId === null && typeof v.value === "number")
      .map((v) => v.fieldId);
    if (fieldIds.length === 0) return;
    await tx.reportValue.updateMany({
      where: { reportId: report.id, fieldId: { in: fieldIds }, answeredByTelegramId: null },
      data: { answeredByTelegramId: BigInt(person.telegramId) },
    });
    await tx.report.update({ where: { id: report.id }, data: { updatedAt: nextVersion(report.updatedAt) } });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "report.confirm", entity: "Report", entityId: report.id,
      after: { sectionId: input.sectionId, fieldIds },
    });
  });
  return viewOf(deps.db, person, input.reportId);
}

/** Submits (every count and money answered); marked late after the deadline. Coordinators above are to be told. */
export async function submitReport(deps: ServiceDeps, person: Person, reportId: number): Promise<{ report: ReportView; notify: Recipient[] }> {
  const id = parseInput(idSchema, reportId);
  const notify = await deps.db.$transaction(async (tx) => {
    const report = await openForChange(tx, person, id);
    const { missing } = toReportView(person, report, null);
    if (missing.length > 0) throw new ServiceError("report_incomplete", { count: missing.length });
    const deadline = await reportDeadline(tx, report.templateKey, report.year, report.period);
    const lateNow = deadline !== null && compareLocalDates(vietnamToday(deps.now()), dbDateToLocalDate(deadline.dueOn)) > 0;
    // A resubmission after a reopen stays late if the first submission was.
    const lateFor = report.lateFor ?? (lateNow ? deadline.dueOn : null);
    await tx.report.update({
      where: { id: report.id },
      data: {
        status: "SUBMITTED", submittedAt: deps.now(), submittedByTelegramId: BigInt(person.telegramId), lateFor,
        updatedAt: nextVersion(report.updatedAt),
      },
    });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "report.submit", entity: "Report", entityId: report.id,
      before: { status: report.status }, after: { status: "SUBMITTED", lateFor: lateFor === null ? null : lateFor.toISOString().slice(0, 10) },
    });
    return decidersOf(deps, tx, parentPath(report.unit.path), person.telegramId, ["COORDINATOR"]);
  });
  return { report: await viewOf(deps.db, person, id), notify };
}

const reopenSchema = z.object({
  reportId: idSchema,
  comment: z.string().max(5_000).transform((s) => s.normalize("NFC").trim()).pipe(z.string().min(1).max(500)),
  seenUpdatedAt: z.string().max(64),
});

/** A coordinator over the unit reopens a submitted report for correction, with a comment; its reporters are to be told. */
export async function reopenReport(deps: ServiceDeps, person: Person, reportId: number, comment: string, seenUpdatedAt: string): Promise<{ report: ReportView; notify: Recipient[] }> {
  const input = parseInput(reopenSchema, { reportId, comment, seenUpdatedAt });
  const notify = await deps.db.$transaction(async (tx) => {
    await lockReport(tx, input.reportId);
    const report = await loadReport(tx, input.reportId);
    await requireOn(tx, person, "report.reopen", report.unitId);
    if (report.status !== "SUBMITTED") throw new ServiceError("report_not_submitted", { status: report.status });
    if (report.updatedAt.getTime() !== new Date(input.seenUpdatedAt).getTime()) throw new ServiceError("report_changed");
    await tx.report.update({
      where: { id: report.id },
      data: {
        status: "REOPENED", reopenedAt: deps.now(), reopenedByTelegramId: BigInt(person.telegramId), reopenComment: input.comment,
        updatedAt: nextVersion(report.updatedAt),
      },
    });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "report.reopen", entity: "Report", entityId: report.id,
      before: { status: report.status, reopenComment: report.reopenComment }, after: { status: "REOPENED", reopenComment: input.comment },
    });
    const reporters = await tx.membership.findMany({
      where: { unitId: report.unitId, role: "REPORTER" }, select: { member: { select: { telegramId: true } } }, orderBy: { id: "asc" },
    });
    return recipientsOf(tx, [report.submittedByTelegramId, ...reporters.map((r) => r.member.telegramId)], person.telegramId);
  });
  return { report: await viewOf(deps.db, person, input.reportId), notify };
}

/** Who in the coordinator's subtree owes the report of the period and how far they are. */
export async function submissions(deps: ServiceDeps, person: Person, unitId: number, year: number, period: ReportPeriod): Promise<SubmissionRow[]> {
  const input = parseInput(periodInput(deps.now()), { unitId, year, period });
  const unit = await requireOn(deps.db, person, "report.view", input.unitId);
  const owing = await owingUnits(deps.db, unit, REPORT_TEMPLATE_KEY, input.year, input.period);
  const reports = await deps.db.report.findMany({
    where: { unitId: { in: owing.map((u) => u.id) }, templateKey: REPORT_TEMPLATE_KEY, year: input.year, period: input.period },
    select: { id: true, unitId: true, status: true, lateFor: true, submittedAt: true },
  });
  const byUnit = new Map(reports.map((r) => [r.unitId, r]));
  return owing.map((u) => {
    const r = byUnit.get(u.id);
    return {
      unitId: u.id, unitName: u.name, unitKind: u.kind,
      status: r?.status ?? "NONE",
      reportId: r?.id ?? null,
      late: (r?.lateFor ?? null) !== null,
      submittedAt: r?.submittedAt ? r.submittedAt.toISOString() : null,
    };
  });
}

/** The summed report of the subtree: the highest submitted reports added up. */
export async function summedReport(deps: ServiceDeps, person: Person, unitId: number, year: number, period: ReportPeriod): Promise<SummedReport> {
  const input = parseInput(periodInput(deps.now()), { unitId, year, period });
  const unit = await requireOn(deps.db, person, "report.view", input.unitId);
  const template = await layoutTemplate(deps.db, input.period);
  const submitted = await deps.db.report.findMany({
    where: {
      templateKey: REPORT_TEMPLATE_KEY, year: input.year, period: input.period, status: "SUBMITTED",
      unit: { path: { startsWith: unit.path }, validTo: null },
    },
    include: { unit: { select: { id: true, name: true, path: true } }, values: { select: { fieldId: true, value: true } } },
  });
  const reported = new Set(submitted.map((r) => r.unitId));
  // A report inside the subtree above a unit covers it (a commune's covers its branches).
  const coveredAbove = (u: { id: number; path: string }) => pathIds(u.path).some((id) => id !== u.id && reported.has(id));
  const included = submitted.filter((r) => !coveredAbove(r.unit)).sort((a, b) => comparePaths(a.unit.path, b.unit.path));
  const totals = new Map<string, number>();
  for (const r of included) {
    for (const v of r.values) if (typeof v.value === "number") totals.set(v.fieldId, (totals.get(v.fieldId) ?? 0) + v.value);
  }
  const owing = await owingUnits(deps.db, unit, REPORT_TEMPLATE_KEY, input.year, input.period);
  return {
    unitId: unit.id,
    unitName: unit.name,
    year: input.year,
    period: input.period,
    title: { vi: template.title.vi, en: template.title.en },
    sections: template.sections
      .map((s) => ({
        id: s.id,
        title: { vi: s.title.vi, en: s.title.en },
        fields: s.fields.flatMap((f) => (f.kind === "text" ? [] : [{
          id: f.id, kind: f.kind, label: { vi: f.label.vi, en: f.label.en }, total: totals.get(f.id) ?? 0,
        }])),
      }))
      .filter((s) => s.fields.length > 0),
    included: included.map((r) => ({ reportId: r.id, unitId: r.unitId, unitName: r.unit.name })),
    missing: owing.filter((u) => !reported.has(u.id) && !coveredAbove(u)).map((u) => ({ unitId: u.id, unitName: u.name })),
  };
}
