// The end-to-end permission table (issue 9, reliability suite): every command
// and every button the bot handles, who may use it, and how to aim it at a
// unit (or at a record of that unit). permissions-table.test.ts drives each
// cell through the real bot; the expected answers are written out here by
// hand, never computed from can().
//
// Columns, always in this order:
//   stranger     — has never joined anything
//   MEMBER, REPORTER, COORDINATOR, ADMIN — that role held in the OWN unit
//   root         — listed in ADMIN_TELEGRAM_IDS, no membership at all
// Positions (for rows aimed at a unit or at a record of one):
//   own   — the unit the role is held in            (domain table: "self")
//   child — a unit under it, inside the subtree     (domain table: "ancestor")
//   other — a unit of another district's subtree    (domain table: "sibling")
// Letters: Y allowed (the screen is shown / the flow starts / the change is
// made), n refused (a refusal text, nothing changes), s answered as outdated.
import type { Action } from "../../src/domain/permissions.ts";
import { versionToken } from "../../src/bot/conversations/piggy-text.ts";
import type { BotHarness } from "../helpers/bot.ts";
import { criteriaInForce } from "../helpers/learning.ts";

export const COLUMNS = ["stranger", "MEMBER", "REPORTER", "COORDINATOR", "ADMIN", "root"] as const;
export type Column = (typeof COLUMNS)[number];
export type Pos = "own" | "child" | "other";
export type Letter = "Y" | "n" | "s";

/** What a row needs: a domain action (on the unit aimed at, or anywhere for rows without a unit), or a rule of its own. */
export type Need =
  | { action: Action }
  | "anyone"
  | "member" // a role in some unit, or an administrator
  | "admin"
  | "sender" // the broadcast's sender or an administrator
  | "recipient" // someone the broadcast was delivered to
  | "nobody"; // no handler acts on it outside a flow: answered as outdated

export interface Row {
  /** the command ("/units") or the callback-data prefix ("u:") */
  name: string;
  kind: "command" | "button";
  need: Need;
  /** the unit (or record) positions tried; none: the row is not aimed at a unit */
  positions: Pos[];
  /** expected letters: one group per column, one letter per position (one letter for rows without positions) */
  expect: string;
  /** the command text or callback data; `fresh` asks for a new target (a press that consumes it) */
  trigger: (fx: Fixture, pos: Pos | null, fresh: boolean) => Promise<string> | string;
  /** the press starts a conversation (left with /cancel afterwards) */
  flow?: boolean;
  /** an allowed press consumes or changes its target: each allowed cell gets a fresh one */
  consumes?: boolean;
  /** texts (locale keys) that count as a refusal for this row, besides the common ones */
  refusals?: string[];
  /** where the bot knowingly differs from `need` as the domain table reads it, and why */
  divergence?: string;
}

// ---- the fixture: records in the own unit, its child and the other unit ----

export interface UnitRecords {
  id: number;
  code: string;
  driveId: number;
  openingId: number;
  openingToken: string;
  caseId: number;
  registrationId: number;
  evaluationId: number;
  submittedId: number;
  submittedToken: string;
  approvedId: number;
  recognisedId: number;
  reportId: number;
  reportToken: string;
  membershipId: number;
  inviteId: number;
  requestId: number;
}

export interface Fixture {
  year: number;
  units: Record<Pos, UnitRecords>;
  /** a broadcast to the own unit (delivered to the table's members there) and one to the other unit */
  broadcasts: Record<"own" | "other", number>;
  deadlineId: number;
  deadlineToken: string;
  sponsorKindId: number;
  criteriaSetId: number;
  fresh: Fresh;
}

export interface Fresh {
  opening(pos: Pos): Promise<{ id: number; token: string }>;
  evaluation(pos: Pos, status: "SUBMITTED" | "APPROVED"): Promise<{ id: number; token: string }>;
  membership(pos: Pos): Promise<number>;
  invite(pos: Pos): Promise<number>;
  request(pos: Pos): Promise<number>;
  case(pos: Pos): Promise<number>;
  broadcast(pos: "own" | "other"): Promise<number>;
  deadline(): Promise<{ id: number; token: string }>;
  sponsorKind(): Promise<number>;
}

export const UNIT_CODES: Record<Pos, string> = { own: "HB-TL-MD", child: "HB-TL-MD-01", other: "HB-LS-AN" };
/** The table's people, by column (root is ADMIN_TELEGRAM_IDS' 1). */
export const ACTOR_IDS: Record<Column, number> = { stranger: 501, MEMBER: 502, REPORTER: 503, COORDINATOR: 504, ADMIN: 505, root: 1 };

const tok = (d: Date) => versionToken(d.toISOString());

