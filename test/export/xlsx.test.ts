import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import type { Column } from "../../src/export/table.ts";
import { XlsxWriter } from "../../src/export/xlsx.ts";

const NAME = "Đặng Ăn Âu Êm Ôn Ơi Ưng ăâđêôơư ÁÀẢÃẠ áàảãạ";
const COLUMNS: Column[] = [
  { header: "Tên", width: 30, type: "text" },
  { header: "Số tiền", width: 18, type: "money" },
  { header: "Số lượng", width: 10, type: "count" },
  { header: "Ngày", width: 12, type: "date" },
  { header: "Lúc", width: 17, type: "datetime" },
];

async function written(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const book = new XlsxWriter(out);
  const sheet = book.addSheet("Lợn nhựa", COLUMNS);
  for (const row of rows) sheet.addRow(row);
  sheet.done();
  await book.finish();
  return Buffer.concat(chunks);
}

async function load(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}

describe("XLSX writer", () => {
  it("writes bold frozen headings, sized columns, numbers with their formats and dates as dates", async () => {
    const sheet = await load(await written([[NAME, 1_500_000, 12, new Date("2026-06-30T00:00:00Z"), new Date("2026-06-30T20:30:00Z")]]));
    expect(sheet.name).toBe("Lợn nhựa");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([undefined, "Tên", "Số tiền", "Số lượng", "Ngày", "Lúc"]);
    expect(sheet.getCell("A1").font?.bold).toBe(true);
    expect(sheet.getColumn(1).width).toBe(30);
    expect(sheet.getCell("A2").value).toBe(NAME);
    expect(sheet.getCell("B2").value).toBe(1_500_000);
    expect(sheet.getCell("B2").numFmt).toBe('#,##0 "₫"');
    expect(sheet.getCell("C2").numFmt).toBe("#,##0");
    expect(sheet.getCell("D2").type).toBe(ExcelJS.ValueType.Date);
    expect(sheet.getCell("D2").value).toEqual(new Date("2026-06-30T00:00:00Z"));
    expect(sheet.getCell("D2").numFmt).toBe("dd/mm/yyyy");
    // 20:30 UTC is 03:30 the next morning in Vietnam: the cell shows Vietnam's wall clock.
    expect(sheet.getCell("E2").value).toEqual(new Date("2026-07-01T03:30:00Z"));
  });

  it("keeps text that looks like a formula as text", async () => {
    const risky = ["=1+1", "=SUM(A1)", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"];
    const bytes = await written(risky.map((text) => [text, null, null, null, null]));
    const sheet = await load(bytes);
    risky.forEach((text, i) => {
      const cell = sheet.getCell(`A${i + 2}`);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // XML turns a bare CR into LF when read back; the cell is still text.
      expect(cell.value).toBe(text.replace(/\r/g, "\n"));
    });
    const xml = await (await JSZip.loadAsync(bytes)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(xml).not.toMatch(/<f[ >]/);
    expect(xml).toContain("=SUM(A1)");
  });
});
