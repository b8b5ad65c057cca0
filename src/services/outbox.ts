// The durable outbox: one row per recipient, written before anything is sent.
// src/delivery/outbox-sender.ts sends the rows; this module only writes and
// reads them, so a broadcast or a reminder job can queue messages and follow
// their progress without knowing anything about Telegram.
import { z } from "zod";
import type { OutboxStatus } from "../db/generated/client.ts";
import type { ServiceDeps } from "./deps.ts";
import { parseInput } from "./input.ts";

export const OUTBOX_METHODS = ["sendMessage", "sendPhoto", "sendDocument"] as const;
export type OutboxMethod = (typeof OUTBOX_METHODS)[number];

/** What to send, without chat_id (the row's chatId fills it in). */
export interface OutboxPayload {
  method: OutboxMethod;
  params: Record<string, unknown>;
}

export interface OutboxRow {
  /** what the message belongs to, e.g. "broadcast:12" */
  batch: string;
  /** one message per person per batch, e.g. "broadcast:12:5551234" */
  dedupeKey: string;
  chatId: number;
  payload: OutboxPayload;
  /** not sent before this moment (default: now) */
  notBefore?: Date;
}

const rowSchema = z.object({
  batch: z.string().min(1).max(200),
  dedupeKey: z.string().min(1).max(300),
  chatId: z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).refine((n) => n !== 0),
  payload: z.object({ method: z.enum(OUTBOX_METHODS), params: z.record(z.string(), z.unknown()) }),
  notBefore: z.date().optional(),
});
const batchSchema = z.string().min(1).max(200);

export type BatchProgress = Record<OutboxStatus, number> & { total: number };

/** Queues messages; a row whose dedupeKey is already queued is skipped. Returns how many were new. */
export async function enqueue(deps: ServiceDeps, rows: readonly OutboxRow[]): Promise<number> {
  const parsed = parseInput(z.array(rowSchema), rows);
  if (parsed.length === 0) return 0;
  const notBefore = deps.now();
  const { count } = await deps.db.outboxMessage.createMany({
    data: parsed.map((r) => ({
      batch: r.batch,
      dedupeKey: r.dedupeKey,
      chatId: BigInt(r.chatId),
      payload: r.payload as object,
      notBefore: r.notBefore ?? notBefore,
    })),
    skipDuplicates: true,
  });
  return count;
}

/** How many messages of the batch are in each state. */
export async function batchProgress(deps: ServiceDeps, batch: string): Promise<BatchProgress> {
  const b = parseInput(batchSchema, batch);
  const groups = await deps.db.outboxMessage.groupBy({ by: ["status"], where: { batch: b }, _count: { _all: true } });
  const out: BatchProgress = { PENDING: 0, SENDING: 0, SENT: 0, FAILED: 0, BLOCKED: 0, CANCELLED: 0, total: 0 };
  for (const g of groups) {
    out[g.status] = g._count._all;
    out.total += g._count._all;
  }
  return out;
}

/** Cancels what of the batch has not been taken for sending yet (being sent or sent stays). Returns how many. */
export async function cancelBatch(deps: ServiceDeps, batch: string): Promise<number> {
  const b = parseInput(batchSchema, batch);
  const { count } = await deps.db.outboxMessage.updateMany({ where: { batch: b, status: "PENDING" }, data: { status: "CANCELLED" } });
  return count;
}
