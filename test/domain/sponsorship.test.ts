import { describe, expect, it } from "vitest";
import type { LocalDate } from "../../src/domain/dates.ts";
import {
  CASE_STATUSES,
  addMonths,
  allowedTransitions,
  caseInputSchema,
  checkBirthYear,
  checkInInputSchema,
  checkInRaisesRisk,
  daysOverdue,
  firstCheckInDue,
  isOpenStatus,
  MAX_MONTHLY_AMOUNT,
  nextCheckInDue,
  parseBirthYear,
  parseGrade,
  sponsorKindInputSchema,
  statusChangeSchema,
  stillInSchoolShare,
  type CaseInput,
  type StatusCounts,
} from "../../src/domain/sponsorship.ts";

const ld = (year: number, month: number, day: number): LocalDate => ({ year, month, day });
const TODAY = ld(2026, 11, 29);

function counts(change: Partial<StatusCounts> = {}): StatusCounts {
  return { ACTIVE: 0, AT_RISK: 0, DROPPED_OUT: 0, RETURNED: 0, COMPLETED: 0, TRANSFERRED: 0, ...change };
}

/** A clean case: a girl in grade 7, 500.000 ₫ a month and a bicycle. */
function input(change: Partial<CaseInput> = {}): CaseInput {
  return {
    unitId: 5,
    pupilName: "  Nguyễn  Thị Hương ",
    birthYear: 2014,
    schoolName: "Trường THCS Mãn Đức",
    grade: 7,
    circumstances: ["POOR_HOUSEHOLD", "FAR_FROM_SCHOOL"],
    circumstanceNote: null,
    sponsorKindId: 1,
    sponsorName: "Công ty Sao Mai",
    support: [{ kind: "MONEY", amount: 500_000 }, { kind: "BICYCLE", amount: 1_500_000 }],
    supportNote: null,
    startedOn: "2026-11-01",
    checkInMonths: 1,
    guardianConsent: true,
    ...change,
  };
}

const parses = (v: CaseInput) => caseInputSchema.safeParse(v).success;

describe("parseBirthYear", () => {
  it("reads four digits, two digits (20yy) and 'năm sinh 2014'", () => {
    expect(parseBirthYear("2014", TODAY)).toEqual({ ok: true, value: 2014 });
    expect(parseBirthYear(" 14 ", TODAY)).toEqual({ ok: true, value: 2014 });
    expect(parseBirthYear("năm sinh 2014", TODAY)).toEqual({ ok: true, value: 2014 });
    expect(parseBirthYear("Năm 2012", TODAY)).toEqual({ ok: true, value: 2012 });
    expect(parseBirthYear("nam sinh 2010", TODAY)).toEqual({ ok: true, value: 2010 });
    expect(parseBirthYear("NĂM SINH 2010", TODAY)).toEqual({ ok: true, value: 2010 });
  });

  it("refuses a pupil aged 2 (too young) or 40 (too old); 5 and 20 are the limits", () => {
    expect(parseBirthYear("2024", TODAY)).toEqual({ ok: false, error: "too_young" });
    expect(parseBirthYear("1986", TODAY)).toEqual({ ok: false, error: "too_old" });
    expect(parseBirthYear("2021", TODAY)).toEqual({ ok: true, value: 2021 }); // 5
    expect(parseBirthYear("2022", TODAY)).toEqual({ ok: false, error: "too_young" }); // 4
    expect(parseBirthYear("2006", TODAY)).toEqual({ ok: true, value: 2006 }); // 20
    expect(parseBirthYear("2005", TODAY)).toEqual({ ok: false, error: "too_old" }); // 21
    // The age is counted from today's year: the same pupil is 21 a year later.
    expect(parseBirthYear("2006", ld(2027, 1, 1))).toEqual({ ok: false, error: "too_old" });
  });

  it("refuses garbage", () => {
    for (const s of ["", "abc", "2014a", "20145", "201", "1", "hai nghìn", "14/5/2014", "sinh 2014", "-2014", "20 14"]) {
      expect(parseBirthYear(s, TODAY), s).toEqual({ ok: false, error: "invalid" });
    }
  });

  it("checkBirthYear refuses a fractional year", () => {
    expect(checkBirthYear(2014.5, TODAY)).toEqual({ ok: false, error: "invalid" });
    expect(checkBirthYear(2014, TODAY)).toEqual({ ok: true, value: 2014 });
  });
});

