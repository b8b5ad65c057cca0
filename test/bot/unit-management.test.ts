// A district coordinator manages their part of the tree from the chat:
// create a unit, rename it, move one, merge one, change a member's role,
// remove a member, revoke an invite. Each change is checked in the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestChat } from "../helpers/telegram.ts";
import { type BotHarness, plain, startHarness, t } from "../helpers/bot.ts";

let h: BotHarness;
let coordinator: TestChat;
beforeAll(async () => {
  h = await startHarness();
  await h.makeMember(501, "HB-TL", "COORDINATOR", "Điều Phối Tân Lạc");
  coordinator = h.chat({ id: 501 });
});
afterAll(async () => {
  await h.close();
});

const vi = (key: string, vars?: Record<string, string | number>) => t("vi", key, vars);

describe("the tree", () => {
  it("/units shows the district; its card offers what a district coordinator may do", async () => {
    await coordinator.send("/units");
    expect(coordinator.lastText()).toBe(vi("units-managed"));
    expect(coordinator.buttons()).toEqual(["Huyện Tân Lạc (Tỉnh Hòa Bình (dữ liệu mẫu))", vi("btn-menu")]);
    await coordinator.press("Huyện Tân Lạc");
    expect(plain(coordinator.lastText()!)).toContain("Huyện Tân Lạc");
    expect(coordinator.buttons()).toEqual([
      vi("btn-unit-children", { count: 3 }), vi("btn-unit-add-child"), vi("btn-unit-members"), vi("btn-unit-invites"),
      vi("btn-unit-rename"), vi("btn-menu"), // no move or merge of their own unit, no way up out of their subtree
    ]);
  });

  it("creates a commune under the district: kind → name → code (bad, taken, skipped) → save", async () => {
    const district = await h.unit("HB-TL");
    await coordinator.press(vi("btn-unit-add-child"));
    expect(plain(coordinator.lastText()!)).toBe(plain(vi("unit-create-kind", { parent: "Huyện Tân Lạc" })));
    await coordinator.press(vi("kind-commune"));
    expect(coordinator.lastText()).toBe(vi("unit-create-name", { kind: vi("kind-commune") }));
    await coordinator.send("😀😀");
    expect(coordinator.lastText()).toBe(vi("unit-name-error-no_letters"));
    await coordinator.send("Xã Quy Hậu");
    expect(coordinator.lastText()).toBe(vi("unit-create-code"));
    await coordinator.send("mã có dấu");
    expect(coordinator.lastText()).toBe(vi("unit-code-invalid"));
    await coordinator.send("HB-TL-MD");
    expect(plain(coordinator.lastText()!)).toContain("HB-TL-MD");
    await coordinator.press(vi("btn-save"));
    expect(coordinator.texts()[0]).toBe(vi("errors-duplicate_code", { code: "HB-TL-MD", name: "Xã Mãn Đức" }));
    expect(coordinator.lastText()).toBe(vi("unit-create-code")); // asked again
    await coordinator.press(vi("btn-skip"));
    await coordinator.press(vi("btn-save"));
    expect(coordinator.texts()[0]).toBe(vi("unit-created", { name: "Xã Quy Hậu" }));
    expect(plain(coordinator.lastText()!)).toContain("Xã Quy Hậu"); // the new unit's card
    const created = await h.unitByName("Xã Quy Hậu");
    expect(created).toMatchObject({ kind: "COMMUNE", code: null, parentId: district.id, path: `${district.path}${created.id}/`, searchName: "xa quy hau" });
    expect(await h.prisma.auditLog.count({ where: { action: "unit.create", entityId: String(created.id), actorTelegramId: 501n } })).toBe(1);
  });

  it("renames it", async () => {
    const unit = await h.unitByName("Xã Quy Hậu");
    await coordinator.pressData(`u:${unit.id}`);
    await coordinator.press(vi("btn-unit-rename"));
    await coordinator.send("Xã Quy Hậu (mới)");
    expect(plain(coordinator.lastText()!)).toBe(plain(vi("unit-rename-confirm", { old: "Xã Quy Hậu", name: "Xã Quy Hậu (mới)" })));
    await coordinator.press(vi("btn-save"));
    expect(coordinator.texts()[0]).toBe(vi("unit-renamed", { name: "Xã Quy Hậu (mới)" }));
    expect(await h.prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).toMatchObject({ name: "Xã Quy Hậu (mới)", searchName: "xa quy hau (moi)" });
  });

  it("moves a branch to another commune of the district", async () => {
    const branch = await h.unit("HB-TL-MD-02");
    const target = await h.unit("HB-TL-MK");
    await coordinator.pressData(`u:${branch.id}`);
    await coordinator.press(vi("btn-unit-move"));
    await coordinator.send("lac son"); // outside their subtree: not offered
    expect(coordinator.texts()[0]).toBe(vi("unit-target-none", { query: "lac son" }));
    await coordinator.send("muong khen");
    await coordinator.press("Thị trấn Mường Khến");
    expect(plain(coordinator.lastText()!)).toContain("Thị trấn Mường Khến");
    await coordinator.press(vi("btn-save"));
    expect(coordinator.texts()[0]).toBe(vi("unit-move-done", { name: "Chi hội xóm Bưng", target: "Thị trấn Mường Khến" }));
    expect(await h.prisma.unit.findUniqueOrThrow({ where: { id: branch.id } })).toMatchObject({ parentId: target.id, path: `${target.path}${branch.id}/` });
  });

  it("merges the new commune into Mãn Đức: members and invites follow, history kept", async () => {
    const unit = await h.unitByName("Xã Quy Hậu (mới)");
    const into = await h.unit("HB-TL-MD");
    await h.prisma.unit.update({ where: { id: unit.id }, data: { code: "HB-TL-QH" } });
    await h.makeMember(502, "HB-TL-QH", "MEMBER", "Hội Viên Quy Hậu");
    const invite = await h.invite("HB-TL-QH");
    await coordinator.pressData(`u:${unit.id}`);
    await coordinator.press(vi("btn-unit-merge"));
    await coordinator.send("man duc");
    await coordinator.press("Xã Mãn Đức");
    await coordinator.press(vi("btn-save"));
    expect(coordinator.texts()[0]).toBe(vi("unit-merge-done", { name: "Xã Quy Hậu (mới)", target: "Xã Mãn Đức" }));
    const merged = await h.prisma.unit.findUniqueOrThrow({ where: { id: unit.id } });
    expect(merged.mergedIntoId).toBe(into.id);
    expect(merged.validTo).not.toBeNull();
    expect((await h.membershipsOf(502)).map((m) => m.unitId)).toEqual([into.id]);
    expect((await h.prisma.invite.findUniqueOrThrow({ where: { id: invite.id } })).revokedAt).not.toBeNull();
    // The old card says where it went and offers no changes.
    await coordinator.pressData(`u:${unit.id}`);
    expect(coordinator.lastText()).toContain(vi("unit-retired", { into: "Xã Mãn Đức" }));
    expect(coordinator.buttons()).not.toContain(vi("btn-unit-rename"));
  });
});

