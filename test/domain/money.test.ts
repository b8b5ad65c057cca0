import { describe, expect, it } from "vitest";
import { formatAmount, MAX_AMOUNT, parseAmount, parseCount, readAsMillions } from "../../src/domain/money.ts";

const nfd = (s: string) => s.normalize("NFD");

describe("parseAmount: accepted inputs", () => {
  it.each<[string, number]>([
    // plain and grouped
    ["0", 0],
    ["0đ", 0],
    ["1500000", 1_500_000],
    ["1.500.000", 1_500_000],
    ["1.500", 1_500],
    ["1 500 000", 1_500_000],
    ["1\u00a0500\u00a0000", 1_500_000],
    ["  1.500.000  ", 1_500_000],
    ["1.000.000.000", 1_000_000_000],
    ["1,0", 1],
    // currency suffixes, any case
    ["1.500.000đ", 1_500_000],
    ["1.500.000 đ", 1_500_000],
    ["1.500.000 Đ", 1_500_000],
    ["1.500.000 ₫", 1_500_000],
    ["1.500.000₫", 1_500_000],
    ["1.500.000 VND", 1_500_000],
    ["1.500.000vnd", 1_500_000],
    ["1.500.000 VNĐ", 1_500_000],
    ["1.500.000 đồng", 1_500_000],
    ["1.500.000 dong", 1_500_000],
    // triệu
    ["1,5 triệu", 1_500_000],
    ["1,5 trieu", 1_500_000],
    ["1,5 TRIỆU", 1_500_000],
    ["1,5triệu", 1_500_000],
    ["1,5tr", 1_500_000],
    ["1,5 tr", 1_500_000],
    ["1,25 tr", 1_250_000],
    ["1,234567 tr", 1_234_567],
    ["1tr", 1_000_000],
    ["1TR", 1_000_000],
    ["1tr5", 1_500_000],
    ["1tr05", 1_050_000],
    ["1tr25", 1_250_000],
    ["1tr250", 1_250_000],
    ["1 tr 5", 1_500_000],
    ["1 triệu 5", 1_500_000],
    ["15tr", 15_000_000],
    ["1,5 triệu đồng", 1_500_000],
    ["1tr5đ", 1_500_000],
    ["1.500 tr", 1_500_000_000], // three digits after the dot: thousands, not decimals
    // a dot with 1–2 digits before a multiplier word is a decimal point
    ["1.5 triệu", 1_500_000],
    ["1.5tr", 1_500_000],
    ["1.25tr", 1_250_000],
    ["2.5 tỷ", 2_500_000_000],
    // tỷ
    ["2 tỷ", 2_000_000_000],
    ["2 tỉ", 2_000_000_000],
    ["2 ty", 2_000_000_000],
    ["2 ti", 2_000_000_000],
    ["2 TỶ", 2_000_000_000],
    ["2,5 tỷ", 2_500_000_000],
    ["1ty2", 1_200_000_000],
    ["1tỷ2", 1_200_000_000],
    ["1 tỷ 200 triệu", 1_200_000_000],
    ["1 tỷ 200 triệu 500 nghìn", 1_200_500_000],
    // nghìn / k
    ["500k", 500_000],
    ["500K", 500_000],
    ["500 k", 500_000],
    ["500 nghìn", 500_000],
    ["500 nghin", 500_000],
    ["500 ngàn", 500_000],
    ["500 ngan", 500_000],
    ["500 ng", 500_000],
    ["500 nghìn đồng", 500_000],
    ["500kđ", 500_000],
    ["1,5k", 1_500],
    ["1k5", 1_500],
    ["2.500k", 2_500_000],
    ["1tr500k", 1_500_000],
    ["1tr500", 1_500_000],
    ["0 tr", 0],
    // decomposed (NFD) diacritics, e.g. from some macOS/iOS keyboards
    [nfd("1,5 triệu"), 1_500_000],
    [nfd("2 tỷ"), 2_000_000_000],
    [nfd("500 nghìn đồng"), 500_000],
    [nfd("1.500.000 đ"), 1_500_000],
    // limits
    ["1.000.000 tỷ", MAX_AMOUNT],
    ["1000000000000000", MAX_AMOUNT],
    ["-0", 0],
  ])("%j → %d", (input, value) => {
    expect(parseAmount(input)).toEqual({ ok: true, value });
  });
});

describe("parseAmount: rejected inputs", () => {
  it.each<[string, string]>([
    ["", "empty"],
    ["   ", "empty"],
    ["\n\t", "empty"],
    ["abc", "invalid"],
    ["đ", "invalid"],
    ["tr", "invalid"],
    ["tr5", "invalid"],
    ["1..5", "invalid"],
    ["1,5,5", "invalid"],
    ["--1", "invalid"],
    ["1-5", "invalid"],
    ["+5", "invalid"],
    ["1tr5tr", "invalid"],
    ["1k5tr", "invalid"],
    ["1 triệu 2 tỷ", "invalid"],
    ["1 tỷ 2000 triệu", "invalid"], // the later part must be smaller than a tỷ
    ["1.5", "invalid"], // without a unit the dot only groups thousands
    ["1.50", "invalid"],
    ["1.5000", "invalid"],
    ["15.00.000", "invalid"],
    ["1500.000", "invalid"],
    ["1.500 000", "invalid"], // mixed group separators
    ["1 5", "invalid"],
    ["1,500,000", "invalid"], // English grouping; the comma is the decimal mark here
    ["1tr5000000", "invalid"], // more trailing digits than the unit has zeros
    ["1,5tr5", "invalid"],
    ["1.5tr5", "invalid"],
    ["1trr", "invalid"],
    ["500 nghìnn", "invalid"],
    ["5 triệu rưỡi", "invalid"],
    ["1e6", "invalid"],
    ["0x10", "invalid"],
    ["Infinity", "invalid"],
    ["NaN", "invalid"],
    ["1,5", "fraction"],
    ["1.500,50", "fraction"],
    ["1,5 đ", "fraction"],
    ["1,0005k", "fraction"],
    ["1,2345678 tr", "fraction"],
    ["-5", "negative"],
    ["-1.500.000", "negative"],
    ["-1,5tr", "negative"],
    ["−5", "negative"], // U+2212 minus sign
    ["- 500k", "negative"],
    ["1000000000000001", "too_large"],
    ["1.000.001 tỷ", "too_large"],
    ["99999999999999999999999 tỷ", "too_large"],
  ])("%j → %s", (input, error) => {
    expect(parseAmount(input)).toEqual({ ok: false, error });
  });
});

