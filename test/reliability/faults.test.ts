// Reliability (issue 9): the Bot API fake fails 10% of ALL calls at random —
// a 500, a 429 with retry_after, or no answer until the client's timeout — while
// people go through real flows (joining by invite, the piggy-bank opening form,
// a unit report, /menu, /help, the piggy-bank totals) and a broadcast goes out
// through the outbox sender. The same script runs once without faults: every
// chat must end up showing the same texts, the same records must be saved,
// no handleUpdate may reject, and every broadcast recipient gets the message
// exactly once (or the row says FAILED).
//
// Retries are real time (src/bot/retry.ts: auto-retry waits 3 s, 6 s, 12 s after a
// 500; a 429 waits retry_after; a timeout costs timeoutSeconds + 0.5 s), so the
// chats run concurrently and the client's timeout is small.
import { Api, type Bot } from "grammy";
import type { Message } from "grammy/types";
import { performance } from "node:perf_hooks";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createBot } from "../../src/bot/index.ts";
import type { BotContext } from "../../src/bot/context.ts";
import { startOutboxSender } from "../../src/delivery/outbox-sender.ts";
import { ADMIN_ID, type BotHarness, startHarness, t } from "../helpers/bot.ts";
import { fillOpening } from "../helpers/piggy.ts";
import { BOT_INFO, type TestChat, TOKEN } from "../helpers/telegram.ts";

const RATE = 0.1;
const SEED = Number(process.env.FAULT_SEED ?? 2026);
/** grammY's client timeout for the injected "no answer" faults (its default is 500 s) */
const TIMEOUT_S = 1;
const BULK = 30; // broadcast recipients besides the people of the script
const REPORT_STEPS = 10;

type L = "vi" | "en";

interface World {
  h: BotHarness;
  /** handleUpdate rejections (must stay empty) */
  rejections: unknown[];
  /** script steps that could not go on (a button missing…) */
  broken: string[];
  /** "update failed" log entries */
  failures: string[];
  ms: number;
  outboxMs: number;
}

const worlds: World[] = [];
afterAll(async () => {
  for (const w of worlds) await w.h.close();
});

/** A pino logger whose error entries are kept. */
function capturingLog(into: string[]) {
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      const entry = JSON.parse(chunk.toString()) as { level: number; msg: string; err?: unknown };
      if (entry.level >= 50) into.push(`${entry.msg} ${JSON.stringify(entry.err)}`);
      done();
    },
  });
  return pino({ level: "warn" }, stream);
}

const REPORTER_PIGGY = 501;
const REPORTER_REPORT = 502;
const COORDINATOR = 503;
const JOINERS: { id: number; lang: L; unit: string; name: string }[] = [
  { id: 511, lang: "vi", unit: "HB-MC-CC", name: "Lò Văn Sáu" },
  { id: 512, lang: "en", unit: "HB-MC-CC-01", name: "Hà Thị Bảy" },
  { id: 513, lang: "vi", unit: "HB-TL", name: "Bùi Văn Tám" },
  { id: 514, lang: "vi", unit: "HB-LS", name: "Đinh Thị Chín" },
];
const bulkIds = Array.from({ length: BULK }, (_, i) => 600 + i);

