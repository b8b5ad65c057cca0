import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/permissions.ts";
import type { Person } from "../../src/services/access.ts";
import type { UnitView } from "../../src/services/units.ts";
import { freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { expectServiceError } from "../helpers/errors.ts";

describe.each(TEST_DATABASES)("members service on %s", (kind) => {
  let env: TestEnv;
  let admin: Person;
  let district: UnitView, commune: UnitView, other: UnitView;
  let coordinator: Person;
  let nextTelegramId = 4000;

  beforeAll(async () => {
    env = await freshServices(kind);
    admin = await env.services.access.loadPerson(1);
    const province = await env.services.units.createUnit(admin, { parentId: null, name: "Tỉnh Hòa Bình", kind: "PROVINCE" });
    district = await env.services.units.createUnit(admin, { parentId: province.id, name: "Huyện Mai Châu", kind: "DISTRICT" });
    commune = await env.services.units.createUnit(admin, { parentId: district.id, name: "Xã Chiềng Châu", kind: "COMMUNE" });
    other = await env.services.units.createUnit(admin, { parentId: province.id, name: "Huyện Kim Bôi", kind: "DISTRICT" });
    coordinator = (await join("Hà Văn Điều", "COORDINATOR", district.id)).person;
  });
  afterAll(async () => {
    await env.db.close();
  });

  const db = () => env.services.deps.db;

  /** A new person with `role` in `unitId`; returns them and their membership id. */
  async function join(fullName: string, role: Role, unitId: number, language: string | null = "vi") {
    const telegramId = nextTelegramId++;
    const member = await db().member.create({ data: { telegramId: BigInt(telegramId), fullName, language } });
    const membership = await db().membership.create({ data: { memberId: member.id, unitId, role } });
    return { person: await env.services.access.loadPerson(telegramId), membershipId: membership.id, telegramId, memberId: member.id };
  }

  it("lists a unit's members, strongest role first, then by name", async () => {
    const unit = await env.services.units.createUnit(admin, { parentId: district.id, name: "Xã Danh Sách", kind: "COMMUNE" });
    const b = await join("Bùi Thị Bình", "MEMBER", unit.id);
    await join("Đinh Văn Đức", "REPORTER", unit.id);
    await join("An Thị Ánh", "MEMBER", unit.id);
    await join("Lò Văn Chính", "COORDINATOR", unit.id);
    const list = await env.services.members.listMembers(coordinator, unit.id);
    expect(list.map((m) => [m.fullName, m.role])).toEqual([
      ["Lò Văn Chính", "COORDINATOR"],
      ["Đinh Văn Đức", "REPORTER"],
      ["An Thị Ánh", "MEMBER"],
      ["Bùi Thị Bình", "MEMBER"],
    ]);
    expect(list[3]).toEqual({ membershipId: b.membershipId, memberId: b.memberId, telegramId: b.telegramId, fullName: "Bùi Thị Bình", phone: null, role: "MEMBER" });
  });

  it("does not list members for a plain member or a coordinator elsewhere", async () => {
    const member = await join("Xa Văn Lạ", "MEMBER", commune.id);
    const elsewhere = await join("Quách Thị Khác", "COORDINATOR", other.id);
    await expectServiceError(env.services.members.listMembers(member.person, commune.id), "forbidden");
    await expectServiceError(env.services.members.listMembers(elsewhere.person, commune.id), "forbidden");
  });

  it("changes a role, returns what the bot needs to tell the person, and audits it", async () => {
    const target = await join("Nguyễn Thị Hương", "MEMBER", commune.id, "en");
    const change = await env.services.members.changeRole(coordinator, target.membershipId, "REPORTER");
    expect(change).toEqual({ telegramId: target.telegramId, language: "en", fullName: "Nguyễn Thị Hương", unitName: "Xã Chiềng Châu", role: "REPORTER" });
    expect((await db().membership.findUniqueOrThrow({ where: { id: target.membershipId } })).role).toBe("REPORTER");
    const audit = await db().auditLog.findMany({ where: { entity: "Membership", entityId: String(target.membershipId) } });
    expect(audit.map((a) => [a.action, a.actorTelegramId, a.before, a.after])).toEqual([
      ["membership.change_role", BigInt(coordinator.telegramId), { role: "MEMBER" }, { role: "REPORTER" }],
    ]);
  });

  it("refuses to change one's own role", async () => {
    const self = await db().membership.findFirstOrThrow({ where: { memberId: coordinator.memberId!, unitId: district.id } });
    await expectServiceError(env.services.members.changeRole(coordinator, self.id, "MEMBER"), "self_change");
    expect((await db().membership.findUniqueOrThrow({ where: { id: self.id } })).role).toBe("COORDINATOR");
  });

  it("a coordinator can neither give ADMIN nor change an administrator", async () => {
    const target = await join("Bùi Trọng Đắc", "MEMBER", commune.id);
    await expectServiceError(env.services.members.changeRole(coordinator, target.membershipId, "ADMIN"), "role_not_allowed");
    expect((await db().membership.findUniqueOrThrow({ where: { id: target.membershipId } })).role).toBe("MEMBER");

    const adminMember = await join("Quản Trị Xã", "ADMIN", commune.id);
    await expectServiceError(env.services.members.changeRole(coordinator, adminMember.membershipId, "MEMBER"), "role_not_allowed");
    await expectServiceError(env.services.members.removeMember(coordinator, adminMember.membershipId), "role_not_allowed");
    expect((await db().membership.findUniqueOrThrow({ where: { id: adminMember.membershipId } })).role).toBe("ADMIN");
  });

  it("an administrator may give ADMIN", async () => {
    const target = await join("Mai Thị Lan", "COORDINATOR", commune.id);
    expect((await env.services.members.changeRole(admin, target.membershipId, "ADMIN")).role).toBe("ADMIN");
  });

  it("a coordinator elsewhere or a reporter of the unit may not change roles", async () => {
    const target = await join("Lường Văn Sơn", "MEMBER", commune.id);
    const elsewhere = await join("Đinh Thị Xa", "COORDINATOR", other.id);
    const reporter = await join("Hoàng Văn Báo", "REPORTER", commune.id);
    await expectServiceError(env.services.members.changeRole(elsewhere.person, target.membershipId, "REPORTER"), "forbidden");
    await expectServiceError(env.services.members.changeRole(reporter.person, target.membershipId, "REPORTER"), "forbidden");
    await expectServiceError(env.services.members.changeRole(coordinator, 999_999, "REPORTER"), "member_not_found");
  });

  it("removes a member and keeps what they were in the audit", async () => {
    const target = await join("Vì Thị Nga", "REPORTER", commune.id);
    const removed = await env.services.members.removeMember(coordinator, target.membershipId);
    expect(removed).toEqual({ telegramId: target.telegramId, language: "vi", fullName: "Vì Thị Nga", unitName: "Xã Chiềng Châu", role: "REPORTER" });
    expect(await db().membership.findUnique({ where: { id: target.membershipId } })).toBeNull();
    expect(await db().member.findUnique({ where: { id: target.memberId } })).not.toBeNull(); // the person stays
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "membership.remove", entityId: String(target.membershipId) } });
    expect(audit.before).toEqual({ memberId: target.memberId, unitId: commune.id, role: "REPORTER" });
    expect(audit.after).toBeNull();
  });

  it("refuses to remove oneself or someone in another subtree", async () => {
    const self = await db().membership.findFirstOrThrow({ where: { memberId: coordinator.memberId!, unitId: district.id } });
    await expectServiceError(env.services.members.removeMember(coordinator, self.id), "self_change");
    const elsewhere = await join("Quách Văn Xa", "MEMBER", other.id);
    await expectServiceError(env.services.members.removeMember(coordinator, elsewhere.membershipId), "forbidden");
    expect(await db().membership.findUnique({ where: { id: elsewhere.membershipId } })).not.toBeNull();
  });
});
