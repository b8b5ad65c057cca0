import { describe, expect, it } from "vitest";
import {
  initials,
  normalizePhone,
  normalizeText,
  searchKey,
  validatePersonName,
  validateUnitName,
} from "../../src/domain/text.ts";

const nfd = (s: string) => s.normalize("NFD");

describe("normalizeText", () => {
  it.each<[string, string]>([
    ["  Tân   Lạc  ", "Tân Lạc"],
    ["a\t\nb", "a b"],
    ["a\u00a0b", "a b"],
    [nfd("Nguyễn Thị Hương"), "Nguyễn Thị Hương"],
    ["tan\u0000lac\u0000", "tanlac"],
    ["", ""],
  ])("%j → %j", (input, out) => {
    expect(normalizeText(input)).toBe(out);
    expect(normalizeText(input)).toBe(normalizeText(input).normalize("NFC"));
  });
});

describe("searchKey", () => {
  it.each<[string, string]>([
    ["Tân Lạc", "tan lac"],
    ["TÂN  LẠC", "tan lac"],
    ["tan lac", "tan lac"],
    [nfd("Tân Lạc"), "tan lac"],
    ["Bùi Trọng Đắc", "bui trong dac"],
    ["ĐỒNG THÁP", "dong thap"],
    ["đường", "duong"],
    ["Nguyễn Thị Hương", "nguyen thi huong"],
    ["Ưu Ơ Ă Â Ê Ô", "uu o a a e o"],
    ["Hòa Bình", "hoa binh"],
    ["Hoà Bình", "hoa binh"], // old-style tone placement gives the same key
    ["  Kim   Bôi ", "kim boi"],
  ])("%j → %j", (input, key) => {
    expect(searchKey(input)).toBe(key);
  });

  it("matches across case, spacing and diacritics", () => {
    expect(searchKey("Tân Lạc")).toBe(searchKey("tan lac"));
    expect(searchKey("TÂN  LẠC")).toBe(searchKey("tan lac"));
  });
});

describe("validatePersonName", () => {
  const names = [
    "Nguyễn Thị Hương",
    "Bùi Trọng Đắc",
    "H'Hen Niê",
    "Y Ngông Niê Kdăm",
    "Lê Văn Tám",
    "Phạm Thị Thu Hà",
    "Nguyễn T. Hương",
    "Trần-Lê Minh",
    "Ksor H’Bia", // typographic apostrophe, as phones insert it
    "An",
  ];

  it.each(names)("accepts %j and returns it unchanged (NFC)", (name) => {
    const r = validatePersonName(name);
    expect(r).toEqual({ ok: true, value: name });
    if (r.ok) expect(Buffer.from(r.value, "utf8").equals(Buffer.from(name, "utf8"))).toBe(true);
  });

  it.each(names)("NFD %j comes back as NFC", (name) => {
    expect(validatePersonName(nfd(name))).toEqual({ ok: true, value: name });
  });

  it.each<[string, string]>([
    ["  Nguyễn Thị Hương  ", "Nguyễn Thị Hương"],
    ["Nguyễn   Thị  Hương", "Nguyễn Thị Hương"],
    ["Nguyễn\u00a0Thị Hương", "Nguyễn Thị Hương"],
  ])("tidies %j", (input, value) => {
    expect(validatePersonName(input)).toEqual({ ok: true, value });
  });

  it("accepts exactly 100 characters and rejects 101", () => {
    const hundred = "Hương ".repeat(16) + "Hươn"; // 96 + 4
    expect([...hundred].length).toBe(100);
    expect(validatePersonName(hundred).ok).toBe(true);
    expect(validatePersonName(hundred + "g")).toEqual({ ok: false, error: "too_long" });
  });

  it.each<[string, string]>([
    ["", "empty"],
    ["   ", "empty"],
    ["\n", "empty"],
    ["a".repeat(500), "too_long"],
    ["Nguyễn ".repeat(72), "too_long"],
    ["A", "no_letters"],
    ["😀", "no_letters"],
    ["😀😀😀", "no_letters"],
    ["👨‍👩‍👧", "no_letters"],
    ["...", "no_letters"],
    ["--- ''", "no_letters"],
    ["12345", "no_letters"],
    ["1 a", "no_letters"],
    ["Nguyễn Văn 😀", "invalid_characters"],
    ["Hương🌸", "invalid_characters"],
    ["Nguyễn Văn 2", "invalid_characters"],
    ["Nguyễn\nVăn A", "invalid_characters"], // probably several names pasted at once
    ["Nguyễn\tVăn", "invalid_characters"],
    ["Nguyễn\u0000Văn", "invalid_characters"],
    ["Nguyễn\u200bVăn", "invalid_characters"], // zero-width space
    ["Nguyễn\u202eVăn", "invalid_characters"], // right-to-left override
    ["Nguyễn <b>Văn</b>", "invalid_characters"],
    ["Nguyễn_Văn", "invalid_characters"],
    ["Nguyễn (Văn)", "invalid_characters"],
    ["@nguyenvan", "invalid_characters"],
  ])("%j → %s", (input, error) => {
    expect(validatePersonName(input)).toEqual({ ok: false, error });
  });
});

