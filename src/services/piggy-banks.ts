// Piggy-bank savings drives (Nuôi lợn nhựa tiết kiệm khuyến học): a unit
// starts one drive per school year, records each opening day (mổ lợn),
// corrects it until a coordinator approves it. Totals and the review queue
// are in piggy-bank-totals.ts.
import { isUniqueViolation } from "../db/errors.ts";
import { z } from "zod";
import { schoolYearLabel, toIsoDate, vietnamToday } from "../domain/dates.ts";
import {
  allowanceSchema,
  checkOpening,
  driveInputSchema,
  openingFiguresSchema,
  reviewInputSchema,
  schoolYearSchema,
  type OpeningError,
  type OpeningFigures,
  type RecipientKind,
  type ReviewDecision,
} from "../domain/piggy-bank.ts";
import { can, isAdmin, roleRank } from "../domain/permissions.ts";
import { idSchema } from "../domain/schemas.ts";
import type { UnitKind } from "../domain/unit-kinds.ts";
import { requireLoaded, requireOn, type Person } from "./access.ts";
import { writeAudit } from "./audit.ts";
import { decidersOf, type Recipient } from "./deciders.ts";
import type { DbOrTx, ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";
import { parseInput } from "./input.ts";
import {
  driveStartedOn,
  figuresData,
  figuresOf,
  loadDrive,
  loadOpening,
  mayReview,
  nextVersion,
  openingInclude,
  toDriveView,
  toOpeningView,
  type DriveView,
  type OpeningView,
} from "./piggy-bank-views.ts";

export { openingsToReview, yearTotals, type YearTotals } from "./piggy-bank-totals.ts";
export type { DriveView, OpeningView } from "./piggy-bank-views.ts";
export type { Recipient } from "./deciders.ts";

/** Kinds of unit that run drives, offered to coordinators for the units under them. */
const DRIVE_UNIT_KINDS: UnitKind[] = ["COMMUNE", "BRANCH", "SCHOOL_COMMITTEE", "AGENCY_COMMITTEE"];
const REPORTABLE_LIMIT = 50;

export async function startDrive(
  deps: ServiceDeps,
  person: Person,
  raw: { unitId: number; schoolYear: number; recipientKind: RecipientKind; banksHandedOut: number; note: string | null },
): Promise<DriveView> {
  const input = parseInput(driveInputSchema, raw);
  const drive = await deps.db.$transaction(async (tx) => {
    const unit = await requireOn(tx, person, "piggy.report", input.unitId);
    if (unit.validTo) throw new ServiceError("unit_retired", { name: unit.name });
    // Two reporters starting the unit's drive at once: the second waits here and then sees the first.
    await tx.$queryRaw`SELECT "id" FROM "Unit" WHERE "id" = ${unit.id} FOR UPDATE`;
    const existing = await tx.piggyBankDrive.count({ where: { unitId: unit.id, schoolYear: input.schoolYear } });
    const allowance = await tx.piggyBankYearAllowance.findUnique({
      where: { unitId_schoolYear: { unitId: unit.id, schoolYear: input.schoolYear } },
    });
    if (existing >= (allowance?.maxDrives ?? 1)) {
      throw new ServiceError("drive_exists", { unit: unit.name, year: schoolYearLabel(input.schoolYear) });
    }
    const created = await tx.piggyBankDrive.create({
      data: {
        unitId: unit.id, schoolYear: input.schoolYear, recipientKind: input.recipientKind,
        banksHandedOut: input.banksHandedOut, note: input.note, createdByTelegramId: BigInt(person.telegramId),
        // The deps clock: "before the drive" is judged against this day.
        createdAt: deps.now(),
      },
      include: { unit: true },
    });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "piggy.drive.start", entity: "PiggyBankDrive", entityId: created.id,
      after: { unitId: unit.id, schoolYear: input.schoolYear, recipientKind: input.recipientKind, banksHandedOut: input.banksHandedOut, note: input.note },
    });
    return created;
  });
  return toDriveView(drive);
}

