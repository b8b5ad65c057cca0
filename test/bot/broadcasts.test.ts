// 📢 Broadcasts in the chat, in both languages: the home for a coordinator
// (a plain member refused), the list and the card of a scheduled broadcast,
// cancelling it (nothing will be sent), stopping one being sent (what was sent
// stays sent), a recipient's «Đã nhận» (thanks, then "already"; someone it was
// not sent to refused; the compose preview's button), reminding those who did
// not acknowledge (once), and who was not reached. Broadcasts are written
// through the services and delivery is simulated by marking outbox rows: no
// sender runs here.
import { InlineKeyboard } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewBroadcast } from "../../src/services/broadcasts.ts";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";
import { buttonData } from "../helpers/piggy.ts";
import { inlineButtons, type TestChat } from "../helpers/telegram.ts";

const COORD = 901; // a coordinator of the commune Mãn Đức
const R1 = 902; // reporters under the commune
const R2 = 903;
const R3 = 904; // has blocked the bot
const MEMBER = 905; // a plain member of a branch of the commune
const OUTSIDER = 906; // a reporter of another commune

const LABELS = { vi: "✅ Đã nhận", en: "✅ Received" };
const TITLE = "Họp chi hội tối thứ Sáu";
const BLOCKED_NAME = "Lò Văn Chặn";

