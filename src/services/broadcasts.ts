// Announcements from coordinators and administrators (issue 7): the audience
// (units of the sender's subtree, with theirs, and a role filter), the
// broadcast written together with one outbox row per recipient and message
// (so a restart resumes it), scheduling, cancelling, acknowledgements,
// reminding those who did not acknowledge (once), and the progress that the
// bot's tracker (src/bot/broadcast-tracker.ts) shows while it is sent.
// Who may do what is decided here: "broadcast.send" on every chosen unit.
import { isUniqueViolation } from "../db/errors.ts";
import { z } from "zod";
import type { MessageEntity } from "grammy/types";
import { Prisma, type BroadcastAudience, type BroadcastStatus } from "../db/generated/client.ts";
import { composeBroadcast, MAX_PARTS, TEXT_LIMIT, type BroadcastContent, type BroadcastPart } from "../domain/broadcast-message.ts";
import { can, isAdmin } from "../domain/permissions.ts";
import { type Person } from "./access.ts";
import { writeAudit } from "./audit.ts";
import type { DbOrTx, ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";
import { parseInput } from "./input.ts";
import { managedRoots, type UnitSummary } from "./units.ts";
import type { OutboxPayload } from "./outbox.ts";

export type Audience = BroadcastAudience;
export const AUDIENCES: readonly Audience[] = ["EVERYONE", "REPORTERS", "COORDINATORS"];

/** A schedule closer than this to now counts as "now"; earlier is refused as in the past. */
export const SCHEDULE_SLACK_MS = 60_000;
/** How far ahead a broadcast may be scheduled. */
export const MAX_SCHEDULE_DAYS = 366;

export interface AudienceChoice {
  unitIds: number[];
  audience: Audience;
}

export interface AudienceCount {
  /** people who will get it (the sender not counted) */
  recipients: number;
  /** of them, known to have blocked the bot: not sent to, counted as blocked */
  unreachable: number;
}

export interface NewBroadcast extends AudienceChoice {
  content: BroadcastContent;
  /** the header's name when the person has no name of their own yet (an administrator from the settings) */
  senderName?: string;
  askAck: boolean;
  /** ISO time; null: now */
  scheduledAt: string | null;
  /**
   * Made by the client before its final confirmation (the bot: a UUID): the same
   * submission again returns the broadcast written the first time (no second
   * one, no second outbox rows). Absent or null: no such check.
   */
  submissionKey?: string | null;
}

/** The "Đã nhận" / "Received" button's label in each language (the bot's texts). */
export type AckLabels = Record<"vi" | "en", string>;

/** Per recipient (a recipient with several messages counts once). */
export interface BroadcastProgress {
  recipients: number;
  sent: number;
  blocked: number;
  failed: number;
  /** not yet sent (queued, or being sent) */
  waiting: number;
  cancelled: number;
  acked: number;
}

export interface BroadcastView {
  id: number;
  status: BroadcastStatus;
  senderTelegramId: number;
  senderName: string;
  audience: Audience;
  units: { id: number; name: string }[];
  /** the first line of the text, shortened (for lists) */
  title: string;
  hasMedia: boolean;
  parts: number;
  askAck: boolean;
  scheduledAt: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  cancelledAt: string | null;
  remindedAt: string | null;
  progressMessage: { chatId: number; messageId: number } | null;
  progress: BroadcastProgress;
}

export interface UnreachedRecipient {
  telegramId: number;
  name: string | null;
  status: "BLOCKED" | "FAILED" | "CANCELLED" | "WAITING";
}

/** The units the person may broadcast to, top-most first (an administrator: the roots). Throws forbidden when none. */
export async function broadcastTargets(deps: ServiceDeps, person: Person): Promise<UnitSummary[]> {
  const roots = await managedRoots(deps, person);
  if (roots.length === 0) throw new ServiceError("forbidden");
  return roots;
}

/** How many people the choice reaches. Throws forbidden for a unit outside the person's subtree, bad_input for none. */
export async function countAudience(deps: ServiceDeps, person: Person, choice: AudienceChoice): Promise<AudienceCount> {
  const c = parseInput(choiceSchema, choice);
  const units = await chosenUnits(deps.db, person, c.unitIds);
  const people = await recipientsOf(deps.db, person, units, c.audience);
  return { recipients: people.length, unreachable: people.filter((p) => p.unreachable).length };
}

/**
 * Writes the broadcast and its outbox rows in one transaction; sending starts
 * at once (status SENDING) or at scheduledAt (SCHEDULED). Refuses:
 * broadcast_empty (no text and no file), broadcast_too_long (more than
 * MAX_PARTS messages), broadcast_in_past, broadcast_too_far, broadcast_no_recipients,
 * forbidden (a unit outside the subtree). With a submissionKey already used by
 * the person, returns that broadcast as it is now, checking nothing else (its
 * time may be past by then).
 */
export async function createBroadcast(deps: ServiceDeps, person: Person, input: NewBroadcast, ackLabels: AckLabels): Promise<BroadcastView> {
  const b = parseInput(newSchema, input);
  const labels = parseInput(labelsSchema, ackLabels);
  const key = b.submissionKey ?? null;
  if (key !== null) {
    const earlier = await submitted(deps.db, person, key);
    if (earlier) return viewOf(deps.db, earlier);
  }
  const content: BroadcastContent = { text: b.content.text, entities: b.content.entities as MessageEntity[], media: b.content.media };
  if (content.text.trim() === "" && content.media === null) throw new ServiceError("broadcast_empty");
  const senderName = person.fullName ?? b.senderName ?? String(person.telegramId);
  const parts = composeBroadcast(senderName, content);
  if (parts.length > MAX_PARTS) throw new ServiceError("broadcast_too_long", { parts: parts.length, max: MAX_PARTS, limit: MAX_PARTS * TEXT_LIMIT });
  const now = deps.now();
  const at = b.scheduledAt === null ? now : new Date(b.scheduledAt);
  if (at.getTime() < now.getTime() - SCHEDULE_SLACK_MS) throw new ServiceError("broadcast_in_past");
  if (at.getTime() > now.getTime() + MAX_SCHEDULE_DAYS * 86_400_000) throw new ServiceError("broadcast_too_far", { days: MAX_SCHEDULE_DAYS });
  const scheduled = at.getTime() > now.getTime() + SCHEDULE_SLACK_MS;
  const sendAt = scheduled ? at : now;

  const write = () => deps.db.$transaction(
    async (tx) => {
      const units = await chosenUnits(tx, person, b.unitIds);
      const people = await recipientsOf(tx, person, units, b.audience);
      if (people.length === 0) throw new ServiceError("broadcast_no_recipients");
      const created = await tx.broadcast.create({
        data: {
          senderTelegramId: BigInt(person.telegramId), senderName, unitIds: units.map((u) => u.id), audience: b.audience,
          text: content.text, entities: content.entities as unknown as Prisma.InputJsonValue, mediaKind: content.media?.kind ?? null,
          mediaFileId: content.media?.fileId ?? null, parts: parts.length, askAck: b.askAck, scheduledAt: sendAt,
          status: scheduled ? "SCHEDULED" : "SENDING", recipients: people.length, startedAt: scheduled ? null : now,
          submissionKey: key,
        },
      });
      const batch = batchOf(created.id);
      const rows: Prisma.OutboxMessageCreateManyInput[] = [];
      for (const p of people) {
        if (p.unreachable) {
          // Known to have blocked the bot: not sent to, but counted (and listed) as blocked.
          rows.push({ batch, dedupeKey: `${batch}:${p.telegramId}:0`, chatId: BigInt(p.telegramId), payload: parts[0] as object, status: "BLOCKED", notBefore: sendAt, error: UNREACHABLE });
          continue;
        }
        parts.forEach((part, i) => {
          const last = i === parts.length - 1;
          const payload = last && b.askAck ? withAckButton(part, created.id, labels[localeOf(p.language)]) : part;
          rows.push({ batch, dedupeKey: `${batch}:${p.telegramId}:${i}`, chatId: BigInt(p.telegramId), payload: payload as object, notBefore: sendAt });
        });
      }
      for (let i = 0; i < rows.length; i += CHUNK) await tx.outboxMessage.createMany({ data: rows.slice(i, i + CHUNK) });
      await writeAudit(tx, {
        actorTelegramId: person.telegramId, action: "broadcast.create", entity: "Broadcast", entityId: created.id,
        after: { units: units.map((u) => u.id), audience: b.audience, recipients: people.length, parts: parts.length, askAck: b.askAck, scheduledAt: sendAt.toISOString() },
      });
      return created.id;
    },
    { timeout: TX_TIMEOUT_MS, maxWait: TX_TIMEOUT_MS },
  );
  let id: number;
  try {
    id = await write();
  } catch (error) {
    // The same submission committed meanwhile by another instance or a redelivered update: theirs stands.
    const earlier = key !== null && isUniqueViolation(error) ? await submitted(deps.db, person, key) : null;
    if (!earlier) throw error;
    return viewOf(deps.db, earlier);
  }
  return viewOf(deps.db, await deps.db.broadcast.findUniqueOrThrow({ where: { id } }));
}


/** The broadcast written with this submission key, or null; another sender's key is refused. */
async function submitted(db: DbOrTx, person: Person, key: string): Promise<BroadcastRow | null> {
  const row = await db.broadcast.findUnique({ where: { submissionKey: key } });
  if (row && Number(row.senderTelegramId) !== person.telegramId) {
    throw new ServiceError("bad_input", { fields: "submissionKey", reason: "key_of_another_submission" });
  }
  return row;
}

/** The person's broadcasts (an administrator: everyone's), scheduled and sending first, then the latest. */
export async function listBroadcasts(deps: ServiceDeps, person: Person, limit = 10): Promise<BroadcastView[]> {
  const n = parseInput(z.number().int().min(1).max(50), limit);
  const mine = isAdmin(person.actor) ? {} : { senderTelegramId: BigInt(person.telegramId) };
  const active = await deps.db.broadcast.findMany({ where: { ...mine, status: { in: ["SCHEDULED", "SENDING"] } }, orderBy: { scheduledAt: "asc" }, take: n });
  const past = await deps.db.broadcast.findMany({ where: { ...mine, status: { in: ["DONE", "CANCELLED"] } }, orderBy: { createdAt: "desc" }, take: n - active.length });
  const out: BroadcastView[] = [];
  for (const b of [...active, ...past]) out.push(await viewOf(deps.db, b));
  return out;
}

/** One broadcast, for its sender or an administrator (others: broadcast_not_found). */
export async function getBroadcast(deps: ServiceDeps, person: Person, broadcastId: number): Promise<BroadcastView> {
  return viewOf(deps.db, await visible(deps.db, person, broadcastId));
}

/**
 * Cancels a scheduled broadcast, or stops one being sent: what is not yet
 * sent is not sent. Refuses broadcast_finished when done or cancelled already.
 */
export async function cancelBroadcast(deps: ServiceDeps, person: Person, broadcastId: number): Promise<BroadcastView> {
  const b = await visible(deps.db, person, broadcastId);
  const now = deps.now();
  await deps.db.$transaction(async (tx) => {
    const { count } = await tx.broadcast.updateMany({
      where: { id: b.id, status: { in: ["SCHEDULED", "SENDING"] } },
      data: { status: "CANCELLED", cancelledAt: now, finishedAt: now },
    });
    if (count === 0) throw new ServiceError("broadcast_finished");
    const stopped = await tx.outboxMessage.updateMany({ where: { batch: batchOf(b.id), status: "PENDING" }, data: { status: "CANCELLED" } });
    await writeAudit(tx, {
      actorTelegramId: person.telegramId, action: "broadcast.cancel", entity: "Broadcast", entityId: b.id,
      before: { status: b.status }, after: { status: "CANCELLED", notSent: stopped.count },
    });
  });
  return getBroadcast(deps, person, b.id);
}

/** A recipient pressed "Đã nhận": recorded once. Throws broadcast_not_found for someone it was not sent to. */
export async function acknowledge(deps: ServiceDeps, person: Person, broadcastId: number): Promise<{ first: boolean }> {
  const id = parseInput(idSchema, broadcastId);
  const got = await deps.db.outboxMessage.findFirst({ where: { batch: batchOf(id), chatId: BigInt(person.telegramId), status: "SENT" }, select: { id: true } });
  if (!got) throw new ServiceError("broadcast_not_found");
  const { count } = await deps.db.broadcastAck.createMany({ data: [{ broadcastId: id, telegramId: BigInt(person.telegramId), at: deps.now() }], skipDuplicates: true });
  return { first: count === 1 };
}

/**
 * Queues one reminder to each recipient who got it and has not acknowledged
 * (a reply to their copy, with the button again); `texts` is the reminder's
 * text per language. Once per broadcast: broadcast_already_reminded; refuses
 * broadcast_no_ack (no button asked), broadcast_not_started. Returns how many.
 */
export async function remindUnacknowledged(
  deps: ServiceDeps, person: Person, broadcastId: number, texts: Record<"vi" | "en", string>, ackLabels: AckLabels,
): Promise<number> {
  const said = parseInput(labelsSchema, texts);
  const labels = parseInput(labelsSchema, ackLabels);
  const b = await visible(deps.db, person, broadcastId);
  if (!b.askAck) throw new ServiceError("broadcast_no_ack");
  if (b.status === "SCHEDULED") throw new ServiceError("broadcast_not_started");
  const batch = batchOf(b.id);
  const now = deps.now();
  return deps.db.$transaction(
    async (tx) => {
      const { count } = await tx.broadcast.updateMany({ where: { id: b.id, remindedAt: null }, data: { remindedAt: now } });
      if (count === 0) throw new ServiceError("broadcast_already_reminded");
      // Those who got the message with the button (the last one) and have not pressed it.
      const targets = await tx.$queryRaw<{ chatId: bigint; messageId: number | null; language: string | null }[]>`
        SELECT o."chatId", o."messageId", m.language
        FROM "OutboxMessage" o
        LEFT JOIN "Member" m ON m."telegramId" = o."chatId"
        WHERE o.batch = ${batch} AND o."dedupeKey" = ${batch} || ':' || o."chatId"::text || ':' || ${String(b.parts - 1)} AND o.status = 'SENT'
          AND NOT EXISTS (SELECT 1 FROM "BroadcastAck" a WHERE a."broadcastId" = ${b.id} AND a."telegramId" = o."chatId")
        ORDER BY o.id`;
      const remind = `${batch}:remind`;
      const rows = targets.map((r) => {
        const locale = localeOf(r.language);
        const params: Record<string, unknown> = {
          text: said[locale], parse_mode: "HTML",
          reply_markup: { inline_keyboard: [[{ text: labels[locale], callback_data: `ba:${b.id}` }]] },
        };
        if (r.messageId !== null) params.reply_parameters = { message_id: r.messageId, allow_sending_without_reply: true };
        return { batch: remind, dedupeKey: `${remind}:${r.chatId}`, chatId: r.chatId, payload: { method: "sendMessage", params } as object, notBefore: now };
      });
      for (let i = 0; i < rows.length; i += CHUNK) await tx.outboxMessage.createMany({ data: rows.slice(i, i + CHUNK), skipDuplicates: true });
      await writeAudit(tx, { actorTelegramId: person.telegramId, action: "broadcast.remind", entity: "Broadcast", entityId: b.id, after: { reminded: rows.length } });
      return rows.length;
    },
    { timeout: TX_TIMEOUT_MS, maxWait: TX_TIMEOUT_MS },
  );
}

/** Who was not reached (blocked, failed, cancelled, still waiting), names where known. */
export async function unreached(deps: ServiceDeps, person: Person, broadcastId: number, limit = 50): Promise<UnreachedRecipient[]> {
  const n = parseInput(z.number().int().min(1).max(500), limit);
  const b = await visible(deps.db, person, broadcastId);
  const rows = await deps.db.$queryRaw<{ chatId: bigint; s: UnreachedRecipient["status"]; fullName: string | null }[]>`
    SELECT x."chatId", x.s, m."fullName"
    FROM (${perRecipient(batchOf(b.id))}) x
    LEFT JOIN "Member" m ON m."telegramId" = x."chatId"
    WHERE x.s <> 'SENT'
    ORDER BY x.s, m."fullName", x."chatId"
    LIMIT ${n}::int`;
  return rows.map((r) => ({ telegramId: Number(r.chatId), name: r.fullName, status: r.s }));
}

// ---- for the tracker (no person: the bot's own job) ----

/** Scheduled broadcasts whose time has come become SENDING; returns those this call started. */
export async function startDueBroadcasts(deps: ServiceDeps): Promise<BroadcastView[]> {
  const now = deps.now();
  const due = await deps.db.broadcast.findMany({ where: { status: "SCHEDULED", scheduledAt: { lte: now } }, orderBy: { scheduledAt: "asc" }, select: { id: true } });
  const started: BroadcastView[] = [];
  for (const { id } of due) {
    // Another instance may start the same one: only the one whose update wins reports it.
    const { count } = await deps.db.broadcast.updateMany({ where: { id, status: "SCHEDULED" }, data: { status: "SENDING", startedAt: now } });
    if (count === 1) started.push(await viewOf(deps.db, await deps.db.broadcast.findUniqueOrThrow({ where: { id } })));
  }
  return started;
}

/** Broadcasts being sent, with their progress. */
export async function sendingBroadcasts(deps: ServiceDeps): Promise<BroadcastView[]> {
  const rows = await deps.db.broadcast.findMany({ where: { status: "SENDING" }, orderBy: { id: "asc" } });
  const out: BroadcastView[] = [];
  for (const b of rows) out.push(await viewOf(deps.db, b));
  return out;
}

/** Marks a SENDING broadcast with nothing left to send DONE; returns its view when this call did it, else null. */
export async function finishBroadcast(deps: ServiceDeps, broadcastId: number): Promise<BroadcastView | null> {
  const id = parseInput(idSchema, broadcastId);
  const waiting = await deps.db.outboxMessage.count({ where: { batch: batchOf(id), status: { in: ["PENDING", "SENDING"] } } });
  if (waiting > 0) return null;
  const { count } = await deps.db.broadcast.updateMany({ where: { id, status: "SENDING" }, data: { status: "DONE", finishedAt: deps.now() } });
  if (count === 0) return null;
  return viewOf(deps.db, await deps.db.broadcast.findUniqueOrThrow({ where: { id } }));
}

/** Remembers the message that shows the progress (one per broadcast). */
export async function setProgressMessage(deps: ServiceDeps, broadcastId: number, chatId: number, messageId: number): Promise<void> {
  const id = parseInput(idSchema, broadcastId);
  const ids = parseInput(z.object({ chatId: z.number().int(), messageId: z.number().int().positive() }), { chatId, messageId });
  await deps.db.broadcast.update({ where: { id }, data: { progressChatId: BigInt(ids.chatId), progressMessageId: ids.messageId } });
}

// ---- inside ----

const UNREACHABLE = "known unreachable: the person blocked the bot earlier";
const CHUNK = 5000;
const TX_TIMEOUT_MS = 120_000;
const TITLE_MAX = 40;

const idSchema = z.number().int().positive();
const choiceSchema = z.object({
  unitIds: z.array(z.number().int().positive()).min(1).max(100),
  audience: z.enum(["EVERYONE", "REPORTERS", "COORDINATORS"]),
});
const entitySchema = z.looseObject({ type: z.string().min(1).max(40), offset: z.number().int().min(0), length: z.number().int().min(1) });
const newSchema = choiceSchema.extend({
  content: z.object({
    text: z.string().max(MAX_PARTS * TEXT_LIMIT * 2),
    entities: z.array(entitySchema).max(2000),
    media: z.object({ kind: z.enum(["photo", "document"]), fileId: z.string().min(1).max(500) }).nullable(),
  }),
  senderName: z.string().min(1).max(200).optional(),
  askAck: z.boolean(),
  scheduledAt: z.iso.datetime({ offset: true }).nullable(),
  submissionKey: z.string().min(8).max(100).nullable().optional(),
});
const labelsSchema = z.object({ vi: z.string().min(1).max(4000), en: z.string().min(1).max(4000) });

type BroadcastRow = NonNullable<Awaited<ReturnType<ServiceDeps["db"]["broadcast"]["findUnique"]>>>;

function batchOf(id: number): string {
  return `broadcast:${id}`;
}

function localeOf(language: string | null): "vi" | "en" {
  return language === "en" ? "en" : "vi";
}

function withAckButton(part: BroadcastPart, id: number, label: string): OutboxPayload {
  return { method: part.method, params: { ...part.params, reply_markup: { inline_keyboard: [[{ text: label, callback_data: `ba:${id}` }]] } } };
}

/** The chosen units, each one the person may broadcast to (else forbidden); retired ones refused. */
async function chosenUnits(db: DbOrTx, person: Person, unitIds: number[]) {
  const ids = [...new Set(unitIds)];
  const units = await db.unit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, path: true, validTo: true } });
  if (units.length !== ids.length) throw new ServiceError("unit_not_found");
  for (const u of units) {
    if (!can(person.actor, "broadcast.send", u)) throw new ServiceError("forbidden");
    if (u.validTo !== null) throw new ServiceError("unit_retired");
  }
  // A unit inside another chosen one adds nobody.
  return units.filter((u) => !units.some((o) => o.id !== u.id && u.path.startsWith(o.path)));
}

