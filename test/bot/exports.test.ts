// 📥 /export in the chat (issue 8), in Vietnamese and in English: the
// coordinator of Xã Chiềng Châu ticks what to export (the summed report is
// ticked from the start), picks the period, the part of the tree and the
// format; the bot shows it is uploading a document and sends the file with a
// caption. The test opens the very file that was sent (the fake Telegram of
// test/helpers/stats-harness.ts reads the multipart upload) and checks the
// figures against the records made through the services; the temporary file
// is gone afterwards. CSV with two kinds is said to hold one and asked again;
// an empty period gets the friendly text and no file; a member, a period in
// the future and a unit outside the area are refused with a way back.
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportPeriod } from "../../src/domain/reports.ts";
import { HEADINGS, SHEET_NAMES } from "../../src/export/headings.ts";
import { BIG_EXPORT_ROWS } from "../../src/bot/features/exports.ts";
import { t, type BotHarness } from "../helpers/bot.ts";
import { atTime } from "../helpers/db.ts";
import { BRANCH, COMMUNE, SCHOOL, SEEDED, seedCommune, startUploadHarness, type UploadingTelegram } from "../helpers/stats-harness.ts";
import type { TestChat } from "../helpers/telegram.ts";

type L = "vi" | "en";
const COORDINATOR = 720;
const REPORTER = 721;
const COORDINATOR_EN = 722;
const MEMBER = 723;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const COMMUNE_NAME = "Xã Chiềng Châu";

let h: BotHarness & { tg: UploadingTelegram };
const names: Record<string, string> = {};
beforeAll(async () => {
  h = await startUploadHarness();
  await seedCommune(h, COORDINATOR, REPORTER);
  await h.makeMember(COORDINATOR_EN, COMMUNE, "COORDINATOR", "Lò Văn Piêng", "en");
  await h.makeMember(MEMBER, BRANCH, "MEMBER", "Đinh Văn Tú");
  for (const code of [BRANCH, SCHOOL]) names[code] = (await h.unit(code)).name;
}, 120_000);
afterAll(async () => {
  await h.close();
});

/** The temporary folders the bot makes for exports that are still there. */
const leftovers = () => readdirSync(tmpdir()).filter((f) => f.startsWith("khuyenhoc-export-"));

async function openXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

/** A sheet's rows as objects by heading (the first row holds the headings). */
function sheetRows(sheet: ExcelJS.Worksheet): Record<string, unknown>[] {
  const headings = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(headings.map((hd, i) => [hd, row.getCell(i + 1).value])));
  });
  return rows;
}

/** The piggy-bank openings as the records hold them: unit and money collected. */
const seededOpenings = () => SEEDED.openings.map((o) => [names[o.unit], o.amountCollected]).sort();

