// Importing a unit tree from CSV (chat upload by an administrator, the
// `units:import` command, and the example seed). All rows or none: the whole
// file is applied in one transaction after the domain planner accepted it.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { planUnitImport, type ImportError, type CsvEncoding } from "../domain/unit-csv.ts";
import { searchKey } from "../domain/text.ts";
import { requireAdmin, type Person } from "./access.ts";
import { writeAudit } from "./audit.ts";
import type { ServiceDeps } from "./deps.ts";
import { childPath, rewriteSubtreePath } from "./units.ts";

export type ImportOutcome =
  | { ok: true; encoding: CsvEncoding; created: number; updated: number }
  | { ok: false; errors: ImportError[]; totalErrors: number };

class ImportAbort extends Error {
  constructor(readonly errors: ImportError[]) {
    super("import aborted");
  }
}

/**
 * Checks a file without saving anything: the import runs in full inside a
 * transaction that is then rolled back, so the preview and the real import
 * can never disagree (cycles through existing units included).
 */
export async function previewUnitImport(deps: ServiceDeps, person: Person, bytes: Uint8Array): Promise<ImportOutcome> {
  requireAdmin(person);
  return importUnits(deps, person, bytes, { dryRun: true });
}

/** Thrown at the end of a dry run so that the transaction rolls back. */
class DryRun extends Error {
  constructor(readonly created: number, readonly updated: number) {
    super("dry run");
  }
}

/** `person` null means the command line or the seed (trusted, no Telegram user). */
export async function importUnits(
  deps: ServiceDeps,
  person: Person | null,
  bytes: Uint8Array,
  options: { isExample?: boolean; dryRun?: boolean } = {},
): Promise<ImportOutcome> {
  if (person) requireAdmin(person);
  const existing = await deps.db.unit.findMany({ where: { code: { not: null } }, select: { id: true, code: true } });
  const plan = planUnitImport(bytes, existing.map((u) => ({ id: u.id, code: u.code ?? "" })));
  if (!plan.ok) return { ok: false, errors: plan.errors, totalErrors: plan.totalErrors };
  try {
    const counts = await deps.db.$transaction(
      async (tx) => {
        const ids = new Map<string, number>();
        let created = 0;
        let updated = 0;
        for (const row of plan.rows) {
          const parentId = row.parentCode === null ? null : (ids.get(row.parentCode) ?? row.parentExistingId);
          const parent = parentId === null ? null : await tx.unit.findUniqueOrThrow({ where: { id: parentId } });
          if (row.existingId !== null) {
            const unit = await tx.unit.findUniqueOrThrow({ where: { id: row.existingId } });
            if (parent && parent.path.startsWith(unit.path)) {
              throw new ImportAbort([{ line: row.line, code: "cycle", params: { codes: `${row.code} → ${row.parentCode}` } }]);
            }
            await tx.unit.update({ where: { id: unit.id }, data: { name: row.name, searchName: searchKey(row.name), kind: row.kind, parentId } });
            if (unit.parentId !== parentId) await rewriteSubtreePath(tx, unit.path, childPath(parent?.path ?? null, unit.id));
            ids.set(row.code, unit.id);
            updated++;
          } else {
            const unit = await tx.unit.create({
              data: {
                kind: row.kind, name: row.name, searchName: searchKey(row.name), code: row.code, parentId,
                path: "", isExample: options.isExample ?? false,
              },
            });
            await tx.unit.update({ where: { id: unit.id }, data: { path: childPath(parent?.path ?? null, unit.id) } });
            ids.set(row.code, unit.id);
            created++;
          }
        }
        await writeAudit(tx, {
          actorTelegramId: person?.telegramId ?? null, action: "units.import", entity: "Unit", entityId: "*",
          after: { created, updated, encoding: plan.encoding, example: options.isExample ?? false },
        });
        if (options.dryRun) throw new DryRun(created, updated);
        return { created, updated };
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    return { ok: true, encoding: plan.encoding, ...counts };
  } catch (error) {
    if (error instanceof ImportAbort) return { ok: false, errors: error.errors, totalErrors: error.errors.length };
    if (error instanceof DryRun) return { ok: true, encoding: plan.encoding, created: error.created, updated: error.updated };
    throw error;
  }
}

export const EXAMPLE_TREE_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/seed/hoa-binh-example.csv");

/** Seeds the example tree of Hòa Bình into an empty database; does nothing otherwise. */
export async function seedExampleTree(deps: ServiceDeps): Promise<ImportOutcome | null> {
  if ((await deps.db.unit.count()) > 0) return null;
  return importUnits(deps, null, await readFile(EXAMPLE_TREE_FILE), { isExample: true });
}

/**
 * Removes the seeded example units that nobody uses yet (no members, invites,
 * requests or real units under them), deepest first. Units in use are kept
 * and counted, so an administrator can see what is left to tidy by hand.
 */
export async function removeExampleUnits(deps: ServiceDeps, person: Person): Promise<{ removed: number; kept: number }> {
  requireAdmin(person);
  return deps.db.$transaction(
    async (tx) => {
      const examples = await tx.unit.findMany({
        where: { isExample: true },
        include: { _count: { select: { memberships: true, invites: true, joinRequests: true, mergedFrom: true } } },
      });
      examples.sort((a, b) => b.path.length - a.path.length);
      let removed = 0;
      for (const unit of examples) {
        const inUse = unit._count.memberships + unit._count.invites + unit._count.joinRequests + unit._count.mergedFrom > 0;
        const children = await tx.unit.count({ where: { parentId: unit.id } });
        if (inUse || children > 0) continue;
        await tx.unit.delete({ where: { id: unit.id } });
        removed++;
      }
      await writeAudit(tx, {
        actorTelegramId: person.telegramId, action: "units.remove_examples", entity: "Unit", entityId: "*",
        after: { removed, kept: examples.length - removed },
      });
      return { removed, kept: examples.length - removed };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
