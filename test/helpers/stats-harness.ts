// Harness for /stats and /export (issue 8). The in-process fake Telegram of telegram.ts reads JSON bodies only; the
// bot's uploads (replyWithPhoto / replyWithDocument with an InputFile) go as
// multipart/form-data streams. This fake reads those too: it keeps each
// upload's fields and bytes (`uploads`), logs the call like the others
// (chat_id and caption in `calls`) and stores the sent message with its
// buttons, so a test can open the very file the bot sent and press the
// buttons under it. Below: the records of a commune those tests read back.
import type { Message } from "grammy/types";
import { atTime, freshServices } from "./db.ts";
import { criteriaInForce } from "./learning.ts";
import { ADMIN_ID, BotHarness } from "./bot.ts";
import { BOT_INFO, FakeTelegram, type Payload } from "./telegram.ts";
import { coerce, parseMultipart } from "../../src/sim/form-data.ts";
import { seedExampleTree } from "../../src/services/unit-import.ts";

export interface Upload {
  method: string;
  chatId: number;
  /** the form fields other than the file (caption, reply_markup…) */
  payload: Payload;
  /** the file's field ("photo", "document"), name and bytes */
  field: string;
  fileName: string;
  bytes: Buffer;
}

type Fetch = FakeTelegram["fetch"];

export class UploadingTelegram extends FakeTelegram {
  readonly uploads: Upload[] = [];
  constructor() {
    super();
    // FakeTelegram's fetch (JSON bodies) answers every other call.
    const jsonFetch = this.fetch as unknown as (url: unknown, init?: unknown) => Promise<Response>;
    (this as { fetch: Fetch }).fetch = (async (url: unknown, init?: { body?: unknown; headers?: unknown }) => {
      const body = init?.body;
      if (body === undefined || body === null || typeof body === "string") return jsonFetch(url, init);
      return this.upload(String(url).split("/").pop() ?? "", body as AsyncIterable<Uint8Array>, headerOf(init?.headers, "content-type"));
    }) as unknown as Fetch;
  }

  private async upload(method: string, body: AsyncIterable<Uint8Array>, type: string): Promise<Response> {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
    if (!boundary) throw new Error(`upload without a multipart boundary: ${type}`);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk));
    const payload: Payload = {};
    const files = new Map<string, { fileName: string; bytes: Buffer }>();
    for (const part of parseMultipart(Buffer.concat(chunks), boundary[1] ?? boundary[2] ?? "")) {
      if (part.filename === undefined) payload[part.name] = coerce(part.name, part.data.toString("utf8"));
      else files.set(part.name, { fileName: part.filename, bytes: part.data });
    }
    const field = method === "sendPhoto" ? "photo" : "document";
    const ref = String(payload[field] ?? "");
    const file = files.get(ref.replace(/^attach:\/\//, ""));
    if (!file) throw new Error(`${method}: no uploaded file for ${field}=${ref}`);
    const chatId = Number(payload.chat_id);
    this.uploads.push({ method, chatId, payload, field, fileName: file.fileName, bytes: file.bytes });
    const message = this.storeUpload(chatId, field, file.fileName, payload);
    this.calls.push({ method, payload: { ...payload, [field]: file.fileName }, result: message });
    return new Response(JSON.stringify({ ok: true, result: message }), { status: 200, headers: { "content-type": "application/json" } });
  }

  /** The files the bot uploaded to a chat, oldest first. */
  uploadsTo(chatId: number, method?: string): Upload[] {
    return this.uploads.filter((u) => u.chatId === chatId && (method === undefined || u.method === method));
  }

  private storeUpload(chatId: number, field: string, fileName: string, payload: Payload): Message {
    if (!this.messages.has(chatId)) this.messages.set(chatId, new Map());
    const chat = this.messages.get(chatId)!;
    const id = Math.max(0, ...chat.keys()) + 1;
    const fileId = `upload${this.uploads.length}`;
    const media = field === "photo"
      ? { photo: [{ file_id: fileId, file_unique_id: `u${fileId}`, width: 1280, height: 960 }] }
      : { document: { file_id: fileId, file_unique_id: `u${fileId}`, file_name: fileName } };
    const markup = payload.reply_markup as { inline_keyboard?: unknown } | undefined;
    const message = {
      message_id: id, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private", first_name: `chat ${chatId}` }, from: BOT_INFO,
      ...media,
      ...(typeof payload.caption === "string" ? { caption: payload.caption } : {}),
      ...(markup && Array.isArray(markup.inline_keyboard) ? { reply_markup: markup } : {}),
    } as unknown as Message;
    chat.set(id, message);
    return message;
  }
}

function headerOf(headers: unknown, name: string): string {
  if (!headers) return "";
  if (headers instanceof Headers) return headers.get(name) ?? "";
  const entry = Object.entries(headers as Record<string, string>).find(([k]) => k.toLowerCase() === name);
  return entry?.[1] ?? "";
}

/** startHarness with the uploading fake: a fresh database with the example tree, and a bot on it. */
export async function startUploadHarness(): Promise<BotHarness & { tg: UploadingTelegram }> {
  const env = await freshServices("pglite", [ADMIN_ID]);
  await seedExampleTree(env.services.deps);
  return new BotHarness(env, new UploadingTelegram()) as BotHarness & { tg: UploadingTelegram };
}

// ---- the records of a commune, for /stats and /export ----

/** An instant given as Vietnam wall-clock time (UTC+7). */
const vn = (isoLocal: string) => new Date(`${isoLocal}+07:00`);

