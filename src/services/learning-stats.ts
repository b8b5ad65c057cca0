// What people see of the learning models for a unit's subtree and a year:
// the registrations, the evaluations waiting for review or recognition, and
// the figures coordinators report (registered, self-evaluated, approved,
// recognised; the branches that have not started) — counted in the database,
// one row per model, never one per family. A subtree is every unit whose
// path starts with the unit's path.
import { z } from "zod";
import { Prisma } from "../db/generated/client.ts";
import { MODELS, type CriteriaSet, type LearningModel } from "../domain/criteria.ts";
import { APPROVED_OR_BEYOND, learningModelSchema, learningYearSchema, percentOf, SELF_EVALUATED } from "../domain/learning.ts";
import { idSchema } from "../domain/schemas.ts";
import { requireOn, type Person } from "./access.ts";
import type { DbOrTx, ServiceDeps } from "./deps.ts";
import { parseInput } from "./input.ts";
import {
  evaluationInclude,
  registrationInclude,
  storedSet,
  submittersOf,
  toEvaluationSummary,
  toRegistrationView,
  type EvaluationSummary,
  type RegistrationView,
} from "./learning-views.ts";

const LIST_PAGE = 100;
const MINE_LIMIT = 100;
const REVIEW_QUEUE_LIMIT = 50;
const RECOGNISE_LIMIT = 200;

/**
 * Registrations of the unit and its subtree for a year (one model, or all),
 * by unit and name, a page of 100 from `offset`. Anyone who may see the unit
 * sees them: a registration is a name and a village, nothing private.
 */
export async function listRegistrations(
  deps: ServiceDeps, person: Person, unitId: number, year: number, model?: LearningModel | null, offset = 0,
): Promise<RegistrationView[]> {
  const id = parseInput(idSchema, unitId);
  const y = parseInput(learningYearSchema, year);
  const m = parseInput(learningModelSchema.nullish(), model);
  const skip = parseInput(z.number().int().min(0).max(1_000_000), offset);
  const unit = await requireOn(deps.db, person, "unit.view", id);
  const rows = await deps.db.learningRegistration.findMany({
    where: { year: y, unit: { path: { startsWith: unit.path } }, ...(m ? { model: m } : {}) },
    include: registrationInclude,
    orderBy: [{ unit: { path: "asc" } }, { searchKey: "asc" }, { id: "asc" }],
    skip,
    take: LIST_PAGE,
  });
  return rows.map(toRegistrationView);
}

/** The person's own family's registrations and those they registered for others, newest year first. */
export async function myRegistrations(deps: ServiceDeps, person: Person): Promise<RegistrationView[]> {
  const me = BigInt(person.telegramId);
  const rows = await deps.db.learningRegistration.findMany({
    where: { OR: [{ memberTelegramId: me }, { registeredByTelegramId: me }] },
    include: registrationInclude,
    orderBy: [{ year: "desc" }, { createdAt: "desc" }, { id: "desc" }],
    take: MINE_LIMIT,
  });
  // Their own family first within a year.
  const own = (r: { memberTelegramId: bigint | null }) => (r.memberTelegramId === me ? 0 : 1);
  return rows.sort((a, b) => b.year - a.year || own(a) - own(b)).map(toRegistrationView);
}

async function summaries(db: DbOrTx, person: Person, rows: Awaited<ReturnType<typeof evaluationRows>>): Promise<EvaluationSummary[]> {
  const sets = new Map<number, CriteriaSet>();
  for (const r of rows) if (!sets.has(r.criteriaSetId)) sets.set(r.criteriaSetId, storedSet(r.criteriaSet));
  const submitters = await submittersOf(db, rows.map((r) => r.id));
  return rows.map((r) => toEvaluationSummary(person, r, sets.get(r.criteriaSetId)!, submitters.get(r.id) ?? null));
}

function evaluationRows(db: DbOrTx, path: string, year: number, status: "SUBMITTED" | "APPROVED", take: number) {
  return db.evaluation.findMany({
    where: { status, registration: { year, unit: { path: { startsWith: path } } } },
    include: { registration: { include: registrationInclude }, criteriaSet: evaluationInclude.criteriaSet },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    take,
  });
}

/**
 * Submitted evaluations of the subtree and year the person may review,
 * oldest first, at most 50 (their own submissions only for coordinators).
 */
