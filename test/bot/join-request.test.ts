// Asking to join without an invite: /start → what the bot is → search a unit
// (accents optional) → name → phone → confirm; the unit's coordinator gets the
// request with Approve / Reject buttons and the person is told the outcome.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestChat } from "../helpers/telegram.ts";
import { ADMIN_ID, type BotHarness, plain, startHarness, t } from "../helpers/bot.ts";

let h: BotHarness;
let coordinator: TestChat;
beforeAll(async () => {
  h = await startHarness();
  await h.makeMember(401, "HB-TL", "COORDINATOR", "Điều Phối Tân Lạc");
  coordinator = h.chat({ id: 401 });
  await coordinator.send("/menu");
});
afterAll(async () => {
  await h.close();
});

/** /start → join → search "tan lac" → Huyện Tân Lạc → name → skip phone → send. */
async function askToJoin(chat: TestChat, name: string, locale: "vi" | "en" = "vi"): Promise<void> {
  await chat.send("/start");
  expect(chat.texts()).toEqual([t(locale, "start-intro")]);
  expect(chat.buttons()).toEqual([t(locale, "btn-request-join"), t(locale, "btn-language")]);
  await chat.press(t(locale, "btn-request-join"));
  expect(chat.lastText()).toBe(t(locale, "request-ask-search"));
  await chat.send("x");
  expect(chat.lastText()).toBe(t(locale, "request-search-short"));
  await chat.send("khong co dau ca");
  expect(chat.texts()).toEqual([t(locale, "request-search-none", { query: "khong co dau ca" }), t(locale, "request-ask-search")]);
  await chat.send("tan lac");
  expect(chat.lastText()).toBe(t(locale, "request-pick-unit", { count: 2 }));
  expect(chat.buttons().some((b) => b.includes("Ban khuyến học Trường THPT Tân Lạc"))).toBe(true);
  await chat.press("Huyện Tân Lạc (Tỉnh Hòa Bình");
  expect(chat.lastText()).toBe(t(locale, "join-ask-name"));
  await chat.send(name);
  await chat.send(t(locale, "btn-skip"));
  expect(plain(chat.lastText() ?? "")).toBe(plain(t(locale, "request-confirm", { name, phone: t(locale, "phone-none"), unit: "Huyện Tân Lạc" })));
  await chat.press(t(locale, "btn-send-request"));
  expect(chat.lastText()).toBe(t(locale, "request-sent", { unit: "Huyện Tân Lạc" }));
}

const requestOf = (id: number) => h.prisma.joinRequest.findFirstOrThrow({ where: { telegramId: BigInt(id) }, orderBy: { id: "desc" } });

