// What coordinators see of the sponsorship cases of a subtree: counts by
// status, new cases and support given in a school year, the share of
// sponsored pupils still in school, whose check-ins are overdue; and, for the
// reminder job, the check-ins due today. Counted in the database (grouped),
// never by loading every case.
import { dbDateToLocalDate, localDateToDbDate, schoolYearLabel, toIsoDate, vietnamToday, type LocalDate } from "../domain/dates.ts";
import { can, type Role } from "../domain/permissions.ts";
import { schoolYearSchema } from "../domain/piggy-bank.ts";
import { idSchema } from "../domain/schemas.ts";
import { CASE_STATUSES, OPEN_STATUSES, SUPPORT_KINDS, daysOverdue, stillInSchoolShare, type CaseStatus, type StatusCounts, type SupportKind } from "../domain/sponsorship.ts";
import { requireOn, type Person } from "./access.ts";
import type { DbOrTx, ServiceDeps } from "./deps.ts";
import { parseInput } from "./input.ts";

const OVERDUE_LIMIT = 100;

export interface CaseStats {
  unitId: number;
  unitName: string;
  schoolYear: number;
  schoolYearLabel: string;
  /** every case of the subtree opened by the end of the school year, by its status now */
  counts: StatusCounts;
  total: number;
  /** cases opened during the school year */
  opened: number;
  /** support given during the school year (đồng), in all and by kind */
  supportGiven: number;
  supportByKind: Record<SupportKind, number>;
  /** share of sponsored pupils still in school (or who finished), 0–1; null with no case */
  stillInSchool: number | null;
  /** open cases whose check-in is overdue today */
  overdue: number;
}

/** A school year runs 1 September – 31 August. */
function yearBounds(year: number): { from: LocalDate; to: LocalDate } {
  return { from: { year, month: 9, day: 1 }, to: { year: year + 1, month: 8, day: 31 } };
}

export interface CasesInRange {
  /** cases started within the days */
  opened: number;
  /** support given within the days (đồng), by kind: the monthly money that arrived at each check-in, and the one-off items */
  supportByKind: Record<SupportKind, number>;
}

/**
 * The cases of a subtree (every unit whose path starts with `path`) started
 * between two calendar days (both included), and the support given then.
 * Shared by the school-year figures here and the unit reports' figures.
 */
export async function casesInRange(db: DbOrTx, path: string, from: LocalDate, to: LocalDate): Promise<CasesInRange> {
  const inTree = { unit: { path: { startsWith: path } } };
  const days = { gte: localDateToDbDate(from), lte: localDateToDbDate(to) };
  const [opened, support] = await Promise.all([
    db.sponsorshipCase.count({ where: { ...inTree, startedOn: days } }),
    db.sponsorshipSupport.groupBy({ by: ["kind"], where: { case: inTree, givenOn: days }, _sum: { amount: true } }),
  ]);
  const supportByKind = Object.fromEntries(SUPPORT_KINDS.map((k) => [k, 0])) as Record<SupportKind, number>;
  for (const row of support) supportByKind[row.kind as SupportKind] = Number(row._sum.amount ?? 0n);
  return { opened, supportByKind };
}

export async function caseStats(deps: ServiceDeps, person: Person, unitId: number, schoolYear: number): Promise<CaseStats> {
  const unit = await requireOn(deps.db, person, "sponsor.view_full", parseInput(idSchema, unitId));
  const year = parseInput(schoolYearSchema, schoolYear);
  const { from, to } = yearBounds(year);
  const inTree = { unit: { path: { startsWith: unit.path } } };
  const today = localDateToDbDate(vietnamToday(deps.now()));
  const [byStatus, { opened, supportByKind }, overdue] = await Promise.all([
    deps.db.sponsorshipCase.groupBy({ by: ["status"], where: { ...inTree, startedOn: { lte: localDateToDbDate(to) } }, _count: { _all: true } }),
    casesInRange(deps.db, unit.path, from, to),
    deps.db.sponsorshipCase.count({ where: { ...inTree, status: { in: [...OPEN_STATUSES] }, anonymisedAt: null, nextCheckInOn: { lt: today } } }),
  ]);
  const counts = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as unknown as StatusCounts;
  for (const row of byStatus) counts[row.status as CaseStatus] = row._count._all;
  return {
    unitId: unit.id, unitName: unit.name, schoolYear: year, schoolYearLabel: schoolYearLabel(year), counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0), opened,
    supportGiven: Object.values(supportByKind).reduce((a, b) => a + b, 0), supportByKind,
    stillInSchool: stillInSchoolShare(counts), overdue,
  };
}