describe.each([
  { L: "vi" as L, id: COORDINATOR },
  { L: "en" as L, id: COORDINATOR_EN },
])("/export ($L)", ({ L, id }) => {
  const tr = (key: string, vars?: Record<string, string | number>) => t(L, key, vars);
  const period = (p: ReportPeriod, year: number) => tr(`report-period-${p}`, { year });
  const kind = (k: string) => tr(`export-kind-${k}`);
  let chat: TestChat;

  beforeAll(() => {
    chat = h.chat({ id, lang: L });
  });

  /** /export → tick `extra` kinds → Next → the period → all of the commune. */
  async function upToFormat(extra: string[], p: { period: ReportPeriod; year: number } = { period: "H1", year: 2026 }) {
    await chat.send("/export");
    for (const k of extra) await chat.press(`⬜ ${kind(k)}`);
    await chat.press(tr("btn-export-next"));
    await chat.press(tr(`btn-report-period-${p.period}`, { year: p.year }));
    await chat.press(tr("btn-export-whole", { unit: COMMUNE_NAME }));
  }

  it("the steps: kinds as tick boxes (summary ticked), the period, the unit, the format — each with ⬅️ and 🏠", async () => {
    await chat.send("/export");
    expect(chat.lastText()).toBe(tr("export-ask-kinds"));
    expect(chat.buttons()).toEqual([
      `✅ ${kind("summary")}`, `⬜ ${kind("reports")}`, `⬜ ${kind("piggy")}`, `⬜ ${kind("sponsorship")}`, `⬜ ${kind("learning")}`,
      tr("btn-export-next"), tr("btn-back"), tr("btn-menu"),
    ]);
    await chat.press(`⬜ ${kind("piggy")}`); // the question is edited in place
    expect(chat.texts()).toEqual([]);
    expect(chat.buttons().slice(0, 3)).toEqual([`✅ ${kind("summary")}`, `⬜ ${kind("reports")}`, `✅ ${kind("piggy")}`]);
    await chat.press(tr("btn-export-next"));
    expect(chat.lastText()).toBe(tr("export-ask-period", { kinds: `${kind("summary")}, ${kind("piggy")}` }));
    expect(chat.buttons()).toEqual([
      tr("btn-report-period-H1", { year: 2026 }), tr("btn-report-period-YEAR", { year: 2026 }), tr("btn-report-period-YEAR", { year: 2025 }),
      tr("btn-back"), tr("btn-menu"),
    ]);
    await chat.press(tr("btn-report-period-H1", { year: 2026 }));
    expect(chat.lastText()).toBe(tr("export-ask-unit-in", { unit: COMMUNE_NAME, period: period("H1", 2026) }));
    expect(chat.buttons()).toEqual([
      tr("btn-export-whole", { unit: COMMUNE_NAME }),
      "Ban khuyến học Trường THCS Chiề…", tr("btn-export-down"), "Chi hội bản Lác", tr("btn-export-down"),
      tr("btn-back"), tr("btn-menu"),
    ]);
    await chat.press(tr("btn-export-whole", { unit: COMMUNE_NAME }));
    expect(chat.lastText()).toBe(tr("export-ask-format", { unit: COMMUNE_NAME, period: period("H1", 2026), kinds: `${kind("summary")}, ${kind("piggy")}` }));
    expect(chat.buttons()).toEqual([tr("btn-export-xlsx"), tr("btn-export-csv"), tr("btn-back"), tr("btn-menu")]);
    await chat.press(tr("btn-back"));
    expect(chat.lastText()).toBe(tr("export-ask-unit-in", { unit: COMMUNE_NAME, period: period("H1", 2026) }));
  });

  it("XLSX of the summed report and the piggy-bank openings: the file sent, its figures those of the records", async () => {
    const before = leftovers();
    await upToFormat(["piggy"]);
    await chat.press(tr("btn-export-xlsx"));
    // The rows the caption tells are those written, as the export's audit entry has them.
    const audit = await h.prisma.auditLog.findFirstOrThrow({ where: { action: "export", actorTelegramId: BigInt(id) }, orderBy: { id: "desc" } });
    const written = audit.after as { rows: number; kinds: string[]; format: string };
    expect(written).toMatchObject({ kinds: ["summary", "piggy"], format: "xlsx", year: 2026, period: "H1" });

    const actions = chat.calls("sendChatAction").map((c) => c.payload.action);
    expect(actions).toContain("upload_document");
    const sent = chat.calls("sendDocument");
    expect(sent.map((c) => [c.payload.chat_id, c.payload.caption])).toEqual([
      [id, tr("export-caption", { unit: COMMUNE_NAME, period: period("H1", 2026), rows: written.rows, format: "XLSX" })],
    ]);
    expect(chat.texts()).toEqual([]); // small: no progress message
    const [file] = h.tg.uploadsTo(id, "sendDocument").slice(-1);
    expect(file!.fileName).toBe("khuyen-hoc_xa-chieng-chau_2026-H1.xlsx");
    expect(chat.buttons()).toEqual([tr("btn-export-other-period"), tr("btn-export-start"), tr("btn-menu")]);

    const book = await openXlsx(file!.bytes);
    expect(book.worksheets.map((s) => s.name)).toEqual([SHEET_NAMES.summary, SHEET_NAMES.piggy]);
    const piggy = sheetRows(book.getWorksheet(SHEET_NAMES.piggy)!);
    const P = HEADINGS.piggy;
    expect(piggy.map((r) => [r[P.unit], r[P.amountCollected]]).sort()).toEqual(seededOpenings());
    // The summary: the field of money collected, with what the records give (the commune's subtree, 2026 H1).
    const summary = book.getWorksheet(SHEET_NAMES.summary)!;
    const collectedRow = summary.getSheetValues().find((row) => Array.isArray(row) && row[1] === "Số tiền thu được") as unknown[];
    expect(collectedRow[3]).toBe(SEEDED.openings.reduce((a, o) => a + o.amountCollected, 0));
    // The temporary file is gone.
    expect(leftovers()).toEqual(before);
  });

  it("CSV with two kinds ticked: told a CSV holds one, asked again; then the piggy-bank CSV (UTF-8 with BOM)", async () => {
    await upToFormat(["piggy"]);
    await chat.press(tr("btn-export-csv"));
    expect(chat.texts()).toEqual([tr("export-csv-one-kind", { count: 2 })]);
    expect(chat.calls("sendDocument")).toEqual([]);
    expect(chat.buttons()).toEqual([
      tr("btn-export-csv-kind", { kind: kind("summary") }), tr("btn-export-csv-kind", { kind: kind("piggy") }),
      tr("btn-export-xlsx-all"), tr("btn-back"), tr("btn-menu"),
    ]);
    await chat.press(tr("btn-export-csv-kind", { kind: kind("piggy") }));
    const sent = chat.calls("sendDocument");
    expect(sent.map((c) => [c.payload.chat_id, c.payload.caption])).toEqual([
      [id, tr("export-caption", { unit: COMMUNE_NAME, period: period("H1", 2026), rows: SEEDED.openings.length, format: "CSV" })],
    ]);
    const [file] = h.tg.uploadsTo(id, "sendDocument").slice(-1);
    expect(file!.fileName).toBe("khuyen-hoc_xa-chieng-chau_2026-H1.csv");
    expect(file!.bytes.subarray(0, 3)).toEqual(BOM);
    const records = parse(file!.bytes.subarray(3).toString("utf8"), { columns: true }) as Record<string, string>[];
    const P = HEADINGS.piggy;
    // Unit names with their diacritics, amounts as plain numbers.
    expect(records.map((r) => [r[P.unit], Number(r[P.amountCollected])]).sort()).toEqual(seededOpenings());
  });

  it("an empty period: the friendly text, no file", async () => {
    const before = leftovers();
    await upToFormat([], { period: "YEAR", year: 2025 });
    await chat.press(tr("btn-export-xlsx"));
    expect(chat.texts()).toEqual([tr("export-empty", { unit: COMMUNE_NAME, period: period("YEAR", 2025), kinds: kind("summary") })]);
    expect(chat.calls("sendDocument")).toEqual([]);
    expect(chat.buttons()).toEqual([tr("btn-export-other-period"), tr("btn-export-start"), tr("btn-menu")]);
    expect(leftovers()).toEqual(before);
  });

  it("forged buttons: a period not begun, a unit outside the area — refused with a way back, no file", async () => {
    const commune = await h.unit(COMMUNE);
    await chat.pressData(`xg:1:2027:H1:${commune.id}:x`);
    expect(chat.texts()).toEqual([tr("errors-export_period_future", { year: 2027 })]);
    expect(chat.buttons()).toEqual([tr("btn-export-start"), tr("btn-menu")]);
    const district = await h.unit("HB-MC");
    await chat.pressData(`xg:1:2026:H1:${district.id}:x`);
    expect(chat.texts()).toEqual([tr("errors-forbidden")]);
    await chat.pressData(`xu:1:2026:H1:${district.id}`);
    expect(chat.texts()).toEqual([tr("errors-forbidden")]);
    expect(chat.calls("sendDocument")).toEqual([]);
  });
});

