// `npm run export -- …` as a child process on an embedded database: units from the example
// file (the unit import CLI), a few openings written straight into the database, then the
// export CLI run as the first administrator of ADMIN_TELEGRAM_IDS.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { SHEET_NAMES } from "../../src/export/headings.ts";
import { killAll, runTsx, tempDir } from "./support.ts";

const CLI = "src/cli/export.ts";
const tmp = tempDir("e2e-export-cli-");
const dbDir = path.join(tmp.dir, "db");
const env = { DATABASE_URL: `pglite:${dbDir}`, ADMIN_TELEGRAM_IDS: "4242,77" };

beforeAll(async () => {
  const imported = runTsx("src/cli/import-units.ts", { env, args: ["test/fixtures/units-example.csv"] });
  expect((await imported.exited).code, imported.output()).toBe(0);
  const db = await openDatabase({ kind: "pglite", dir: dbDir });
  try {
    const branch = await db.prisma.unit.findUniqueOrThrow({ where: { code: "HB-TL-MD-01" } });
    const drive = await db.prisma.piggyBankDrive.create({
      data: { unitId: branch.id, schoolYear: 2025, recipientKind: "PUPIL", banksHandedOut: 30, createdByTelegramId: 4242n },
    });
    for (const [day, amount] of [["2026-03-01", 1_200_000], ["2026-05-20", 800_000]] as const) {
      await db.prisma.piggyBankOpening.create({
        data: {
          driveId: drive.id, openedOn: new Date(`${day}T00:00:00Z`), banksOpened: 10, amountCollected: BigInt(amount), scholarshipCount: 1,
          scholarshipAmount: 500_000n, suppliesAmount: 0n, fundAmount: BigInt(amount - 500_000), otherAmount: 0n, createdByTelegramId: 4242n,
        },
      });
    }
  } finally {
    await db.close();
  }
}, 120_000);

afterAll(async () => {
  await killAll();
  tmp.remove();
});

it("writes an XLSX of a commune by its code, audited under the first administrator", async () => {
  const out = path.join(tmp.dir, "xa-man-duc.xlsx");
  const child = runTsx(CLI, { env, args: ["--unit", "HB-TL-MD", "--year", "2026", "--period", "H1", "--out", out] });
  expect((await child.exited).code, child.output()).toBe(0);
  expect(child.stdout()).toContain(`Wrote `);
  expect(existsSync(`${out}.part`)).toBe(false);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
  expect(book.worksheets.map((s) => s.name)).toEqual(Object.values(SHEET_NAMES));
  const piggy = book.getWorksheet(SHEET_NAMES.piggy)!;
  expect(piggy.rowCount).toBe(3);
  expect([piggy.getCell("E2").value, piggy.getCell("E3").value]).toEqual([1_200_000, 800_000]);

  const db = await openDatabase({ kind: "pglite", dir: dbDir });
  try {
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "export" } });
    expect(audit.actorTelegramId).toBe(4242n);
    expect(audit.after).toMatchObject({ format: "xlsx", period: "H1", year: 2026 });
  } finally {
    await db.close();
  }
}, 60_000);

it("writes one kind as CSV, the format taken from --out's extension", async () => {
  const out = path.join(tmp.dir, "openings.csv");
  const child = runTsx(CLI, { env, args: ["--unit", "HB-TL-MD", "--year", "2026", "--kinds", "piggy", "--out", out] });
  expect((await child.exited).code, child.output()).toBe(0);
  const rows = parse(readFileSync(out), { bom: true }) as string[][];
  expect(rows.slice(1).map((r) => [r[0], r[4]])).toEqual([["01/03/2026", "1200000"], ["20/05/2026", "800000"]]);
}, 60_000);

it("nothing reported: exit 3 and no file; usage errors exit 2; unknown unit exits 1", async () => {
  const out = path.join(tmp.dir, "empty.xlsx");
  const empty = runTsx(CLI, { env, args: ["--unit", "HB-LS", "--year", "2026", "--out", out] });
  expect((await empty.exited).code, empty.output()).toBe(3);
  expect(empty.stderr()).toContain("Nothing reported yet");
  expect(existsSync(out)).toBe(false);

  for (const args of [[], ["--unit", "HB", "--period", "Q3"], ["--unit", "HB", "--format", "csv"], ["--unit", "HB", "--kinds", "piggy,learning", "--format", "csv"]]) {
    const child = runTsx(CLI, { env, args });
    expect((await child.exited).code, args.join(" ")).toBe(2);
    expect(child.stderr()).toContain("Usage: npm run export -- ");
  }
  const noAdmin = runTsx(CLI, { env: { DATABASE_URL: env.DATABASE_URL }, args: ["--unit", "HB"] });
  expect((await noAdmin.exited).code).toBe(2);
  expect(noAdmin.stderr()).toContain("ADMIN_TELEGRAM_IDS");

  const unknown = runTsx(CLI, { env, args: ["--unit", "NOPE", "--year", "2026"] });
  expect((await unknown.exited).code).toBe(1);
  expect(unknown.stderr()).toContain(`No unit with the code or id "NOPE"`);
}, 90_000);
