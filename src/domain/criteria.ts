// Criteria sets for the learning models (Gia đình / Dòng họ / Cộng đồng / Đơn
// vị học tập) as data: the file format (JSON in criteria/, or sent by an
// administrator), every check a file must pass — each failure a code with
// the place in the file, never a message — and the scoring engine that turns
// answers into a total, a grade and the items missed. Pure: no I/O.
//
// A set whose regulation text is not fully known is shipped as a "draft":
// unknown items and groups carry `unknown: true` (text null), and the rule
// may be missing. Only a complete set may be put "in_force".
import { z } from "zod";

export const MODELS = ["FAMILY", "CLAN", "COMMUNITY", "UNIT"] as const;
export type LearningModel = (typeof MODELS)[number];

export const SET_STATUSES = ["in_force", "draft"] as const;
export const ITEM_KINDS = ["yes_no", "points", "number"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Far above any real set (a file is read by people on phones). */
export const MAX_GROUPS = 30;
export const MAX_ITEMS_PER_GROUP = 50;
export const MAX_FILE_BYTES = 256 * 1024;
export const MAX_POINTS = 1_000;

const text = z.string().trim().min(1).max(2_000);
const bilingual = z.object({ vi: text, en: text }).strict();
const id = z.string().regex(/^[A-Za-z0-9._-]{1,40}$/);
const points = z.number().int().min(0).max(MAX_POINTS);

const itemSchema = z
  .object({
    id,
    /** null only for an item whose text could not be retrieved (then `unknown: true`) */
    text: bilingual.nullable(),
    kind: z.enum(ITEM_KINDS),
    /** yes_no: earned on "yes"; number: earned when the answer reaches `min`; points: the most one may give */
    points,
    /** number items: the least answer that counts as met */
    min: z.number().min(0).max(1e9).optional(),
    /** for the "every required item met" rule */
    required: z.boolean().default(false),
    evidence: bilingual.nullable().default(null),
    unknown: z.boolean().default(false),
  })
  .strict();
export type CriteriaItem = z.infer<typeof itemSchema>;

const groupSchema = z
  .object({
    id,
    title: bilingual.nullable(),
    /** null: not known (a draft) */
    maxPoints: points.nullable(),
    items: z.array(itemSchema).max(MAX_ITEMS_PER_GROUP),
    unknown: z.boolean().default(false),
  })
  .strict();
export type CriteriaGroup = z.infer<typeof groupSchema>;

const bandSchema = z
  .object({
    grade: z.string().regex(/^[A-Z_]{1,20}$/),
    label: bilingual,
    /** the band holds totals t with min ≤ t < max (the top band: ≤ max) */
    min: z.number().min(0).max(MAX_POINTS),
    max: z.number().min(0).max(MAX_POINTS),
  })
  .strict();
export type GradeBand = z.infer<typeof bandSchema>;

const ruleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("bands"), bands: z.array(bandSchema).min(1).max(10) }).strict(),
  z.object({ kind: z.literal("all_required"), label: bilingual }).strict(),
]);
export type ScoringRule = z.infer<typeof ruleSchema>;

export const criteriaSetSchema = z
  .object({
    id,
    version: z.number().int().min(1).max(10_000),
    title: bilingual,
    model: z.enum(MODELS),
    legalBasis: text,
    years: z.object({ from: z.number().int().min(2000).max(2100), to: z.number().int().min(2000).max(2100).nullable() }).strict(),
    status: z.enum(SET_STATUSES),
    /** the total the groups add up to; null in a draft where it is not known */
    maxPoints: points.nullable(),
    groups: z.array(groupSchema).min(1).max(MAX_GROUPS),
    /** null only in a draft */
    rule: ruleSchema.nullable(),
    notes: bilingual.nullable().default(null),
  })
  .strict();
export type CriteriaSet = z.infer<typeof criteriaSetSchema>;