describe("formatAmount", () => {
  it.each<[number, "vi" | "en", string]>([
    [0, "vi", "0 ₫"],
    [5, "vi", "5 ₫"],
    [999, "vi", "999 ₫"],
    [1_000, "vi", "1.000 ₫"],
    [1_500_000, "vi", "1.500.000 ₫"],
    [1_200_000_000, "vi", "1.200.000.000 ₫"],
    [-1_500_000, "vi", "-1.500.000 ₫"],
    [0, "en", "0 VND"],
    [1_500_000, "en", "1,500,000 VND"],
    [MAX_AMOUNT, "en", "1,000,000,000,000,000 VND"],
    [1499.6, "vi", "1.500 ₫"],
  ])("%d (%s) → %j", (value, locale, text) => {
    expect(formatAmount(value, locale)).toBe(text);
  });

  it("uses an ordinary space, never NBSP or narrow NBSP", () => {
    expect(formatAmount(1_500_000, "vi")).not.toMatch(/[\u00a0\u202f]/);
    expect(formatAmount(1_500_000, "en")).not.toMatch(/[\u00a0\u202f]/);
  });

  it("round-trips through parseAmount (vi)", () => {
    for (const v of [0, 7, 1_000, 1_500_000, 987_654_321, MAX_AMOUNT]) {
      expect(parseAmount(formatAmount(v, "vi"))).toEqual({ ok: true, value: v });
    }
  });

  it("rejects non-finite numbers", () => {
    expect(() => formatAmount(Number.NaN, "vi")).toThrow(RangeError);
    expect(() => formatAmount(Number.POSITIVE_INFINITY, "en")).toThrow(RangeError);
  });
});

describe("parseCount", () => {
  it.each<[string, number]>([
    ["0", 0],
    ["12", 12],
    [" 12 ", 12],
    ["1234", 1_234],
    ["1.234", 1_234],
    ["1 234", 1_234],
    ["1.234.567", 1_234_567],
    ["1,0", 1],
    ["007", 7],
  ])("%j → %d", (input, value) => {
    expect(parseCount(input)).toEqual({ ok: true, value });
  });

  it.each<[string, string]>([
    ["", "empty"],
    ["  ", "empty"],
    ["abc", "invalid"],
    ["12 người", "invalid"],
    ["5k", "invalid"], // multiplier words are for money only
    ["1tr", "invalid"],
    ["1.5", "invalid"],
    ["1.2345", "invalid"],
    ["1..2", "invalid"],
    ["--1", "invalid"],
    ["1,5", "fraction"],
    ["-3", "negative"],
    ["-1.234", "negative"],
    ["1000000000000001", "too_large"],
  ])("%j → %s", (input, error) => {
    expect(parseCount(input)).toEqual({ ok: false, error });
  });
});

describe("readAsMillions", () => {
  it.each([
    ["1,5", 1_500_000],
    [" 2 ", 2_000_000],
    ["0,25", 250_000],
  ])("%j → %d", (input, expected) => {
    expect(readAsMillions(input)).toEqual({ ok: true, value: expected });
  });

  it("refuses what is not a number", () => {
    expect(readAsMillions("abc").ok).toBe(false);
  });
});

describe("English grouping (the bot shows English amounts as 1,500,000 VND)", () => {
  it.each([
    ["1,500,000", 1_500_000],
    ["1,500,000 VND", 1_500_000],
    ["2,000,000đ", 2_000_000],
    ["12,345", 12_345],
    ["1.500.000", 1_500_000],
    ["1,5 triệu", 1_500_000],
  ])("en: %j → %d", (input, expected) => {
    expect(parseAmount(input, "en")).toEqual({ ok: true, value: expected });
  });

  it("keeps the Vietnamese reading where commas are not groups of three", () => {
    expect(parseAmount("1,5", "en")).toEqual({ ok: false, error: "fraction" });
    expect(parseAmount("1,50", "en")).toEqual({ ok: false, error: "fraction" });
  });

  it("Vietnamese is unchanged: a comma is the decimal mark", () => {
    expect(parseAmount("1,500,000", "vi").ok).toBe(false);
    expect(parseAmount("1,500", "vi")).toEqual({ ok: false, error: "fraction" });
    expect(parseCount("1,234", "vi")).toEqual({ ok: false, error: "fraction" });
    expect(parseCount("1,234", "en")).toEqual({ ok: true, value: 1_234 });
  });
});

describe("English multiplier words", () => {
  it.each([
    ["1.5 million", 1_500_000],
    ["1,5 million", 1_500_000],
    ["500 thousand", 500_000],
    ["2 billion", 2_000_000_000],
    ["2bn", 2_000_000_000],
    ["1.5m", 1_500_000],
    ["3 mil", 3_000_000],
  ])("%j → %d", (input, expected) => {
    expect(parseAmount(input, "en")).toEqual({ ok: true, value: expected });
  });
});
