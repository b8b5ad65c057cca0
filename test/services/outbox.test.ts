import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServiceError } from "../../src/services/errors.ts";
import type { OutboxRow } from "../../src/services/outbox.ts";
import { freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";

const row = (batch: string, chatId: number, text = "Thông báo"): OutboxRow => ({
  batch,
  dedupeKey: `${batch}:${chatId}`,
  chatId,
  payload: { method: "sendMessage", params: { text } },
});

describe.each(TEST_DATABASES)("outbox service on %s", (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await freshServices(kind);
  });
  afterAll(async () => {
    await env.db.close();
  });

  it("queues one message per dedupe key and counts only the new ones", async () => {
    const outbox = env.services.outbox;
    expect(await outbox.enqueue([row("broadcast:1", 101), row("broadcast:1", 102)])).toBe(2);
    expect(await outbox.enqueue([row("broadcast:1", 102, "again"), row("broadcast:1", 103)])).toBe(1);
    expect(await outbox.enqueue([])).toBe(0);
    const stored = await env.db.prisma.outboxMessage.findMany({ where: { batch: "broadcast:1" }, orderBy: { id: "asc" } });
    expect(stored.map((r) => [Number(r.chatId), r.status, r.attempts])).toEqual([
      [101, "PENDING", 0],
      [102, "PENDING", 0],
      [103, "PENDING", 0],
    ]);
    expect(stored[1]?.payload).toEqual({ method: "sendMessage", params: { text: "Thông báo" } });
    expect(stored[0]?.notBefore).toEqual(env.clock.now);
  });

  it("refuses a payload with an unknown method or a bad chat id", async () => {
    const bad = { ...row("broadcast:x", 1), payload: { method: "deleteMessage", params: {} } } as unknown as OutboxRow;
    await expect(env.services.outbox.enqueue([bad])).rejects.toBeInstanceOf(ServiceError);
    await expect(env.services.outbox.enqueue([row("broadcast:x", 1.5)])).rejects.toBeInstanceOf(ServiceError);
  });

  it("reports progress by status and cancels only what is still pending", async () => {
    const outbox = env.services.outbox;
    await outbox.enqueue([1, 2, 3, 4, 5].map((n) => row("broadcast:2", 200 + n)));
    await outbox.enqueue([row("broadcast:3", 301)]);
    const ids = (await env.db.prisma.outboxMessage.findMany({ where: { batch: "broadcast:2" }, orderBy: { id: "asc" } })).map((r) => r.id);
    await env.db.prisma.outboxMessage.update({ where: { id: ids[0] }, data: { status: "SENT", sentAt: env.clock.now } });
    await env.db.prisma.outboxMessage.update({ where: { id: ids[1] }, data: { status: "SENDING", claimedBy: "a" } });
    await env.db.prisma.outboxMessage.update({ where: { id: ids[2] }, data: { status: "BLOCKED" } });

    expect(await outbox.batchProgress("broadcast:2")).toEqual({ PENDING: 2, SENDING: 1, SENT: 1, FAILED: 0, BLOCKED: 1, CANCELLED: 0, total: 5 });
    expect(await outbox.cancelBatch("broadcast:2")).toBe(2);
    expect(await outbox.batchProgress("broadcast:2")).toEqual({ PENDING: 0, SENDING: 1, SENT: 1, FAILED: 0, BLOCKED: 1, CANCELLED: 2, total: 5 });
    expect(await outbox.cancelBatch("broadcast:2")).toBe(0);
    expect((await outbox.batchProgress("broadcast:3")).PENDING).toBe(1);
    expect((await outbox.batchProgress("broadcast:none")).total).toBe(0);
  });
});