interface Recipient {
  telegramId: number;
  language: string | null;
  unreachable: boolean;
}

/** Everyone with a matching role in the units' subtrees (active units), once each, the sender left out. */
async function recipientsOf(db: DbOrTx, person: Person, units: { path: string }[], audience: Audience): Promise<Recipient[]> {
  const role = audience === "REPORTERS" ? { role: "REPORTER" as const } : audience === "COORDINATORS" ? { role: { in: ["COORDINATOR" as const, "ADMIN" as const] } } : {};
  const rows = await db.membership.findMany({
    where: { ...role, unit: { validTo: null, OR: units.map((u) => ({ path: { startsWith: u.path } })) }, member: { telegramId: { not: BigInt(person.telegramId) } } },
    select: { member: { select: { telegramId: true, language: true, unreachableAt: true } } },
    distinct: ["memberId"],
    orderBy: { memberId: "asc" },
  });
  return rows.map((r) => ({ telegramId: Number(r.member.telegramId), language: r.member.language, unreachable: r.member.unreachableAt !== null }));
}

async function visible(db: DbOrTx, person: Person, broadcastId: number): Promise<BroadcastRow> {
  const id = parseInput(idSchema, broadcastId);
  const b = await db.broadcast.findUnique({ where: { id } });
  if (!b || (!isAdmin(person.actor) && Number(b.senderTelegramId) !== person.telegramId)) throw new ServiceError("broadcast_not_found");
  return b;
}