describe("parseGrade", () => {
  it.each([
    ["7", 7], ["lớp 7", 7], ["Lớp 7A", 7], ["LỚP 7a1", 7], ["lop 9", 9], ["grade 7", 7], ["Class 12", 12], ["khối 6", 6],
    ["lớp12", 12], [" 1 ", 1], ["10A2", 10],
  ])("%j → %d", (s, grade) => {
    expect(parseGrade(s)).toBe(grade);
  });

  it.each(["0", "13", "lớp 15", "lớp 0", "abc", "", "lớp", "7.5", "-7", "lớp bảy", "100", "123", "1 2", "7AB"])("%j → null", (s) => {
    expect(parseGrade(s)).toBeNull();
  });

  it("reads a decomposed 'lớp' (typed on some phones) like the composed one", () => {
    expect(parseGrade("lớp 8".normalize("NFD"))).toBe(8);
  });
});

describe("addMonths", () => {
  it("keeps the day, or takes the month's last", () => {
    expect(addMonths(ld(2026, 11, 1), 1)).toEqual(ld(2026, 12, 1));
    expect(addMonths(ld(2027, 1, 31), 1)).toEqual(ld(2027, 2, 28));
    expect(addMonths(ld(2028, 1, 31), 1)).toEqual(ld(2028, 2, 29)); // leap year
    expect(addMonths(ld(2026, 8, 31), 1)).toEqual(ld(2026, 9, 30));
    expect(addMonths(ld(2026, 11, 30), 3)).toEqual(ld(2027, 2, 28));
  });

  it("rolls over December into the next year", () => {
    expect(addMonths(ld(2026, 12, 15), 1)).toEqual(ld(2027, 1, 15));
    expect(addMonths(ld(2026, 11, 29), 2)).toEqual(ld(2027, 1, 29));
    expect(addMonths(ld(2026, 7, 10), 6)).toEqual(ld(2027, 1, 10));
    expect(addMonths(ld(2026, 12, 31), 12)).toEqual(ld(2027, 12, 31));
    expect(addMonths(ld(2027, 1, 15), -1)).toEqual(ld(2026, 12, 15));
  });

  it("does not accumulate the clamp: 31/01 + 2 is 31/03, not 28/03", () => {
    expect(addMonths(ld(2027, 1, 31), 2)).toEqual(ld(2027, 3, 31));
  });
});

describe("firstCheckInDue", () => {
  it("is one interval after the start", () => {
    expect(firstCheckInDue(ld(2026, 11, 1), 1, TODAY)).toEqual(ld(2026, 12, 1));
    expect(firstCheckInDue(ld(2026, 11, 1), 3, TODAY)).toEqual(ld(2027, 2, 1));
    expect(firstCheckInDue(TODAY, 1, TODAY)).toEqual(ld(2026, 12, 29));
  });

  it("is never before today for a start long past", () => {
    expect(firstCheckInDue(ld(2026, 9, 5), 1, TODAY)).toEqual(TODAY);
    expect(firstCheckInDue(ld(2026, 10, 29), 1, TODAY)).toEqual(TODAY); // due exactly today
    expect(firstCheckInDue(ld(2026, 9, 5), 6, TODAY)).toEqual(ld(2027, 3, 5));
  });
});

describe("nextCheckInDue", () => {
  const due = ld(2026, 12, 1);

  it("is one interval after the due day for an early or on-time check-in", () => {
    expect(nextCheckInDue(due, 1, ld(2026, 11, 29))).toEqual(ld(2027, 1, 1));
    expect(nextCheckInDue(due, 1, due)).toEqual(ld(2027, 1, 1));
    expect(nextCheckInDue(due, 3, due)).toEqual(ld(2027, 3, 1));
  });

  it("keeps the rhythm for a late check-in that is still before the next due day", () => {
    expect(nextCheckInDue(due, 1, ld(2026, 12, 20))).toEqual(ld(2027, 1, 1));
  });

  it("counts from today when the check-in is a whole interval late (or more)", () => {
    expect(nextCheckInDue(due, 1, ld(2027, 1, 1))).toEqual(ld(2027, 2, 1));
    expect(nextCheckInDue(due, 1, ld(2027, 1, 5))).toEqual(ld(2027, 2, 5));
    expect(nextCheckInDue(due, 1, ld(2027, 3, 31))).toEqual(ld(2027, 4, 30));
  });
});

