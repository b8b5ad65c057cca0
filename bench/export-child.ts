// One side of bench/export.ts in its own process, so that its peak memory is its own:
//  --mode export:   services.exports.writeExport of the unit's piggy-bank openings into --out;
//  --mode baseline: the same rows read into memory as arrays first (not timed), then exceljs's
//                   streaming writer alone writes them with the same columns and formats.
// Prints one line "BENCH {json}" with the time, rows, file size and peak RSS (process.resourceUsage).
import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import { openDatabase, parseDatabaseUrl } from "../src/db/database.ts";
import { SHEET_NAMES } from "../src/export/headings.ts";
import { RECORD_KINDS, type ExportScope } from "../src/export/records.ts";
import { NUM_FMT, xlsxValue, type Cell } from "../src/export/table.ts";
import { addDays, localDateToUtcStart } from "../src/domain/dates.ts";
import { periodRange } from "../src/domain/reports.ts";
import { createServices } from "../src/services/index.ts";

const { values } = parseArgs({
  options: {
    mode: { type: "string" }, database: { type: "string" }, unit: { type: "string" }, year: { type: "string" },
    admin: { type: "string" }, out: { type: "string" },
  },
});
if (!values.mode || !values.database || !values.unit || !values.year || !values.admin || !values.out) throw new Error("export-child: missing arguments");
const unitId = Number(values.unit);
const year = Number(values.year);
const admin = Number(values.admin);
const mb = (kb: number) => kb / 1024;

const db = await openDatabase(parseDatabaseUrl(values.database));
const services = createServices({ db: db.prisma, adminTelegramIds: [admin], now: () => new Date() });
const person = await services.access.loadPerson(admin);
const readyRssMb = process.memoryUsage().rss / 1024 / 1024;
const out = createWriteStream(values.out);
let ms: number;
let rows: number;

if (values.mode === "export") {
  const started = performance.now();
  const result = await services.exports.writeExport(person, { unitId, year, period: "YEAR", kinds: ["piggy"], format: "xlsx" }, out);
  ms = performance.now() - started;
  rows = result.rows;
} else {
  // The same rows, the same way the export reads them, all held at once before the clock starts.
  const unit = await db.prisma.unit.findUniqueOrThrow({ where: { id: unitId } });
  const { from, to } = periodRange(year, "YEAR");
  const scope: ExportScope = {
    db: db.prisma, person, unit, year, period: "YEAR", from, to, start: localDateToUtcStart(from), end: localDateToUtcStart(addDays(to, 1)),
  };
  const columns = await RECORD_KINDS.piggy.columns(scope);
  const data: Cell[][] = [];
  const readStarted = performance.now();
  for await (const page of RECORD_KINDS.piggy.pages(scope)) for (const row of page) data.push(row);
  console.error(`  (baseline: read ${data.length} rows in ${((performance.now() - readStarted) / 1000).toFixed(2)} s, not timed)`);

  const started = performance.now();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(SHEET_NAMES.piggy, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width, ...(NUM_FMT[c.type] ? { style: { numFmt: NUM_FMT[c.type] } } : {}) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const row of data) sheet.addRow(row.map((cell, i) => xlsxValue(columns[i]!.type, cell))).commit();
  sheet.commit();
  await book.commit();
  ms = performance.now() - started;
  rows = data.length;
}

const bytes = (await stat(values.out)).size;
const maxRssMb = mb(process.resourceUsage().maxRSS);
await db.close();
console.log(`BENCH ${JSON.stringify({ mode: values.mode, ms, rows, bytes, maxRssMb, readyRssMb })}`);
process.exit(0);