async function runWorld(faulty: boolean): Promise<World> {
  const h = await startHarness();
  const failures: string[] = [];
  const world: World = { h, rejections: [], broken: [], failures, ms: 0, outboxMs: 0 };
  worlds.push(world);
  await h.services.reports.syncShippedTemplates();
  await h.services.deadlines.syncCalendar([2026, 2027]);
  const bot: Bot<BotContext> = createBot(TOKEN, {
    db: h.prisma, services: h.services, log: capturingLog(failures), adminTelegramIds: [ADMIN_ID], botInfo: BOT_INFO,
    client: { fetch: h.tg.fetch, timeoutSeconds: TIMEOUT_S }, throttle: false, files: h.tg.files,
  });
  h.bot = bot;

  // ---- people and records made beforehand (no Telegram involved) ----
  await h.makeMember(REPORTER_PIGGY, "HB-MC-CC-01", "REPORTER", "Vì Văn Hai");
  await h.makeMember(REPORTER_REPORT, "HB-TL-MD", "REPORTER", "Nguyễn Thị Hương");
  await h.makeMember(COORDINATOR, "HB-MC-CC", "COORDINATOR", "Hà Văn Điều");
  for (const id of bulkIds) await h.makeMember(id, "HB-MC-CC-01", "MEMBER", `Thành Viên ${String.fromCharCode(65 + (id % 26))}${String.fromCharCode(97 + Math.floor(id / 26) % 26)}`);
  await h.services.piggyBanks.startDrive(await h.person(REPORTER_PIGGY), {
    unitId: (await h.unit("HB-MC-CC-01")).id, schoolYear: 2026, recipientKind: "HOUSEHOLD", banksHandedOut: 50, note: null,
  });
  const codes = new Map<number, string>();
  for (const j of JOINERS) codes.set(j.id, (await h.invite(j.unit, { maxUses: 1 })).code);

  if (faulty) h.tg.randomFaults({ rate: RATE, seed: SEED, retryAfter: 1 });
  const started = performance.now();

  /** One person's script: a step that rejects is noted and the script goes on; a broken one stops it. */
  const person = (name: string, script: () => Promise<void>) => async () => {
    try {
      await script();
    } catch (error) {
      world.broken.push(`${name}: ${String(error).slice(0, 300)}`);
    }
  };
  const step = async (p: Promise<void>) => {
    try {
      await p;
    } catch (error) {
      world.rejections.push(error);
    }
  };

  const joiner = (j: (typeof JOINERS)[number]) =>
    person(`joiner ${j.id}`, async () => {
      const chat = h.chat({ id: j.id, lang: j.lang, first_name: j.name.split(" ").at(-1) });
      await step(chat.send(`/start ${codes.get(j.id)}`));
      await step(chat.send(j.name));
      await step(chat.send(t(j.lang, "btn-skip")));
      await step(chat.press(t(j.lang, "btn-confirm-join")));
      await step(chat.send("/menu"));
      await step(chat.send("/help"));
    });

  const piggy = person("piggy reporter", async () => {
    const chat = h.chat({ id: REPORTER_PIGGY, lang: "vi" });
    await step(chat.send("/piggy"));
    await step(chat.press(t("vi", "btn-piggy-record")));
    await fillOpening(chat, "vi", { date: "today", opened: "12", collected: "1tr5", schCount: "2", schAmount: "1tr", supplies: 0, fund: "500k", other: 0 });
    await step(chat.press(t("vi", "btn-piggy-send")));
    await step(chat.send("/help"));
  });

  const report = person("report reporter", async () => {
    const chat = h.chat({ id: REPORTER_REPORT, lang: "vi" });
    await step(chat.send("/report"));
    await step(chat.press(t("vi", "btn-report-period-YEAR", { year: 2026 })));
    // Ten answers, then /cancel (the report keeps what was answered): a flow's length multiplies the
    // cost of each fault (see the known bug below), so the whole form would not fit the time bound.
    for (let i = 0; i < REPORT_STEPS; i++) {
      const last = lastBotMessage(chat);
      const labels = last?.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? [];
      if (labels.includes(t("vi", "btn-report-submit"))) {
        await step(chat.press(t("vi", "btn-report-submit")));
        break;
      }
      if (labels.includes(t("vi", "btn-report-confirm"))) await step(chat.press(t("vi", "btn-report-confirm")));
      else if (labels.includes(t("vi", "btn-report-zero"))) await step(chat.press("f:zero"));
      else await step(chat.send("1"));
    }
    await step(chat.send("/cancel"));
    await step(chat.send("/menu"));
  });

  const coordinator = person("coordinator", async () => {
    const chat = h.chat({ id: COORDINATOR, lang: "vi" });
    await step(chat.send("/menu"));
    await step(chat.send("/help"));
    await step(chat.send("/piggy"));
  });

  await Promise.all([...JOINERS.map(joiner), piggy, report, coordinator].map((run) => run()));
  world.ms = performance.now() - started;

  // ---- a broadcast to the commune, through the outbox sender with its own Api (no retries, as in app.ts) ----
  const outboxStarted = performance.now();
  await h.services.broadcasts.createBroadcast(
    await h.person(COORDINATOR),
    { unitIds: [(await h.unit("HB-MC-CC")).id], audience: "EVERYONE", content: { text: "Họp chi hội tối thứ Bảy.", entities: [], media: null }, askAck: false, scheduledAt: null },
    { vi: t("vi", "btn-broadcast-ack"), en: t("en", "btn-broadcast-ack") },
  );
  const sender = startOutboxSender({
    db: h.prisma, api: new Api(TOKEN, { fetch: h.tg.fetch, timeoutSeconds: TIMEOUT_S }), log: capturingLog(failures),
    now: () => new Date(), instanceId: faulty ? "faulty" : "calm", idleMs: 50, ratePerSecond: 100,
  });
  try {
    await expect
      .poll(() => h.prisma.outboxMessage.count({ where: { status: { in: ["PENDING", "SENDING"] } } }), { timeout: 40_000, interval: 100 })
      .toBe(0);
  } finally {
    await sender.stop();
  }
  world.outboxMs = performance.now() - outboxStarted;
  h.tg.randomFaults(null);
  return world;
}

