import { Api } from "grammy";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  backoffMs,
  createRateBudget,
  replyCounter,
  startOutboxSender,
  type OutboxSender,
  type OutboxSenderOptions,
} from "../../src/delivery/outbox-sender.ts";
import type { OutboxRow } from "../../src/services/outbox.ts";
import { freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { FakeBotApi, type ApiCall } from "../helpers/fake-bot-api.ts";

const silent = pino({ level: "silent" });
const row = (batch: string, chatId: number, n = 0): OutboxRow => ({
  batch,
  dedupeKey: `${batch}:${chatId}:${n}`,
  chatId,
  payload: { method: "sendMessage", params: { text: `Thông báo ${n} cho ${chatId}` } },
});
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe.each(TEST_DATABASES)("outbox sender on %s", (kind) => {
  let env: TestEnv;
  let fake: FakeBotApi;
  let api: Api;
  const running: OutboxSender[] = [];

  beforeAll(async () => {
    env = await freshServices(kind);
    fake = new FakeBotApi();
    await fake.start();
    api = new Api(fake.token, { apiRoot: fake.apiRoot });
  });
  afterAll(async () => {
    await fake.stop();
    await env.db.close();
  });
  beforeEach(async () => {
    await env.db.prisma.outboxMessage.deleteMany();
    fake.calls.length = 0;
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });

  function start(extra: Partial<OutboxSenderOptions> = {}): OutboxSender {
    const sender = startOutboxSender({ db: env.db.prisma, api, log: silent, now: () => new Date(), instanceId: "test", idleMs: 100, ...extra });
    running.push(sender);
    return sender;
  }
  const delivered = (chatId?: number): ApiCall[] =>
    fake.calls.filter((c) => c.method === "sendMessage" && c.result !== undefined && (chatId === undefined || c.payload.chat_id === chatId));
  const rows = () => env.db.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } });
  async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error("until: timed out");
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it("delivers 200 messages to 200 chats, each exactly once", async () => {
    const chats = range(10_000, 200);
    expect(await env.services.outbox.enqueue(chats.map((c) => row("broadcast:1", c)))).toBe(200);
    const sender = start({ ratePerSecond: 200 });
    await sender.drained();
    for (const c of chats) expect(delivered(c)).toHaveLength(1);
    expect(fake.calls.filter((c) => c.error)).toEqual([]);
    const stored = await rows();
    expect(stored.every((r) => r.status === "SENT" && r.attempts === 1 && r.messageId === 1 && r.sentAt && r.claimedBy === "test")).toBe(true);
    expect(await env.services.outbox.batchProgress("broadcast:1")).toMatchObject({ SENT: 200, total: 200 });
  });

  it("waits out a 429's retry_after, pausing all sending, and sends the row once", async () => {
    await env.services.outbox.enqueue(range(20_000, 4).map((c) => row("broadcast:2", c)));
    fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    const sender = start({ ratePerSecond: 2 });
    await until(async () => (await rows()).every((r) => r.status === "SENT"));
    await sender.drained();
    const limited = fake.calls.find((c) => c.error?.error_code === 429);
    expect(limited).toBeDefined();
    for (const c of range(20_000, 4)) expect(delivered(c)).toHaveLength(1);
    // Nothing started while paused: every later call arrived ≥ ~1 s after the 429 (one may have been in flight with it).
    const later = fake.calls.filter((c) => c.at > limited!.at + 100);
    expect(later.length).toBeGreaterThanOrEqual(2);
    for (const c of later) expect(c.at - limited!.at).toBeGreaterThanOrEqual(950);
    expect((await rows()).map((r) => r.attempts)).toEqual([1, 1, 1, 1]);
  });

  it("marks a blocked chat BLOCKED, tells onBlocked, and still sends to the others", async () => {
    await env.services.outbox.enqueue(range(30_000, 3).map((c) => row("broadcast:3", c)));
    fake.setBlocked(30_001);
    const blocked: number[] = [];
    const sender = start({ onBlocked: (chatId) => void blocked.push(chatId) });
    await sender.drained();
    fake.setBlocked(30_001, false);
    const stored = await rows();
    expect(stored.map((r) => [Number(r.chatId), r.status])).toEqual([
      [30_000, "SENT"],
      [30_001, "BLOCKED"],
      [30_002, "SENT"],
    ]);
    expect(stored[1]?.error).toBe("sendMessage: 403 Forbidden: bot was blocked by the user");
    expect(blocked).toEqual([30_001]);
  });

  it("stops sending the rest of a batch to a chat that blocked the bot, but another batch tries once more", async () => {
    await env.services.outbox.enqueue([row("broadcast:5", 50_000, 0), row("broadcast:5", 50_000, 1), row("broadcast:5", 50_001, 0)]);
    await env.services.outbox.enqueue([row("broadcast:6", 50_000, 0)]);
    fake.setBlocked(50_000);
    const blocked: number[] = [];
    await start({ onBlocked: (chatId) => void blocked.push(chatId) }).drained();
    // broadcast 6's message waits its per-chat gap after broadcast 5's.
    await until(async () => (await rows()).every((r) => r.status !== "PENDING" && r.status !== "SENDING"));
    fake.setBlocked(50_000, false);
    const stored = await rows();
    expect(stored.map((r) => [r.batch, Number(r.chatId), r.status, r.attempts])).toEqual([
      ["broadcast:5", 50_000, "BLOCKED", 1],
      ["broadcast:5", 50_000, "BLOCKED", 0],
      ["broadcast:5", 50_001, "SENT", 1],
      ["broadcast:6", 50_000, "BLOCKED", 1],
    ]);
    // Tried once per batch: the second message of broadcast 5 never went to Telegram.
    expect(fake.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === 50_000)).toHaveLength(2);
    expect(blocked).toEqual([50_000, 50_000]);
  });

  it("fails a message Telegram refuses (400) without retrying it", async () => {
    await env.services.outbox.enqueue([{ ...row("broadcast:4", 40_000), payload: { method: "sendMessage", params: { text: "" } } }]);
    await start().drained();
    const [stored] = await rows();
    expect(stored).toMatchObject({ status: "FAILED", attempts: 1, error: "sendMessage: 400 Bad Request: message text is empty" });
  });

  it("retries a 5xx with backoff: two 500s then success is sent once, with attempts 3", async () => {
    expect([1, 2, 3, 7, 30].map(backoffMs)).toEqual([1000, 2000, 4000, 60_000, 60_000]);
    await env.services.outbox.enqueue([row("broadcast:5", 50_000)]);
    fake.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" });
    fake.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" });
    start();
    await until(async () => (await rows())[0]?.status === "SENT");
    const [stored] = await rows();
    expect(stored).toMatchObject({ status: "SENT", attempts: 3 });
    expect(delivered(50_000)).toHaveLength(1);
    const tries = fake.calls.filter((c) => c.method === "sendMessage").map((c) => c.at);
    expect(tries).toHaveLength(3);
    expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(950);
    expect(tries[2]! - tries[1]!).toBeGreaterThanOrEqual(1950);
  });

  it("gives up after maxAttempts network failures, without the token in the error", async () => {
    await env.services.outbox.enqueue([row("broadcast:6", 60_000)]);
    const dead = new Api(fake.token, { apiRoot: "http://127.0.0.1:9" }); // nothing listens there
    start({ api: dead, maxAttempts: 2 });
    await until(async () => (await rows())[0]?.status === "FAILED");
    const [stored] = await rows();
    expect(stored).toMatchObject({ status: "FAILED", attempts: 2, error: "sendMessage: network error" });
    expect(stored?.error).not.toContain(fake.token);
  });

  it("requeues a row left SENDING by a dead sender and sends it", async () => {
    await env.services.outbox.enqueue([row("broadcast:7", 70_000), row("broadcast:7", 70_001)]);
    const [stuck, fresh] = await rows();
    await env.db.prisma.outboxMessage.update({
      where: { id: stuck!.id },
      data: { status: "SENDING", claimedBy: "dead", claimedAt: new Date(Date.now() - 120_000), attempts: 1 },
    });
    // A row claimed a moment ago by a live sender is not touched.
    await env.db.prisma.outboxMessage.update({ where: { id: fresh!.id }, data: { status: "SENDING", claimedBy: "alive", claimedAt: new Date(), attempts: 1 } });
    await start().drained();
    const after = await rows();
    expect(after[0]).toMatchObject({ status: "SENT", attempts: 2, claimedBy: "test" });
    expect(after[1]).toMatchObject({ status: "SENDING", claimedBy: "alive" });
    expect(delivered(70_000)).toHaveLength(1);
    expect(delivered(70_001)).toHaveLength(0);
  });

  it("never requeues its own claim, however old (a slow answer is not a dead sender)", async () => {
    await env.services.outbox.enqueue([row("broadcast:8", 80_000)]);
    const [mine] = await rows();
    await env.db.prisma.outboxMessage.update({
      where: { id: mine!.id },
      data: { status: "SENDING", claimedBy: "test", claimedAt: new Date(Date.now() - 120_000), attempts: 1 },
    });
    await start().drained();
    expect((await rows())[0]).toMatchObject({ status: "SENDING", claimedBy: "test", attempts: 1 });
    expect(delivered(80_000)).toHaveLength(0);
  });

  it("two senders on one database deliver each row exactly once", async () => {
    const chats = range(80_000, 150);
    await env.services.outbox.enqueue(chats.map((c) => row("broadcast:8", c)));
    // 150 rows take one sender 5 s at 30/s (claims of 15): the other surely starts within that.
    const a = start({ instanceId: "a", ratePerSecond: 30 });
    const b = start({ instanceId: "b", ratePerSecond: 30 });
    await Promise.all([a.drained(), b.drained()]);
    await until(async () => (await rows()).every((r) => r.status === "SENT"));
    for (const c of chats) expect(delivered(c)).toHaveLength(1);
    const stored = await rows();
    expect(stored.every((r) => r.attempts === 1 && (r.claimedBy === "a" || r.claimedBy === "b"))).toBe(true);
    expect(new Set(stored.map((r) => r.claimedBy))).toEqual(new Set(["a", "b"])); // both took a share
  });

  it("spaces messages to one chat by perChatGapMs", async () => {
    await env.services.outbox.enqueue([...range(0, 3).map((n) => row("broadcast:9", 90_000, n)), ...range(90_001, 5).map((c) => row("broadcast:9", c))]);
    await start({ perChatGapMs: 700 }).drained();
    await until(async () => (await rows()).every((r) => r.status === "SENT"));
    const times = delivered(90_000).map((c) => c.at);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(650);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(650);
    expect(delivered()).toHaveLength(8);
  });

  it("gives the bot's replies priority: replies noted in the budget slow the outbox down", async () => {
    const timeToSend = async (batch: string, first: number, notingReplies: boolean): Promise<number> => {
      await env.services.outbox.enqueue(range(first, 10).map((c) => row(batch, c)));
      const budget = createRateBudget();
      const replies = notingReplies ? setInterval(() => budget.noteReply(), 125) : undefined; // 8 of 10 per second
      const started = Date.now();
      const sender = start({ ratePerSecond: 10, budget });
      await sender.drained();
      clearInterval(replies);
      return Date.now() - started;
    };
    const quiet = await timeToSend("broadcast:10a", 100_000, false);
    const busy = await timeToSend("broadcast:10b", 100_100, true);
    expect(delivered()).toHaveLength(20);
    expect(busy).toBeGreaterThan(2 * quiet);
  });

  it("counts the bot's send and edit calls as replies", async () => {
    const budget = createRateBudget();
    const botApi = new Api(fake.token, { apiRoot: fake.apiRoot });
    botApi.config.use(replyCounter(budget));
    await botApi.getMe();
    const sent = await botApi.sendMessage(110_000, "Xin chào");
    await botApi.editMessageText(110_000, sent.message_id, "Xin chào!");
    expect(budget.replies()).toBe(2);
  });

  it("stop() finishes the message in flight and hands back what was queued", async () => {
    await env.services.outbox.enqueue(range(120_000, 20).map((c) => row("broadcast:12", c)));
    const sender = start({ ratePerSecond: 4 });
    await until(async () => delivered().length >= 2);
    await sender.stop();
    const stored = await rows();
    expect(stored.filter((r) => r.status === "SENDING")).toEqual([]);
    const sent = stored.filter((r) => r.status === "SENT");
    expect(sent.length).toBe(delivered().length);
    expect(stored.filter((r) => r.status === "PENDING").every((r) => r.attempts === 0)).toBe(true);
  });
});
