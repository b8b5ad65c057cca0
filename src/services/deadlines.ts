// The deadlines calendar (issue 6): dated Deadline rows made each year from
// the shipped calendar (criteria/calendar/*.json) and edited by
// administrators; who owes each deadline and whether their unit has done it;
// the reminders due today and the digest of units still missing after a
// deadline. Sending is the job's (src/jobs/deadline-reminders.ts).
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { DEADLINE_KINDS, entryDate, MAX_STEP, MIN_STEP, stepsSchema, type DeadlineKind } from "../domain/calendar.ts";
import { MODELS, type LearningModel } from "../domain/criteria.ts";
import { addDays, compareLocalDates, dbDateToLocalDate, fromIsoDate, localDateToDbDate, vietnamToday, type LocalDate } from "../domain/dates.ts";
import { can, isAdmin, roleRank, ROLES, type Role } from "../domain/permissions.ts";
import { REPORT_PERIODS, type ReportPeriod } from "../domain/reports.ts";
import { idSchema } from "../domain/schemas.ts";
import { UNIT_KINDS, type UnitKind } from "../domain/unit-kinds.ts";
import type { Person } from "./access.ts";
import { writeAudit } from "./audit.ts";
import { readCalendarFolder, SHIPPED_CALENDAR_DIR, shippedNotes } from "./deadline-calendar.ts";
import {
  daysBetween,
  holdersAt,
  missingUnits,
  nextVersion,
  owingUnitsLoader,
  planDigests,
  progressOf,
  recipientsAt,
  strictAncestorIds,
  toDeadlineView,
  unitsConcerning,
  type DeadlineRow,
} from "./deadline-rules.ts";
import type { ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";
import { parseInput } from "./input.ts";
import { isUniqueViolation, REPORT_TEMPLATE_KEY } from "./report-views.ts";

type Bilingual = { vi: string; en: string };

export interface DeadlineView {
  id: number;
  key: string;
  year: number;
  name: Bilingual;
  kind: DeadlineKind;
  templateKey: string | null;
  period: ReportPeriod | null;
  model: LearningModel | null;
  unitKinds: UnitKind[];
  roles: Role[];
  /** ISO date yyyy-mm-dd */
  dueOn: string;
  steps: number[];
  active: boolean;
  note: Bilingual | null;
  updatedAt: string;
}

/** A deadline as one person sees it: for each of their units that owes it, whether it is done. */
export interface MyDeadline {
  deadline: DeadlineView;
  /** days from today to the deadline (negative: past) */
  daysLeft: number;
  units: { unitId: number; unitName: string; done: boolean; reportId: number | null }[];
}

export interface DueReminder {
  deadline: DeadlineView;
  step: number;
  unitId: number;
  unitName: string;
  telegramId: number;
  language: string | null;
  /** the claim key: deadline:<id>:<step>:<unitId>:<telegramId> */
  key: string;
}

export interface OverdueDigest {
  deadline: DeadlineView;
  telegramId: number;
  language: string | null;
  /** the coordinator's unit the list is for */
  unitId: number;
  unitName: string;
  missing: { unitId: number; unitName: string }[];
  /** the claim key: digest:<id>:<telegramId> */
  key: string;
}

export type DeadlinePatch = Partial<{ name: Bilingual; dueOn: string; steps: number[]; active: boolean; roles: Role[]; unitKinds: UnitKind[] }>;

const yearSchema = z.number().int().min(1900).max(2199);
const yearsSchema = z.array(yearSchema).max(10);
const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)));
const isoDate = z.string().refine((s) => fromIsoDate(s) !== null);
const nameText = z.string().transform((s) => s.normalize("NFC").trim()).pipe(z.string().min(1).max(200));
const unique = <T>(list: T[]) => [...new Set(list)];

const patchSchema = z
  .object({
    name: z.object({ vi: nameText, en: nameText }).strict(),
    dueOn: isoDate,
    steps: stepsSchema,
    active: z.boolean(),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length * 2).transform(unique),
    unitKinds: z.array(z.enum(UNIT_KINDS)).min(1).max(UNIT_KINDS.length * 2).transform(unique),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { path: ["patch"], when: (payload) => payload.issues.length === 0 });