export type CriteriaErrorCode =
  | "too_large"
  | "bad_encoding"
  | "bad_json"
  | "missing_field"
  | "unknown_field"
  | "bad_value"
  | "duplicate_id"
  | "item_points_exceed_group"
  | "groups_exceed_total"
  | "groups_sum_mismatch"
  | "bands_overlap"
  | "bands_gap"
  | "bands_out_of_range"
  | "band_empty"
  | "duplicate_grade"
  | "years_reversed"
  | "unknown_without_flag"
  | "in_force_incomplete"
  | "number_without_min"
  | "no_items";

/** `path`: where in the file, e.g. "groups[1].items[0].points" (empty for the whole file). */
export interface CriteriaError {
  code: CriteriaErrorCode;
  path: string;
  params: Record<string, string | number>;
}

export type CriteriaParse = { ok: true; set: CriteriaSet } | { ok: false; errors: CriteriaError[] };

function pathOf(parts: readonly PropertyKey[]): string {
  return parts.reduce<string>((out, p) => (typeof p === "number" ? `${out}[${p}]` : out === "" ? String(p) : `${out}.${String(p)}`), "");
}

/** Line and column (1-based) of a character offset, for "bad JSON at line 12, column 5". */
function lineColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/**
 * Reads a criteria file: UTF-8 JSON (a BOM is allowed), then every check.
 * All problems are reported at once, each with its place in the file.
 */
export function parseCriteriaFile(bytes: Uint8Array): CriteriaParse {
  if (bytes.length > MAX_FILE_BYTES) return fail("too_large", "", { max: MAX_FILE_BYTES });
  // NUL never occurs in UTF-8 JSON: UTF-16 (even of plain ASCII) or a binary file.
  if (bytes.includes(0)) return fail("bad_encoding", "", {});
  let source: string;
  try {
    source = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return fail("bad_encoding", "", {});
  }
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (error) {
    const at = /position (\d+)/.exec(String(error));
    const where = at ? lineColumn(source, Number(at[1])) : { line: 0, column: 0 };
    return fail("bad_json", "", where);
  }
  return checkCriteriaSet(raw);
}

function fail(code: CriteriaErrorCode, path: string, params: Record<string, string | number>): CriteriaParse {
  return { ok: false, errors: [{ code, path, params }] };
}

