// Texts and keyboards of broadcasts shared by the compose flow, the feature
// (cards, lists) and the tracker (the progress message that updates while
// sending, then the final summary).
import { InlineKeyboard } from "grammy";
import { formatDateTime } from "../../domain/dates.ts";
import type { BroadcastView } from "../../services/broadcasts.ts";
import { escapeHtml } from "../format.ts";
import type { T } from "./deadline-text.ts";

export type Locale = "vi" | "en";

const FULL = "▓";
const EMPTY = "░";

/** "▓▓▓▓▓░░░░░ 50%" — the share of recipients no longer waiting. */
export function progressBar(done: number, total: number, width = 10): string {
  // Never a full bar or 100% before everything is done: round down.
  const share = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const cells = Math.floor(share * width);
  const percent = Math.floor(share * 100);
  return `${FULL.repeat(cells)}${EMPTY.repeat(width - cells)} ${percent}%`;
}

/** "15/06/2026 08:30" (Vietnam time) of an ISO time. */
export function timeText(iso: string): string {
  return formatDateTime(new Date(iso));
}

/** The first line of the text (HTML-escaped), or a word for a file sent without one. */
export function titleOf(t: T, view: BroadcastView): string {
  return view.title.trim() === "" ? t("broadcast-untitled") : escapeHtml(view.title);
}

function ackLine(t: T, view: BroadcastView, of: number): string[] {
  return view.askAck ? [t("broadcast-acks", { acked: view.progress.acked, of })] : [];
}

/** The progress message while a broadcast is being sent (sent / failed / blocked / waiting, with the bar). */
export function progressText(t: T, locale: Locale, view: BroadcastView): string {
  void locale; // numbers are small; Fluent formats them per language
  const p = view.progress;
  return [
    t("broadcast-progress", {
      title: titleOf(t, view), recipients: p.recipients, sent: p.sent, blocked: p.blocked, failed: p.failed, waiting: p.waiting,
      bar: progressBar(p.recipients - p.waiting, p.recipients),
    }),
    ...ackLine(t, view, p.sent),
  ].join("\n");
}

/** Buttons under the progress message while sending: stop (cancel what is not sent), open the card. */
export function progressKeyboard(t: T, view: BroadcastView): InlineKeyboard {
  return new InlineKeyboard().text(t("btn-broadcast-stop"), `bx:${view.id}`).row().text(t("btn-broadcast-card"), `bv:${view.id}`);
}

/** The final summary (the progress message is edited into it): delivered, blocked, failed, cancelled; acks. */
export function summaryText(t: T, locale: Locale, view: BroadcastView): string {
  void locale;
  const p = view.progress;
  const lines = [
    t(view.status === "CANCELLED" ? "broadcast-summary-cancelled" : "broadcast-summary-done", { title: titleOf(t, view) }),
    t("broadcast-summary-figures", { recipients: p.recipients, delivered: p.sent, blocked: p.blocked, failed: p.failed }),
  ];
  if (p.cancelled > 0) lines.push(t("broadcast-summary-not-sent", { count: p.cancelled }));
  if (p.waiting > 0) lines.push(t("broadcast-summary-waiting", { count: p.waiting }));
  lines.push(...ackLine(t, view, p.sent));
  if (view.startedAt) lines.push(t("broadcast-summary-started", { time: timeText(view.startedAt) }));
  if (view.status === "CANCELLED" && view.cancelledAt) lines.push(t("broadcast-summary-cancelled-at", { time: timeText(view.cancelledAt) }));
  else if (view.finishedAt) lines.push(t("broadcast-summary-finished", { time: timeText(view.finishedAt) }));
  return lines.join("\n");
}

/** Buttons under the summary and the card: who was not reached, remind (once, with acks), refresh, back. */
export function summaryKeyboard(t: T, view: BroadcastView): InlineKeyboard {
  const p = view.progress;
  const k = new InlineKeyboard();
  if (p.blocked + p.failed + p.cancelled > 0) k.text(t("btn-broadcast-unreached"), `bu:${view.id}`).row();
  // Nobody to remind once everyone reached has pressed "Đã nhận".
  if (view.askAck && view.remindedAt === null && (view.status === "DONE" || view.status === "SENDING") && p.acked < p.sent) {
    k.text(t("btn-broadcast-remind"), `br:${view.id}`).row();
  }
  return k.text(t("btn-broadcast-refresh"), `bv:${view.id}`).text(t("btn-broadcast-list"), "bl");
}