describe("daysOverdue", () => {
  it("is 0 until the due day has passed", () => {
    expect(daysOverdue(ld(2026, 12, 1), ld(2026, 11, 29))).toBe(0);
    expect(daysOverdue(ld(2026, 12, 1), ld(2026, 12, 1))).toBe(0);
  });

  it("counts whole days, across months and years", () => {
    expect(daysOverdue(ld(2026, 12, 1), ld(2026, 12, 2))).toBe(1);
    expect(daysOverdue(ld(2026, 12, 30), ld(2027, 1, 2))).toBe(3);
    expect(daysOverdue(ld(2028, 2, 28), ld(2028, 3, 1))).toBe(2); // 29/02/2028
    expect(daysOverdue(ld(2026, 1, 1), ld(2027, 1, 1))).toBe(365);
  });
});

describe("statuses", () => {
  it("open statuses go anywhere else", () => {
    for (const from of ["ACTIVE", "AT_RISK", "RETURNED"] as const) {
      expect(isOpenStatus(from)).toBe(true);
      expect(allowedTransitions(from).sort()).toEqual(CASE_STATUSES.filter((s) => s !== from).sort());
    }
  });

  it("a pupil who dropped out may only come back; completed and transferred cases are finished", () => {
    expect(allowedTransitions("DROPPED_OUT")).toEqual(["RETURNED"]);
    expect(allowedTransitions("COMPLETED")).toEqual([]);
    expect(allowedTransitions("TRANSFERRED")).toEqual([]);
    for (const s of ["DROPPED_OUT", "COMPLETED", "TRANSFERRED"] as const) expect(isOpenStatus(s)).toBe(false);
  });

  it("a status change to DROPPED_OUT or TRANSFERRED needs a reason", () => {
    expect(statusChangeSchema.safeParse({ status: "DROPPED_OUT", reason: null }).success).toBe(false);
    expect(statusChangeSchema.safeParse({ status: "DROPPED_OUT", reason: "   " }).success).toBe(false);
    expect(statusChangeSchema.safeParse({ status: "TRANSFERRED", reason: null }).success).toBe(false);
    expect(statusChangeSchema.safeParse({ status: "DROPPED_OUT", reason: " Đi làm  xa " }).data).toEqual({ status: "DROPPED_OUT", reason: "Đi làm xa" });
    expect(statusChangeSchema.safeParse({ status: "COMPLETED", reason: null }).success).toBe(true);
    expect(statusChangeSchema.safeParse({ status: "GONE", reason: null }).success).toBe(false);
  });

  it("a check-in raises the risk when the pupil is not attending or something is flagged", () => {
    expect(checkInRaisesRisk({ attending: true, flagNote: null })).toBe(false);
    expect(checkInRaisesRisk({ attending: false, flagNote: null })).toBe(true);
    expect(checkInRaisesRisk({ attending: true, flagNote: "Hay nghỉ học" })).toBe(true);
  });
});

describe("stillInSchoolShare", () => {
  it("is null with no case followed (transferred cases do not count)", () => {
    expect(stillInSchoolShare(counts())).toBeNull();
    expect(stillInSchoolShare(counts({ TRANSFERRED: 3 }))).toBeNull();
  });

  it("is every case but the dropouts over every case not transferred", () => {
    expect(stillInSchoolShare(counts({ ACTIVE: 2, AT_RISK: 1, DROPPED_OUT: 1, TRANSFERRED: 5 }))).toBe(0.75);
    expect(stillInSchoolShare(counts({ COMPLETED: 1, RETURNED: 1 }))).toBe(1);
    expect(stillInSchoolShare(counts({ DROPPED_OUT: 2 }))).toBe(0);
  });
});

