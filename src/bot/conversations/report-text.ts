// How unit reports read in the chat (báo cáo sơ kết 6 tháng / tổng kết năm):
// the period's name, a figure (money with formatAmount, counts grouped), the
// status marks, where a pre-filled figure came from, the reasons a typed
// answer is refused, and the compact card of a whole report. Shared by the
// report flows, the feature and the notices.
import { formatDate } from "../../domain/dates.ts";
import { MAX_AMOUNT } from "../../domain/money.ts";
import { MAX_COUNT, MAX_TEXT, parseReportAnswer, type AnswerCheck, type ReportAnswer, type ReportPeriod } from "../../domain/reports.ts";
import type { ReportFieldView, ReportView } from "../../services/reports.ts";
import { escapeHtml } from "../format.ts";
import { count, day, money, type Locale, type T } from "./piggy-text.ts";

export { count, day, money, versionFromToken, versionToken, type Locale, type T } from "./piggy-text.ts";

export const PERIODS: readonly ReportPeriod[] = ["H1", "YEAR"];
/** Lines of a list of units in one message; the rest are counted. */
export const MAX_LIST_LINES = 30;
/** A text answer as a line of the report: this many characters at most. */
const TEXT_IN_LINE = 60;

export function isPeriod(value: string): value is ReportPeriod {
  return (PERIODS as readonly string[]).includes(value);
}

export function inLocale(text: { vi: string; en: string } | null | undefined, locale: Locale): string {
  return text ? text[locale] : "";
}

/** "6 tháng đầu năm 2026" / "cả năm 2026" inside a sentence. */
export function periodLabel(t: T, period: ReportPeriod, year: number): string {
  return t(`report-period-${period}`, { year });
}

/** "6 tháng đầu năm 2026" / "Cả năm 2026" on a button. */
export function periodButton(t: T, period: ReportPeriod, year: number): string {
  return t(`btn-report-period-${period}`, { year });
}

/** The four periods a person may pick: this year's two and last year's two (never a future one). */
export function pickablePeriods(year: number): { year: number; period: ReportPeriod }[] {
  return [year, year - 1].flatMap((y) => PERIODS.map((period) => ({ year: y, period })));
}

/** The period a coordinator most likely follows on `today`: the first half until June, then the year. */
export function currentPeriod(today: { year: number; month: number }): { year: number; period: ReportPeriod } {
  return { year: today.year, period: today.month <= 6 ? "H1" : "YEAR" };
}

export function statusLabel(t: T, status: "NONE" | "DRAFT" | "SUBMITTED" | "REOPENED"): string {
  return t(`report-status-${status}`);
}

export type FieldKind = ReportFieldView["kind"];

/** A value as people read it: "1.500.000 ₫", "1.234", a shortened text, or "—". */
export function valueText(t: T, locale: Locale, kind: FieldKind, value: ReportAnswer | null, shortText = true): string {
  if (value === null || value === "") return t("report-value-none");
  if (kind === "text") {
    const text = String(value);
    const chars = [...text];
    return escapeHtml(shortText && chars.length > TEXT_IN_LINE ? `${chars.slice(0, TEXT_IN_LINE - 1).join("")}…` : text);
  }
  const n = Number(value);
  return kind === "money" ? money(locale, n) : count(locale, n);
}

/** Where a pre-filled figure came from, worded by the figures' own locale keys. */
export function sourceText(t: T, detail: { key: string; vars: Record<string, string | number> } | null): string {
  return detail ? t(detail.key, detail.vars) : "";
}

/** The reason a typed answer is refused, with what was typed. */
export function answerError(t: T, locale: Locale, kind: FieldKind, error: Extract<AnswerCheck, { ok: false }>["error"], typed: string): string {
  const text = escapeHtml([...typed.trim()].slice(0, 40).join(""));
  if (error === "wrong_kind") return t(kind === "money" ? "report-bad-money" : "report-bad-count", { text });
  if (error === "too_large") return t("report-bad-too_large", { text, max: kind === "money" ? money(locale, MAX_AMOUNT) : count(locale, MAX_COUNT) });
  if (error === "too_long") return t("report-bad-too_long", { max: MAX_TEXT });
  return t(`report-bad-${error}`, { text });
}

/** What a person typed for a field, as an answer or the reason it is refused. */
export function readAnswer(t: T, locale: Locale, field: { id: string; kind: FieldKind; label: string }, typed: string): { ok: true; value: ReportAnswer } | { ok: false; message: string } {
  const checked = parseReportAnswer({ id: field.id, kind: field.kind, label: { vi: field.label, en: field.label } }, typed, locale);
  return checked.ok ? checked : { ok: false, message: answerError(t, locale, field.kind, checked.error, typed) };
}

/** One line of a report: "3. Số chi hội: 2", or both figures after an override. */
export function fieldLine(
  t: T, locale: Locale, n: number,
  f: { kind: FieldKind; label: string; value: ReportAnswer | null; known: number | null; overridden: boolean },
): string {
  const label = escapeHtml(f.label);
  if (f.overridden && f.known !== null && f.kind !== "text") {
    return t("report-line-overridden", { n, label, known: valueText(t, locale, f.kind, f.known), value: valueText(t, locale, f.kind, f.value) });
  }
  return t("report-line", { n, label, value: valueText(t, locale, f.kind, f.value) });
}

/** A report's fields in order, numbered from 1 across the sections. */
export function numberedFields(view: Pick<ReportView, "sections">): { n: number; field: ReportFieldView }[] {
  return view.sections.flatMap((s) => s.fields).map((field, i) => ({ n: i + 1, field }));
}

/** The head of a report's card: title, unit and period, status, when it was sent, the deadline, a reopening comment. */
function cardHead(t: T, locale: Locale, r: ReportView): string[] {
  const lines = [
    t("report-card-title", { title: escapeHtml(inLocale(r.title, locale)) }),
    t("report-card-unit", { unit: escapeHtml(r.unitName), period: periodLabel(t, r.period, r.year) }),
    t("report-card-status", { status: statusLabel(t, r.status) }),
  ];
  if (r.submittedAt) lines.push(t("report-card-submitted", { date: moment(r.submittedAt) }));
  if (r.lateFor) lines.push(t("report-card-late", { due: day(r.lateFor) }));
  else if (r.dueOn && r.status !== "SUBMITTED") lines.push(t("report-card-due", { due: day(r.dueOn) }));
  if (r.status === "REOPENED" && r.reopenComment) lines.push(t("report-card-comment", { comment: escapeHtml(r.reopenComment) }));
  return lines;
}

/** A whole report compactly: its head, then one line per field. */
export function cardText(t: T, locale: Locale, r: ReportView): string {
  const lines = numberedFields(r).map(({ n, field }) =>
    fieldLine(t, locale, n, { ...field, label: inLocale(field.label, locale) }));
  return [cardHead(t, locale, r).join("\n"), lines.join("\n")].join("\n\n");
}

/** An ISO time as its calendar day in Vietnam: "29/11/2026". */
export function moment(iso: string): string {
  return formatDate(new Date(iso));
}

/** "… và 5 đơn vị khác" under a list cut at MAX_LIST_LINES; "" when it was not cut. */
export function moreUnits(t: T, total: number, shown = MAX_LIST_LINES): string {
  return total > shown ? t("report-more-units", { count: total - shown }) : "";
}