/** Everything the buttons aim at, made through the services where that is short, straight into the database where not. */
export async function buildFixture(h: BotHarness, year: number): Promise<Fixture> {
  const db = h.prisma;
  const s = h.services;
  const admin = await h.person(1);
  await s.reports.syncShippedTemplates();
  const criteria = await criteriaInForce(s, 1, year);
  const kindId = (await s.sponsorships.listSponsorKinds())[0]!.id;
  let next = 3000;
  const ids: Record<Pos, number> = { own: 0, child: 0, other: 0 };
  const creators: Record<Pos, number> = { own: 601, child: 602, other: 603 };
  for (const pos of ["own", "child", "other"] as Pos[]) {
    ids[pos] = (await h.unit(UNIT_CODES[pos])).id;
    await h.makeMember(creators[pos], UNIT_CODES[pos], "REPORTER", `Người Báo Cáo ${pos}`);
  }

  const opening = async (pos: Pos, driveId: number) => {
    const o = await db.piggyBankOpening.create({
      data: {
        driveId, openedOn: new Date("2026-11-20T00:00:00Z"), banksOpened: 3, amountCollected: 300_000n, scholarshipCount: 1, scholarshipAmount: 100_000n,
        suppliesAmount: 0n, fundAmount: 0n, otherAmount: 0n, photoFileId: "AgACAgIAAx_photo_1280", createdByTelegramId: BigInt(creators[pos]),
      },
    });
    return { id: o.id, token: tok(o.updatedAt) };
  };
  const drives: Record<Pos, number> = { own: 0, child: 0, other: 0 };
  const evaluation = async (pos: Pos, status: "IN_PROGRESS" | "SUBMITTED" | "APPROVED" | "RECOGNISED") => {
    const name = `Gia đình Thử ${next++}`;
    const reg = await db.learningRegistration.create({
      data: { model: "FAMILY", year, unitId: ids[pos], name, searchKey: name.toLowerCase(), village: "Xóm Đồi", memberCount: 4, registeredByTelegramId: BigInt(creators[pos]) },
    });
    const ev = await db.evaluation.create({
      data: {
        registrationId: reg.id, criteriaSetId: criteria.FAMILY, status,
        ...(status === "IN_PROGRESS" ? {} : { submittedAt: new Date("2026-11-21T02:00:00Z"), submittedByTelegramId: BigInt(creators[pos]) }),
        ...(status === "RECOGNISED" ? { recognisedAt: new Date("2026-11-25T02:00:00Z"), recognisedByTelegramId: 1n } : {}),
      },
    });
    return { registrationId: reg.id, id: ev.id, token: tok(ev.updatedAt) };
  };
  const membership = async (pos: Pos) => (await h.makeMember(next++, UNIT_CODES[pos], "MEMBER", "Hội Viên Đích")).id;
  const invite = async (pos: Pos) => (await s.invites.createInvite(admin, { unitId: ids[pos], role: "MEMBER", maxUses: 5, expiresAt: null })).id;
  const request = async (pos: Pos) =>
    (await s.joinRequests.createJoinRequest({ telegramId: next++, fullName: "Người Xin Vào", phone: null, language: "vi", unitId: ids[pos] })).request.id;
  const sponsorCase = async (pos: Pos) => {
    const creator = await h.person(creators[pos]);
    const c = await s.sponsorships.openCase(creator, {
      unitId: ids[pos], pupilName: "Nguyễn Thị Hương", birthYear: 2014, schoolName: "Trường THCS Mãn Đức", grade: 7,
      circumstances: ["POOR_HOUSEHOLD"], circumstanceNote: null, sponsorKindId: kindId, sponsorName: "Công ty Sao Mai",
      support: [{ kind: "MONEY", amount: 200_000 }], supportNote: null, startedOn: "2026-11-01", checkInMonths: 1, guardianConsent: true,
    });
    return c.id;
  };
  /** Delivered (outbox rows SENT) to `recipients`; sent by someone who is none of the table's people. */
  const broadcast = async (pos: "own" | "other") => {
    const recipients = pos === "own" ? [ACTOR_IDS.MEMBER, ACTOR_IDS.REPORTER, ACTOR_IDS.COORDINATOR, ACTOR_IDS.ADMIN, creators.own] : [creators.other];
    const b = await db.broadcast.create({
      data: {
        senderTelegramId: 609n, senderName: "Điều Phối Khác", unitIds: [ids[pos]], audience: "EVERYONE", text: "Họp chi hội tối thứ Sáu", parts: 1,
        askAck: true, scheduledAt: new Date("2026-11-29T01:00:00Z"), status: "SENDING", recipients: recipients.length, startedAt: new Date("2026-11-29T01:00:00Z"),
      },
    });
    await db.outboxMessage.createMany({
      data: recipients.map((chatId, i) => ({
        batch: `broadcast:${b.id}`, dedupeKey: `broadcast:${b.id}:${chatId}:0`, chatId: BigInt(chatId),
        payload: { method: "sendMessage", params: { text: "Họp chi hội tối thứ Sáu" } }, status: "SENT" as const, sentAt: new Date("2026-11-29T01:01:00Z"), messageId: 900 + i,
      })),
    });
    return b.id;
  };
  const deadline = async () => {
    const d = await db.deadline.create({
      data: { key: `custom-table-${next++}`, year, name: { vi: "Hạn thử", en: "Test deadline" }, kind: "EVENT", unitKinds: [], roles: [], dueOn: new Date("2026-12-15T00:00:00Z"), steps: [-7] },
    });
    return { id: d.id, token: tok(d.updatedAt) };
  };
  const sponsorKind = async () => (await db.sponsorKind.create({ data: { code: `table-${next++}`, nameVi: `Loại thử ${next}`, nameEn: `Test kind ${next}` } })).id;

  const units = {} as Record<Pos, UnitRecords>;
  for (const pos of ["own", "child", "other"] as Pos[]) {
    const drive = await db.piggyBankDrive.create({
      data: { unitId: ids[pos], schoolYear: 2026, recipientKind: "HOUSEHOLD", banksHandedOut: 20, createdByTelegramId: BigInt(creators[pos]), createdAt: new Date("2026-09-10T02:00:00Z") },
    });
    drives[pos] = drive.id;
    const o = await opening(pos, drive.id);
    const inProgress = await evaluation(pos, "IN_PROGRESS");
    const submitted = await evaluation(pos, "SUBMITTED");
    const approved = await evaluation(pos, "APPROVED");
    const recognised = await evaluation(pos, "RECOGNISED");
    const creator = await h.person(creators[pos]);
    const draft = await s.reports.openReport(creator, ids[pos], year, "H1");
    const report = await db.report.update({
      where: { id: draft.id },
      data: { status: "SUBMITTED", submittedAt: new Date("2026-11-22T02:00:00Z"), submittedByTelegramId: BigInt(creators[pos]) },
    });
    units[pos] = {
      id: ids[pos], code: UNIT_CODES[pos], driveId: drive.id, openingId: o.id, openingToken: o.token, caseId: await sponsorCase(pos),
      registrationId: inProgress.registrationId, evaluationId: inProgress.id, submittedId: submitted.id, submittedToken: submitted.token,
      approvedId: approved.id, recognisedId: recognised.id, reportId: report.id, reportToken: tok(report.updatedAt),
      membershipId: await membership(pos), inviteId: await invite(pos), requestId: await request(pos),
    };
  }
  const d = await deadline();
  return {
    year,
    units,
    broadcasts: { own: await broadcast("own"), other: await broadcast("other") },
    deadlineId: d.id,
    deadlineToken: d.token,
    sponsorKindId: kindId,
    criteriaSetId: criteria.FAMILY,
    fresh: {
      opening: (pos) => opening(pos, drives[pos]),
      evaluation: async (pos, status) => {
        const e = await evaluation(pos, status);
        return { id: e.id, token: e.token };
      },
      membership,
      invite,
      request,
      case: sponsorCase,
      broadcast,
      deadline,
      sponsorKind,
    },
  };
}

