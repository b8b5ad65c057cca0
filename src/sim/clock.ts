// The simulator's clock is written and shown in Vietnam time (UTC+7, no daylight saving).
/** "dd/mm/yyyy [HH:MM]" in Vietnam time (UTC+7) as an instant; 08:00 when the hour is left out. */
export function parseSimTime(text: string): Date | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [day, month, year, hour = 8, minute = 0] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x))) as number[];
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour > 23 || minute > 59) return null;
  const at = new Date(Date.UTC(year!, month! - 1, day!, hour - 7, minute));
  return new Date(at.getTime() + 7 * 3_600_000).getUTCDate() === day ? at : null;
}

/** The instant as "08/06/2026 08:00" in Vietnam time. */
export function showSimTime(at: Date): string {
  const v = new Date(at.getTime() + 7 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(v.getUTCDate())}/${two(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${two(v.getUTCHours())}:${two(v.getUTCMinutes())}`;
}
