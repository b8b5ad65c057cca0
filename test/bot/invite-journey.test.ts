// The invite journey a coordinator and a volunteer go through, in Vietnamese
// and in English: create the invite in the chat, follow the link, answer the
// questions, become a member, see the menu for the role.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_INFO, type TestChat } from "../helpers/telegram.ts";
import { ADMIN_ID, type BotHarness, findInviteLink, plain, startHarness, t } from "../helpers/bot.ts";

let h: BotHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** /units → province → children → Tân Lạc → invites → create → role → uses → expiry → confirm. */
async function createInviteThroughChat(admin: TestChat, locale: "vi" | "en", roleKey: string): Promise<string> {
  await admin.send("/units");
  expect(admin.lastText()).toBe(t(locale, "units-managed"));
  await admin.press("Tỉnh Hòa Bình");
  expect(admin.lastText()).toContain("Tỉnh Hòa Bình");
  await admin.press(t(locale, "btn-unit-children", { count: 10 }));
  await admin.press("Huyện Tân Lạc");
  expect(plain(admin.lastText() ?? "")).toContain("Huyện Tân Lạc");
  await admin.press(t(locale, "btn-unit-invites"));
  expect(admin.lastText()).toContain(t(locale, "invites-title", { unit: "Huyện Tân Lạc" }));
  await admin.press(t(locale, "btn-create-invite"));
  expect(plain(admin.lastText() ?? "")).toBe(plain(t(locale, "invite-ask-role", { unit: "Huyện Tân Lạc" })));
  await admin.press(t(locale, roleKey));
  expect(admin.lastText()).toBe(t(locale, "invite-ask-uses"));
  await admin.press(t(locale, "invite-uses-n", { n: 10 }));
  expect(admin.lastText()).toBe(t(locale, "invite-ask-expiry"));
  await admin.press(t(locale, "invite-expiry-days", { n: 7 }));
  expect(admin.lastText()).toContain(t(locale, "invite-expiry-days", { n: 7 }));
  await admin.press(t(locale, "btn-create-invite"));
  const { link, code } = findInviteLink(admin.lastText());
  expect(link).toBe(`https://t.me/${BOT_INFO.username}?start=${code}`);
  expect(admin.lastText()).toContain("06/12/2026 10:00"); // the test clock + 7 days, in Vietnam's time zone
  return code;
}