export interface OverdueCheckIn {
  caseId: number;
  /** initials: a list is not a full view */
  initials: string | null;
  birthYear: number | null;
  unitName: string;
  ownerName: string | null;
  ownerTelegramId: number;
  /** "YYYY-MM-DD" */
  dueOn: string;
  overdueDays: number;
}

/** Whose check-ins are overdue in the subtree, the longest overdue first (coordinators). */
export async function overdueCheckIns(deps: ServiceDeps, person: Person, unitId: number): Promise<OverdueCheckIn[]> {
  const unit = await requireOn(deps.db, person, "sponsor.view_full", parseInput(idSchema, unitId));
  const today = vietnamToday(deps.now());
  const rows = await deps.db.sponsorshipCase.findMany({
    where: {
      unit: { path: { startsWith: unit.path } }, status: { in: [...OPEN_STATUSES] }, anonymisedAt: null,
      nextCheckInOn: { lt: localDateToDbDate(today) },
    },
    include: { unit: { select: { name: true } } },
    orderBy: [{ nextCheckInOn: "asc" }, { id: "asc" }],
    take: OVERDUE_LIMIT,
  });
  const owners = await deps.db.member.findMany({
    where: { telegramId: { in: [...new Set(rows.map((r) => r.ownerTelegramId))] } },
    select: { telegramId: true, fullName: true },
  });
  const names = new Map(owners.map((o) => [o.telegramId, o.fullName]));
  return rows.map((r) => {
    const due = dbDateToLocalDate(r.nextCheckInOn);
    return {
      caseId: r.id, initials: r.pupilInitials, birthYear: r.birthYear, unitName: r.unit.name, ownerName: names.get(r.ownerTelegramId) ?? null,
      ownerTelegramId: Number(r.ownerTelegramId), dueOn: toIsoDate(due), overdueDays: daysOverdue(due, today),
    };
  });
}

export interface DueReminder {
  caseId: number;
  ownerTelegramId: number;
  language: string | null;
  /** the owner is entitled to the pupil's name */
  pupilName: string;
  unitName: string;
  /** "YYYY-MM-DD" */
  dueOn: string;
  overdueDays: number;
}

/**
 * Check-ins due by `now` (Vietnam's calendar) on open cases whose owner still
 * belongs to the unit: what the reminder job sends. Not a person's request:
 * the scheduler calls it. All of them (a province follows a few thousand
 * pupils at most): a cap would let cases whose owner left crowd out the rest.
 */
export async function dueCheckInReminders(deps: ServiceDeps, now: Date): Promise<DueReminder[]> {
  const today = vietnamToday(now);
  const rows = await deps.db.sponsorshipCase.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, anonymisedAt: null, nextCheckInOn: { lte: localDateToDbDate(today) } },
    include: { unit: { select: { id: true, name: true, path: true } } },
    orderBy: [{ nextCheckInOn: "asc" }, { id: "asc" }],
  });
  const owners = await deps.db.member.findMany({
    where: { telegramId: { in: [...new Set(rows.map((r) => r.ownerTelegramId))] } },
    include: { memberships: { include: { unit: { select: { id: true, path: true, validTo: true } } } } },
  });
  const byId = new Map(owners.map((o) => [o.telegramId, o]));
  const out: DueReminder[] = [];
  for (const r of rows) {
    const owner = byId.get(r.ownerTelegramId);
    if (!owner || owner.unreachableAt !== null) continue;
    const actor = {
      isAdmin: deps.adminTelegramIds.includes(Number(owner.telegramId)),
      roles: owner.memberships.filter((m) => m.unit.validTo === null).map((m) => ({ unitId: m.unit.id, unitPath: m.unit.path, role: m.role as Role })),
    };
    if (!can(actor, "sponsor.open", r.unit)) continue;
    const due = dbDateToLocalDate(r.nextCheckInOn);
    out.push({
      caseId: r.id, ownerTelegramId: Number(owner.telegramId), language: owner.language, pupilName: r.pupilName ?? r.pupilInitials ?? "",
      unitName: r.unit.name, dueOn: toIsoDate(due), overdueDays: daysOverdue(due, today),
    });
  }
  return out;
}
