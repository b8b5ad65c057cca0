// The unit tree: search, browse, create, rename, move, merge. Units keep a
// materialised path ("/1/5/23/") so a subtree is one prefix query; a move
// rewrites the prefix of the whole subtree in one statement.
import { OPEN_STATUSES } from "../domain/sponsorship.ts";
import { searchKey, validateUnitName } from "../domain/text.ts";
import { can, isAdmin, roleRank, type Action, type Role } from "../domain/permissions.ts";
import type { UnitKind } from "../domain/unit-kinds.ts";
import { newUnitSchema } from "../domain/schemas.ts";
import { parseInput } from "./input.ts";
import { requireOn, unitScope, type Person, loadUnitRef } from "./access.ts";
import { writeAudit } from "./audit.ts";
import type { DbOrTx, ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";

export interface UnitView {
  id: number;
  name: string;
  kind: UnitKind;
  code: string | null;
  parentId: number | null;
  parentName: string | null;
  path: string;
  retired: boolean;
  mergedIntoName: string | null;
  childCount: number;
  memberCount: number;
}

export interface UnitSummary {
  id: number;
  name: string;
  kind: UnitKind;
  parentName: string | null;
}

const CODE_RE = /^[A-Za-z0-9._-]{1,40}$/;
const VIETNAMESE = new Intl.Collator("vi");

export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? "/"}${id}/`;
}

export async function getUnitView(deps: ServiceDeps, unitId: number): Promise<UnitView> {
  const unit = await deps.db.unit.findUnique({
    where: { id: unitId },
    include: {
      parent: { select: { name: true } },
      mergedInto: { select: { name: true } },
      _count: { select: { children: { where: { validTo: null } }, memberships: true } },
    },
  });
  if (!unit) throw new ServiceError("unit_not_found");
  return {
    id: unit.id,
    name: unit.name,
    kind: unit.kind as UnitKind,
    code: unit.code,
    parentId: unit.parentId,
    parentName: unit.parent?.name ?? null,
    path: unit.path,
    retired: unit.validTo !== null,
    mergedIntoName: unit.mergedInto?.name ?? null,
    childCount: unit._count.children,
    memberCount: unit._count.memberships,
  };
}

// Accent-insensitive search among current units ("tan lac" finds the accented name).
export async function searchUnits(deps: ServiceDeps, query: string, limit = 8): Promise<UnitSummary[]> {
  const key = searchKey(query);
  if (key.length < 2) return [];
  const units = await deps.db.unit.findMany({
    where: { validTo: null, searchName: { contains: likeLiteral(key) } },
    include: { parent: { select: { name: true } } },
    orderBy: [{ path: "asc" }],
    take: limit,
  });
  return units.map(toSummary);
}

/** A unit card for someone allowed to see it. */
export async function viewUnit(deps: ServiceDeps, person: Person, unitId: number): Promise<UnitView> {
  await requireOn(deps.db, person, "unit.view", unitId);
  return getUnitView(deps, unitId);
}

/** Search limited to units where the person may do `action` (targets of a move or merge). */
export async function searchUnitsWhere(
  deps: ServiceDeps, person: Person, query: string, action: Action, limit = 8,
): Promise<UnitSummary[]> {
  const key = searchKey(query);
  if (key.length < 2) return [];
  const units = await deps.db.unit.findMany({
    where: { validTo: null, searchName: { contains: likeLiteral(key) }, ...unitScope(person, "MEMBER") },
    include: { parent: { select: { name: true } } },
    orderBy: [{ path: "asc" }],
    take: 200,
  });
  return units.filter((u) => can(person.actor, action, u)).slice(0, limit).map(toSummary);
}

export async function listChildren(deps: ServiceDeps, person: Person, unitId: number): Promise<UnitSummary[]> {
  await requireOn(deps.db, person, "unit.view", unitId);
  const units = await deps.db.unit.findMany({
    where: { parentId: unitId, validTo: null },
    include: { parent: { select: { name: true } } },
  });
  // The database sorts by bytes ("Lương" before "Lạc"); people expect Vietnamese order.
  return units.sort((a, b) => VIETNAMESE.compare(a.name, b.name)).map(toSummary);
}

/**
 * Where the person's management starts: the top of each subtree they
 * coordinate (for an administrator, the roots of the tree). Browsing for any
 * management action begins here.
 */
export async function managedRoots(deps: ServiceDeps, person: Person): Promise<UnitSummary[]> {
  const where = isAdmin(person.actor)
    ? { parentId: null, validTo: null }
    : {
        id: { in: person.actor.roles.filter((r) => roleRank(r.role) >= roleRank("COORDINATOR")).map((r) => r.unitId) },
        validTo: null,
      };
  const units = await deps.db.unit.findMany({ where, include: { parent: { select: { name: true } } }, orderBy: { path: "asc" } });
  const tops = units.filter((u) => !units.some((o) => o.id !== u.id && u.path.startsWith(o.path)));
  return tops.map(toSummary);
}

export interface NewUnit {
  parentId: number | null;
  name: string;
  kind: UnitKind;
  code?: string | null;
}

export async function createUnit(deps: ServiceDeps, person: Person, raw: NewUnit): Promise<UnitView> {
  const input = parseInput(newUnitSchema, raw);
  const name = checkName(input.name);
  const code = checkCode(input.code ?? null);
  const id = await deps.db.$transaction(async (tx) => {
    let parentPath: string | null = null;
    if (input.parentId === null) {
      if (!isAdmin(person.actor)) throw new ServiceError("forbidden");
    } else {
      const parent = await requireOn(tx, person, "unit.create_child", input.parentId);
      if (parent.validTo) throw new ServiceError("unit_retired", { name: parent.name });
      parentPath = parent.path;
    }
    await assertCodeFree(tx, code, null);
    const created = await tx.unit.create({
      data: { kind: input.kind, name, searchName: searchKey(name), code, parentId: input.parentId, path: "" },
    });
    const path = childPath(parentPath, created.id);
    await tx.unit.update({ where: { id: created.id }, data: { path } });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "unit.create", entity: "Unit", entityId: created.id,
      after: { name, kind: input.kind, code, parentId: input.parentId },
    });
    return created.id;
  });
  return getUnitView(deps, id);
}

export async function renameUnit(deps: ServiceDeps, person: Person, unitId: number, newName: string): Promise<UnitView> {
  const name = checkName(newName);
  await deps.db.$transaction(async (tx) => {
    const unit = await requireOn(tx, person, "unit.rename", unitId);
    if (unit.validTo) throw new ServiceError("unit_retired", { name: unit.name });
    await tx.unit.update({ where: { id: unitId }, data: { name, searchName: searchKey(name) } });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "unit.rename", entity: "Unit", entityId: unitId,
      before: { name: unit.name }, after: { name },
    });
  });
  return getUnitView(deps, unitId);
}

export async function moveUnit(deps: ServiceDeps, person: Person, unitId: number, newParentId: number): Promise<UnitView> {
  await deps.db.$transaction(async (tx) => {
    const unit = await requireOn(tx, person, "unit.move", unitId);
    const target = await requireOn(tx, person, "unit.create_child", newParentId);
    if (unit.validTo) throw new ServiceError("unit_retired", { name: unit.name });
    if (target.validTo) throw new ServiceError("unit_retired", { name: target.name });
    if (target.path.startsWith(unit.path)) throw new ServiceError("move_into_own_subtree");
    if (unit.parentId === newParentId) return;
    await tx.unit.update({ where: { id: unitId }, data: { parentId: newParentId } });
    await rewriteSubtreePath(tx, unit.path, childPath(target.path, unit.id));
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "unit.move", entity: "Unit", entityId: unitId,
      before: { parentId: unit.parentId }, after: { parentId: newParentId },
    });
  });
  return getUnitView(deps, unitId);
}

/**
 * Marks `unitId` merged into `intoId` (2025-style reorganisation): the unit is
 * retired but kept, so records filed for it stay attached; its current
 * children and members move to the unit it was merged into.
 */
export async function mergeUnit(deps: ServiceDeps, person: Person, unitId: number, intoId: number): Promise<UnitView> {
  if (unitId === intoId) throw new ServiceError("merge_into_self");
  await deps.db.$transaction(async (tx) => {
    const unit = await requireOn(tx, person, "unit.merge", unitId);
    const into = await requireOn(tx, person, "unit.create_child", intoId);
    if (unit.validTo) throw new ServiceError("unit_retired", { name: unit.name });
    if (into.validTo) throw new ServiceError("unit_retired", { name: into.name });
    if (into.path.startsWith(unit.path)) throw new ServiceError("merge_into_descendant");
    const now = deps.now();
    const children = await tx.unit.findMany({ where: { parentId: unitId, validTo: null } });
    for (const child of children) {
      await tx.unit.update({ where: { id: child.id }, data: { parentId: intoId } });
      await rewriteSubtreePath(tx, child.path, childPath(into.path, child.id));
    }
    const memberships = await tx.membership.findMany({ where: { unitId } });
    let movedMembers = 0;
    for (const m of memberships) {
      const existing = await tx.membership.findUnique({ where: { memberId_unitId: { memberId: m.memberId, unitId: intoId } } });
      // A member keeps the day they joined (reports count new members by it), not the day of the merge.
      if (!existing) {
        await tx.membership.create({ data: { memberId: m.memberId, unitId: intoId, role: m.role, createdAt: m.createdAt } });
        movedMembers++;
      } else {
        // Already in the target: the stronger role and the earlier joining day win.
        const role = roleRank(m.role as Role) > roleRank(existing.role as Role) ? m.role : existing.role;
        const createdAt = m.createdAt < existing.createdAt ? m.createdAt : existing.createdAt;
        if (role !== existing.role || createdAt !== existing.createdAt) await tx.membership.update({ where: { id: existing.id }, data: { role, createdAt } });
      }
      await tx.membership.delete({ where: { id: m.id } });
    }
    await tx.invite.updateMany({ where: { unitId, revokedAt: null }, data: { revokedAt: now } });
    await tx.joinRequest.updateMany({ where: { unitId, status: "PENDING" }, data: { unitId: intoId } });
    // Pupils still followed are followed by the unit it merged into (their owners moved there too);
    // finished cases stay attached to the unit they were filed for.
    const movedCases = await tx.sponsorshipCase.updateMany({
      where: { unitId, status: { in: [...OPEN_STATUSES] }, anonymisedAt: null },
      data: { unitId: intoId },
    });
    await tx.unit.update({ where: { id: unitId }, data: { validTo: now, mergedIntoId: intoId } });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "unit.merge", entity: "Unit", entityId: unitId,
      before: { parentId: unit.parentId, validTo: null },
      after: { mergedIntoId: intoId, validTo: now.toISOString(), movedChildren: children.length, movedMembers, movedCases: movedCases.count },
    });
  });
  return getUnitView(deps, unitId);
}

export async function rewriteSubtreePath(tx: DbOrTx, oldPrefix: string, newPrefix: string): Promise<void> {
  await tx.$executeRaw`UPDATE "Unit" SET "path" = ${newPrefix} || substr("path", ${oldPrefix.length + 1})
    WHERE "path" LIKE ${oldPrefix + "%"}`;
}

async function assertCodeFree(tx: DbOrTx, code: string | null, exceptId: number | null): Promise<void> {
  if (code === null) return;
  const other = await tx.unit.findUnique({ where: { code } });
  if (other && other.id !== exceptId) throw new ServiceError("duplicate_code", { code, name: other.name });
}

// Prisma passes `contains` to LIKE unescaped: "%" or "_" typed in a search would match anything.
function likeLiteral(key: string): string {
  return key.replace(/[\\%_]/g, "\\$&");
}

function checkName(input: string): string {
  const result = validateUnitName(input);
  if (!result.ok) throw new ServiceError("bad_name", { reason: result.error });
  return result.value;
}

function checkCode(code: string | null): string | null {
  if (code === null || code.trim() === "") return null;
  const trimmed = code.trim();
  if (!CODE_RE.test(trimmed)) throw new ServiceError("bad_code");
  return trimmed;
}

function toSummary(u: { id: number; name: string; kind: string; parent: { name: string } | null }): UnitSummary {
  return { id: u.id, name: u.name, kind: u.kind as UnitKind, parentName: u.parent?.name ?? null };
}

export { loadUnitRef };