describe("caseInputSchema", () => {
  it("parses a clean case, normalising the texts", () => {
    const parsed = caseInputSchema.parse(input());
    expect(parsed).toMatchObject({ pupilName: "Nguyễn Thị Hương", birthYear: 2014, grade: 7, guardianConsent: true });
  });

  it("parses a case without consent: the service refuses it, with its own message", () => {
    expect(caseInputSchema.parse(input({ guardianConsent: false })).guardianConsent).toBe(false);
  });

  it("needs a note for the OTHER circumstance, and for OTHER support", () => {
    expect(parses(input({ circumstances: ["OTHER"], circumstanceNote: null }))).toBe(false);
    expect(parses(input({ circumstances: ["OTHER"], circumstanceNote: "  " }))).toBe(false);
    expect(parses(input({ circumstances: ["OTHER"], circumstanceNote: "Bố mẹ đi làm xa" }))).toBe(true);
    expect(parses(input({ support: [{ kind: "OTHER", amount: 0 }], supportNote: null }))).toBe(false);
    expect(parses(input({ support: [{ kind: "OTHER", amount: 0 }], supportNote: "Sách giáo khoa" }))).toBe(true);
  });

  it("refuses a monthly amount of 0 or above 20.000.000 ₫", () => {
    expect(parses(input({ support: [{ kind: "MONEY", amount: 0 }] }))).toBe(false);
    expect(parses(input({ support: [{ kind: "MONEY", amount: MAX_MONTHLY_AMOUNT + 1 }] }))).toBe(false);
    expect(parses(input({ support: [{ kind: "MONEY", amount: MAX_MONTHLY_AMOUNT }] }))).toBe(true);
  });

  it("refuses negative or fractional amounts; a one-off item may be 0 (free tutoring)", () => {
    expect(parses(input({ support: [{ kind: "MONEY", amount: -500_000 }] }))).toBe(false);
    expect(parses(input({ support: [{ kind: "SUPPLIES", amount: -1 }] }))).toBe(false);
    expect(parses(input({ support: [{ kind: "SUPPLIES", amount: 10.5 }] }))).toBe(false);
    expect(parses(input({ support: [{ kind: "TUTORING", amount: 0 }] }))).toBe(true);
  });

  it("refuses the same support kind or circumstance twice, and no support at all", () => {
    expect(parses(input({ support: [{ kind: "MONEY", amount: 500_000 }, { kind: "MONEY", amount: 300_000 }] }))).toBe(false);
    expect(parses(input({ support: [{ kind: "SUPPLIES", amount: 1 }, { kind: "SUPPLIES", amount: 2 }] }))).toBe(false);
    expect(parses(input({ circumstances: ["ORPHAN", "ORPHAN"] }))).toBe(false);
    expect(parses(input({ support: [] }))).toBe(false);
    expect(parses(input({ circumstances: [] }))).toBe(false);
  });

  it("refuses a grade outside 1–12, an unknown interval, a date that is not one, a bad name", () => {
    for (const grade of [0, 13, 7.5]) expect(parses(input({ grade })), String(grade)).toBe(false);
    for (const checkInMonths of [0, 4, 12]) expect(parses(input({ checkInMonths })), String(checkInMonths)).toBe(false);
    for (const startedOn of ["2026-02-30", "01/11/2026", ""]) expect(parses(input({ startedOn })), startedOn).toBe(false);
    for (const pupilName of ["", "H", "Hương 2014"]) expect(parses(input({ pupilName })), pupilName).toBe(false);
    expect(parses(input({ schoolName: " " }))).toBe(false);
    expect(parses(input({ unitId: 0 }))).toBe(false);
  });
});

describe("other schemas", () => {
  it("check-ins: studies 1–4 only, a blank flag is refused", () => {
    expect(checkInInputSchema.safeParse({ attending: true, supportArrived: null, studies: 4, flagNote: null }).success).toBe(true);
    expect(checkInInputSchema.safeParse({ attending: true, supportArrived: true, studies: 5, flagNote: null }).success).toBe(false);
    expect(checkInInputSchema.safeParse({ attending: true, supportArrived: true, studies: 0, flagNote: null }).success).toBe(false);
    expect(checkInInputSchema.safeParse({ attending: true, supportArrived: true, studies: 3, flagNote: " " }).success).toBe(false);
  });

  it("sponsor kinds need two names of 2–80 characters", () => {
    expect(sponsorKindInputSchema.parse({ nameVi: " Hội  cựu giáo chức ", nameEn: "Retired teachers" })).toEqual({ nameVi: "Hội cựu giáo chức", nameEn: "Retired teachers" });
    expect(sponsorKindInputSchema.safeParse({ nameVi: "H", nameEn: "Retired teachers" }).success).toBe(false);
    expect(sponsorKindInputSchema.safeParse({ nameVi: "Hội", nameEn: "x".repeat(81) }).success).toBe(false);
  });
});