/** A new deadline an administrator makes from the chat (what is due, who owes it, when, the reminders). */
export interface NewDeadline {
  year: number;
  name: Bilingual;
  kind: DeadlineKind;
  templateKey?: string | null;
  period?: ReportPeriod | null;
  model?: LearningModel | null;
  unitKinds: UnitKind[];
  roles: Role[];
  /** ISO date yyyy-mm-dd, within a year of `year` */
  dueOn: string;
  steps: number[];
}

const newDeadlineSchema = z
  .object({
    year: yearSchema,
    name: z.object({ vi: nameText, en: nameText }).strict(),
    kind: z.enum(DEADLINE_KINDS),
    templateKey: z.string().nullish(),
    period: z.enum(REPORT_PERIODS).nullish(),
    model: z.enum(MODELS).nullish(),
    unitKinds: z.array(z.enum(UNIT_KINDS)).min(1).max(UNIT_KINDS.length * 2).transform(unique),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length * 2).transform(unique),
    dueOn: isoDate,
    steps: stepsSchema,
  })
  .strict()
  .superRefine((d, ctx) => {
    const report = d.kind === "REPORT";
    if (report && d.templateKey !== REPORT_TEMPLATE_KEY) ctx.addIssue({ code: "custom", path: ["templateKey"], message: "a report deadline names the report template" });
    if (report && !d.period) ctx.addIssue({ code: "custom", path: ["period"], message: "a report deadline names its period" });
    if (!report && (d.templateKey || d.period)) ctx.addIssue({ code: "custom", path: [d.templateKey ? "templateKey" : "period"], message: "only report deadlines name a template and period" });
    if (d.kind === "EVALUATION" && !d.model) ctx.addIssue({ code: "custom", path: ["model"], message: "an evaluation deadline names its learning model" });
    if (d.kind !== "EVALUATION" && d.model) ctx.addIssue({ code: "custom", path: ["model"], message: "only evaluation deadlines name a model" });
    const due = fromIsoDate(d.dueOn);
    if (due && Math.abs(due.year - d.year) > 1) ctx.addIssue({ code: "custom", path: ["dueOn"], message: "within a year of the deadline's year" });
  });

/** The key of a deadline made in the chat (the shipped ones have readable keys). */
const customKey = () => `custom-${randomBytes(5).toString("hex")}`;
const KEY_TRIES = 5;

/** How far back and ahead /deadlines looks. */
const MY_DAYS_BACK = 30;
const MY_DAYS_AHEAD = 120;
/** The digest goes out from the day after the deadline, for a week (once per coordinator). */
const DIGEST_DAYS = 7;

async function views(rows: DeadlineRow[]): Promise<DeadlineView[]> {
  const notes = await shippedNotes();
  return rows.map((r) => toDeadlineView(r, notes.get(r.key) ?? null));
}

function requireReader(person: Person): void {
  const coordinates = person.actor.roles.some((r) => roleRank(r.role) >= roleRank("COORDINATOR"));
  if (!isAdmin(person.actor) && !coordinates) throw new ServiceError("forbidden");
}

/** Makes the shipped calendar's deadlines for these years where missing (edited rows are never overwritten). */
export async function syncCalendar(deps: ServiceDeps, years: number[], dir = SHIPPED_CALENDAR_DIR): Promise<{ created: number; invalid: { file: string; errors: string[] }[] }> {
  const wanted = unique(parseInput(yearsSchema, years));
  const folder = await readCalendarFolder(dir);
  const data = folder.entries.flatMap((e) =>
    wanted.map((year) => ({
      key: e.key, year, name: e.name, kind: e.kind, templateKey: e.templateKey ?? null, period: e.period ?? null, model: e.model ?? null,
      unitKinds: e.unitKinds, roles: e.roles, dueOn: localDateToDbDate(entryDate(e, year)), steps: e.steps,
    })),
  );
  // INSERT … ON CONFLICT DO NOTHING on (key, year): a row that exists (perhaps
  // edited by an administrator) stays as it is, and two instances starting at
  // once make each deadline once.
  const created = data.length === 0 ? 0 : (await deps.db.deadline.createMany({ data, skipDuplicates: true })).count;
  return { created, invalid: folder.invalid };
}

/** Every deadline of a year, for administrators (editing) and coordinators (reading). */
export async function listDeadlines(deps: ServiceDeps, person: Person, year: number): Promise<DeadlineView[]> {
  requireReader(person);
  const y = parseInput(yearSchema, year);
  return views(await deps.db.deadline.findMany({ where: { year: y }, orderBy: [{ dueOn: "asc" }, { key: "asc" }] }));
}

