// Invite codes: a link https://t.me/<bot>?start=<code> tied to a unit and a
// role, optionally expiring and limited in uses, revocable.
import { randomInt } from "node:crypto";
import { assignableRoles, roleRank, type Role } from "../domain/permissions.ts";
import type { UnitKind } from "../domain/unit-kinds.ts";
import { requireOn, type Person } from "./access.ts";
import { joinerSchema, newInviteSchema } from "../domain/schemas.ts";
import { parseInput } from "./input.ts";
import { writeAudit } from "./audit.ts";
import type { ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";

// No 0/O, 1/I/l: codes get read aloud over the phone.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const CODE_LENGTH = 10;
/** What a /start payload may look like before we bother the database. */
export const INVITE_CODE_RE = /^[a-z0-9]{6,32}$/;

export function newInviteCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export interface InviteView {
  id: number;
  code: string;
  unitId: number;
  unitName: string;
  unitKind: UnitKind;
  role: Role;
  maxUses: number | null;
  uses: number;
  /** ISO time; views stay JSON-safe for conversation replay */
  expiresAt: string | null;
}

export type InviteStatus = "ok" | "unknown" | "expired" | "revoked" | "used_up" | "unit_retired";

export async function createInvite(
  deps: ServiceDeps,
  person: Person,
  raw: { unitId: number; role: Role; maxUses: number | null; expiresAt: Date | null },
): Promise<InviteView> {
  const parsed = newInviteSchema.safeParse(raw);
  if (!parsed.success) throw new ServiceError("bad_invite");
  const input = parsed.data;
  if (input.expiresAt !== null && input.expiresAt <= deps.now()) throw new ServiceError("bad_invite");
  const invite = await deps.db.$transaction(async (tx) => {
    const unit = await requireOn(tx, person, "invite.manage", input.unitId);
    if (unit.validTo) throw new ServiceError("unit_retired", { name: unit.name });
    if (!assignableRoles(person.actor, unit).includes(input.role)) throw new ServiceError("role_not_allowed");
    const created = await tx.invite.create({
      data: {
        code: newInviteCode(),
        unitId: unit.id,
        role: input.role,
        maxUses: input.maxUses,
        expiresAt: input.expiresAt,
        createdById: person.memberId,
      },
      include: { unit: true },
    });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "invite.create", entity: "Invite", entityId: created.id,
      after: { unitId: unit.id, role: input.role, maxUses: input.maxUses, expiresAt: input.expiresAt?.toISOString() ?? null },
    });
    return created;
  });
  return toView(invite);
}

export async function listActiveInvites(deps: ServiceDeps, person: Person, unitId: number): Promise<InviteView[]> {
  await requireOn(deps.db, person, "invite.manage", unitId);
  const invites = await deps.db.invite.findMany({
    where: { unitId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: deps.now() } }] },
    include: { unit: true },
    orderBy: { createdAt: "desc" },
  });
  return invites.filter((i) => i.maxUses === null || i.uses < i.maxUses).map(toView);
}

export async function revokeInvite(deps: ServiceDeps, person: Person, inviteId: number): Promise<InviteView> {
  const invite = await deps.db.$transaction(async (tx) => {
    const found = await tx.invite.findUnique({ where: { id: inviteId } });
    if (!found) throw new ServiceError("invite_unknown");
    await requireOn(tx, person, "invite.manage", found.unitId);
    if (found.revokedAt) throw new ServiceError("invite_revoked");
    const updated = await tx.invite.update({ where: { id: inviteId }, data: { revokedAt: deps.now() }, include: { unit: true } });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "invite.revoke", entity: "Invite", entityId: inviteId,
      before: { revokedAt: null }, after: { revokedAt: updated.revokedAt?.toISOString() ?? null },
    });
    return updated;
  });
  return toView(invite);
}

