// How deadlines read in the chat (issue 6): days left, what is due, who owes
// it, the reminder steps in words, the administrator's card and the presets
// of reminder steps. Shared by the deadlines feature and the edit flow.
import { DEFAULT_STEPS, MAX_STEP, MIN_STEP } from "../../domain/calendar.ts";
import { isValidLocalDate, parseDate, type LocalDate } from "../../domain/dates.ts";
import type { DeadlineView } from "../../services/deadlines.ts";
import { escapeHtml, kindLabel, roleLabel } from "../format.ts";
import { day, type Locale, type T } from "./piggy-text.ts";

export { day, type Locale, type T };

/** At most this many steps (the calendar's own limit). */
export const MAX_STEPS = 12;

/** The preset buttons of the steps question: value → steps. */
export const STEP_PRESETS = {
  default: [...DEFAULT_STEPS],
  day: [-1, 0],
  off: [],
} as const satisfies Record<string, readonly number[]>;
export type StepPreset = keyof typeof STEP_PRESETS;

/** "còn 10 ngày" / "hôm nay" / "đã quá hạn 3 ngày". */
export function daysText(t: T, daysLeft: number): string {
  if (daysLeft === 0) return t("deadlines-days-today");
  return daysLeft > 0 ? t("deadlines-days-left", { days: daysLeft }) : t("deadlines-days-late", { days: -daysLeft });
}

/** "7, 3 và 1": the words between the last two come from the locale. */
function listed(t: T, values: number[]): string {
  if (values.length <= 1) return values.map(String).join("");
  return t("deadlines-list-and", { head: values.slice(0, -1).join(", "), last: String(values.at(-1)) });
}

/** "7, 3 và 1 ngày trước; đúng hạn; quá hạn 3, 6, 9 ngày", or "no reminders". */
export function stepsText(t: T, steps: readonly number[]): string {
  const sorted = [...new Set(steps)].sort((a, b) => a - b);
  if (sorted.length === 0) return t("deadlines-steps-none");
  const before = sorted.filter((s) => s < 0).map((s) => -s);
  const after = sorted.filter((s) => s > 0);
  const parts: string[] = [];
  // `last` picks "day" or "days" (English): the one number when there is one, otherwise how many.
  const count = (days: number[]) => (days.length === 1 ? days[0]! : days.length);
  if (before.length > 0) parts.push(t("deadlines-steps-before", { days: listed(t, before), last: count(before) }));
  if (sorted.includes(0)) parts.push(t("deadlines-steps-on-day"));
  if (after.length > 0) parts.push(t("deadlines-steps-after", { days: after.join(", "), last: count(after) }));
  return parts.join("; ");
}

/** What is due: a report of a period, a learning-model self-evaluation, or an event. */
export function dueWhatText(t: T, d: DeadlineView): string {
  if (d.kind === "REPORT" && d.period) return t(`deadlines-due-report-${d.period}`, { year: d.year });
  if (d.kind === "EVALUATION" && d.model) return t("deadlines-due-evaluation", { model: t(`learning-model-${d.model}`), year: d.year });
  return t("deadlines-due-event");
}

/** "Xã / phường, Ban khuyến học trường (Người báo cáo)". */
export function owesText(t: T, d: DeadlineView): string {
  return t("deadlines-owes", {
    kinds: d.unitKinds.map((k) => kindLabel(t, k)).join(", "),
    roles: d.roles.map((r) => roleLabel(t, r)).join(", "),
  });
}

/** The administrator's card of one deadline (both names, what, who, when, reminders, on/off). */
export function cardText(t: T, locale: Locale, d: DeadlineView): string {
  const lines = [
    t("deadlines-card", {
      vi: escapeHtml(d.name.vi), en: escapeHtml(d.name.en), what: dueWhatText(t, d), who: owesText(t, d),
      date: day(d.dueOn), steps: stepsText(t, d.steps), state: t(d.active ? "deadlines-state-on" : "deadlines-state-off"),
    }),
  ];
  if (d.note) lines.push(t("deadlines-card-note", { note: escapeHtml(d.note[locale]) }));
  return lines.join("\n");
}

/**
 * A typed deadline day: "15/6/2026", "15-06" (no year: the deadline's own
 * year), "2026-06-15". Null with the parser's error code otherwise.
 */
export function parseDeadlineDate(text: string, now: Date, year: number): { ok: true; value: LocalDate } | { ok: false; error: string } {
  const r = parseDate(text, now);
  if (!r.ok) return r;
  // Two numbers typed (day and month): the year is the deadline's, not today's.
  const numbers = text.match(/\d+/g) ?? [];
  if (numbers.length !== 2) return r;
  const value = { ...r.value, year };
  return isValidLocalDate(value) ? { ok: true, value } : { ok: false, error: "no_such_day" };
}

/** Steps as typed: "-7, -3, 0, 3" (days from the deadline, whole numbers −60…60). */
export function parseSteps(text: string): { ok: true; value: number[] } | { ok: false; error: "empty" | "invalid" | "range" | "many" } {
  const tokens = text.normalize("NFC").replace(/[\u2212\u2013\u2014]/g, "-").split(/[\s,;]+/).filter((s) => s !== "");
  if (tokens.length === 0) return { ok: false, error: "empty" };
  const values: number[] = [];
  for (const token of tokens) {
    if (!/^[+-]?\d{1,3}$/.test(token)) return { ok: false, error: "invalid" };
    const value = Number(token);
    if (value < MIN_STEP || value > MAX_STEP) return { ok: false, error: "range" };
    values.push(value === 0 ? 0 : value); // no -0
  }
  const steps = [...new Set(values)].sort((a, b) => a - b);
  if (steps.length > MAX_STEPS) return { ok: false, error: "many" };
  return { ok: true, value: steps };
}

