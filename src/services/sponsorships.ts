// Sponsorship cases (Ba đỡ đầu): a member opens a case for a pupil at risk
// of dropping out, checks in every month (or term), changes its status until
// the pupil finishes; coordinators follow every case of their subtree.
// Privacy (who sees the child's name) is decided in sponsorship-views.ts;
// every full view by someone other than the owner is audited here.
import { z } from "zod";
import { isUniqueViolation } from "../db/errors.ts";
import {
  compareLocalDates,
  dbDateToLocalDate,
  fromIsoDate,
  localDateToDbDate,
  toIsoDate,
  vietnamToday,
} from "../domain/dates.ts";
import { isAdmin, roleRank } from "../domain/permissions.ts";
import { idSchema } from "../domain/schemas.ts";
import {
  CHECK_IN_INTERVALS,
  OPEN_STATUSES,
  allowedTransitions,
  caseInputSchema,
  checkBirthYear,
  checkInInputSchema,
  checkInRaisesRisk,
  firstCheckInDue,
  isOpenStatus,
  nextCheckInDue,
  sponsorKindInputSchema,
  statusChangeSchema,
  type CaseInput,
  type CaseStatus,
  type CheckInInput,
} from "../domain/sponsorship.ts";
import { initials, searchKey } from "../domain/text.ts";
import type { UnitKind } from "../domain/unit-kinds.ts";
import { requireAdmin, requireOn, type Person } from "./access.ts";
import { writeAudit } from "./audit.ts";
import { decidersOf, type Recipient } from "./deciders.ts";
import type { DbOrTx, ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";
import { parseInput } from "./input.ts";
import {
  caseInclude,
  isOwner,
  loadCase,
  requireFollow,
  requireSees,
  seesFull,
  toCaseView,
  toSponsorKindView,
  type CaseRow,
  type CaseView,
  type SponsorKindView,
} from "./sponsorship-views.ts";

export { caseStats, overdueCheckIns, dueCheckInReminders, type CaseStats, type OverdueCheckIn, type DueReminder } from "./sponsorship-stats.ts";
export type { CaseView, SponsorKindView } from "./sponsorship-views.ts";

const OPENABLE_LIMIT = 50;
const LIST_LIMIT = 200;
/** Units where pupils are followed, offered to coordinators for the units under them. */
const CASE_UNIT_KINDS: UnitKind[] = ["COMMUNE", "BRANCH", "SCHOOL_COMMITTEE", "AGENCY_COMMITTEE"];

// ---- sponsor kinds (editable data) ----

/** The kinds offered for a new case (active ones), or all of them for an administrator's list. */
export async function listSponsorKinds(deps: ServiceDeps, includeHidden = false): Promise<SponsorKindView[]> {
  const kinds = await deps.db.sponsorKind.findMany({
    where: includeHidden ? {} : { active: true },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
  });
  return kinds.map(toSponsorKindView);
}

export async function addSponsorKind(deps: ServiceDeps, person: Person, raw: { nameVi: string; nameEn: string }): Promise<SponsorKindView> {
  requireAdmin(person);
  const input = parseInput(sponsorKindInputSchema, raw);
  return deps.db.$transaction(async (tx) => {
    const all = await tx.sponsorKind.findMany();
    if (all.some((k) => searchKey(k.nameVi) === searchKey(input.nameVi))) throw new ServiceError("sponsor_kind_exists", { name: input.nameVi });
    const sortOrder = Math.max(0, ...all.map((k) => k.sortOrder)) + 10;
    const created = await tx.sponsorKind.create({ data: { code: `KIND_${sortOrder}_${Date.now().toString(36)}`.toUpperCase(), ...input, sortOrder } });
    await writeAudit(tx, { actorTelegramId: person.telegramId, action: "sponsor.kind.add", entity: "SponsorKind", entityId: created.id, after: input });
    return toSponsorKindView(created);
  });
}

export async function renameSponsorKind(
  deps: ServiceDeps, person: Person, kindId: number, raw: { nameVi: string; nameEn: string },
): Promise<SponsorKindView> {
  requireAdmin(person);
  const id = parseInput(idSchema, kindId);
  const input = parseInput(sponsorKindInputSchema, raw);
  return deps.db.$transaction(async (tx) => {
    const before = await tx.sponsorKind.findUnique({ where: { id } });
    if (!before) throw new ServiceError("not_found");
    const others = await tx.sponsorKind.findMany({ where: { id: { not: id } } });
    if (others.some((k) => searchKey(k.nameVi) === searchKey(input.nameVi))) throw new ServiceError("sponsor_kind_exists", { name: input.nameVi });
    const updated = await tx.sponsorKind.update({ where: { id }, data: input });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "sponsor.kind.rename", entity: "SponsorKind", entityId: id,
      before: { nameVi: before.nameVi, nameEn: before.nameEn }, after: input,
    });
    return toSponsorKindView(updated);
  });
}

