// ✍️ Composing an announcement (issue 7), with the clock on 29/11/2026 10:00
// in Vietnam: a coordinator of the commune Chiềng Châu sends to its reporters
// with the "Đã nhận" button — the preview is exactly what recipients get, the
// count says 2, "Send now" writes the broadcast and one outbox row per
// recipient and shows the progress message (both languages). Bad input: an
// empty message, a sticker, 5,000 characters (sent as 2 messages), 20,000
// (refused), a schedule in the past or too far, an audience with nobody (back
// to the units), a plain member (forbidden, nothing written), a photo keeps
// its file_id, ✖️ at every step writes nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";
import type { TestChat } from "../helpers/telegram.ts";
import { composeBroadcast } from "../../src/domain/broadcast-message.ts";
import { progressKeyboard, progressText } from "../../src/bot/conversations/broadcast-text.ts";

type L = "vi" | "en";

const COORD = 901; // coordinator of the commune Chiềng Châu
const REPORTER_COMMUNE = 902; // reporter of the commune
const REPORTER_BRANCH = 903; // reporter of the branch bản Lác (inside the commune)
const MEMBER = 904; // plain member of the branch
const REPORTER_ELSEWHERE = 905; // reporter of Mãn Đức (another district)

const COORD_NAME = "Hà Văn Điều";
const COMMUNE = "Xã Chiềng Châu";
const BRANCH = "Chi hội bản Lác";
const TEXT = "Họp hội đồng vào thứ Bảy, 8 giờ sáng, tại nhà văn hoá xã.";
/** TEXT with "thứ Bảy" in bold. */
const ENTITIES = [{ type: "bold" as const, offset: 17, length: 7 }];

async function setUp(locale: L): Promise<BotHarness> {
  const h = await startHarness();
  await h.makeMember(COORD, "HB-MC-CC", "COORDINATOR", COORD_NAME, locale);
  await h.makeMember(REPORTER_COMMUNE, "HB-MC-CC", "REPORTER", "Lò Thị Một", "vi");
  await h.makeMember(REPORTER_BRANCH, "HB-MC-CC-01", "REPORTER", "Vì Văn Hai", "en");
  await h.makeMember(MEMBER, "HB-MC-CC-01", "MEMBER", "Hà Thị Ba", locale);
  await h.makeMember(REPORTER_ELSEWHERE, "HB-TL-MD", "REPORTER", "Bùi Văn Xa", "vi");
  return h;
}

/** A message the person types or forwards, with Telegram's formatting entities. */
async function sendFormatted(h: BotHarness, chat: TestChat, text: string, entities: typeof ENTITIES, extra: Record<string, unknown> = {}): Promise<void> {
  const update = h.tg.textUpdate(chat.user, text) as Update & { message: Record<string, unknown> };
  Object.assign(update.message, { entities, ...extra });
  chat.clearReplies();
  await h.bot.handleUpdate(update);
}

const counts = async (h: BotHarness) => ({ broadcasts: await h.prisma.broadcast.count(), outbox: await h.prisma.outboxMessage.count() });

