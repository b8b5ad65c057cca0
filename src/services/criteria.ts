// Criteria sets as data in the database: the shipped files of criteria/ are
// stored at start-up, an administrator loads new or corrected ones (a file
// sent to the bot) and chooses the set in force for each model and year.
// A stored version is never rewritten: evaluations keep the version they
// were scored with, so a correction is always a new version.
import { isUniqueViolation } from "../db/errors.ts";
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import {
  MODELS,
  appliesTo,
  checkCriteriaSet,
  parseCriteriaFile,
  type CriteriaError,
  type CriteriaSet,
  type LearningModel,
} from "../domain/criteria.ts";
import { vietnamToday } from "../domain/dates.ts";
import { can } from "../domain/permissions.ts";
import { idSchema } from "../domain/schemas.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Person } from "./access.ts";
import { writeAudit } from "./audit.ts";
import type { DbOrTx, ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";
import { parseInput } from "./input.ts";

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** What the chat and the lists show of a stored set (JSON-safe). */
export interface CriteriaSetView {
  id: number;
  key: string;
  version: number;
  model: LearningModel;
  status: CriteriaSet["status"];
  title: { vi: string; en: string };
  legalBasis: string;
  years: { from: number; to: number | null };
  maxPoints: number | null;
  groups: number;
  /** known and unknown items */
  items: number;
  /** unknown items plus groups whose content is unknown */
  unknownItems: number;
  unknownIds: string[];
  /** false in a draft whose grading rule is not known yet */
  hasRule: boolean;
  source: "shipped" | "upload";
  createdAt: string;
}

/** A stored set with its parsed content, for scoring. */
export interface StoredCriteriaSet {
  id: number;
  key: string;
  version: number;
  set: CriteriaSet;
}

export interface SyncReport {
  /** false when the folder does not exist (nothing was read) */
  folderFound: boolean;
  added: { file: string; key: string; version: number }[];
  unchanged: { file: string; key: string; version: number }[];
  /** a shipped file whose version is already stored with other content: the stored one is kept */
  conflicts: { file: string; key: string; version: number; storedId: number }[];
  invalid: { file: string; errors: CriteriaError[] }[];
}

export type UploadOutcome =
  | { ok: true; set: CriteriaSetView; created: boolean }
  | { ok: false; errors: CriteriaError[] };

export interface InForceRow {
  model: LearningModel;
  year: number;
  set: CriteriaSetView | null;
}

type Row = {
  id: number;
  key: string;
  version: number;
  content: Prisma.JsonValue;
  source: string;
  createdAt: Date;
};

/** The content exactly as stored: the parsed set (keys in the schema's order). */
function canonical(set: CriteriaSet): string {
  return JSON.stringify(set);
}

function checksumOf(set: CriteriaSet): string {
  return createHash("sha256").update(canonical(set), "utf8").digest("hex");
}

function parseStored(row: Row): CriteriaSet {
  const parsed = checkCriteriaSet(row.content);
  if (!parsed.ok) throw new Error(`stored criteria set ${row.key} v${row.version} (id ${row.id}) no longer validates: ${JSON.stringify(parsed.errors.slice(0, 5))}`);
  return parsed.set;
}

function unknownIdsOf(set: CriteriaSet): string[] {
  return set.groups.flatMap((g) => [...(g.unknown ? [g.id] : []), ...g.items.filter((i) => i.unknown).map((i) => i.id)]);
}

function toView(row: Row, set: CriteriaSet = parseStored(row)): CriteriaSetView {
  const unknownIds = unknownIdsOf(set);
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    model: set.model,
    status: set.status,
    title: { vi: set.title.vi, en: set.title.en },
    legalBasis: set.legalBasis,
    years: { from: set.years.from, to: set.years.to },
    maxPoints: set.maxPoints,
    groups: set.groups.length,
    items: set.groups.reduce((n, g) => n + g.items.length, 0),
    unknownItems: unknownIds.length,
    unknownIds,
    hasRule: set.rule !== null,
    source: row.source === "upload" ? "upload" : "shipped",
    createdAt: row.createdAt.toISOString(),
  };
}

function requireManage(person: Person): void {
  if (!can(person.actor, "criteria.manage", null)) throw new ServiceError("forbidden");
}


