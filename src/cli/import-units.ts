// `npm run units:import -- [--lang vi|en] <file.csv>`: imports a unit tree from a CSV file into
// DATABASE_URL (unset: the embedded database in ./data/pglite, migrated first, as `npm start` does).
// All rows or none. Exit codes: 0 imported, 1 file rejected (nothing saved) or the import failed,
// 2 usage error (no file, unreadable file, bad option or DATABASE_URL).
import { readFile } from "node:fs/promises";
import { describeTarget, openDatabase, parseDatabaseUrl, type DatabaseTarget } from "../db/database.ts";
import { prepareDatabase } from "../db/migrate.ts";
import { type ImportError, type ImportErrorCode } from "../domain/unit-csv.ts";
import { importUnits, type ImportOutcome } from "../services/unit-import.ts";
import { createI18n } from "../bot/i18n.ts";

const USAGE = `Usage: npm run units:import -- [--lang vi|en] <file.csv>

Imports a unit tree from a CSV file with the header row  code,name,kind,parent_code
(Vietnamese headers ma,ten,loai,ma_cap_tren work too; UTF-8, UTF-8 with BOM or Windows-1258).
Units whose code already exists are updated. The whole file is checked first: if anything
is wrong, nothing is saved and every problem is listed with its line number.

Database: DATABASE_URL (unset: the embedded database in ./data/pglite). Stop the bot first
when it uses the embedded database: two programs must not open it at the same time.

Options:
  --lang vi|en   language of the report (default en)
  -h, --help     this help

Exit codes: 0 imported, 1 file rejected (nothing saved) or import failed, 2 usage error.`;

type Params = Record<string, string | number>;

/** Every error code as an English sentence (the chat uses the locales; this is the terminal's report). */
const ENGLISH: Record<ImportErrorCode, (p: Params) => string> = {
  unsupported_encoding: (p) => `Cannot read the file's encoding (${p.encoding}). Save it as "CSV UTF-8" and try again.`,
  empty_file: () => "The file is empty: it needs a header row and at least one unit.",
  missing_column: (p) => `Column "${p.column}" is missing from the header row (expected: code,name,kind,parent_code).`,
  unknown_kind: (p) => `Unknown unit kind "${p.kind}" (use province, district, commune, branch, school_committee or agency_committee).`,
  missing_value: (p) => `Column "${p.column}" is empty.`,
  bad_code: (p) => `Code "${p.code}" in column ${p.column} is not valid (letters, digits, ".", "_" or "-", at most 40).`,
  duplicate_code: (p) => `Code "${p.code}" appears twice (first on line ${p.firstLine}).`,
  missing_parent: (p) => `Unit "${p.code}" has parent "${p.parent}", which is neither in the file nor in the database.`,
  cycle: (p) => `Parents form a loop: ${p.codes}.`,
  name_too_long: (p) => `Name too long (${p.length} characters, at most ${p.max}).`,
  name_too_short: (p) => `Name too short (${p.length} character${p.length === 1 ? "" : "s"}, at least ${p.min}).`,
  too_many_rows: (p) => `Too many rows (${p.count}, at most ${p.max}).`,
  malformed_csv: (p) => `The file is not well-formed CSV (${p.reason}); check quotes and separators.`,
};

interface Report {
  imported(file: string, outcome: Extract<ImportOutcome, { ok: true }>): string;
  rejected(file: string, outcome: Extract<ImportOutcome, { ok: false }>): string;
}

const english: Report = {
  imported: (file, o) => `Imported ${file} (${o.encoding}): ${o.created} unit(s) created, ${o.updated} updated.`,
  rejected: (file, o) =>
    [
      `${file} was not imported: ${o.totalErrors} error${o.totalErrors === 1 ? "" : "s"}. Nothing was saved.`,
      ...o.errors.map((e) => item(e, (n) => `Line ${n}`, ENGLISH[e.code](e.params))),
      ...(o.totalErrors > o.errors.length ? [`  … and ${o.totalErrors - o.errors.length} more.`] : []),
    ].join("\n"),
};

function localized(locale: "vi" | "en"): Report {
  const i18n = createI18n();
  const t = (key: string, vars?: Params) => i18n.t(locale, key, vars);
  return {
    imported: (file, o) => `${file} (${o.encoding}): ${t("import-done", { created: o.created, updated: o.updated })}`,
    rejected: (file, o) =>
      [
        `${file}: ${t("csv-rejected", { count: o.totalErrors })}`,
        ...o.errors.map((e) => item(e, (n) => t("csv-line", { line: n }), t(`csv-error-${e.code.replace(/_/g, "-")}`, e.params))),
        ...(o.totalErrors > o.errors.length ? [`  ${t("csv-more-errors", { count: o.totalErrors - o.errors.length })}`] : []),
      ].join("\n"),
  };
}

/** One error of the list: "  - Line 4: …", or without a line for whole-file errors. */
function item(e: ImportError, lineLabel: (line: number) => string, text: string): string {
  return e.line === null ? `  - ${text}` : `  - ${lineLabel(e.line)}: ${text}`;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): { file: string; lang: "vi" | "en" | null } | "help" {
  let lang: "vi" | "en" | null = null;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "-h" || arg === "--help") return "help";
    if (arg === "--lang" || arg.startsWith("--lang=")) {
      const value = arg.includes("=") ? arg.slice("--lang=".length) : argv[++i];
      if (value !== "vi" && value !== "en") throw new UsageError(`--lang must be "vi" or "en"${value ? `, not "${value}"` : ""}.`);
      lang = value;
    } else if (arg.startsWith("-") && arg !== "-") throw new UsageError(`Unknown option ${arg}.`);
    else files.push(arg);
  }
  if (files.length === 0) throw new UsageError("No file given.");
  if (files.length > 1) throw new UsageError(`One file at a time (got ${files.length}).`);
  return { file: files[0] ?? "", lang };
}

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  let target: DatabaseTarget;
  let bytes: Uint8Array;
  try {
    args = parseArgs(argv);
    if (args === "help") {
      console.log(USAGE);
      return 0;
    }
    try {
      target = parseDatabaseUrl(process.env.DATABASE_URL);
    } catch (error) {
      throw new UsageError(`DATABASE_URL ${(error as Error).message}`);
    }
    try {
      bytes = await readFile(args.file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : (error as Error).message;
      throw new UsageError(`Cannot read ${args.file}: ${why}.`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }

  const report = args.lang ? localized(args.lang) : english;
  const db = await openDatabase(target);
  try {
    await prepareDatabase(db);
    const outcome = await importUnits({ db: db.prisma, adminTelegramIds: [], now: () => new Date() }, null, bytes);
    if (outcome.ok) {
      console.log(report.imported(args.file, outcome));
      console.log(`Database: ${describeTarget(target)}`);
      return 0;
    }
    console.error(report.rejected(args.file, outcome));
    return 1;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Import failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
