// Issue 7, "done means", end to end through the real outbox sender and the
// tracker against the fake Telegram: a coordinator of the commune Chiềng
// Châu broadcasts to its reporters with the "Đã nhận" button; one reporter
// has blocked the bot (Telegram answers 403) and one is slow (a 500 first, so
// the retry comes a second later): the progress message moves (1 sent, 1
// blocked, 1 waiting), then becomes the summary (2 delivered, 1 blocked); the
// two reached reporters acknowledge; the card counts 2 of 2; "who was not
// reached" names the one who blocked the bot, who is marked unreachable.
import { Api } from "grammy";
import type { Message } from "grammy/types";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBroadcastTracker, type BroadcastTracker } from "../../src/bot/broadcast-tracker.ts";
import { progressText, summaryText } from "../../src/bot/conversations/broadcast-text.ts";
import { createI18n } from "../../src/bot/i18n.ts";
import { startOutboxSender, type OutboxSender } from "../../src/delivery/outbox-sender.ts";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";
import { TOKEN, type TestChat } from "../helpers/telegram.ts";

const COORD = 971;
const R_COMMUNE = 972; // reporter of the commune
const R_BRANCH = 973; // reporter of the branch bản Lác: slow (a 500 first)
const R_SCHOOL = 974; // reporter of the school committee: has blocked the bot
const TEXT = "Họp tổng kết năm học vào 8 giờ sáng thứ Bảy tại nhà văn hoá xã.";
const tr = (key: string, vars?: Record<string, string | number>) => t("vi", key, vars);

describe("a coordinator's broadcast to the commune's reporters, delivered by the outbox", () => {
  let h: BotHarness;
  let sender: OutboxSender;
  let tracker: BroadcastTracker;
  let coord: TestChat;
  const log = pino({ level: "silent" });

  beforeAll(async () => {
    h = await startHarness();
    await h.makeMember(COORD, "HB-MC-CC", "COORDINATOR", "Hà Văn Điều", "vi");
    await h.makeMember(R_COMMUNE, "HB-MC-CC", "REPORTER", "Lò Thị Một", "vi");
    await h.makeMember(R_BRANCH, "HB-MC-CC-01", "REPORTER", "Vì Văn Hai", "vi");
    await h.makeMember(R_SCHOOL, "HB-MC-THCS", "REPORTER", "Phạm Thị Ba", "vi");
    coord = h.chat({ id: COORD, lang: "vi" });
    tracker = startBroadcastTracker({ services: h.services, api: h.bot.api, i18n: createI18n(), log, intervalMs: 0 });
  });
  afterAll(async () => {
    await sender?.stop();
    await tracker.stop();
    await h.close();
  });

  const messageIn = (chatId: number, messageId: number) => h.tg.messages.get(chatId)?.get(messageId) as (Message & { text?: string }) | undefined;
  const delivered = (chatId: number) => h.tg.callsOf("sendMessage").filter((c) => Number(c.payload.chat_id) === chatId && c.result !== undefined);

  it("sends, shows the progress moving, reports the blocked one, counts two acknowledgements", async () => {
    await coord.send("/broadcast");
    await coord.press(tr("btn-broadcast-new"));
    await coord.send(TEXT);
    await coord.press(tr("btn-broadcast-compose-next"));
    await coord.press(tr("btn-broadcast-compose-audience-reporters"));
    await coord.press(tr("btn-broadcast-compose-ack-yes"));
    expect(coord.texts().at(-1)).toContain(tr("broadcast-compose-summary-recipients", { count: 3 }));
    await coord.press(tr("btn-broadcast-compose-send"));

    const b = await h.prisma.broadcast.findFirstOrThrow();
    const person = await h.person(COORD);
    const progressId = b.progressMessageId!;
    const before = await h.services.broadcasts.getBroadcast(person, b.id);
    expect(before.progress).toMatchObject({ recipients: 3, sent: 0, waiting: 3 });
    expect(messageIn(COORD, progressId)?.text).toBe(progressText(tr, "vi", before));

    // Telegram: the school's reporter has blocked the bot; the branch's reporter's first try fails with a 500.
    h.tg.fail("sendMessage", { code: 403, description: "Forbidden: bot was blocked by the user", chatId: R_SCHOOL, times: 5 });
    h.tg.fail("sendMessage", { code: 500, chatId: R_BRANCH, times: 1 });
    sender = startOutboxSender({
      db: h.prisma, api: new Api(TOKEN, { fetch: h.tg.fetch }), log, now: () => new Date(), instanceId: "journey", idleMs: 50,
      onBlocked: (chatId) => h.services.members.setReachable(chatId, false),
    });
    await sender.drained(); // the retry of the branch's reporter waits for its backoff (about a second)
    await tracker.tick();
    const middle = await h.services.broadcasts.getBroadcast(person, b.id);
    expect(middle.progress).toMatchObject({ sent: 1, blocked: 1, waiting: 1 });
    expect(messageIn(COORD, progressId)?.text).toBe(progressText(tr, "vi", middle));
    expect(messageIn(COORD, progressId)?.text).not.toBe(progressText(tr, "vi", before)); // the bar moved

    await expect.poll(async () => (await h.services.broadcasts.getBroadcast(person, b.id)).progress.waiting, { timeout: 10_000, interval: 100 }).toBe(0);
    await tracker.tick();
    const done = await h.services.broadcasts.getBroadcast(person, b.id);
    expect(done).toMatchObject({ status: "DONE", progress: { recipients: 3, sent: 2, blocked: 1, failed: 0, waiting: 0 } });
    expect(messageIn(COORD, progressId)?.text).toBe(summaryText(tr, "vi", done));
    // Each reached reporter got it once, with the button; the blocked one is marked unreachable.
    for (const id of [R_COMMUNE, R_BRANCH]) {
      expect(delivered(id)).toHaveLength(1);
      expect(delivered(id)[0]!.payload.reply_markup).toEqual({ inline_keyboard: [[{ text: tr("btn-broadcast-ack"), callback_data: `ba:${b.id}` }]] });
    }
    expect(delivered(R_SCHOOL)).toHaveLength(0);
    expect((await h.prisma.member.findFirstOrThrow({ where: { telegramId: BigInt(R_SCHOOL) } })).unreachableAt).not.toBeNull();

    // Two acknowledge from their copy.
    for (const id of [R_COMMUNE, R_BRANCH]) {
      const chat = h.chat({ id, lang: "vi" });
      const copy = delivered(id)[0]!.result as Message;
      await chat.pressData(`ba:${b.id}`, { messageId: copy.message_id });
      expect(chat.callbackTexts()).toEqual([tr("broadcast-ack-thanks")]);
    }
    const acked = await h.services.broadcasts.getBroadcast(person, b.id);
    expect(acked.progress.acked).toBe(2);

    // The coordinator's card says 2 acknowledged; "who was not reached" names the one who blocked the bot.
    await coord.pressData(`bv:${b.id}`, { messageId: progressId });
    expect(coord.lastText()).toContain(tr("broadcast-acks", { acked: 2, of: 2 }));
    expect(coord.buttons()).not.toContain(tr("btn-broadcast-remind")); // everyone reached has pressed it
    await coord.pressData(`bu:${b.id}`, { messageId: progressId });
    expect(coord.lastText()).toContain("Phạm Thị Ba");
    expect(coord.lastText()).toContain(tr("broadcast-unreached-line", { name: "Phạm Thị Ba", why: tr("broadcast-why-blocked") }));
    expect(coord.lastText()).not.toContain("Lò Thị Một");
  }, 30_000);
});
