// Issue 8 in the simulator, typed through a pipe as people would: Thảo, the
// reporter of the school committee of THCS Chiềng Châu, records a piggy-bank
// opening (100 banks, 15 million đồng, 10 scholarships worth 5 million).
// Hùng, the district coordinator, asks /stats for the commune Chiềng Châu and
// the first half of 2026: the text has the figures and two charts arrive as
// pictures; then he exports XLSX (summary and openings) and CSV (openings)
// for the commune. The test opens the saved pictures and files and checks
// the figures against the record.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, expect, it } from "vitest";
import { killAll, runTsx, simTranscript as transcript, simVi as vi, tempDir } from "./support.ts";

const tmp = tempDir("e2e-sim-stats-");
afterAll(async () => {
  await killAll();
  tmp.remove();
});

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

it("a coordinator gets the stats text and charts, and exports XLSX and CSV of the commune with the recorded figures", async () => {
  const school = "Ban khuyến học Trường THCS Chiềng Châu";
  const script = [
    ":as thao", "/piggy", "1", "1", "2", "120", "1", "1", // a drive: 120 piggy banks; no note; save
    "1", "1", "100", "15 triệu", "10", "5 triệu", "1", "10 triệu", "1", "1", "1", // an opening today: 100 opened, 15 million; 10 scholarships, 5 million; 10 million into the fund
    ":as hung",
    "/stats", "4", "1", // ⬇️ Xã Chiềng Châu; the first half of 2026
    "/export", "3", "6", "1", "2", "1", // + openings; next; H1 2026; Xã Chiềng Châu; XLSX
    "/export", "1", "3", "6", "1", "2", "2", // openings only; next; H1 2026; Xã Chiềng Châu; CSV
    ":quit", "",
  ].join("\n");
  const sim = runTsx("src/sim/main.ts", {
    env: { DATABASE_URL: `pglite:${path.join(tmp.dir, "db")}`, SIM_LOG_FILE: path.join(tmp.dir, "bot.log"), SIM_TIME: "20/06/2026 09:00" },
    stdin: script,
  });
  const { code } = await sim.exited;
  expect(code, sim.output()).toBe(0);
  expect(sim.stderr()).toBe("");
  const out = transcript(sim.stdout());
  const received = path.join(tmp.dir, "received");

  // The stats text with the recorded figures, then two pictures.
  expect(out).toContain(vi("stats-title", { unit: "Xã Chiềng Châu", period: "6 tháng đầu năm 2026", from: "01/01/2026", to: "30/06/2026" }));
  expect(out).toContain(vi("stats-piggy", { amount: "15.000.000 ₫", openings: 1 }));
  expect(out).toContain(vi("stats-scholarships", { count: 10, amount: "5.000.000 ₫" }));
  for (const name of ["chart-1.png", "chart-2.png"]) {
    const png = readFileSync(path.join(received, name));
    expect(png.subarray(0, 8).equals(PNG)).toBe(true);
    expect(png.length).toBeGreaterThan(5_000); // bars and words, not an empty frame
  }

  // XLSX: the openings sheet holds the opening; the summary has the bot's figures.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path.join(received, "khuyen-hoc_xa-chieng-chau_2026-H1.xlsx")) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["Tổng hợp", "Lợn nhựa"]);
  const openings = wb.getWorksheet("Lợn nhựa")!;
  const header = (openings.getRow(1).values as unknown[]).slice(1);
  const row = (openings.getRow(2).values as unknown[]).slice(1);
  const cell = (heading: string) => row[header.indexOf(heading)];
  expect(openings.rowCount).toBe(2);
  expect(cell("Đơn vị")).toBe(school);
  expect(cell("Số lợn đã mổ")).toBe(100);
  expect(cell("Số tiền thu được")).toBe(15_000_000);
  expect(cell("Giá trị học bổng")).toBe(5_000_000);
  const summary = wb.getWorksheet("Tổng hợp")!;
  const line = (label: string) => {
    let found: unknown[] | undefined;
    summary.eachRow((r) => {
      const v = (r.values as unknown[]).slice(1);
      if (v[0] === label) found = v;
    });
    return found;
  };
  expect(line("Số tiền thu được")?.[2]).toBe(15_000_000);
  expect(line("Số lợn nhựa đã mổ")?.[2]).toBe(100);

  // CSV: UTF-8 with BOM, the same opening.
  const csv = readFileSync(path.join(received, "khuyen-hoc_xa-chieng-chau_2026-H1.csv"));
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records = parse(csv.subarray(3).toString("utf8"), { columns: true }) as Record<string, string>[];
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ "Đơn vị": school, "Số lợn đã mổ": "100", "Số tiền thu được": "15000000", "Ngày mổ lợn": "20/06/2026" });
}, 240_000);
