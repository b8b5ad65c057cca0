// The broadcast tracker against the in-process fake Telegram (no timer:
// intervalMs 0, rounds by tick()): a scheduled broadcast whose time has come
// is started and its progress message posted to the sender, in the sender's
// language; the message is edited as rows are delivered (the bar moves), and
// not edited when nothing changed; when nothing waits it becomes the summary,
// the broadcast is DONE and a short notice follows. Two trackers at once post
// and summarise once. Without a progress message the summary is sent anew; a
// failing Telegram call is logged and retried at the next round.
import { Api } from "grammy";
import type { Message } from "grammy/types";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBroadcastTracker, type BroadcastTracker } from "../../src/bot/broadcast-tracker.ts";
import { createI18n } from "../../src/bot/i18n.ts";
import type { NewBroadcast } from "../../src/services/broadcasts.ts";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";
import { buttonData } from "../helpers/piggy.ts";
import { TOKEN } from "../helpers/telegram.ts";

const COORD = 951; // a coordinator of the commune Mãn Đức, who reads English
const REPORTERS = [952, 953, 954];
const LABELS = { vi: "✅ Đã nhận", en: "✅ Received" };
const TITLE = "Họp chi hội tối thứ Sáu";
const tr = (key: string, vars?: Record<string, string | number>) => t("en", key, vars);

