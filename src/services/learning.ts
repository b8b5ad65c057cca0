// Learning families, clans, communities and units (Gia đình / Dòng họ /
// Cộng đồng / Đơn vị học tập): a registration (đăng ký) for a year with a
// unit, a self-evaluation (tự đánh giá) against the criteria set in force
// for the model and year — saved after every answer — then a review by the
// unit's reporter or coordinator and the recognition (công nhận) by the
// commune's coordinator. Lists and figures are in learning-stats.ts.
import { checkAnswer, score, type LearningModel } from "../domain/criteria.ts";
import { vietnamToday } from "../domain/dates.ts";
import {
  answerInputSchema,
  isOpen,
  registrationInputSchema,
  registrationKey,
  registrationYearAllowed,
  registrationYears,
  reviewInputSchema,
  type EvaluationStatus,
  type RegistrationInput,
  type ReviewDecision,
} from "../domain/learning.ts";
import { can } from "../domain/permissions.ts";
import { idSchema } from "../domain/schemas.ts";
import { requireOn, type Person } from "./access.ts";
import { writeAudit } from "./audit.ts";
import { decidersOf, type Recipient } from "./deciders.ts";
import type { ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";
import { parseInput } from "./input.ts";
import {
  answersOf,
  evaluationInclude,
  loadEvaluation,
  loadRegistration,
  lockEvaluation,
  mayActFor,
  mayRecognise,
  mayReviewOwn,
  nextVersion,
  recipientsOf,
  registrationInclude,
  setInForce,
  storedSet,
  SUBMIT_ACTION,
  submittersOf,
  toEvaluationSummary,
  toEvaluationView,
  toRegistrationView,
  type EvaluationSummary,
  type EvaluationView,
  type RegistrationView,
} from "./learning-views.ts";

export { approvedToRecognise, learningStats, listRegistrations, myRegistrations, pendingReviews } from "./learning-stats.ts";
export type { LearningStats, ModelStats } from "./learning-stats.ts";
export type { EvaluationSummary, EvaluationView, ItemView, RegistrationView } from "./learning-views.ts";
export type { Recipient } from "./deciders.ts";

/** Who is told about a submitted evaluation: reporters and coordinators of the unit (or the nearest unit up with any). */
const REVIEWER_ROLES = ["REPORTER", "COORDINATOR", "ADMIN"] as const;

/**
 * Registers a family (own or on its behalf), clan, community or unit with a
 * unit for a year. A member registers their own family; anything else needs
 * a reporter or more over the unit. The same name and village twice in one
 * model, year and unit is one family: refused.
 */
export async function register(deps: ServiceDeps, person: Person, raw: RegistrationInput): Promise<RegistrationView> {
  const input = parseInput(registrationInputSchema, raw);
  const today = vietnamToday(deps.now());
  if (!registrationYearAllowed(input.year, today)) {
    const [from, to] = registrationYears(today);
    throw new ServiceError("registration_year", { year: input.year, from, to });
  }
  const key = registrationKey(input.name, input.village);
  const created = await deps.db.$transaction(async (tx) => {
    const unit = await requireOn(tx, person, "learning.register", input.unitId);
    if (!input.own && !can(person.actor, "unit.report", unit)) throw new ServiceError("forbidden");
    if (unit.validTo) throw new ServiceError("unit_retired", { name: unit.name });
    // Two registrations for the unit at once (a double press): the second waits here and then sees the first.
    await tx.$queryRaw`SELECT "id" FROM "Unit" WHERE "id" = ${unit.id} FOR UPDATE`;
    const same = await tx.learningRegistration.findUnique({
      where: { model_year_unitId_searchKey: { model: input.model, year: input.year, unitId: unit.id, searchKey: key } },
    });
    if (same) throw new ServiceError("already_registered", { name: same.name, unit: unit.name, year: input.year });
    if (input.own) {
      await tx.$queryRaw`SELECT "id" FROM "Member" WHERE "telegramId" = ${BigInt(person.telegramId)} FOR UPDATE`;
      const mine = await tx.learningRegistration.findFirst({
        where: { model: input.model, year: input.year, memberTelegramId: BigInt(person.telegramId) },
        include: { unit: true },
      });
      if (mine) throw new ServiceError("already_registered", { name: mine.name, unit: mine.unit.name, year: input.year });
    }
    const row = await tx.learningRegistration.create({
      data: {
        model: input.model, year: input.year, unitId: unit.id, name: input.name, searchKey: key, village: input.village,
        memberCount: input.memberCount, memberTelegramId: input.own ? BigInt(person.telegramId) : null,
        registeredByTelegramId: BigInt(person.telegramId), createdAt: deps.now(),
      },
      include: registrationInclude,
    });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "learning.register", entity: "LearningRegistration", entityId: row.id,
      after: { model: input.model, year: input.year, unitId: unit.id, name: input.name, village: input.village, memberCount: input.memberCount, own: input.own },
    });
    return row;
  });
  return toRegistrationView(created);
}

