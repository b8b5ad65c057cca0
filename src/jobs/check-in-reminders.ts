// Reminds case owners of sponsorship check-ins that are due: on the due day,
// then 3 and 7 days late if still not done — each step once per check-in,
// even across restarts and instances (a claim in the database), and never
// between 21:00 and 07:00 Vietnam time. Coordinators see what stays overdue.
// The app's sender queues each reminder in the durable outbox (notify.ts's
// queuer): the outbox sends it at Telegram's rate, retries 429s and 5xx, and
// marks an owner who blocked the bot (403) unreachable.
import { isQuietHour } from "../domain/dates.ts";
import type { Services } from "../services/index.ts";
import type { DueReminder } from "../services/sponsorships.ts";
import type { Job } from "./scheduler.ts";

/** Days after the due day at which the owner is reminded. */
export const REMINDER_STEPS = [0, 3, 7] as const;

export interface CheckInReminderSender {
  /** sends or queues the reminder; returns null when delivered or queued, else why not */
  checkInDue(reminder: DueReminder): Promise<string | null>;
}

/** The latest step reached: a bot that was down on the due day sends one reminder, not three. */
export function reminderStep(overdueDays: number): number {
  let step = 0;
  for (const s of REMINDER_STEPS) if (overdueDays >= s) step = s;
  return step;
}

export function reminderKey(r: Pick<DueReminder, "caseId" | "dueOn" | "overdueDays">): string {
  return `checkin:${r.caseId}:${r.dueOn}:${reminderStep(r.overdueDays)}`;
}

export async function sendCheckInReminders(services: Services, sender: CheckInReminderSender, now: Date): Promise<{ sent: number; failed: number; skipped: number }> {
  const out = { sent: 0, failed: 0, skipped: 0 };
  if (isQuietHour(now)) return out;
  for (const r of await services.sponsorships.dueCheckInReminders(now)) {
    const key = reminderKey(r);
    if (!(await services.reminders.claimReminder(key, r.ownerTelegramId))) {
      out.skipped++;
      continue;
    }
    // The claim makes each key go once, even across instances; settling with null records it as delivered or queued.
    const error = await sender.checkInDue(r);
    await services.reminders.settleReminder(key, error);
    if (error === null) out.sent++;
    else out.failed++;
  }
  return out;
}

/** Every hour from 08:00 to 20:00: the 08:00 run sends the day's reminders, later runs catch up after a restart. */
export function checkInReminderJob(services: Services, sender: CheckInReminderSender): Job {
  return { name: "check-in-reminders", cron: "0 8-20 * * *", runAtStart: true, run: (now) => sendCheckInReminders(services, sender, now) };
}