describe.each([
  { locale: "vi" as const, volunteerId: 201, phone: null, stored: null },
  // as Telegram sends a shared contact; kept in the one shape people write it
  { locale: "en" as const, volunteerId: 202, phone: "84912345678", stored: "0912345678" },
])("invite journey ($locale)", ({ locale, volunteerId, phone, stored }) => {
  it("a volunteer joins through a link an administrator made in the chat", async () => {
    const admin = h.adminChat(locale);
    const code = await createInviteThroughChat(admin, locale, "role-member");
    const invite = await h.prisma.invite.findUniqueOrThrow({ where: { code } });
    expect(invite).toMatchObject({ role: "MEMBER", maxUses: 10, uses: 0, revokedAt: null });

    const volunteer = h.chat({ id: volunteerId, lang: locale, first_name: "Hương" });
    await volunteer.send(`/start ${code}`);
    const [welcome, askName] = volunteer.texts();
    expect(welcome).toBe(t(locale, "join-invite-welcome", { unit: "Huyện Tân Lạc", kind: t(locale, "kind-district"), role: t(locale, "role-member") }));
    expect(askName).toBe(t(locale, "join-ask-name"));
    expect(volunteer.buttons()).toContain("Hương"); // the Telegram name offered as a shortcut

    await volunteer.send("Nguyễn Thị Hương");
    expect(volunteer.lastText()).toBe(t(locale, "join-ask-phone"));
    const keyboard = volunteer.replies().at(-1)?.reply_markup as { keyboard: { text: string; request_contact?: boolean }[][] };
    expect(keyboard.keyboard[0]?.[0]).toMatchObject({ text: t(locale, "btn-share-phone"), request_contact: true });

    if (phone) await volunteer.shareContact(phone);
    else await volunteer.send(t(locale, "btn-skip"));
    expect(volunteer.texts()[0]).toBe(t(locale, phone ? "phone-saved" : "phone-skipped"));
    expect(volunteer.lastText()).toBe(
      t(locale, "join-confirm", { name: "Nguyễn Thị Hương", phone: stored ?? t(locale, "phone-none"), unit: "Huyện Tân Lạc", role: t(locale, "role-member") }),
    );
    expect(await h.prisma.member.count({ where: { telegramId: BigInt(volunteerId) } })).toBe(0); // nothing saved before confirming

    await volunteer.press(t(locale, "btn-confirm-join"));
    expect(volunteer.texts()[0]).toBe(t(locale, "join-done", { unit: "Huyện Tân Lạc", role: t(locale, "role-member") }));
    expect(volunteer.texts()).toHaveLength(2); // then a pointer to (or the) menu
    expect(volunteer.answeredCallbacks()).toHaveLength(1);

    const member = await h.prisma.member.findUniqueOrThrow({ where: { telegramId: BigInt(volunteerId) }, include: { memberships: { include: { unit: true } } } });
    expect(member).toMatchObject({ fullName: "Nguyễn Thị Hương", language: locale });
    expect(member.phone).toBe(stored);
    expect(member.memberships.map((m) => [m.unit.name, m.role])).toEqual([["Huyện Tân Lạc", "MEMBER"]]);
    expect((await h.prisma.invite.findUniqueOrThrow({ where: { code } })).uses).toBe(1);
    expect(await h.prisma.auditLog.count({ where: { action: "membership.join_by_invite", actorTelegramId: BigInt(volunteerId) } })).toBe(1);

    await volunteer.send("/menu");
    expect(volunteer.lastText()).toBe(t(locale, "menu-title", { name: "Nguyễn Thị Hương" }));
    expect(volunteer.buttons()).toEqual([
      t(locale, "btn-my-units"), t(locale, "btn-piggy"), t(locale, "btn-sponsor"), t(locale, "btn-learning"), t(locale, "btn-deadlines"), t(locale, "btn-profile"), t(locale, "btn-help"), t(locale, "btn-language"),
    ]);
    expect(volunteer.buttons()).not.toContain(t("vi", "btn-manage-units"));
  });
});

describe("roles decide the menu", () => {
  it("a coordinator joining through a coordinator invite sees the management buttons", async () => {
    const admin = h.adminChat();
    const code = await createInviteThroughChat(admin, "vi", "role-coordinator");
    const coordinator = h.chat({ id: 210 });
    await coordinator.send(`/start ${code}`);
    expect(coordinator.texts()[0]).toContain(t("vi", "role-coordinator"));
    await coordinator.send("Trần Văn Nam");
    await coordinator.send(t("vi", "btn-skip"));
    await coordinator.press(t("vi", "btn-confirm-join"));
    expect(coordinator.texts()[0]).toBe(t("vi", "join-done", { unit: "Huyện Tân Lạc", role: t("vi", "role-coordinator") }));
    // The wider command list is set for the new coordinator's chat as soon as they joined.
    const set = coordinator.calls("setMyCommands").at(-1);
    expect(set?.payload.scope).toEqual({ type: "chat", chat_id: 210 });
    expect((set?.payload.commands as { command: string }[]).map((c) => c.command)).toContain("units");
    await coordinator.send("/start");
    expect(coordinator.lastText()).toBe(t("vi", "start-welcome-back", { name: "Trần Văn Nam" }));

    await coordinator.send("/menu");
    expect(coordinator.buttons()).toEqual([
      t("vi", "btn-my-units"), t("vi", "btn-piggy"), t("vi", "btn-sponsor"), t("vi", "btn-learning"), t("vi", "btn-report-home"), t("vi", "btn-deadlines"),
      t("vi", "btn-manage-units"), t("vi", "btn-join-requests"), t("vi", "btn-broadcast-home"), t("vi", "btn-stats-home"),
      t("vi", "btn-profile"), t("vi", "btn-help"), t("vi", "btn-language"),
    ]);
  });

  it("the administrator's menu also offers the CSV import", async () => {
    const admin = h.adminChat();
    await admin.send("/menu");
    expect(admin.buttons()).toContain(t("vi", "btn-import-units"));
    expect(admin.buttons()).not.toContain(t("vi", "btn-request-join"));
    expect(ADMIN_ID).toBe(1);
  });
});