export async function getDeadline(deps: ServiceDeps, person: Person, id: number): Promise<DeadlineView> {
  requireReader(person);
  const row = await deps.db.deadline.findUnique({ where: { id: parseInput(idSchema, id) } });
  if (!row) throw new ServiceError("deadline_not_found");
  return (await views([row]))[0]!;
}

/** What is coming for this person (and what is overdue, up to 30 days back), with their units' progress. */
export async function myDeadlines(deps: ServiceDeps, person: Person): Promise<MyDeadline[]> {
  if (person.actor.roles.length === 0) return [];
  const today = vietnamToday(deps.now());
  const rows = await deps.db.deadline.findMany({
    where: { active: true, dueOn: { gte: localDateToDbDate(addDays(today, -MY_DAYS_BACK)), lte: localDateToDbDate(addDays(today, MY_DAYS_AHEAD)) } },
    orderBy: [{ dueOn: "asc" }, { id: "asc" }],
  });
  const owingUnits = owingUnitsLoader(deps.db);
  const shown = await views(rows);
  const out: MyDeadline[] = [];
  for (const [i, row] of rows.entries()) {
    const units = unitsConcerning(person.actor.roles, row, await owingUnits(row.unitKinds));
    if (units.length === 0) continue;
    const progress = await progressOf(deps.db, row, units.map((u) => u.id));
    out.push({
      deadline: shown[i]!,
      daysLeft: daysBetween(today, dbDateToLocalDate(row.dueOn)),
      units: units.map((u) => ({ unitId: u.id, unitName: u.name, ...(progress.get(u.id) ?? { done: false, reportId: null }) })),
    });
  }
  return out;
}

