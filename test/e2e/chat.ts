// Driving the bot through the fake Bot API the way people do, for the journeys end to end:
// wait for an expected message (and show what came instead), type, press a button, and the
// administrator's way to make invites with the chat's buttons; newcomers join with them.
import { expect } from "vitest";
import type { Message } from "grammy/types";
import type { FakeBotApi, FakeUser } from "../helpers/fake-bot-api.ts";
import { botSends, buttonsOf, fromLocale, hasButton, labelsOf, press, say, t, type Locale } from "./support.ts";

export type Expect = string | RegExp | ((m: Message) => boolean);
const matcher = (e: Expect) => (typeof e === "string" ? (m: Message) => m.text === e : e);

export const withButton = (text: string, label: string) => (m: Message) => m.text === text && labelsOf(m).includes(label);

export function chatDriver(api: FakeBotApi, admin: FakeUser) {
  /**
   * The bot's first message to the user from `since` on that is `expected` (a whole text, a pattern, a test).
   * When it does not come, the error shows what came instead.
   */
  async function reply(user: FakeUser, since: number, expected: Expect): Promise<Message> {
    try {
      return await botSends(api, user.id, matcher(expected), since);
    } catch (error) {
      const came = api.calls.filter((x, i) => i >= since && x.method === "sendMessage" && x.payload.chat_id === user.id).map((x) => JSON.stringify(x.payload.text));
      const wanted = typeof expected === "function" ? "(a test)" : JSON.stringify(String(expected));
      const lines = [(error as Error).message, `expected in chat ${user.id}: ${wanted}`, "the bot sent there instead:", ...(came.length > 0 ? came : ["nothing"])];
      throw new Error(lines.join("\n  "), { cause: error });
    }
  }
  /** Types a text and waits for the expected answer. */
  const send = (user: FakeUser, text: string, expected: Expect) => reply(user, say(api, user, text), expected);
  /** Presses the button with this label (or whose data matches) and waits for the expected answer. */
  const tap = (user: FakeUser, m: Message, button: string | RegExp, expected: Expect) => reply(user, press(api, user, m, button), expected);

  const vi = (key: string, vars?: Record<string, string | number>) => t("vi", key, vars);

  /** The administrator's way to a unit card: /menu → Manage units → the top unit → down by name. */
  async function openUnit(path: string[], code: string): Promise<Message> {
    let m = await send(admin, "/menu", hasButton(vi("btn-manage-units")));
    m = await tap(admin, m, vi("btn-manage-units"), fromLocale("vi", "units-managed"));
    m = await tap(admin, m, /^u:\d+$/, fromLocale("vi", "unit-card")); // the top of the example tree
    for (const name of path) m = await openChild(m, name);
    expect(m.text).toMatch(fromLocale("vi", "unit-card", { name: path.at(-1) ?? "", code }));
    return m;
  }

  /** From a unit card: the list of the units under it, page by page, until `name`; its card. */
  async function openChild(card: Message, name: string): Promise<Message> {
    let list = await tap(admin, card, /^uc:\d+:0$/, fromLocale("vi", "units-children"));
    for (;;) {
      const child = buttonsOf(list).find((b) => b.text.startsWith(`${name} · `));
      if (child) return tap(admin, list, child.text, fromLocale("vi", "unit-card", { name }));
      if (!labelsOf(list).includes("▶")) throw new Error(`no unit ${name} under this one: ${JSON.stringify(labelsOf(list))}`);
      list = await tap(admin, list, "▶", fromLocale("vi", "units-children")); // the next page
    }
  }

  /** From a unit card: Invites → Create → role → 1 use → 7 days → Create; returns the code of the link. */
  async function createInvite(card: Message, unit: string, roleKey: string): Promise<string> {
    let m = await tap(admin, card, vi("btn-unit-invites"), hasButton(vi("btn-create-invite")));
    m = await tap(admin, m, vi("btn-create-invite"), vi("invite-ask-role", { unit }));
    m = await tap(admin, m, vi(roleKey), vi("invite-ask-uses"));
    m = await tap(admin, m, vi("invite-uses-n", { n: 1 }), vi("invite-ask-expiry"));
    const confirm = vi("invite-confirm", { unit, role: vi(roleKey), uses: vi("invite-uses-n", { n: 1 }), expiry: vi("invite-expiry-days", { n: 7 }) });
    m = await tap(admin, m, vi("invite-expiry-days", { n: 7 }), confirm);
    m = await tap(admin, m, vi("btn-create-invite"), fromLocale("vi", "invite-created", { unit, role: vi(roleKey) }));
    const link = new RegExp(`https://t\\.me/${api.botInfo.username}\\?start=([A-Za-z0-9_-]+)`).exec(m.text ?? "");
    expect(link, m.text).not.toBeNull();
    return link?.[1] ?? "";
  }

  /** A newcomer joins with `/start <code>`: name typed, phone skipped, confirmed; returns the menu they get. */
  async function join(locale: Locale, user: FakeUser, code: string, fullName: string, unit: string, roleKey: string, menuButton: string): Promise<{ menu: Message; joinedAt: number }> {
    const tr = (key: string, vars?: Record<string, string | number>) => t(locale, key, vars);
    expect(code, "the invite made by the administrator").not.toBe("");
    const role = tr(roleKey);
    const since = say(api, user, `/start ${code}`);
    await reply(user, since, fromLocale(locale, "join-invite-welcome", { unit, role }));
    await reply(user, since, tr("join-ask-name"));
    await send(user, fullName, tr("join-ask-phone"));
    const confirm = await send(user, tr("btn-skip"), withButton(tr("join-confirm", { name: fullName, phone: tr("phone-none"), unit, role }), tr("btn-confirm-join")));
    const joinedAt = press(api, user, confirm, tr("btn-confirm-join"));
    await reply(user, joinedAt, tr("join-done", { unit, role }));
    const menu = await reply(user, joinedAt, (m) => fromLocale(locale, "menu-title", { name: fullName }).test(m.text ?? "") && labelsOf(m).includes(menuButton));
    return { menu, joinedAt };
  }

  return { reply, send, tap, openUnit, openChild, createInvite, join };
}