async function store(db: DbOrTx, set: CriteriaSet, source: "shipped" | "upload", loadedBy: number | null) {
  return db.criteriaSet.create({
    data: {
      key: set.id,
      version: set.version,
      model: set.model,
      status: set.status,
      content: JSON.parse(canonical(set)) as Prisma.InputJsonValue,
      checksum: checksumOf(set),
      source,
      loadedByTelegramId: loadedBy === null ? null : BigInt(loadedBy),
    },
  });
}

/**
 * Stores every valid file of the folder (criteria/ by default) that is not
 * stored yet. Never fails start-up: bad files and conflicts are reported
 * for the log.
 */
export async function syncShippedCriteria(deps: ServiceDeps, dir = "criteria"): Promise<SyncReport> {
  const folder = path.resolve(PROJECT_ROOT, dir);
  const report: SyncReport = { folderFound: true, added: [], unchanged: [], conflicts: [], invalid: [] };
  let names: string[];
  try {
    names = (await readdir(folder)).filter((n) => n.toLowerCase().endsWith(".json")).sort();
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return { ...report, folderFound: false };
    throw error;
  }
  for (const file of names) {
    const parsed = parseCriteriaFile(new Uint8Array(await readFile(path.join(folder, file))));
    if (!parsed.ok) {
      report.invalid.push({ file, errors: parsed.errors });
      continue;
    }
    const { set } = parsed;
    const entry = { file, key: set.id, version: set.version };
    const findStored = () => deps.db.criteriaSet.findUnique({ where: { key_version: { key: set.id, version: set.version } } });
    let stored = await findStored();
    if (!stored) {
      try {
        await store(deps.db, set, "shipped", null);
        report.added.push(entry);
        continue;
      } catch (error) {
        // Another instance stored it meanwhile: compare with theirs.
        if (!isUniqueViolation(error)) throw error;
        stored = await findStored();
        if (!stored) throw error;
      }
    }
    if (stored.checksum === checksumOf(set)) report.unchanged.push(entry);
    else report.conflicts.push({ ...entry, storedId: stored.id });
  }
  return report;
}

/**
 * A file sent by an administrator. Problems in the file come back as a list
 * (every one, for the bot to show); a version already stored with other
 * content is refused — a correction needs a higher version.
 */
