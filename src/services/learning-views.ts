// Shared by the learning-model services: loading registrations, evaluations
// and the criteria set in force, who may do what with them, and turning rows
// into views. Views are JSON-safe (numbers, ISO strings): conversations store
// what services return. Not a service module (helpers here do not take deps).
import {
  answerableItems,
  checkCriteriaSet,
  appliesTo,
  itemMet,
  score,
  type Answer,
  type Answers,
  type CriteriaSet,
  type ItemKind,
  type LearningModel,
  type ScoreResult,
} from "../domain/criteria.ts";
import { isOpen, type EvaluationStatus } from "../domain/learning.ts";
import { can, effectiveRole, roleRank, type UnitRef } from "../domain/permissions.ts";
import type { Person } from "./access.ts";
import type { Recipient } from "./deciders.ts";
import type { DbOrTx } from "./deps.ts";
import { ServiceError } from "./errors.ts";

type Bilingual = { vi: string; en: string };

export interface RegistrationView {
  id: number;
  model: LearningModel;
  year: number;
  unitId: number;
  unitName: string;
  /** the head of the household, the clan, the community or the unit */
  name: string;
  village: string | null;
  memberCount: number | null;
  /** the member who registered their own family; null when a reporter did it for them */
  memberTelegramId: number | null;
  registeredByTelegramId: number;
  /** ISO time */
  createdAt: string;
  evaluation: { id: number; status: EvaluationStatus; total: number; grade: string | null; updatedAt: string } | null;
}

export interface ItemView {
  id: string;
  groupId: string;
  kind: ItemKind;
  /** yes_no and number: earned when met; points: the most one may give */
  points: number;
  /** number items: the least answer that counts as met */
  min: number | null;
  text: Bilingual;
  evidence: Bilingual | null;
  /** null: not answered yet */
  value: Answer | null;
  met: boolean | null;
  note: string | null;
  photoFileId: string | null;
}

export interface SetRef {
  id: number;
  key: string;
  version: number;
  title: Bilingual;
  legalBasis: string;
}

export interface EvaluationSummary {
  id: number;
  status: EvaluationStatus;
  registration: RegistrationView;
  set: SetRef;
  total: number;
  max: number;
  grade: string | null;
  gradeLabel: Bilingual | null;
  reviewComment: string | null;
  /** ISO times */
  submittedAt: string | null;
  reviewedAt: string | null;
  recognisedAt: string | null;
  submittedByTelegramId: number | null;
  /** ISO time of the last change; a reviewer hands it back as the version they saw */
  updatedAt: string;
  canReview: boolean;
  canRecognise: boolean;
}

export interface EvaluationView extends EvaluationSummary {
  groups: { id: string; title: Bilingual | null; total: number; max: number }[];
  items: ItemView[];
  answers: Answers;
  score: ScoreResult;
  /** the first item without an answer, in the set's order; null when all are answered */
  nextItemId: string | null;
  canAnswer: boolean;
  canSubmit: boolean;
}

export const registrationInclude = { unit: true, evaluation: true } as const;
export const evaluationInclude = {
  registration: { include: registrationInclude },
  criteriaSet: true,
  answers: true,
} as const;

type UnitRow = { id: number; name: string; path: string };
type EvaluationRowBase = {
  id: number; registrationId: number; criteriaSetId: number; status: string; total: number; grade: string | null;
  submittedAt: Date | null; reviewComment: string | null; reviewedAt: Date | null; recognisedAt: Date | null; updatedAt: Date;
};
type RegistrationRow = {
  id: number; model: string; year: number; unitId: number; name: string; village: string | null; memberCount: number | null;
  memberTelegramId: bigint | null; registeredByTelegramId: bigint; createdAt: Date;
  unit: UnitRow; evaluation: EvaluationRowBase | null;
};
type SetRow = { id: number; key: string; version: number; content: unknown };
type AnswerRow = { itemId: string; value: unknown; note: string | null; photoFileId: string | null };
type EvaluationRow = EvaluationRowBase & { registration: RegistrationRow; criteriaSet: SetRow };
type FullEvaluationRow = EvaluationRow & { answers: AnswerRow[] };

export async function loadRegistration(db: DbOrTx, registrationId: number) {
  const registration = await db.learningRegistration.findUnique({ where: { id: registrationId }, include: registrationInclude });
  if (!registration) throw new ServiceError("registration_not_found");
  return registration;
}

