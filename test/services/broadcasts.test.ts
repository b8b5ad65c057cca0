// Broadcasts: who is in the audience (subtree and role, the sender left out,
// once each), the broadcast written with one outbox row per recipient and
// message, refusals (empty, too long, past, too far, nobody, outside the
// subtree, a plain member), scheduling and starting, cancelling (what is not
// sent stays unsent), acknowledgements, reminding once, who was not reached,
// and finishing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UnitKind } from "../../src/domain/unit-kinds.ts";
import type { Person } from "../../src/services/access.ts";
import type { NewBroadcast } from "../../src/services/broadcasts.ts";
import { freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { expectServiceError } from "../helpers/errors.ts";
import { peopleMaker } from "../helpers/people.ts";

const LABELS = { vi: "✅ Đã nhận", en: "✅ Received" };
const REMIND = { vi: "Nhắc lại: anh/chị bấm Đã nhận giúp nhé.", en: "Reminder: please press Received." };

describe.each(TEST_DATABASES)("broadcasts service on %s", (kind) => {
  let env: TestEnv;
  let admin: Person;
  let treeCount = 0;
  const b = () => env.services.broadcasts;
  const db = () => env.services.deps.db;
  const { personWith } = peopleMaker(() => env, () => admin, 9000);

  beforeAll(async () => {
    env = await freshServices(kind);
    admin = await env.services.access.loadPerson(1);
  });
  afterAll(async () => {
    await env.db.close();
  });

  async function tree() {
    const n = ++treeCount;
    const unit = (parentId: number | null, name: string, k: UnitKind) => env.services.units.createUnit(admin, { parentId, name: `${name} ${n}`, kind: k });
    const province = await unit(null, "Tỉnh Hòa Bình", "PROVINCE");
    const commune = await unit(province.id, "Xã Chiềng Châu", "COMMUNE");
    const branch = await unit(commune.id, "Chi hội bản Lác", "BRANCH");
    const other = await unit(province.id, "Xã Mãn Đức", "COMMUNE");
    const coord = await personWith("COORDINATOR", commune.id);
    const reporters = [await personWith("REPORTER", commune.id), await personWith("REPORTER", branch.id, "en"), await personWith("REPORTER", branch.id)];
    const member = await personWith("MEMBER", branch.id);
    const otherReporter = await personWith("REPORTER", other.id);
    return { province, commune, branch, other, coord, reporters, member, otherReporter };
  }

  const text = (s: string): NewBroadcast["content"] => ({ text: s, entities: [], media: null });
  const draft = (unitIds: number[], extra: Partial<NewBroadcast> = {}): NewBroadcast => ({
    unitIds, audience: "REPORTERS", content: text("Họp chi hội tối thứ Sáu"), askAck: true, scheduledAt: null, ...extra,
  });
  const rowsOf = (batch: string) => db().outboxMessage.findMany({ where: { batch }, orderBy: { id: "asc" } });

  it("a coordinator may broadcast to their subtree, a plain member nowhere", async () => {
    const t = await tree();
    expect((await b().broadcastTargets(t.coord)).map((u) => u.id)).toEqual([t.commune.id]);
    await expectServiceError(b().broadcastTargets(t.member), "forbidden");
    await expectServiceError(b().countAudience(t.member, { unitIds: [t.branch.id], audience: "EVERYONE" }), "forbidden");
    await expectServiceError(b().createBroadcast(t.member, draft([t.branch.id]), LABELS), "forbidden");
    // A unit outside the coordinator's subtree, even next to their own.
    await expectServiceError(b().countAudience(t.coord, { unitIds: [t.commune.id, t.other.id], audience: "EVERYONE" }), "forbidden");
    await expectServiceError(b().createBroadcast(t.coord, draft([t.other.id]), LABELS), "forbidden");
    expect(await db().broadcast.count({ where: { senderTelegramId: BigInt(t.coord.telegramId) } })).toBe(0);
  });

  it("counts the audience by subtree and role, once each, without the sender, known-unreachable counted apart", async () => {
    const t = await tree();
    expect(await b().countAudience(t.coord, { unitIds: [t.commune.id], audience: "REPORTERS" })).toEqual({ recipients: 3, unreachable: 0 });
    expect(await b().countAudience(t.coord, { unitIds: [t.commune.id], audience: "EVERYONE" })).toEqual({ recipients: 4, unreachable: 0 });
    expect(await b().countAudience(t.coord, { unitIds: [t.branch.id], audience: "REPORTERS" })).toEqual({ recipients: 2, unreachable: 0 });
    expect(await b().countAudience(t.coord, { unitIds: [t.commune.id], audience: "COORDINATORS" })).toEqual({ recipients: 0, unreachable: 0 });
    // A reporter with a second role in the branch is still one person; the branch inside the commune adds nobody.
    await env.services.invites.acceptInvite((await env.services.invites.createInvite(admin, { unitId: t.branch.id, role: "MEMBER", maxUses: 1, expiresAt: null })).code, {
      telegramId: t.reporters[0]!.telegramId, fullName: "x", phone: null, language: "vi",
    }).catch(() => undefined);
    expect(await b().countAudience(t.coord, { unitIds: [t.commune.id, t.branch.id], audience: "EVERYONE" })).toEqual({ recipients: 4, unreachable: 0 });
    await env.services.members.setReachable(t.reporters[2]!.telegramId, false);
    expect(await b().countAudience(t.coord, { unitIds: [t.commune.id], audience: "REPORTERS" })).toEqual({ recipients: 3, unreachable: 1 });
    // An administrator reaches the whole tree from its root.
    expect((await b().countAudience(admin, { unitIds: [t.province.id], audience: "REPORTERS" })).recipients).toBe(4);
  });

  it("writes the broadcast and one row per recipient, the ack button in each one's language; a known blocked one is counted blocked", async () => {
    const t = await tree();
    await env.services.members.setReachable(t.reporters[2]!.telegramId, false);
    const v = await b().createBroadcast(t.coord, draft([t.commune.id]), LABELS);
    expect(v).toMatchObject({ status: "SENDING", audience: "REPORTERS", askAck: true, parts: 1, units: [{ id: t.commune.id }], title: "Họp chi hội tối thứ Sáu" });
    expect(v.progress).toEqual({ recipients: 3, sent: 0, blocked: 1, failed: 0, waiting: 2, cancelled: 0, acked: 0 });
    const rows = await rowsOf(`broadcast:${v.id}`);
    expect(rows.map((r) => [Number(r.chatId), r.status])).toEqual([
      [t.reporters[0]!.telegramId, "PENDING"], [t.reporters[1]!.telegramId, "PENDING"], [t.reporters[2]!.telegramId, "BLOCKED"],
    ]);
    const payload = rows[1]!.payload as { method: string; params: { text: string; reply_markup: unknown } };
    expect(payload.method).toBe("sendMessage");
    expect(payload.params.text).toBe(`📢 ${t.coord.fullName}\nHọp chi hội tối thứ Sáu`);
    expect(payload.params.reply_markup).toEqual({ inline_keyboard: [[{ text: "✅ Received", callback_data: `ba:${v.id}` }]] });
    expect((rows[0]!.payload as { params: { reply_markup: { inline_keyboard: { text: string }[][] } } }).params.reply_markup.inline_keyboard[0]![0]!.text).toBe("✅ Đã nhận");
    const audit = await db().auditLog.findFirst({ where: { entity: "Broadcast", entityId: String(v.id), action: "broadcast.create" } });
    expect(audit?.after).toMatchObject({ recipients: 3, audience: "REPORTERS" });
  });

  it("splits a 5,000-character text into two messages per recipient, the button on the last; refuses one too long, empty, nobody", async () => {
    const t = await tree();
    const long = `${"Đoạn một. ".repeat(300)}\n\n${"Đoạn hai. ".repeat(200)}`;
    expect(long.length).toBeGreaterThan(4096);
    const v = await b().createBroadcast(t.coord, draft([t.branch.id], { content: text(long) }), LABELS);
    expect(v.parts).toBe(2);
    const rows = await rowsOf(`broadcast:${v.id}`);
    expect(rows.map((r) => r.dedupeKey)).toEqual([1, 2].flatMap((i) => [0, 1].map((part) => `broadcast:${v.id}:${t.reporters[i]!.telegramId}:${part}`)));
    const params = (i: number) => (rows[i]!.payload as { params: { text: string; reply_markup?: unknown } }).params;
    expect(params(0).reply_markup).toBeUndefined();
    expect(params(1).reply_markup).toBeDefined();
    for (const i of [0, 1]) expect(params(i).text.length).toBeLessThanOrEqual(4096);
    await expectServiceError(b().createBroadcast(t.coord, draft([t.branch.id], { content: text("x ".repeat(10_000)) }), LABELS), "broadcast_too_long", { max: 4 });
    await expectServiceError(b().createBroadcast(t.coord, draft([t.branch.id], { content: text("   \n ") }), LABELS), "broadcast_empty");
    await expectServiceError(b().createBroadcast(t.coord, draft([t.branch.id], { audience: "COORDINATORS" }), LABELS), "broadcast_no_recipients");
    expect(await db().broadcast.count({ where: { senderTelegramId: BigInt(t.coord.telegramId) } })).toBe(1);
  });

  it("keeps a photo's file_id and caption", async () => {
    const t = await tree();
    const v = await b().createBroadcast(t.coord, draft([t.branch.id], { content: { text: "Ảnh lễ phát thưởng", entities: [{ type: "bold", offset: 0, length: 3 }], media: { kind: "photo", fileId: "AgAD-photo" } } }), LABELS);
    expect(v.hasMedia).toBe(true);
    const [row] = await rowsOf(`broadcast:${v.id}`);
    const name = t.coord.fullName!;
    expect(row!.payload).toMatchObject({ method: "sendPhoto", params: { photo: "AgAD-photo", caption: `📢 ${name}\nẢnh lễ phát thưởng` } });
    expect((row!.payload as { params: { caption_entities: unknown[] } }).params.caption_entities).toEqual([
      { type: "bold", offset: 3, length: name.length }, { type: "bold", offset: 3 + name.length + 1, length: 3 },
    ]);
  });

  it("schedules in Vietnam's future, refuses the past and more than a year ahead, starts when due, cancels before it starts", async () => {
    const t = await tree();
    const now = env.clock.now;
    const later = new Date(now.getTime() + 3 * 3600_000).toISOString();
    await expectServiceError(b().createBroadcast(t.coord, draft([t.branch.id], { scheduledAt: new Date(now.getTime() - 3600_000).toISOString() }), LABELS), "broadcast_in_past");
    await expectServiceError(b().createBroadcast(t.coord, draft([t.branch.id], { scheduledAt: new Date(now.getTime() + 400 * 86_400_000).toISOString() }), LABELS), "broadcast_too_far");
    const v = await b().createBroadcast(t.coord, draft([t.branch.id], { scheduledAt: later }), LABELS);
    expect(v).toMatchObject({ status: "SCHEDULED", scheduledAt: later, startedAt: null });
    expect((await rowsOf(`broadcast:${v.id}`)).every((r) => r.notBefore.toISOString() === later)).toBe(true);
    expect((await b().listBroadcasts(t.coord)).map((x) => x.id)).toContain(v.id);
    expect(await b().startDueBroadcasts()).toEqual([]);
    const w = await b().createBroadcast(t.coord, draft([t.branch.id], { scheduledAt: later }), LABELS);
    const cancelled = await b().cancelBroadcast(t.coord, w.id);
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.progress).toMatchObject({ cancelled: 2, waiting: 0 });
    await expectServiceError(b().cancelBroadcast(t.coord, w.id), "broadcast_finished");
    // Someone else (not an administrator) cannot see or cancel it.
    await expectServiceError(b().cancelBroadcast(t.reporters[0]!, v.id), "broadcast_not_found");
    env.clock.now = new Date(now.getTime() + 3 * 3600_000 + 1000);
    try {
      const started = await b().startDueBroadcasts();
      expect(started.map((x) => x.id)).toEqual([v.id]);
      expect(started[0]!.status).toBe("SENDING");
      expect(await b().startDueBroadcasts()).toEqual([]); // a second instance starts nothing
    } finally {
      env.clock.now = now;
    }
  });

  it("stopping while sending cancels what is not sent; sent stays sent; finishing happens once", async () => {
    const t = await tree();
    const v = await b().createBroadcast(t.coord, draft([t.commune.id]), LABELS);
    const rows = await rowsOf(`broadcast:${v.id}`);
    await db().outboxMessage.update({ where: { id: rows[0]!.id }, data: { status: "SENT", messageId: 11 } });
    expect(await b().finishBroadcast(v.id)).toBeNull(); // two still waiting
    const stopped = await b().cancelBroadcast(t.coord, v.id);
    expect(stopped.progress).toMatchObject({ sent: 1, cancelled: 2, waiting: 0 });
    expect(await b().finishBroadcast(v.id)).toBeNull(); // cancelled, not done

    const w = await b().createBroadcast(t.coord, draft([t.commune.id]), LABELS);
    await db().outboxMessage.updateMany({ where: { batch: `broadcast:${w.id}` }, data: { status: "SENT" } });
    const done = await b().finishBroadcast(w.id);
    expect(done).toMatchObject({ status: "DONE", progress: { sent: 3, waiting: 0 } });
    expect(await b().finishBroadcast(w.id)).toBeNull();
    expect((await b().sendingBroadcasts()).map((x) => x.id)).not.toContain(w.id);
  });

  it("records acknowledgements once, only from those it reached; reminds the others once, as a reply to their copy", async () => {
    const t = await tree();
    const v = await b().createBroadcast(t.coord, draft([t.commune.id]), LABELS);
    const batch = `broadcast:${v.id}`;
    const [r0, r1, r2] = t.reporters;
    await db().outboxMessage.updateMany({ where: { batch, chatId: { in: [BigInt(r0!.telegramId), BigInt(r1!.telegramId)] } }, data: { status: "SENT", messageId: 77 } });
    await db().outboxMessage.updateMany({ where: { batch, chatId: BigInt(r2!.telegramId) }, data: { status: "BLOCKED" } });
    await expectServiceError(b().acknowledge(t.member, v.id), "broadcast_not_found");
    await expectServiceError(b().acknowledge(r2!, v.id), "broadcast_not_found"); // never reached
    expect(await b().acknowledge(r0!, v.id)).toEqual({ first: true });
    expect(await b().acknowledge(r0!, v.id)).toEqual({ first: false });
    expect((await b().getBroadcast(t.coord, v.id)).progress).toMatchObject({ acked: 1, sent: 2, blocked: 1 });

    expect(await b().remindUnacknowledged(t.coord, v.id, REMIND, LABELS)).toBe(1);
    const reminders = await rowsOf(`${batch}:remind`);
    expect(reminders.map((r) => Number(r.chatId))).toEqual([r1!.telegramId]);
    expect(reminders[0]!.payload).toEqual({
      method: "sendMessage",
      params: {
        text: REMIND.en, parse_mode: "HTML", reply_parameters: { message_id: 77, allow_sending_without_reply: true },
        reply_markup: { inline_keyboard: [[{ text: "✅ Received", callback_data: `ba:${v.id}` }]] },
      },
    });
    await expectServiceError(b().remindUnacknowledged(t.coord, v.id, REMIND, LABELS), "broadcast_already_reminded");
    const noAck = await b().createBroadcast(t.coord, draft([t.commune.id], { askAck: false }), LABELS);
    await expectServiceError(b().remindUnacknowledged(t.coord, noAck.id, REMIND, LABELS), "broadcast_no_ack");
    const scheduled = await b().createBroadcast(t.coord, draft([t.commune.id], { scheduledAt: new Date(env.clock.now.getTime() + 86_400_000).toISOString() }), LABELS);
    await expectServiceError(b().remindUnacknowledged(t.coord, scheduled.id, REMIND, LABELS), "broadcast_not_started");
    // The reminder batch does not count in the broadcast's own progress.
    expect((await b().getBroadcast(t.coord, v.id)).progress.recipients).toBe(3);
  });

  it("lists who was not reached with names, and an administrator sees everyone's broadcasts", async () => {
    const t = await tree();
    const v = await b().createBroadcast(t.coord, draft([t.commune.id]), LABELS);
    const batch = `broadcast:${v.id}`;
    const [r0, r1, r2] = t.reporters;
    await db().outboxMessage.updateMany({ where: { batch, chatId: BigInt(r0!.telegramId) }, data: { status: "SENT" } });
    await db().outboxMessage.updateMany({ where: { batch, chatId: BigInt(r1!.telegramId) }, data: { status: "BLOCKED" } });
    await db().outboxMessage.updateMany({ where: { batch, chatId: BigInt(r2!.telegramId) }, data: { status: "FAILED" } });
    expect(await b().unreached(t.coord, v.id)).toEqual([
      { telegramId: r1!.telegramId, name: r1!.fullName, status: "BLOCKED" },
      { telegramId: r2!.telegramId, name: r2!.fullName, status: "FAILED" },
    ]);
    await expectServiceError(b().unreached(t.reporters[0]!, v.id), "broadcast_not_found");
    expect((await b().getBroadcast(admin, v.id)).id).toBe(v.id);
    expect((await b().listBroadcasts(admin, 50)).map((x) => x.id)).toContain(v.id);
  });

  // The compose flow makes a key before "send": a "send" handled again (delivered again after a crash, pressed
  // again after the chat's state was not saved) must not write — and send — a second broadcast to everyone.
  it("the same submission key again: one broadcast, its outbox rows and audit entry once, the same broadcast back even after its time", async () => {
    const t = await tree();
    const key = "5e0c7a1b-2d3f-4a5b-8c9d-0e1f2a3b4c5d";
    const mine = () => db().broadcast.findMany({ where: { senderTelegramId: BigInt(t.coord.telegramId) } });
    const v = await b().createBroadcast(t.coord, draft([t.commune.id], { submissionKey: key }), LABELS);
    const again = await b().createBroadcast(t.coord, draft([t.commune.id], { submissionKey: key }), LABELS);
    expect(again).toEqual(v);
    expect((await mine()).map((x) => [x.id, x.submissionKey])).toEqual([[v.id, key]]);
    expect(await rowsOf(`broadcast:${v.id}`)).toHaveLength(3);
    expect(await db().outboxMessage.count({ where: { batch: { startsWith: "broadcast:" }, chatId: BigInt(t.reporters[0]!.telegramId) } })).toBe(1);
    expect(await db().auditLog.count({ where: { entity: "Broadcast", entityId: String(v.id), action: "broadcast.create" } })).toBe(1);
    // Sent in part since: it comes back as it is now, nothing queued again.
    await db().outboxMessage.updateMany({ where: { batch: `broadcast:${v.id}`, chatId: BigInt(t.reporters[0]!.telegramId) }, data: { status: "SENT" } });
    expect((await b().createBroadcast(t.coord, draft([t.commune.id], { submissionKey: key }), LABELS)).progress).toEqual({ recipients: 3, sent: 1, blocked: 0, failed: 0, waiting: 2, cancelled: 0, acked: 0 });
    // A scheduled one replayed after its time: no broadcast_in_past, the same one.
    const key2 = "5e0c7a1b-2d3f-4a5b-8c9d-0e1f2a3b4c5e";
    const now = env.clock.now;
    const s = await b().createBroadcast(t.coord, draft([t.branch.id], { scheduledAt: new Date(now.getTime() + 3600_000).toISOString(), submissionKey: key2 }), LABELS);
    env.clock.now = new Date(now.getTime() + 2 * 3600_000);
    try {
      expect((await b().createBroadcast(t.coord, draft([t.branch.id], { scheduledAt: new Date(now.getTime() + 3600_000).toISOString(), submissionKey: key2 }), LABELS)).id).toBe(s.id);
    } finally {
      env.clock.now = now;
    }
    // Another key, or none: another broadcast.
    await b().createBroadcast(t.coord, draft([t.branch.id], { submissionKey: "5e0c7a1b-2d3f-4a5b-8c9d-0e1f2a3b4c5f" }), LABELS);
    await b().createBroadcast(t.coord, draft([t.branch.id]), LABELS);
    await b().createBroadcast(t.coord, draft([t.branch.id], { submissionKey: null }), LABELS);
    expect(await mine()).toHaveLength(5);
  });

  it("the same submission at once (two instances, a redelivered update): one broadcast, one set of rows, both get it", async () => {
    const t = await tree();
    const key = "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d";
    const all = await Promise.all(Array.from({ length: 4 }, () => b().createBroadcast(t.coord, draft([t.commune.id], { submissionKey: key }), LABELS)));
    expect(new Set(all.map((v) => v.id)).size).toBe(1);
    expect(await db().broadcast.count({ where: { senderTelegramId: BigInt(t.coord.telegramId) } })).toBe(1);
    expect(await rowsOf(`broadcast:${all[0]!.id}`)).toHaveLength(3);
    expect(await db().auditLog.count({ where: { entity: "Broadcast", entityId: String(all[0]!.id), action: "broadcast.create" } })).toBe(1);
  });

  it("a key already used by another sender is refused, nothing written", async () => {
    const t = await tree();
    const key = "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9";
    const v = await b().createBroadcast(t.coord, draft([t.branch.id], { submissionKey: key }), LABELS);
    const before = await db().broadcast.count();
    await expectServiceError(b().createBroadcast(admin, draft([t.branch.id], { submissionKey: key }), LABELS), "bad_input", { fields: "submissionKey" });
    expect(await db().broadcast.count()).toBe(before);
    expect((await b().getBroadcast(t.coord, v.id)).id).toBe(v.id);
  });
});