/** Hides a kind from new cases (old cases keep it) or offers it again. */
export async function setSponsorKindActive(deps: ServiceDeps, person: Person, kindId: number, active: boolean): Promise<SponsorKindView> {
  requireAdmin(person);
  const id = parseInput(idSchema, kindId);
  return deps.db.$transaction(async (tx) => {
    const before = await tx.sponsorKind.findUnique({ where: { id } });
    if (!before) throw new ServiceError("not_found");
    if (!active && before.active && (await tx.sponsorKind.count({ where: { active: true } })) <= 1) throw new ServiceError("sponsor_kind_last");
    const updated = await tx.sponsorKind.update({ where: { id }, data: { active } });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "sponsor.kind.active", entity: "SponsorKind", entityId: id,
      before: { active: before.active }, after: { active },
    });
    return toSponsorKindView(updated);
  });
}

// ---- cases ----

/**
 * Units the person may open a case for: the units they belong to and, for
 * coordinators (administrators: everywhere), the branches, communes and
 * committees under them. Current units only, by path, at most 50.
 */
export async function openableUnits(
  deps: ServiceDeps, person: Person,
): Promise<{ id: number; name: string; kind: UnitKind; parentName: string | null }[]> {
  const coordinating = person.actor.roles.filter((r) => roleRank(r.role) >= roleRank("COORDINATOR"));
  const subtrees = isAdmin(person.actor)
    ? [{ kind: { in: CASE_UNIT_KINDS } }]
    : coordinating.map((r) => ({ kind: { in: CASE_UNIT_KINDS }, path: { startsWith: r.unitPath } }));
  const units = await deps.db.unit.findMany({
    where: { validTo: null, OR: [{ id: { in: person.actor.roles.map((r) => r.unitId) } }, ...subtrees] },
    include: { parent: { select: { name: true } } },
    orderBy: { path: "asc" },
    take: OPENABLE_LIMIT,
  });
  return units.map((u) => ({ id: u.id, name: u.name, kind: u.kind as UnitKind, parentName: u.parent?.name ?? null }));
}

async function ownerNames(db: DbOrTx, rows: { ownerTelegramId: bigint }[]): Promise<Map<number, string>> {
  const ids = [...new Set(rows.map((r) => r.ownerTelegramId))];
  const members = await db.member.findMany({ where: { telegramId: { in: ids } }, select: { telegramId: true, fullName: true } });
  return new Map(members.map((m) => [Number(m.telegramId), m.fullName]));
}

async function view(deps: ServiceDeps, db: DbOrTx, person: Person, row: CaseRow): Promise<CaseView> {
  const names = await ownerNames(db, [row]);
  return toCaseView(person, row, deps.now(), names.get(Number(row.ownerTelegramId)) ?? null);
}

/** A client-made key of one submission (the bot: a UUID). */
const submissionKeySchema = z.string().min(8).max(100);

/**
 * Opens a case. Refused without the guardian's consent, for a pupil aged
 * outside 5–20, a grade outside 1–12, a monthly amount that is not
 * plausible, a start in the future, or a unit the person does not belong to.
 * `submissionKey` (the bot's form makes one long before its final "Save")
 * makes it idempotent: the same submission again — an update Telegram
 * delivers again after a crash, a "Save" pressed again after the chat's state
 * was not saved — returns the case written the first time, as it is now,
 * checking nothing else (no second case, event, support or audit entry); two
 * at once: the loser of the unique key reads the winner's. A key of another
 * person's case, or of a case for another unit, is refused (bad_input).
 */
