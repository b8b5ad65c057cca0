// "Send this at most once": scheduled messages (check-in reminders, the
// deadline reminders and digests) claim a key such as "checkin:12:2026-12-01:0"
// by inserting it before sending. A second run, a restart or another instance
// finds the key taken and sends nothing. A crash between the claim and the
// send loses that one message rather than sending it twice. The app's jobs do
// not send themselves: they queue the message in the durable outbox, which
// then sends it (and retries 429s and 5xx); so a settled claim says "queued",
// and whether it reached the person is on the outbox row.
import { z } from "zod";
import { telegramIdSchema } from "../domain/schemas.ts";
import type { ServiceDeps } from "./deps.ts";
import { parseInput } from "./input.ts";

const keySchema = z.string().min(3).max(200);

/** True when this caller claimed `key` now (and should send); false when it was claimed before. */
export async function claimReminder(deps: ServiceDeps, key: string, telegramId: number): Promise<boolean> {
  const k = parseInput(keySchema, key);
  const to = BigInt(parseInput(telegramIdSchema, telegramId));
  const claimed = await deps.db.$executeRaw`
    INSERT INTO "ReminderClaim" ("key", "telegramId", "claimedAt") VALUES (${k}, ${to}, ${deps.now()})
    ON CONFLICT ("key") DO NOTHING`;
  return claimed === 1;
}

/** Records how the send went (`error` null: delivered, or queued in the outbox: sentAt is then when it was queued). */
export async function settleReminder(deps: ServiceDeps, key: string, error: string | null): Promise<void> {
  await deps.db.reminderClaim.update({
    where: { key: parseInput(keySchema, key) },
    data: error === null ? { sentAt: deps.now(), error: null } : { error: error.slice(0, 500) },
  });
}
