// The real bot as a child process (`node --import tsx src/main.ts`), polling a fake Bot API over
// HTTP with real long polling, on a fresh embedded database: an administrator creates an invite
// with the chat's buttons, newcomers whose Telegram is in English and in Vietnamese join with it
// and are answered in their language, and /menu shows them member-level actions only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import { FakeBotApi, type FakeUser } from "../helpers/fake-bot-api.ts";
import { botSends, fromLocale, hasButton, killAll, labelsOf, press, say, t, tempDir, type Child, type Locale, startBot } from "./support.ts";

const admin: FakeUser = { id: 1, first_name: "Lan", last_name: "Nguyễn", language_code: "vi" };
const alice: FakeUser = { id: 201, first_name: "Alice", last_name: "Nguyen", language_code: "en" };
const minh: FakeUser = { id: 202, first_name: "Minh", language_code: "vi" };

const api = new FakeBotApi({ token: "123456:E2E-fake-token-for-the-journey-tests" });
const tmp = tempDir("e2e-journey-");
let bot: Child;
let inviteCode = "";

beforeAll(async () => {
  await api.start();
  bot = await startBot(api, tmp.dir, admin.id);
}, 70_000);

afterAll(async () => {
  await killAll();
  await api.stop();
  tmp.remove();
});

describe("invite → join → menu, as a child process in polling mode", () => {
  it("registers the command list in Vietnamese (default) and English", () => {
    const lists = api.calls.filter((c) => c.method === "setMyCommands" && !c.error);
    const defaults = lists.find((c) => c.payload.language_code === undefined && c.payload.scope === undefined);
    const english = lists.find((c) => c.payload.language_code === "en" && c.payload.scope === undefined);
    expect(defaults?.payload.commands).toContainEqual({ command: "menu", description: t("vi", "cmd-menu") });
    expect(english?.payload.commands).toContainEqual({ command: "menu", description: t("en", "cmd-menu") });
  });

  it("an administrator creates an invite with the chat's buttons", async () => {
    const vi = (key: string, vars?: Record<string, string | number>) => t("vi", key, vars);
    let since = say(api, admin, "/menu");
    let m = await botSends(api, admin.id, hasButton(vi("btn-manage-units")), since);
    expect(labelsOf(m)).toContain(vi("btn-import-units")); // an administrator's menu

    m = await botSends(api, admin.id, (x) => x.reply_markup !== undefined, press(api, admin, m, vi("btn-manage-units")));
    since = press(api, admin, m, /^u:\d+$/); // the first unit: the top of the example tree
    m = await botSends(api, admin.id, hasButton(vi("btn-unit-invites")), since);
    m = await botSends(api, admin.id, hasButton(vi("btn-create-invite")), press(api, admin, m, vi("btn-unit-invites")));
    m = await botSends(api, admin.id, hasButton(vi("role-member")), press(api, admin, m, vi("btn-create-invite")));
    m = await botSends(api, admin.id, hasButton(vi("invite-uses-n", { n: 10 })), press(api, admin, m, vi("role-member")));
    m = await botSends(api, admin.id, hasButton(vi("invite-expiry-days", { n: 7 })), press(api, admin, m, vi("invite-uses-n", { n: 10 })));
    m = await botSends(api, admin.id, hasButton(vi("btn-create-invite")), press(api, admin, m, vi("invite-expiry-days", { n: 7 })));
    expect(m.text).toMatch(fromLocale("vi", "invite-confirm"));
    m = await botSends(api, admin.id, fromLocale("vi", "invite-created"), press(api, admin, m, vi("btn-create-invite")));

    const link = new RegExp(`https://t\\.me/${api.botInfo.username}\\?start=([A-Za-z0-9_-]+)`).exec(m.text ?? "");
    expect(link, m.text).not.toBeNull();
    inviteCode = link?.[1] ?? "";
  }, 60_000);

  async function join(user: FakeUser, locale: Locale, name: string, phone: "share" | "skip"): Promise<Message> {
    const other: Locale = locale === "vi" ? "en" : "vi";
    const tr = (key: string, vars?: Record<string, string | number>) => t(locale, key, vars);

    let since = say(api, user, `/start ${inviteCode}`);
    const welcome = await botSends(api, user.id, fromLocale(locale, "join-invite-welcome"), since);
    expect(welcome.text).toContain(tr("role-member"));
    expect(welcome.text).not.toMatch(fromLocale(other, "join-invite-welcome"));
    await botSends(api, user.id, fromLocale(locale, "join-ask-name"), since);

    since = say(api, user, name);
    const askPhone = await botSends(api, user.id, fromLocale(locale, "join-ask-phone"), since);
    const keyboard = api.calls.find((c) => c.result === askPhone)?.payload.reply_markup;
    expect(JSON.stringify(keyboard)).toContain('"request_contact":true'); // a reply keyboard: its buttons send a contact or text
    since = api.calls.length;
    if (phone === "share") api.sendContact(user, "0912 345 678");
    else api.sendText(user, tr("btn-skip"));
    const confirm = await botSends(api, user.id, hasButton(tr("btn-confirm-join")), since);
    expect(confirm.text).toContain(name);
    expect(confirm.text).toContain(phone === "share" ? "0912345678" : tr("phone-none"));

    since = press(api, user, confirm, tr("btn-confirm-join"));
    await botSends(api, user.id, fromLocale(locale, "join-done"), since);

    since = say(api, user, "/menu");
    return botSends(api, user.id, fromLocale(locale, "menu-title"), since);
  }

  function expectMemberMenu(menu: Message, locale: Locale): void {
    const labels = labelsOf(menu);
    for (const key of ["btn-my-units", "btn-profile", "btn-help"]) expect(labels).toContain(t(locale, key));
    for (const key of ["btn-manage-units", "btn-join-requests", "btn-import-units", "btn-request-join"]) expect(labels).not.toContain(t(locale, key));
  }

  it("a newcomer whose Telegram is in English joins in English and sees a member's menu", async () => {
    expect(inviteCode).not.toBe("");
    const menu = await join(alice, "en", "Alice Nguyen", "skip");
    expectMemberMenu(menu, "en");
    expect(menu.text).toContain("Alice Nguyen");
  }, 60_000);

  it("a newcomer whose Telegram is in Vietnamese joins in Vietnamese and sees a member's menu", async () => {
    expect(inviteCode).not.toBe("");
    const menu = await join(minh, "vi", "Trần Văn Minh", "share");
    expectMemberMenu(menu, "vi");
    expect(menu.text).toContain("Trần Văn Minh");
  }, 60_000);

  it("an unknown invite code gets an explanation, not a crash", async () => {
    const stranger: FakeUser = { id: 203, first_name: "Tom", language_code: "en" };
    const since = say(api, stranger, "/start nosuchcode");
    await botSends(api, stranger.id, fromLocale("en", "invite-status-unknown"), since);
  });

  it("logged no errors, and stops cleanly (exit 0) on SIGTERM within a few seconds", async () => {
    expect(bot.output()).not.toMatch(/"level":(50|60)/);
    const { code, signal, ms } = await bot.stop("SIGTERM", 10_000);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(8_000);
    expect(bot.output()).not.toContain(api.token);
  }, 15_000);
});