export async function openCase(deps: ServiceDeps, person: Person, raw: CaseInput, submissionKey: string | null = null): Promise<CaseView> {
  const input = parseInput(caseInputSchema, raw);
  const key = parseInput(submissionKeySchema.nullable(), submissionKey);
  if (key !== null) {
    const earlier = await openedCase(deps.db, person, input.unitId, key);
    if (earlier) return view(deps, deps.db, person, earlier);
  }
  if (!input.guardianConsent) throw new ServiceError("consent_required");
  const today = vietnamToday(deps.now());
  const born = checkBirthYear(input.birthYear, today);
  if (!born.ok) throw new ServiceError(born.error === "too_young" ? "pupil_too_young" : "pupil_too_old", { year: input.birthYear });
  const startedOn = fromIsoDate(input.startedOn)!;
  if (compareLocalDates(startedOn, today) > 0) throw new ServiceError("date_in_future", { today: toIsoDate(today) });
  const kind = await deps.db.sponsorKind.findUnique({ where: { id: input.sponsorKindId } });
  if (!kind?.active) throw new ServiceError("bad_input", { fields: "sponsorKindId" });
  const money = input.support.find((s) => s.kind === "MONEY");
  const write = () => deps.db.$transaction(async (tx) => {
    const unit = await requireOn(tx, person, "sponsor.open", input.unitId);
    if (unit.validTo) throw new ServiceError("unit_retired", { name: unit.name });
    const now = deps.now();
    const row = await tx.sponsorshipCase.create({
      data: {
        unitId: unit.id, ownerTelegramId: BigInt(person.telegramId), pupilName: input.pupilName, pupilInitials: initials(input.pupilName),
        birthYear: input.birthYear, schoolName: input.schoolName, grade: input.grade, circumstances: input.circumstances,
        circumstanceNote: input.circumstances.includes("OTHER") ? input.circumstanceNote : null, sponsorKindId: kind.id,
        sponsorName: input.sponsorName, monthlyAmount: BigInt(money?.amount ?? 0), supportKinds: input.support.map((s) => s.kind),
        supportNote: input.support.some((s) => s.kind === "OTHER") ? input.supportNote : null, startedOn: localDateToDbDate(startedOn),
        consentAt: now, checkInMonths: input.checkInMonths, nextCheckInOn: localDateToDbDate(firstCheckInDue(startedOn, input.checkInMonths, today)),
        createdAt: now, submissionKey: key,
      },
    });
    // One-off support (supplies, a bicycle…) is given when the case opens.
    const once = input.support.filter((s) => s.kind !== "MONEY");
    if (once.length > 0) {
      await tx.sponsorshipSupport.createMany({
        data: once.map((s) => ({ caseId: row.id, givenOn: localDateToDbDate(startedOn), kind: s.kind, amount: BigInt(s.amount) })),
      });
    }
    await tx.sponsorshipEvent.create({ data: { caseId: row.id, kind: "OPENED", toStatus: "ACTIVE", actorTelegramId: BigInt(person.telegramId), createdAt: now } });
    // The audit keeps the figures, not the child's name: the log outlives a deletion on request.
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "sponsor.case.open", entity: "SponsorshipCase", entityId: row.id,
      after: { unitId: unit.id, grade: input.grade, sponsorKindId: kind.id, support: input.support, startedOn: input.startedOn, consent: true, checkInMonths: input.checkInMonths },
    });
    return tx.sponsorshipCase.findUniqueOrThrow({ where: { id: row.id }, include: caseInclude });
  });
  let created: CaseRow;
  try {
    created = await write();
  } catch (error) {
    // The same submission committed meanwhile (another instance, a redelivered update): theirs stands.
    const earlier = key !== null && isUniqueViolation(error) ? await openedCase(deps.db, person, input.unitId, key) : null;
    if (!earlier) throw error;
    created = earlier;
  }
  return view(deps, deps.db, person, created);
}

/** The case opened with this submission key, or null; a key of another person's case or another unit's is refused. */
async function openedCase(db: DbOrTx, person: Person, unitId: number, key: string) {
  const row = await db.sponsorshipCase.findUnique({ where: { submissionKey: key }, include: caseInclude });
  if (row && (Number(row.ownerTelegramId) !== person.telegramId || row.unitId !== unitId)) {
    throw new ServiceError("bad_input", { fields: "submissionKey", reason: "key_of_another_submission" });
  }
  return row;
}

