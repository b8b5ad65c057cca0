// Going back one step, cancelling at every step (nothing saved), a command in
// the middle of a flow, and a restart of the bot in the middle of a flow.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestChat } from "../helpers/telegram.ts";
import { type BotHarness, findInviteLink, startHarness, t } from "../helpers/bot.ts";

let h: BotHarness;
let code: string;
beforeAll(async () => {
  h = await startHarness();
  code = (await h.invite("HB-TL-MD", { maxUses: 50 })).code;
});
afterAll(async () => {
  await h.close();
});

const uses = async () => (await h.prisma.invite.findUniqueOrThrow({ where: { code } })).uses;
const isMember = async (id: number) => (await h.prisma.member.count({ where: { telegramId: BigInt(id) } })) > 0;

/** The flow is over: plain text is not taken as an answer any more. */
async function expectNoFlow(chat: TestChat): Promise<void> {
  await chat.send("Lê Văn Ba");
  expect(chat.lastText()).toBe(t("vi", "unknown-message"));
}

describe("back one step", () => {
  it("name → phone → back → name again; the second name is the one saved", async () => {
    const chat = h.chat();
    await chat.send(`/start ${code}`);
    await chat.send("Lê Văn Một");
    expect(chat.lastText()).toBe(t("vi", "join-ask-phone"));
    await chat.send(t("vi", "btn-back"));
    expect(chat.lastText()).toBe(t("vi", "join-ask-name"));
    expect(chat.replies()[0]?.reply_markup).toEqual({ remove_keyboard: true }); // the phone keyboard goes away
    await chat.send("Lê Văn Hai");
    await chat.send(t("vi", "btn-skip"));
    expect(chat.lastText()).toContain("Lê Văn Hai");
    // …and back from the confirmation asks the phone again (one step, not two).
    await chat.press(t("vi", "btn-back"));
    expect(chat.lastText()).toBe(t("vi", "join-ask-phone"));
    await chat.send(t("vi", "btn-back"));
    expect(chat.lastText()).toBe(t("vi", "join-ask-name"));
    await chat.send("Lê Văn Ba");
    await chat.send(t("vi", "btn-skip"));
    await chat.press(t("vi", "btn-confirm-join"));
    const member = await h.prisma.member.findUniqueOrThrow({ where: { telegramId: BigInt(chat.id) } });
    expect(member.fullName).toBe("Lê Văn Ba");
  });

  it("the first question has no way back, only cancel", async () => {
    const chat = h.chat();
    await chat.send(`/start ${code}`);
    const labels = chat.buttons();
    expect(labels).toContain(t("vi", "btn-cancel"));
    expect(labels).not.toContain(t("vi", "btn-back"));
    await chat.press(t("vi", "btn-cancel"));
    expect(chat.lastText()).toBe(t("vi", "flow-cancelled"));
    expect(await isMember(chat.id)).toBe(false);
  });

  it("asking to join: back from the name goes back to choosing the unit", async () => {
    const chat = h.chat();
    await chat.send("/start");
    await chat.press("join");
    await chat.send("man duc");
    await chat.press("Xã Mãn Đức");
    expect(chat.lastText()).toBe(t("vi", "join-ask-name"));
    await chat.press(t("vi", "btn-back"));
    expect(chat.lastText()).toBe(t("vi", "request-ask-search"));
    expect(await h.prisma.joinRequest.count({ where: { telegramId: BigInt(chat.id) } })).toBe(0);
  });
});

