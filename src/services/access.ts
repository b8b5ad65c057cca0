// Turns a Telegram user into an Actor for the permission rules, and checks a
// permission on a unit loaded from the database.
import { can, isAdmin, roleRank, type Action, type Actor, type Role } from "../domain/permissions.ts";
import type { DbOrTx, ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";

export interface Person {
  telegramId: number;
  /** null: not yet a member (no Member row) */
  memberId: number | null;
  fullName: string | null;
  language: string | null;
  actor: Actor;
}

export async function loadPerson(deps: ServiceDeps, telegramId: number): Promise<Person> {
  const member = await deps.db.member.findUnique({
    where: { telegramId: BigInt(telegramId) },
    include: { memberships: { include: { unit: { select: { id: true, path: true, validTo: true } } } } },
  });
  const roles = (member?.memberships ?? [])
    .filter((m) => m.unit.validTo === null)
    .map((m) => ({ unitId: m.unit.id, unitPath: m.unit.path, role: m.role as Role }));
  return {
    telegramId,
    memberId: member?.id ?? null,
    fullName: member?.fullName ?? null,
    language: member?.language ?? null,
    actor: { isAdmin: deps.adminTelegramIds.includes(telegramId), roles },
  };
}

export async function loadUnitRef(db: DbOrTx, unitId: number) {
  const unit = await db.unit.findUnique({ where: { id: unitId } });
  if (!unit) throw new ServiceError("unit_not_found");
  return unit;
}

/** Loads the unit and throws `forbidden` unless the person may do `action` there. */
export async function requireOn(db: DbOrTx, person: Person, action: Action, unitId: number) {
  const unit = await loadUnitRef(db, unitId);
  if (!can(person.actor, action, unit)) throw new ServiceError("forbidden");
  return unit;
}

export function requireAdmin(person: Person): void {
  if (!isAdmin(person.actor)) throw new ServiceError("forbidden");
}

/**
 * A filter on units for "where the person holds at least `min`": the
 * subtrees of their roles (everything for an administrator). Lets queries
 * narrow in SQL before `can` decides on each row.
 */
export function unitScope(person: Person, min: Role): { OR?: { path: { startsWith: string } }[] } {
  if (isAdmin(person.actor)) return {};
  const paths = person.actor.roles.filter((r) => roleRank(r.role) >= roleRank(min)).map((r) => r.unitPath);
  return { OR: paths.map((path) => ({ path: { startsWith: path } })) };
}
