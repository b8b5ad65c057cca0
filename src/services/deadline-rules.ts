// Who owes a deadline and whether they have done it, for the deadlines
// service (deadlines.ts): the units that owe it (active units of its kinds),
// done-ness read in bulk (a submitted report; a submitted or later
// self-evaluation; an event is never "done"), who gets a reminder at a unit,
// and which coordinator gets which digest. Helpers here take the database
// client (not ServiceDeps), so they are not bound as services.
import type { DeadlineKind } from "../domain/calendar.ts";
import type { LearningModel } from "../domain/criteria.ts";
import { dbDateToLocalDate, localDateToDbDate, toIsoDate, type LocalDate } from "../domain/dates.ts";
import { roleRank, type Role, type ScopedRole } from "../domain/permissions.ts";
import type { ReportPeriod } from "../domain/reports.ts";
import type { UnitKind } from "../domain/unit-kinds.ts";
import type { DeadlineView } from "./deadlines.ts";
import type { DbOrTx } from "./deps.ts";

type Bilingual = { vi: string; en: string };
const DAY_MS = 24 * 60 * 60 * 1000;

/** The columns of a Deadline row the rules read. */
export interface DeadlineRow {
  id: number;
  key: string;
  year: number;
  name: unknown;
  kind: DeadlineKind;
  templateKey: string | null;
  period: ReportPeriod | null;
  model: LearningModel | null;
  unitKinds: UnitKind[];
  roles: Role[];
  dueOn: Date;
  steps: number[];
  active: boolean;
  updatedAt: Date;
}

function bilingual(value: unknown, fallback: string): Bilingual {
  const v = (typeof value === "object" && value !== null ? value : {}) as { vi?: unknown; en?: unknown };
  const vi = typeof v.vi === "string" ? v.vi : fallback;
  return { vi, en: typeof v.en === "string" ? v.en : vi };
}

