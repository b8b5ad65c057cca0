import { PassThrough } from "node:stream";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseInput } from "../../src/domain/sponsorship.ts";
import { ANONYMISED, HEADINGS, SHEET_NAMES } from "../../src/export/headings.ts";
import type { Person } from "../../src/services/access.ts";
import type { ExportRequest } from "../../src/services/exports.ts";
import type { ReportView } from "../../src/services/reports.ts";
import type { UnitView } from "../../src/services/units.ts";
import { atTime, freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { expectServiceError } from "../helpers/errors.ts";
import { criteriaInForce } from "../helpers/learning.ts";
import { peopleMaker } from "../helpers/people.ts";

/** Every Vietnamese letter with a breve, circumflex, horn or bar and the five tones, in both cases. */
const DIACRITICS = "Đặng Ăn Âu Êm Ôn Ơi Ưng ăâđêôơư ÁÀẢÃẠ áàảãạ";
const FORMULA = "=SUM(A1)";
const vn = (isoLocal: string) => new Date(`${isoLocal}+07:00`);

/** A writable that keeps what was written. */
function sink() {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  return { out, bytes: () => Buffer.concat(chunks) };
}

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

/** The rows of a sheet as plain values (row 1: the headings). */
function values(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

describe.each(TEST_DATABASES)("exports on %s", (kind) => {
  let env: TestEnv;
  let admin: Person;
  let coord: Person, member: Person, reporter: Person, otherCoord: Person;
  let province: UnitView, commune: UnitView, branch: UnitView, otherCommune: UnitView;
  let report: ReportView;
  const { personWith } = peopleMaker(() => env, () => admin, 7000);
  const ex = () => env.services.exports;
  const at = <T>(when: string, fn: () => Promise<T>) => atTime(env, vn(when), fn);
  const request = (over: Partial<ExportRequest> = {}): ExportRequest => ({
    unitId: commune.id, year: 2026, period: "YEAR", kinds: ["summary", "reports", "piggy", "sponsorship", "learning"], format: "xlsx", ...over,
  });

  beforeAll(async () => {
    env = await freshServices(kind);
    admin = await env.services.access.loadPerson(1);
    await env.services.reports.syncShippedTemplates();
    const { createUnit } = env.services.units;
    province = await createUnit(admin, { parentId: null, name: "Tỉnh Phú Thọ", kind: "PROVINCE" });
    commune = await createUnit(admin, { parentId: province.id, name: "Xã Mãn Đức", kind: "COMMUNE" });
    branch = await createUnit(admin, { parentId: commune.id, name: "Chi hội xóm Đồi", kind: "BRANCH" });
    otherCommune = await createUnit(admin, { parentId: province.id, name: "Xã Chiềng Châu", kind: "COMMUNE" });
    const otherBranch = await createUnit(admin, { parentId: otherCommune.id, name: "Chi hội bản Lác", kind: "BRANCH" });
    coord = await personWith("COORDINATOR", commune.id);
    member = await personWith("MEMBER", commune.id);
    reporter = await personWith("REPORTER", branch.id);
    otherCoord = await personWith("COORDINATOR", otherCommune.id);
    const otherReporter = await personWith("REPORTER", otherBranch.id);

    const pb = env.services.piggyBanks;
    const drive = await at("2026-02-10T09:00:00", () => pb.startDrive(reporter, { unitId: branch.id, schoolYear: 2025, recipientKind: "PUPIL", banksHandedOut: 40, note: null }));
    const other = await at("2026-02-10T09:00:00", () => pb.startDrive(otherReporter, { unitId: otherBranch.id, schoolYear: 2025, recipientKind: "PUPIL", banksHandedOut: 9, note: null }));
    const opening = (openedOn: string, banksOpened: number, amountCollected: number, scholarshipCount: number, scholarshipAmount: number) => ({
      openedOn, banksOpened, amountCollected, scholarshipCount, scholarshipAmount,
      suppliesAmount: 0, fundAmount: amountCollected - scholarshipAmount, otherAmount: 0, otherNote: null, photoFileId: null,
    });
    await at("2026-09-15T09:00:00", async () => {
      await pb.recordOpening(reporter, drive.id, opening("2026-03-10", 10, 2_000_000, 2, 1_000_000));
      await pb.recordOpening(reporter, drive.id, opening("2026-08-01", 5, 750_000, 1, 300_000));
      await pb.recordOpening(otherReporter, other.id, opening("2026-04-01", 9, 5_000_000, 0, 0));
    });

    const sp = env.services.sponsorships;
    const sponsorKindId = (await sp.listSponsorKinds())[0]!.id;
    const caseInput = (pupilName: string, unitId: number): CaseInput => ({
      unitId, pupilName, birthYear: 2014, schoolName: "Trường THCS Mãn Đức", grade: 7, circumstances: ["POOR_HOUSEHOLD"], circumstanceNote: null,
      sponsorKindId, sponsorName: "Công ty Sao Mai", support: [{ kind: "MONEY", amount: 500_000 }], supportNote: null, startedOn: "2026-03-01",
      checkInMonths: 1, guardianConsent: true,
    });
    await at("2026-03-02T09:00:00", () => sp.openCase(reporter, caseInput(DIACRITICS, branch.id)));
    const gone = await at("2026-03-02T09:00:00", () => sp.openCase(reporter, caseInput("Lò Văn Pản", branch.id)));
    await at("2026-04-02T09:00:00", () => sp.anonymiseCase(coord, gone.id));
    await at("2026-03-02T09:00:00", () => sp.openCase(otherReporter, caseInput("Hà Thị Lan", otherBranch.id)));

    const ls = env.services.learning;
    await at("2026-01-20T09:00:00", () => criteriaInForce(env.services, 1, 2026));
    const family = (name: string, village: string) => ({ model: "FAMILY" as const, year: 2026, unitId: branch.id, name, village, memberCount: 4, own: false });
    await at("2026-02-01T09:00:00", () => ls.register(reporter, family(DIACRITICS, "Xóm Đồi")));
    await at("2026-02-01T09:00:00", () => ls.register(reporter, family("Trần Văn Bình", FORMULA)));

    // The commune's year report: the known figures confirmed, the rest answered 7.
    const rs = env.services.reports;
    await at("2026-11-20T09:00:00", async () => {
      let view = await rs.openReport(coord, commune.id, 2026, "YEAR");
      view = await rs.confirmKnown(coord, view.id, null);
      for (const id of view.missing) view = await rs.answerField(coord, view.id, id, 7);
      report = (await rs.submitReport(coord, view.id)).report;
    });
  }, 180_000);

  afterAll(async () => {
    await env.db.close();
  });

  it("lists the units a coordinator may export; a member may not", async () => {
    expect((await ex().exportUnits(coord)).map((u) => u.id)).toEqual([commune.id]);
    expect((await ex().exportUnits(admin)).map((u) => u.id)).toEqual([province.id]);
    await expectServiceError(ex().exportUnits(member), "forbidden");
  });

  it("counts the rows of each kind before any file is made", async () => {
    const count = await ex().countExport(coord, request());
    expect(count.rows).toMatchObject({ reports: 1, piggy: 2, sponsorship: 2, learning: 2 });
    expect(count.rows.summary).toBeGreaterThan(0);
    expect(count.total).toBe(Object.values(count.rows).reduce((a, b) => a + b, 0));
    expect((await ex().countExport(coord, request({ period: "H1" }))).rows.piggy).toBe(1);
  });

  it("writes an XLSX with the summary and a sheet per kind, figures matching the records", async () => {
    const { out, bytes } = sink();
    const progress: number[] = [];
    const result = await ex().writeExport(coord, request(), out, (n) => progress.push(n));
    expect(result.fileName).toBe("khuyen-hoc_xa-man-duc_2026-YEAR.xlsx");
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(result.rows);

    const book = await workbook(bytes());
    expect(book.worksheets.map((s) => s.name)).toEqual([SHEET_NAMES.summary, SHEET_NAMES.reports, SHEET_NAMES.piggy, SHEET_NAMES.sponsorship, SHEET_NAMES.learning]);
    for (const sheet of book.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(sheet.getColumn(1).width).toBeGreaterThan(8);
    }

    // Summary: the unit, then every number field of the report with its total.
    const summary = book.getWorksheet(SHEET_NAMES.summary)!;
    const rows = values(summary);
    expect(rows[0]).toEqual([HEADINGS.summary.item, HEADINGS.summary.reported, HEADINGS.summary.known]);
    expect(rows[1]).toEqual([HEADINGS.summary.unit, "Xã Mãn Đức"]);
    const fields = report.sections.flatMap((s) => s.fields).filter((f) => f.kind !== "text");
    for (const f of fields) {
      const row = rows.find((r) => r[0] === f.label.vi);
      expect(row, f.id).toBeDefined();
      expect(row![1]).toBe(f.value);
      if (f.known !== null) expect(row![2]).toBe(f.known);
    }
    const collected = rows.findIndex((r) => r[0] === "Số tiền thu được");
    expect(rows[collected]![1]).toBe(2_750_000);
    expect(summary.getRow(collected + 1).getCell(2).numFmt).toBe('#,##0 "₫"');
    expect(rows.some((r) => r[0] === `${HEADINGS.summary.included} (1)`)).toBe(true);

    // Piggy banks: the commune's two openings of the year, numbers as numbers, days as dates.
    const piggy = values(book.getWorksheet(SHEET_NAMES.piggy)!);
    expect(piggy[0]![0]).toBe(HEADINGS.piggy.openedOn);
    expect(piggy.slice(1).map((r) => [r[0], r[1], r[3], r[4], r[6]])).toEqual([
      [new Date("2026-03-10T00:00:00Z"), "Chi hội xóm Đồi", 10, 2_000_000, 1_000_000],
      [new Date("2026-08-01T00:00:00Z"), "Chi hội xóm Đồi", 5, 750_000, 300_000],
    ]);
    const piggySheet = book.getWorksheet(SHEET_NAMES.piggy)!;
    expect(piggySheet.getCell("E2").numFmt).toBe('#,##0 "₫"');
    expect(piggySheet.getCell("A2").numFmt).toBe("dd/mm/yyyy");

    // Unit reports: the commune, submitted.
    const reports = values(book.getWorksheet(SHEET_NAMES.reports)!);
    expect(reports.slice(1).map((r) => [r[0], r[1]])).toEqual([["Xã Mãn Đức", "Đã nộp"]]);

    // Sponsorship: the coordinator sees the full name; a deleted case only says so.
    const cases = values(book.getWorksheet(SHEET_NAMES.sponsorship)!);
    expect(cases.slice(1).map((r) => r[0])).toEqual([DIACRITICS, ANONYMISED]);
    expect(cases[1]![7]).toBe(500_000);

    // Learning: the name round-trips; the formula-looking village stays text.
    const learningSheet = book.getWorksheet(SHEET_NAMES.learning)!;
    const learning = values(learningSheet);
    expect(learning.slice(1).map((r) => r[1])).toEqual([DIACRITICS, "Trần Văn Bình"]);
    expect(learningSheet.getCell("C3").value).toBe(FORMULA);
    expect(learningSheet.getCell("C3").type).toBe(ExcelJS.ValueType.String);
    const zip = await JSZip.loadAsync(bytes());
    const sheetXml = await Promise.all(Object.keys(zip.files).filter((n) => n.startsWith("xl/worksheets/sheet")).map((n) => zip.file(n)!.async("string")));
    expect(sheetXml.length).toBe(5);
    for (const xml of sheetXml) expect(xml).not.toMatch(/<f[ >]/);
  });

  it("writes CSV with a BOM that parses back to the same rows, formulas escaped", async () => {
    const piggy = sink();
    const result = await ex().writeExport(coord, request({ kinds: ["piggy"], format: "csv" }), piggy.out);
    expect(result).toEqual({ fileName: "khuyen-hoc_xa-man-duc_2026-YEAR.csv", rows: 2 });
    expect([...piggy.bytes().subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(piggy.bytes(), { bom: true }) as string[][];
    expect(rows[0]).toEqual(Object.values(HEADINGS.piggy));
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[4], r[10]])).toEqual([
      ["10/03/2026", "Chi hội xóm Đồi", "2025–2026", "10", "2000000", "Chờ duyệt"],
      ["01/08/2026", "Chi hội xóm Đồi", "2025–2026", "5", "750000", "Chờ duyệt"],
    ]);

    const learning = sink();
    await ex().writeExport(coord, request({ kinds: ["learning"], format: "csv" }), learning.out);
    const text = learning.bytes().toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const parsed = parse(learning.bytes(), { bom: true }) as string[][];
    expect(parsed[1]![1]).toBe(DIACRITICS);
    expect(parsed[1]![1]!.normalize("NFC")).toBe(parsed[1]![1]);
    expect(parsed[2]![2]).toBe(`'${FORMULA}`);

    const cases = sink();
    await ex().writeExport(admin, request({ kinds: ["sponsorship"], format: "csv" }), cases.out);
    expect((parse(cases.bytes(), { bom: true }) as string[][])[1]![0]).toBe(DIACRITICS);

    const summary = sink();
    await ex().writeExport(coord, request({ kinds: ["summary"], format: "csv" }), summary.out);
    const sum = parse(summary.bytes(), { bom: true }) as string[][];
    expect(sum[0]).toEqual([HEADINGS.summary.section, HEADINGS.summary.item, HEADINGS.summary.reported, HEADINGS.summary.known]);
    expect(sum.find((r) => r[1] === "Số tiền thu được")?.slice(2)).toEqual(["2750000", "2750000"]);
  });

  it("writes an audit entry for every export", async () => {
    const before = await env.services.deps.db.auditLog.count({ where: { action: "export" } });
    await ex().writeExport(coord, request({ kinds: ["piggy", "learning"] }), sink().out);
    const entry = await env.services.deps.db.auditLog.findFirstOrThrow({ where: { action: "export" }, orderBy: { id: "desc" } });
    expect(await env.services.deps.db.auditLog.count({ where: { action: "export" } })).toBe(before + 1);
    expect(entry).toMatchObject({ entity: "Unit", entityId: String(commune.id), actorTelegramId: BigInt(coord.telegramId) });
    expect(entry.after).toEqual({ kinds: ["piggy", "learning"], year: 2026, period: "YEAR", format: "xlsx", rows: 4 });
  });

  it("refuses a member, a unit outside the subtree, a future period and CSV with two kinds", async () => {
    await expectServiceError(ex().countExport(member, request()), "forbidden");
    await expectServiceError(ex().writeExport(member, request(), sink().out), "forbidden");
    await expectServiceError(ex().countExport(otherCoord, request()), "forbidden");
    await expectServiceError(ex().writeExport(coord, request({ unitId: otherCommune.id }), sink().out), "forbidden");
    await expectServiceError(ex().countExport(coord, request({ year: 2027, period: "H1" })), "export_period_future", { year: 2027 });
    await expectServiceError(ex().writeExport(coord, request({ year: 2027 }), sink().out), "export_period_future");
    await expectServiceError(ex().countExport(coord, request({ kinds: ["piggy", "learning"], format: "csv" })), "bad_input");
    await expectServiceError(ex().countExport(coord, request({ kinds: [] })), "bad_input");
    const audits = await env.services.deps.db.auditLog.count({ where: { action: "export", actorTelegramId: BigInt(member.telegramId) } });
    expect(audits).toBe(0);
  });

  it("counts nothing for a period with nothing reported", async () => {
    const count = await ex().countExport(coord, request({ year: 2025 }));
    expect(count).toEqual({ rows: { summary: 0, reports: 0, piggy: 0, sponsorship: 0, learning: 0 }, total: 0 });
  });
});