describe("cancel at every step saves nothing", () => {
  const steps: [string, (chat: TestChat) => Promise<void>][] = [
    ["name", async () => {}],
    ["phone", async (chat) => chat.send("Lê Văn Một")],
    ["confirm", async (chat) => {
      await chat.send("Lê Văn Một");
      await chat.shareContact("84912345678");
    }],
  ];
  const ways: [string, (chat: TestChat, step: string) => Promise<void>][] = [
    ["/cancel", (chat) => chat.send("/cancel")],
    ["the cancel button", (chat, step) => (step === "phone" ? chat.send(t("vi", "btn-cancel")) : chat.press(t("vi", "btn-cancel")))],
  ];
  for (const [step, reach] of steps) {
    for (const [way, cancel] of ways) {
      it(`at the ${step} step with ${way}`, async () => {
        const before = await uses();
        const chat = h.chat();
        await chat.send(`/start ${code}`);
        await reach(chat);
        await cancel(chat, step);
        expect(chat.lastText()).toBe(t("vi", "flow-cancelled"));
        expect(await isMember(chat.id)).toBe(false);
        expect(await uses()).toBe(before);
        await expectNoFlow(chat);
      });
    }
  }

  it("/cancel with nothing going on says so", async () => {
    const chat = h.chat();
    await chat.send("/cancel");
    expect(chat.lastText()).toBe(t("vi", "cancel-nothing"));
  });

  it("cancelling the invite creation creates no invite", async () => {
    const admin = h.adminChat();
    const unit = await h.unit("HB-CP");
    const before = await h.prisma.invite.count({ where: { unitId: unit.id } });
    await admin.send("/units");
    await admin.pressData(`ia:${unit.id}`);
    await admin.press(t("vi", "role-reporter"));
    await admin.press(t("vi", "invite-uses-unlimited"));
    await admin.press(t("vi", "invite-expiry-never"));
    await admin.send("/cancel");
    expect(admin.lastText()).toBe(t("vi", "flow-cancelled"));
    expect(await h.prisma.invite.count({ where: { unitId: unit.id } })).toBe(before);
  });
});

describe("a command in the middle of a flow", () => {
  it("/menu leaves the flow and shows the menu", async () => {
    const chat = h.chat();
    await chat.send(`/start ${code}`);
    await chat.send("/menu");
    expect(chat.lastText()).toBe(t("vi", "menu-title", { name: chat.user.first_name }));
    expect(chat.buttons()).toContain(t("vi", "btn-request-join"));
    await expectNoFlow(chat);
    expect(await isMember(chat.id)).toBe(false);
  });

  it("an old button of the left flow is answered as outdated", async () => {
    const chat = h.chat();
    await chat.send(`/start ${code}`);
    const question = chat.lastInline()!;
    await chat.send("/help");
    await chat.press(t("vi", "btn-cancel"), { messageId: question.message_id });
    expect(chat.answeredCallbacks()).toMatchObject([{ text: t("vi", "stale-button"), ok: true }]);
    expect(chat.texts()).toEqual([]);
  });
});

describe("a restart in the middle of a flow loses nothing", () => {
  it("the invite creation and the join resume on a new bot instance", async () => {
    const admin = h.adminChat();
    const unit = await h.unit("HB-YT");
    await admin.send("/units");
    await admin.pressData(`ia:${unit.id}`);
    await admin.press(t("vi", "role-member"));
    h.restart();
    await admin.press(t("vi", "invite-uses-n", { n: 1 }));
    expect(admin.lastText()).toBe(t("vi", "invite-ask-expiry"));
    h.restart();
    await admin.press(t("vi", "invite-expiry-days", { n: 30 }));
    await admin.press(t("vi", "btn-create-invite"));
    const { code: fresh } = findInviteLink(admin.lastText());
    expect(await h.prisma.invite.findUniqueOrThrow({ where: { code: fresh } })).toMatchObject({ unitId: unit.id, maxUses: 1 });

    const chat = h.chat();
    await chat.send(`/start ${fresh}`);
    await chat.send("Đinh Thị Lan");
    h.restart();
    await chat.send(t("vi", "btn-skip"));
    expect(chat.lastText()).toContain("Đinh Thị Lan");
    h.restart();
    await chat.press(t("vi", "btn-confirm-join"));
    expect(chat.texts()[0]).toContain("Huyện Yên Thủy");
    expect((await h.membershipsOf(chat.id)).map((m) => m.unit.name)).toEqual(["Huyện Yên Thủy"]);
  });
});