/** An administrator changes a deadline (date, name, steps, roles, unit kinds, on/off); refused if it changed since they saw it. */
export async function updateDeadline(deps: ServiceDeps, person: Person, id: number, patch: DeadlinePatch, seenUpdatedAt: string): Promise<DeadlineView> {
  if (!can(person.actor, "deadlines.manage", null)) throw new ServiceError("forbidden");
  const deadlineId = parseInput(idSchema, id);
  const seen = new Date(parseInput(isoInstant, seenUpdatedAt));
  const change = parseInput(patchSchema, patch);
  const updated = await deps.db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "Deadline" WHERE "id" = ${deadlineId} FOR UPDATE`;
    const row = await tx.deadline.findUnique({ where: { id: deadlineId } });
    if (!row) throw new ServiceError("deadline_not_found");
    if (row.updatedAt.getTime() !== seen.getTime()) throw new ServiceError("deadline_changed");
    const dueOn = change.dueOn === undefined ? undefined : fromIsoDate(change.dueOn)!;
    if (dueOn && Math.abs(dueOn.year - row.year) > 1) throw new ServiceError("bad_input", { fields: "dueOn" });
    const before = toDeadlineView(row, null);
    const saved = await tx.deadline.update({
      where: { id: deadlineId },
      data: {
        ...change,
        dueOn: dueOn && localDateToDbDate(dueOn),
        updatedByTelegramId: BigInt(person.telegramId),
        updatedAt: nextVersion(row.updatedAt),
      },
    });
    const after = toDeadlineView(saved, null);
    const fields = Object.keys(change) as (keyof typeof change)[];
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "deadline.update", entity: "Deadline", entityId: deadlineId,
      before: Object.fromEntries(fields.map((f) => [f, before[f]])), after: Object.fromEntries(fields.map((f) => [f, after[f]])),
    });
    return saved;
  });
  return (await views([updated]))[0]!;
}

/** An administrator adds a deadline to a year's calendar (key custom-…, unique in the year); audited. */
export async function createDeadline(deps: ServiceDeps, person: Person, input: NewDeadline): Promise<DeadlineView> {
  if (!can(person.actor, "deadlines.manage", null)) throw new ServiceError("forbidden");
  const d = parseInput(newDeadlineSchema, input);
  for (let attempt = 1; ; attempt++) {
    try {
      const created = await deps.db.$transaction(async (tx) => {
        const row = await tx.deadline.create({
          data: {
            key: customKey(), year: d.year, name: d.name, kind: d.kind,
            templateKey: d.kind === "REPORT" ? REPORT_TEMPLATE_KEY : null, period: d.kind === "REPORT" ? d.period! : null,
            model: d.kind === "EVALUATION" ? d.model! : null, unitKinds: d.unitKinds, roles: d.roles,
            dueOn: localDateToDbDate(fromIsoDate(d.dueOn)!), steps: d.steps, updatedByTelegramId: BigInt(person.telegramId),
          },
        });
        const view = toDeadlineView(row, null);
        await writeAudit(tx, {
          actorTelegramId: person.telegramId, action: "deadline.create", entity: "Deadline", entityId: row.id, before: null,
          after: { key: view.key, year: view.year, name: view.name, kind: view.kind, templateKey: view.templateKey, period: view.period, model: view.model, unitKinds: view.unitKinds, roles: view.roles, dueOn: view.dueOn, steps: view.steps },
        });
        return row;
      });
      return (await views([created]))[0]!;
    } catch (error) {
      // Another deadline of the year drew the same key (very unlikely): draw again.
      if (!isUniqueViolation(error) || attempt >= KEY_TRIES) throw error;
    }
  }
}

/** Active deadlines of any kind whose due day is within `from`…`to` days of today. */
function deadlinesAround(deps: ServiceDeps, today: LocalDate, from: number, to: number, kinds: DeadlineRow["kind"][]) {
  return deps.db.deadline.findMany({
    where: { active: true, kind: { in: kinds }, dueOn: { gte: localDateToDbDate(addDays(today, from)), lte: localDateToDbDate(addDays(today, to)) } },
    orderBy: [{ dueOn: "asc" }, { id: "asc" }],
  });
}

/** The reminder steps that fall today (Vietnam), one per recipient of each unit that owes the deadline and has not done it. */
export async function dueReminders(deps: ServiceDeps, now: Date): Promise<DueReminder[]> {
  const today = vietnamToday(now);
  // A step s falls today when dueOn + s = today, so dueOn lies within today − MAX_STEP … today − MIN_STEP.
  const rows = await deadlinesAround(deps, today, -MAX_STEP, -MIN_STEP, ["REPORT", "EVALUATION", "EVENT"]);
  const owingUnits = owingUnitsLoader(deps.db);
  const shown = await views(rows);
  const out: DueReminder[] = [];
  for (const [i, row] of rows.entries()) {
    const step = row.steps.find((s) => compareLocalDates(addDays(dbDateToLocalDate(row.dueOn), s), today) === 0);
    if (step === undefined) continue;
    const missing = await missingUnits(deps.db, row, await owingUnits(row.unitKinds));
    const holders = await holdersAt(deps.db, missing.map((u) => u.id), unique([...row.roles, "COORDINATOR" as const]));
    for (const unit of missing) {
      for (const h of recipientsAt(holders.filter((x) => x.unitId === unit.id), row.roles)) {
        out.push({
          deadline: shown[i]!, step, unitId: unit.id, unitName: unit.name, telegramId: h.telegramId, language: h.language,
          key: `deadline:${row.id}:${step}:${unit.id}:${h.telegramId}`,
        });
      }
    }
  }
  return out;
}

/** After a deadline (from the next day, for a week): one digest per coordinator above units still missing. */
export async function overdueDigests(deps: ServiceDeps, now: Date): Promise<OverdueDigest[]> {
  const today = vietnamToday(now);
  const rows = await deadlinesAround(deps, today, -DIGEST_DAYS, -1, ["REPORT", "EVALUATION"]);
  const owingUnits = owingUnitsLoader(deps.db);
  const shown = await views(rows);
  const out: OverdueDigest[] = [];
  for (const [i, row] of rows.entries()) {
    const missing = await missingUnits(deps.db, row, await owingUnits(row.unitKinds));
    const above = unique(missing.flatMap((u) => strictAncestorIds(u.path)));
    if (above.length === 0) continue;
    const coordinators = await deps.db.membership.findMany({
      where: { unitId: { in: above }, role: "COORDINATOR", unit: { validTo: null }, member: { unreachableAt: null } },
      select: { unit: { select: { id: true, name: true, path: true } }, member: { select: { telegramId: true, language: true } } },
    });
    const plans = planDigests(missing, coordinators.map((c) => ({ telegramId: Number(c.member.telegramId), language: c.member.language, unit: c.unit })));
    for (const p of plans) {
      out.push({
        deadline: shown[i]!, telegramId: p.telegramId, language: p.language, unitId: p.unit.id, unitName: p.unit.name,
        missing: p.missing.map((u) => ({ unitId: u.id, unitName: u.name })), key: `digest:${row.id}:${p.telegramId}`,
      });
    }
  }
  return out;
}