/**
 * Opens the self-evaluation of a registration against the set in force for
 * its model and year, or returns the one already begun (resume). The set's
 * id is kept on the evaluation: a later choice of set does not change it.
 */
export async function startEvaluation(deps: ServiceDeps, person: Person, registrationId: number): Promise<EvaluationView> {
  const id = parseInput(idSchema, registrationId);
  const evaluationId = await deps.db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "LearningRegistration" WHERE "id" = ${id} FOR UPDATE`;
    const registration = await loadRegistration(tx, id);
    if (!mayActFor(person, registration)) throw new ServiceError("forbidden");
    if (registration.evaluation) return registration.evaluation.id;
    const model = registration.model as LearningModel;
    const inForce = await setInForce(tx, model, registration.year);
    if (!inForce) throw new ServiceError("no_criteria_in_force", { model, year: registration.year });
    const created = await tx.evaluation.create({
      data: { registrationId: registration.id, criteriaSetId: inForce.row.id, createdAt: deps.now() },
    });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "learning.evaluation.start", entity: "Evaluation", entityId: created.id,
      after: { registrationId: registration.id, criteriaSetId: inForce.row.id, key: inForce.row.key, version: inForce.row.version },
    });
    return created.id;
  });
  return getEvaluation(deps, person, evaluationId);
}

/** An evaluation, for the family, whoever may act for it, and the reviewers and recognisers over its unit. */
export async function getEvaluation(deps: ServiceDeps, person: Person, evaluationId: number): Promise<EvaluationView> {
  const evaluation = await loadEvaluation(deps.db, parseInput(idSchema, evaluationId));
  const registration = evaluation.registration;
  const registeredIt = registration.registeredByTelegramId === BigInt(person.telegramId);
  if (!mayActFor(person, registration) && !registeredIt && !can(person.actor, "learning.review", registration.unit)) {
    throw new ServiceError("forbidden");
  }
  const submitters = await submittersOf(deps.db, [evaluation.id]);
  return toEvaluationView(person, evaluation, submitters.get(evaluation.id) ?? null);
}

/**
 * Saves one answer (and its evidence) while the evaluation is open, and the
 * running total and grade with it. Answering an item again replaces the
 * answer: one row per item, whatever the number of presses.
 */
export async function answerItem(
  deps: ServiceDeps, person: Person, evaluationId: number, itemId: string, value: boolean | number,
  evidence?: { note?: string | null; photoFileId?: string | null },
): Promise<EvaluationView> {
  const id = parseInput(idSchema, evaluationId);
  const input = parseInput(answerInputSchema, { itemId, value, evidence });
  await deps.db.$transaction(async (tx) => {
    await lockEvaluation(tx, id);
    const evaluation = await loadEvaluation(tx, id);
    if (!mayActFor(person, evaluation.registration)) throw new ServiceError("forbidden");
    if (!isOpen(evaluation.status as EvaluationStatus)) throw new ServiceError("evaluation_not_open", { status: evaluation.status });
    const set = storedSet(evaluation.criteriaSet);
    const item = set.groups.flatMap((g) => g.items).find((i) => i.id === input.itemId);
    if (!item) throw new ServiceError("bad_answer", { item: input.itemId, reason: "no_such_item", max: 0 });
    const problem = checkAnswer(item, input.value);
    if (problem) throw new ServiceError("bad_answer", { item: item.id, reason: problem, max: item.points });

    const before = evaluation.answers.find((a) => a.itemId === item.id) ?? null;
    const evidenceData = {
      ...(input.evidence?.note !== undefined ? { note: input.evidence.note } : {}),
      ...(input.evidence?.photoFileId !== undefined ? { photoFileId: input.evidence.photoFileId } : {}),
    };
    const saved = await tx.evaluationAnswer.upsert({
      where: { evaluationId_itemId: { evaluationId: evaluation.id, itemId: item.id } },
      create: { evaluationId: evaluation.id, itemId: item.id, value: input.value, ...evidenceData, answeredByTelegramId: BigInt(person.telegramId) },
      update: { value: input.value, ...evidenceData, answeredByTelegramId: BigInt(person.telegramId) },
    });
    const answers = { ...answersOf(evaluation.answers), [item.id]: input.value };
    const result = score(set, answers);
    await tx.evaluation.update({
      where: { id: evaluation.id },
      data: { total: result.total, grade: result.grade, updatedAt: nextVersion(evaluation.updatedAt) },
    });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "learning.evaluation.answer", entity: "Evaluation", entityId: evaluation.id,
      before: before ? { itemId: item.id, value: before.value as boolean | number, note: before.note, photoFileId: before.photoFileId } : null,
      after: { itemId: item.id, value: input.value, note: saved.note, photoFileId: saved.photoFileId, total: result.total, grade: result.grade },
    });
  });
  return getEvaluation(deps, person, id);
}

/** Sends a complete evaluation for review; the unit's reviewers (never the sender) are to be told. */
export async function submitEvaluation(
  deps: ServiceDeps, person: Person, evaluationId: number,
): Promise<{ evaluation: EvaluationView; notify: Recipient[] }> {
  const id = parseInput(idSchema, evaluationId);
  const notify = await deps.db.$transaction(async (tx) => {
    await lockEvaluation(tx, id);
    const evaluation = await loadEvaluation(tx, id);
    if (!mayActFor(person, evaluation.registration)) throw new ServiceError("forbidden");
    if (!isOpen(evaluation.status as EvaluationStatus)) throw new ServiceError("evaluation_not_open", { status: evaluation.status });
    const result = score(storedSet(evaluation.criteriaSet), answersOf(evaluation.answers));
    if (!result.complete) throw new ServiceError("evaluation_incomplete", { count: result.unanswered.length });
    await tx.evaluation.update({
      where: { id: evaluation.id },
      data: {
        status: "SUBMITTED", total: result.total, grade: result.grade, submittedAt: deps.now(), submittedByTelegramId: BigInt(person.telegramId),
        updatedAt: nextVersion(evaluation.updatedAt),
      },
    });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: SUBMIT_ACTION, entity: "Evaluation", entityId: evaluation.id,
      before: { status: evaluation.status }, after: { status: "SUBMITTED", total: result.total, grade: result.grade },
    });
    return decidersOf(deps, tx, evaluation.registration.unit.path, person.telegramId, REVIEWER_ROLES);
  });
  return { evaluation: await getEvaluation(deps, person, id), notify };
}

/**
 * A reporter or coordinator over the unit approves a submitted evaluation,
 * returns it for a fix or rejects it (both with a comment). `seenVersion` is
 * the `updatedAt` they were shown: if it changed since, `evaluation_changed`.
 * The family and whoever sent it are to be told.
 */
export async function reviewEvaluation(
  deps: ServiceDeps, person: Person, evaluationId: number, decision: ReviewDecision, comment: string | null, seenVersion: string,
): Promise<{ evaluation: EvaluationView; notify: Recipient[] }> {
  const id = parseInput(idSchema, evaluationId);
  const input = parseInput(reviewInputSchema, { decision, comment, seenVersion });
  const notify = await deps.db.$transaction(async (tx) => {
    await lockEvaluation(tx, id);
    const evaluation = await loadEvaluation(tx, id);
    const registration = evaluation.registration;
    await requireOn(tx, person, "learning.review", registration.unitId);
    if (evaluation.status !== "SUBMITTED") throw new ServiceError("evaluation_not_submitted", { status: evaluation.status });
    const submittedBy = (await submittersOf(tx, [evaluation.id])).get(evaluation.id) ?? null;
    const own = submittedBy === person.telegramId || registration.memberTelegramId === BigInt(person.telegramId);
    if (own && !mayReviewOwn(person, registration.unit)) throw new ServiceError("self_review");
    if (evaluation.updatedAt.getTime() !== new Date(input.seenVersion).getTime()) throw new ServiceError("evaluation_changed");
    await tx.evaluation.update({
      where: { id: evaluation.id },
      data: {
        status: input.decision, reviewComment: input.comment, reviewedByTelegramId: BigInt(person.telegramId),
        reviewedAt: deps.now(), updatedAt: nextVersion(evaluation.updatedAt),
      },
    });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "learning.evaluation.review", entity: "Evaluation", entityId: evaluation.id,
      before: { status: evaluation.status, reviewComment: evaluation.reviewComment },
      after: { status: input.decision, reviewComment: input.comment },
    });
    return recipientsOf(tx, [registration.memberTelegramId, submittedBy], person.telegramId);
  });
  return { evaluation: await getEvaluation(deps, person, id), notify };
}

/**
 * The commune's coordinator recognises approved evaluations (công nhận), one
 * or a list at once: all of them or, if any is not approved or not theirs to
 * recognise, none. Each family and whoever sent its evaluation are to be told.
 */
export async function recogniseEvaluations(
  deps: ServiceDeps, person: Person, evaluationIds: number[],
): Promise<{ evaluations: EvaluationSummary[]; notify: (Recipient & { evaluationId: number })[] }> {
  const ids = [...new Set(parseInput(idSchema.array().min(1).max(500), evaluationIds))].sort((a, b) => a - b);
  return deps.db.$transaction(async (tx) => {
    for (const id of ids) await lockEvaluation(tx, id);
    const rows = await tx.evaluation.findMany({ where: { id: { in: ids } }, include: evaluationInclude, orderBy: { id: "asc" } });
    if (rows.length !== ids.length) throw new ServiceError("evaluation_not_found");
    for (const row of rows) {
      await requireOn(tx, person, "learning.recognise", row.registration.unitId);
      if (!mayRecognise(person, row.status, row.registration.unit)) {
        throw new ServiceError("not_approved", { name: row.registration.name, status: row.status });
      }
    }
    const now = deps.now();
    const submitters = await submittersOf(tx, ids);
    const evaluations: EvaluationSummary[] = [];
    const notify: (Recipient & { evaluationId: number })[] = [];
    for (const row of rows) {
      const updated = await tx.evaluation.update({
        where: { id: row.id },
        data: { status: "RECOGNISED", recognisedAt: now, recognisedByTelegramId: BigInt(person.telegramId), updatedAt: nextVersion(row.updatedAt) },
        include: evaluationInclude,
      });
      await writeAudit(tx, {
        actorTelegramId: person.telegramId, action: "learning.evaluation.recognise", entity: "Evaluation", entityId: row.id,
        before: { status: row.status }, after: { status: "RECOGNISED" },
      });
      const submittedBy = submitters.get(row.id) ?? null;
      evaluations.push(toEvaluationSummary(person, updated, storedSet(updated.criteriaSet), submittedBy));
      for (const r of await recipientsOf(tx, [row.registration.memberTelegramId, submittedBy], person.telegramId)) {
        notify.push({ ...r, evaluationId: row.id });
      }
    }
    return { evaluations, notify };
  });
}

/**
 * What a certificate of a recognised evaluation says: the evaluation (name,
 * model, year, unit, score, set) and the unit that recognised it — the
 * nearest unit above the registration's where the recogniser coordinates
 * (an administrator: the unit just above). For whoever may see the evaluation.
 */
export async function certificateOf(
  deps: ServiceDeps, person: Person, evaluationId: number,
): Promise<{ evaluation: EvaluationSummary; issuer: string }> {
  const evaluation = await getEvaluation(deps, person, evaluationId);
  if (evaluation.status !== "RECOGNISED") throw new ServiceError("not_recognised", { name: evaluation.registration.name });
  const row = await deps.db.evaluation.findUniqueOrThrow({
    where: { id: evaluation.id },
    select: { recognisedByTelegramId: true, registration: { select: { unit: { select: { id: true, name: true, path: true, parent: { select: { name: true } } } } } } },
  });
  const unit = row.registration.unit;
  const above = unit.path.split("/").filter(Boolean).map(Number).filter((id) => id !== unit.id);
  const coordinated = row.recognisedByTelegramId === null ? [] : await deps.db.membership.findMany({
    where: { member: { telegramId: row.recognisedByTelegramId }, unitId: { in: above }, role: { in: ["COORDINATOR", "ADMIN"] } },
    select: { unit: { select: { name: true, path: true } } },
  });
  const nearest = coordinated.map((m) => m.unit).sort((a, b) => b.path.length - a.path.length)[0];
  return { evaluation, issuer: nearest?.name ?? unit.parent?.name ?? unit.name };
}
