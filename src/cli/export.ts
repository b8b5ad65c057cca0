// `npm run export -- --unit <code or id> [--year 2026] [--period H1|YEAR] [--kinds summary,piggy,…]
// [--format xlsx|csv] [--out <file>]`: an administrator's export for archiving, the same file the
// bot's /export sends, written by the same services as the first administrator of
// ADMIN_TELEGRAM_IDS (so it is audited under that id). DATABASE_URL as for `npm start`.
// Exit codes: 0 written; 1 refused or failed (no file left behind); 2 usage error; 3 nothing
// reported for that period (no file made).
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { once } from "node:events";
import path from "node:path";
import { parseArgs } from "node:util";
import { describeTarget, openDatabase, parseDatabaseUrl, type DatabaseTarget } from "../db/database.ts";
import { prepareDatabase } from "../db/migrate.ts";
import { vietnamToday } from "../domain/dates.ts";
import { REPORT_PERIODS, type ReportPeriod } from "../domain/reports.ts";
import { createServices, isServiceError, type Services } from "../services/index.ts";
import { EXPORT_KINDS, type ExportFormat, type ExportKind, type ExportRequest } from "../services/exports.ts";

const USAGE = `Usage: npm run export -- --unit <code or id> [options]

Exports a unit's subtree for a period, as the bot's /export does: XLSX (a summary sheet laid
out like the unit report, then one sheet per kind) or CSV (UTF-8 with BOM, one kind).
Runs as the first administrator in ADMIN_TELEGRAM_IDS; the export is written to the audit log.

Options:
  --unit <code|id>     the unit (its code from the unit import, or its id)      required
  --year <yyyy>        the year (default: this year in Vietnam)
  --period H1|YEAR     the first half-year or the whole year (default YEAR)
  --kinds <list>       comma-separated: ${EXPORT_KINDS.join(",")}
                       (default: all for XLSX; CSV needs exactly one)
  --format xlsx|csv    (default: from --out's extension, else xlsx)
  --out <file>         where to write (default: the export's own file name, here)
  -h, --help           this help

Database: DATABASE_URL (unset: the embedded database in ./data/pglite). Stop the bot first
when it uses the embedded database: two programs must not open it at the same time.

Exit codes: 0 written, 1 refused or failed, 2 usage error, 3 nothing reported for the period.`;

class UsageError extends Error {}

interface Args {
  unit: string;
  year: number;
  period: ReportPeriod;
  kinds: ExportKind[];
  format: ExportFormat;
  out: string | null;
}