describe.each(["vi", "en"] as const)("a coordinator sends to the commune's reporters with acknowledgement (%s)", (locale) => {
  const tr = (key: string, vars?: Record<string, string | number>) => t(locale, key, vars);
  let h: BotHarness;
  let coord: TestChat;
  beforeAll(async () => {
    h = await setUp(locale);
    coord = h.chat({ id: COORD, lang: locale });
    await coord.send("/menu"); // a bot message to press "bn" on
  });
  afterAll(async () => {
    await h.close();
  });

  it("preview as recipients get it, 2 recipients, send now → progress message, broadcast and outbox rows", async () => {
    const communeId = (await h.unit("HB-MC-CC")).id;
    await coord.send("/broadcast");
    await coord.press(tr("btn-broadcast-new"));
    expect(coord.lastText()).toBe(tr("broadcast-compose-ask-content"));
    expect(coord.buttons()).toEqual([tr("btn-back"), tr("btn-cancel")]);

    await sendFormatted(h, coord, TEXT, ENTITIES);
    expect(coord.lastText()).toBe(tr("broadcast-compose-ask-units"));
    // One target: ticked already.
    expect(coord.buttons()).toEqual([
      `✓ ${COMMUNE}`, tr("btn-broadcast-compose-parts", { unit: COMMUNE }), tr("btn-broadcast-compose-next"), tr("btn-back"), tr("btn-cancel"),
    ]);
    await coord.press(tr("btn-broadcast-compose-next"));
    expect(coord.lastText()).toBe(tr("broadcast-compose-ask-audience"));
    await coord.press(tr("btn-broadcast-compose-audience-reporters"));
    expect(coord.lastText()).toBe(tr("broadcast-compose-ask-ack"));
    await coord.press(tr("btn-broadcast-compose-ack-yes"));

    // The preview: a title, the message exactly as composed (header + text, entities), the ack button; then the summary.
    const sent = coord.calls("sendMessage").filter((c) => c.payload.chat_id === COORD);
    expect(sent.map((c) => c.payload.text)).toEqual([
      tr("broadcast-compose-preview-title"),
      `📢 ${COORD_NAME}\n${TEXT}`,
      [
        tr("broadcast-compose-summary-title"),
        tr("broadcast-compose-summary-recipients", { count: 2 }),
        tr("broadcast-compose-summary-units", { units: COMMUNE }),
        tr("broadcast-compose-summary-audience", { audience: tr("btn-broadcast-compose-audience-reporters") }),
        tr("broadcast-compose-summary-ack-yes"),
      ].join("\n"),
    ]);
    const composed = composeBroadcast(COORD_NAME, { text: TEXT, entities: ENTITIES, media: null });
    expect(composed).toHaveLength(1);
    const { chat_id: _chat, reply_markup: previewMarkup, ...previewParams } = sent[1]!.payload;
    expect(previewParams).toEqual(composed[0]!.params);
    expect(previewParams.entities).toContainEqual({ type: "bold", offset: `📢 ${COORD_NAME}\n`.length + 17, length: 7 });
    expect(previewMarkup).toEqual({ inline_keyboard: [[{ text: tr("btn-broadcast-ack"), callback_data: "ba:0" }]] });
    expect(coord.buttons()).toEqual([
      tr("btn-broadcast-compose-send"), tr("btn-broadcast-compose-schedule"), tr("btn-broadcast-compose-restart"), tr("btn-back"), tr("btn-cancel"),
    ]);
    expect(await counts(h)).toEqual({ broadcasts: 0, outbox: 0 }); // nothing written before the last confirmation

    // Pressing the preview's own button only says it is a preview.
    await coord.pressData("ba:0", { messageId: Number((sent[1]!.result as { message_id: number }).message_id) });
    expect(coord.callbackTexts()).toEqual([tr("broadcast-ack-preview")]);

    await coord.press(tr("btn-broadcast-compose-send"));
    const broadcast = await h.prisma.broadcast.findFirstOrThrow();
    expect(broadcast).toMatchObject({
      senderTelegramId: BigInt(COORD), senderName: COORD_NAME, unitIds: [communeId], audience: "REPORTERS", text: TEXT,
      askAck: true, status: "SENDING", recipients: 2, parts: 1, mediaKind: null,
    });
    const view = await h.services.broadcasts.getBroadcast(await h.person(COORD), broadcast.id);
    const progress = coord.replies().at(-1)!;
    expect(progress.text).toBe(progressText(tr, locale, view));
    expect(progress.reply_markup).toEqual(JSON.parse(JSON.stringify(progressKeyboard(tr, view))));
    expect(broadcast.progressChatId).toBe(BigInt(COORD));
    expect(broadcast.progressMessageId).toBe(progress.message_id);

    // One row per recipient, as composed, the "Đã nhận" button in each recipient's language.
    const rows = await h.prisma.outboxMessage.findMany({ where: { batch: `broadcast:${broadcast.id}` }, orderBy: { chatId: "asc" } });
    expect(rows.map((r) => [Number(r.chatId), r.dedupeKey, r.status])).toEqual([
      [REPORTER_COMMUNE, `broadcast:${broadcast.id}:${REPORTER_COMMUNE}:0`, "PENDING"],
      [REPORTER_BRANCH, `broadcast:${broadcast.id}:${REPORTER_BRANCH}:0`, "PENDING"],
    ]);
    expect(rows.map((r) => r.payload)).toEqual(
      (["vi", "en"] as const).map((lang) => ({
        method: "sendMessage",
        params: { ...composed[0]!.params, reply_markup: { inline_keyboard: [[{ text: t(lang, "btn-broadcast-ack"), callback_data: `ba:${broadcast.id}` }]] } },
      })),
    );
  });
});

