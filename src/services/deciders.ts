// Who decides for a unit: its coordinators (and holders of ADMIN there), else
// those of the nearest unit above that has any, in the end the administrators.
// Join requests and piggy-bank reviews ask them; the bot sends the messages.
import type { Role } from "../domain/permissions.ts";
import type { DbOrTx, ServiceDeps } from "./deps.ts";

export interface Recipient {
  telegramId: number;
  language: string | null;
}

/**
 * The deciders for the unit at `path` ("/1/5/23/"), each once, with their
 * language. `except` (the person who acted) is never among them: a unit whose
 * only coordinator is that person is decided for by the next unit up.
 * `roles`: who counts as a decider (learning evaluations: reporters too).
 */
export async function decidersOf(
  deps: ServiceDeps, db: DbOrTx, path: string, except: number | null = null,
  roles: readonly Role[] = ["COORDINATOR", "ADMIN"],
): Promise<Recipient[]> {
  const ids = path.split("/").filter(Boolean).map(Number).reverse();
  const coordinators = await db.membership.findMany({
    where: {
      unitId: { in: ids }, role: { in: [...roles] },
      ...(except === null ? {} : { member: { telegramId: { not: BigInt(except) } } }),
    },
    include: { member: true },
    orderBy: { id: "asc" },
  });
  for (const unitId of ids) {
    const here = coordinators.filter((c) => c.unitId === unitId);
    if (here.length > 0) return here.map((c) => ({ telegramId: Number(c.member.telegramId), language: c.member.language }));
  }
  const adminIds = deps.adminTelegramIds.filter((id) => id !== except);
  const admins = await db.member.findMany({ where: { telegramId: { in: adminIds.map(BigInt) } } });
  const known = new Map(admins.map((a) => [Number(a.telegramId), a.language]));
  return adminIds.map((id) => ({ telegramId: id, language: known.get(id) ?? null }));
}
