import { describe, expect, it } from "vitest";
import {
  addDays,
  compareLocalDates,
  daysInMonth,
  dbDateToLocalDate,
  fromIsoDate,
  localDateToDbDate,
  formatDate,
  formatDateTime,
  isLeapYear,
  localDateToUtcStart,
  parseDate,
  schoolYearLabel,
  schoolYearOf,
  toIsoDate,
  vietnamToday,
  type LocalDate,
} from "../../src/domain/dates.ts";

const ld = (year: number, month: number, day: number): LocalDate => ({ year, month, day });
// 10:00 on 20/03/2026 in Vietnam.
const NOW = new Date("2026-03-20T03:00:00Z");

describe("parseDate: accepted", () => {
  it.each<[string, LocalDate]>([
    ["15/6", ld(2026, 6, 15)],
    ["15/06", ld(2026, 6, 15)],
    ["15-06", ld(2026, 6, 15)],
    ["15.06", ld(2026, 6, 15)],
    ["1/1", ld(2026, 1, 1)],
    ["01/01", ld(2026, 1, 1)],
    ["15/6/2026", ld(2026, 6, 15)],
    ["15/06/2026", ld(2026, 6, 15)],
    ["15-06-2026", ld(2026, 6, 15)],
    ["15.06.2026", ld(2026, 6, 15)],
    ["15/6/26", ld(2026, 6, 15)],
    ["15/6/99", ld(2099, 6, 15)],
    ["15/6/00", ld(2000, 6, 15)],
    ["31/12/2025", ld(2025, 12, 31)],
    ["  15 / 6 / 2026 ", ld(2026, 6, 15)],
    ["2026-06-15", ld(2026, 6, 15)],
    ["29/2/2024", ld(2024, 2, 29)],
    ["29/02/2000", ld(2000, 2, 29)], // divisible by 400: leap
    ["hôm nay", ld(2026, 3, 20)],
    ["Hôm Nay", ld(2026, 3, 20)],
    ["hom nay", ld(2026, 3, 20)],
    ["today", ld(2026, 3, 20)],
    ["TODAY", ld(2026, 3, 20)],
    ["hôm  qua", ld(2026, 3, 19)],
    ["hom qua", ld(2026, 3, 19)],
    ["yesterday", ld(2026, 3, 19)],
    ["hôm nay".normalize("NFD"), ld(2026, 3, 20)],
    ["hôm qua".normalize("NFD"), ld(2026, 3, 19)],
  ])("%j → %o", (input, value) => {
    expect(parseDate(input, NOW)).toEqual({ ok: true, value });
  });

  it("takes the default year from Vietnam time, not UTC", () => {
    // 31/12/2025 18:00 UTC is already 01/01/2026 01:00 in Vietnam.
    const newYearInVietnam = new Date("2025-12-31T18:00:00Z");
    expect(parseDate("15/6", newYearInVietnam)).toEqual({ ok: true, value: ld(2026, 6, 15) });
    expect(parseDate("hôm nay", newYearInVietnam)).toEqual({ ok: true, value: ld(2026, 1, 1) });
    expect(parseDate("hôm qua", newYearInVietnam)).toEqual({ ok: true, value: ld(2025, 12, 31) });
  });

  it("'hôm qua' crosses month and leap-day boundaries", () => {
    expect(parseDate("hôm qua", new Date("2024-03-01T05:00:00Z"))).toEqual({ ok: true, value: ld(2024, 2, 29) });
    expect(parseDate("hôm qua", new Date("2025-03-01T05:00:00Z"))).toEqual({ ok: true, value: ld(2025, 2, 28) });
  });
});

