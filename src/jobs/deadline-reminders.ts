// Deadline reminders (issue 6): at 08:00 Vietnam time (and on each hour until
// 20:00, to catch up after a restart the same day), each reminder step that
// falls today goes to the reporters of the units that owe the deadline and
// have not done it — once per deadline × step × unit × person, even across
// restarts and instances (a claim in the database). From the day after a
// deadline, coordinators above the units still missing get one digest.
// A step of a day the bot was down all day is not sent late: the next step
// will come. The app's sender queues each message in the durable outbox
// (notify.ts's queuer): the outbox sends it at Telegram's rate, retries 429s
// and 5xx, and marks a person who blocked the bot (403) unreachable.
import { isQuietHour, vietnamToday } from "../domain/dates.ts";
import type { Services } from "../services/index.ts";
import type { DueReminder, OverdueDigest } from "../services/deadlines.ts";
import type { Job } from "./scheduler.ts";

export interface DeadlineReminderSender {
  /** sends or queues the reminder; null when delivered or queued, else why not */
  deadlineReminder(reminder: DueReminder): Promise<string | null>;
  deadlineDigest(digest: OverdueDigest): Promise<string | null>;
}

export interface SendCounts {
  /** delivered, or queued in the outbox (which then sends them) */
  sent: number;
  failed: number;
  /** claimed before (by an earlier run, or another instance) */
  skipped: number;
}

/**
 * Telegram's 403 answers ("Forbidden: bot was blocked by the user", "… user is deactivated"): the person cannot be reached.
 * Only a sender that sends at once returns them; for queued messages the outbox's sender marks the person (its onBlocked).
 */
export function isUnreachable(error: string): boolean {
  return error.startsWith("Forbidden:");
}

async function sendOnce(
  services: Services, counts: SendCounts, item: { key: string; telegramId: number }, send: () => Promise<string | null>,
): Promise<void> {
  if (!(await services.reminders.claimReminder(item.key, item.telegramId))) {
    counts.skipped++;
    return;
  }
  // The claim makes each key go once, even across instances; settling with null records it as delivered or queued.
  // A sender that throws (or an enqueue that fails) is a failed send like any other: recorded, and the others still go out.
  const error = await send().catch((e: unknown) => (e instanceof Error ? e.message : String(e)) || "error");
  await services.reminders.settleReminder(item.key, error);
  if (error === null) {
    counts.sent++;
    return;
  }
  counts.failed++;
  // Skipped by later reminders and broadcasts until they unblock the bot (presence feature).
  if (isUnreachable(error)) await services.members.setReachable(item.telegramId, false);
}

export async function sendDeadlineReminders(
  services: Services, sender: DeadlineReminderSender, now: Date,
): Promise<SendCounts & { digests: SendCounts }> {
  const out = { sent: 0, failed: 0, skipped: 0, digests: { sent: 0, failed: 0, skipped: 0 } };
  if (isQuietHour(now)) return out;
  // A bot running across New Year makes the new year's deadlines here, not only at start-up.
  const year = vietnamToday(now).year;
  await services.deadlines.syncCalendar([year, year + 1]);
  for (const r of await services.deadlines.dueReminders(now)) {
    await sendOnce(services, out, r, () => sender.deadlineReminder(r));
  }
  for (const d of await services.deadlines.overdueDigests(now)) {
    await sendOnce(services, out.digests, d, () => sender.deadlineDigest(d));
  }
  return out;
}

/** Every hour from 08:00 to 20:00 and at start: the 08:00 run sends the day's steps, later runs catch up after a restart. */
export function deadlineReminderJob(services: Services, sender: DeadlineReminderSender): Job {
  return { name: "deadline-reminders", cron: "0 8-20 * * *", runAtStart: true, run: (now) => sendDeadlineReminders(services, sender, now) };
}