/** A coordinator lets a unit run up to `maxDrives` drives in one school year (the default is one). */
export async function allowExtraDrive(
  deps: ServiceDeps, person: Person, unitId: number, schoolYear: number, maxDrives: number,
): Promise<void> {
  const input = parseInput(allowanceSchema, { unitId, schoolYear, maxDrives });
  await deps.db.$transaction(async (tx) => {
    const unit = await requireOn(tx, person, "piggy.review", input.unitId);
    if (unit.validTo) throw new ServiceError("unit_retired", { name: unit.name });
    const key = { unitId_schoolYear: { unitId: unit.id, schoolYear: input.schoolYear } };
    const before = await tx.piggyBankYearAllowance.findUnique({ where: key });
    const saved = await tx.piggyBankYearAllowance.upsert({
      where: key,
      create: { unitId: unit.id, schoolYear: input.schoolYear, maxDrives: input.maxDrives, grantedByTelegramId: BigInt(person.telegramId) },
      update: { maxDrives: input.maxDrives, grantedByTelegramId: BigInt(person.telegramId) },
    });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "piggy.allowance.set", entity: "PiggyBankYearAllowance", entityId: saved.id,
      before: before ? { maxDrives: before.maxDrives } : null,
      after: { unitId: unit.id, schoolYear: input.schoolYear, maxDrives: input.maxDrives },
    });
  });
}

export interface DriveAllowance {
  unitId: number;
  unitName: string;
  schoolYear: number;
  schoolYearLabel: string;
  /** drives the unit has in that school year */
  drives: number;
  /** how many it may have: 1 unless a coordinator allowed more */
  maxDrives: number;
  /** the person may allow more (may review for the unit, and the unit is current) */
  canAllow: boolean;
}

/** How many drives a unit has in a school year and may have; anyone who may see the unit may ask. */
export async function driveAllowance(deps: ServiceDeps, person: Person, unitId: number, schoolYear: number): Promise<DriveAllowance> {
  const id = parseInput(idSchema, unitId);
  const year = parseInput(schoolYearSchema, schoolYear);
  const unit = await requireOn(deps.db, person, "piggy.view", id);
  const [drives, allowance] = await Promise.all([
    deps.db.piggyBankDrive.count({ where: { unitId: unit.id, schoolYear: year } }),
    deps.db.piggyBankYearAllowance.findUnique({ where: { unitId_schoolYear: { unitId: unit.id, schoolYear: year } } }),
  ]);
  return {
    unitId: unit.id, unitName: unit.name, schoolYear: year, schoolYearLabel: schoolYearLabel(year), drives,
    maxDrives: allowance?.maxDrives ?? 1, canAllow: can(person.actor, "piggy.review", unit) && !unit.validTo,
  };
}

/**
 * Who is asked to look at what the person reports for the unit (an opening
 * to review, a second drive to allow): the unit's coordinators or the nearest
 * ones above (deciders.ts), never the person themselves.
 */
export async function reviewersOf(deps: ServiceDeps, person: Person, unitId: number): Promise<Recipient[]> {
  const unit = await requireOn(deps.db, person, "piggy.report", parseInput(idSchema, unitId));
  return decidersOf(deps, deps.db, unit.path, person.telegramId);
}

