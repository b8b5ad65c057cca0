// The audit log: written with the same transaction client as the change it
// describes, so either both are saved or neither is.
import type { DbOrTx } from "./deps.ts";
import type { Prisma } from "../db/generated/client.ts";

export interface AuditEntry {
  actorTelegramId: number | null;
  action: string;
  entity: string;
  entityId: string | number;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
}

export async function writeAudit(tx: DbOrTx, e: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorTelegramId: e.actorTelegramId === null ? null : BigInt(e.actorTelegramId),
      action: e.action,
      entity: e.entity,
      entityId: String(e.entityId),
      before: e.before ?? undefined,
      after: e.after ?? undefined,
    },
  });
}
