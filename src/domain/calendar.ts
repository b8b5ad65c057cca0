// The deadlines calendar as data: each entry of criteria/calendar/*.json is a
// yearly deadline (a day and month), what is due (a unit report of a period,
// a learning-model self-evaluation, or just an event), who owes it (unit
// kinds, reminded through members with these roles) and the reminder steps in
// days from the deadline. The bot makes one dated Deadline row per entry and
// year; an administrator edits those rows from the chat.
import { z } from "zod";
import { MODELS } from "./criteria.ts";
import { ROLES } from "./permissions.ts";
import { REPORT_PERIODS } from "./reports.ts";
import { addDays, daysInMonth, type LocalDate } from "./dates.ts";
import { UNIT_KINDS } from "./unit-kinds.ts";

export const DEADLINE_KINDS = ["REPORT", "EVALUATION", "EVENT"] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** 7, 3 and 1 days before, on the day, then overdue every 3 days up to 3 times. */
export const DEFAULT_STEPS = [-7, -3, -1, 0, 3, 6, 9] as const;
export const MIN_STEP = -60;
export const MAX_STEP = 60;

const bilingual = z.object({ vi: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }).strict();
export const stepsSchema = z.array(z.number().int().min(MIN_STEP).max(MAX_STEP)).max(12)
  .transform((steps) => [...new Set(steps)].sort((a, b) => a - b));

export const calendarEntrySchema = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{2,60}$/),
  name: bilingual,
  kind: z.enum(DEADLINE_KINDS),
  templateKey: z.string().optional(),
  period: z.enum(REPORT_PERIODS).optional(),
  model: z.enum(MODELS).optional(),
  unitKinds: z.array(z.enum(UNIT_KINDS)).min(1),
  roles: z.array(z.enum(ROLES)).min(1),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  steps: stepsSchema.default([...DEFAULT_STEPS]),
  note: bilingual.optional(),
}).strict().superRefine((e, ctx) => {
  if (e.kind === "REPORT" && (!e.templateKey || !e.period)) ctx.addIssue({ code: "custom", path: ["templateKey"], message: "a report deadline names its template and period" });
  if (e.kind === "EVALUATION" && !e.model) ctx.addIssue({ code: "custom", path: ["model"], message: "an evaluation deadline names its learning model" });
  if (e.day > daysInMonth(2024, e.month)) ctx.addIssue({ code: "custom", path: ["day"], message: "no such day in that month" });
});
export type CalendarEntry = z.infer<typeof calendarEntrySchema>;

export const calendarFileSchema = z.object({
  _comment: z.string().optional(),
  entries: z.array(calendarEntrySchema).min(1).max(100),
}).strict().superRefine((f, ctx) => {
  const seen = new Set<string>();
  f.entries.forEach((e, i) => {
    if (seen.has(e.key)) ctx.addIssue({ code: "custom", path: ["entries", i, "key"], message: `duplicate key ${e.key}` });
    seen.add(e.key);
  });
});

/** The entry's day in a year (29 February falls back to the 28th in other years). */
export function entryDate(entry: Pick<CalendarEntry, "month" | "day">, year: number): LocalDate {
  return { year, month: entry.month, day: Math.min(entry.day, daysInMonth(year, entry.month)) };
}

/** The day a reminder step falls on. */
export function stepDate(dueOn: LocalDate, step: number): LocalDate {
  return addDays(dueOn, step);
}
