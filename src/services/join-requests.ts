// Requests to join a unit from people who had no invite. The unit's
// coordinators (or, where it has none, the nearest ones above it, and in the
// end the administrators) are asked to approve or reject.
import { can, type Role } from "../domain/permissions.ts";
import { requireOn, unitScope, type Person } from "./access.ts";
import { joinRequestInputSchema } from "../domain/schemas.ts";
import { parseInput } from "./input.ts";
import { writeAudit } from "./audit.ts";
import { decidersOf, type Recipient } from "./deciders.ts";
import type { ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";

export type { Recipient } from "./deciders.ts";

export interface JoinRequestView {
  id: number;
  unitId: number;
  unitName: string;
  fullName: string;
  phone: string | null;
  telegramId: number;
  language: string;
  status: "PENDING" | "APPROVED" | "REJECTED" | "CANCELLED";
}

export async function createJoinRequest(
  deps: ServiceDeps,
  raw: { telegramId: number; fullName: string; phone: string | null; language: string; unitId: number },
): Promise<{ request: JoinRequestView; notify: Recipient[] }> {
  const input = parseInput(joinRequestInputSchema, raw);
  const request = await deps.db.$transaction(async (tx) => {
    const unit = await tx.unit.findUnique({ where: { id: input.unitId } });
    if (!unit) throw new ServiceError("unit_not_found");
    if (unit.validTo) throw new ServiceError("unit_retired", { name: unit.name });
    const member = await tx.member.findUnique({ where: { telegramId: BigInt(input.telegramId) } });
    if (member && (await tx.membership.findUnique({ where: { memberId_unitId: { memberId: member.id, unitId: unit.id } } }))) {
      throw new ServiceError("already_member", { unit: unit.name });
    }
    const pending = await tx.joinRequest.findFirst({ where: { telegramId: BigInt(input.telegramId), unitId: unit.id, status: "PENDING" } });
    if (pending) throw new ServiceError("request_pending", { unit: unit.name });
    const created = await tx.joinRequest.create({
      data: {
        telegramId: BigInt(input.telegramId), chatId: BigInt(input.telegramId), fullName: input.fullName,
        phone: input.phone, language: input.language, unitId: unit.id,
      },
      include: { unit: true },
    });
    await writeAudit(tx, {
      actorTelegramId: input.telegramId, action: "join_request.create", entity: "JoinRequest", entityId: created.id,
      after: { unitId: unit.id, fullName: input.fullName },
    });
    return created;
  });
  return { request: toView(request), notify: await decidersOf(deps, deps.db, request.unit.path) };
}

export async function getJoinRequest(deps: ServiceDeps, person: Person, requestId: number): Promise<JoinRequestView> {
  const request = await deps.db.joinRequest.findUnique({ where: { id: requestId }, include: { unit: true } });
  if (!request) throw new ServiceError("request_not_found");
  await requireOn(deps.db, person, "join_request.decide", request.unitId);
  return toView(request);
}

export async function listPendingRequests(deps: ServiceDeps, person: Person): Promise<JoinRequestView[]> {
  const pending = await deps.db.joinRequest.findMany({
    where: { status: "PENDING", unit: unitScope(person, "COORDINATOR") },
    include: { unit: true },
    orderBy: { createdAt: "asc" },
    take: 20,
  });
  return pending.filter((r) => can(person.actor, "join_request.decide", r.unit)).map(toView);
}

export async function decideJoinRequest(
  deps: ServiceDeps,
  person: Person,
  requestId: number,
  approve: boolean,
): Promise<JoinRequestView> {
  return deps.db.$transaction(async (tx) => {
    const request = await tx.joinRequest.findUnique({ where: { id: requestId }, include: { unit: true } });
    if (!request) throw new ServiceError("request_not_found");
    await requireOn(tx, person, "join_request.decide", request.unitId);
    // Two coordinators may press at once: only the first decision counts.
    const claimed = await tx.joinRequest.updateMany({
      where: { id: requestId, status: "PENDING" },
      data: { status: approve ? "APPROVED" : "REJECTED", decidedById: person.memberId, decidedAt: deps.now() },
    });
    if (claimed.count !== 1) throw new ServiceError("request_already_decided", { status: request.status });
    if (request.unit.validTo) throw new ServiceError("unit_retired", { name: request.unit.name });
    if (approve) {
      const member = await tx.member.upsert({
        where: { telegramId: request.telegramId },
        create: { telegramId: request.telegramId, fullName: request.fullName, phone: request.phone, language: request.language },
        update: {},
      });
      await tx.membership.upsert({
        where: { memberId_unitId: { memberId: member.id, unitId: request.unitId } },
        create: { memberId: member.id, unitId: request.unitId, role: "MEMBER" satisfies Role },
        update: {},
      });
    }
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: approve ? "join_request.approve" : "join_request.reject",
      entity: "JoinRequest", entityId: requestId, before: { status: "PENDING" }, after: { status: approve ? "APPROVED" : "REJECTED" },
    });
    return toView({ ...request, status: approve ? "APPROVED" : "REJECTED" });
  });
}

function toView(r: {
  id: number; unitId: number; fullName: string; phone: string | null; telegramId: bigint; language: string; status: string;
  unit: { name: string };
}): JoinRequestView {
  return {
    id: r.id, unitId: r.unitId, unitName: r.unit.name, fullName: r.fullName, phone: r.phone,
    telegramId: Number(r.telegramId), language: r.language, status: r.status as JoinRequestView["status"],
  };
}