describe("a request to join", () => {
  it("approved: the coordinator is asked, approves, the person is told and is a member", async () => {
    const person = h.chat({ id: 411 });
    coordinator.clearReplies();
    await askToJoin(person, "Bùi Thị Mai");
    expect(await requestOf(411)).toMatchObject({ status: "PENDING", fullName: "Bùi Thị Mai", phone: null });
    expect(await h.prisma.member.count({ where: { telegramId: 411n } })).toBe(0);

    const [incoming] = coordinator.replies();
    expect(incoming?.text).toBe(t("vi", "request-incoming", { name: "Bùi Thị Mai", unit: "Huyện Tân Lạc", phone: t("vi", "phone-none") }));
    expect(incoming?.buttons).toEqual([t("vi", "btn-approve"), t("vi", "btn-reject")]);

    person.clearReplies();
    await coordinator.press(t("vi", "btn-approve"));
    expect(coordinator.callbackTexts()).toEqual([t("vi", "request-approved-short")]);
    expect(coordinator.texts()[0]).toBe(t("vi", "request-approved-by-you", { name: "Bùi Thị Mai", unit: "Huyện Tân Lạc" }));
    expect(person.texts()[0]).toContain(t("vi", "request-approved", { unit: "Huyện Tân Lạc" }));

    expect(await requestOf(411)).toMatchObject({ status: "APPROVED" });
    expect((await h.membershipsOf(411)).map((m) => [m.unit.name, m.role])).toEqual([["Huyện Tân Lạc", "MEMBER"]]);
    await person.send("/menu");
    expect(person.buttons()).toContain(t("vi", "btn-my-units"));
    expect(person.buttons()).not.toContain(t("vi", "btn-request-join"));

    // The same request pressed again (the button is gone, an old copy is not):
    await coordinator.pressData(`ja:${(await requestOf(411)).id}`, { messageId: incoming!.message_id });
    expect(coordinator.callbackTexts()).toEqual([t("vi", "errors-request_already_decided")]);
    expect(await h.prisma.membership.count({ where: { member: { telegramId: 411n } } })).toBe(1);
  });

  it("rejected: the person is told and is not a member; a second press says it was handled", async () => {
    const person = h.chat({ id: 412, lang: "en" });
    coordinator.clearReplies();
    await askToJoin(person, "Bui Van Nam", "en");
    const incoming = coordinator.replies()[0]!;
    person.clearReplies();
    await coordinator.press(t("vi", "btn-reject"));
    expect(coordinator.texts()[0]).toBe(t("vi", "request-rejected-by-you", { name: "Bui Van Nam", unit: "Huyện Tân Lạc" }));
    expect(person.texts()).toEqual([t("en", "request-rejected", { unit: "Huyện Tân Lạc" })]); // in the requester's language
    expect(await requestOf(412)).toMatchObject({ status: "REJECTED" });
    expect(await h.prisma.member.count({ where: { telegramId: 412n } })).toBe(0);
    await coordinator.pressData(`jx:${(await requestOf(412)).id}`, { messageId: incoming.message_id });
    expect(coordinator.callbackTexts()).toEqual([t("vi", "errors-request_already_decided")]);
    await coordinator.pressData(`ja:${(await requestOf(412)).id}`, { messageId: incoming.message_id });
    expect(coordinator.callbackTexts()).toEqual([t("vi", "errors-request_already_decided")]);
    expect(await h.prisma.member.count({ where: { telegramId: 412n } })).toBe(0);
  });

  it("asking twice while waiting is refused with a clear message", async () => {
    const person = h.chat({ id: 413 });
    await askToJoin(person, "Đỗ Văn Hai");
    await person.press(t("vi", "btn-request-join"), { messageId: person.tg.botMessages(413)[0]!.message_id });
    await person.send("tan lac");
    await person.press("Huyện Tân Lạc (Tỉnh Hòa Bình");
    await person.send("Đỗ Văn Hai");
    await person.send(t("vi", "btn-skip"));
    await person.press(t("vi", "btn-send-request"));
    expect(person.texts()).toEqual([t("vi", "errors-request_pending", { unit: "Huyện Tân Lạc" })]);
    expect(await h.prisma.joinRequest.count({ where: { telegramId: 413n } })).toBe(1);
  });

  it("/requests lists what is waiting; a unit without coordinators goes to the administrator", async () => {
    await coordinator.send("/requests");
    expect(coordinator.texts()).toEqual([t("vi", "request-incoming", { name: "Đỗ Văn Hai", unit: "Huyện Tân Lạc", phone: t("vi", "phone-none") })]);

    const person = h.chat({ id: 414 });
    await person.send("/start");
    await person.press(t("vi", "btn-request-join"));
    coordinator.clearReplies();
    await person.send("Mai Chau");
    await person.press("Huyện Mai Châu");
    await person.send("Hà Thị Thu");
    await person.shareContact("84911222333");
    await person.press(t("vi", "btn-send-request"));
    expect(coordinator.replies()).toEqual([]); // not theirs
    const admin = h.chat({ id: ADMIN_ID });
    const incoming = { text: h.tg.botMessages(ADMIN_ID).at(-1)?.text };
    expect(incoming?.text).toContain("Hà Thị Thu");
    expect(incoming?.text).toContain("0911222333");
    await admin.press(t("vi", "btn-approve"));
    expect((await h.membershipsOf(414)).map((m) => m.unit.name)).toEqual(["Huyện Mai Châu"]);
  });
});