/**
 * One case as the person may see it. A full view by anyone but the owner is
 * written to the audit log; someone outside the unit is told it does not exist.
 */
export async function getCase(deps: ServiceDeps, person: Person, caseId: number): Promise<CaseView> {
  const row = await loadCase(deps.db, parseInput(idSchema, caseId));
  requireSees(person, row);
  if (seesFull(person, row) && !isOwner(person, row) && row.anonymisedAt === null) {
    await writeAudit(deps.db, { actorTelegramId: person.telegramId, action: "sponsor.case.view", entity: "SponsorshipCase", entityId: row.id });
  }
  return view(deps, deps.db, person, row);
}

export interface CaseSummary {
  id: number;
  unitName: string;
  /** the pupil's name for the owner; initials for everyone else (a list is not a full view) */
  label: string;
  birthYear: number | null;
  grade: number;
  status: CaseStatus;
  nextCheckInOn: string;
  overdueDays: number;
  isOwner: boolean;
  anonymised: boolean;
}

function summaryOf(person: Person, v: CaseView): CaseSummary {
  return {
    id: v.id, unitName: v.unitName, label: (v.isOwner ? v.pupilName : null) ?? v.initials ?? "—", birthYear: v.birthYear, grade: v.grade,
    status: v.status, nextCheckInOn: v.nextCheckInOn, overdueDays: v.overdueDays, isOwner: v.isOwner, anonymised: v.anonymised,
  };
}

/** The person's own cases: open ones first (overdue first), then the closed. */
export async function listMyCases(deps: ServiceDeps, person: Person): Promise<CaseSummary[]> {
  const rows = await deps.db.sponsorshipCase.findMany({
    where: { ownerTelegramId: BigInt(person.telegramId), anonymisedAt: null },
    include: caseInclude,
    orderBy: [{ nextCheckInOn: "asc" }, { id: "asc" }],
    take: LIST_LIMIT,
  });
  return sortSummaries(rows.filter((r) => isOwner(person, r)).map((r) => summaryOf(person, toCaseView(person, r, deps.now(), person.fullName))));
}

/**
 * The cases of a unit and everything under it, for anyone who may see the
 * unit's cases. Lists show initials (names only on the owner's own cases);
 * the full case is one press away and that view is audited.
 */
export async function listUnitCases(
  deps: ServiceDeps, person: Person, unitId: number, filter: { status?: CaseStatus; overdue?: boolean } = {},
): Promise<CaseSummary[]> {
  const unit = await requireOn(deps.db, person, "sponsor.open", parseInput(idSchema, unitId));
  const rows = await deps.db.sponsorshipCase.findMany({
    where: {
      unit: { path: { startsWith: unit.path } },
      // Both filters at once: AND, so "overdue" does not replace the status asked for.
      AND: [
        filter.status ? { status: filter.status } : {},
        filter.overdue ? { status: { in: [...OPEN_STATUSES] }, anonymisedAt: null, nextCheckInOn: { lt: localDateToDbDate(vietnamToday(deps.now())) } } : {},
      ],
    },
    include: caseInclude,
    orderBy: [{ nextCheckInOn: "asc" }, { id: "asc" }],
    take: LIST_LIMIT,
  });
  return sortSummaries(rows.map((r) => summaryOf(person, toCaseView(person, r, deps.now(), null))));
}

function sortSummaries(list: CaseSummary[]): CaseSummary[] {
  const rank = (s: CaseSummary) => (isOpenStatus(s.status) && !s.anonymised ? 0 : 1);
  return list.sort((a, b) => rank(a) - rank(b) || b.overdueDays - a.overdueDays || a.id - b.id);
}

/**
 * The case, locked for this transaction (changes to one case take turns),
 * for someone who may follow it; refused once deleted, or unless it is open.
 */
async function caseToFollow(tx: DbOrTx, person: Person, caseId: number, needs: "open" | "not_deleted") {
  await tx.$queryRaw`SELECT "id" FROM "SponsorshipCase" WHERE "id" = ${caseId} FOR UPDATE`;
  const row = await loadCase(tx, caseId);
  requireFollow(person, row);
  if (row.anonymisedAt !== null || (needs === "open" && !isOpenStatus(row.status as CaseStatus))) throw new ServiceError("case_closed");
  return row;
}