describe("members", () => {
  it("lists the members, changes a role (the member is told), removes one after a confirmation", async () => {
    const district = await h.unit("HB-TL");
    const volunteer = h.chat({ id: 503 });
    const membership = await h.makeMember(503, "HB-TL", "MEMBER", "Ngô Thị Bình");
    await coordinator.pressData(`u:${district.id}`);
    await coordinator.press(vi("btn-unit-members"));
    expect(plain(coordinator.lastText()!)).toBe(plain(vi("members-title", { unit: "Huyện Tân Lạc", count: 2 })));
    expect(coordinator.buttons()).toContain(`Ngô Thị Bình · ${vi("role-member")}`);

    await coordinator.press("Điều Phối Tân Lạc"); // their own card: nothing to change
    expect(coordinator.buttons()).toEqual([vi("btn-members-back")]);
    await coordinator.press(vi("btn-members-back"));
    await coordinator.press("Ngô Thị Bình");
    expect(coordinator.buttons()).not.toContain(vi("btn-make-role", { role: vi("role-admin") }));
    await coordinator.press(vi("btn-make-role", { role: vi("role-reporter") }));
    expect(coordinator.callbackTexts()).toEqual([vi("member-role-changed")]);
    expect(coordinator.texts()[0]).toBe(vi("member-role-changed-done", { name: "Ngô Thị Bình", role: vi("role-reporter") }));
    expect(volunteer.texts()).toEqual([vi("member-role-changed-notice", { unit: "Huyện Tân Lạc", role: vi("role-reporter") })]);
    expect(await h.prisma.membership.findUniqueOrThrow({ where: { id: membership.id } })).toMatchObject({ role: "REPORTER" });

    await coordinator.pressData(`mb:${membership.id}`);
    await coordinator.press(vi("btn-remove-member"));
    expect(plain(coordinator.lastText()!)).toBe(plain(vi("member-remove-confirm", { name: "Ngô Thị Bình", unit: "Huyện Tân Lạc" })));
    expect(await h.prisma.membership.count({ where: { id: membership.id } })).toBe(1); // not before the confirmation
    volunteer.clearReplies();
    await coordinator.press(vi("btn-remove-member-yes"));
    expect(coordinator.texts()[0]).toBe(vi("member-removed-done", { name: "Ngô Thị Bình", unit: "Huyện Tân Lạc" }));
    expect(volunteer.texts()).toEqual([vi("member-removed-notice", { unit: "Huyện Tân Lạc" })]);
    expect(await h.prisma.membership.count({ where: { id: membership.id } })).toBe(0);
    expect(await h.prisma.auditLog.count({ where: { action: "membership.remove", entityId: String(membership.id) } })).toBe(1);

    await coordinator.pressData(`mxy:${membership.id}`); // pressed again
    expect([...coordinator.callbackTexts(), ...coordinator.texts()]).toContain(vi("errors-member_not_found"));
  });
});

describe("invites", () => {
  it("lists the usable invites with their links and revokes one", async () => {
    const district = await h.unit("HB-TL");
    const invite = await h.invite("HB-TL", { role: "REPORTER", maxUses: 3 });
    await coordinator.pressData(`u:${district.id}`);
    await coordinator.press(vi("btn-unit-invites"));
    expect(coordinator.lastText()).toContain(`https://t.me/khuyenhoc_test_bot?start=${invite.code}`);
    expect(coordinator.lastText()).toContain("0/3");
    await coordinator.press(vi("btn-revoke-invite", { n: 1 }));
    expect(coordinator.callbackTexts()).toEqual([vi("invite-revoked")]);
    expect(coordinator.lastText()).not.toContain(invite.code);
    expect((await h.prisma.invite.findUniqueOrThrow({ where: { id: invite.id } })).revokedAt).not.toBeNull();
    const volunteer = h.chat();
    await volunteer.send(`/start ${invite.code}`);
    expect(volunteer.texts()).toEqual([vi("invite-status-revoked")]);
  });
});
