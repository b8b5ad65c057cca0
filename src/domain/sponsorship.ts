// Sponsorship cases (Ba đỡ đầu): a sponsor supports a pupil at risk of
// dropping out and follows them until they finish. The rules a case, a
// check-in and a status change must keep, and the schemas for what the chat
// sends. Pure: codes, not messages — the bot translates them.
import { z } from "zod";
import { addDays, compareLocalDates, daysInMonth, fromIsoDate, type LocalDate } from "./dates.ts";
import { idSchema } from "./schemas.ts";
import { normalizeText, validatePersonName } from "./text.ts";

export const CIRCUMSTANCES = ["POOR_HOUSEHOLD", "ORPHAN", "DISABILITY", "FAR_FROM_SCHOOL", "ETHNIC_MINORITY_AREA", "OTHER"] as const;
export type Circumstance = (typeof CIRCUMSTANCES)[number];

/** MONEY is given each month; the others once, when the case opens. */
export const SUPPORT_KINDS = ["MONEY", "SUPPLIES", "TUTORING", "BICYCLE", "OTHER"] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

export const CASE_STATUSES = ["ACTIVE", "AT_RISK", "DROPPED_OUT", "RETURNED", "COMPLETED", "TRANSFERRED"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which the pupil is followed: check-ins are asked and accepted. */
export const OPEN_STATUSES: readonly CaseStatus[] = ["ACTIVE", "AT_RISK", "RETURNED"];
/** A status change needs a reason here: why the pupil left, where the case went. */
export const REASON_REQUIRED: readonly CaseStatus[] = ["DROPPED_OUT", "TRANSFERRED"];

export function isOpenStatus(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/**
 * Where a case may go from `from`. Open cases may go anywhere else; a pupil
 * who dropped out may come back (RETURNED); completed and transferred cases
 * are finished.
 */
export function allowedTransitions(from: CaseStatus): CaseStatus[] {
  if (isOpenStatus(from)) return CASE_STATUSES.filter((s) => s !== from);
  if (from === "DROPPED_OUT") return ["RETURNED"];
  return [];
}

/** How studies are going, from a check-in: 1 weak … 4 good. */
export const STUDY_LEVELS = [4, 3, 2, 1] as const;
export type StudyLevel = (typeof STUDY_LEVELS)[number];

/** Months between check-ins a case may have: monthly (the default), every two months, each term, each half-year. */
export const CHECK_IN_INTERVALS = [1, 2, 3, 6] as const;
export const DEFAULT_CHECK_IN_MONTHS = 1;

/** A pupil's age (this year minus the year of birth) must be within this range. */
export const MIN_PUPIL_AGE = 5;
export const MAX_PUPIL_AGE = 20;
export const MIN_GRADE = 1;
export const MAX_GRADE = 12;
/** Above these a figure is a typo, not a sponsorship (the usual is 500.000 đ a month). */
export const MAX_MONTHLY_AMOUNT = 20_000_000;
export const MAX_ITEM_AMOUNT = 200_000_000;
export const MAX_CASE_NOTE = 500;
export const MAX_SCHOOL_NAME = 150;
export const MAX_SPONSOR_NAME = 150;

export type BirthYearError = "invalid" | "too_young" | "too_old";

/** A year of birth typed as "2014" (or "14" for 2014): the pupil must be 5–20 this year. */
export function parseBirthYear(input: string, today: LocalDate): { ok: true; value: number } | { ok: false; error: BirthYearError } {
  const s = input.normalize("NFC").trim();
  const m = /^(?:n[aă]m\s*(?:sinh)?\s*)?(\d{4}|\d{2})$/iu.exec(s);
  if (!m) return { ok: false, error: "invalid" };
  const year = m[1]!.length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
  return checkBirthYear(year, today);
}

export function checkBirthYear(year: number, today: LocalDate): { ok: true; value: number } | { ok: false; error: BirthYearError } {
  if (!Number.isInteger(year)) return { ok: false, error: "invalid" };
  const age = today.year - year;
  if (age < MIN_PUPIL_AGE) return { ok: false, error: "too_young" };
  if (age > MAX_PUPIL_AGE) return { ok: false, error: "too_old" };
  return { ok: true, value: year };
}

/** A grade typed as "7", "lớp 7", "7A", "grade 7": 1–12; null when there is no such grade. */
export function parseGrade(input: string): number | null {
  const s = input.normalize("NFC").trim().toLowerCase();
  // The class after the grade is a letter with an optional number ("7A", "7A1"): a bare
  // digit there is a typo ("100", "123"), not grade 10 or 12.
  const m = /^(?:l[oớ]p|grade|class|khối|khoi)?\s*(\d{1,2})\s*(?:[a-zđ]\d{0,2})?$/u.exec(s);
  if (!m) return null;
  const grade = Number(m[1]);
  return grade >= MIN_GRADE && grade <= MAX_GRADE ? grade : null;
}

/** `months` calendar months after `d`, on the same day or the month's last (31/01 + 1 → 28/02). */
export function addMonths(d: LocalDate, months: number): LocalDate {
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

/** The first check-in is due one interval after the start (a start in the past: never before today). */
export function firstCheckInDue(startedOn: LocalDate, months: number, today: LocalDate): LocalDate {
  const due = addMonths(startedOn, months);
  return compareLocalDates(due, today) < 0 ? today : due;
}

/**
 * After a check-in on `today` for the one due on `dueOn`: one interval after
 * that due day, or, when the check-in was very late, one interval after today.
 */
export function nextCheckInDue(dueOn: LocalDate, months: number, today: LocalDate): LocalDate {
  const next = addMonths(dueOn, months);
  return compareLocalDates(next, today) <= 0 ? addMonths(today, months) : next;
}

/** Whole days a check-in is overdue (0 when it is due today or later). */
export function daysOverdue(dueOn: LocalDate, today: LocalDate): number {
  let n = 0;
  for (let d = dueOn; compareLocalDates(d, today) < 0 && n < 10_000; d = addDays(d, 1)) n++;
  return n;
}

/** A check-in that marks the case at risk: not attending, or something flagged. */
export function checkInRaisesRisk(c: { attending: boolean; flagNote: string | null }): boolean {
  return !c.attending || c.flagNote !== null;
}

export interface StatusCounts {
  ACTIVE: number;
  AT_RISK: number;
  DROPPED_OUT: number;
  RETURNED: number;
  COMPLETED: number;
  TRANSFERRED: number;
}

/**
 * The share of sponsored pupils still in school (or who finished their
 * level): every case except those who dropped out, over every case not
 * handed to another unit. Null when there is no case to count.
 */
export function stillInSchoolShare(c: StatusCounts): number | null {
  const followed = c.ACTIVE + c.AT_RISK + c.DROPPED_OUT + c.RETURNED + c.COMPLETED;
  if (followed === 0) return null;
  return (followed - c.DROPPED_OUT) / followed;
}

// ---- schemas for what the chat sends ----

const isoDate = z.string().refine((s) => fromIsoDate(s) !== null, "invalid_date");

const note = z
  .string()
  .transform((s) => normalizeText(s))
  .pipe(z.string().min(1).max(MAX_CASE_NOTE));

const pupilName = z.string().transform((value, ctx) => {
  const result = validatePersonName(value);
  if (!result.ok) {
    ctx.addIssue({ code: "custom", message: result.error });
    return z.NEVER;
  }
  return result.value;
});

export const supportItemSchema = z.object({
  kind: z.enum(SUPPORT_KINDS),
  /** MONEY: đồng per month; the others: the value given once (0 when unknown or free, e.g. tutoring) */
  amount: z.number().int().min(0).max(MAX_ITEM_AMOUNT),
});
export type SupportItem = z.infer<typeof supportItemSchema>;

export const caseInputSchema = z
  .object({
    unitId: idSchema,
    pupilName,
    birthYear: z.number().int().min(1900).max(2200),
    schoolName: z.string().transform((s) => normalizeText(s)).pipe(z.string().min(2).max(MAX_SCHOOL_NAME)),
    grade: z.number().int().min(MIN_GRADE).max(MAX_GRADE),
    circumstances: z.array(z.enum(CIRCUMSTANCES)).min(1).max(CIRCUMSTANCES.length),
    circumstanceNote: note.nullable(),
    sponsorKindId: idSchema,
    sponsorName: z.string().transform((s) => normalizeText(s)).pipe(z.string().min(2).max(MAX_SPONSOR_NAME)),
    support: z.array(supportItemSchema).min(1).max(SUPPORT_KINDS.length),
    supportNote: note.nullable(),
    startedOn: isoDate,
    checkInMonths: z.number().int().refine((n) => (CHECK_IN_INTERVALS as readonly number[]).includes(n)),
    /** the guardian agreed to the case being recorded: nothing is saved without it */
    guardianConsent: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (new Set(v.circumstances).size !== v.circumstances.length) ctx.addIssue({ code: "custom", path: ["circumstances"], message: "duplicate" });
    if (v.circumstances.includes("OTHER") && v.circumstanceNote === null) ctx.addIssue({ code: "custom", path: ["circumstanceNote"], message: "required" });
    const kinds = v.support.map((s) => s.kind);
    if (new Set(kinds).size !== kinds.length) ctx.addIssue({ code: "custom", path: ["support"], message: "duplicate" });
    if (kinds.includes("OTHER") && v.supportNote === null) ctx.addIssue({ code: "custom", path: ["supportNote"], message: "required" });
    const money = v.support.find((s) => s.kind === "MONEY");
    if (money && (money.amount <= 0 || money.amount > MAX_MONTHLY_AMOUNT)) ctx.addIssue({ code: "custom", path: ["support", "MONEY"], message: "monthly_amount" });
  });
export type CaseInput = z.input<typeof caseInputSchema>;

export const checkInInputSchema = z.object({
  attending: z.boolean(),
  /** null: no support was due this time */
  supportArrived: z.boolean().nullable(),
  studies: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  flagNote: note.nullable(),
});
export type CheckInInput = z.input<typeof checkInInputSchema>;

export const statusChangeSchema = z
  .object({ status: z.enum(CASE_STATUSES), reason: note.nullable() })
  .superRefine((v, ctx) => {
    if (REASON_REQUIRED.includes(v.status) && v.reason === null) ctx.addIssue({ code: "custom", path: ["reason"], message: "required" });
  });

export const sponsorKindInputSchema = z.object({
  nameVi: z.string().transform((s) => normalizeText(s)).pipe(z.string().min(2).max(80)),
  nameEn: z.string().transform((s) => normalizeText(s)).pipe(z.string().min(2).max(80)),
});
