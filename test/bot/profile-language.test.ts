// /help, /me and /lang for newcomers and members, the language remembered
// across updates and restarts, and the helpful answer to anything unknown.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_ID, type BotHarness, plain, startHarness, t } from "../helpers/bot.ts";

let h: BotHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe("/help and /me", () => {
  it("a newcomer is told how to join", async () => {
    const chat = h.chat();
    await chat.send("/help");
    expect(chat.texts()).toEqual([`${t("vi", "help-common")}\n\n${t("vi", "help-newcomer")}`]);
    await chat.send("/me");
    expect(chat.texts()).toEqual([t("vi", "me-not-member")]);
    expect(chat.buttons()).toEqual([t("vi", "btn-request-join")]);
    await chat.press(t("vi", "btn-request-join"));
    expect(chat.lastText()).toBe(t("vi", "request-ask-search"));
  });

  it("a member sees their units and roles; a coordinator gets the coordinator's help", async () => {
    await h.makeMember(601, "HB-LS-VB-01", "REPORTER", "Quách Văn Tú");
    await h.makeMember(601, "HB-MC", "COORDINATOR", "Quách Văn Tú");
    const chat = h.chat({ id: 601 });
    await chat.send("/me");
    const card = plain(chat.lastText()!);
    expect(card).toContain("Quách Văn Tú");
    expect(card).toContain(plain(t("vi", "me-membership", { unit: "Chi hội tổ dân phố Liên Thành", kind: t("vi", "kind-branch"), role: t("vi", "role-reporter"), parent: "Thị trấn Vụ Bản" })));
    expect(card).toContain(plain(t("vi", "me-membership", { unit: "Huyện Mai Châu", kind: t("vi", "kind-district"), role: t("vi", "role-coordinator"), parent: "Tỉnh Hòa Bình (dữ liệu mẫu)" })));
    await chat.send("/help");
    expect(chat.lastText()).toBe(
      [
        t("vi", "help-common"), `${t("vi", "help-member")}\n${t("vi", "help-sponsor")}\n${t("vi", "help-learning")}`, t("vi", "help-learning-reporter"),
        `${t("vi", "help-coordinator")}\n${t("vi", "help-sponsor-coordinator")}`, t("vi", "help-broadcast"), t("vi", "help-stats"),
      ].join("\n\n"),
    );
  });

  it("the administrator's /me and /help say so", async () => {
    const admin = h.adminChat();
    await admin.send("/help");
    expect(admin.lastText()).toContain(t("vi", "help-admin"));
    await admin.send("/me");
    expect(admin.texts()).toHaveLength(1); // (with no Member row it says "not a member yet": odd for an administrator)
    expect(admin.lastText()).not.toBe(t("vi", "errors-internal"));
    expect(ADMIN_ID).toBe(admin.id);
  });
});

describe("/lang", () => {
  it("switches a newcomer to English, remembered across updates and a restart", async () => {
    const chat = h.chat({ lang: "vi" });
    await chat.send("/lang");
    expect(chat.lastText()).toBe(t("vi", "lang-choose"));
    await chat.press(t("vi", "lang-name-en"));
    expect(chat.texts()).toEqual([t("en", "lang-set")]);
    await chat.send("/help");
    expect(chat.lastText()).toBe(`${t("en", "help-common")}\n\n${t("en", "help-newcomer")}`);
    h.restart();
    await chat.send("xin chào");
    expect(chat.lastText()).toBe(t("en", "unknown-message"));
    await chat.send("/start khongcoma99");
    expect(chat.texts()).toEqual([t("en", "invite-status-unknown")]);
  });

  it("an English Telegram is answered in English until the person picks Vietnamese; a member's choice is saved", async () => {
    await h.makeMember(602, "HB-KB", "MEMBER", "Kim Văn Bôi", "en");
    await h.prisma.member.update({ where: { telegramId: 602n }, data: { language: null } });
    const chat = h.chat({ id: 602, lang: "en-GB" });
    await chat.send("/menu");
    expect(chat.lastText()).toBe(t("en", "menu-title", { name: "Kim Văn Bôi" }));
    await chat.press(t("en", "btn-language"));
    await chat.press(t("en", "lang-name-vi"));
    expect(chat.texts()).toEqual([t("vi", "lang-set")]);
    expect((await h.prisma.member.findUniqueOrThrow({ where: { telegramId: 602n } })).language).toBe("vi");
    await chat.send("/menu");
    expect(chat.lastText()).toBe(t("vi", "menu-title", { name: "Kim Văn Bôi" }));
    expect(chat.buttons()).toContain(t("vi", "btn-my-units"));
  });

  it("the flows speak the chosen language", async () => {
    const invite = await h.invite("HB-DB");
    const chat = h.chat({ lang: "vi" });
    await chat.send("/lang");
    await chat.press("lang:en");
    await chat.send(`/start ${invite.code}`);
    expect(chat.texts()[1]).toBe(t("en", "join-ask-name"));
    await chat.send("Lý Thị Đà");
    expect(chat.lastText()).toBe(t("en", "join-ask-phone"));
    await chat.send(t("en", "btn-skip"));
    await chat.press(t("en", "btn-confirm-join"));
    expect(chat.texts()[0]).toBe(t("en", "join-done", { unit: "Huyện Đà Bắc", role: t("en", "role-member") }));
    expect((await h.prisma.member.findUniqueOrThrow({ where: { telegramId: BigInt(chat.id) } })).language).toBe("en");
  });
});

describe("what the bot does not understand", () => {
  it("unknown text and unknown commands get a short, helpful answer with Menu and Help", async () => {
    const chat = h.chat();
    await chat.send("cho tôi hỏi chút");
    expect(chat.texts()).toEqual([t("vi", "unknown-message")]);
    expect(chat.buttons()).toEqual([t("vi", "btn-menu"), t("vi", "btn-help")]);
    await chat.send("/khongco");
    expect(chat.texts()).toEqual([t("vi", "unknown-command")]);
    await chat.press(t("vi", "btn-help"));
    expect(chat.lastText()).toContain(t("vi", "help-common"));
    await chat.send("cái này là gì?");
    await chat.press(t("vi", "btn-menu"));
    expect(chat.lastText()).toBe(t("vi", "menu-title", { name: chat.user.first_name }));
  });

  it("a photo-less, text-less message (a contact out of any flow) is answered too", async () => {
    const chat = h.chat();
    await chat.shareContact("84912345678");
    expect(chat.texts()).toEqual([t("vi", "unknown-message")]);
  });
});