function parseCommandLine(argv: string[], now: Date): Args | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        unit: { type: "string" }, year: { type: "string" }, period: { type: "string" }, kinds: { type: "string" },
        format: { type: "string" }, out: { type: "string" }, help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return "help";
  if (!values.unit?.trim()) throw new UsageError("--unit is required (a unit code or id).");
  if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new UsageError(`--year must be a year such as 2026, not "${values.year}".`);
  const year = values.year === undefined ? vietnamToday(now).year : Number(values.year);
  const period = (values.period ?? "YEAR").toUpperCase();
  if (!(REPORT_PERIODS as readonly string[]).includes(period)) throw new UsageError(`--period must be H1 or YEAR, not "${values.period}".`);
  const extension = values.out ? path.extname(values.out).slice(1).toLowerCase() : "";
  const format = (values.format ?? (extension === "csv" ? "csv" : "xlsx")).toLowerCase();
  if (format !== "xlsx" && format !== "csv") throw new UsageError(`--format must be xlsx or csv, not "${values.format}".`);
  const kinds = values.kinds === undefined
    ? (format === "csv" ? null : [...EXPORT_KINDS])
    : values.kinds.split(",").map((k) => k.trim().toLowerCase()).filter(Boolean);
  if (kinds === null) throw new UsageError(`CSV holds one kind: add --kinds with one of ${EXPORT_KINDS.join(", ")}.`);
  const unknown = kinds.filter((k) => !(EXPORT_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new UsageError(`Unknown kind ${unknown.map((k) => `"${k}"`).join(", ")} (use ${EXPORT_KINDS.join(", ")}).`);
  if (kinds.length === 0) throw new UsageError("--kinds is empty.");
  if (format === "csv" && new Set(kinds).size !== 1) throw new UsageError(`CSV holds exactly one kind (got ${kinds.join(", ")}); use XLSX for several.`);
  return { unit: values.unit.trim(), year, period: period as ReportPeriod, kinds: kinds as ExportKind[], format, out: values.out ?? null };
}

/** The first administrator of ADMIN_TELEGRAM_IDS: the exports run as them. */
function firstAdmin(raw: string | undefined): number {
  const first = (raw ?? "").split(",").map((p) => p.trim()).find(Boolean);
  if (!first) throw new UsageError("ADMIN_TELEGRAM_IDS is not set: the export runs as the first administrator listed there.");
  if (!/^\d{1,15}$/.test(first)) throw new UsageError(`ADMIN_TELEGRAM_IDS: "${first}" is not a Telegram user id.`);
  return Number(first);
}

/** Service refusals in plain English for the terminal (the chat words them through the locales). */
function refusal(code: string, params: Record<string, string | number>): string {
  switch (code) {
    case "forbidden": return "Refused: the administrator may not export this unit.";
    case "unit_not_found": return "No such unit.";
    case "export_period_future": return `That period has not begun yet (${params.year}).`;
    case "report_no_template": return "No report template is stored: start the bot once (or check criteria/reports/).";
    case "bad_input": return `Bad request (${params.fields ?? "input"}).`;
    default: return `Refused: ${code}.`;
  }
}

async function findUnit(services: Services, ref: string): Promise<{ id: number; name: string } | null> {
  const db = services.deps.db;
  const byCode = await db.unit.findUnique({ where: { code: ref }, select: { id: true, name: true } });
  if (byCode) return byCode;
  if (!/^\d{1,9}$/.test(ref)) return null;
  return db.unit.findUnique({ where: { id: Number(ref) }, select: { id: true, name: true } });
}

async function main(argv: string[]): Promise<number> {
  let args: Args;
  let target: DatabaseTarget;
  let adminId: number;
  try {
    const parsed = parseCommandLine(argv, new Date());
    if (parsed === "help") {
      console.log(USAGE);
      return 0;
    }
    args = parsed;
    adminId = firstAdmin(process.env.ADMIN_TELEGRAM_IDS);
    try {
      target = parseDatabaseUrl(process.env.DATABASE_URL);
    } catch (error) {
      throw new UsageError(`DATABASE_URL ${(error as Error).message}`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }

  const db = await openDatabase(target);
  let partial: string | null = null;
  try {
    await prepareDatabase(db);
    const services = createServices({ db: db.prisma, adminTelegramIds: [adminId], now: () => new Date() });
    await services.reports.syncShippedTemplates();
    const unit = await findUnit(services, args.unit);
    if (!unit) {
      console.error(`No unit with the code or id "${args.unit}".`);
      return 1;
    }
    const admin = await services.access.loadPerson(adminId);
    const request: ExportRequest = { unitId: unit.id, year: args.year, period: args.period, kinds: args.kinds, format: args.format };
    const count = await services.exports.countExport(admin, request);
    if (count.total === 0) {
      console.error(`Nothing reported yet for ${unit.name}, ${args.period} ${args.year}: no file made.`);
      return 3;
    }
    const planned = Object.entries(count.rows).map(([k, n]) => `${k} ${n}`).join(", ");
    console.log(`Exporting ${unit.name} (${args.period} ${args.year}): ${planned}`);
    // Written beside the target and renamed at the end: a failure leaves no half file.
    partial = `${args.out ?? `khuyen-hoc-export-${process.pid}`}.part`;
    const stream = createWriteStream(partial);
    await once(stream, "open");
    const result = await services.exports.writeExport(admin, request, stream, (rows) => {
      if (process.stderr.isTTY) process.stderr.write(`\r  ${rows} rows…`);
    });
    if (!stream.closed) await once(stream, "close");
    const finalName = args.out ?? result.fileName;
    await rename(partial, finalName);
    partial = null;
    if (process.stderr.isTTY) process.stderr.write("\n");
    console.log(`Wrote ${result.rows} rows to ${finalName}`);
    console.log(`Database: ${describeTarget(target)}`);
    return 0;
  } catch (error) {
    if (!isServiceError(error)) throw error;
    console.error(refusal(error.code, error.params));
    return 1;
  } finally {
    if (partial) await rm(partial, { force: true });
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
