import { describe, expect, it } from "vitest";
import type { LocalDate } from "../../src/domain/dates.ts";
import { MAX_AMOUNT } from "../../src/domain/money.ts";
import {
  checkOpening,
  driveInputSchema,
  MAX_COUNT,
  OPENING_STATUSES,
  openingFiguresSchema,
  RECIPIENT_KINDS,
  reviewInputSchema,
  schoolYearLabel,
  UNUSUAL_OPENING_AMOUNT,
  usesTotal,
  type OpeningFigures,
} from "../../src/domain/piggy-bank.ts";

const ld = (year: number, month: number, day: number): LocalDate => ({ year, month, day });

// A clean opening: 40 banks, 12.500.000 ₫ collected, 12.000.000 ₫ used.
const FIGURES: OpeningFigures = {
  openedOn: "2026-11-20",
  banksOpened: 40,
  amountCollected: 12_500_000,
  scholarshipCount: 5,
  scholarshipAmount: 5_000_000,
  suppliesAmount: 3_000_000,
  fundAmount: 3_500_000,
  otherAmount: 500_000,
  otherNote: "Tặng quà Trung thu",
  photoFileId: null,
};
const CTX = { today: ld(2026, 11, 29), driveStartedOn: ld(2026, 9, 5), banksHandedOut: 100, alreadyOpened: 0 };

describe("constants", () => {
  it("lists the recipient kinds and opening statuses the schema knows", () => {
    expect(RECIPIENT_KINDS).toEqual(["HOUSEHOLD", "PUPIL", "CLASS"]);
    expect(OPENING_STATUSES).toEqual(["SUBMITTED", "NEEDS_CORRECTION", "APPROVED"]);
    expect(UNUSUAL_OPENING_AMOUNT).toBe(1_000_000_000);
  });

  it("labels a school year by its start with an en dash", () => {
    expect(schoolYearLabel(2026)).toBe("2026–2027");
  });
});

describe("usesTotal", () => {
  it("adds scholarships, supplies, the fund and other uses", () => {
    expect(usesTotal(FIGURES)).toBe(12_000_000);
  });
});

describe("checkOpening", () => {
  it("accepts a clean opening with nothing to say", () => {
    expect(checkOpening(FIGURES, CTX)).toEqual({ errors: [], warnings: [], params: { excess: 0, openedTotal: 40 } });
  });

  it("accepts uses exactly equal to the collection, and an opening on the drive's first day or today", () => {
    expect(checkOpening({ ...FIGURES, fundAmount: 4_000_000 }, CTX).errors).toEqual([]);
    expect(checkOpening({ ...FIGURES, openedOn: "2026-09-05" }, CTX).errors).toEqual([]);
    expect(checkOpening({ ...FIGURES, openedOn: "2026-11-29" }, CTX).errors).toEqual([]);
  });

  it("refuses uses larger than the collection and says by how much", () => {
    const check = checkOpening({ ...FIGURES, suppliesAmount: 4_000_000 }, CTX);
    expect(check.errors).toEqual(["uses_exceed_collected"]);
    expect(check.params.excess).toBe(500_000);
  });

  it("refuses a day in the future or before the drive started", () => {
    expect(checkOpening({ ...FIGURES, openedOn: "2026-11-30" }, CTX).errors).toEqual(["date_in_future"]);
    expect(checkOpening({ ...FIGURES, openedOn: "2026-09-04" }, CTX).errors).toEqual(["date_before_drive"]);
  });

  it.each(["", "20/11/2026", "2026-11-31", "2026-1-5", "hôm nay"])("refuses the day %j", (openedOn) => {
    expect(checkOpening({ ...FIGURES, openedOn }, CTX).errors).toEqual(["invalid_date"]);
  });

  it.each<[Partial<OpeningFigures>, string]>([
    [{ amountCollected: -1 }, "negative"],
    [{ banksOpened: -3 }, "negative"],
    [{ scholarshipAmount: 1.5 }, "not_integer"],
    [{ banksOpened: 2.5 }, "not_integer"],
    [{ fundAmount: Number.NaN }, "not_integer"],
    [{ amountCollected: MAX_AMOUNT + 1 }, "too_large"],
    [{ banksOpened: MAX_COUNT + 1 }, "too_large"],
  ])("refuses %o as %s (and judges no uses or warnings on broken numbers)", (change, error) => {
    const check = checkOpening({ ...FIGURES, ...change }, CTX);
    expect(check.errors).toEqual([error]);
    expect(check.warnings).toEqual([]);
  });

  it("refuses scholarship money without a number of scholarships, and other uses without a note", () => {
    expect(checkOpening({ ...FIGURES, scholarshipCount: 0 }, CTX).errors).toEqual(["scholarships_without_count"]);
    expect(checkOpening({ ...FIGURES, otherNote: null }, CTX).errors).toEqual(["other_without_note"]);
    expect(checkOpening({ ...FIGURES, otherNote: "  " }, CTX).errors).toEqual(["other_without_note"]);
    expect(checkOpening({ ...FIGURES, otherAmount: 0, otherNote: null, fundAmount: 4_000_000 }, CTX).errors).toEqual([]);
  });

  it("reports every refusal at once", () => {
    const check = checkOpening({ ...FIGURES, openedOn: "2027-01-01", suppliesAmount: 9_000_000, scholarshipCount: 0 }, CTX);
    expect(check.errors).toEqual(["date_in_future", "uses_exceed_collected", "scholarships_without_count"]);
  });

  it("only warns when more banks are opened than were handed out (banks can be added later)", () => {
    const check = checkOpening({ ...FIGURES, banksOpened: 30 }, { ...CTX, alreadyOpened: 80 });
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual(["opened_more_than_handed_out"]);
    expect(check.params.openedTotal).toBe(110);
    expect(checkOpening({ ...FIGURES, banksOpened: 20 }, { ...CTX, alreadyOpened: 80 }).warnings).toEqual([]);
  });

  it("warns about a collection over one billion đồng", () => {
    const big = { ...FIGURES, amountCollected: UNUSUAL_OPENING_AMOUNT + 1 };
    expect(checkOpening(big, CTX)).toMatchObject({ errors: [], warnings: ["unusual_amount"] });
    expect(checkOpening({ ...FIGURES, amountCollected: UNUSUAL_OPENING_AMOUNT }, CTX).warnings).toEqual([]);
  });
});