export async function loadEvaluation(db: DbOrTx, evaluationId: number) {
  const evaluation = await db.evaluation.findUnique({ where: { id: evaluationId }, include: evaluationInclude });
  if (!evaluation) throw new ServiceError("evaluation_not_found");
  return evaluation;
}

/** Answers and reviews of one evaluation take turns. */
export async function lockEvaluation(tx: DbOrTx, evaluationId: number): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Evaluation" WHERE "id" = ${evaluationId} FOR UPDATE`;
}

/**
 * A stored set, read again with the same checks as a file. Sets are checked
 * when they are loaded and never changed, so a failure here is a bug or a
 * hand-edited database, not something the person can fix.
 */
export function storedSet(row: SetRow): CriteriaSet {
  const parsed = checkCriteriaSet(row.content);
  if (!parsed.ok) throw new Error(`criteria set ${row.id} (${row.key} v${row.version}) in the database is not valid: ${parsed.errors[0]?.code ?? ""}`);
  return parsed.set;
}

/**
 * The set chosen for a model and year (CriteriaInForce): only such a choice
 * counts, never a set merely loaded. A choice that cannot be evaluated
 * against (a draft, a set not for that year) counts as none.
 */
export async function setInForce(db: DbOrTx, model: LearningModel, year: number): Promise<{ row: SetRow; set: CriteriaSet } | null> {
  const chosen = await db.criteriaInForce.findUnique({ where: { model_year: { model, year } }, include: { criteriaSet: true } });
  if (!chosen) return null;
  const set = storedSet(chosen.criteriaSet);
  if (set.status !== "in_force" || set.model !== model || !appliesTo(set, year)) return null;
  return { row: chosen.criteriaSet, set };
}

export function answersOf(rows: AnswerRow[]): Answers {
  const out: Answers = {};
  for (const r of rows) if (typeof r.value === "boolean" || typeof r.value === "number") out[r.itemId] = r.value;
  return out;
}

/** The next version of a row: the wall clock, but always past the previous one. */
export function nextVersion(previous: Date): Date {
  return new Date(Math.max(Date.now(), previous.getTime() + 1));
}

// ---- who may do what ----

export function isFamilyOf(person: Person, registration: { memberTelegramId: bigint | null }): boolean {
  return registration.memberTelegramId !== null && registration.memberTelegramId === BigInt(person.telegramId);
}

/** Reporters (and above) act for the families of their units; a family acts for itself. */
export function mayActFor(person: Person, registration: { memberTelegramId: bigint | null; unit: UnitRef }): boolean {
  return isFamilyOf(person, registration) || can(person.actor, "unit.report", registration.unit);
}

/** Coordinator or more over the unit: may review what they sent or their own family. */
function coordinatesOver(person: Person, unit: UnitRef): boolean {
  const role = effectiveRole(person.actor, unit);
  return role !== null && roleRank(role) >= roleRank("COORDINATOR");
}

/**
 * Reviewing: a submitted evaluation, by a reporter or more over the unit who
 * is neither the one who sent it nor the family itself — unless they
 * coordinate the unit (a branch often has one person doing everything).
 */
export function mayReview(
  person: Person, status: string, registration: { memberTelegramId: bigint | null; unit: UnitRef }, submittedBy: number | null,
): boolean {
  if (status !== "SUBMITTED" || !can(person.actor, "learning.review", registration.unit)) return false;
  const own = submittedBy === person.telegramId || isFamilyOf(person, registration);
  return !own || coordinatesOver(person, registration.unit);
}

export function mayReviewOwn(person: Person, unit: UnitRef): boolean {
  return coordinatesOver(person, unit);
}

export function mayRecognise(person: Person, status: string, unit: UnitRef): boolean {
  return status === "APPROVED" && can(person.actor, "learning.recognise", unit);
}

/** Who sent the evaluation last: read from the audit log, written with the submission. */
export async function submittersOf(db: DbOrTx, evaluationIds: number[]): Promise<Map<number, number>> {
  if (evaluationIds.length === 0) return new Map();
  const rows = await db.evaluation.findMany({ where: { id: { in: evaluationIds } }, select: { id: true, submittedByTelegramId: true } });
  return new Map(rows.flatMap((r) => (r.submittedByTelegramId === null ? [] : [[r.id, Number(r.submittedByTelegramId)] as const])));
}

export const SUBMIT_ACTION = "learning.evaluation.submit";