function lastBotMessage(chat: TestChat): Message | undefined {
  return chat.tg.botMessages(chat.id).at(-1);
}

/** What each chat shows now: the bot's messages, oldest first, with edits applied (texts or captions). */
function screens(w: World): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  for (const id of [REPORTER_PIGGY, REPORTER_REPORT, COORDINATOR, ...JOINERS.map((j) => j.id), ...bulkIds]) {
    out[id] = w.h.tg.botMessages(id).map((m) => ("text" in m ? String(m.text) : "caption" in m ? String(m.caption) : "(media)"));
  }
  return out;
}

/** The records the script made, without ids or times. */
async function records(w: World) {
  const p = w.h.prisma;
  const memberships = await p.membership.findMany({ include: { unit: true, member: true } });
  const openings = await p.piggyBankOpening.findMany();
  const reports = await p.report.findMany({ include: { values: true, unit: true } });
  return {
    memberships: memberships.map((m) => `${m.member.telegramId} ${m.unit.code} ${m.role} ${m.member.fullName} ${m.member.phone ?? "-"}`).sort(),
    openings: openings.map((o) => [o.openedOn.toISOString(), o.banksOpened, Number(o.amountCollected), o.scholarshipCount, Number(o.scholarshipAmount), Number(o.fundAmount), o.status]),
    reports: reports.map((r) => ({
      unit: r.unit.code, period: r.period, year: r.year, status: r.status,
      values: r.values.map((v) => `${v.fieldId}=${JSON.stringify(v.value)}`).sort(),
    })),
  };
}

