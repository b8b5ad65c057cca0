import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/permissions.ts";
import type { Person } from "../../src/services/access.ts";
import { freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { expectServiceError } from "../helpers/errors.ts";

describe.each(TEST_DATABASES)("units service on %s", (kind) => {
  let env: TestEnv;
  let admin: Person;
  let nextTelegramId = 1000;

  beforeAll(async () => {
    env = await freshServices(kind);
    admin = await env.services.access.loadPerson(1);
  });
  afterAll(async () => {
    await env.db.close();
  });

  const db = () => env.services.deps.db;

  /** A new person holding `role` in `unitId`. */
  async function personWith(role: Role, unitId: number): Promise<Person> {
    const telegramId = nextTelegramId++;
    const member = await db().member.create({ data: { telegramId: BigInt(telegramId), fullName: `Người ${telegramId}`, language: "vi" } });
    await db().membership.create({ data: { memberId: member.id, unitId, role } });
    return env.services.access.loadPerson(telegramId);
  }

  /** province ─┬─ d1 ─ commune ─ branch
   *            └─ d2 */
  async function smallTree(label: string) {
    const { createUnit } = env.services.units;
    const province = await createUnit(admin, { parentId: null, name: `Tỉnh ${label}`, kind: "PROVINCE" });
    const d1 = await createUnit(admin, { parentId: province.id, name: `Huyện Một ${label}`, kind: "DISTRICT" });
    const d2 = await createUnit(admin, { parentId: province.id, name: `Huyện Hai ${label}`, kind: "DISTRICT" });
    const commune = await createUnit(admin, { parentId: d1.id, name: `Xã ${label}`, kind: "COMMUNE" });
    const branch = await createUnit(admin, { parentId: commune.id, name: `Chi hội ${label}`, kind: "BRANCH" });
    return { province, d1, d2, commune, branch };
  }

  const unitRows = () => db().unit.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, path: true, parentId: true, validTo: true } });
  const auditFor = (entityId: number, action: string) =>
    db().auditLog.findMany({ where: { entity: "Unit", entityId: String(entityId), action }, orderBy: { id: "asc" } });

  it("creates units with materialised paths and an audit row each", async () => {
    const province = await env.services.units.createUnit(admin, { parentId: null, name: "  Tỉnh   Tạo Mới ", kind: "PROVINCE", code: "TAO" });
    const commune = await env.services.units.createUnit(admin, { parentId: province.id, name: "Xã Đồng Tâm", kind: "COMMUNE" });
    expect(province).toMatchObject({ name: "Tỉnh Tạo Mới", code: "TAO", parentId: null, path: `/${province.id}/`, retired: false });
    expect(commune).toMatchObject({ parentId: province.id, parentName: "Tỉnh Tạo Mới", path: `/${province.id}/${commune.id}/`, code: null });
    expect((await env.services.units.getUnitView(province.id)).childCount).toBe(1);

    const audit = await auditFor(commune.id, "unit.create");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorTelegramId).toBe(1n);
    expect(audit[0]!.after).toEqual({ name: "Xã Đồng Tâm", kind: "COMMUNE", code: null, parentId: province.id });
  });

  it("refuses a duplicate code and saves neither the unit nor an audit row", async () => {
    await env.services.units.createUnit(admin, { parentId: null, name: "Tỉnh Mã Trùng", kind: "PROVINCE", code: "DUP-1" });
    const units = await db().unit.count();
    const audits = await db().auditLog.count();
    await expectServiceError(env.services.units.createUnit(admin, { parentId: null, name: "Tỉnh Khác", kind: "PROVINCE", code: "DUP-1" }), "duplicate_code");
    expect(await db().unit.count()).toBe(units);
    expect(await db().auditLog.count()).toBe(audits);
  });

  it.each([
    { label: "empty", name: "" },
    { label: "only spaces", name: "   " },
    { label: "one letter", name: "A" },
    { label: "151 characters", name: "x".repeat(151) },
    { label: "an emoji", name: "Chi hội 🎉" },
    { label: "two lines", name: "Tên một\nTên hai" },
    { label: "digits only", name: "123" },
  ])("refuses a bad name ($label)", async ({ name }) => {
    const units = await db().unit.count();
    await expectServiceError(env.services.units.createUnit(admin, { parentId: null, name, kind: "PROVINCE" }), "bad_name");
    expect(await db().unit.count()).toBe(units);
  });

  it("refuses a malformed code", async () => {
    await expectServiceError(env.services.units.createUnit(admin, { parentId: null, name: "Tỉnh Mã Sai", kind: "PROVINCE", code: "mã có dấu" }), "bad_code");
  });

  it("refuses malformed input (a forged kind or id) before touching anything", async () => {
    const { d1: district } = await smallTree("Giả");
    const before = await unitRows();
    const forged = [
      { parentId: district.id, name: "Xã Giả", kind: "PLANET" },
      { parentId: -1, name: "Xã Giả", kind: "COMMUNE" },
      { parentId: 1.5, name: "Xã Giả", kind: "COMMUNE" },
      { parentId: district.id, name: 42, kind: "COMMUNE" },
    ];
    for (const input of forged) {
      await expectServiceError(env.services.units.createUnit(admin, input as never), "bad_input");
    }
    expect(await unitRows()).toEqual(before);
  });

  it("lists a unit's children in Vietnamese alphabetical order", async () => {
    const { createUnit } = env.services.units;
    const province = await createUnit(admin, { parentId: null, name: "Tỉnh Thứ Tự", kind: "PROVINCE" });
    for (const name of ["Huyện Lương Sơn", "Huyện Lạc Thủy", "Huyện Đà Bắc", "Huyện Lạc Sơn", "Huyện Yên Thủy"]) {
      await createUnit(admin, { parentId: province.id, name, kind: "DISTRICT" });
    }
    const names = (await env.services.units.listChildren(admin, province.id)).map((u) => u.name);
    expect(names).toEqual(["Huyện Đà Bắc", "Huyện Lạc Sơn", "Huyện Lạc Thủy", "Huyện Lương Sơn", "Huyện Yên Thủy"]);
  });

  it("renames a unit and records the name before and after", async () => {
    const t = await smallTree("Đổi Tên");
    const renamed = await env.services.units.renameUnit(admin, t.commune.id, "Xã Mới Sau Sáp Nhập");
    expect(renamed.name).toBe("Xã Mới Sau Sáp Nhập");
    const audit = await auditFor(t.commune.id, "unit.rename");
    expect(audit.map((a) => [a.before, a.after])).toEqual([[{ name: "Xã Đổi Tên" }, { name: "Xã Mới Sau Sáp Nhập" }]]);
    expect((await env.services.units.searchUnits("moi sau sap nhap")).map((u) => u.id)).toEqual([t.commune.id]);
    await expectServiceError(env.services.units.renameUnit(admin, t.commune.id, "?"), "bad_name");
  });

  it("moves a unit and rewrites the paths of its whole subtree", async () => {
    const t = await smallTree("Di Chuyển");
    const moved = await env.services.units.moveUnit(admin, t.commune.id, t.d2.id);
    expect(moved).toMatchObject({ parentId: t.d2.id, path: `/${t.province.id}/${t.d2.id}/${t.commune.id}/` });
    const branch = await env.services.units.getUnitView(t.branch.id);
    expect(branch.path).toBe(`/${t.province.id}/${t.d2.id}/${t.commune.id}/${t.branch.id}/`);
    expect((await env.services.units.getUnitView(t.d1.id)).childCount).toBe(0);
    const audit = await auditFor(t.commune.id, "unit.move");
    expect(audit.map((a) => [a.before, a.after])).toEqual([[{ parentId: t.d1.id }, { parentId: t.d2.id }]]);
  });

  it("refuses to move a unit into its own subtree and changes nothing", async () => {
    const t = await smallTree("Vòng Lặp");
    const before = await unitRows();
    await expectServiceError(env.services.units.moveUnit(admin, t.d1.id, t.branch.id), "move_into_own_subtree");
    await expectServiceError(env.services.units.moveUnit(admin, t.d1.id, t.d1.id), "move_into_own_subtree");
    expect(await unitRows()).toEqual(before);
    expect(await auditFor(t.d1.id, "unit.move")).toEqual([]);
  });

  it("merges a unit: children, members and pending requests move, invites are revoked, the unit retires", async () => {
    const t = await smallTree("Sáp Nhập");
    const member = await personWith("REPORTER", t.d1.id);
    const invite = await env.services.invites.createInvite(admin, { unitId: t.d1.id, role: "MEMBER", maxUses: null, expiresAt: null });
    const { request } = await env.services.joinRequests.createJoinRequest({ telegramId: 9001, fullName: "Lò Văn Pầng", phone: null, language: "vi", unitId: t.d1.id });
    const joined = new Date("2025-03-01T03:00:00Z"); // the day they joined: reports count new members by it
    await db().membership.updateMany({ where: { memberId: member.memberId! }, data: { createdAt: joined } });

    const merged = await env.services.units.mergeUnit(admin, t.d1.id, t.d2.id);
    expect(merged).toMatchObject({ retired: true, mergedIntoName: t.d2.name, childCount: 0, memberCount: 0 });
    const row = await db().unit.findUniqueOrThrow({ where: { id: t.d1.id } });
    expect(row.mergedIntoId).toBe(t.d2.id);
    expect(row.validTo).toEqual(env.clock.now);

    const commune = await env.services.units.getUnitView(t.commune.id);
    expect(commune).toMatchObject({ parentId: t.d2.id, path: `/${t.province.id}/${t.d2.id}/${t.commune.id}/` });
    expect((await env.services.units.getUnitView(t.branch.id)).path).toBe(`/${t.province.id}/${t.d2.id}/${t.commune.id}/${t.branch.id}/`);
    const memberships = await db().membership.findMany({ where: { memberId: member.memberId! } });
    expect(memberships.map((m) => [m.unitId, m.role, m.createdAt])).toEqual([[t.d2.id, "REPORTER", joined]]);
    expect((await db().invite.findUniqueOrThrow({ where: { id: invite.id } })).revokedAt).toEqual(env.clock.now);
    expect((await db().joinRequest.findUniqueOrThrow({ where: { id: request.id } })).unitId).toBe(t.d2.id);
    expect(await auditFor(t.d1.id, "unit.merge")).toHaveLength(1);
  });

  it("merging keeps the stronger role and the earlier joining day of someone already in the target unit", async () => {
    const t = await smallTree("Giữ Vai Trò");
    const promoted = await personWith("COORDINATOR", t.d1.id);
    await db().membership.create({ data: { memberId: promoted.memberId!, unitId: t.d2.id, role: "MEMBER" } });
    const kept = await personWith("MEMBER", t.d1.id);
    const earlier = new Date("2024-09-05T02:00:00Z");
    await db().membership.updateMany({ where: { memberId: kept.memberId! }, data: { createdAt: earlier } });
    await db().membership.create({ data: { memberId: kept.memberId!, unitId: t.d2.id, role: "REPORTER" } });

    await env.services.units.mergeUnit(admin, t.d1.id, t.d2.id);
    const roles = async (p: Person) => (await db().membership.findMany({ where: { memberId: p.memberId! } })).map((m) => [m.unitId, m.role]);
    expect(await roles(promoted)).toEqual([[t.d2.id, "COORDINATOR"]]);
    expect(await roles(kept)).toEqual([[t.d2.id, "REPORTER"]]);
    // Joined the merged unit earlier than the target: that earlier day is kept.
    expect((await db().membership.findFirstOrThrow({ where: { memberId: kept.memberId! } })).createdAt).toEqual(earlier);
  });

  it("refuses to merge into itself or into a descendant, and changes nothing", async () => {
    const t = await smallTree("Sáp Nhập Sai");
    const before = await unitRows();
    await expectServiceError(env.services.units.mergeUnit(admin, t.d1.id, t.d1.id), "merge_into_self");
    await expectServiceError(env.services.units.mergeUnit(admin, t.d1.id, t.commune.id), "merge_into_descendant");
    await expectServiceError(env.services.units.mergeUnit(admin, t.d1.id, t.branch.id), "merge_into_descendant");
    expect(await unitRows()).toEqual(before);
  });

  it("searches without accents among current units only", async () => {
    const t = await smallTree("Tìm Kiếm");
    const tanLac = await env.services.units.createUnit(admin, { parentId: t.province.id, name: "Huyện Tân Lạc", kind: "DISTRICT" });
    const old = await env.services.units.createUnit(admin, { parentId: t.province.id, name: "Xã Tân Lạc Cũ", kind: "COMMUNE" });
    await env.services.units.mergeUnit(admin, old.id, tanLac.id);

    expect((await env.services.units.searchUnits("tan lac")).map((u) => u.name)).toEqual(["Huyện Tân Lạc"]);
    expect(await env.services.units.searchUnits("TÂN  LẠC")).toEqual([
      { id: tanLac.id, name: "Huyện Tân Lạc", kind: "DISTRICT", parentName: t.province.name },
    ]);
    expect(await env.services.units.searchUnits("tan lac cu")).toEqual([]);
    expect(await env.services.units.searchUnits("t")).toEqual([]);
  });

  it("treats % and _ in a search as plain characters", async () => {
    const t = await smallTree("Ký Tự Đại Diện");
    const underscored = await env.services.units.createUnit(admin, { parentId: t.d2.id, name: "Chi hội tổ_7 Đại Diện", kind: "BRANCH" });
    expect(await env.services.units.searchUnits("%%")).toEqual([]);
    expect(await env.services.units.searchUnits("x_ ky tu dai dien")).toEqual([]); // would match "xa ky tu…" as a wildcard
    expect((await env.services.units.searchUnits("to_7")).map((u) => u.id)).toEqual([underscored.id]);
  });

  it("keeps a coordinator inside their own subtree and saves nothing when refused", async () => {
    const t = await smallTree("Phân Quyền");
    const coordinator = await personWith("COORDINATOR", t.d1.id);
    const before = await unitRows();
    const audits = await db().auditLog.count();

    await expectServiceError(env.services.units.renameUnit(coordinator, t.d2.id, "Huyện Bị Đổi"), "forbidden");
    await expectServiceError(env.services.units.createUnit(coordinator, { parentId: t.d2.id, name: "Xã Lạ", kind: "COMMUNE" }), "forbidden");
    await expectServiceError(env.services.units.createUnit(coordinator, { parentId: null, name: "Tỉnh Lạ", kind: "PROVINCE" }), "forbidden");
    await expectServiceError(env.services.units.moveUnit(coordinator, t.commune.id, t.d2.id), "forbidden");
    await expectServiceError(env.services.units.moveUnit(coordinator, t.d1.id, t.d2.id), "forbidden"); // needs authority above d1
    await expectServiceError(env.services.units.mergeUnit(coordinator, t.commune.id, t.d2.id), "forbidden");

    expect(await unitRows()).toEqual(before);
    expect(await db().auditLog.count()).toBe(audits);
  });

  it("lets a coordinator manage units under them", async () => {
    const t = await smallTree("Điều Phối");
    const coordinator = await personWith("COORDINATOR", t.d1.id);
    const created = await env.services.units.createUnit(coordinator, { parentId: t.d1.id, name: "Xã Con Mới", kind: "COMMUNE" });
    expect(created.path).toBe(`/${t.province.id}/${t.d1.id}/${created.id}/`);
    await env.services.units.renameUnit(coordinator, t.d1.id, "Huyện Một Đổi Tên");
    const moved = await env.services.units.moveUnit(coordinator, t.branch.id, created.id);
    expect(moved.path).toBe(`/${t.province.id}/${t.d1.id}/${created.id}/${t.branch.id}/`);
  });

  it("does not let a member or reporter create units", async () => {
    const t = await smallTree("Thành Viên");
    const member = await personWith("MEMBER", t.d1.id);
    const reporter = await personWith("REPORTER", t.d1.id);
    const units = await db().unit.count();
    await expectServiceError(env.services.units.createUnit(member, { parentId: t.d1.id, name: "Xã Không Được", kind: "COMMUNE" }), "forbidden");
    await expectServiceError(env.services.units.createUnit(reporter, { parentId: t.commune.id, name: "Chi hội Không Được", kind: "BRANCH" }), "forbidden");
    await expectServiceError(env.services.units.renameUnit(member, t.d1.id, "Huyện Không Được"), "forbidden");
    expect(await db().unit.count()).toBe(units);
  });
});
