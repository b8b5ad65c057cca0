// What a person may see of a sponsorship case. The privacy rule lives here
// and only here: the case owner and the coordinators of the case's unit or
// above get the full case; anyone else who may see the unit's cases gets the
// initials, the year of birth and the figures, never the name, the school,
// the circumstances or the notes. Views are JSON-safe (conversations store them).
import { dbDateToLocalDate, toIsoDate, vietnamToday } from "../domain/dates.ts";
import { can } from "../domain/permissions.ts";
import { daysOverdue, isOpenStatus, type CaseStatus, type Circumstance, type SupportKind } from "../domain/sponsorship.ts";
import type { Person } from "./access.ts";
import type { DbOrTx } from "./deps.ts";
import { ServiceError } from "./errors.ts";

export interface SponsorKindView {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
  active: boolean;
}

export interface CaseView {
  id: number;
  unitId: number;
  unitName: string;
  /** the person sees the full case (owner, or a coordinator of the unit or above) */
  full: boolean;
  /** the person opened the case and follows it */
  isOwner: boolean;
  /** name, school, circumstances… cleared on request; the figures stay */
  anonymised: boolean;
  /** full: the pupil's name; otherwise null */
  pupilName: string | null;
  /** "N.T.H." (null once anonymised) */
  initials: string | null;
  birthYear: number | null;
  grade: number;
  schoolName: string | null;
  circumstances: Circumstance[];
  circumstanceNote: string | null;
  sponsorKind: SponsorKindView;
  sponsorName: string | null;
  /** đồng per month (0: no money) */
  monthlyAmount: number;
  /** what is given: MONEY per month, the others once with their value */
  support: { kind: SupportKind; amount: number }[];
  supportNote: string | null;
  /** "YYYY-MM-DD" */
  startedOn: string;
  status: CaseStatus;
  statusReason: string | null;
  checkInMonths: number;
  /** "YYYY-MM-DD" */
  nextCheckInOn: string;
  /** days the next check-in is overdue (0: not yet); 0 for closed cases */
  overdueDays: number;
  ownerTelegramId: number;
  ownerName: string | null;
  lastCheckIn: { on: string; attending: boolean; supportArrived: boolean | null; studies: number; flagNote: string | null } | null;
  /** the person may check in, change the status and the interval */
  canFollow: boolean;
  /** the person may delete (anonymise) the case */
  canDelete: boolean;
}

export const caseInclude = {
  unit: true,
  sponsorKind: true,
  supports: { where: { checkInId: null }, orderBy: { id: "asc" } },
  checkIns: { orderBy: { id: "desc" }, take: 1 },
} as const;

type UnitRow = { id: number; name: string; path: string };
export type CaseRow = {
  id: number; unitId: number; ownerTelegramId: bigint; pupilName: string | null; pupilInitials: string | null; birthYear: number | null;
  schoolName: string | null; grade: number; circumstances: string[]; circumstanceNote: string | null; sponsorKindId: number;
  sponsorName: string | null; monthlyAmount: bigint; supportKinds: string[]; supportNote: string | null; startedOn: Date;
  status: string; statusReason: string | null; checkInMonths: number; nextCheckInOn: Date; anonymisedAt: Date | null;
  unit: UnitRow;
  sponsorKind: { id: number; code: string; nameVi: string; nameEn: string; active: boolean };
  supports: { kind: string; amount: bigint }[];
  checkIns: { createdAt: Date; attending: boolean; supportArrived: boolean | null; studies: number; flagNote: string | null }[];
};

export async function loadCase(db: DbOrTx, caseId: number) {
  const row = await db.sponsorshipCase.findUnique({ where: { id: caseId }, include: caseInclude });
  if (!row) throw new ServiceError("case_not_found");
  return row;
}

/** The person opened the case and still belongs to its unit (or above). */
export function isOwner(person: Person, row: { ownerTelegramId: bigint; unit: UnitRow }): boolean {
  return Number(row.ownerTelegramId) === person.telegramId && can(person.actor, "sponsor.open", row.unit);
}

/** Name and circumstances: the owner, the coordinators of the unit or above, administrators. */
export function seesFull(person: Person, row: { ownerTelegramId: bigint; unit: UnitRow }): boolean {
  return isOwner(person, row) || can(person.actor, "sponsor.view_full", row.unit);
}

/** Someone who may not even see the unit's cases is told the case does not exist (no hint that it does). */
export function requireSees(person: Person, row: { ownerTelegramId: bigint; unit: UnitRow }): void {
  if (!isOwner(person, row) && !can(person.actor, "sponsor.open", row.unit)) throw new ServiceError("case_not_found");
}

/** Check-ins, status and interval changes: the owner or a coordinator of the unit or above. */
export function requireFollow(person: Person, row: { ownerTelegramId: bigint; unit: UnitRow }): void {
  requireSees(person, row);
  if (!seesFull(person, row)) throw new ServiceError("forbidden");
}

export function toSponsorKindView(k: CaseRow["sponsorKind"]): SponsorKindView {
  return { id: k.id, code: k.code, nameVi: k.nameVi, nameEn: k.nameEn, active: k.active };
}

export function toCaseView(person: Person, row: CaseRow, now: Date, ownerName: string | null): CaseView {
  const full = seesFull(person, row);
  const status = row.status as CaseStatus;
  const today = vietnamToday(now);
  const due = dbDateToLocalDate(row.nextCheckInOn);
  const open = isOpenStatus(status) && row.anonymisedAt === null;
  const last = row.checkIns[0];
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: row.unit.name,
    full,
    isOwner: isOwner(person, row),
    anonymised: row.anonymisedAt !== null,
    pupilName: full ? row.pupilName : null,
    initials: row.pupilInitials,
    birthYear: row.birthYear,
    grade: row.grade,
    schoolName: full ? row.schoolName : null,
    circumstances: full ? (row.circumstances as Circumstance[]) : [],
    circumstanceNote: full ? row.circumstanceNote : null,
    sponsorKind: toSponsorKindView(row.sponsorKind),
    sponsorName: full ? row.sponsorName : null,
    monthlyAmount: Number(row.monthlyAmount),
    support: supportOf(row),
    supportNote: full ? row.supportNote : null,
    startedOn: toIsoDate(dbDateToLocalDate(row.startedOn)),
    status,
    statusReason: full ? row.statusReason : null,
    checkInMonths: row.checkInMonths,
    nextCheckInOn: toIsoDate(due),
    overdueDays: open ? daysOverdue(due, today) : 0,
    ownerTelegramId: Number(row.ownerTelegramId),
    ownerName,
    lastCheckIn: last
      ? {
          on: toIsoDate(vietnamToday(last.createdAt)), attending: last.attending, supportArrived: last.supportArrived, studies: last.studies,
          flagNote: full ? last.flagNote : null,
        }
      : null,
    canFollow: full && open,
    canDelete: full && row.anonymisedAt === null,
  };
}

/** Support as opened: MONEY per month first, then the one-off items with their value. */
function supportOf(row: CaseRow): { kind: SupportKind; amount: number }[] {
  const out: { kind: SupportKind; amount: number }[] = [];
  if (row.supportKinds.includes("MONEY")) out.push({ kind: "MONEY", amount: Number(row.monthlyAmount) });
  for (const kind of row.supportKinds) {
    if (kind === "MONEY") continue;
    const given = row.supports.filter((s) => s.kind === kind).reduce((sum, s) => sum + Number(s.amount), 0);
    out.push({ kind: kind as SupportKind, amount: given });
  }
  return out;
}