describe("parseDate: rejected", () => {
  it.each<[string, string]>([
    ["", "empty"],
    ["   ", "empty"],
    ["abc", "invalid"],
    ["15", "invalid"],
    ["15/", "invalid"],
    ["/6", "invalid"],
    ["15/6/", "invalid"],
    ["15/06-2026", "invalid"], // mixed separators
    ["15/6/202", "invalid"],
    ["15/6/20266", "invalid"],
    ["123/6", "invalid"],
    ["15 6", "invalid"],
    ["15/6/1800", "invalid"], // implausible year, most likely a typo
    ["15/6/0226", "invalid"],
    ["ngày mai", "invalid"],
    ["31/02", "no_such_day"],
    ["30/02/2024", "no_such_day"],
    ["29/02/2025", "no_such_day"],
    ["29/02/1900", "no_such_day"], // divisible by 100 but not 400: not leap
    ["29/2/26", "no_such_day"],
    ["31/04/2026", "no_such_day"],
    ["31/06", "no_such_day"],
    ["31/09", "no_such_day"],
    ["31/11", "no_such_day"],
    ["0/6", "no_such_day"],
    ["15/0", "no_such_day"],
    ["15/13", "no_such_day"],
    ["32/1", "no_such_day"],
    ["2026-02-30", "no_such_day"],
  ])("%j → %s", (input, error) => {
    expect(parseDate(input, NOW)).toEqual({ ok: false, error });
  });

  it("29/02 without a year depends on the current year", () => {
    expect(parseDate("29/02", new Date("2028-01-10T00:00:00Z"))).toEqual({ ok: true, value: ld(2028, 2, 29) });
    expect(parseDate("29/02", new Date("2027-01-10T00:00:00Z"))).toEqual({ ok: false, error: "no_such_day" });
  });
});