export interface CheckInResult {
  case: CaseView;
  /** this check-in marked the case at risk (it was not before) */
  becameAtRisk: boolean;
  /** not attending, or something flagged: the unit's coordinators are told */
  raisesRisk: boolean;
  /** who to tell: the unit's coordinators (or the nearest above), never the person who checked in */
  notify: Recipient[];
  /**
   * this check-in was written before, by the same submission handled earlier:
   * whoever was to be told was told then (`notify` is empty), never twice
   */
  repeated: boolean;
}

/**
 * A check-in for the case's due check-in. Not attending or a flag marks the
 * case at risk; support that arrived is counted (the monthly amount times the
 * months since the last check-in). Refused for a closed or deleted case.
 * `submissionKey` (the bot's flow makes one when it starts) makes it
 * idempotent: the same submission again returns the check-in written the
 * first time (`repeated`, the case as it is now, nobody to tell) with no
 * second check-in, support, event or audit entry, checking nothing else; two
 * at once: the loser of the unique key reads the winner's. A key of another
 * person's check-in, or of another case's, is refused (bad_input).
 */
export async function recordCheckIn(
  deps: ServiceDeps, person: Person, caseId: number, raw: CheckInInput, submissionKey: string | null = null,
): Promise<CheckInResult> {
  const id = parseInput(idSchema, caseId);
  const input = parseInput(checkInInputSchema, raw);
  const key = parseInput(submissionKeySchema.nullable(), submissionKey);
  if (key !== null) {
    const earlier = await recordedCheckIn(deps, person, id, key);
    if (earlier) return earlier;
  }
  const write = () => deps.db.$transaction(async (tx) => {
    const row = await caseToFollow(tx, person, id, "open");
    const now = deps.now();
    const today = vietnamToday(now);
    const due = dbDateToLocalDate(row.nextCheckInOn);
    const supportArrived = row.monthlyAmount > 0n ? input.supportArrived : null;
    const checkIn = await tx.sponsorshipCheckIn.create({
      data: {
        caseId: row.id, dueOn: row.nextCheckInOn, attending: input.attending, supportArrived, studies: input.studies, flagNote: input.flagNote,
        actorTelegramId: BigInt(person.telegramId), createdAt: now, submissionKey: key,
      },
    });
    if (supportArrived) {
      await tx.sponsorshipSupport.create({
        data: { caseId: row.id, givenOn: localDateToDbDate(today), kind: "MONEY", amount: row.monthlyAmount * BigInt(row.checkInMonths), checkInId: checkIn.id },
      });
    }
    const raisesRisk = checkInRaisesRisk(input);
    const becameAtRisk = raisesRisk && row.status !== "AT_RISK";
    await tx.sponsorshipEvent.create({ data: { caseId: row.id, kind: "CHECK_IN", actorTelegramId: BigInt(person.telegramId), createdAt: now } });
    if (becameAtRisk) {
      await tx.sponsorshipEvent.create({
        data: { caseId: row.id, kind: "STATUS", fromStatus: row.status as CaseStatus, toStatus: "AT_RISK", reason: input.flagNote, actorTelegramId: BigInt(person.telegramId), createdAt: now },
      });
    }
    await tx.sponsorshipCase.update({
      where: { id: row.id },
      data: {
        nextCheckInOn: localDateToDbDate(nextCheckInDue(due, row.checkInMonths, today)),
        ...(becameAtRisk ? { status: "AT_RISK", statusReason: input.flagNote } : {}),
      },
    });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "sponsor.case.check_in", entity: "SponsorshipCase", entityId: row.id,
      after: { dueOn: toIsoDate(due), attending: input.attending, supportArrived, studies: input.studies, flagged: input.flagNote !== null, atRisk: becameAtRisk },
    });
    const notify = raisesRisk ? await decidersOf(deps, tx, row.unit.path, person.telegramId) : [];
    return { row: await loadCase(tx, row.id), becameAtRisk, raisesRisk, notify };
  });
  let result: Awaited<ReturnType<typeof write>>;
  try {
    result = await write();
  } catch (error) {
    // The same submission committed meanwhile (another instance, a redelivered update): theirs stands.
    const earlier = key !== null && isUniqueViolation(error) ? await recordedCheckIn(deps, person, id, key) : null;
    if (!earlier) throw error;
    return earlier;
  }
  return {
    case: await view(deps, deps.db, person, result.row), becameAtRisk: result.becameAtRisk, raisesRisk: result.raisesRisk, notify: result.notify,
    repeated: false,
  };
}