/** The unit's own drives (not its subtree's), newest first; all years when `schoolYear` is null. */
export async function listDrives(deps: ServiceDeps, person: Person, unitId: number, schoolYear: number | null): Promise<DriveView[]> {
  const id = parseInput(idSchema, unitId);
  const year = parseInput(schoolYearSchema.nullable(), schoolYear);
  const unit = await requireOn(deps.db, person, "piggy.view", id);
  // The unit's own drives: the unit just read is theirs (no join again).
  const drives = await deps.db.piggyBankDrive.findMany({
    where: { unitId: id, ...(year === null ? {} : { schoolYear: year }) },
    orderBy: [{ schoolYear: "desc" }, { createdAt: "desc" }, { id: "desc" }],
  });
  const sums = await deps.db.piggyBankOpening.groupBy({
    by: ["driveId"],
    where: { driveId: { in: drives.map((d) => d.id) } },
    _count: { _all: true },
    _sum: { banksOpened: true, amountCollected: true },
  });
  const byDrive = new Map(sums.map((s) => [s.driveId, {
    count: s._count._all, banksOpened: s._sum.banksOpened ?? 0, amountCollected: Number(s._sum.amountCollected ?? 0n),
  }]));
  return drives.map((d) => toDriveView({ ...d, unit }, byDrive.get(d.id)));
}

/**
 * Units the person may report for: their own units where they hold REPORTER
 * or more and, for coordinators (administrators: everywhere), the units that
 * run drives in their subtrees. Current units only, by path, at most 50.
 */
export async function reportableUnits(
  deps: ServiceDeps, person: Person,
): Promise<{ id: number; name: string; kind: UnitKind; parentName: string | null }[]> {
  const reporting = person.actor.roles.filter((r) => roleRank(r.role) >= roleRank("REPORTER"));
  const coordinating = reporting.filter((r) => roleRank(r.role) >= roleRank("COORDINATOR"));
  const subtrees = isAdmin(person.actor)
    ? [{ kind: { in: DRIVE_UNIT_KINDS } }]
    : coordinating.map((r) => ({ kind: { in: DRIVE_UNIT_KINDS }, path: { startsWith: r.unitPath } }));
  const units = await deps.db.unit.findMany({
    where: { validTo: null, OR: [{ id: { in: reporting.map((r) => r.unitId) } }, ...subtrees] },
    include: { parent: { select: { name: true } } },
    orderBy: { path: "asc" },
    take: REPORTABLE_LIMIT,
  });
  return units.map((u) => ({ id: u.id, name: u.name, kind: u.kind as UnitKind, parentName: u.parent?.name ?? null }));
}

// The refusals zod does not already catch, and the field each is about.
const FIELD_OF: Partial<Record<OpeningError, string>> = {
  scholarships_without_count: "scholarshipCount",
  other_without_note: "otherNote",
};

/** Checks figures against the drive; throws the first refusal, returns the warnings. */
async function checkForDrive(
  deps: ServiceDeps, tx: DbOrTx, drive: { id: number; createdAt: Date; banksHandedOut: number },
  figures: OpeningFigures, exceptOpeningId: number | null,
): Promise<string[]> {
  const others = await tx.piggyBankOpening.aggregate({
    where: { driveId: drive.id, ...(exceptOpeningId === null ? {} : { id: { not: exceptOpeningId } }) },
    _sum: { banksOpened: true },
  });
  const check = checkOpening(figures, {
    today: vietnamToday(deps.now()),
    driveStartedOn: driveStartedOn(drive),
    banksHandedOut: drive.banksHandedOut,
    alreadyOpened: others._sum.banksOpened ?? 0,
  });
  const [first] = check.errors;
  if (first === "uses_exceed_collected") throw new ServiceError(first, { excess: check.params.excess });
  if (first === "date_in_future" || first === "date_before_drive") {
    throw new ServiceError(first, { startedOn: toIsoDate(driveStartedOn(drive)), today: toIsoDate(vietnamToday(deps.now())) });
  }
  if (first !== undefined) throw new ServiceError("bad_input", { fields: FIELD_OF[first] ?? "", reason: first });
  return check.warnings;
}

/**
 * Records an opening day. `submissionKey` (the bot's form makes one before its
 * final "Send") makes it idempotent: the same submission again — an update
 * Telegram delivers again after a crash, a "Send" pressed again after the chat's
 * state was not saved — returns the opening already written (`repeated`), with
 * no second row and no second audit entry; two at once: the loser of the
 * unique key reads the winner's.
 */