describe("/export of a big subtree", () => {
  it("shows a progress message, edited to done, then sends the file with every row", async () => {
    const coordinatorId = 730;
    await h.makeMember(coordinatorId, "HB-KB-KB", "COORDINATOR", "Bùi Văn Khánh");
    const person = await h.person(coordinatorId);
    const town = await h.unit("HB-KB-KB");
    const drive = await atTime(h.env, new Date("2026-02-10T03:00:00Z"), () => h.services.piggyBanks.startDrive(person, {
      unitId: town.id, schoolYear: 2025, recipientKind: "PUPIL", banksHandedOut: 3000, note: null,
    }));
    // More openings than BIG_EXPORT_ROWS, straight into the database (the services would take long).
    const count = BIG_EXPORT_ROWS + 100;
    await h.prisma.piggyBankOpening.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        driveId: drive.id, openedOn: new Date(Date.UTC(2026, 2, 1 + (i % 90))), banksOpened: 1, amountCollected: BigInt(1000 + i),
        scholarshipCount: 0, scholarshipAmount: 0n, suppliesAmount: 0n, fundAmount: 0n, otherAmount: 0n, createdByTelegramId: BigInt(coordinatorId),
      })),
    });
    const chat = h.chat({ id: coordinatorId });
    await chat.send("/export");
    await chat.press(`✅ ${t("vi", "export-kind-summary")}`);
    await chat.press(`⬜ ${t("vi", "export-kind-piggy")}`);
    await chat.press(t("vi", "btn-export-next"));
    await chat.press(t("vi", "btn-report-period-H1", { year: 2026 }));
    await chat.press(t("vi", "btn-export-whole", { unit: "Thị trấn Bo" }));
    await chat.press(t("vi", "btn-export-csv"));
    expect(chat.texts()).toEqual([t("vi", "export-progress", { rows: 0, total: count })]);
    const progress = chat.replies()[0]!;
    const [file] = h.tg.uploadsTo(coordinatorId, "sendDocument");
    expect(file!.payload.caption).toBe(t("vi", "export-caption", { unit: "Thị trấn Bo", period: t("vi", "report-period-H1", { year: 2026 }), rows: count, format: "CSV" }));
    // Edited as it goes (at most every few seconds), and to "done" at the end.
    const edits = chat.calls("editMessageText").filter((c) => c.payload.message_id === progress.message_id).map((c) => String(c.payload.text));
    expect(edits.at(-1)).toBe(t("vi", "export-progress-done", { rows: count }));
    const records = parse(file!.bytes.subarray(3).toString("utf8"), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(count);
    expect(records.reduce((a, r) => a + Number(r[HEADINGS.piggy.amountCollected]), 0)).toBe(count * 1000 + (count * (count - 1)) / 2);
  }, 60_000);
});

describe("/export for a member", () => {
  it("is refused at once and for a forged button", async () => {
    const member = h.chat({ id: MEMBER });
    await member.send("/export");
    expect(member.texts()).toEqual([t("vi", "errors-forbidden")]);
    const commune = await h.unit(COMMUNE);
    await member.pressData(`xg:1:2026:H1:${commune.id}:x`);
    expect(member.texts()).toEqual([t("vi", "errors-forbidden")]);
    expect(member.calls("sendDocument")).toEqual([]);
  });
});
