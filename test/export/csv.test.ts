import { PassThrough } from "node:stream";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CsvWriter } from "../../src/export/csv.ts";
import type { Column } from "../../src/export/table.ts";

const NAME = "Đặng Ăn Âu Êm Ôn Ơi Ưng ăâđêôơư ÁÀẢÃẠ áàảãạ";
const COLUMNS: Column[] = [
  { header: "Tên", width: 30, type: "text" },
  { header: "Số tiền", width: 18, type: "money" },
  { header: "Ngày", width: 12, type: "date" },
  { header: "Lúc", width: 17, type: "datetime" },
];

async function written(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const csv = new CsvWriter(out, COLUMNS);
  for (const row of rows) await csv.addRow(row);
  await csv.finish();
  return Buffer.concat(chunks);
}

describe("CSV writer", () => {
  it("writes UTF-8 with a BOM and a header row; Vietnamese, numbers and dates round-trip", async () => {
    const bytes = await written([
      [NAME, 1_500_000, new Date("2026-06-30T00:00:00Z"), new Date("2026-06-30T20:30:00Z")],
      ["dòng, có dấu phẩy\nvà xuống dòng", -5, null, null],
    ]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parse(bytes, { bom: true })).toEqual([
      ["Tên", "Số tiền", "Ngày", "Lúc"],
      [NAME, "1500000", "30/06/2026", "01/07/2026 03:30"],
      ["dòng, có dấu phẩy\nvà xuống dòng", "-5", "", ""],
    ]);
  });

  it("escapes text that looks like a formula", async () => {
    const rows = parse(await written([["=SUM(A1)", 1, null, null], ["+1", 2, null, null], ["@x", 3, null, null], ["-1+2", 4, null, null]]), { bom: true }) as string[][];
    expect(rows.slice(1).map((r) => r[0])).toEqual(["'=SUM(A1)", "'+1", "'@x", "'-1+2"]);
  });

  it("holds many rows without trouble (waits for the output to drain)", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`Hộ ${i}`, i, null, null]);
    const parsed = parse(await written(rows), { bom: true }) as string[][];
    expect(parsed.length).toBe(20_001);
    expect(parsed.at(-1)).toEqual(["Hộ 19999", "19999", "", ""]);
  });
});