describe("the broadcast tracker", () => {
  let h: BotHarness;
  let communeId: number;
  const i18n = createI18n();
  const log = pino({ level: "silent" });
  const trackers: BroadcastTracker[] = [];

  const tracker = () => {
    const made = startBroadcastTracker({ services: h.services, api: new Api(TOKEN, { fetch: h.tg.fetch }), i18n, log, intervalMs: 0 });
    trackers.push(made);
    return made;
  };
  const create = async (extra: Partial<NewBroadcast> = {}) =>
    h.services.broadcasts.createBroadcast(await h.person(COORD), {
      unitIds: [communeId], audience: "REPORTERS", content: { text: TITLE, entities: [], media: null }, askAck: true, scheduledAt: null, ...extra,
    }, LABELS);
  const mark = (id: number, chatId: number, status: "SENT" | "BLOCKED") =>
    h.prisma.outboxMessage.updateMany({ where: { batch: `broadcast:${id}`, chatId: BigInt(chatId) }, data: { status } });
  const sentToCoord = () => h.tg.callsOf("sendMessage").filter((c) => Number(c.payload.chat_id) === COORD);
  const editsOf = (messageId: number) => h.tg.callsOf("editMessageText").filter((c) => c.payload.message_id === messageId && c.result !== undefined);
  const messageOf = (messageId: number) => h.tg.messages.get(COORD)?.get(messageId) as (Message & { text?: string }) | undefined;
  const progress = (p: { sent: number; blocked?: number; waiting: number; bar: string }) =>
    [
      tr("broadcast-progress", { title: TITLE, recipients: 3, sent: p.sent, blocked: p.blocked ?? 0, failed: 0, waiting: p.waiting, bar: p.bar }),
      tr("broadcast-acks", { acked: 0, of: p.sent }),
    ].join("\n");

  beforeAll(async () => {
    h = await startHarness();
    h.env.clock.now = new Date("2026-06-05T03:00:00Z"); // 10:00 in Vietnam
    communeId = (await h.unit("HB-TL-MD")).id;
    await h.makeMember(COORD, "HB-TL-MD", "COORDINATOR", "Đinh Văn Điều", "en");
    for (const [i, id] of REPORTERS.entries()) await h.makeMember(id, "HB-TL-MD-01", "REPORTER", ["Bùi Thị Một", "Hà Văn Hai", "Lò Văn Ba"][i], "vi");
  });
  afterAll(async () => {
    for (const made of trackers) await made.stop();
    await h.close();
  });

  describe("a scheduled broadcast from start to summary", () => {
    let id: number;
    let first: BroadcastTracker;
    let second: BroadcastTracker;
    let messageId: number;

    beforeAll(async () => {
      id = (await create({ scheduledAt: "2026-06-05T04:00:00Z" })).id;
      first = tracker();
      second = tracker();
    });

    it("posts nothing before its time", async () => {
      await first.tick();
      expect(sentToCoord()).toEqual([]);
      expect((await h.prisma.broadcast.findUniqueOrThrow({ where: { id } })).status).toBe("SCHEDULED");
    });

    it("when its time has come, one of two trackers starts it and posts the progress message to the sender, in English", async () => {
      h.env.clock.now = new Date("2026-06-05T04:00:30Z");
      await Promise.all([first.tick(), second.tick()]);
      const posted = sentToCoord();
      expect(posted).toHaveLength(1);
      messageId = (posted[0]!.result as Message).message_id;
      expect(messageOf(messageId)?.text).toBe(progress({ sent: 0, waiting: 3, bar: "░░░░░░░░░░ 0%" }));
      expect(buttonData(messageOf(messageId))).toEqual([`bx:${id}`, `bv:${id}`]);
      const row = await h.prisma.broadcast.findUniqueOrThrow({ where: { id } });
      expect(row.status).toBe("SENDING");
      expect([Number(row.progressChatId), row.progressMessageId]).toEqual([COORD, messageId]);
    });

    it("edits the message as rows are delivered (the bar moves), and leaves it alone when nothing changed", async () => {
      await mark(id, REPORTERS[0]!, "SENT");
      await first.tick();
      expect(messageOf(messageId)?.text).toBe(progress({ sent: 1, waiting: 2, bar: "▓▓▓░░░░░░░ 33%" }));
      const edits = editsOf(messageId).length;
      await first.tick();
      expect(editsOf(messageId)).toHaveLength(edits);
      expect(sentToCoord()).toHaveLength(1);
    });

    it("a failed edit is logged, not thrown, and made at the next round", async () => {
      await mark(id, REPORTERS[1]!, "SENT");
      h.tg.fail("editMessageText", { chatId: COORD });
      await expect(first.tick()).resolves.toBeUndefined();
      expect(messageOf(messageId)?.text).toBe(progress({ sent: 1, waiting: 2, bar: "▓▓▓░░░░░░░ 33%" }));
      await first.tick();
      expect(messageOf(messageId)?.text).toBe(progress({ sent: 2, waiting: 1, bar: "▓▓▓▓▓▓░░░░ 66%" }));
    });

    it("when nothing waits, the message becomes the summary once, the broadcast is DONE and a short notice follows", async () => {
      await mark(id, REPORTERS[2]!, "BLOCKED");
      h.env.clock.now = new Date("2026-06-05T04:05:00Z");
      await Promise.all([first.tick(), second.tick()]);
      expect((await h.prisma.broadcast.findUniqueOrThrow({ where: { id } })).status).toBe("DONE");
      const summary = [
        tr("broadcast-summary-done", { title: TITLE }),
        tr("broadcast-summary-figures", { recipients: 3, delivered: 2, blocked: 1, failed: 0 }),
        tr("broadcast-acks", { acked: 0, of: 2 }),
        tr("broadcast-summary-started", { time: "05/06/2026 11:00" }),
        tr("broadcast-summary-finished", { time: "05/06/2026 11:05" }),
      ].join("\n");
      expect(messageOf(messageId)?.text).toBe(summary);
      expect(buttonData(messageOf(messageId))).toEqual([`bu:${id}`, `br:${id}`, `bv:${id}`, "bl"]);
      expect(sentToCoord().slice(1).map((c) => c.payload.text)).toEqual([tr("broadcast-finished-notice", { title: TITLE })]);
      const edits = editsOf(messageId).length;
      await Promise.all([first.tick(), second.tick()]);
      expect(sentToCoord()).toHaveLength(2);
      expect(editsOf(messageId)).toHaveLength(edits);
    });
  });

  it("without a progress message the summary is sent as a new message", async () => {
    const b = await create({ askAck: false });
    for (const r of REPORTERS) await mark(b.id, r, "SENT");
    const before = sentToCoord().length;
    await tracker().tick();
    const summary = [
      tr("broadcast-summary-done", { title: TITLE }),
      tr("broadcast-summary-figures", { recipients: 3, delivered: 3, blocked: 0, failed: 0 }),
      tr("broadcast-summary-started", { time: "05/06/2026 11:05" }),
      tr("broadcast-summary-finished", { time: "05/06/2026 11:05" }),
    ].join("\n");
    expect(sentToCoord().slice(before).map((c) => c.payload.text)).toEqual([summary]);
    expect((await h.prisma.broadcast.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("DONE");
  });

  it("a tracker with a timer runs rounds by itself and stop() waits for the running one", async () => {
    const b = await create({ scheduledAt: "2026-06-05T05:00:00Z" });
    h.env.clock.now = new Date("2026-06-05T05:00:00Z");
    const before = sentToCoord().length;
    const timed = startBroadcastTracker({ services: h.services, api: new Api(TOKEN, { fetch: h.tg.fetch }), i18n, log, intervalMs: 5 });
    trackers.push(timed);
    await expect.poll(async () => (await h.prisma.broadcast.findUniqueOrThrow({ where: { id: b.id } })).progressMessageId, { timeout: 5000 }).not.toBeNull();
    await timed.stop();
    expect(sentToCoord().length).toBe(before + 1);
  });
});
