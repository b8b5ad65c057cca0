// Unit reports (báo cáo sơ kết 6 tháng / tổng kết năm) as data: a template
// names its sections and fields (a count, an amount of money in đồng, or a
// text), in Vietnamese and English, and for each figure the bot can already
// know, the source it is pre-filled from. Templates live in
// criteria/reports/*.json and are validated here when loaded.
import { z } from "zod";
import { UNIT_KINDS } from "./unit-kinds.ts";
import { MODELS } from "./criteria.ts";
import { daysInMonth, type LocalDate } from "./dates.ts";
import { MAX_AMOUNT, parseAmount, parseCount } from "./money.ts";

export const REPORT_PERIODS = ["H1", "YEAR"] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];
export const FIELD_KINDS = ["count", "money", "text"] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];
export const MAX_TEXT = 2000;
export const MAX_COUNT = 10_000_000;

/**
 * The figures the bot can pre-fill, by source. Each is computed for a unit's
 * subtree and a period by src/services/report-figures.ts; a template field
 * names one of them as its `source`.
 */
export const FIGURES = [
  "members.total", "members.new", "units.branches", "units.committees",
  "piggy.banksHandedOut", "piggy.banksOpened", "piggy.amountCollected", "piggy.scholarshipCount", "piggy.scholarshipAmount",
  "sponsorship.active", "sponsorship.new", "sponsorship.droppedOut", "sponsorship.returned", "sponsorship.completed", "sponsorship.supportValue",
  ...MODELS.flatMap((m) => [`learning.${m}.registered`, `learning.${m}.recognised`] as const),
] as const;
export type Figure = (typeof FIGURES)[number];

const bilingual = z.object({ vi: z.string().trim().min(1).max(500), en: z.string().trim().min(1).max(500) }).strict();
const idText = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,40}$/, "an id: letters, digits and _");

const fieldSchema = z.object({
  id: idText,
  kind: z.enum(FIELD_KINDS),
  label: bilingual,
  help: bilingual.optional(),
  source: z.enum(FIGURES).optional(),
}).strict();
export type ReportField = z.infer<typeof fieldSchema>;

const sectionSchema = z.object({
  id: idText,
  title: bilingual,
  fields: z.array(fieldSchema).min(1).max(40),
}).strict();
export type ReportSection = z.infer<typeof sectionSchema>;

export const reportTemplateSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,60}$/),
  version: z.number().int().positive().max(10_000),
  title: bilingual,
  periods: z.array(z.enum(REPORT_PERIODS)).min(1),
  unitKinds: z.array(z.enum(UNIT_KINDS)).min(1),
  sections: z.array(sectionSchema).min(1).max(30),
}).strict().superRefine((t, ctx) => {
  const seen = new Set<string>();
  t.sections.forEach((s, si) => s.fields.forEach((f, fi) => {
    if (seen.has(f.id)) ctx.addIssue({ code: "custom", path: ["sections", si, "fields", fi, "id"], message: `duplicate field id ${f.id}` });
    seen.add(f.id);
    if (f.source && f.kind === "text") ctx.addIssue({ code: "custom", path: ["sections", si, "fields", fi, "source"], message: "a text field has no source" });
  }));
});
export type ReportTemplate = z.infer<typeof reportTemplateSchema>;

export function templateFields(t: ReportTemplate): (ReportField & { sectionId: string })[] {
  return t.sections.flatMap((s) => s.fields.map((f) => ({ ...f, sectionId: s.id })));
}

/** An answer as stored: a whole number (count or đồng) or a text. */
export type ReportAnswer = number | string;

/** The first and last day of a period (Vietnam calendar days). */
export function periodRange(year: number, period: ReportPeriod): { from: LocalDate; to: LocalDate } {
  const lastMonth = period === "H1" ? 6 : 12;
  return { from: { year, month: 1, day: 1 }, to: { year, month: lastMonth, day: daysInMonth(year, lastMonth) } };
}

export type AnswerCheck = { ok: true; value: ReportAnswer } | { ok: false; error: "wrong_kind" | "negative" | "too_large" | "not_integer" | "too_long" | "empty" };

/** Whether a value fits a field: counts and amounts are whole and not negative; texts are not too long. */
export function checkReportAnswer(field: ReportField, value: unknown): AnswerCheck {
  if (field.kind === "text") {
    if (typeof value !== "string") return { ok: false, error: "wrong_kind" };
    const text = value.normalize("NFC").trim();
    if (text.length > MAX_TEXT) return { ok: false, error: "too_long" };
    return { ok: true, value: text };
  }
  if (typeof value !== "number" || !Number.isFinite(value)) return { ok: false, error: "wrong_kind" };
  if (!Number.isInteger(value)) return { ok: false, error: "not_integer" };
  if (value < 0) return { ok: false, error: "negative" };
  if (value > (field.kind === "count" ? MAX_COUNT : MAX_AMOUNT)) return { ok: false, error: "too_large" };
  return { ok: true, value };
}

/** What a person typed for a field ("1.500.000", "1,5 triệu", "12", a text) as an answer. */
export function parseReportAnswer(field: ReportField, input: string, locale: "vi" | "en"): AnswerCheck {
  if (field.kind === "text") {
    const text = input.normalize("NFC").trim();
    if (!text) return { ok: false, error: "empty" };
    return checkReportAnswer(field, text);
  }
  const parsed = field.kind === "money" ? parseAmount(input, locale) : parseCount(input, locale);
  if (!parsed.ok) {
    const map = { empty: "empty", invalid: "wrong_kind", negative: "negative", too_large: "too_large", fraction: "not_integer" } as const;
    return { ok: false, error: map[parsed.error] };
  }
  return checkReportAnswer(field, parsed.value);
}