describe("validateUnitName", () => {
  it.each([
    "Chi hội thôn 3",
    "Trường THCS Kim Bôi (cũ)",
    "Hội Khuyến học xã Tân Lạc",
    "Chi hội Khuyến học Tổ dân phố số 5, phường 2",
    "Ban đại diện Hội Khuyến học - huyện Kim Bôi",
    "Trường TH&THCS Hợp Đồng",
    "Quỹ “Ánh sáng học đường”",
    "Thôn 1/2",
    "CLB: Gia đình học tập",
    "Tổ 3",
  ])("accepts %j unchanged", (name) => {
    expect(validateUnitName(name)).toEqual({ ok: true, value: name });
    expect(validateUnitName(nfd(name))).toEqual({ ok: true, value: name });
  });

  it("trims and collapses spaces", () => {
    expect(validateUnitName("  Chi hội   thôn 3 ")).toEqual({ ok: true, value: "Chi hội thôn 3" });
  });

  it("accepts 150 characters and rejects 151", () => {
    const name = "Chi hội ".repeat(18) + "thôn 3"; // 144 + 6
    expect([...name].length).toBe(150);
    expect(validateUnitName(name).ok).toBe(true);
    expect(validateUnitName(name + "4")).toEqual({ ok: false, error: "too_long" });
  });

  it.each<[string, string]>([
    ["", "empty"],
    ["  ", "empty"],
    ["x".repeat(500), "too_long"],
    ["A", "no_letters"],
    ["3", "no_letters"],
    ["123 456", "no_letters"],
    ["🏫🏫", "no_letters"],
    ["(-)", "no_letters"],
    ["Trường 🏫 Kim Bôi", "invalid_characters"],
    ["Chi hội\nthôn 3", "invalid_characters"],
    ["Chi hội\u0007thôn 3", "invalid_characters"],
    ["Chi hội <script>", "invalid_characters"],
    ["Chi hội thôn 3 ★", "invalid_characters"],
  ])("%j → %s", (input, error) => {
    expect(validateUnitName(input)).toEqual({ ok: false, error });
  });
});

describe("initials", () => {
  it.each<[string, string]>([
    ["Nguyễn Thị Hương", "N.T.H."],
    ["Bùi Trọng Đắc", "B.T.Đ."],
    ["nguyễn thị hương", "N.T.H."],
    ["Ánh", "Á."],
    ["Ưng Hoàng Phúc", "Ư.H.P."],
    ["H'Hen Niê", "H.N."],
    ["  Lê   Văn  Tám ", "L.V.T."],
    [nfd("Đặng Ánh"), "Đ.Á."],
    ["", ""],
  ])("%j → %j", (name, out) => {
    expect(initials(name)).toBe(out);
  });
});

describe("normalizePhone", () => {
  it.each([
    ["0912345678", "0912345678"],
    ["0912 345 678", "0912345678"],
    ["091.234.5678", "0912345678"],
    ["+84 912 345 678", "0912345678"],
    ["84912345678", "0912345678"],
    ["(024) 3826 1234", "02438261234"],
  ])("%s → %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(["", "12345", "abc", "+1 202 555 0100", "09123456789012"])("rejects %j", (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});
