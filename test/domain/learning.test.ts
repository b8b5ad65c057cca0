import { describe, expect, it } from "vitest";
import {
  answerInputSchema,
  commentRequired,
  isOpen,
  MAX_FAMILY_MEMBERS,
  percentOf,
  registrationInputSchema,
  registrationKey,
  registrationYearAllowed,
  registrationYears,
  reviewInputSchema,
  validateRegistrationName,
  type RegistrationInput,
} from "../../src/domain/learning.ts";

const family = (change: Partial<RegistrationInput> = {}): RegistrationInput => ({
  model: "FAMILY", year: 2026, unitId: 3, name: "Nguyễn Văn An", village: "Thôn Bưng", memberCount: 5, own: false, ...change,
});

const issues = (input: unknown) => {
  const r = registrationInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
};

describe("registration years", () => {
  it("allows this calendar year in Vietnam and the next, never a past one", () => {
    const today = { year: 2026, month: 12, day: 31 };
    expect(registrationYears(today)).toEqual([2026, 2027]);
    expect(registrationYearAllowed(2026, today)).toBe(true);
    expect(registrationYearAllowed(2027, today)).toBe(true);
    expect(registrationYearAllowed(2025, today)).toBe(false);
    expect(registrationYearAllowed(2028, today)).toBe(false);
  });
});

describe("registration key", () => {
  it("is the same for the same name and village whatever the accents, case and spaces", () => {
    const key = registrationKey("Nguyễn Văn An", "Thôn Bưng");
    expect(registrationKey("NGUYEN  van an", "thon bung")).toBe(key);
    expect(registrationKey(" Nguyễn Văn  An ", "THÔN BƯNG")).toBe(key);
    expect(registrationKey("Đỗ Thị Hà", null)).toBe(registrationKey("do thi ha", ""));
  });

  it("tells apart the same name in another village, and name and village run together", () => {
    expect(registrationKey("Nguyễn Văn An", "Thôn Bưng")).not.toBe(registrationKey("Nguyễn Văn An", "Thôn Chiềng"));
    expect(registrationKey("Nguyễn Văn An", null)).not.toBe(registrationKey("Nguyễn Văn An", "Thôn Bưng"));
    expect(registrationKey("An Bình", null)).not.toBe(registrationKey("An", "Bình"));
  });
});

describe("registration input", () => {
  it("accepts a family and tidies the name and village", () => {
    const parsed = registrationInputSchema.parse(family({ name: "  nguyễn   văn an ", village: "  Thôn   Bưng " }));
    expect(parsed).toMatchObject({ name: "nguyễn văn an", village: "Thôn Bưng", memberCount: 5 });
    expect(registrationInputSchema.parse(family({ village: "   " })).village).toBeNull();
  });

  it("names a family by a person and the others like units", () => {
    expect(validateRegistrationName("FAMILY", "Nguyễn Văn An 2").ok).toBe(false);
    expect(validateRegistrationName("COMMUNITY", "Thôn 3").ok).toBe(true);
    expect(issues(family({ name: "12345" }))).toEqual(["name:no_letters"]);
    expect(issues(family({ model: "UNIT", name: "Trường THCS Mãn Đức (cơ sở 2)", memberCount: null }))).toEqual([]);
  });

  it("asks a family for its number of members, 1 to 50; optional for the others", () => {
    expect(issues(family({ memberCount: null }))).toEqual(["memberCount:family_members"]);
    expect(issues(family({ memberCount: MAX_FAMILY_MEMBERS + 1 }))).toEqual(["memberCount:family_members"]);
    expect(issues(family({ memberCount: 0 }))).toHaveLength(1);
    expect(issues(family({ memberCount: MAX_FAMILY_MEMBERS }))).toEqual([]);
    expect(issues(family({ model: "CLAN", name: "Dòng họ Nguyễn", memberCount: null }))).toEqual([]);
    expect(issues(family({ model: "CLAN", name: "Dòng họ Nguyễn", memberCount: 320 }))).toEqual([]);
  });

  it("lets only a family be registered as one's own", () => {
    expect(issues(family({ own: true }))).toEqual([]);
    expect(issues(family({ model: "CLAN", name: "Dòng họ Nguyễn", own: true }))).toEqual(["own:family_only"]);
  });

  it("refuses a village over 100 characters, an unknown model and a forged unit id", () => {
    expect(issues(family({ village: "x".repeat(101) }))).toEqual(["village:too_long"]);
    expect(issues({ ...family(), model: "SCHOOL" })).toHaveLength(1);
    expect(issues(family({ unitId: -1 }))).toHaveLength(1);
    expect(issues(family({ year: 1999 }))).toHaveLength(1);
  });
});

describe("answers, reviews, figures", () => {
  it("reads an answer with optional evidence", () => {
    expect(answerInputSchema.safeParse({ itemId: "1.1", value: true }).success).toBe(true);
    expect(answerInputSchema.safeParse({ itemId: "1.1", value: 7, evidence: { note: " có giấy khen ", photoFileId: "AgACAgUAAxk-_1" } }).data?.evidence)
      .toEqual({ note: "có giấy khen", photoFileId: "AgACAgUAAxk-_1" });
    expect(answerInputSchema.safeParse({ itemId: "1.1", value: "yes" }).success).toBe(false);
    expect(answerInputSchema.safeParse({ itemId: "1.1; DROP", value: true }).success).toBe(false);
    expect(answerInputSchema.safeParse({ itemId: "1.1", value: Infinity }).success).toBe(false);
    expect(answerInputSchema.safeParse({ itemId: "1.1", value: 1, evidence: { photoFileId: "bad id!" } }).success).toBe(false);
  });

  it("needs a comment to return or reject, not to approve", () => {
    const seenVersion = new Date("2026-11-29T03:00:00Z").toISOString();
    expect(commentRequired("APPROVED")).toBe(false);
    expect(reviewInputSchema.safeParse({ decision: "APPROVED", comment: null, seenVersion }).success).toBe(true);
    expect(reviewInputSchema.safeParse({ decision: "RETURNED", comment: "  ", seenVersion }).success).toBe(false);
    expect(reviewInputSchema.safeParse({ decision: "REJECTED", comment: null, seenVersion }).success).toBe(false);
    expect(reviewInputSchema.safeParse({ decision: "RETURNED", comment: "Thiếu ảnh", seenVersion }).success).toBe(true);
    expect(reviewInputSchema.safeParse({ decision: "APPROVED", comment: null, seenVersion: "yesterday" }).success).toBe(false);
  });

  it("keeps answers open only before sending and after a return", () => {
    expect(isOpen("IN_PROGRESS")).toBe(true);
    expect(isOpen("RETURNED")).toBe(true);
    for (const s of ["SUBMITTED", "APPROVED", "REJECTED", "RECOGNISED"] as const) expect(isOpen(s)).toBe(false);
  });

  it("gives percentages with one decimal, none of nothing", () => {
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(3, 3)).toBe(100);
    expect(percentOf(0, 0)).toBeNull();
  });
});
