// Members and their memberships: profile, language, listing, role changes,
// removal. Views are plain JSON-safe objects (numbers, strings).
import { assignableRoles, type Role } from "../domain/permissions.ts";
import type { UnitKind } from "../domain/unit-kinds.ts";
import { requireOn, type Person } from "./access.ts";
import { writeAudit } from "./audit.ts";
import type { ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";

export interface MembershipView {
  membershipId: number;
  unitId: number;
  unitName: string;
  unitKind: UnitKind;
  parentName: string | null;
  role: Role;
}

export interface Profile {
  memberId: number;
  fullName: string;
  phone: string | null;
  language: string | null;
  memberships: MembershipView[];
}

export async function getProfile(deps: ServiceDeps, telegramId: number): Promise<Profile | null> {
  const member = await deps.db.member.findUnique({
    where: { telegramId: BigInt(telegramId) },
    include: { memberships: { include: { unit: { include: { parent: { select: { name: true } } } } }, orderBy: { createdAt: "asc" } } },
  });
  if (!member) return null;
  return {
    memberId: member.id,
    fullName: member.fullName,
    phone: member.phone,
    language: member.language,
    memberships: member.memberships
      .filter((m) => m.unit.validTo === null)
      .map((m) => ({
        membershipId: m.id, unitId: m.unitId, unitName: m.unit.name, unitKind: m.unit.kind as UnitKind,
        parentName: m.unit.parent?.name ?? null, role: m.role as Role,
      })),
  };
}

/** Remembers the language a person chose (only once they are a member). */
export async function setLanguage(deps: ServiceDeps, telegramId: number, language: "vi" | "en"): Promise<void> {
  await deps.db.member.updateMany({ where: { telegramId: BigInt(telegramId) }, data: { language } });
}

export interface UnitMemberView {
  membershipId: number;
  memberId: number;
  telegramId: number;
  fullName: string;
  phone: string | null;
  role: Role;
}

export async function listMembers(deps: ServiceDeps, person: Person, unitId: number): Promise<UnitMemberView[]> {
  await requireOn(deps.db, person, "member.list", unitId);
  const rows = await deps.db.membership.findMany({ where: { unitId }, include: { member: true }, orderBy: [{ role: "desc" }, { member: { fullName: "asc" } }] });
  return rows.map((m) => ({
    membershipId: m.id, memberId: m.memberId, telegramId: Number(m.member.telegramId), fullName: m.member.fullName,
    phone: m.member.phone, role: m.role as Role,
  }));
}

export async function getMembership(deps: ServiceDeps, person: Person, membershipId: number) {
  const m = await deps.db.membership.findUnique({ where: { id: membershipId }, include: { member: true, unit: true } });
  if (!m) throw new ServiceError("member_not_found");
  await requireOn(deps.db, person, "member.list", m.unitId);
  return {
    membershipId: m.id, memberId: m.memberId, telegramId: Number(m.member.telegramId), fullName: m.member.fullName,
    phone: m.member.phone, role: m.role as Role, unitId: m.unitId, unitName: m.unit.name,
    assignable: assignableRoles(person.actor, m.unit),
    isSelf: m.memberId === person.memberId,
  };
}

export interface MembershipChange {
  telegramId: number;
  language: string | null;
  fullName: string;
  unitName: string;
  role: Role;
}

export async function changeRole(deps: ServiceDeps, person: Person, membershipId: number, role: Role): Promise<MembershipChange> {
  return deps.db.$transaction(async (tx) => {
    const m = await tx.membership.findUnique({ where: { id: membershipId }, include: { member: true, unit: true } });
    if (!m) throw new ServiceError("member_not_found");
    const unit = await requireOn(tx, person, "member.manage", m.unitId);
    if (m.memberId === person.memberId) throw new ServiceError("self_change");
    const allowed = assignableRoles(person.actor, unit);
    // Nobody changes a role they could not have given (a coordinator cannot demote an admin).
    if (!allowed.includes(role) || !allowed.includes(m.role as Role)) throw new ServiceError("role_not_allowed");
    await tx.membership.update({ where: { id: m.id }, data: { role } });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "membership.change_role", entity: "Membership", entityId: m.id,
      before: { role: m.role }, after: { role },
    });
    return { telegramId: Number(m.member.telegramId), language: m.member.language, fullName: m.member.fullName, unitName: m.unit.name, role };
  });
}

export async function removeMember(deps: ServiceDeps, person: Person, membershipId: number): Promise<MembershipChange> {
  return deps.db.$transaction(async (tx) => {
    const m = await tx.membership.findUnique({ where: { id: membershipId }, include: { member: true, unit: true } });
    if (!m) throw new ServiceError("member_not_found");
    const unit = await requireOn(tx, person, "member.manage", m.unitId);
    if (m.memberId === person.memberId) throw new ServiceError("self_change");
    if (!assignableRoles(person.actor, unit).includes(m.role as Role)) throw new ServiceError("role_not_allowed");
    await tx.membership.delete({ where: { id: m.id } });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "membership.remove", entity: "Membership", entityId: m.id,
      before: { memberId: m.memberId, unitId: m.unitId, role: m.role }, after: null,
    });
    return { telegramId: Number(m.member.telegramId), language: m.member.language, fullName: m.member.fullName, unitName: m.unit.name, role: m.role as Role };
  });
}


/** People who hold a coordinator or admin role somewhere (for their wider command list). */
export async function listManagers(deps: ServiceDeps): Promise<{ telegramId: number; language: string | null }[]> {
  const rows = await deps.db.member.findMany({
    where: { memberships: { some: { role: { in: ["COORDINATOR", "ADMIN"] }, unit: { validTo: null } } } },
    select: { telegramId: true, language: true },
  });
  const known = new Map(rows.map((r) => [Number(r.telegramId), r.language]));
  for (const id of deps.adminTelegramIds) if (!known.has(id)) known.set(id, null);
  return [...known].map(([telegramId, language]) => ({ telegramId, language }));
}

/** Telegram told us the person blocked (or unblocked) the bot: later deliveries skip them. */
export async function setReachable(deps: ServiceDeps, telegramId: number, reachable: boolean): Promise<void> {
  await deps.db.member.updateMany({
    where: { telegramId: BigInt(telegramId) },
    data: { unreachableAt: reachable ? null : deps.now() },
  });
}
