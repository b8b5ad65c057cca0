// Turns a Telegram user into an Actor for the permission rules, and checks a
// permission on a unit loaded from the database.
import { can, isAdmin, roleRank, type Action, type Actor, type Role, type UnitRef } from "../domain/permissions.ts";
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

/**
 * Read on every update: one query (the member, their memberships and the
 * units', joined) rather than one per relation, always from the database so
 * that a role changed on another instance counts at once.
 */
export async function loadPerson(deps: ServiceDeps, telegramId: number): Promise<Person> {
  const rows = await deps.db.$queryRaw<PersonRow[]>`
    SELECT m."id", m."fullName", m."language", ms."role"::text AS "role", u."id" AS "unitId", u."path" AS "unitPath", u."validTo" IS NULL AS "current"
    FROM "Member" m
    LEFT JOIN "Membership" ms ON ms."memberId" = m."id"
    LEFT JOIN "Unit" u ON u."id" = ms."unitId"
    WHERE m."telegramId" = ${BigInt(telegramId)}
    ORDER BY ms."id"`;
  const member = rows[0];
  const roles = rows
    .filter((r) => r.unitId !== null && r.current)
    .map((r) => ({ unitId: r.unitId!, unitPath: r.unitPath!, role: r.role as Role }));
  return {
    telegramId,
    memberId: member?.id ?? null,
    fullName: member?.fullName ?? null,
    language: member?.language ?? null,
    actor: { isAdmin: deps.adminTelegramIds.includes(telegramId), roles },
  };
}

interface PersonRow {
  id: number;
  fullName: string;
  language: string | null;
  role: string | null;
  unitId: number | null;
  unitPath: string | null;
  current: boolean | null;
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

/** requireOn for a unit already read (with the row that requireOn would read): no second query. */
export function requireLoaded<U extends UnitRef>(person: Person, action: Action, unit: U): U {
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
