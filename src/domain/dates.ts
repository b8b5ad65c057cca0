// Calendar dates as Vietnamese users type them, and Vietnam-time formatting.
// Vietnam (Asia/Ho_Chi_Minh) is UTC+7 all year with no DST, so a fixed offset is exact and
// keeps results independent of the server's TZ. Error codes, not messages: the bot translates.

export type LocalDate = { year: number; month: number; day: number };
export type DateError = "empty" | "invalid" | "no_such_day";
export type DateResult = { ok: true; value: LocalDate } | { ok: false; error: DateError };

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const TODAY = new Set(["hôm nay", "hom nay", "today"]);
const YESTERDAY = new Set(["hôm qua", "hom qua", "yesterday"]);
// d/m, d/m/yy, d/m/yyyy with the same separator ("/", "-" or ".") throughout.
const DMY = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\s*\2\s*(\d{2}|\d{4}))?$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

const pad = (n: number) => String(n).padStart(2, "0");

/** Date → its wall-clock fields in Vietnam, read through the UTC getters of a shifted Date. */
function vnFields(d: Date) {
  const s = new Date(d.getTime() + VN_OFFSET_MS);
  return { year: s.getUTCFullYear(), month: s.getUTCMonth() + 1, day: s.getUTCDate(), hour: s.getUTCHours(), minute: s.getUTCMinutes() };
}

/** UTC midnight of a calendar date; setUTCFullYear avoids Date.UTC's 0–99 → 1900s quirk. */
function utcMidnight(d: LocalDate): number {
  const t = new Date(0);
  t.setUTCFullYear(d.year, d.month - 1, d.day);
  return t.getTime();
}

function fromUtcMidnight(ms: number): LocalDate {
  const t = new Date(ms);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function isValidLocalDate(d: LocalDate): boolean {
  return Number.isInteger(d.year) && d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= daysInMonth(d.year, d.month);
}

/** The calendar date in Vietnam at instant `now`. */
export function vietnamToday(now: Date): LocalDate {
  const { year, month, day } = vnFields(now);
  return { year, month, day };
}

/** The instant a Vietnam calendar day begins: 00:00 UTC+7 = 17:00 UTC the day before. */
export function localDateToUtcStart(d: LocalDate): Date {
  return new Date(utcMidnight(d) - VN_OFFSET_MS);
}

export function addDays(d: LocalDate, n: number): LocalDate {
  return fromUtcMidnight(utcMidnight(d) + n * DAY_MS);
}

/** Negative if a < b, 0 if equal, positive if a > b (usable as a sort comparator). */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

// Typos like "15/6/0226" should be caught rather than stored as a date centuries away.
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function checked(year: number, month: number, day: number): DateResult {
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, error: "invalid" };
  const value = { year, month, day };
  return isValidLocalDate(value) ? { ok: true, value } : { ok: false, error: "no_such_day" };
}

/**
 * Parses "15/6", "15-06", "15.06", "15/6/2026", "15/6/26", "2026-06-15", "hôm nay", "hôm qua".
 * Without a year, the current year in Vietnam is used; a two-digit year means 20yy.
 */
export function parseDate(input: string, now: Date): DateResult {
  const s = input.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  if (s === "") return { ok: false, error: "empty" };
  const today = vietnamToday(now);
  if (TODAY.has(s)) return { ok: true, value: today };
  if (YESTERDAY.has(s)) return { ok: true, value: addDays(today, -1) };
  const iso = ISO.exec(s);
  if (iso) return checked(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const m = DMY.exec(s);
  if (!m) return { ok: false, error: "invalid" };
  const yearText = m[4];
  const year = yearText === undefined ? today.year : yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  return checked(year, Number(m[3]), Number(m[1]));
}

/** "15/06/2026"; a Date is shown as its calendar day in Vietnam. */
export function formatDate(d: LocalDate | Date): string {
  const { year, month, day } = d instanceof Date ? vietnamToday(d) : d;
  return `${pad(day)}/${pad(month)}/${year}`;
}

/** "15/06/2026 08:30" in Vietnam time (24-hour clock). */
export function formatDateTime(d: Date): string {
  const f = vnFields(d);
  return `${pad(f.day)}/${pad(f.month)}/${f.year} ${pad(f.hour)}:${pad(f.minute)}`;
}

/** "2026–2027" (en dash) for the school year that starts in 2026. */
export function schoolYearLabel(start: number): string {
  return `${start}\u2013${start + 1}`;
}

/** School years run 1 September – 31 August: 15/06/2026 is in 2025–2026 (en dash). */
export function schoolYearOf(d: LocalDate): { start: number; label: string } {
  const start = d.month >= 9 ? d.year : d.year - 1;
  return { start, label: schoolYearLabel(start) };
}

/** "2026-06-15": the form calendar days take in views and in the database. */
export function toIsoDate(d: LocalDate): string {
  return `${String(d.year).padStart(4, "0")}-${pad(d.month)}-${pad(d.day)}`;
}

/** Reads exactly "YYYY-MM-DD" (a real day); null otherwise. Not for what people type: see parseDate. */
export function fromIsoDate(s: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidLocalDate(d) ? d : null;
}

/** A `@db.Date` column holds UTC midnight of the calendar day. */
export function localDateToDbDate(d: LocalDate): Date {
  return new Date(utcMidnight(d));
}

export function dbDateToLocalDate(d: Date): LocalDate {
  return fromUtcMidnight(d.getTime());
}

/** The hour (0–23) in Vietnam at instant `now`. */
export function vietnamHour(now: Date): number {
  return vnFields(now).hour;
}

/** Nobody gets scheduled messages between 21:00 and 07:00 Vietnam time. */
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 7;

export function isQuietHour(now: Date): boolean {
  const hour = vietnamHour(now);
  return hour >= QUIET_FROM_HOUR || hour < QUIET_UNTIL_HOUR;
}