/** What a code in a /start link leads to, without using it. */
export async function inspectInvite(
  deps: ServiceDeps,
  code: string,
): Promise<{ status: "ok"; invite: InviteView } | { status: Exclude<InviteStatus, "ok"> }> {
  if (!INVITE_CODE_RE.test(code)) return { status: "unknown" };
  const invite = await deps.db.invite.findUnique({ where: { code }, include: { unit: true } });
  const status = inviteStatus(invite, deps.now());
  return status === "ok" && invite ? { status, invite: toView(invite) } : { status: status === "ok" ? "unknown" : status };
}

function inviteStatus(
  invite: { revokedAt: Date | null; expiresAt: Date | null; maxUses: number | null; uses: number; unit: { validTo: Date | null } } | null,
  now: Date,
): InviteStatus {
  if (!invite) return "unknown";
  if (invite.revokedAt) return "revoked";
  if (invite.unit.validTo) return "unit_retired";
  if (invite.expiresAt && invite.expiresAt <= now) return "expired";
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return "used_up";
  return "ok";
}

export interface Joiner {
  telegramId: number;
  fullName: string;
  phone: string | null;
  language: string;
}

/**
 * Uses an invite: the person becomes a member of its unit with its role (or
 * keeps a stronger role they already hold there). All or nothing.
 */
export async function acceptInvite(deps: ServiceDeps, code: string, rawJoiner: Joiner): Promise<InviteView> {
  if (!INVITE_CODE_RE.test(code)) throw new ServiceError("invite_unknown");
  const joiner = parseInput(joinerSchema, rawJoiner);
  return deps.db.$transaction(async (tx) => {
    const invite = await tx.invite.findUnique({ where: { code }, include: { unit: true } });
    const status = inviteStatus(invite, deps.now());
    if (!invite || status !== "ok") throw new ServiceError(status === "unit_retired" || status === "ok" ? "invite_unknown" : `invite_${status}`);
    // Count the use only if it is still available: two people racing for the
    // last use of a single-use code cannot both get in.
    const claimed = await tx.invite.updateMany({
      where: { id: invite.id, revokedAt: null, ...(invite.maxUses !== null ? { uses: { lt: invite.maxUses } } : {}) },
      data: { uses: { increment: 1 } },
    });
    if (claimed.count !== 1) throw new ServiceError("invite_used_up");
    const member = await tx.member.upsert({
      where: { telegramId: BigInt(joiner.telegramId) },
      create: { telegramId: BigInt(joiner.telegramId), fullName: joiner.fullName, phone: joiner.phone, language: joiner.language },
      update: { fullName: joiner.fullName, ...(joiner.phone ? { phone: joiner.phone } : {}) },
    });
    const existing = await tx.membership.findUnique({ where: { memberId_unitId: { memberId: member.id, unitId: invite.unitId } } });
    if (existing && roleRank(existing.role as Role) >= roleRank(invite.role as Role)) {
      throw new ServiceError("already_member", { unit: invite.unit.name });
    }
    const membership = existing
      ? await tx.membership.update({ where: { id: existing.id }, data: { role: invite.role } })
      : await tx.membership.create({ data: { memberId: member.id, unitId: invite.unitId, role: invite.role } });
    await writeAudit(tx, {
      actorTelegramId: joiner.telegramId, action: "membership.join_by_invite", entity: "Membership", entityId: membership.id,
      before: existing ? { role: existing.role } : null,
      after: { memberId: member.id, unitId: invite.unitId, role: invite.role, inviteId: invite.id },
    });
    return toView({ ...invite, uses: invite.uses + 1 });
  });
}

function toView(i: {
  id: number; code: string; unitId: number; role: string; maxUses: number | null; uses: number; expiresAt: Date | null;
  unit: { name: string; kind: string };
}): InviteView {
  return {
    id: i.id, code: i.code, unitId: i.unitId, unitName: i.unit.name, unitKind: i.unit.kind as UnitKind,
    role: i.role as Role, maxUses: i.maxUses, uses: i.uses, expiresAt: i.expiresAt?.toISOString() ?? null,
  };
}