export const COMMUNE = "HB-MC-CC";
export const BRANCH = "HB-MC-CC-01";
export const SCHOOL = "HB-MC-THCS";

/** What seedCommune records in the first half of 2026, as the tests expect to read it back. */
export const SEEDED = {
  openings: [
    { unit: BRANCH, openedOn: "2026-05-20", banksOpened: 3, amountCollected: 2_350_000, scholarshipCount: 2, scholarshipAmount: 1_000_000, suppliesAmount: 0, fundAmount: 1_350_000 },
    { unit: SCHOOL, openedOn: "2026-04-10", banksOpened: 5, amountCollected: 1_200_000, scholarshipCount: 1, scholarshipAmount: 500_000, suppliesAmount: 700_000, fundAmount: 0 },
  ],
  /** the first stays in school, the second drops out in May */
  cases: [
    { unit: BRANCH, pupilName: "Lò Thị Ánh", startedOn: "2026-02-01" },
    { unit: SCHOOL, pupilName: "Hà Văn Đức", startedOn: "2026-03-01" },
  ],
  /** the first is recognised in June */
  families: ["Đinh Thị Hồng Nhung", "Lò Văn Thắng"],
} as const;

/**
 * Records of the commune's subtree made through the services, at their
 * times of 2026's first half: two piggy-bank openings, two sponsorship
 * cases (one dropped out), two learning families (one recognised), and the
 * commune's own H1 report submitted (late: after 15/06). `coordinatorId`
 * coordinates the commune; `reporterId` reports for its branch.
 */
export async function seedCommune(h: BotHarness, coordinatorId: number, reporterId: number): Promise<void> {
  const s = h.services;
  await s.reports.syncShippedTemplates();
  await s.deadlines.syncCalendar([2026, 2027]);
  await h.makeMember(coordinatorId, COMMUNE, "COORDINATOR", "Lò Văn Piêng");
  await h.makeMember(reporterId, BRANCH, "REPORTER", "Hà Thị Mai");
  const coordinator = await h.person(coordinatorId);
  const reporter = await h.person(reporterId);
  const at = <T>(when: string, fn: () => Promise<T>) => atTime(h.env, vn(when), fn);

  for (const [i, o] of SEEDED.openings.entries()) {
    const unitId = (await h.unit(o.unit)).id;
    const drive = await at(`2026-02-1${i}T09:00:00`, () => s.piggyBanks.startDrive(coordinator, {
      unitId, schoolYear: 2025, recipientKind: "HOUSEHOLD", banksHandedOut: 40, note: null,
    }));
    const { unit: _unit, ...figures } = o;
    await at("2026-06-01T09:00:00", () => s.piggyBanks.recordOpening(coordinator, drive.id, { ...figures, otherAmount: 0, otherNote: null, photoFileId: null }));
  }

  const sponsorKindId = (await s.sponsorships.listSponsorKinds())[0]!.id;
  const opened: { id: number }[] = [];
  for (const c of SEEDED.cases) {
    const unitId = (await h.unit(c.unit)).id;
    opened.push(await at(`${c.startedOn}T10:00:00`, () => s.sponsorships.openCase(coordinator, {
      unitId, pupilName: c.pupilName, birthYear: 2013, schoolName: "Trường THCS Chiềng Châu", grade: 7,
      circumstances: ["POOR_HOUSEHOLD"], circumstanceNote: null, sponsorKindId, sponsorName: "Công ty Sao Mai",
      support: [{ kind: "MONEY", amount: 300_000 }], supportNote: null, startedOn: c.startedOn, checkInMonths: 1, guardianConsent: true,
    })));
  }
  await at("2026-05-10T09:00:00", () => s.sponsorships.changeStatus(coordinator, opened[1]!.id, "DROPPED_OUT", "Đi làm xa"));

  await at("2026-01-20T09:00:00", () => criteriaInForce(s, ADMIN_ID, 2026));
  const branchId = (await h.unit(BRANCH)).id;
  const registered: { id: number }[] = [];
  for (const name of SEEDED.families) {
    registered.push(await at("2026-02-01T09:00:00", () => s.learning.register(reporter, {
      model: "FAMILY", year: 2026, unitId: branchId, name, village: "Bản Lác", memberCount: 4, own: false,
    })));
  }
  const evaluation = await at("2026-03-01T09:00:00", async () => {
    let ev = await s.learning.startEvaluation(reporter, registered[0]!.id);
    for (const item of ev.items) {
      ev = await s.learning.answerItem(reporter, ev.id, item.id, item.kind === "yes_no" ? true : item.kind === "number" ? 10 : item.points);
    }
    ev = (await s.learning.submitEvaluation(reporter, ev.id)).evaluation;
    return (await s.learning.reviewEvaluation(coordinator, ev.id, "APPROVED", null, ev.updatedAt)).evaluation;
  });
  await at("2026-06-10T09:00:00", () => s.learning.recogniseEvaluations(coordinator, [evaluation.id]));

  const communeId = (await h.unit(COMMUNE)).id;
  await at("2026-06-20T09:00:00", async () => {
    let report = await s.reports.openReport(coordinator, communeId, 2026, "H1");
    report = await s.reports.confirmKnown(coordinator, report.id, null);
    for (const id of report.missing) report = await s.reports.answerField(coordinator, report.id, id, 0);
    await s.reports.submitReport(coordinator, report.id);
  });
}