export async function recordOpening(
  deps: ServiceDeps, person: Person, driveId: number, raw: OpeningFigures, submissionKey: string | null = null,
): Promise<{ opening: OpeningView; warnings: string[]; repeated: boolean }> {
  const id = parseInput(idSchema, driveId);
  const figures = parseInput(openingFiguresSchema, raw);
  const key = parseInput(submissionKeySchema.nullable(), submissionKey);
  if (key !== null) {
    const earlier = await submittedOpening(deps, person, id, key);
    if (earlier) return earlier;
  }
  try {
    return await deps.db.$transaction(async (tx) => {
      const drive = await loadDrive(tx, id); // with its unit, read in this transaction
      requireLoaded(person, "piggy.report", drive.unit);
      const warnings = await checkForDrive(deps, tx, drive, figures, null);
      const created = { ...(await tx.piggyBankOpening.create({
        data: { driveId: drive.id, ...figuresData(figures), createdByTelegramId: BigInt(person.telegramId), submissionKey: key },
      })), drive };
      await writeAudit(tx, {
        actorTelegramId: person.telegramId, action: "piggy.opening.record", entity: "PiggyBankOpening", entityId: created.id,
        after: { driveId: drive.id, ...figures },
      });
      return { opening: toOpeningView(person, created), warnings, repeated: false };
    });
  } catch (error) {
    // The same submission committed by someone else meanwhile (another instance, a redelivered update).
    if (key === null || !isUniqueViolation(error)) throw error;
    const earlier = await submittedOpening(deps, person, id, key);
    if (!earlier) throw error;
    return earlier;
  }
}

/** A client-made key of one submission (the bot: a UUID). */
const submissionKeySchema = z.string().min(8).max(100);


/**
 * The opening written earlier with this key, as recordOpening returned it
 * (its warnings computed again); null when there is none. A key of another
 * person's or another drive's opening is refused.
 */
async function submittedOpening(
  deps: ServiceDeps, person: Person, driveId: number, key: string,
): Promise<{ opening: OpeningView; warnings: string[]; repeated: true } | null> {
  const row = await deps.db.piggyBankOpening.findUnique({ where: { submissionKey: key }, include: openingInclude });
  if (!row) return null;
  if (row.driveId !== driveId || Number(row.createdByTelegramId) !== person.telegramId) {
    throw new ServiceError("bad_input", { fields: "submissionKey", reason: "key_of_another_submission" });
  }
  const others = await deps.db.piggyBankOpening.aggregate({ where: { driveId, id: { not: row.id } }, _sum: { banksOpened: true } });
  const { warnings } = checkOpening(figuresOf(row), {
    today: vietnamToday(deps.now()), driveStartedOn: driveStartedOn(row.drive), banksHandedOut: row.drive.banksHandedOut,
    alreadyOpened: others._sum.banksOpened ?? 0,
  });
  return { opening: toOpeningView(person, row), warnings, repeated: true };
}

export async function getOpening(deps: ServiceDeps, person: Person, openingId: number): Promise<OpeningView> {
  const opening = await loadOpening(deps.db, parseInput(idSchema, openingId));
  await requireOn(deps.db, person, "piggy.view", opening.drive.unitId);
  return toOpeningView(person, opening);
}

/** A drive's openings by the day they were opened. */
export async function listOpenings(deps: ServiceDeps, person: Person, driveId: number): Promise<OpeningView[]> {
  const drive = await loadDrive(deps.db, parseInput(idSchema, driveId));
  requireLoaded(person, "piggy.view", drive.unit);
  const openings = await deps.db.piggyBankOpening.findMany({
    where: { driveId: drive.id },
    orderBy: [{ openedOn: "asc" }, { id: "asc" }],
  });
  return openings.map((o) => toOpeningView(person, { ...o, drive }));
}