/**
 * The check-in written earlier with this key, as recordCheckIn returned it
 * (whether it marked the case at risk read from the case's history), or null.
 * A key of another person's check-in or another case's is refused.
 */
async function recordedCheckIn(deps: ServiceDeps, person: Person, caseId: number, key: string): Promise<CheckInResult | null> {
  const checkIn = await deps.db.sponsorshipCheckIn.findUnique({ where: { submissionKey: key } });
  if (!checkIn) return null;
  if (checkIn.caseId !== caseId || Number(checkIn.actorTelegramId) !== person.telegramId) {
    throw new ServiceError("bad_input", { fields: "submissionKey", reason: "key_of_another_submission" });
  }
  // Written in the check-in's transaction, at its time, by its author.
  const marked = await deps.db.sponsorshipEvent.count({
    where: { caseId, kind: "STATUS", toStatus: "AT_RISK", actorTelegramId: checkIn.actorTelegramId, createdAt: checkIn.createdAt },
  });
  const row = await loadCase(deps.db, caseId);
  return {
    case: await view(deps, deps.db, person, row), becameAtRisk: marked > 0, raisesRisk: checkInRaisesRisk(checkIn), notify: [], repeated: true,
  };
}

/** Where the person may move the case now (none when they may not follow it). */
export async function statusChoices(deps: ServiceDeps, person: Person, caseId: number): Promise<CaseStatus[]> {
  const row = await loadCase(deps.db, parseInput(idSchema, caseId));
  requireFollow(person, row);
  if (row.anonymisedAt !== null) return [];
  return allowedTransitions(row.status as CaseStatus);
}

/**
 * The owner or a coordinator changes the status; every change is kept in the
 * case's history. Dropping out and transfers need a reason. The coordinators
 * are told when a pupil drops out or is at risk.
 */
export async function changeStatus(
  deps: ServiceDeps, person: Person, caseId: number, status: CaseStatus, reason: string | null,
): Promise<{ case: CaseView; notify: Recipient[] }> {
  const id = parseInput(idSchema, caseId);
  const input = parseInput(statusChangeSchema, { status, reason });
  const result = await deps.db.$transaction(async (tx) => {
    const row = await caseToFollow(tx, person, id, "not_deleted");
    const from = row.status as CaseStatus;
    if (!allowedTransitions(from).includes(input.status)) throw new ServiceError("status_not_allowed", { from, to: input.status });
    const now = deps.now();
    const today = vietnamToday(now);
    // Back to being followed after a dropout: the next check-in is one interval from today.
    const reopened = !isOpenStatus(from) && isOpenStatus(input.status);
    await tx.sponsorshipCase.update({
      where: { id: row.id },
      data: {
        status: input.status, statusReason: input.reason,
        ...(reopened ? { nextCheckInOn: localDateToDbDate(firstCheckInDue(today, row.checkInMonths, today)) } : {}),
      },
    });
    await tx.sponsorshipEvent.create({
      data: { caseId: row.id, kind: "STATUS", fromStatus: from, toStatus: input.status, reason: input.reason, actorTelegramId: BigInt(person.telegramId), createdAt: now },
    });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "sponsor.case.status", entity: "SponsorshipCase", entityId: row.id,
      before: { status: from }, after: { status: input.status, reason: input.reason !== null },
    });
    const tell = input.status === "DROPPED_OUT" || input.status === "AT_RISK";
    const notify = tell ? await decidersOf(deps, tx, row.unit.path, person.telegramId) : [];
    return { row: await loadCase(tx, row.id), notify };
  });
  return { case: await view(deps, deps.db, person, result.row), notify: result.notify };
}

