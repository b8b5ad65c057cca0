import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/permissions.ts";
import type { Person } from "../../src/services/access.ts";
import type { UnitView } from "../../src/services/units.ts";
import { freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { expectServiceError } from "../helpers/errors.ts";

// Administrators 1 and 2; only 1 has talked to the bot (has a Member row, in English).
const ADMIN_IDS = [1, 2];

describe.each(TEST_DATABASES)("join requests service on %s", (kind) => {
  let env: TestEnv;
  let admin: Person;
  // province ─┬─ district ─ commune ─ branch      (coordinators: district 300, commune 301 and 302)
  //           └─ other ─ otherCommune              (coordinator: other 310; nobody above it)
  //  lonely province ─ lonely commune              (no coordinators at all)
  let district: UnitView, commune: UnitView, branch: UnitView, other: UnitView, lonely: UnitView;
  let districtCoordinator: Person, communeCoordinator: Person, communeAdmin: Person, otherCoordinator: Person;
  let nextTelegramId = 5000;

  beforeAll(async () => {
    env = await freshServices(kind, ADMIN_IDS);
    admin = await env.services.access.loadPerson(1);
    await env.services.deps.db.member.create({ data: { telegramId: 1n, fullName: "Quản Trị Viên", language: "en" } });
    const create = env.services.units.createUnit;
    const province = await create(admin, { parentId: null, name: "Tỉnh Hòa Bình", kind: "PROVINCE" });
    district = await create(admin, { parentId: province.id, name: "Huyện Tân Lạc", kind: "DISTRICT" });
    commune = await create(admin, { parentId: district.id, name: "Xã Mãn Đức", kind: "COMMUNE" });
    branch = await create(admin, { parentId: commune.id, name: "Chi hội xóm Bưng", kind: "BRANCH" });
    other = await create(admin, { parentId: province.id, name: "Huyện Lạc Sơn", kind: "DISTRICT" });
    const lonelyProvince = await create(admin, { parentId: null, name: "Tỉnh Phú Thọ", kind: "PROVINCE" });
    lonely = await create(admin, { parentId: lonelyProvince.id, name: "Xã Vô Chủ", kind: "COMMUNE" });
    districtCoordinator = await personWith(300, "COORDINATOR", district.id);
    communeCoordinator = await personWith(301, "COORDINATOR", commune.id);
    communeAdmin = await personWith(302, "ADMIN", commune.id);
    otherCoordinator = await personWith(310, "COORDINATOR", other.id);
    await personWith(303, "REPORTER", commune.id); // reporters are not asked
  });
  afterAll(async () => {
    await env.db.close();
  });

  const db = () => env.services.deps.db;

  async function personWith(telegramId: number, role: Role, unitId: number): Promise<Person> {
    const member = await db().member.create({ data: { telegramId: BigInt(telegramId), fullName: `Người ${telegramId}`, language: "vi" } });
    await db().membership.create({ data: { memberId: member.id, unitId, role } });
    return env.services.access.loadPerson(telegramId);
  }

  const ask = (unitId: number, telegramId = nextTelegramId++) =>
    env.services.joinRequests.createJoinRequest({ telegramId, fullName: "Lò Thị Mai", phone: "0987654321", language: "vi", unitId });

  const ids = (recipients: { telegramId: number }[]) => recipients.map((r) => r.telegramId).sort((a, b) => a - b);

  it("asks the unit's own coordinators (and holders of ADMIN there)", async () => {
    const { request, notify } = await ask(commune.id);
    expect(request).toMatchObject({ unitId: commune.id, unitName: "Xã Mãn Đức", fullName: "Lò Thị Mai", phone: "0987654321", status: "PENDING" });
    expect(ids(notify)).toEqual([301, 302]);
    const audit = await db().auditLog.findMany({ where: { entity: "JoinRequest", entityId: String(request.id) } });
    expect(audit.map((a) => a.action)).toEqual(["join_request.create"]);
  });

  it("asks the nearest unit above with coordinators when the unit has none", async () => {
    expect(ids((await ask(branch.id)).notify)).toEqual([301, 302]);
  });

  it("asks the administrators when no unit on the way up has coordinators", async () => {
    const { notify } = await ask(lonely.id);
    expect(notify).toEqual([
      { telegramId: 1, language: "en" },
      { telegramId: 2, language: null },
    ]);
  });

  it("refuses a second pending request for the same unit, but not for another unit", async () => {
    const telegramId = nextTelegramId++;
    await ask(commune.id, telegramId);
    const count = await db().joinRequest.count();
    await expectServiceError(ask(commune.id, telegramId), "request_pending");
    expect(await db().joinRequest.count()).toBe(count);
    await ask(branch.id, telegramId);
  });

  it("refuses a request from someone already in the unit", async () => {
    await expectServiceError(ask(commune.id, 301), "already_member");
  });

  it("approving makes the person a MEMBER; a second decision is refused", async () => {
    const telegramId = nextTelegramId++;
    const { request } = await ask(branch.id, telegramId);
    const decided = await env.services.joinRequests.decideJoinRequest(communeCoordinator, request.id, true);
    expect(decided).toMatchObject({ id: request.id, status: "APPROVED" });

    const member = await db().member.findUniqueOrThrow({ where: { telegramId: BigInt(telegramId) }, include: { memberships: true } });
    expect(member).toMatchObject({ fullName: "Lò Thị Mai", phone: "0987654321", language: "vi" });
    expect(member.memberships.map((m) => [m.unitId, m.role])).toEqual([[branch.id, "MEMBER"]]);
    const row = await db().joinRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(row).toMatchObject({ status: "APPROVED", decidedById: communeCoordinator.memberId, decidedAt: env.clock.now });

    await expectServiceError(env.services.joinRequests.decideJoinRequest(districtCoordinator, request.id, false), "request_already_decided");
    expect((await db().joinRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("APPROVED");
    const audit = await db().auditLog.findMany({ where: { entity: "JoinRequest", entityId: String(request.id) }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([
      ["join_request.create", null, { unitId: branch.id, fullName: "Lò Thị Mai" }],
      ["join_request.approve", { status: "PENDING" }, { status: "APPROVED" }],
    ]);
  });

  it("rejecting creates no membership and lets the person ask again", async () => {
    const telegramId = nextTelegramId++;
    const { request } = await ask(commune.id, telegramId);
    expect((await env.services.joinRequests.decideJoinRequest(districtCoordinator, request.id, false)).status).toBe("REJECTED");
    expect(await db().member.findUnique({ where: { telegramId: BigInt(telegramId) } })).toBeNull();
    expect((await ask(commune.id, telegramId)).request.status).toBe("PENDING");
  });

  it("refuses a decision by a coordinator of another subtree and leaves the request pending", async () => {
    const { request } = await ask(commune.id);
    await expectServiceError(env.services.joinRequests.decideJoinRequest(otherCoordinator, request.id, true), "forbidden");
    await expectServiceError(env.services.joinRequests.getJoinRequest(otherCoordinator, request.id), "forbidden");
    const row = await db().joinRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(row).toMatchObject({ status: "PENDING", decidedById: null });
  });

  it("refuses a decision by a reporter of the unit", async () => {
    const { request } = await ask(commune.id);
    const reporter = await env.services.access.loadPerson(303);
    await expectServiceError(env.services.joinRequests.decideJoinRequest(reporter, request.id, true), "forbidden");
  });

  it("lists pending requests only where the person may decide", async () => {
    const { request } = await ask(other.id);
    const forOther = await env.services.joinRequests.listPendingRequests(otherCoordinator);
    expect(forOther.map((r) => r.id)).toEqual([request.id]);
    const forCommune = await env.services.joinRequests.listPendingRequests(communeCoordinator);
    expect(forCommune.length).toBeGreaterThan(0);
    expect(forCommune.every((r) => r.unitId === commune.id || r.unitId === branch.id)).toBe(true);
    expect(forCommune.map((r) => r.id)).not.toContain(request.id);
  });

  it("refuses requests for missing or retired units", async () => {
    await expectServiceError(ask(999_999), "unit_not_found");
    const old = await env.services.units.createUnit(admin, { parentId: other.id, name: "Xã Cũ", kind: "COMMUNE" });
    await env.services.units.mergeUnit(admin, old.id, other.id);
    await expectServiceError(ask(old.id), "unit_retired");
  });

  it("an unknown request id is request_not_found", async () => {
    await expectServiceError(env.services.joinRequests.decideJoinRequest(communeAdmin, 999_999, true), "request_not_found");
  });
});