/**
 * Replaces an opening's figures until it is approved; anyone who may report
 * for the unit may correct. The opening goes back to SUBMITTED (the old
 * status and review comment stay in the audit log, with the figures before
 * and after).
 */
export async function correctOpening(
  deps: ServiceDeps, person: Person, openingId: number, raw: OpeningFigures,
): Promise<{ opening: OpeningView; warnings: string[] }> {
  const id = parseInput(idSchema, openingId);
  const figures = parseInput(openingFiguresSchema, raw);
  return deps.db.$transaction(async (tx) => {
    await lockOpening(tx, id);
    const opening = await loadOpening(tx, id);
    await requireOn(tx, person, "piggy.report", opening.drive.unitId);
    if (opening.status === "APPROVED") throw new ServiceError("opening_approved");
    const warnings = await checkForDrive(deps, tx, opening.drive, figures, opening.id);
    const updated = await tx.piggyBankOpening.update({
      where: { id: opening.id },
      data: { ...figuresData(figures), status: "SUBMITTED", reviewComment: null, updatedAt: nextVersion(opening.updatedAt) },
      include: openingInclude,
    });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "piggy.opening.correct", entity: "PiggyBankOpening", entityId: opening.id,
      before: { ...figuresOf(opening), status: opening.status, reviewComment: opening.reviewComment },
      after: { ...figures, status: "SUBMITTED" },
    });
    return { opening: toOpeningView(person, updated), warnings };
  });
}

/**
 * A coordinator over the unit approves an opening or sends it back with a
 * comment. `seenVersion` is the `updatedAt` they were shown: if the opening
 * changed since (corrected, or reviewed by someone else) the decision is
 * refused with `opening_changed` so nobody approves figures they never saw.
 * Nobody reviews their own opening, except administrators.
 */
export async function reviewOpening(
  deps: ServiceDeps, person: Person, openingId: number, decision: ReviewDecision, comment: string | null, seenVersion: string,
): Promise<{ opening: OpeningView; notify: { telegramId: number; language: string | null } }> {
  const id = parseInput(idSchema, openingId);
  const input = parseInput(reviewInputSchema, { decision, comment, seenVersion });
  if (input.decision === "NEEDS_CORRECTION" && input.comment === null) throw new ServiceError("bad_input", { fields: "comment" });
  return deps.db.$transaction(async (tx) => {
    await lockOpening(tx, id);
    const opening = await loadOpening(tx, id);
    const unit = await requireOn(tx, person, "piggy.review", opening.drive.unitId);
    if (opening.status === "APPROVED") throw new ServiceError("opening_approved");
    if (!mayReview(person, opening, unit)) throw new ServiceError("forbidden");
    if (opening.updatedAt.getTime() !== new Date(input.seenVersion).getTime()) throw new ServiceError("opening_changed");
    const updated = await tx.piggyBankOpening.update({
      where: { id: opening.id },
      data: {
        status: input.decision, reviewComment: input.comment, reviewedByTelegramId: BigInt(person.telegramId),
        reviewedAt: deps.now(), updatedAt: nextVersion(opening.updatedAt),
      },
      include: openingInclude,
    });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "piggy.opening.review", entity: "PiggyBankOpening", entityId: opening.id,
      before: { status: opening.status, reviewComment: opening.reviewComment },
      after: { status: input.decision, reviewComment: input.comment },
    });
    const creator = await tx.member.findUnique({ where: { telegramId: opening.createdByTelegramId } });
    return {
      opening: toOpeningView(person, updated),
      notify: { telegramId: Number(opening.createdByTelegramId), language: creator?.language ?? null },
    };
  });
}

/** Corrections and reviews of one opening take turns. */
async function lockOpening(tx: DbOrTx, openingId: number): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "PiggyBankOpening" WHERE "id" = ${openingId} FOR UPDATE`;
}