/** Check-ins every 1, 2, 3 or 6 months; the next one moves to one new interval after the last. */
export async function setCheckInInterval(deps: ServiceDeps, person: Person, caseId: number, months: number): Promise<CaseView> {
  const id = parseInput(idSchema, caseId);
  if (!(CHECK_IN_INTERVALS as readonly number[]).includes(months)) throw new ServiceError("bad_input", { fields: "months" });
  const row = await deps.db.$transaction(async (tx) => {
    const row = await caseToFollow(tx, person, id, "open");
    const now = deps.now();
    const today = vietnamToday(now);
    const last = await tx.sponsorshipCheckIn.findFirst({ where: { caseId: row.id }, orderBy: { id: "desc" } });
    const from = last ? vietnamToday(last.createdAt) : dbDateToLocalDate(row.startedOn);
    await tx.sponsorshipCase.update({
      where: { id: row.id },
      data: { checkInMonths: months, nextCheckInOn: localDateToDbDate(firstCheckInDue(from, months, today)) },
    });
    await tx.sponsorshipEvent.create({ data: { caseId: row.id, kind: "INTERVAL", reason: String(months), actorTelegramId: BigInt(person.telegramId), createdAt: now } });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "sponsor.case.interval", entity: "SponsorshipCase", entityId: row.id,
      before: { checkInMonths: row.checkInMonths }, after: { checkInMonths: months },
    });
    return loadCase(tx, row.id);
  });
  return view(deps, deps.db, person, row);
}

/**
 * Deletes a case on request: the child's personal data (name, initials,
 * year of birth, school, circumstances, notes, reasons, the sponsor's name)
 * is cleared for good; the unit, grade, status, support figures and check-in
 * answers stay for the totals. The deletion is audited.
 */
export async function anonymiseCase(deps: ServiceDeps, person: Person, caseId: number): Promise<void> {
  const id = parseInput(idSchema, caseId);
  await deps.db.$transaction(async (tx) => {
    const row = await caseToFollow(tx, person, id, "not_deleted");
    const now = deps.now();
    await tx.sponsorshipCase.update({
      where: { id: row.id },
      data: {
        pupilName: null, pupilInitials: null, birthYear: null, schoolName: null, circumstances: [], circumstanceNote: null,
        sponsorName: null, supportNote: null, statusReason: null, anonymisedAt: now,
      },
    });
    await tx.sponsorshipCheckIn.updateMany({ where: { caseId: row.id }, data: { flagNote: null } });
    await tx.sponsorshipEvent.updateMany({ where: { caseId: row.id }, data: { reason: null } });
    await tx.sponsorshipEvent.create({ data: { caseId: row.id, kind: "ANONYMISED", actorTelegramId: BigInt(person.telegramId), createdAt: now } });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "sponsor.case.anonymise", entity: "SponsorshipCase", entityId: row.id,
      before: { status: row.status, unitId: row.unitId }, after: { anonymised: true },
    });
  });
}

export interface CaseEvent {
  kind: "OPENED" | "STATUS" | "CHECK_IN" | "INTERVAL" | "ANONYMISED";
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  reason: string | null;
  /** ISO time */
  at: string;
  byName: string | null;
}

/** The case's history, oldest first, for those who see the full case (audited like a full view). */
export async function caseHistory(deps: ServiceDeps, person: Person, caseId: number): Promise<CaseEvent[]> {
  const row = await loadCase(deps.db, parseInput(idSchema, caseId));
  requireSees(person, row);
  if (!seesFull(person, row)) throw new ServiceError("forbidden");
  const events = await deps.db.sponsorshipEvent.findMany({ where: { caseId: row.id }, orderBy: { id: "asc" } });
  if (!isOwner(person, row) && row.anonymisedAt === null) {
    await writeAudit(deps.db, { actorTelegramId: person.telegramId, action: "sponsor.case.history", entity: "SponsorshipCase", entityId: row.id });
  }
  const names = await deps.db.member.findMany({
    where: { telegramId: { in: [...new Set(events.map((e) => e.actorTelegramId))] } },
    select: { telegramId: true, fullName: true },
  });
  const byId = new Map(names.map((m) => [m.telegramId, m.fullName]));
  return events.map((e) => ({
    kind: e.kind as CaseEvent["kind"], fromStatus: e.fromStatus as CaseStatus | null, toStatus: e.toStatus as CaseStatus | null, reason: e.reason,
    at: e.createdAt.toISOString(), byName: byId.get(e.actorTelegramId) ?? null,
  }));
}