export function toDeadlineView(row: DeadlineRow, note: Bilingual | null): DeadlineView {
  return {
    id: row.id,
    key: row.key,
    year: row.year,
    name: bilingual(row.name, row.key),
    kind: row.kind,
    templateKey: row.templateKey,
    period: row.period,
    model: row.model,
    unitKinds: [...row.unitKinds],
    roles: [...row.roles],
    dueOn: toIsoDate(dbDateToLocalDate(row.dueOn)),
    steps: [...row.steps],
    active: row.active,
    note,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((localDateToDbDate(to).getTime() - localDateToDbDate(from).getTime()) / DAY_MS);
}

/** A later `updatedAt` than the one seen, even within the same millisecond. */
export function nextVersion(previous: Date): Date {
  return new Date(Math.max(Date.now(), previous.getTime() + 1));
}

// ---- who owes it, and who has done it ----

export interface OwingUnit {
  id: number;
  name: string;
  path: string;
}

/** Active units (not retired by a merge) of these kinds; memoised per kinds list within one call of a service. */
export function owingUnitsLoader(db: DbOrTx) {
  const cache = new Map<string, Promise<OwingUnit[]>>();
  return (kinds: UnitKind[]): Promise<OwingUnit[]> => {
    const key = [...kinds].sort().join(",");
    let found = cache.get(key);
    if (!found) {
      found = db.unit.findMany({ where: { validTo: null, kind: { in: kinds } }, select: { id: true, name: true, path: true }, orderBy: { id: "asc" } });
      cache.set(key, found);
    }
    return found;
  };
}

export interface UnitProgress {
  done: boolean;
  /** the unit's Report row for a report deadline (any status); null otherwise */
  reportId: number | null;
}

const EVALUATION_DONE = ["SUBMITTED", "APPROVED", "RECOGNISED"] as const;

/**
 * Done-ness of these units for one deadline, in one query: a report deadline
 * is done by a SUBMITTED report of the template, year and period; an
 * evaluation deadline by a self-evaluation of the model and year sent in
 * (submitted, approved or recognised) at the unit; an event never.
 */
export async function progressOf(db: DbOrTx, d: DeadlineRow, unitIds: number[]): Promise<Map<number, UnitProgress>> {
  const out = new Map<number, UnitProgress>(unitIds.map((id) => [id, { done: false, reportId: null }]));
  if (unitIds.length === 0) return out;
  if (d.kind === "REPORT" && d.templateKey !== null && d.period !== null) {
    const reports = await db.report.findMany({
      where: { unitId: { in: unitIds }, templateKey: d.templateKey, year: d.year, period: d.period },
      select: { id: true, unitId: true, status: true },
    });
    for (const r of reports) out.set(r.unitId, { done: r.status === "SUBMITTED", reportId: r.id });
  } else if (d.kind === "EVALUATION" && d.model !== null) {
    const evaluations = await db.evaluation.findMany({
      where: { status: { in: [...EVALUATION_DONE] }, registration: { unitId: { in: unitIds }, model: d.model, year: d.year } },
      select: { registration: { select: { unitId: true } } },
    });
    for (const e of evaluations) out.set(e.registration.unitId, { done: true, reportId: null });
  }
  return out;
}

/** The owing units that have not done it (for an event: all of them). */
export async function missingUnits(db: DbOrTx, d: DeadlineRow, owing: OwingUnit[]): Promise<OwingUnit[]> {
  const progress = await progressOf(db, d, owing.map((u) => u.id));
  return owing.filter((u) => !progress.get(u.id)?.done);
}

// ---- who is told ----

export interface Holder {
  unitId: number;
  role: Role;
  telegramId: number;
  language: string | null;
}

/** Reachable members holding one of these roles directly at these units (one query). */
export async function holdersAt(db: DbOrTx, unitIds: number[], roles: Role[]): Promise<Holder[]> {
  if (unitIds.length === 0 || roles.length === 0) return [];
  const rows = await db.membership.findMany({
    where: { unitId: { in: unitIds }, role: { in: roles }, member: { unreachableAt: null } },
    select: { unitId: true, role: true, member: { select: { telegramId: true, language: true } } },
    orderBy: [{ unitId: "asc" }, { member: { telegramId: "asc" } }],
  });
  return rows.map((r) => ({ unitId: r.unitId, role: r.role as Role, telegramId: Number(r.member.telegramId), language: r.member.language }));
}

/**
 * Who is reminded at one unit: the holders of the deadline's roles there.
 * When nobody reachable holds them (no reporter yet, or the only one blocked
 * the bot), the unit's coordinators are reminded instead, so every unit that
 * owes something hears about it.
 */
export function recipientsAt(holders: Holder[], roles: Role[]): Holder[] {
  const direct = holders.filter((h) => roles.includes(h.role));
  return direct.length > 0 ? direct : holders.filter((h) => h.role === "COORDINATOR");
}

/** Ids of the units strictly above one with this path ("/1/5/23/" → 1, 5). */
export function strictAncestorIds(path: string): number[] {
  return path.split("/").filter((s) => s !== "").map(Number).slice(0, -1);
}

export interface Coordination {
  telegramId: number;
  language: string | null;
  unit: OwingUnit;
}

export interface DigestPlan {
  telegramId: number;
  language: string | null;
  unit: OwingUnit;
  missing: OwingUnit[];
}

const depth = (path: string) => path.split("/").length;
const isStrictlyUnder = (unit: OwingUnit, above: OwingUnit) => unit.id !== above.id && unit.path.startsWith(above.path);

/**
 * One digest per coordinator: for the highest unit they coordinate (someone
 * coordinating both a district and a commune in it gets the district's list
 * once), the missing units strictly under any of their units.
 */
export function planDigests(missing: OwingUnit[], coordinations: Coordination[]): DigestPlan[] {
  const byPerson = new Map<number, Coordination[]>();
  for (const c of coordinations) byPerson.set(c.telegramId, [...(byPerson.get(c.telegramId) ?? []), c]);
  const out: DigestPlan[] = [];
  for (const [telegramId, held] of byPerson) {
    const units = held.map((c) => c.unit);
    const theirs = missing.filter((m) => units.some((u) => isStrictlyUnder(m, u)));
    if (theirs.length === 0) continue;
    const highest = [...units].sort((a, b) => depth(a.path) - depth(b.path) || a.id - b.id)[0]!;
    out.push({ telegramId, language: held[0]!.language, unit: highest, missing: theirs });
  }
  return out.sort((a, b) => a.telegramId - b.telegramId);
}

/**
 * The owing units that concern a person: those where they hold one of the
 * deadline's roles directly, and (except for events, which have nothing to
 * be done) those under a unit they coordinate.
 */
export function unitsConcerning(roles: ScopedRole[], d: Pick<DeadlineRow, "roles" | "kind">, owing: OwingUnit[]): OwingUnit[] {
  return owing.filter((u) =>
    roles.some((r) =>
      (r.unitId === u.id && d.roles.includes(r.role)) ||
      (d.kind !== "EVENT" && roleRank(r.role) >= roleRank("COORDINATOR") && r.unitId !== u.id && u.path.startsWith(r.unitPath)),
    ),
  );
}