describe("10% of Bot API calls fail at random (500, 429 retry_after 1 s, no answer until a 1 s timeout)", () => {
  it("nothing crashes, every chat ends up the same as without faults, the same records, the broadcast once each", async () => {
    // Independent worlds (each its own database and fake): side by side, to save the set-up time.
    const [calm, faulty] = await Promise.all([runWorld(false), runWorld(true)]);
    const tg = faulty.h.tg;
    const perChat = (w: World) => {
      const counts = new Map<number, number>();
      for (const c of w.h.tg.calls) if (c.result !== undefined && c.method === "sendMessage") counts.set(Number(c.payload.chat_id), (counts.get(Number(c.payload.chat_id)) ?? 0) + 1);
      return counts;
    };
    const failedCalls = tg.calls.filter((c) => c.error).length;
    console.log(
      `faults: ${tg.calls.length} calls, ${tg.faultTotal()} injected (${failedCalls} failed answers incl. ${failedCalls - tg.faultTotal()} genuine) ` +
        `${JSON.stringify(Object.fromEntries(tg.faultCounts))}; chats ${Math.round(calm.ms)} ms calm vs ${Math.round(faulty.ms)} ms faulty; ` +
        `outbox ${Math.round(calm.outboxMs)} ms vs ${Math.round(faulty.outboxMs)} ms; seed ${SEED}`,
    );
    if (process.env.FAULT_DEBUG) {

      const t0 = tg.calls[0]?.at ?? 0;
      console.log(tg.calls.map((c) => `${Math.round((c.at ?? 0) - t0)} ${c.method} ${String(c.payload.chat_id ?? c.payload.callback_query_id)} ${c.error?.error_code ?? ""}`).join("\n"));
    }
    expect(calm.rejections, "handleUpdate rejected (calm)").toEqual([]);
    expect(calm.broken, "the script itself works without faults").toEqual([]);
    expect(calm.failures, "no update failed without faults").toEqual([]);
    expect(tg.faultTotal()).toBeGreaterThan(5); // the faults really happened (about 18 expected)

    expect(faulty.rejections, "handleUpdate rejected").toEqual([]);
    expect(faulty.broken, "a script could not go on").toEqual([]);
    expect(faulty.failures, "updates that failed (a reply lost after every retry)").toEqual([]);
    expect(screens(faulty)).toEqual(screens(calm));
    expect(await records(faulty)).toEqual(await records(calm));

    // The broadcast: every recipient once (SENT) or honestly FAILED, never twice.
    const rows = await faulty.h.prisma.outboxMessage.findMany();
    expect(rows.length).toBe(BULK + 2 + 1); // the bulk members, the piggy reporter, two joiners of the commune (not the sender)
    const delivered = perChat(faulty);
    const calmDelivered = perChat(calm);
    for (const row of rows) {
      const chatId = Number(row.chatId);
      const script = (calmDelivered.get(chatId) ?? 0) - 1; // the chat's own replies, the same in both worlds
      expect(["SENT", "FAILED"]).toContain(row.status);
      expect(delivered.get(chatId) ?? 0, `chat ${chatId}`).toBe(script + (row.status === "SENT" ? 1 : 0));
    }
    expect(rows.filter((r) => r.status !== "SENT").map((r) => `${r.chatId}: ${r.status} ${r.error} (${r.attempts} attempts)`)).toEqual([]);
  }, 180_000);

  // Found by this suite: the retries used to sit ABOVE the conversations plugin's replay log
  // (installed by the flow's plugin), so every later update of a flow replayed the recorded 429/500
  // and waited for it again. They now sit below it, in the client's fetch (src/bot/retry.ts).
  it("a 429 inside a flow is waited out once, not again at every later step of the flow", async () => {
    const h = worlds[0]?.h ?? (await startHarness());
    if (!worlds[0]) worlds.push({ h, rejections: [], broken: [], failures: [], ms: 0, outboxMs: 0 });
    h.tg.randomFaults(null);
    h.bot = h.build(); // grammY's own 500 s timeout: the only 1000 ms timers left are the retry_after waits
    const chat = h.chat({ id: 591, lang: "vi" });
    await chat.send(`/start ${(await h.invite("HB-LT", { maxUses: 1 })).code}`);
    h.tg.fail("sendMessage", { code: 429, description: "Too Many Requests: retry after 1", retryAfter: 1, chatId: chat.id });
    const timers = vi.spyOn(globalThis, "setTimeout");
    try {
      await chat.send("Quách Văn Mười"); // the 429, waited out: one wait of 1 s
      expect(chat.lastText()).toBe(t("vi", "join-ask-phone"));
      await chat.send(t("vi", "btn-skip"));
      await chat.press(t("vi", "btn-confirm-join"));
      expect((await h.membershipsOf(chat.id)).map((m) => m.unit.code)).toEqual(["HB-LT"]);
      const waits = timers.mock.calls.filter(([, ms]) => ms === 1000).length;
      expect(waits, "1 s waits for the one 429 (each replay of the flow waits again)").toBe(1);
    } finally {
      timers.mockRestore();
    }
  }, 30_000);
});
