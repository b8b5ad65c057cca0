// Learning models (Gia đình / Dòng họ / Cộng đồng / Đơn vị học tập): the
// rules of registering (đăng ký), self-evaluating (tự đánh giá), reviewing
// and recognising (công nhận), and the schemas for what the chat sends.
// Scoring itself is in criteria.ts. Pure: codes, not messages.
import { z } from "zod";
import { MODELS, type LearningModel } from "./criteria.ts";
import type { LocalDate } from "./dates.ts";
import { idSchema, optionalText } from "./schemas.ts";
import { searchKey, validatePersonName, validateUnitName, type NameResult } from "./text.ts";

export const EVALUATION_STATUSES = ["IN_PROGRESS", "SUBMITTED", "RETURNED", "APPROVED", "REJECTED", "RECOGNISED"] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

export const REVIEW_DECISIONS = ["APPROVED", "RETURNED", "REJECTED"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** A family has at most this many members (a household, not a clan). */
export const MAX_FAMILY_MEMBERS = 50;
/** A clan, community or unit (a school's staff): far above any real one. */
export const MAX_OTHER_MEMBERS = 100_000;
export const MAX_VILLAGE = 100;
export const MAX_EVIDENCE_NOTE = 500;
export const MAX_REVIEW_COMMENT = 500;
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** Statuses in which the answers may change (the first time, and after a return). */
export const OPEN_STATUSES: readonly EvaluationStatus[] = ["IN_PROGRESS", "RETURNED"];
/** Counted as self-evaluated in the figures: sent to the reviewer at least once. */
export const SELF_EVALUATED: readonly EvaluationStatus[] = ["SUBMITTED", "RETURNED", "APPROVED", "REJECTED", "RECOGNISED"];
/** Counted as approved in the figures. */
export const APPROVED_OR_BEYOND: readonly EvaluationStatus[] = ["APPROVED", "RECOGNISED"];

export function isOpen(status: EvaluationStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** A decision that sends the evaluation back or ends it must say why. */
export function commentRequired(decision: ReviewDecision): boolean {
  return decision !== "APPROVED";
}

/** One may register for this calendar year in Vietnam or the next (at the turn of the year), never a past one. */
export function registrationYears(today: LocalDate): [number, number] {
  return [today.year, today.year + 1];
}

export function registrationYearAllowed(year: number, today: LocalDate): boolean {
  return registrationYears(today).includes(year);
}

/** Families are named by the head of the household (a person's name); the others like units ("Dòng họ Nguyễn", "Thôn 3"). */
export function validateRegistrationName(model: LearningModel, name: string): NameResult {
  return model === "FAMILY" ? validatePersonName(name) : validateUnitName(name);
}

/**
 * The key that makes a registration unique within a model, year and unit:
 * the name and the village, without accents, case or extra spaces — so
 * "Nguyễn Văn An, thôn Bưng" and "NGUYEN VAN AN, Thon Bung" are one family.
 */
export function registrationKey(name: string, village: string | null): string {
  return `${searchKey(name)}|${searchKey(village ?? "")}`;
}

/** `part` of `whole` in per cent with one decimal; null when there is nothing to divide by. */
export function percentOf(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}

// ---- schemas for what the chat sends ----

export const learningModelSchema = z.enum(MODELS);
export const learningYearSchema = z.number().int().min(FIRST_YEAR).max(LAST_YEAR);


/** Telegram file ids: URL-safe base64, well under 256 characters. */
const fileIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,256}$/);

export const registrationInputSchema = z
  .object({
    model: learningModelSchema,
    year: learningYearSchema,
    unitId: idSchema,
    name: z.string().max(1_000),
    village: optionalText(MAX_VILLAGE),
    memberCount: z.number().int().min(1).max(MAX_OTHER_MEMBERS).nullable(),
    /** a member registers their own family (FAMILY only); false: a reporter registers it for them */
    own: z.boolean(),
  })
  .transform((v, ctx) => {
    const name = validateRegistrationName(v.model, v.name);
    if (!name.ok) ctx.addIssue({ code: "custom", path: ["name"], message: name.error });
    if (v.model === "FAMILY" && (v.memberCount === null || v.memberCount > MAX_FAMILY_MEMBERS)) {
      ctx.addIssue({ code: "custom", path: ["memberCount"], message: "family_members" });
    }
    if (v.own && v.model !== "FAMILY") ctx.addIssue({ code: "custom", path: ["own"], message: "family_only" });
    return name.ok ? { ...v, name: name.value } : z.NEVER;
  });
export type RegistrationInput = z.input<typeof registrationInputSchema>;

export const itemIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,40}$/);

export const answerInputSchema = z.object({
  itemId: itemIdSchema,
  value: z.union([z.boolean(), z.number().min(-1e9).max(1e9)]),
  /** absent: keep what the item had; a field set to null: remove it */
  evidence: z
    .object({ note: optionalText(MAX_EVIDENCE_NOTE).optional(), photoFileId: fileIdSchema.nullable().optional() })
    .optional(),
});
export type AnswerInput = z.input<typeof answerInputSchema>;

export const reviewInputSchema = z
  .object({
    decision: z.enum(REVIEW_DECISIONS),
    comment: optionalText(MAX_REVIEW_COMMENT),
    /** the evaluation's updatedAt (ISO) the reviewer saw */
    seenVersion: z.string().refine((s) => {
      const t = new Date(s);
      return !Number.isNaN(t.getTime()) && t.toISOString() === s;
    }),
  })
  .superRefine((v, ctx) => {
    if (commentRequired(v.decision) && v.comment === null) ctx.addIssue({ code: "custom", path: ["comment"], message: "required" });
  });