describe("leap years and month lengths", () => {
  it.each<[number, boolean]>([
    [2024, true],
    [2025, false],
    [2000, true],
    [1900, false],
    [2100, false],
    [2400, true],
  ])("isLeapYear(%d) = %s", (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });

  it("knows the 30- and 31-day months", () => {
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([
      31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
  });
});

describe("Vietnam time vs UTC", () => {
  it.each<[string, LocalDate]>([
    ["2026-06-14T16:59:59.999Z", ld(2026, 6, 14)], // 23:59:59.999 in Vietnam
    ["2026-06-14T17:00:00Z", ld(2026, 6, 15)], // midnight in Vietnam
    ["2026-06-15T00:00:00Z", ld(2026, 6, 15)], // UTC midnight is 07:00 in Vietnam
    ["2026-06-15T16:59:00Z", ld(2026, 6, 15)],
    ["2025-12-31T17:00:00Z", ld(2026, 1, 1)],
    ["2024-02-28T17:00:00Z", ld(2024, 2, 29)],
  ])("vietnamToday(%s) = %o", (iso, value) => {
    expect(vietnamToday(new Date(iso))).toEqual(value);
  });

  it("localDateToUtcStart is 17:00 UTC the previous day", () => {
    expect(localDateToUtcStart(ld(2026, 6, 15)).toISOString()).toBe("2026-06-14T17:00:00.000Z");
    expect(localDateToUtcStart(ld(2026, 1, 1)).toISOString()).toBe("2025-12-31T17:00:00.000Z");
    expect(localDateToUtcStart(ld(2024, 3, 1)).toISOString()).toBe("2024-02-29T17:00:00.000Z");
  });

  it("localDateToUtcStart and vietnamToday are inverse", () => {
    for (const d of [ld(2026, 6, 15), ld(2024, 2, 29), ld(2025, 12, 31), ld(2026, 1, 1)]) {
      expect(vietnamToday(localDateToUtcStart(d))).toEqual(d);
      expect(vietnamToday(new Date(localDateToUtcStart(d).getTime() - 1))).toEqual(addDays(d, -1));
    }
  });
});

describe("formatDate / formatDateTime", () => {
  it.each<[LocalDate | Date, string]>([
    [ld(2026, 6, 15), "15/06/2026"],
    [ld(2026, 1, 1), "01/01/2026"],
    [ld(2025, 12, 31), "31/12/2025"],
    [new Date("2026-06-15T01:30:00Z"), "15/06/2026"],
    [new Date("2026-06-14T17:00:00Z"), "15/06/2026"], // Vietnam midnight
    [new Date("2026-06-14T16:59:00Z"), "14/06/2026"],
  ])("formatDate(%o) = %s", (d, text) => {
    expect(formatDate(d)).toBe(text);
  });

  it.each<[string, string]>([
    ["2026-06-15T01:30:00Z", "15/06/2026 08:30"],
    ["2026-06-14T17:00:00Z", "15/06/2026 00:00"],
    ["2026-06-14T16:59:00Z", "14/06/2026 23:59"],
    ["2025-12-31T20:05:00Z", "01/01/2026 03:05"],
    ["2026-06-15T12:45:59Z", "15/06/2026 19:45"],
  ])("formatDateTime(%s) = %s", (iso, text) => {
    expect(formatDateTime(new Date(iso))).toBe(text);
  });

  it("formatDate output parses back to the same date", () => {
    for (const d of [ld(2026, 6, 15), ld(2024, 2, 29), ld(2000, 1, 1)]) {
      expect(parseDate(formatDate(d), NOW)).toEqual({ ok: true, value: d });
    }
  });
});

describe("addDays / compareLocalDates", () => {
  it.each<[LocalDate, number, LocalDate]>([
    [ld(2026, 6, 15), 0, ld(2026, 6, 15)],
    [ld(2026, 6, 15), 1, ld(2026, 6, 16)],
    [ld(2026, 6, 30), 1, ld(2026, 7, 1)],
    [ld(2026, 12, 31), 1, ld(2027, 1, 1)],
    [ld(2027, 1, 1), -1, ld(2026, 12, 31)],
    [ld(2024, 2, 28), 1, ld(2024, 2, 29)],
    [ld(2025, 2, 28), 1, ld(2025, 3, 1)],
    [ld(2026, 1, 1), 365, ld(2027, 1, 1)],
    [ld(2024, 1, 1), 366, ld(2025, 1, 1)],
    [ld(2026, 3, 10), -40, ld(2026, 1, 29)],
  ])("addDays(%o, %d) = %o", (d, n, expected) => {
    expect(addDays(d, n)).toEqual(expected);
  });

  it("does not mutate its argument", () => {
    const d = ld(2026, 6, 15);
    addDays(d, 10);
    expect(d).toEqual(ld(2026, 6, 15));
  });

  it("compares by year, then month, then day", () => {
    expect(compareLocalDates(ld(2026, 6, 15), ld(2026, 6, 15))).toBe(0);
    expect(compareLocalDates(ld(2026, 6, 14), ld(2026, 6, 15))).toBeLessThan(0);
    expect(compareLocalDates(ld(2026, 7, 1), ld(2026, 6, 30))).toBeGreaterThan(0);
    expect(compareLocalDates(ld(2025, 12, 31), ld(2026, 1, 1))).toBeLessThan(0);
    const sorted = [ld(2026, 1, 2), ld(2025, 12, 31), ld(2026, 1, 1)].sort(compareLocalDates);
    expect(sorted).toEqual([ld(2025, 12, 31), ld(2026, 1, 1), ld(2026, 1, 2)]);
  });
});

describe("schoolYearOf", () => {
  it.each<[LocalDate, number, string]>([
    [ld(2026, 6, 15), 2025, "2025–2026"],
    [ld(2026, 8, 31), 2025, "2025–2026"],
    [ld(2026, 9, 1), 2026, "2026–2027"],
    [ld(2026, 12, 31), 2026, "2026–2027"],
    [ld(2027, 1, 1), 2026, "2026–2027"],
    [ld(2025, 9, 5), 2025, "2025–2026"],
  ])("%o → %d (%s)", (d, start, label) => {
    expect(schoolYearOf(d)).toEqual({ start, label });
  });

  it("uses an en dash", () => {
    expect(schoolYearOf(ld(2026, 6, 15)).label).toContain("\u2013");
  });

  it("turns over at Vietnam midnight on 1 September", () => {
    const before = vietnamToday(new Date("2026-08-31T16:59:59Z"));
    const after = vietnamToday(new Date("2026-08-31T17:00:00Z"));
    expect(schoolYearOf(before).start).toBe(2025);
    expect(schoolYearOf(after).start).toBe(2026);
  });
});

describe("schoolYearLabel", () => {
  it("names the school year from its start", () => {
    expect(schoolYearLabel(2026)).toBe("2026\u20132027");
    expect(schoolYearLabel(2025)).toBe(schoolYearOf(ld(2026, 6, 15)).label);
  });
});

describe("ISO calendar days", () => {
  it("writes and reads YYYY-MM-DD", () => {
    expect(toIsoDate(ld(2026, 6, 5))).toBe("2026-06-05");
    expect(fromIsoDate("2026-06-05")).toEqual(ld(2026, 6, 5));
    expect(fromIsoDate("2028-02-29")).toEqual(ld(2028, 2, 29));
  });

  it.each(["", "2026-6-5", "05/06/2026", "2026-02-30", "2026-13-01", "2026-06-05T00:00:00Z", " 2026-06-05"])(
    "refuses %j",
    (s) => {
      expect(fromIsoDate(s)).toBeNull();
    },
  );

  it("maps a calendar day to the UTC midnight a date column holds, and back", () => {
    expect(localDateToDbDate(ld(2026, 11, 29)).toISOString()).toBe("2026-11-29T00:00:00.000Z");
    expect(dbDateToLocalDate(new Date("2026-11-29T00:00:00.000Z"))).toEqual(ld(2026, 11, 29));
  });
});