/** Each recipient's state over their messages: blocked or failed if any was, waiting while any waits. */
function perRecipient(batch: string): Prisma.Sql {
  return Prisma.sql`
    SELECT "chatId",
      CASE WHEN bool_or(status = 'BLOCKED') THEN 'BLOCKED'
           WHEN bool_or(status = 'FAILED') THEN 'FAILED'
           WHEN bool_or(status IN ('PENDING', 'SENDING')) THEN 'WAITING'
           WHEN bool_or(status = 'CANCELLED') THEN 'CANCELLED'
           ELSE 'SENT' END AS s
    FROM "OutboxMessage" WHERE batch = ${batch} GROUP BY "chatId"`;
}

async function progressOf(db: DbOrTx, id: number): Promise<BroadcastProgress> {
  const groups = await db.$queryRaw<{ s: string; n: number }[]>`SELECT x.s, count(*)::int AS n FROM (${perRecipient(batchOf(id))}) x GROUP BY x.s`;
  const count = (s: string) => groups.find((g) => g.s === s)?.n ?? 0;
  const acked = await db.broadcastAck.count({ where: { broadcastId: id } });
  const p = { sent: count("SENT"), blocked: count("BLOCKED"), failed: count("FAILED"), waiting: count("WAITING"), cancelled: count("CANCELLED"), acked };
  return { recipients: p.sent + p.blocked + p.failed + p.waiting + p.cancelled, ...p };
}

async function viewOf(db: DbOrTx, b: BroadcastRow): Promise<BroadcastView> {
  const units = await db.unit.findMany({ where: { id: { in: b.unitIds } }, select: { id: true, name: true } });
  const firstLine = b.text.trim().split("\n")[0] ?? "";
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: b.id, status: b.status, senderTelegramId: Number(b.senderTelegramId), senderName: b.senderName, audience: b.audience,
    units: b.unitIds.map((id) => units.find((u) => u.id === id)).filter((u) => u !== undefined),
    title: firstLine.length > TITLE_MAX ? `${firstLine.slice(0, TITLE_MAX - 1)}…` : firstLine,
    hasMedia: b.mediaKind !== null, parts: b.parts, askAck: b.askAck,
    scheduledAt: b.scheduledAt.toISOString(), createdAt: b.createdAt.toISOString(), startedAt: iso(b.startedAt), finishedAt: iso(b.finishedAt),
    cancelledAt: iso(b.cancelledAt), remindedAt: iso(b.remindedAt),
    progressMessage: b.progressChatId !== null && b.progressMessageId !== null ? { chatId: Number(b.progressChatId), messageId: b.progressMessageId } : null,
    progress: await progressOf(db, b.id),
  };
}

export type { MessageEntity };
