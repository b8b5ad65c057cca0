// Piggy-bank savings drives (Nuôi lợn nhựa tiết kiệm khuyến học): the rules
// an opening day (mổ lợn) must keep, and the schemas for what the chat sends.
// Pure: codes, not messages — the bot translates them.
import { z } from "zod";
import { compareLocalDates, fromIsoDate, type LocalDate } from "./dates.ts";
import { MAX_AMOUNT } from "./money.ts";
import { idSchema, optionalText } from "./schemas.ts";

export { schoolYearLabel } from "./dates.ts";

export const RECIPIENT_KINDS = ["HOUSEHOLD", "PUPIL", "CLASS"] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export const OPENING_STATUSES = ["SUBMITTED", "NEEDS_CORRECTION", "APPROVED"] as const;
export type OpeningStatus = (typeof OPENING_STATUSES)[number];

/** Above this (1 tỷ đồng) one opening is unusual: accepted only after an explicit "yes, that is right". */
export const UNUSUAL_OPENING_AMOUNT = 1_000_000_000;
/** Banks, scholarships: far above any real drive (a whole district had 3,414 banks), inside an Int column. */
export const MAX_COUNT = 10_000_000;
export const MAX_NOTE = 500;
export const MAX_REVIEW_COMMENT = 1_000;
/** School years a drive may be filed for (by the year they start in). */
export const FIRST_SCHOOL_YEAR = 2000;
export const LAST_SCHOOL_YEAR = 2100;
/** How many drives one unit may be allowed in one school year, at most. */
export const MAX_DRIVES_PER_YEAR = 20;

export interface OpeningFigures {
  /** "YYYY-MM-DD", a calendar day in Vietnam */
  openedOn: string;
  banksOpened: number;
  /** whole đồng, like every amount below */
  amountCollected: number;
  scholarshipCount: number;
  scholarshipAmount: number;
  suppliesAmount: number;
  fundAmount: number;
  otherAmount: number;
  otherNote: string | null;
  /** Telegram file_id of a photo of the day */
  photoFileId: string | null;
}

export const MONEY_FIELDS = ["amountCollected", "scholarshipAmount", "suppliesAmount", "fundAmount", "otherAmount"] as const;
export const COUNT_FIELDS = ["banksOpened", "scholarshipCount"] as const;

/** What the collection was used for: scholarships, books and supplies, the fund, other. */
export function usesTotal(f: Pick<OpeningFigures, "scholarshipAmount" | "suppliesAmount" | "fundAmount" | "otherAmount">): number {
  return f.scholarshipAmount + f.suppliesAmount + f.fundAmount + f.otherAmount;
}

export type OpeningError =
  | "not_integer"
  | "negative"
  | "too_large"
  | "invalid_date"
  | "date_in_future"
  | "date_before_drive"
  | "uses_exceed_collected"
  | "scholarships_without_count"
  | "other_without_note";

export type OpeningWarning = "opened_more_than_handed_out" | "unusual_amount";

export interface OpeningContext {
  /** today in Vietnam */
  today: LocalDate;
  /** the day the drive was started (its creation day in Vietnam) */
  driveStartedOn: LocalDate;
  banksHandedOut: number;
  /** banks opened on the drive's other openings */
  alreadyOpened: number;
}

export interface OpeningCheck {
  /** refusals, in the order they should be told */
  errors: OpeningError[];
  /** accepted, but worth a second look */
  warnings: OpeningWarning[];
  params: {
    /** how far the uses exceed the collection (0 when they do not) */
    excess: number;
    /** banks opened on the drive counting this opening */
    openedTotal: number;
  };
}

function numberError(value: number, max: number): OpeningError | null {
  if (!Number.isInteger(value)) return "not_integer";
  if (value < 0) return "negative";
  if (value > max) return "too_large";
  return null;
}

/** Every rule an opening must keep before it is saved; the bot asks the same before its summary. */
export function checkOpening(f: OpeningFigures, ctx: OpeningContext): OpeningCheck {
  const errors = new Set<OpeningError>();
  for (const field of COUNT_FIELDS) {
    const e = numberError(f[field], MAX_COUNT);
    if (e) errors.add(e);
  }
  for (const field of MONEY_FIELDS) {
    const e = numberError(f[field], MAX_AMOUNT);
    if (e) errors.add(e);
  }
  const numbersOk = errors.size === 0;

  const day = fromIsoDate(f.openedOn);
  if (!day) errors.add("invalid_date");
  else if (compareLocalDates(day, ctx.today) > 0) errors.add("date_in_future");
  else if (compareLocalDates(day, ctx.driveStartedOn) < 0) errors.add("date_before_drive");

  const excess = numbersOk ? Math.max(0, usesTotal(f) - f.amountCollected) : 0;
  if (excess > 0) errors.add("uses_exceed_collected");
  if (numbersOk && f.scholarshipAmount > 0 && f.scholarshipCount === 0) errors.add("scholarships_without_count");
  if (numbersOk && f.otherAmount > 0 && (f.otherNote === null || f.otherNote.trim() === "")) errors.add("other_without_note");

  const openedTotal = ctx.alreadyOpened + (numbersOk ? f.banksOpened : 0);
  const warnings: OpeningWarning[] = [];
  if (numbersOk && openedTotal > ctx.banksHandedOut) warnings.push("opened_more_than_handed_out");
  if (numbersOk && f.amountCollected > UNUSUAL_OPENING_AMOUNT) warnings.push("unusual_amount");
  return { errors: [...errors], warnings, params: { excess, openedTotal } };
}

// ---- schemas for what enters the services from the chat ----


const count = z.number().int().min(0).max(MAX_COUNT);
const money = z.number().int().min(0).max(MAX_AMOUNT);
export const schoolYearSchema = z.number().int().min(FIRST_SCHOOL_YEAR).max(LAST_SCHOOL_YEAR);
export const isoDateSchema = z.string().refine((s) => fromIsoDate(s) !== null, { message: "invalid_date" });
/** Telegram file ids: URL-safe base64, well under 256 characters. */
const fileIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,256}$/);

export const driveInputSchema = z.object({
  unitId: idSchema,
  schoolYear: schoolYearSchema,
  recipientKind: z.enum(RECIPIENT_KINDS),
  banksHandedOut: count,
  note: optionalText(MAX_NOTE),
});
export type DriveInput = z.input<typeof driveInputSchema>;

export const openingFiguresSchema = z.object({
  openedOn: isoDateSchema,
  banksOpened: count,
  amountCollected: money,
  scholarshipCount: count,
  scholarshipAmount: money,
  suppliesAmount: money,
  fundAmount: money,
  otherAmount: money,
  otherNote: optionalText(MAX_NOTE),
  photoFileId: fileIdSchema.nullable(),
}) satisfies z.ZodType<OpeningFigures>;

export const REVIEW_DECISIONS = ["APPROVED", "NEEDS_CORRECTION"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const reviewInputSchema = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  comment: optionalText(MAX_REVIEW_COMMENT),
  /** the opening's updatedAt (ISO) the reviewer saw */
  seenVersion: z.string().refine((s) => {
    const t = new Date(s);
    return !Number.isNaN(t.getTime()) && t.toISOString() === s;
  }),
});

export const allowanceSchema = z.object({
  unitId: idSchema,
  schoolYear: schoolYearSchema,
  maxDrives: z.number().int().min(1).max(MAX_DRIVES_PER_YEAR),
});