export async function uploadCriteria(deps: ServiceDeps, person: Person, bytes: Uint8Array): Promise<UploadOutcome> {
  requireManage(person);
  const parsed = parseCriteriaFile(bytes);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const { set } = parsed;
  const checksum = checksumOf(set);
  const existing = async (db: DbOrTx) => {
    const stored = await db.criteriaSet.findUnique({ where: { key_version: { key: set.id, version: set.version } } });
    if (!stored) return null;
    if (stored.checksum !== checksum) throw new ServiceError("criteria_version_exists", { key: set.id, version: set.version });
    return { ok: true as const, set: toView(stored), created: false };
  };
  const before = await existing(deps.db);
  if (before) return before;
  try {
    return await deps.db.$transaction(async (tx) => {
      const created = await store(tx, set, "upload", person.telegramId);
      await writeAudit(tx, {
        actorTelegramId: person.telegramId,
        action: "criteria.upload",
        entity: "CriteriaSet",
        entityId: created.id,
        after: { key: set.id, version: set.version, model: set.model, status: set.status, checksum },
      });
      return { ok: true as const, set: toView(created, set), created: true };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await existing(deps.db); // sent twice at once
    if (raced) return raced;
    throw error;
  }
}

const modelSchema = z.enum(MODELS);
const yearSchema = z.number().int().min(2000).max(2100);

/** Every stored set (of one model), newest version first, with the years each is in force. */
export async function listCriteriaSets(
  deps: ServiceDeps, person: Person, model?: LearningModel,
): Promise<(CriteriaSetView & { inForceYears: number[] })[]> {
  requireManage(person);
  const only = model === undefined ? undefined : parseInput(modelSchema, model);
  const rows = await deps.db.criteriaSet.findMany({
    where: only === undefined ? {} : { model: only },
    include: { inForce: { select: { year: true }, orderBy: { year: "asc" } } },
    orderBy: [{ model: "asc" }, { key: "asc" }, { version: "desc" }],
  });
  return rows.map((row) => ({ ...toView(row), inForceYears: row.inForce.map((f) => f.year) }));
}

/** One stored set, parsed (public regulation text: anyone may read it). */
export async function getCriteriaSet(deps: ServiceDeps, criteriaSetId: number): Promise<StoredCriteriaSet> {
  const id = parseInput(idSchema, criteriaSetId);
  const row = await deps.db.criteriaSet.findUnique({ where: { id } });
  if (!row) throw new ServiceError("not_found");
  return { id: row.id, key: row.key, version: row.version, set: parseStored(row) };
}

/** The view of one stored set, for the administrator's screens. */
export async function describeCriteriaSet(deps: ServiceDeps, person: Person, criteriaSetId: number): Promise<CriteriaSetView> {
  requireManage(person);
  const id = parseInput(idSchema, criteriaSetId);
  const row = await deps.db.criteriaSet.findUnique({ where: { id } });
  if (!row) throw new ServiceError("not_found");
  return toView(row);
}

/** Chooses the set used for a model's evaluations in a year; the set must be complete, of that model, and apply to the year. */
export async function setInForce(
  deps: ServiceDeps, person: Person, model: LearningModel, year: number, criteriaSetId: number,
): Promise<InForceRow & { changed: boolean }> {
  requireManage(person);
  const m = parseInput(modelSchema, model);
  const y = parseInput(yearSchema, year);
  const id = parseInput(idSchema, criteriaSetId);
  return deps.db.$transaction(async (tx) => {
    const row = await tx.criteriaSet.findUnique({ where: { id } });
    if (!row) throw new ServiceError("not_found");
    const set = parseStored(row);
    const view = toView(row, set);
    if (set.status !== "in_force") {
      const missing = [...view.unknownIds, ...(view.hasRule ? [] : ["rule"])];
      throw new ServiceError("criteria_draft", { key: row.key, version: row.version, ids: missing.length > 0 ? missing.join(", ") : "—" });
    }
    if (set.model !== m) throw new ServiceError("criteria_wrong_model", { key: row.key, version: row.version });
    if (!appliesTo(set, y)) throw new ServiceError("criteria_wrong_year", { key: row.key, version: row.version, year: String(y) });
    const before = await tx.criteriaInForce.findUnique({ where: { model_year: { model: m, year: y } } });
    if (before?.criteriaSetId === id) return { model: m, year: y, set: view, changed: false };
    const saved = await tx.criteriaInForce.upsert({
      where: { model_year: { model: m, year: y } },
      create: { model: m, year: y, criteriaSetId: id, setByTelegramId: BigInt(person.telegramId) },
      update: { criteriaSetId: id, setByTelegramId: BigInt(person.telegramId) },
    });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId,
      action: "criteria.in_force",
      entity: "CriteriaInForce",
      entityId: saved.id,
      before: before ? { model: m, year: y, criteriaSetId: before.criteriaSetId } : null,
      after: { model: m, year: y, criteriaSetId: id, key: row.key, version: row.version },
    });
    return { model: m, year: y, set: view, changed: true };
  });
}

/** The set in force for a model and year, parsed; null when none was chosen. */
export async function inForce(deps: ServiceDeps, model: LearningModel, year: number): Promise<StoredCriteriaSet | null> {
  const m = parseInput(modelSchema, model);
  const y = parseInput(yearSchema, year);
  const chosen = await deps.db.criteriaInForce.findUnique({ where: { model_year: { model: m, year: y } }, include: { criteriaSet: true } });
  if (!chosen) return null;
  const row = chosen.criteriaSet;
  return { id: row.id, key: row.key, version: row.version, set: parseStored(row) };
}

/** For the administrator's screen: per model, the set in force in `year` (or none). */
export async function inForceTable(deps: ServiceDeps, person: Person, year: number): Promise<InForceRow[]> {
  requireManage(person);
  const y = parseInput(yearSchema, year);
  const chosen = await deps.db.criteriaInForce.findMany({ where: { year: y }, include: { criteriaSet: true } });
  return MODELS.map((model) => {
    const row = chosen.find((c) => c.model === model)?.criteriaSet;
    return { model, year: y, set: row ? toView(row) : null };
  });
}

/** The calendar year in Vietnam now: the year offered when a set is put in force. */
export function currentYear(deps: ServiceDeps): number {
  return vietnamToday(deps.now()).year;
}
