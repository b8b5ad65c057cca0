import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/permissions.ts";
import type { Person } from "../../src/services/access.ts";
import { ServiceError } from "../../src/services/errors.ts";
import { INVITE_CODE_RE, type Joiner } from "../../src/services/invites.ts";
import { freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { expectServiceError } from "../helpers/errors.ts";

const HOUR = 3_600_000;

describe.each(TEST_DATABASES)("invites service on %s", (kind) => {
  let env: TestEnv;
  let admin: Person;
  let coordinator: Person;
  let district: { id: number; name: string };
  let commune: { id: number; name: string };
  let nextTelegramId = 2000;

  beforeAll(async () => {
    env = await freshServices(kind);
    admin = await env.services.access.loadPerson(1);
    const province = await env.services.units.createUnit(admin, { parentId: null, name: "Tỉnh Hòa Bình", kind: "PROVINCE" });
    district = await env.services.units.createUnit(admin, { parentId: province.id, name: "Huyện Tân Lạc", kind: "DISTRICT" });
    commune = await env.services.units.createUnit(admin, { parentId: district.id, name: "Xã Mãn Đức", kind: "COMMUNE" });
    coordinator = await personWith("COORDINATOR", district.id);
  });
  afterAll(async () => {
    await env.db.close();
  });

  const db = () => env.services.deps.db;

  function joiner(fullName = "Bùi Thị Hạnh"): Joiner {
    return { telegramId: nextTelegramId++, fullName, phone: "0912345678", language: "vi" };
  }

  async function personWith(role: Role, unitId: number): Promise<Person> {
    const j = joiner();
    const member = await db().member.create({ data: { telegramId: BigInt(j.telegramId), fullName: j.fullName, language: "vi" } });
    await db().membership.create({ data: { memberId: member.id, unitId, role } });
    return env.services.access.loadPerson(j.telegramId);
  }

  const invite = (role: Role, maxUses: number | null = 1, expiresAt: Date | null = null) =>
    env.services.invites.createInvite(coordinator, { unitId: commune.id, role, maxUses, expiresAt });

  const membershipsOf = async (telegramId: number) =>
    (await db().membership.findMany({ where: { member: { telegramId: BigInt(telegramId) } } })).map((m) => [m.unitId, m.role]);

  it("creates an invite with a well-formed code and an audit row", async () => {
    const created = await invite("REPORTER", 5, new Date(env.clock.now.getTime() + 24 * HOUR));
    expect(created).toMatchObject({ unitId: commune.id, unitName: "Xã Mãn Đức", unitKind: "COMMUNE", role: "REPORTER", maxUses: 5, uses: 0 });
    expect(created.code).toMatch(INVITE_CODE_RE);
    expect(created.expiresAt).toBe("2026-11-30T03:00:00.000Z");
    const audit = await db().auditLog.findMany({ where: { entity: "Invite", entityId: String(created.id) } });
    expect(audit.map((a) => [a.action, a.actorTelegramId])).toEqual([["invite.create", BigInt(coordinator.telegramId)]]);
  });

  it("lets a coordinator hand out every role except ADMIN; an administrator may hand out ADMIN", async () => {
    for (const role of ["MEMBER", "REPORTER", "COORDINATOR"] as const) expect((await invite(role)).role).toBe(role);
    const count = await db().invite.count();
    await expectServiceError(invite("ADMIN"), "role_not_allowed");
    expect(await db().invite.count()).toBe(count);
    const adminInvite = await env.services.invites.createInvite(admin, { unitId: commune.id, role: "ADMIN", maxUses: 1, expiresAt: null });
    expect(adminInvite.role).toBe("ADMIN");
  });

  it("refuses invites from a member or a coordinator of another subtree", async () => {
    const member = await personWith("MEMBER", commune.id);
    const elsewhere = await personWith("COORDINATOR", (await env.services.units.createUnit(admin, { parentId: null, name: "Tỉnh Khác", kind: "PROVINCE" })).id);
    for (const person of [member, elsewhere]) {
      await expectServiceError(env.services.invites.createInvite(person, { unitId: commune.id, role: "MEMBER", maxUses: 1, expiresAt: null }), "forbidden");
    }
  });

  it("accepting creates the member and the membership, counts the use and writes the audit", async () => {
    const created = await invite("REPORTER", 3);
    expect(await env.services.invites.inspectInvite(created.code)).toEqual({ status: "ok", invite: created });
    const j = joiner("Nguyễn Thị Hương");
    const accepted = await env.services.invites.acceptInvite(created.code, j);
    expect(accepted).toMatchObject({ id: created.id, uses: 1, role: "REPORTER" });
    const member = await db().member.findUniqueOrThrow({ where: { telegramId: BigInt(j.telegramId) } });
    expect(member).toMatchObject({ fullName: "Nguyễn Thị Hương", phone: "0912345678", language: "vi" });
    expect(await membershipsOf(j.telegramId)).toEqual([[commune.id, "REPORTER"]]);
    expect((await db().invite.findUniqueOrThrow({ where: { id: created.id } })).uses).toBe(1);
    const audit = await db().auditLog.findMany({ where: { action: "membership.join_by_invite", actorTelegramId: BigInt(j.telegramId) } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toEqual({ memberId: member.id, unitId: commune.id, role: "REPORTER", inviteId: created.id });
  });

  it("a single-use code works once: the second person gets invite_used_up and no membership", async () => {
    const created = await invite("MEMBER", 1);
    const first = joiner();
    const second = joiner();
    await env.services.invites.acceptInvite(created.code, first);
    await expectServiceError(env.services.invites.acceptInvite(created.code, second), "invite_used_up");
    expect(await env.services.invites.inspectInvite(created.code)).toEqual({ status: "used_up" });
    expect(await membershipsOf(second.telegramId)).toEqual([]);
    expect(await db().member.findUnique({ where: { telegramId: BigInt(second.telegramId) } })).toBeNull();
    expect((await db().invite.findUniqueOrThrow({ where: { id: created.id } })).uses).toBe(1);
  });

  it("refuses a malformed joiner (no letters in the name, a bad language) and spends no use", async () => {
    const created = await invite("MEMBER", 1);
    for (const bad of [joiner("😀😀"), joiner("   "), { ...joiner(), language: "fr" }, { ...joiner(), telegramId: -5 }]) {
      await expectServiceError(env.services.invites.acceptInvite(created.code, bad), "bad_input");
    }
    expect((await db().invite.findUniqueOrThrow({ where: { id: created.id } })).uses).toBe(0);
  });

  it("refuses an expired invite", async () => {
    const created = await invite("MEMBER", null, new Date(env.clock.now.getTime() + HOUR));
    const start = env.clock.now;
    try {
      env.clock.now = new Date(start.getTime() + 2 * HOUR);
      expect(await env.services.invites.inspectInvite(created.code)).toEqual({ status: "expired" });
      const j = joiner();
      await expectServiceError(env.services.invites.acceptInvite(created.code, j), "invite_expired");
      expect(await membershipsOf(j.telegramId)).toEqual([]);
      expect(await env.services.invites.listActiveInvites(coordinator, commune.id)).not.toContainEqual(expect.objectContaining({ id: created.id }));
    } finally {
      env.clock.now = start;
    }
  });

  it("refuses a revoked invite, and revoking twice", async () => {
    const created = await invite("MEMBER", null);
    const revoked = await env.services.invites.revokeInvite(coordinator, created.id);
    expect(revoked.id).toBe(created.id);
    expect(await env.services.invites.inspectInvite(created.code)).toEqual({ status: "revoked" });
    const j = joiner();
    await expectServiceError(env.services.invites.acceptInvite(created.code, j), "invite_revoked");
    expect(await membershipsOf(j.telegramId)).toEqual([]);
    await expectServiceError(env.services.invites.revokeInvite(coordinator, created.id), "invite_revoked");
  });

  it.each([
    { label: "empty", code: "" },
    { label: "one letter", code: "x" },
    { label: "500 characters", code: "a".repeat(500) },
    { label: "a path", code: "../../etc" },
    { label: "upper case", code: "ABCDEFGHJK" },
    { label: "with spaces", code: "abc def gh" },
    { label: "well-formed but never issued", code: "zzzzzzzzzz" },
  ])(
    "treats a forged or unknown code ($label) as unknown",
    async ({ code }) => {
      expect(await env.services.invites.inspectInvite(code)).toEqual({ status: "unknown" });
      const j = joiner();
      await expectServiceError(env.services.invites.acceptInvite(code, j), "invite_unknown");
      expect(await db().member.findUnique({ where: { telegramId: BigInt(j.telegramId) } })).toBeNull();
    },
  );

  it("does not downgrade a stronger role the person already holds", async () => {
    const strong = await personWith("COORDINATOR", commune.id);
    const created = await invite("MEMBER", 1);
    const j = { ...joiner(), telegramId: strong.telegramId };
    await expectServiceError(env.services.invites.acceptInvite(created.code, j), "already_member");
    expect(await membershipsOf(strong.telegramId)).toEqual([[commune.id, "COORDINATOR"]]);
    expect((await db().invite.findUniqueOrThrow({ where: { id: created.id } })).uses).toBe(0);
  });

  it("upgrades a weaker role and records the role before", async () => {
    const weak = await personWith("MEMBER", commune.id);
    const created = await invite("REPORTER", 1);
    await env.services.invites.acceptInvite(created.code, { ...joiner(), telegramId: weak.telegramId });
    expect(await membershipsOf(weak.telegramId)).toEqual([[commune.id, "REPORTER"]]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "membership.join_by_invite", actorTelegramId: BigInt(weak.telegramId) } });
    expect(audit.before).toEqual({ role: "MEMBER" });
  });

  it("lets exactly one of two simultaneous accepts of a single-use code through", async () => {
    const created = await invite("MEMBER", 1);
    const a = joiner("Đinh Văn An");
    const b = joiner("Hà Thị Bình");
    const results = await Promise.allSettled([
      env.services.invites.acceptInvite(created.code, a),
      env.services.invites.acceptInvite(created.code, b),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(ServiceError);
    expect((rejected[0]!.reason as ServiceError).code).toBe("invite_used_up");
    const joined = [...(await membershipsOf(a.telegramId)), ...(await membershipsOf(b.telegramId))];
    expect(joined).toEqual([[commune.id, "MEMBER"]]);
    expect((await db().invite.findUniqueOrThrow({ where: { id: created.id } })).uses).toBe(1);
  });

  it("lists only invites that can still be used", async () => {
    const unit = await env.services.units.createUnit(admin, { parentId: district.id, name: "Xã Danh Sách", kind: "COMMUNE" });
    const make = (maxUses: number | null, expiresAt: Date | null = null) =>
      env.services.invites.createInvite(coordinator, { unitId: unit.id, role: "MEMBER", maxUses, expiresAt });
    const open = await make(null);
    const used = await make(1);
    await env.services.invites.acceptInvite(used.code, joiner());
    const revoked = await make(null);
    await env.services.invites.revokeInvite(coordinator, revoked.id);
    await make(null, new Date(env.clock.now.getTime() + HOUR));
    const later = env.clock.now;
    env.clock.now = new Date(later.getTime() + 2 * HOUR); // the last one has expired by now
    try {
      expect((await env.services.invites.listActiveInvites(coordinator, unit.id)).map((i) => i.id)).toEqual([open.id]);
    } finally {
      env.clock.now = later;
    }
  });

  it("refuses invites that could never be used", async () => {
    const base = { unitId: commune.id, role: "MEMBER" as const };
    await expectServiceError(env.services.invites.createInvite(coordinator, { ...base, maxUses: 0, expiresAt: null }), "bad_invite");
    await expectServiceError(
      env.services.invites.createInvite(coordinator, { ...base, maxUses: null, expiresAt: new Date(env.clock.now.getTime() - HOUR) }),
      "bad_invite",
    );
  });

  it("merging a unit revokes its invites and closes it to new ones", async () => {
    const old = await env.services.units.createUnit(admin, { parentId: district.id, name: "Xã Sắp Sáp Nhập", kind: "COMMUNE" });
    const created = await env.services.invites.createInvite(admin, { unitId: old.id, role: "MEMBER", maxUses: null, expiresAt: null });
    await env.services.units.mergeUnit(admin, old.id, commune.id);
    // merging revokes the unit's invites
    expect(await env.services.invites.inspectInvite(created.code)).toEqual({ status: "revoked" });
    await expectServiceError(env.services.invites.createInvite(admin, { unitId: old.id, role: "MEMBER", maxUses: null, expiresAt: null }), "unit_retired");
  });
});
