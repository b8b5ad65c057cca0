// Shared by the piggy-bank services: loading drives and openings, and
// turning rows into views. Views are JSON-safe (numbers, ISO strings): the
// conversations store what services return. Money is BigInt in the database
// and a number here; amounts stay far below 2^53 (MAX_AMOUNT).
import { dbDateToLocalDate, fromIsoDate, localDateToDbDate, schoolYearLabel, toIsoDate, vietnamToday } from "../domain/dates.ts";
import { can, isAdmin } from "../domain/permissions.ts";
import type { OpeningFigures, OpeningStatus, RecipientKind } from "../domain/piggy-bank.ts";
import type { Person } from "./access.ts";
import type { DbOrTx } from "./deps.ts";
import { ServiceError } from "./errors.ts";

export interface DriveView {
  id: number;
  unitId: number;
  unitName: string;
  /** the year the school year starts in: 2026 for 2026–2027 */
  schoolYear: number;
  schoolYearLabel: string;
  recipientKind: RecipientKind;
  banksHandedOut: number;
  note: string | null;
  /** ISO time */
  createdAt: string;
  /** "YYYY-MM-DD", the day in Vietnam the drive was started; no opening may be earlier */
  startedOn: string;
  openings: { count: number; banksOpened: number; amountCollected: number };
}

export interface OpeningView extends OpeningFigures {
  id: number;
  driveId: number;
  unitId: number;
  unitName: string;
  schoolYearLabel: string;
  status: OpeningStatus;
  reviewComment: string | null;
  /** ISO time of the last change; a reviewer hands it back as the version they saw */
  updatedAt: string;
  createdByTelegramId: number;
  /** the person may correct it now (may report for the unit, not approved yet) */
  canCorrect: boolean;
  /** the person may approve it or send it back now */
  canReview: boolean;
}

export const openingInclude = { drive: { include: { unit: true } } } as const;

type UnitRow = { id: number; name: string; path: string };
type DriveRow = {
  id: number; unitId: number; schoolYear: number; recipientKind: string; banksHandedOut: number;
  note: string | null; createdAt: Date;
};
type OpeningRow = {
  id: number; driveId: number; openedOn: Date; banksOpened: number; amountCollected: bigint; scholarshipCount: number;
  scholarshipAmount: bigint; suppliesAmount: bigint; fundAmount: bigint; otherAmount: bigint; otherNote: string | null;
  photoFileId: string | null; status: string; reviewComment: string | null; updatedAt: Date; createdByTelegramId: bigint;
  drive: DriveRow & { unit: UnitRow };
};

export async function loadDrive(db: DbOrTx, driveId: number) {
  const drive = await db.piggyBankDrive.findUnique({ where: { id: driveId }, include: { unit: true } });
  if (!drive) throw new ServiceError("drive_not_found");
  return drive;
}

export async function loadOpening(db: DbOrTx, openingId: number) {
  const opening = await db.piggyBankOpening.findUnique({ where: { id: openingId }, include: openingInclude });
  if (!opening) throw new ServiceError("opening_not_found");
  return opening;
}

/** The day in Vietnam a drive was started. */
export function driveStartedOn(drive: { createdAt: Date }) {
  return vietnamToday(drive.createdAt);
}

export function toDriveView(
  drive: DriveRow & { unit: UnitRow },
  openings: { count: number; banksOpened: number; amountCollected: number } = { count: 0, banksOpened: 0, amountCollected: 0 },
): DriveView {
  return {
    id: drive.id,
    unitId: drive.unitId,
    unitName: drive.unit.name,
    schoolYear: drive.schoolYear,
    schoolYearLabel: schoolYearLabel(drive.schoolYear),
    recipientKind: drive.recipientKind as RecipientKind,
    banksHandedOut: drive.banksHandedOut,
    note: drive.note,
    createdAt: drive.createdAt.toISOString(),
    startedOn: toIsoDate(driveStartedOn(drive)),
    openings,
  };
}

/**
 * Reviewing: a coordinator over the unit, on an opening not yet approved,
 * that they did not send themselves (administrators excepted): figures are
 * checked by a second pair of eyes.
 */
export function mayReview(person: Person, opening: { status: string; createdByTelegramId: bigint }, unit: UnitRow): boolean {
  if (opening.status === "APPROVED" || !can(person.actor, "piggy.review", unit)) return false;
  return isAdmin(person.actor) || opening.createdByTelegramId !== BigInt(person.telegramId);
}

export function figuresOf(o: Omit<OpeningRow, "drive">): OpeningFigures {
  return {
    openedOn: toIsoDate(dbDateToLocalDate(o.openedOn)),
    banksOpened: o.banksOpened,
    amountCollected: Number(o.amountCollected),
    scholarshipCount: o.scholarshipCount,
    scholarshipAmount: Number(o.scholarshipAmount),
    suppliesAmount: Number(o.suppliesAmount),
    fundAmount: Number(o.fundAmount),
    otherAmount: Number(o.otherAmount),
    otherNote: o.otherNote,
    photoFileId: o.photoFileId,
  };
}

/** Figures (already parsed) as the columns hold them. */
export function figuresData(f: OpeningFigures) {
  const day = fromIsoDate(f.openedOn);
  if (!day) throw new ServiceError("bad_input", { fields: "openedOn" });
  return {
    openedOn: localDateToDbDate(day),
    banksOpened: f.banksOpened,
    amountCollected: BigInt(f.amountCollected),
    scholarshipCount: f.scholarshipCount,
    scholarshipAmount: BigInt(f.scholarshipAmount),
    suppliesAmount: BigInt(f.suppliesAmount),
    fundAmount: BigInt(f.fundAmount),
    otherAmount: BigInt(f.otherAmount),
    otherNote: f.otherNote,
    photoFileId: f.photoFileId,
  };
}

export function toOpeningView(person: Person, o: OpeningRow): OpeningView {
  const unit = o.drive.unit;
  return {
    id: o.id,
    driveId: o.driveId,
    unitId: unit.id,
    unitName: unit.name,
    schoolYearLabel: schoolYearLabel(o.drive.schoolYear),
    ...figuresOf(o),
    status: o.status as OpeningStatus,
    reviewComment: o.reviewComment,
    updatedAt: o.updatedAt.toISOString(),
    createdByTelegramId: Number(o.createdByTelegramId),
    canCorrect: o.status !== "APPROVED" && can(person.actor, "piggy.report", unit),
    canReview: mayReview(person, o, unit),
  };
}

/**
 * The next version of a row: the wall clock, but always at least a
 * millisecond past the previous one, so two writes in the same millisecond
 * still tell a reviewer's stale version apart.
 */
export function nextVersion(previous: Date): Date {
  return new Date(Math.max(Date.now(), previous.getTime() + 1));
}