describe("openingFiguresSchema", () => {
  it("accepts clean figures and tidies the note (NFC, blanks; empty is none)", () => {
    expect(openingFiguresSchema.parse(FIGURES)).toEqual(FIGURES);
    const decomposed = "Tặng quà".normalize("NFD");
    expect(openingFiguresSchema.parse({ ...FIGURES, otherNote: `  ${decomposed}   Trung thu ` }).otherNote).toBe("Tặng quà Trung thu");
    expect(openingFiguresSchema.parse({ ...FIGURES, otherNote: "   " }).otherNote).toBeNull();
  });

  it.each<[string, Record<string, unknown>]>([
    ["a negative amount", { amountCollected: -5 }],
    ["a fractional amount", { amountCollected: 1.5 }],
    ["an amount as text", { amountCollected: "1.500.000" }],
    ["a fractional count", { banksOpened: 0.5 }],
    ["a count beyond the maximum", { scholarshipCount: MAX_COUNT + 1 }],
    ["an amount beyond the maximum", { fundAmount: MAX_AMOUNT + 1 }],
    ["an impossible day", { openedOn: "2026-02-30" }],
    ["a day as people type it", { openedOn: "20/11/2026" }],
    ["a missing field", { otherAmount: undefined }],
    ["a malformed file id", { photoFileId: "../etc/passwd" }],
    ["a note of 501 characters", { otherNote: "a".repeat(501) }],
  ])("refuses %s", (_label, change) => {
    expect(openingFiguresSchema.safeParse({ ...FIGURES, ...change }).success).toBe(false);
  });
});

describe("driveInputSchema", () => {
  const drive = { unitId: 3, schoolYear: 2026, recipientKind: "PUPIL", banksHandedOut: 120, note: null };

  it("accepts a drive, no banks yet included", () => {
    expect(driveInputSchema.parse(drive)).toEqual(drive);
    expect(driveInputSchema.parse({ ...drive, banksHandedOut: 0 }).banksHandedOut).toBe(0);
  });

  it.each<[string, Record<string, unknown>]>([
    ["an unknown recipient kind", { recipientKind: "SCHOOL" }],
    ["negative banks", { banksHandedOut: -1 }],
    ["fractional banks", { banksHandedOut: 1.5 }],
    ["a school year out of range", { schoolYear: 1999 }],
    ["a school year written as a label", { schoolYear: "2026–2027" }],
    ["a forged unit id", { unitId: -4 }],
  ])("refuses %s", (_label, change) => {
    expect(driveInputSchema.safeParse({ ...drive, ...change }).success).toBe(false);
  });
});

describe("reviewInputSchema", () => {
  const review = { decision: "APPROVED", comment: null, seenVersion: "2026-11-29T03:00:00.000Z" };

  it("accepts a decision with the version seen", () => {
    expect(reviewInputSchema.parse(review)).toEqual(review);
  });

  it.each(["", "yesterday", "2026-11-29", "2026-11-29T03:00:00Z"])("refuses the version %j (not an ISO time as views give it)", (seenVersion) => {
    expect(reviewInputSchema.safeParse({ ...review, seenVersion }).success).toBe(false);
  });

  it("refuses an unknown decision", () => {
    expect(reviewInputSchema.safeParse({ ...review, decision: "REJECTED" }).success).toBe(false);
  });
});