export async function pendingReviews(deps: ServiceDeps, person: Person, unitId: number, year: number): Promise<EvaluationSummary[]> {
  const id = parseInput(idSchema, unitId);
  const y = parseInput(learningYearSchema, year);
  const unit = await requireOn(deps.db, person, "learning.review", id);
  const rows = await evaluationRows(deps.db, unit.path, y, "SUBMITTED", REVIEW_QUEUE_LIMIT * 2);
  return (await summaries(deps.db, person, rows)).filter((e) => e.canReview).slice(0, REVIEW_QUEUE_LIMIT);
}

/**
 * Approved evaluations of the subtree and year that the person may recognise
 * (registered with a unit below theirs: a commune recognises its branches'
 * families), at most 200.
 */
export async function approvedToRecognise(deps: ServiceDeps, person: Person, unitId: number, year: number): Promise<EvaluationSummary[]> {
  const id = parseInput(idSchema, unitId);
  const y = parseInput(learningYearSchema, year);
  const unit = await requireOn(deps.db, person, "learning.review", id);
  const rows = await evaluationRows(deps.db, unit.path, y, "APPROVED", RECOGNISE_LIMIT);
  return (await summaries(deps.db, person, rows)).filter((e) => e.canRecognise);
}

export interface ModelStats {
  model: LearningModel;
  registered: number;
  /** sent for review at least once (submitted, returned, approved, rejected or recognised) */
  selfEvaluated: number;
  /** approved or recognised */
  approved: number;
  recognised: number;
  /** per cent of registered, one decimal; null when none registered */
  selfEvaluatedPercent: number | null;
  approvedPercent: number | null;
  recognisedPercent: number | null;
}

export interface LearningStats {
  unitId: number;
  unitName: string;
  year: number;
  /** every model, in the order of MODELS */
  models: ModelStats[];
  /** current branches of the subtree */
  branches: number;
  /** current branches of the subtree with no registration of any model that year, by path */
  notStarted: { unitId: number; unitName: string }[];
}

type CountRow = { model: string; registered: bigint | number; selfEvaluated: bigint | number; approved: bigint | number; recognised: bigint | number };

/** Figures for a subtree and a year, for reporters and coordinators over the unit. */
export async function learningStats(deps: ServiceDeps, person: Person, unitId: number, year: number): Promise<LearningStats> {
  const id = parseInput(idSchema, unitId);
  const y = parseInput(learningYearSchema, year);
  const unit = await requireOn(deps.db, person, "learning.review", id);
  const prefix = `${unit.path}%`;
  const selfEvaluated = Prisma.join([...SELF_EVALUATED]);
  const approved = Prisma.join([...APPROVED_OR_BEYOND]);
  const rows = await deps.db.$queryRaw<CountRow[]>`
    SELECT r."model"::text AS "model",
           COUNT(*)::bigint AS "registered",
           COUNT(e."id") FILTER (WHERE e."status"::text IN (${selfEvaluated}))::bigint AS "selfEvaluated",
           COUNT(e."id") FILTER (WHERE e."status"::text IN (${approved}))::bigint AS "approved",
           COUNT(e."id") FILTER (WHERE e."status" = 'RECOGNISED')::bigint AS "recognised"
    FROM "LearningRegistration" r
    JOIN "Unit" u ON u."id" = r."unitId"
    LEFT JOIN "Evaluation" e ON e."registrationId" = r."id"
    WHERE r."year" = ${y} AND u."path" LIKE ${prefix}
    GROUP BY r."model"`;
  const byModel = new Map(rows.map((r) => [r.model, r]));
  const models = MODELS.map((model): ModelStats => {
    const r = byModel.get(model);
    const registered = Number(r?.registered ?? 0);
    const counts = { selfEvaluated: Number(r?.selfEvaluated ?? 0), approved: Number(r?.approved ?? 0), recognised: Number(r?.recognised ?? 0) };
    return {
      model, registered, ...counts,
      selfEvaluatedPercent: percentOf(counts.selfEvaluated, registered),
      approvedPercent: percentOf(counts.approved, registered),
      recognisedPercent: percentOf(counts.recognised, registered),
    };
  });
  const branchWhere = { validTo: null, kind: "BRANCH" as const, path: { startsWith: unit.path } };
  const [branches, notStarted] = await Promise.all([
    deps.db.unit.count({ where: branchWhere }),
    deps.db.unit.findMany({
      where: { ...branchWhere, learningRegistrations: { none: { year: y } } },
      select: { id: true, name: true },
      orderBy: { path: "asc" },
    }),
  ]);
  return {
    unitId: unit.id, unitName: unit.name, year: y, models, branches,
    notStarted: notStarted.map((u) => ({ unitId: u.id, unitName: u.name })),
  };
}
