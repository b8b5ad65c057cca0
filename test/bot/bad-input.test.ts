// Bad input on the way in: invite codes that do not (or no longer) work, and
// names that are empty, only emoji or far too long. Each gets a clear message
// and never a crash; nothing is saved.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestChat } from "../helpers/telegram.ts";
import { ADMIN_ID, type BotHarness, startHarness, t } from "../helpers/bot.ts";

let h: BotHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const isMember = async (id: number) => (await h.prisma.member.count({ where: { telegramId: BigInt(id) } })) > 0;

async function expectNoFlow(chat: TestChat): Promise<void> {
  await chat.send("Lê Văn Ba");
  expect(chat.lastText()).toBe(t("vi", "unknown-message"));
}

describe("invite codes that do not work", () => {
  const cases: [string, () => Promise<string>][] = [
    ["unknown", async () => "khongcoma99"],
    ["unknown", async () => "<b>x</b>'; DROP TABLE"],
    ["expired", async () => {
      const invite = await h.invite("HB-TL", { expiresAt: new Date(h.env.clock.now.getTime() + 3_600_000) });
      h.env.clock.now = new Date(h.env.clock.now.getTime() + 2 * 3_600_000); // two hours later
      return invite.code;
    }],
    ["revoked", async () => {
      const invite = await h.invite("HB-TL");
      await h.services.invites.revokeInvite(await h.person(ADMIN_ID), invite.id);
      return invite.code;
    }],
    ["used_up", async () => {
      const invite = await h.invite("HB-TL", { maxUses: 1 });
      await h.services.invites.acceptInvite(invite.code, { telegramId: 9001, fullName: "Người Đầu Tiên", phone: null, language: "vi" });
      return invite.code;
    }],
  ];
  for (const [status, make] of cases) {
    it(`${status}: a clear message, no flow, nothing saved`, async () => {
      const code = await make();
      const chat = h.chat();
      await chat.send(`/start ${code}`);
      expect(chat.texts()).toEqual([t("vi", `invite-status-${status}`)]);
      await expectNoFlow(chat);
      expect(await isMember(chat.id)).toBe(false);
    });
  }

  it("in English for an English Telegram", async () => {
    const chat = h.chat({ lang: "en" });
    await chat.send("/start khongcoma99");
    expect(chat.texts()).toEqual([t("en", "invite-status-unknown")]);
  });

  it("the last use taken by someone else while one was answering: told at the confirmation", async () => {
    const invite = await h.invite("HB-TL", { maxUses: 1 });
    const late = h.chat();
    await late.send(`/start ${invite.code}`);
    await late.send("Phạm Văn Chậm");
    await late.send(t("vi", "btn-skip"));
    const early = h.chat();
    await early.send(`/start ${invite.code}`);
    await early.send("Phạm Văn Nhanh");
    await early.send(t("vi", "btn-skip"));
    await early.press(t("vi", "btn-confirm-join"));
    await late.press(t("vi", "btn-confirm-join"));
    expect(late.texts()).toEqual([t("vi", "errors-invite_used_up")]);
    expect(await isMember(late.id)).toBe(false);
    expect(await isMember(early.id)).toBe(true);
  });

  it("joining again with a weaker invite: already a member", async () => {
    const chat = h.chat();
    await h.makeMember(chat.id, "HB-TL-MD", "COORDINATOR", "Vũ Văn Đã");
    const invite = await h.invite("HB-TL-MD");
    await chat.send(`/start ${invite.code}`);
    await chat.send("Vũ Văn Đã");
    await chat.send(t("vi", "btn-skip"));
    await chat.press(t("vi", "btn-confirm-join"));
    expect(chat.texts()).toEqual([t("vi", "errors-already_member", { unit: "Xã Mãn Đức" })]);
    expect((await h.membershipsOf(chat.id)).map((m) => m.role)).toEqual(["COORDINATOR"]);
    expect((await h.prisma.invite.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(0);
  });
});

describe("names", () => {
  const bad: [string, string][] = [
    ["blank", "   "],
    ["emoji only", "😀😀"],
    ["500 characters", "Nguyễn ".repeat(72).slice(0, 500)],
    ["digits", "Nguyen 123"],
    ["two names pasted on two lines", "Nguyễn Văn A\nTrần Thị B"],
  ];
  const errorKey: Record<string, string> = {
    blank: "name-error-empty", "emoji only": "name-error-no_letters", "500 characters": "name-error-too_long",
    digits: "name-error-invalid_characters", "two names pasted on two lines": "name-error-invalid_characters",
  };

  it("each bad name gets a friendly error and another try; then a valid name is taken", async () => {
    const invite = await h.invite("HB-LS");
    const chat = h.chat();
    await chat.send(`/start ${invite.code}`);
    for (const [label, name] of bad) {
      await chat.send(name);
      expect(chat.texts(), label).toEqual([t("vi", errorKey[label]!)]);
    }
    await chat.send("  Nguyễn   Thị  Hương ");
    expect(chat.lastText()).toBe(t("vi", "join-ask-phone"));
    await chat.send("12345");
    expect(chat.lastText()).toBe(t("vi", "phone-invalid"));
    await chat.shareContact("84987654321", { ownerId: 4242 });
    expect(chat.lastText()).toBe(t("vi", "phone-not-yours"));
    await chat.send("0912 345 678");
    await chat.press(t("vi", "btn-confirm-join"));
    const member = await h.prisma.member.findUniqueOrThrow({ where: { telegramId: BigInt(chat.id) } });
    expect(member).toMatchObject({ fullName: "Nguyễn Thị Hương", phone: "0912345678" });
  });

  it("a sticker or a button press where a name is expected is answered", async () => {
    const invite = await h.invite("HB-LS");
    const chat = h.chat();
    await chat.send(`/start ${invite.code}`);
    await chat.shareContact("84912345678");
    expect(chat.texts()).toEqual([t("vi", "flow-send-text")]);
    await chat.pressData("u:1");
    expect(chat.answeredCallbacks()).toMatchObject([{ text: t("vi", "stale-button"), ok: true }]);
    await chat.send("Hà Văn Kiên");
    expect(chat.lastText()).toBe(t("vi", "join-ask-phone"));
  });
});