describe.each(["vi", "en"] as const)("broadcasts in the chat (%s)", (locale) => {
  const tr = (key: string, vars?: Record<string, string | number>) => t(locale, key, vars);
  let h: BotHarness;
  let coord: TestChat;
  let communeId: number;

  const draft = (extra: Partial<NewBroadcast> = {}): NewBroadcast => ({
    unitIds: [communeId], audience: "REPORTERS", content: { text: `${TITLE}\nMang theo sổ ghi chép.`, entities: [], media: null },
    askAck: true, scheduledAt: null, ...extra,
  });
  const create = async (extra: Partial<NewBroadcast> = {}) => h.services.broadcasts.createBroadcast(await h.person(COORD), draft(extra), LABELS);
  const mark = (id: number, chatId: number, status: "SENT" | "BLOCKED") =>
    h.prisma.outboxMessage.updateMany({
      where: { batch: `broadcast:${id}`, chatId: BigInt(chatId) },
      data: status === "SENT" ? { status, sentAt: h.env.clock.now, messageId: 1 } : { status, error: "Forbidden: bot was blocked by the user" },
    });
  const rowStatuses = async (batch: string) =>
    (await h.prisma.outboxMessage.findMany({ where: { batch }, orderBy: { chatId: "asc" } })).map((r) => [Number(r.chatId), r.status]);

  /** The progress text as the bot's keys say it (3 reporters; with the acknowledgements line). */
  const progress = (p: { sent: number; blocked?: number; waiting: number; bar: string; acked?: number }) =>
    [
      tr("broadcast-progress", { title: TITLE, recipients: 3, sent: p.sent, blocked: p.blocked ?? 0, failed: 0, waiting: p.waiting, bar: p.bar }),
      tr("broadcast-acks", { acked: p.acked ?? 0, of: p.sent }),
    ].join("\n");

  beforeAll(async () => {
    h = await startHarness();
    h.env.clock.now = new Date("2026-06-05T03:00:00Z"); // 10:00 in Vietnam
    communeId = (await h.unit("HB-TL-MD")).id;
    await h.makeMember(COORD, "HB-TL-MD", "COORDINATOR", "Đinh Văn Điều", locale);
    await h.makeMember(R1, "HB-TL-MD-01", "REPORTER", "Bùi Thị Một", locale);
    await h.makeMember(R2, "HB-TL-MD-02", "REPORTER", "Hà Văn Hai", locale);
    await h.makeMember(R3, "HB-TL-MD", "REPORTER", BLOCKED_NAME, locale);
    await h.makeMember(MEMBER, "HB-TL-MD-01", "MEMBER", "Hội Viên Thường", locale);
    await h.makeMember(OUTSIDER, "HB-MC-CC", "REPORTER", "Người Xã Khác", locale);
    coord = h.chat({ id: COORD, lang: locale });
  });
  afterAll(async () => {
    await h.close();
  });

  it("a coordinator gets the home from /broadcast and from the menu", async () => {
    await coord.send("/broadcast");
    expect(coord.lastText()).toBe(tr("broadcast-home"));
    expect(coord.buttons()).toEqual([tr("btn-broadcast-new"), tr("btn-broadcast-list"), tr("btn-menu")]);
    expect(buttonData(coord.lastInline())).toEqual(["bn", "bl", "menu"]);
    await coord.send("/menu");
    await coord.press(tr("btn-broadcast-home"));
    expect(coord.texts()).toEqual([tr("broadcast-home")]);
    expect(coord.answeredCallbacks()).toEqual([expect.objectContaining({ ok: true })]);
  });

  it("a plain member is refused, with the way back to the menu", async () => {
    const member = h.chat({ id: MEMBER, lang: locale });
    await member.send("/broadcast");
    expect(member.texts()).toEqual([tr("errors-forbidden")]);
    expect(member.buttons()).toEqual([tr("btn-menu")]);
    await member.pressData("bh");
    expect(member.texts()).toEqual([tr("errors-forbidden")]);
    expect(member.answeredCallbacks()).toHaveLength(1);
  });

  it("with nothing sent yet the list says so", async () => {
    await coord.pressData("bl");
    expect(coord.texts()).toEqual([tr("broadcast-list-none")]);
  });

  it("a scheduled broadcast: on the list (Vietnam time), its card, and cancelled — nothing will be sent", async () => {
    const b = await create({ scheduledAt: "2026-06-06T03:00:00Z" });
    expect(b.status).toBe("SCHEDULED");
    await coord.pressData("bl");
    expect(coord.lastText()).toBe([tr("broadcast-list-title"), tr("broadcast-list-item", { status: "🕒", time: "06/06/2026 10:00", title: TITLE, recipients: 3 })].join("\n"));
    expect(buttonData(coord.lastInline())).toEqual([`bv:${b.id}`, "bn", "bh", "menu"]);

    await coord.press(`bv:${b.id}`);
    expect(coord.lastText()).toBe(`${tr("broadcast-card-scheduled", { time: "06/06/2026 10:00" })}\n${progress({ sent: 0, waiting: 3, bar: "░░░░░░░░░░ 0%" })}`);
    expect(coord.buttons()).toEqual([tr("btn-broadcast-cancel-scheduled"), tr("btn-broadcast-refresh"), tr("btn-broadcast-list")]);

    await coord.press(`bx:${b.id}`);
    expect(coord.lastText()).toBe(tr("broadcast-cancel-ask", { title: TITLE, time: "06/06/2026 10:00" }));
    expect(buttonData(coord.lastInline())).toEqual([`by:${b.id}`, `bv:${b.id}`]);
    const question = coord.lastInline()!.message_id;
    await coord.press(`by:${b.id}`);
    const view = await h.services.broadcasts.getBroadcast(await h.person(COORD), b.id);
    expect(view.status).toBe("CANCELLED");
    expect((await rowStatuses(`broadcast:${b.id}`)).map(([, s]) => s)).toEqual(["CANCELLED", "CANCELLED", "CANCELLED"]);
    const summary = [
      tr("broadcast-summary-cancelled", { title: TITLE }),
      tr("broadcast-summary-figures", { recipients: 3, delivered: 0, blocked: 0, failed: 0 }),
      tr("broadcast-summary-not-sent", { count: 3 }),
      tr("broadcast-acks", { acked: 0, of: 0 }),
      tr("broadcast-summary-cancelled-at", { time: "05/06/2026 10:00" }),
    ].join("\n");
    expect(coord.texts()).toEqual([`${tr("broadcast-cancelled-scheduled")}\n\n${summary}`]);
    expect(coord.buttons()).toEqual([tr("btn-broadcast-unreached"), tr("btn-broadcast-refresh"), tr("btn-broadcast-list")]);
    expect(inlineButtons(h.tg.messages.get(COORD)?.get(question))).toEqual([]); // the question cannot be answered twice

    // The same press again (an old button): refused, nothing changes.
    await coord.pressData(`by:${b.id}`);
    expect(coord.lastText()).toBe(tr("errors-broadcast_finished"));
    expect(coord.answeredCallbacks()).toHaveLength(1);
  });

  it("stopping a broadcast being sent: what was sent stays sent, the rest is not sent; the progress message becomes the summary", async () => {
    const b = await create({ content: { text: "Nộp báo cáo trước thứ Hai", entities: [], media: null }, askAck: false });
    expect(b.status).toBe("SENDING");
    await mark(b.id, R1, "SENT");
    await coord.pressData(`bv:${b.id}`);
    const title = "Nộp báo cáo trước thứ Hai";
    expect(coord.lastText()).toBe(tr("broadcast-progress", { title, recipients: 3, sent: 1, blocked: 0, failed: 0, waiting: 2, bar: "▓▓▓░░░░░░░ 33%" }));
    expect(buttonData(coord.lastInline())).toEqual([`bx:${b.id}`, `bv:${b.id}`, "bl"]);
    const card = coord.lastInline()!.message_id;
    await h.services.broadcasts.setProgressMessage(b.id, COORD, card); // as if the tracker had posted it

    await coord.press(`bx:${b.id}`);
    expect(coord.lastText()).toBe(tr("broadcast-stop-ask", { title, waiting: 2 }));
    await coord.press(`by:${b.id}`);
    expect(await rowStatuses(`broadcast:${b.id}`)).toEqual([[R1, "SENT"], [R2, "CANCELLED"], [R3, "CANCELLED"]]);
    const summary = [
      tr("broadcast-summary-cancelled", { title }),
      tr("broadcast-summary-figures", { recipients: 3, delivered: 1, blocked: 0, failed: 0 }),
      tr("broadcast-summary-not-sent", { count: 2 }),
      tr("broadcast-summary-started", { time: "05/06/2026 10:00" }),
      tr("broadcast-summary-cancelled-at", { time: "05/06/2026 10:00" }),
    ].join("\n");
    expect(coord.texts()).toEqual([`${tr("broadcast-stopped", { count: 2 })}\n\n${summary}`]);
    expect(h.tg.messages.get(COORD)?.get(card)).toMatchObject({ text: summary });
  });

  describe("acknowledgements, the reminder and who was not reached", () => {
    let id: number;
    let r1: TestChat;

    beforeAll(async () => {
      id = (await create()).id;
      await mark(id, R1, "SENT");
      await mark(id, R2, "SENT");
      await mark(id, R3, "BLOCKED");
      // R1's copy with the button, as the outbox sender would have delivered it.
      await h.bot.api.sendMessage(R1, TITLE, { reply_markup: new InlineKeyboard().text(LABELS[locale], `ba:${id}`) });
      r1 = h.chat({ id: R1, lang: locale });
    });

    it("a recipient's first press is thanked and the button turns into «received»; the second says it was already", async () => {
      await r1.press(`ba:${id}`);
      expect(r1.callbackTexts()).toEqual([tr("broadcast-ack-thanks")]);
      expect(r1.buttons()).toEqual([tr("btn-broadcast-acked")]);
      expect(await h.prisma.broadcastAck.count({ where: { broadcastId: id } })).toBe(1);
      await r1.press(`ba:${id}`);
      expect(r1.callbackTexts()).toEqual([tr("broadcast-ack-already")]);
      expect(r1.texts()).toEqual([]);
      expect(await h.prisma.broadcastAck.count({ where: { broadcastId: id } })).toBe(1);
    });

    it("someone it was not sent to is refused; the compose preview's button only says it is a preview", async () => {
      const outsider = h.chat({ id: OUTSIDER, lang: locale });
      await h.bot.api.sendMessage(OUTSIDER, "…");
      await outsider.pressData(`ba:${id}`);
      expect(outsider.texts()).toEqual([tr("errors-broadcast_not_found")]);
      expect(outsider.answeredCallbacks()).toHaveLength(1);
      expect(await h.prisma.broadcastAck.count({ where: { broadcastId: id } })).toBe(1);
      await coord.pressData("ba:0");
      expect(coord.callbackTexts()).toEqual([tr("broadcast-ack-preview")]);
      expect(coord.texts()).toEqual([]);
    });

    it("the card counts the acknowledgements; the reminder goes once, only to who got it and did not press", async () => {
      await coord.pressData(`bv:${id}`);
      expect(coord.lastText()).toBe(progress({ sent: 2, blocked: 1, waiting: 0, bar: "▓▓▓▓▓▓▓▓▓▓ 100%", acked: 1 }));
      expect(buttonData(coord.lastInline())).toEqual([`bx:${id}`, `bu:${id}`, `br:${id}`, `bv:${id}`, "bl"]);

      await coord.press(`br:${id}`);
      expect(coord.texts()).toEqual([tr("broadcast-reminded", { count: 1 })]);
      const reminders = await h.prisma.outboxMessage.findMany({ where: { batch: `broadcast:${id}:remind` } });
      expect(reminders.map((r) => Number(r.chatId))).toEqual([R2]);
      expect(reminders[0]!.payload).toMatchObject({
        method: "sendMessage",
        params: { text: tr("broadcast-remind-text"), reply_markup: { inline_keyboard: [[{ text: t(locale, "btn-broadcast-ack"), callback_data: `ba:${id}` }]] } },
      });

      await coord.pressData(`br:${id}`);
      expect(coord.texts()).toEqual([tr("errors-broadcast_already_reminded")]);
      expect(await h.prisma.outboxMessage.count({ where: { batch: `broadcast:${id}:remind` } })).toBe(1);
      await coord.pressData(`bv:${id}`);
      expect(buttonData(coord.lastInline())).not.toContain(`br:${id}`);
    });

    it("who was not reached: the member who blocked the bot, by name", async () => {
      await coord.pressData(`bu:${id}`);
      expect(coord.texts()).toEqual([
        [tr("broadcast-unreached-title", { title: TITLE, count: 1 }), tr("broadcast-unreached-line", { name: BLOCKED_NAME, why: tr("broadcast-why-blocked") })].join("\n"),
      ]);
      expect(buttonData(coord.lastInline())).toEqual([`bv:${id}`, "bl", "menu"]);
    });

    it("another coordinator's broadcast is not shown to someone else", async () => {
      await r1.pressData(`bv:${id}`);
      expect(r1.texts()).toEqual([tr("errors-broadcast_not_found")]);
      await r1.pressData(`by:${id}`);
      expect(r1.texts()).toEqual([tr("errors-broadcast_not_found")]);
      expect((await h.prisma.broadcast.findUniqueOrThrow({ where: { id } })).status).toBe("SENDING");
    });
  });
});