/** Each telegram id once, with the language they chose; `except` (the person acting) left out. */
export async function recipientsOf(db: DbOrTx, telegramIds: (bigint | number | null)[], except: number): Promise<Recipient[]> {
  const ids = [...new Set(telegramIds.filter((id): id is bigint | number => id !== null).map(Number))].filter((id) => id !== except);
  if (ids.length === 0) return [];
  const members = await db.member.findMany({ where: { telegramId: { in: ids.map(BigInt) } }, select: { telegramId: true, language: true } });
  const language = new Map(members.map((m) => [Number(m.telegramId), m.language]));
  return ids.map((telegramId) => ({ telegramId, language: language.get(telegramId) ?? null }));
}

// ---- views ----

export function toRegistrationView(r: RegistrationRow): RegistrationView {
  return {
    id: r.id,
    model: r.model as LearningModel,
    year: r.year,
    unitId: r.unitId,
    unitName: r.unit.name,
    name: r.name,
    village: r.village,
    memberCount: r.memberCount,
    memberTelegramId: r.memberTelegramId === null ? null : Number(r.memberTelegramId),
    registeredByTelegramId: Number(r.registeredByTelegramId),
    createdAt: r.createdAt.toISOString(),
    evaluation: r.evaluation
      ? { id: r.evaluation.id, status: r.evaluation.status as EvaluationStatus, total: r.evaluation.total, grade: r.evaluation.grade, updatedAt: r.evaluation.updatedAt.toISOString() }
      : null,
  };
}

function gradeLabel(set: CriteriaSet, grade: string | null): Bilingual | null {
  if (grade === null || set.rule === null) return null;
  if (set.rule.kind === "all_required") return set.rule.label;
  return set.rule.bands.find((b) => b.grade === grade)?.label ?? null;
}

function setRef(row: SetRow, set: CriteriaSet): SetRef {
  return { id: row.id, key: row.key, version: row.version, title: set.title, legalBasis: set.legalBasis };
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** A list entry: the stored total and grade, without the items. `set`: the parsed set of the row. */
export function toEvaluationSummary(person: Person, e: EvaluationRow, set: CriteriaSet, submittedBy: number | null): EvaluationSummary {
  const registration = e.registration;
  const max = score(set, {}).max;
  return {
    id: e.id,
    status: e.status as EvaluationStatus,
    registration: toRegistrationView(registration),
    set: setRef(e.criteriaSet, set),
    total: e.total,
    max,
    grade: e.grade,
    gradeLabel: gradeLabel(set, e.grade),
    reviewComment: e.reviewComment,
    submittedAt: iso(e.submittedAt),
    reviewedAt: iso(e.reviewedAt),
    recognisedAt: iso(e.recognisedAt),
    submittedByTelegramId: submittedBy,
    updatedAt: e.updatedAt.toISOString(),
    canReview: mayReview(person, e.status, registration, submittedBy),
    canRecognise: mayRecognise(person, e.status, registration.unit),
  };
}

/** Everything the walk through the criteria needs: items, answers, the running score. */
export function toEvaluationView(person: Person, e: FullEvaluationRow, submittedBy: number | null): EvaluationView {
  const set = storedSet(e.criteriaSet);
  const answers = answersOf(e.answers);
  const result = score(set, answers);
  const byItem = new Map(e.answers.map((a) => [a.itemId, a]));
  const groupOf = new Map(set.groups.flatMap((g) => g.items.map((i) => [i.id, g.id] as const)));
  const items: ItemView[] = answerableItems(set).map((item) => {
    const row = byItem.get(item.id);
    const value = answers[item.id] ?? null;
    return {
      id: item.id,
      groupId: groupOf.get(item.id) ?? "",
      kind: item.kind,
      points: item.points,
      min: item.min ?? null,
      // answerable items always have their text (only unknown ones lack it)
      text: item.text ?? { vi: "", en: "" },
      evidence: item.evidence,
      value,
      met: value === null ? null : itemMet(item, value),
      note: row?.note ?? null,
      photoFileId: row?.photoFileId ?? null,
    };
  });
  const canAnswer = isOpen(e.status as EvaluationStatus) && mayActFor(person, e.registration);
  return {
    ...toEvaluationSummary(person, e, set, submittedBy),
    total: result.total,
    grade: result.grade,
    gradeLabel: gradeLabel(set, result.grade),
    groups: set.groups.map((g, i) => ({ id: g.id, title: g.title, total: result.groups[i]?.total ?? 0, max: result.groups[i]?.max ?? 0 })),
    items,
    answers,
    score: result,
    nextItemId: result.unanswered[0] ?? null,
    canAnswer,
    canSubmit: canAnswer && result.complete,
  };
}