/** Validates a parsed value (from a file or the database) as a criteria set. */
export function checkCriteriaSet(raw: unknown): CriteriaParse {
  const parsed = criteriaSetSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue): CriteriaError => {
      const path = pathOf(issue.path);
      if (issue.code !== "unrecognized_keys" && valueAt(raw, issue.path) === undefined) return { code: "missing_field", path, params: {} };
      if (issue.code === "unrecognized_keys") return { code: "unknown_field", path, params: { keys: issue.keys.join(", ") } };
      return { code: "bad_value", path, params: {} };
    });
    return { ok: false, errors: errors.slice(0, 50) };
  }
  const errors = crossCheck(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, set: parsed.data };
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let here: unknown = raw;
  for (const key of path) {
    if (here === null || typeof here !== "object") return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

/** What zod cannot see: ids, sums, bands, and what a set in force must have. */
function crossCheck(set: CriteriaSet): CriteriaError[] {
  const errors: CriteriaError[] = [];
  const add = (code: CriteriaErrorCode, path: string, params: Record<string, string | number> = {}) => errors.push({ code, path, params });

  if (set.years.to !== null && set.years.to < set.years.from) add("years_reversed", "years", { from: set.years.from, to: set.years.to });

  const groupIds = new Set<string>();
  const itemIds = new Set<string>();
  let known = 0;
  for (const [g, group] of set.groups.entries()) {
    if (groupIds.has(group.id)) add("duplicate_id", `groups[${g}].id`, { id: group.id });
    groupIds.add(group.id);
    if (group.title === null && !group.unknown) add("unknown_without_flag", `groups[${g}].title`, { id: group.id });
    if (group.items.length === 0 && !group.unknown) add("no_items", `groups[${g}].items`, { id: group.id });
    let groupSum = 0;
    for (const [i, item] of group.items.entries()) {
      const at = `groups[${g}].items[${i}]`;
      if (itemIds.has(item.id)) add("duplicate_id", `${at}.id`, { id: item.id });
      itemIds.add(item.id);
      if (item.text === null && !item.unknown) add("unknown_without_flag", `${at}.text`, { id: item.id });
      if (item.kind === "number" && item.min === undefined) add("number_without_min", `${at}.min`, { id: item.id });
      if (group.maxPoints !== null && item.points > group.maxPoints) {
        add("item_points_exceed_group", `${at}.points`, { id: item.id, points: item.points, max: group.maxPoints });
      }
      groupSum += item.points;
    }
    if (group.maxPoints !== null && groupSum > group.maxPoints) add("item_points_exceed_group", `groups[${g}].maxPoints`, { id: group.id, points: groupSum, max: group.maxPoints });
    if (group.maxPoints !== null) known += group.maxPoints;
  }
  const allGroupsKnown = set.groups.every((g) => g.maxPoints !== null);
  if (set.maxPoints !== null) {
    if (known > set.maxPoints) add("groups_exceed_total", "maxPoints", { points: known, max: set.maxPoints });
    else if (allGroupsKnown && known !== set.maxPoints) add("groups_sum_mismatch", "maxPoints", { points: known, max: set.maxPoints });
  }

  if (set.rule?.kind === "bands") errors.push(...checkBands(set.rule.bands, set.maxPoints));

  if (set.status === "in_force") {
    const unknownItems = set.groups.flatMap((g) => [...(g.unknown ? [g.id] : []), ...g.items.filter((i) => i.unknown).map((i) => i.id)]);
    if (unknownItems.length > 0) add("in_force_incomplete", "status", { ids: unknownItems.join(", ") });
    if (set.rule === null) add("in_force_incomplete", "rule", { ids: "rule" });
    if (set.rule?.kind === "bands" && set.maxPoints === null) add("in_force_incomplete", "maxPoints", { ids: "maxPoints" });
  }
  return errors;
}

/**
 * Bands hold totals min ≤ t < max (the top one up to and including max):
 * none empty, none overlapping, no gap between one and the next, the top
 * one ending at the set's total. Below the lowest band nothing is reached.
 */
export function checkBands(bands: GradeBand[], maxPoints: number | null): CriteriaError[] {
  const errors: CriteriaError[] = [];
  const grades = new Set<string>();
  for (const [i, b] of bands.entries()) {
    if (grades.has(b.grade)) errors.push({ code: "duplicate_grade", path: `rule.bands[${i}].grade`, params: { grade: b.grade } });
    grades.add(b.grade);
    if (b.max <= b.min) errors.push({ code: "band_empty", path: `rule.bands[${i}]`, params: { grade: b.grade, min: b.min, max: b.max } });
    if (maxPoints !== null && b.max > maxPoints) errors.push({ code: "bands_out_of_range", path: `rule.bands[${i}].max`, params: { grade: b.grade, max: b.max, total: maxPoints } });
  }
  const sorted = bands.map((b, i) => ({ ...b, i })).sort((a, b) => a.min - b.min);
  for (let k = 1; k < sorted.length; k++) {
    const lower = sorted[k - 1]!;
    const upper = sorted[k]!;
    if (upper.min < lower.max) {
      errors.push({ code: "bands_overlap", path: `rule.bands[${upper.i}]`, params: { a: lower.grade, b: upper.grade, at: upper.min } });
    } else if (upper.min > lower.max) {
      errors.push({ code: "bands_gap", path: `rule.bands[${upper.i}]`, params: { a: lower.grade, b: upper.grade, from: lower.max, to: upper.min } });
    }
  }
  const top = sorted.at(-1);
  if (top && maxPoints !== null && top.max !== maxPoints) {
    errors.push({ code: "bands_gap", path: `rule.bands[${top.i}].max`, params: { a: top.grade, b: "", from: top.max, to: maxPoints } });
  }
  return errors;
}

// ---- scoring ----

/** An answer: yes/no, points given (0…item.points), or a number. */
export type Answer = boolean | number;
export type Answers = Record<string, Answer>;

export type AnswerError = "unknown_item" | "wrong_kind" | "points_above_max" | "not_integer" | "negative";

/** Whether `answer` fits the item; null when it does. */
export function checkAnswer(item: CriteriaItem, answer: Answer): AnswerError | null {
  if (item.unknown) return "unknown_item";
  if (item.kind === "yes_no") return typeof answer === "boolean" ? null : "wrong_kind";
  if (typeof answer !== "number" || !Number.isFinite(answer)) return "wrong_kind";
  if (answer < 0) return "negative";
  if (item.kind === "points") {
    if (!Number.isInteger(answer)) return "not_integer";
    if (answer > item.points) return "points_above_max";
  }
  return null;
}

/** Points the answer earns. */
export function itemScore(item: CriteriaItem, answer: Answer | undefined): number {
  if (answer === undefined || item.unknown) return 0;
  if (item.kind === "yes_no") return answer === true ? item.points : 0;
  if (item.kind === "points") return typeof answer === "number" ? Math.min(Math.max(0, Math.floor(answer)), item.points) : 0;
  return typeof answer === "number" && answer >= (item.min ?? Infinity) ? item.points : 0;
}

/** Whether the item is met: yes; full points; a number at least `min`. */
export function itemMet(item: CriteriaItem, answer: Answer | undefined): boolean {
  if (answer === undefined || item.unknown) return false;
  if (item.kind === "yes_no") return answer === true;
  if (item.kind === "points") return answer === item.points;
  return typeof answer === "number" && answer >= (item.min ?? Infinity);
}

export interface ScoreResult {
  total: number;
  /** the set's total, or the sum of the known items in a draft */
  max: number;
  /** per group, in the set's order */
  groups: { id: string; total: number; max: number }[];
  /** every known item has an answer */
  complete: boolean;
  /** known items with no answer yet */
  unanswered: string[];
  /** answered items that did not earn their full points (or required ones not met) */
  missed: string[];
  /** the band reached (bands rule), "MET" (all_required met), or null: not reached, or no rule */
  grade: string | null;
}

/** The items that can be answered, in order. */
export function answerableItems(set: CriteriaSet): CriteriaItem[] {
  return set.groups.flatMap((g) => g.items.filter((i) => !i.unknown));
}

export function score(set: CriteriaSet, answers: Answers): ScoreResult {
  const groups = set.groups.map((g) => ({
    id: g.id,
    total: g.items.reduce((sum, i) => sum + itemScore(i, answers[i.id]), 0),
    max: g.maxPoints ?? g.items.filter((i) => !i.unknown).reduce((sum, i) => sum + i.points, 0),
  }));
  const total = groups.reduce((sum, g) => sum + g.total, 0);
  const items = answerableItems(set);
  const unanswered = items.filter((i) => answers[i.id] === undefined).map((i) => i.id);
  const missed = items.filter((i) => answers[i.id] !== undefined && !itemMet(i, answers[i.id])).map((i) => i.id);
  let grade: string | null = null;
  if (set.rule?.kind === "bands") {
    const top = Math.max(...set.rule.bands.map((b) => b.max));
    grade = set.rule.bands.find((b) => total >= b.min && (total < b.max || (b.max === top && total === top)))?.grade ?? null;
  } else if (set.rule?.kind === "all_required") {
    grade = items.filter((i) => i.required).every((i) => itemMet(i, answers[i.id])) ? "MET" : null;
  }
  return { total, max: set.maxPoints ?? groups.reduce((sum, g) => sum + g.max, 0), groups, complete: unanswered.length === 0, unanswered, missed, grade };
}

/** A set may be used for evaluations in `year`. */
export function appliesTo(set: Pick<CriteriaSet, "years">, year: number): boolean {
  return year >= set.years.from && (set.years.to === null || year <= set.years.to);
}