describe("composing: bad input and the other ways through (vi)", () => {
  const tr = (key: string, vars?: Record<string, string | number>) => t("vi", key, vars);
  let h: BotHarness;
  let coord: TestChat;
  beforeAll(async () => {
    h = await setUp("vi");
    coord = h.chat({ id: COORD });
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    await coord.send("/cancel"); // whatever an earlier test left open; also a bot message to press "bn" on
  });

  /** From the start to the summary: the units as ticked by default, the given audience and ack. */
  async function toSummary(opts: { text?: string; audience?: string; ack?: "yes" | "no" } = {}): Promise<void> {
    await coord.pressData("bn");
    await coord.send(opts.text ?? TEXT);
    await coord.press(tr("btn-broadcast-compose-next"));
    await coord.press(tr(`btn-broadcast-compose-audience-${opts.audience ?? "everyone"}`));
    await coord.press(tr(`btn-broadcast-compose-ack-${opts.ack ?? "no"}`));
  }

  it("an empty message and a sticker are refused kindly and asked again", async () => {
    const before = await counts(h);
    await coord.pressData("bn");
    await coord.send("   ");
    expect(coord.texts()).toEqual([tr("broadcast-compose-empty")]);
    await coord.sendSticker();
    expect(coord.texts()).toEqual([tr("broadcast-compose-not-content")]);
    await coord.send(TEXT);
    expect(coord.lastText()).toBe(tr("broadcast-compose-ask-units"));
    await coord.press(tr("btn-cancel"));
    expect(coord.lastText()).toBe(tr("flow-cancelled"));
    expect(await counts(h)).toEqual(before);
  });

  it("20,000 characters are refused with the length and the limit, and asked again", async () => {
    await coord.pressData("bn");
    await coord.send("Chữ ".repeat(5000));
    expect(coord.texts()).toEqual([tr("broadcast-compose-too-long", { length: 20000, limit: 16384 })]);
    expect(coord.lastText()).toContain("20.000"); // the number as Vietnamese writes it
    await coord.send(TEXT);
    expect(coord.lastText()).toBe(tr("broadcast-compose-ask-units"));
    await coord.press(tr("btn-cancel"));
  });

  it("5,000 characters: 'sent as 2 messages', and the outbox has 2 rows per recipient", async () => {
    const paragraph = "Một câu thông báo khá dài. ".repeat(18).trim(); // 485 characters
    const long = Array.from({ length: 11 }, () => paragraph).join("\n\n").slice(0, 5000);
    expect(long.length).toBe(5000);
    await coord.pressData("bn");
    await coord.send(long);
    expect(coord.texts()).toEqual([tr("broadcast-compose-split", { parts: 2 }), tr("broadcast-compose-ask-units")]);
    await coord.press(tr("btn-broadcast-compose-next"));
    await coord.press(tr("btn-broadcast-compose-audience-reporters"));
    await coord.press(tr("btn-broadcast-compose-ack-yes"));
    const composed = composeBroadcast(COORD_NAME, { text: long, entities: [], media: null });
    const preview = coord.calls("sendMessage").slice(1, 3);
    expect(preview.map((c) => c.payload.text)).toEqual(composed.map((p) => (p.params as { text: string }).text));
    expect(preview.map((c) => c.payload.reply_markup ?? null)).toEqual([null, { inline_keyboard: [[{ text: tr("btn-broadcast-ack"), callback_data: "ba:0" }]] }]);
    expect(coord.lastText()).toContain(tr("broadcast-compose-summary-parts", { parts: 2 }));
    await coord.press(tr("btn-broadcast-compose-send"));
    const broadcast = await h.prisma.broadcast.findFirstOrThrow({ where: { text: long } });
    expect(broadcast.parts).toBe(2);
    const rows = await h.prisma.outboxMessage.findMany({ where: { batch: `broadcast:${broadcast.id}` }, orderBy: { dedupeKey: "asc" } });
    expect(rows.map((r) => r.dedupeKey)).toEqual(
      [REPORTER_COMMUNE, REPORTER_BRANCH].sort().flatMap((id) => [0, 1].map((i) => `broadcast:${broadcast.id}:${id}:${i}`)),
    );
  });

  it("a schedule in the past or too far is refused and asked again; a valid one is SCHEDULED at the right UTC time", async () => {
    const before = await counts(h);
    await toSummary({ audience: "reporters" });
    await coord.press(tr("btn-broadcast-compose-schedule"));
    expect(coord.lastText()).toBe(tr("broadcast-compose-ask-when", { example: "30/11/2026 07:00" }));
    // 10:00 now: tonight 19:00 is still ahead.
    expect(coord.buttons()).toEqual([
      tr("btn-broadcast-compose-when-today", { time: "19:00" }), tr("btn-broadcast-compose-when-tomorrow", { time: "07:00" }),
      tr("btn-broadcast-compose-when-tomorrow", { time: "19:00" }), tr("btn-back"), tr("btn-cancel"),
    ]);
    await coord.send("08:00 29/11/2026");
    expect(coord.texts()).toEqual([tr("errors-broadcast_in_past")]);
    await coord.send("01/01/2028 08:00");
    expect(coord.texts()).toEqual([tr("errors-broadcast_too_far")]);
    await coord.send("ngày mai");
    expect(coord.texts()).toEqual([tr("broadcast-compose-when-invalid")]);
    await coord.send("31/11/2026 08:00");
    expect(coord.texts()).toEqual([tr("broadcast-compose-when-no-such-day")]);
    await coord.send("19:30 30/11");
    expect(coord.lastText()).toBe(tr("broadcast-compose-confirm-schedule", { when: "30/11/2026 19:30" }));
    // Back: the question again; a button this time.
    await coord.press(tr("btn-back"));
    await coord.press(tr("btn-broadcast-compose-when-tomorrow", { time: "07:00" }));
    expect(coord.lastText()).toBe(tr("broadcast-compose-confirm-schedule", { when: "30/11/2026 07:00" }));
    expect(await counts(h)).toEqual(before);
    await coord.press(tr("btn-broadcast-compose-confirm-schedule"));
    expect(coord.lastText()).toBe(tr("broadcast-compose-scheduled", { when: "30/11/2026 07:00" }));
    expect(coord.buttons()).toEqual([tr("btn-broadcast-list"), tr("btn-menu")]);
    const broadcast = await h.prisma.broadcast.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(broadcast.status).toBe("SCHEDULED");
    expect(broadcast.scheduledAt.toISOString()).toBe("2026-11-30T00:00:00.000Z"); // 07:00 in Vietnam
    const rows = await h.prisma.outboxMessage.findMany({ where: { batch: `broadcast:${broadcast.id}` } });
    expect(rows.map((r) => r.notBefore.toISOString())).toEqual(["2026-11-30T00:00:00.000Z", "2026-11-30T00:00:00.000Z"]);
  });

  it("a refusal when saving (the time passed while confirming) is said, with ⬅️ back to the time", async () => {
    const before = await counts(h);
    const now = h.env.clock.now;
    await toSummary({ audience: "reporters" });
    await coord.press(tr("btn-broadcast-compose-schedule"));
    await coord.press(tr("btn-broadcast-compose-when-today", { time: "19:00" }));
    expect(coord.lastText()).toBe(tr("broadcast-compose-confirm-schedule", { when: "29/11/2026 19:00" }));
    h.env.clock.now = new Date("2026-11-29T13:00:00Z"); // 20:00 in Vietnam
    try {
      await coord.press(tr("btn-broadcast-compose-confirm-schedule"));
      expect(coord.lastText()).toBe(tr("errors-broadcast_in_past"));
      expect(coord.buttons()).toEqual([tr("btn-back"), tr("btn-cancel")]);
      await coord.press(tr("btn-back"));
      expect(coord.lastText()).toBe(tr("broadcast-compose-ask-when", { example: "30/11/2026 07:00" }));
      // 20:00 now: tonight 19:00 is no longer offered.
      expect(coord.buttons()).toEqual([
        tr("btn-broadcast-compose-when-tomorrow", { time: "07:00" }), tr("btn-broadcast-compose-when-tomorrow", { time: "19:00" }), tr("btn-back"), tr("btn-cancel"),
      ]);
      await coord.press(tr("btn-cancel"));
      expect(await counts(h)).toEqual(before);
    } finally {
      h.env.clock.now = now;
    }
  });

  it("an audience with nobody in it is refused with a way back to the units", async () => {
    const before = await counts(h);
    await toSummary({ audience: "coordinators" }); // the only coordinator there is the sender
    expect(coord.lastText()).toBe(tr("errors-broadcast_no_recipients"));
    expect(coord.buttons()).toEqual([tr("btn-back"), tr("btn-cancel")]);
    await coord.press(tr("btn-back"));
    expect(coord.lastText()).toBe(tr("broadcast-compose-ask-units"));
    await coord.press(tr("btn-cancel"));
    expect(await counts(h)).toEqual(before);
  });

  it("parts of the commune: the branch alone reaches its reporter only; a blocked one is counted as such", async () => {
    await h.prisma.member.update({ where: { telegramId: BigInt(REPORTER_BRANCH) }, data: { unreachableAt: h.env.clock.now } });
    await coord.pressData("bn");
    await coord.send(TEXT);
    await coord.press(tr("btn-broadcast-compose-parts", { unit: COMMUNE }));
    expect(coord.lastText()).toBe(tr("broadcast-compose-ask-parts", { unit: COMMUNE }));
    expect(coord.buttons()).toEqual(["Ban khuyến học Trường THCS Chiềng Châu", BRANCH, tr("btn-broadcast-compose-parts-done"), tr("btn-back"), tr("btn-cancel")]);
    await coord.press(tr("btn-broadcast-compose-parts-done"));
    expect(coord.lastText()).toBe(tr("broadcast-compose-units-empty"));
    await coord.press(BRANCH);
    await coord.press(tr("btn-broadcast-compose-parts-done"));
    expect(coord.lastText()).toBe(tr("broadcast-compose-ask-units"));
    expect(coord.buttons()).toEqual([
      COMMUNE, `✓ ↳ ${BRANCH}`, tr("btn-broadcast-compose-parts", { unit: COMMUNE }), tr("btn-broadcast-compose-next"), tr("btn-back"), tr("btn-cancel"),
    ]);
    await coord.press(tr("btn-broadcast-compose-next"));
    await coord.press(tr("btn-broadcast-compose-audience-reporters"));
    await coord.press(tr("btn-broadcast-compose-ack-no"));
    expect(coord.lastText()).toBe([
      tr("broadcast-compose-summary-title"),
      tr("broadcast-compose-summary-recipients", { count: 1 }),
      tr("broadcast-compose-summary-blocked", { count: 1 }),
      tr("broadcast-compose-summary-units", { units: BRANCH }),
      tr("broadcast-compose-summary-audience", { audience: tr("btn-broadcast-compose-audience-reporters") }),
      tr("broadcast-compose-summary-ack-no"),
    ].join("\n"));
    // ✏️ Start again: the text is asked again.
    await coord.press(tr("btn-broadcast-compose-restart"));
    expect(coord.lastText()).toBe(tr("broadcast-compose-ask-content"));
    await coord.press(tr("btn-cancel"));
    await h.prisma.member.update({ where: { telegramId: BigInt(REPORTER_BRANCH) }, data: { unreachableAt: null } });
  });

  it("a photo with a caption keeps its file_id (the largest size); a forwarded text is taken like a typed one", async () => {
    await coord.pressData("bn");
    await coord.sendPhoto("Ảnh lễ khai giảng");
    await coord.press(tr("btn-broadcast-compose-next"));
    await coord.press(tr("btn-broadcast-compose-audience-everyone"));
    await coord.press(tr("btn-broadcast-compose-ack-no"));
    const photo = coord.calls("sendPhoto");
    expect(photo).toHaveLength(1);
    const fileId = String(photo[0]!.payload.photo);
    expect(fileId).toMatch(/^photo\d+_1280$/);
    expect(photo[0]!.payload.caption).toBe(`📢 ${COORD_NAME}\nẢnh lễ khai giảng`);
    expect(coord.lastText()).toContain(tr("broadcast-compose-summary-recipients", { count: 3 }));
    await coord.press(tr("btn-broadcast-compose-send"));
    const broadcast = await h.prisma.broadcast.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(broadcast).toMatchObject({ mediaKind: "photo", mediaFileId: fileId, text: "Ảnh lễ khai giảng", audience: "EVERYONE", recipients: 3 });
    const rows = await h.prisma.outboxMessage.findMany({ where: { batch: `broadcast:${broadcast.id}` } });
    expect(rows.map((r) => (r.payload as { method: string; params: { photo: string } }).params.photo)).toEqual([fileId, fileId, fileId]);

    await coord.pressData("bn");
    await sendFormatted(h, coord, TEXT, ENTITIES, { forward_origin: { type: "hidden_user", sender_user_name: "Tỉnh hội", date: 1 } });
    expect(coord.lastText()).toBe(tr("broadcast-compose-ask-units"));
    await coord.press(tr("btn-cancel"));
  });

  it("✖️ at any step writes nothing; ⬅️ on the first question leaves with the way home", async () => {
    const before = await counts(h);
    const steps: (() => Promise<void>)[] = [
      async () => coord.pressData("bn"),
      async () => coord.send(TEXT),
      async () => coord.press(tr("btn-broadcast-compose-next")),
      async () => coord.press(tr("btn-broadcast-compose-audience-reporters")),
      async () => coord.press(tr("btn-broadcast-compose-ack-yes")),
      async () => coord.press(tr("btn-broadcast-compose-schedule")),
      async () => coord.send("30/11/2026 19:00"),
    ];
    for (let n = 1; n <= steps.length; n++) {
      for (const step of steps.slice(0, n)) await step();
      await coord.press(tr("btn-cancel"));
      expect(coord.lastText()).toBe(tr("flow-cancelled"));
      // The flow is over: a text is not taken as an announcement any more.
      await coord.send(TEXT);
      expect(coord.lastText()).toBe(tr("unknown-message"));
    }
    // The parts question too.
    await coord.pressData("bn");
    await coord.send(TEXT);
    await coord.press(tr("btn-broadcast-compose-parts", { unit: COMMUNE }));
    await coord.press(tr("btn-cancel"));
    expect(coord.lastText()).toBe(tr("flow-cancelled"));
    expect(await counts(h)).toEqual(before);

    await coord.pressData("bn");
    await coord.press(tr("btn-back"));
    expect(coord.lastText()).toBe(tr("broadcast-compose-left"));
    expect(coord.buttons()).toEqual([tr("btn-broadcast-home"), tr("btn-menu")]);
  });

  it("a plain member: forbidden on /broadcast and on entering the flow; nothing written", async () => {
    const before = await counts(h);
    const member = h.chat({ id: MEMBER });
    await member.send("/menu");
    await member.pressData("bn");
    expect(member.texts()).toEqual([tr("errors-forbidden")]);
    expect(member.buttons()).toEqual([tr("btn-menu")]);
    await member.send("/broadcast");
    expect(member.texts()).toEqual([tr("errors-forbidden")]);
    // No flow is waiting for their text.
    await member.send(TEXT);
    expect(member.lastText()).toBe(tr("unknown-message"));
    expect(await counts(h)).toEqual(before);
  });
});