// ---- the rows ----

const U = (fx: Fixture, pos: Pos | null) => fx.units[pos ?? "own"];
const B = (pos: Pos | null): "own" | "other" => (pos === "other" ? "other" : "own");
const ALL3: Pos[] = ["own", "child", "other"];
const OWN_OTHER: Pos[] = ["own", "other"];
const NONE: Pos[] = [];
const EXPORT = (fx: Fixture) => `1:${fx.year}:H1`;

// Short names for the expectation strings used again and again (each one written out in full, per column).
const ANYONE = "Y Y Y Y Y Y";
const MEMBERS = "n Y Y Y Y Y";
const REPORTERS = "n n Y Y Y Y";
const COORDINATORS = "n n n Y Y Y";
const ADMINS = "n n n n Y Y";
const OUTDATED = "s s s s s s";
const VIEW3 = "nnn YYn YYn YYn YYY YYY"; // MEMBER and up, in the subtree
const REPORT3 = "nnn nnn YYn YYn YYY YYY"; // REPORTER and up, in the subtree
const COORD3 = "nnn nnn nnn YYn YYY YYY"; // COORDINATOR and up, in the subtree
const ABOVE3 = "nnn nnn nnn nYn YYY YYY"; // COORDINATOR strictly above the unit

export const ROWS: Row[] = [
  // ---- commands (src/bot/command-names.ts; registered in src/bot/features/*.ts) ----
  { name: "/start", kind: "command", need: "anyone", positions: NONE, expect: ANYONE, trigger: () => "/start" },
  { name: "/menu", kind: "command", need: "anyone", positions: NONE, expect: ANYONE, trigger: () => "/menu" },
  { name: "/me", kind: "command", need: "anyone", positions: NONE, expect: ANYONE, trigger: () => "/me" },
  { name: "/help", kind: "command", need: "anyone", positions: NONE, expect: ANYONE, trigger: () => "/help" },
  { name: "/lang", kind: "command", need: "anyone", positions: NONE, expect: ANYONE, trigger: () => "/lang" },
  { name: "/cancel", kind: "command", need: "anyone", positions: NONE, expect: ANYONE, trigger: () => "/cancel" },
  { name: "/piggy", kind: "command", need: "member", positions: NONE, expect: MEMBERS, trigger: () => "/piggy" },
  { name: "/cases", kind: "command", need: "member", positions: NONE, expect: MEMBERS, trigger: () => "/cases" },
  { name: "/learning", kind: "command", need: "member", positions: NONE, expect: MEMBERS, trigger: () => "/learning" },
  { name: "/report", kind: "command", need: { action: "report.submit" }, positions: NONE, expect: REPORTERS, trigger: () => "/report", refusals: ["report-home-none"] },
  { name: "/deadlines", kind: "command", need: "member", positions: NONE, expect: MEMBERS, trigger: () => "/deadlines" },
  { name: "/units", kind: "command", need: { action: "unit.create_child" }, positions: NONE, expect: COORDINATORS, trigger: () => "/units" },
  { name: "/requests", kind: "command", need: { action: "join_request.decide" }, positions: NONE, expect: COORDINATORS, trigger: () => "/requests" },
  { name: "/broadcast", kind: "command", need: { action: "broadcast.send" }, positions: NONE, expect: COORDINATORS, trigger: () => "/broadcast" },
  { name: "/stats", kind: "command", need: { action: "report.view" }, positions: NONE, expect: COORDINATORS, trigger: () => "/stats" },
  { name: "/export", kind: "command", need: { action: "report.view" }, positions: NONE, expect: COORDINATORS, trigger: () => "/export" },
  { name: "/import", kind: "command", need: { action: "units.import" }, positions: NONE, expect: ADMINS, trigger: () => "/import" },
  { name: "/sponsorkinds", kind: "command", need: { action: "sponsor.kinds" }, positions: NONE, expect: ADMINS, trigger: () => "/sponsorkinds" },
  { name: "/criteria", kind: "command", need: { action: "criteria.manage" }, positions: NONE, expect: ADMINS, trigger: () => "/criteria" },

  // ---- menu, profile, language, joining (menu.ts, profile.ts, start.ts) ----
  { name: "menu", kind: "button", need: "anyone", positions: NONE, expect: ANYONE, trigger: () => "menu" },
  { name: "me", kind: "button", need: "anyone", positions: NONE, expect: ANYONE, trigger: () => "me" },
  { name: "help", kind: "button", need: "anyone", positions: NONE, expect: ANYONE, trigger: () => "help" },
  { name: "lang", kind: "button", need: "anyone", positions: NONE, expect: ANYONE, trigger: () => "lang" },
  { name: "lang:", kind: "button", need: "anyone", positions: NONE, expect: ANYONE, trigger: () => "lang:vi" },
  { name: "join", kind: "button", need: "anyone", positions: NONE, expect: ANYONE, trigger: () => "join", flow: true },

  // ---- units, members, invites, join requests (units.ts, members.ts, invites.ts, join-requests.ts) ----
  { name: "mu", kind: "button", need: "anyone", positions: NONE, expect: ANYONE, trigger: () => "mu" },
  { name: "um", kind: "button", need: { action: "unit.create_child" }, positions: NONE, expect: COORDINATORS, trigger: () => "um" },
  { name: "u:", kind: "button", need: { action: "unit.view" }, positions: ALL3, expect: VIEW3, trigger: (fx, p) => `u:${U(fx, p).id}` },
  { name: "uc:", kind: "button", need: { action: "unit.view" }, positions: ALL3, expect: VIEW3, trigger: (fx, p) => `uc:${U(fx, p).id}:0` },
  { name: "ua:", kind: "button", need: { action: "unit.create_child" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `ua:${U(fx, p).id}`, flow: true },
  { name: "ur:", kind: "button", need: { action: "unit.rename" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `ur:${U(fx, p).id}`, flow: true },
  { name: "uv:", kind: "button", need: { action: "unit.move" }, positions: ALL3, expect: ABOVE3, trigger: (fx, p) => `uv:${U(fx, p).id}`, flow: true },
  { name: "ug:", kind: "button", need: { action: "unit.merge" }, positions: ALL3, expect: ABOVE3, trigger: (fx, p) => `ug:${U(fx, p).id}`, flow: true },
  { name: "ul:", kind: "button", need: { action: "member.list" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `ul:${U(fx, p).id}:0` },
  { name: "mb:", kind: "button", need: { action: "member.list" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `mb:${U(fx, p).membershipId}` },
  {
    name: "mr:", kind: "button", need: { action: "member.manage" }, positions: ALL3, expect: COORD3, consumes: true,
    trigger: async (fx, p, fresh) => `mr:${fresh ? await fx.fresh.membership(p!) : U(fx, p).membershipId}:REPORTER`,
  },
  { name: "mx:", kind: "button", need: { action: "member.manage" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `mx:${U(fx, p).membershipId}` },
  {
    name: "mxy:", kind: "button", need: { action: "member.manage" }, positions: ALL3, expect: COORD3, consumes: true,
    trigger: async (fx, p, fresh) => `mxy:${fresh ? await fx.fresh.membership(p!) : U(fx, p).membershipId}`,
  },
  { name: "ui:", kind: "button", need: { action: "invite.manage" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `ui:${U(fx, p).id}` },
  { name: "ia:", kind: "button", need: { action: "invite.manage" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `ia:${U(fx, p).id}`, flow: true },
  {
    name: "iv:", kind: "button", need: { action: "invite.manage" }, positions: ALL3, expect: COORD3, consumes: true,
    trigger: async (fx, p, fresh) => `iv:${fresh ? await fx.fresh.invite(p!) : U(fx, p).inviteId}`,
  },
  { name: "jl", kind: "button", need: { action: "join_request.decide" }, positions: NONE, expect: COORDINATORS, trigger: () => "jl" },
  {
    name: "ja:", kind: "button", need: { action: "join_request.decide" }, positions: ALL3, expect: COORD3, consumes: true,
    trigger: async (fx, p, fresh) => `ja:${fresh ? await fx.fresh.request(p!) : U(fx, p).requestId}`,
  },
  {
    name: "jx:", kind: "button", need: { action: "join_request.decide" }, positions: ALL3, expect: COORD3, consumes: true,
    trigger: async (fx, p, fresh) => `jx:${fresh ? await fx.fresh.request(p!) : U(fx, p).requestId}`,
  },

  // ---- the unit import (import.ts) ----
  { name: "imp", kind: "button", need: { action: "units.import" }, positions: NONE, expect: ADMINS, trigger: () => "imp" },
  {
    name: "imx", kind: "button", need: { action: "units.import" }, positions: NONE, expect: ANYONE, trigger: () => "imx",
    divergence: "only asks \"remove the example units?\" (no check, nothing read or changed); the answer imxy is checked",
  },
  { name: "imxy", kind: "button", need: { action: "units.import" }, positions: NONE, expect: ADMINS, trigger: () => "imxy" },
  {
    name: "impgo", kind: "button", need: "nobody", positions: NONE, expect: OUTDATED, trigger: () => "impgo",
    divergence: "acts only on a file kept in the person's own session, which only an administrator's upload puts there",
  },
  {
    name: "impno", kind: "button", need: "anyone", positions: NONE, expect: ANYONE, trigger: () => "impno",
    divergence: "forgets the person's own pending file: nothing of anyone else's",
  },

  // ---- piggy banks (piggy-banks.ts) ----
  { name: "pg", kind: "button", need: "member", positions: NONE, expect: MEMBERS, trigger: () => "pg" },
  { name: "pc:", kind: "button", need: { action: "piggy.view" }, positions: ALL3, expect: VIEW3, trigger: (fx, p) => `pc:${U(fx, p).id}:2026` },
  { name: "pt:", kind: "button", need: { action: "piggy.view" }, positions: ALL3, expect: VIEW3, trigger: (fx, p) => `pt:${U(fx, p).id}:2026` },
  { name: "pq:", kind: "button", need: { action: "piggy.review" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `pq:${U(fx, p).id}:2026` },
  { name: "pd", kind: "button", need: { action: "piggy.report" }, positions: NONE, expect: REPORTERS, trigger: () => "pd", flow: true },
  { name: "pd:", kind: "button", need: { action: "piggy.report" }, positions: ALL3, expect: REPORT3, trigger: (fx, p) => `pd:${U(fx, p).id}`, flow: true },
  { name: "po:", kind: "button", need: { action: "piggy.report" }, positions: ALL3, expect: REPORT3, trigger: (fx, p) => `po:${U(fx, p).id}:${U(fx, p).driveId}`, flow: true },
  { name: "pe:", kind: "button", need: { action: "piggy.report" }, positions: ALL3, expect: REPORT3, trigger: (fx, p) => `pe:${U(fx, p).openingId}`, flow: true },
  { name: "pw:", kind: "button", need: { action: "piggy.review" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `pw:${U(fx, p).id}:2026:1`, flow: true },
  { name: "pv:", kind: "button", need: { action: "piggy.view" }, positions: ALL3, expect: VIEW3, trigger: (fx, p) => `pv:${U(fx, p).openingId}` },
  { name: "pp:", kind: "button", need: { action: "piggy.view" }, positions: ALL3, expect: VIEW3, trigger: (fx, p) => `pp:${U(fx, p).openingId}` },
  {
    name: "pa:", kind: "button", need: { action: "piggy.review" }, positions: ALL3, expect: COORD3, consumes: true,
    trigger: async (fx, p, fresh) => {
      const o = fresh ? await fx.fresh.opening(p!) : { id: U(fx, p).openingId, token: U(fx, p).openingToken };
      return `pa:${o.id}:${o.token}`;
    },
  },
  { name: "pn:", kind: "button", need: { action: "piggy.review" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `pn:${U(fx, p).openingId}:${U(fx, p).openingToken}`, flow: true },

  // ---- sponsorship cases (sponsorships.ts) ----
  { name: "sp", kind: "button", need: "member", positions: NONE, expect: MEMBERS, trigger: () => "sp" },
  { name: "so", kind: "button", need: { action: "sponsor.open" }, positions: NONE, expect: MEMBERS, trigger: () => "so", flow: true, refusals: ["sponsor-open-no-units"] },
  { name: "so:", kind: "button", need: { action: "sponsor.open" }, positions: ALL3, expect: VIEW3, trigger: (fx, p) => `so:${U(fx, p).id}`, flow: true },
  { name: "sc:", kind: "button", need: { action: "sponsor.open" }, positions: ALL3, expect: VIEW3, trigger: (fx, p) => `sc:${U(fx, p).caseId}` },
  { name: "sk:", kind: "button", need: { action: "sponsor.view_full" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `sk:${U(fx, p).caseId}`, flow: true },
  { name: "ss:", kind: "button", need: { action: "sponsor.view_full" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `ss:${U(fx, p).caseId}`, flow: true },
  {
    name: "si:", kind: "button", need: { action: "sponsor.view_full" }, positions: ALL3, expect: "YYY YYY YYY YYY YYY YYY", trigger: (fx, p) => `si:${U(fx, p).caseId}`,
    divergence: "only asks which interval (no check; shows the case number given and nothing else); the answer sj: is checked",
  },
  { name: "sj:", kind: "button", need: { action: "sponsor.view_full" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `sj:${U(fx, p).caseId}:3` },
  { name: "sh:", kind: "button", need: { action: "sponsor.view_full" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `sh:${U(fx, p).caseId}` },
  {
    name: "sx:", kind: "button", need: { action: "sponsor.view_full" }, positions: ALL3, expect: "YYY YYY YYY YYY YYY YYY", trigger: (fx, p) => `sx:${U(fx, p).caseId}`,
    divergence: "only asks \"delete the personal data?\" (no check; shows the case number given and nothing else); the answer sy: is checked",
  },
  {
    name: "sy:", kind: "button", need: { action: "sponsor.view_full" }, positions: ALL3, expect: COORD3, consumes: true,
    trigger: async (fx, p, fresh) => `sy:${fresh ? await fx.fresh.case(p!) : U(fx, p).caseId}`,
  },
  { name: "sv:", kind: "button", need: { action: "sponsor.view_full" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `sv:${U(fx, p).id}:2026` },
  { name: "sl:", kind: "button", need: { action: "sponsor.open" }, positions: ALL3, expect: VIEW3, trigger: (fx, p) => `sl:${U(fx, p).id}` },
  { name: "sd:", kind: "button", need: { action: "sponsor.view_full" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `sd:${U(fx, p).id}` },
  { name: "sn", kind: "button", need: { action: "sponsor.kinds" }, positions: NONE, expect: ADMINS, trigger: () => "sn" },
  {
    name: "sq:", kind: "button", need: { action: "sponsor.kinds" }, positions: NONE, expect: ADMINS, consumes: true,
    trigger: async (fx, _p, fresh) => `sq:${fresh ? await fx.fresh.sponsorKind() : fx.sponsorKindId}:0`,
  },
  { name: "sa", kind: "button", need: { action: "sponsor.kinds" }, positions: NONE, expect: ADMINS, trigger: () => "sa", flow: true },

  // ---- learning models (learning.ts, learning-review.ts, learning-certificate.ts) ----
  { name: "lh", kind: "button", need: "member", positions: NONE, expect: MEMBERS, trigger: () => "lh" },
  { name: "lr", kind: "button", need: { action: "learning.register" }, positions: NONE, expect: MEMBERS, trigger: () => "lr", flow: true },
  { name: "lr:", kind: "button", need: { action: "learning.register" }, positions: ALL3, expect: VIEW3, trigger: (fx, p) => `lr:${U(fx, p).id}`, flow: true },
  { name: "le:", kind: "button", need: { action: "learning.review" }, positions: ALL3, expect: REPORT3, trigger: (fx, p) => `le:${U(fx, p).registrationId}`, flow: true },
  { name: "lv:", kind: "button", need: { action: "learning.review" }, positions: ALL3, expect: REPORT3, trigger: (fx, p) => `lv:${U(fx, p).evaluationId}` },
  { name: "ls:", kind: "button", need: { action: "learning.review" }, positions: ALL3, expect: REPORT3, trigger: (fx, p) => `ls:${U(fx, p).id}:${fx.year}` },
  { name: "ll:", kind: "button", need: { action: "unit.view" }, positions: ALL3, expect: VIEW3, trigger: (fx, p) => `ll:${U(fx, p).id}:${fx.year}` },
  { name: "lq:", kind: "button", need: { action: "learning.review" }, positions: ALL3, expect: REPORT3, trigger: (fx, p) => `lq:${U(fx, p).id}:${fx.year}` },
  {
    name: "la:", kind: "button", need: { action: "learning.review" }, positions: ALL3, expect: REPORT3, consumes: true,
    trigger: async (fx, p, fresh) => {
      const e = fresh ? await fx.fresh.evaluation(p!, "SUBMITTED") : { id: U(fx, p).submittedId, token: U(fx, p).submittedToken };
      return `la:${e.id}:${e.token}`;
    },
  },
  { name: "lt:", kind: "button", need: { action: "learning.review" }, positions: ALL3, expect: REPORT3, trigger: (fx, p) => `lt:${U(fx, p).submittedId}:${U(fx, p).submittedToken}`, flow: true },
  { name: "lj:", kind: "button", need: { action: "learning.review" }, positions: ALL3, expect: REPORT3, trigger: (fx, p) => `lj:${U(fx, p).submittedId}:${U(fx, p).submittedToken}`, flow: true },
  // The list to recognise is open to reviewers of the unit; it holds only what the person may recognise (lg: checks each).
  { name: "lc:", kind: "button", need: { action: "learning.review" }, positions: ALL3, expect: REPORT3, trigger: (fx, p) => `lc:${U(fx, p).id}:${fx.year}` },
  {
    name: "lg:", kind: "button", need: { action: "learning.recognise" }, positions: ALL3, expect: ABOVE3, consumes: true,
    trigger: async (fx, p, fresh) => `lg:${fresh ? (await fx.fresh.evaluation(p!, "APPROVED")).id : U(fx, p).approvedId}`,
  },
  // A list token that cannot match: an allowed press shows the list again, recognising nothing.
  { name: "lG:", kind: "button", need: { action: "learning.review" }, positions: ALL3, expect: REPORT3, trigger: (fx, p) => `lG:${U(fx, p).id}:${fx.year}:zz` },
  { name: "lz:", kind: "button", need: { action: "learning.review" }, positions: ALL3, expect: REPORT3, trigger: (fx, p) => `lz:${U(fx, p).recognisedId}` },

  // ---- unit reports (reports.ts) ----
  { name: "rh", kind: "button", need: { action: "report.submit" }, positions: NONE, expect: REPORTERS, trigger: () => "rh", refusals: ["report-home-none"] },
  {
    name: "ru:", kind: "button", need: { action: "report.submit" }, positions: ALL3, expect: "nnn nnn Ynn Ynn Ynn nnn", trigger: (fx, p) => `ru:${U(fx, p).id}`,
    divergence: "a picker of the units where the person holds REPORTER or more themselves (services/reports.ts reportUnits): narrower than report.submit; rp: takes the rest",
  },
  { name: "rp:", kind: "button", need: { action: "report.submit" }, positions: ALL3, expect: REPORT3, trigger: (fx, p) => `rp:${U(fx, p).id}:${fx.year}:H1`, flow: true },
  { name: "rs:", kind: "button", need: { action: "report.view" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `rs:${U(fx, p).id}:${fx.year}:H1` },
  { name: "rt:", kind: "button", need: { action: "report.view" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `rt:${U(fx, p).id}:${fx.year}:H1` },
  { name: "rv:", kind: "button", need: { action: "report.submit" }, positions: ALL3, expect: REPORT3, trigger: (fx, p) => `rv:${U(fx, p).reportId}` },
  { name: "ro:", kind: "button", need: { action: "report.reopen" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `ro:${U(fx, p).reportId}:${U(fx, p).reportToken}`, flow: true },

  // ---- deadlines (deadlines.ts) ----
  { name: "dl", kind: "button", need: "member", positions: NONE, expect: MEMBERS, trigger: () => "dl" },
  {
    name: "dy:", kind: "button", need: { action: "deadlines.manage" }, positions: NONE, expect: COORDINATORS, trigger: (fx) => `dy:${fx.year}`,
    divergence: "coordinators may read the calendar (services/deadlines.ts requireReader); only administrators change it",
  },
  {
    name: "dv:", kind: "button", need: { action: "deadlines.manage" }, positions: NONE, expect: COORDINATORS, trigger: (fx) => `dv:${fx.deadlineId}`,
    divergence: "coordinators may read a deadline's card; only administrators change it",
  },
  {
    name: "dd:", kind: "button", need: { action: "deadlines.manage" }, positions: NONE, expect: ADMINS, consumes: true,
    trigger: async (fx, _p, fresh) => {
      const d = fresh ? await fx.fresh.deadline() : { id: fx.deadlineId, token: fx.deadlineToken };
      return `dd:${d.id}:${d.token}`;
    },
  },
  { name: "de:", kind: "button", need: { action: "deadlines.manage" }, positions: NONE, expect: ADMINS, trigger: (fx) => `de:${fx.deadlineId}:name:${fx.deadlineToken}`, flow: true },
  { name: "dn:", kind: "button", need: { action: "deadlines.manage" }, positions: NONE, expect: ADMINS, trigger: (fx) => `dn:${fx.year}`, flow: true },

  // ---- broadcasts (broadcasts.ts): a broadcast is its sender's (and the administrators') ----
  { name: "bh", kind: "button", need: { action: "broadcast.send" }, positions: NONE, expect: COORDINATORS, trigger: () => "bh" },
  { name: "bn", kind: "button", need: { action: "broadcast.send" }, positions: NONE, expect: COORDINATORS, trigger: () => "bn", flow: true },
  {
    name: "bl", kind: "button", need: { action: "broadcast.send" }, positions: NONE, expect: ANYONE, trigger: () => "bl",
    divergence: "lists the person's own broadcasts only (none for those who may not send), so it reveals nothing",
  },
  { name: "bv:", kind: "button", need: "sender", positions: OWN_OTHER, expect: "nn nn nn nn YY YY", trigger: (fx, p) => `bv:${fx.broadcasts[B(p)]}` },
  { name: "bx:", kind: "button", need: "sender", positions: OWN_OTHER, expect: "nn nn nn nn YY YY", trigger: (fx, p) => `bx:${fx.broadcasts[B(p)]}` },
  {
    name: "by:", kind: "button", need: "sender", positions: OWN_OTHER, expect: "nn nn nn nn YY YY", consumes: true,
    trigger: async (fx, p, fresh) => `by:${fresh ? await fx.fresh.broadcast(B(p)) : fx.broadcasts[B(p)]}`,
  },
  {
    name: "br:", kind: "button", need: "sender", positions: OWN_OTHER, expect: "nn nn nn nn YY YY", consumes: true,
    trigger: async (fx, p, fresh) => `br:${fresh ? await fx.fresh.broadcast(B(p)) : fx.broadcasts[B(p)]}`,
  },
  { name: "bu:", kind: "button", need: "sender", positions: OWN_OTHER, expect: "nn nn nn nn YY YY", trigger: (fx, p) => `bu:${fx.broadcasts[B(p)]}` },
  { name: "ba:", kind: "button", need: "recipient", positions: OWN_OTHER, expect: "nn Yn Yn Yn Yn nn", trigger: (fx, p) => `ba:${fx.broadcasts[B(p)]}` },
  { name: "ba:0", kind: "button", need: "anyone", positions: NONE, expect: ANYONE, trigger: () => "ba:0" },

  // ---- figures and files (stats.ts, exports.ts) ----
  { name: "qh", kind: "button", need: { action: "report.view" }, positions: NONE, expect: COORDINATORS, trigger: () => "qh" },
  { name: "qs", kind: "button", need: { action: "report.view" }, positions: NONE, expect: COORDINATORS, trigger: () => "qs" },
  { name: "qu:", kind: "button", need: { action: "report.view" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `qu:${U(fx, p).id}` },
  { name: "qv:", kind: "button", need: { action: "report.view" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `qv:${U(fx, p).id}:${fx.year}:H1` },
  { name: "xh", kind: "button", need: { action: "report.view" }, positions: NONE, expect: COORDINATORS, trigger: () => "xh" },
  { name: "xk:", kind: "button", need: { action: "report.view" }, positions: NONE, expect: COORDINATORS, trigger: () => "xk:1" },
  {
    name: "xt:", kind: "button", need: { action: "report.view" }, positions: NONE, expect: ANYONE, trigger: () => "xt:3",
    divergence: "only re-draws the ticks of the kinds question (no check, nothing read); the next step xp: is checked",
  },
  { name: "xp:", kind: "button", need: { action: "report.view" }, positions: NONE, expect: COORDINATORS, trigger: () => "xp:1" },
  { name: "xu:", kind: "button", need: { action: "report.view" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `xu:${EXPORT(fx)}:${U(fx, p).id}` },
  { name: "xf:", kind: "button", need: { action: "report.view" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `xf:${EXPORT(fx)}:${U(fx, p).id}` },
  { name: "xg:", kind: "button", need: { action: "report.view" }, positions: ALL3, expect: COORD3, trigger: (fx, p) => `xg:${EXPORT(fx)}:${U(fx, p).id}:c` },

  // ---- criteria sets (criteria.ts) ----
  { name: "crl", kind: "button", need: { action: "criteria.manage" }, positions: NONE, expect: ADMINS, trigger: () => "crl" },
  { name: "crf:", kind: "button", need: { action: "criteria.manage" }, positions: NONE, expect: ADMINS, trigger: (fx) => `crf:${fx.criteriaSetId}:${fx.year}` },

  // ---- anything else: a flow's own buttons outside their flow, unknown data (kit.ts, fallback.ts) ----
  { name: "f:", kind: "button", need: "nobody", positions: NONE, expect: OUTDATED, trigger: () => "f:__cancel__" },
  { name: "(unknown)", kind: "button", need: "nobody", positions: NONE, expect: OUTDATED, trigger: () => "zz:1" },
];

/** The expected letter of a cell. */
export function expected(row: Row, column: Column, pos: Pos | null): Letter {
  const groups = row.expect.split(" ");
  if (groups.length !== COLUMNS.length) throw new Error(`${row.name}: ${groups.length} groups in "${row.expect}"`);
  const group = groups[COLUMNS.indexOf(column)]!;
  const i = pos === null ? 0 : row.positions.indexOf(pos);
  const width = Math.max(1, row.positions.length);
  if (group.length !== width) throw new Error(`${row.name}: group "${group}" for ${column} should have ${width} letters`);
  return group[i] as Letter;
}
