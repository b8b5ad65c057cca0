// The calendar files (criteria/calendar/*.json) as the deadlines service reads
// them: every valid entry with the file it came from, and the problems of the
// files that are not valid (readable, for the log). A file with any problem
// is left out whole, so a half-understood file never makes half its deadlines.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { calendarFileSchema, type CalendarEntry } from "../domain/calendar.ts";

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const SHIPPED_CALENDAR_DIR = "criteria/calendar";

type Bilingual = { vi: string; en: string };

export interface CalendarFolder {
  entries: (CalendarEntry & { file: string })[];
  invalid: { file: string; errors: string[] }[];
}

/** Reads every *.json of the folder (relative to the project, or absolute). */
export async function readCalendarFolder(dir: string): Promise<CalendarFolder> {
  const folder = path.resolve(PROJECT_ROOT, dir);
  const out: CalendarFolder = { entries: [], invalid: [] };
  let names: string[];
  try {
    names = (await readdir(folder)).filter((n) => n.toLowerCase().endsWith(".json")).sort();
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ENOENT") throw error;
    out.invalid.push({ file: dir, errors: ["no such folder"] });
    return out;
  }
  const keyFile = new Map<string, string>();
  for (const file of names) {
    let raw: unknown;
    try {
      raw = JSON.parse((await readFile(path.join(folder, file), "utf8")).replace(/^\uFEFF/, ""));
    } catch (error) {
      out.invalid.push({ file, errors: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] });
      continue;
    }
    const parsed = calendarFileSchema.safeParse(raw);
    if (!parsed.success) {
      out.invalid.push({ file, errors: parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "(file)"}: ${i.message}`) });
      continue;
    }
    const clashes = parsed.data.entries.filter((e) => keyFile.has(e.key));
    if (clashes.length > 0) {
      out.invalid.push({ file, errors: clashes.map((e) => `key ${e.key}: already in ${keyFile.get(e.key) ?? "?"}`) });
      continue;
    }
    for (const entry of parsed.data.entries) {
      keyFile.set(entry.key, file);
      out.entries.push({ ...entry, file });
    }
  }
  return out;
}

let shipped: Promise<Map<string, Bilingual>> | null = null;

/**
 * The notes of the shipped calendar's entries, by key. The Deadline table has
 * no note column, so a deadline's note is read from the shipped file (once
 * per process); deadlines an administrator made have none.
 */
export function shippedNotes(): Promise<Map<string, Bilingual>> {
  shipped ??= readCalendarFolder(SHIPPED_CALENDAR_DIR).then(
    (folder) => new Map(folder.entries.flatMap((e) => (e.note ? [[e.key, e.note] as const] : []))),
    () => new Map(),
  );
  return shipped;
}
