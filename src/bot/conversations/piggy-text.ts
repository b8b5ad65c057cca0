// How piggy-bank figures read in the chat (Nuôi lợn nhựa khuyến học): money
// with formatAmount, days with formatDate, the same block of figures in the
// summary, the review list and the notifications. Shared by flows and features.
import { formatAmount, type ParseResult } from "../../domain/money.ts";
import { formatDate, fromIsoDate } from "../../domain/dates.ts";
import { usesTotal, type OpeningFigures, type OpeningStatus, type RecipientKind } from "../../domain/piggy-bank.ts";
import { escapeHtml } from "../format.ts";

export type T = (key: string, vars?: Record<string, string | number>) => string;
export type Locale = "vi" | "en";

export function money(locale: Locale, value: number): string {
  return formatAmount(value, locale);
}

/** "2026-12-15" → "15/12/2026". */
export function day(iso: string): string {
  const d = fromIsoDate(iso);
  return d ? formatDate(d) : iso;
}

export function recipientLabel(t: T, kind: RecipientKind): string {
  return t(`piggy-kind-${kind.toLowerCase()}`);
}

export function statusLabel(t: T, status: OpeningStatus): string {
  return t(`piggy-status-${status.toLowerCase()}`);
}

/** A count as people read it: "1.234" (vi) or "1,234" (en). */
export function count(locale: Locale, value: number): string {
  return formatAmount(value, locale).replace(/ .*$/, "");
}

/** The figures of one opening; with `before`, changed lines read "old → new". */
export function figuresText(t: T, locale: Locale, unit: string, f: OpeningFigures, before?: OpeningFigures): string {
  const show = (pick: (x: OpeningFigures) => string): string => {
    const now = pick(f);
    if (!before) return now;
    const old = pick(before);
    return old === now ? now : `<s>${old}</s> → <b>${now}</b>`;
  };
  const other = (x: OpeningFigures) =>
    x.otherAmount > 0 && x.otherNote ? `${money(locale, x.otherAmount)} (${escapeHtml(x.otherNote)})` : money(locale, x.otherAmount);
  return t("piggy-figures", {
    unit: escapeHtml(unit),
    date: show((x) => day(x.openedOn)),
    opened: show((x) => count(locale, x.banksOpened)),
    collected: show((x) => money(locale, x.amountCollected)),
    scholarshipCount: show((x) => count(locale, x.scholarshipCount)),
    scholarshipAmount: show((x) => money(locale, x.scholarshipAmount)),
    supplies: show((x) => money(locale, x.suppliesAmount)),
    fund: show((x) => money(locale, x.fundAmount)),
    other: show(other),
    left: show((x) => money(locale, x.amountCollected - usesTotal(x))),
    photo: show((x) => t(x.photoFileId ? "piggy-photo-yes" : "piggy-photo-no")),
  });
}

export function sameFigures(a: OpeningFigures, b: OpeningFigures): boolean {
  return (Object.keys(a) as (keyof OpeningFigures)[]).every((k) => a[k] === b[k]);
}

/** The message for a refused number, by the parser's error code. */
export function numberError(t: T, kind: "count" | "amount", r: Extract<ParseResult, { ok: false }>, text: string): string {
  const code = r.error === "empty" ? "invalid" : r.error;
  return t(`piggy-${kind}-${code}`, { text: escapeHtml(text.trim().slice(0, 40)) });
}

/**
 * Version of an opening in a button: its updatedAt in milliseconds, base 36
 * (8 characters), so "pa:<id>:<version>" stays far under Telegram's 64 bytes.
 */
export function versionToken(updatedAt: string): string {
  return Date.parse(updatedAt).toString(36);
}

export function versionFromToken(token: string): string | null {
  const ms = parseInt(token, 36);
  if (!Number.isSafeInteger(ms) || ms <= 0) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
