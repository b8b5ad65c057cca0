// Deadline reminders and the overdue digest as messages (issue 6), in each
// person's language, with a button that opens what is due: the unit's report
// for a report deadline, the learning-model home for a self-evaluation (an
// event has nothing to open). The digest lists the units still missing, with
// a button to the coordinator's view of who has submitted. The app queues
// them in the durable outbox (the `deliver` given is notify.ts's queuer).
import { InlineKeyboard } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import type { DeadlineReminderSender } from "../jobs/deadline-reminders.ts";
import type { DeadlineView, DueReminder, OverdueDigest } from "../services/deadlines.ts";
import type { BaseContext } from "./context.ts";
import { day } from "./conversations/piggy-text.ts";
import { escapeHtml } from "./format.ts";
import { DEFAULT_LOCALE, toLocale, translator } from "./i18n.ts";
import type { ReminderDeliver } from "./notify.ts";

/** A digest lists at most this many units, then "and N more". */
export const DIGEST_MAX_LINES = 30;

type T = ReturnType<typeof translator>;

function nameIn(d: DeadlineView, language: string | null): string {
  return escapeHtml(d.name[toLocale(language) ?? DEFAULT_LOCALE]);
}

/** "before", "today" or "overdue", and for events the same with their own wording. */
export function reminderKey(kind: DeadlineView["kind"], step: number): string {
  const when = step < 0 ? "before" : step === 0 ? "today" : "overdue";
  return kind === "EVENT" ? `deadline-notice-event-${when}` : `deadline-notice-${when}`;
}

function reminderKeyboard(t: T, r: DueReminder): InlineKeyboard | undefined {
  const d = r.deadline;
  if (d.kind === "REPORT") return new InlineKeyboard().text(t("btn-deadline-open-report"), `rp:${r.unitId}:${d.year}:${d.period ?? ""}`);
  if (d.kind === "EVALUATION") return new InlineKeyboard().text(t("btn-deadline-open-learning"), "lh");
  return undefined;
}

function digestKeyboard(t: T, g: OverdueDigest): InlineKeyboard | undefined {
  const d = g.deadline;
  if (d.kind === "REPORT") return new InlineKeyboard().text(t("btn-deadline-who-submitted"), `rs:${g.unitId}:${d.year}:${d.period ?? ""}`);
  if (d.kind === "EVALUATION") return new InlineKeyboard().text(t("btn-deadline-learning-figures"), `ls:${g.unitId}:${d.year}`);
  return undefined;
}

export function reminderText(t: T, r: DueReminder): string {
  return t(reminderKey(r.deadline.kind, r.step), {
    name: nameIn(r.deadline, r.language), unit: escapeHtml(r.unitName), date: day(r.deadline.dueOn), days: Math.abs(r.step),
  });
}

/** Telegram takes 4096 characters; long unit names end the list earlier than 30 lines. */
const DIGEST_MAX_CHARS = 3800;

export function digestText(t: T, g: OverdueDigest): string {
  const head = t("deadline-notice-digest", {
    name: nameIn(g.deadline, g.language), date: day(g.deadline.dueOn), unit: escapeHtml(g.unitName), count: g.missing.length,
  });
  const lines = [head];
  let length = head.length;
  for (const u of g.missing) {
    const line = t("deadline-notice-digest-line", { unit: escapeHtml(u.unitName) });
    if (lines.length > DIGEST_MAX_LINES || length + line.length > DIGEST_MAX_CHARS) break;
    lines.push(line);
    length += line.length + 1;
  }
  const more = g.missing.length - (lines.length - 1);
  if (more > 0) lines.push(t("deadline-notice-digest-more", { count: more }));
  return lines.join("\n");
}

/** `deliver`: notify.ts's queuer (the app: into the outbox) or deliverer (sent at once). */
export function createDeadlineNotifier(deliver: ReminderDeliver, i18n: I18n<BaseContext>): DeadlineReminderSender {
  return {
    deadlineReminder(r) {
      const t = translator(i18n, r.language);
      return deliver(r.telegramId, reminderText(t, r), reminderKeyboard(t, r), r.key);
    },
    deadlineDigest(g) {
      const t = translator(i18n, g.language);
      return deliver(g.telegramId, digestText(t, g), digestKeyboard(t, g), g.key);
    },
  };
}
