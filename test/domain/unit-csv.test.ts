import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import {
  MAX_ERRORS,
  MAX_ROWS,
  UNIT_KINDS,
  UnsupportedEncodingError,
  decodeCsvBytes,
  parseUnitKind,
  planUnitImport,
  type ImportError,
  type PlannedUnit,
  type UnitImportPlan,
} from "../../src/domain/unit-csv.ts";
import { encodeWindows1258 } from "../helpers/encoding.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

function expectOk(plan: UnitImportPlan): PlannedUnit[] {
  if (!plan.ok) throw new Error(`expected ok plan, got ${JSON.stringify(plan.errors)}`);
  return plan.rows;
}

function expectErrors(plan: UnitImportPlan): ImportError[] {
  if (plan.ok) throw new Error("expected the plan to fail");
  return plan.errors;
}

/** Every in-file parent comes before its child. */
function expectTopological(rows: PlannedUnit[]) {
  const position = new Map(rows.map((r, i) => [r.code, i]));
  for (const [i, row] of rows.entries()) {
    const p = row.parentCode === null ? undefined : position.get(row.parentCode);
    if (p !== undefined) expect(p, `${row.parentCode} before ${row.code}`).toBeLessThan(i);
  }
}

describe("planUnitImport: valid files", () => {
  it("orders parents before children even when the file lists children first", () => {
    const plan = planUnitImport(
      utf8(
        [
          "code,name,kind,parent_code",
          "B1,Chi hội xóm Đồi,branch,C1",
          "C1,Xã Mãn Đức,Commune,D1",
          "D1,Huyện Tân Lạc,DISTRICT,P1",
          "S1,Trường THPT Tân Lạc,school_committee,D1",
          "P1,Tỉnh Hòa Bình,province,",
          "A1,Cơ quan BHXH,agency_committee,D1",
        ].join("\n"),
      ),
      [],
    );
    const rows = expectOk(plan);
    expect(plan.ok && plan.encoding).toBe("utf-8");
    expect(rows.map((r) => r.code)).toEqual(["P1", "D1", "C1", "S1", "A1", "B1"]);
    expectTopological(rows);
    expect(rows[0]).toEqual({
      line: 6,
      code: "P1",
      name: "Tỉnh Hòa Bình",
      kind: "PROVINCE",
      parentCode: null,
      parentExistingId: null,
      existingId: null,
    });
    expect(rows.find((r) => r.code === "B1")).toMatchObject({ line: 2, kind: "BRANCH", parentCode: "C1" });
    expect(rows.map((r) => r.kind).sort()).toEqual([...UNIT_KINDS].sort());
  });

  it("accepts semicolons, CRLF, quoted fields and Excel's blank ';;;' rows", () => {
    const text = 'code;name;kind;parent_code\r\nP1;"Tỉnh Hòa Bình; ví dụ";province;\r\n;;;\r\n\r\nD1;Huyện Tân Lạc;district;P1\r\n';
    const rows = expectOk(planUnitImport(utf8(text), []));
    expect(rows.map((r) => [r.line, r.code, r.name])).toEqual([
      [2, "P1", "Tỉnh Hòa Bình; ví dụ"],
      [5, "D1", "Huyện Tân Lạc"],
    ]);
  });

  it("tolerates stray quotes, doubled quotes and spaces around quoted fields", () => {
    const text = 'code,name,kind,parent_code\nS1,Trường "Nguyễn Du",school,\nS2,"Trường ""Lê Lợi""",school,\nS3, "Trường Kim Đồng" ,school,\n';
    expect(expectOk(planUnitImport(utf8(text), [])).map((r) => r.name)).toEqual([
      'Trường "Nguyễn Du"',
      'Trường "Lê Lợi"',
      "Trường Kim Đồng",
    ]);
  });

  it("honours an Excel 'sep=' first line", () => {
    const rows = expectOk(planUnitImport(utf8("sep=;\ncode;name;kind;parent_code\nP1;Tỉnh A, B;tinh;\n"), []));
    expect(rows).toMatchObject([{ line: 3, name: "Tỉnh A, B" }]);
  });

  it("accepts Vietnamese headers and kinds, with or without accents", () => {
    const text = [
      "Mã;Tên đơn vị;Loại;Mã cấp trên",
      "HB;Tỉnh Hòa Bình;Tỉnh;",
      "TL;Huyện Tân Lạc;huyen;HB",
      "TPHB;Thành phố Hòa Bình;Thành phố;HB",
      "MD;Xã Mãn Đức;XÃ;TL",
      "PP;Phường Phương Lâm;phuong;TPHB",
      "CH1;Chi hội xóm Đồi;Chi hội;MD",
      "CH2;Chi hội xóm Bưng;chi hoi;MD",
      "T1;Trường THPT Tân Lạc;Ban khuyến học trường;TL",
      "T2;Trường TH Mãn Đức;truong;MD",
      "CQ;Ban khuyến học Công an huyện;Cơ quan;TL",
      "CQ2;Ban khuyến học Kho bạc;co quan;TL",
      "XA2;Xã Phong Phú;Hội Khuyến học xã;TL",
    ].join("\n");
    const rows = expectOk(planUnitImport(utf8(text), []));
    const kinds = Object.fromEntries(rows.map((r) => [r.code, r.kind]));
    expect(kinds).toEqual({
      HB: "PROVINCE",
      TL: "DISTRICT",
      TPHB: "DISTRICT",
      MD: "COMMUNE",
      PP: "COMMUNE",
      CH1: "BRANCH",
      CH2: "BRANCH",
      T1: "SCHOOL_COMMITTEE",
      T2: "SCHOOL_COMMITTEE",
      CQ: "AGENCY_COMMITTEE",
      CQ2: "AGENCY_COMMITTEE",
      XA2: "COMMUNE",
    });
    expectTopological(rows);
  });

  it("accepts ascii Vietnamese headers (ma,ten,loai,ma_cap_tren)", () => {
    const rows = expectOk(planUnitImport(utf8("ma,ten,loai,ma_cap_tren\nHB,Hoa Binh,tinh,\n"), []));
    expect(rows).toMatchObject([{ code: "HB", kind: "PROVINCE" }]);
  });

  it("strips a UTF-8 BOM so the first header is recognised", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("code,name,kind,parent_code\nP1,Tỉnh Hòa Bình,tỉnh,\n")]);
    const plan = planUnitImport(bytes, []);
    expect(expectOk(plan)).toMatchObject([{ code: "P1", name: "Tỉnh Hòa Bình" }]);
    expect(plan.ok && plan.encoding).toBe("utf-8-bom");
  });

  it("decodes Windows-1258 files into NFC names", () => {
    const names = ["Tỉnh Hòa Bình", "Huyện Tân Lạc", "Xã Mường Khến", "Chi hội xóm Đồi Ngọc Sơn"];
    const text = [
      "mã,tên,loại,mã cấp trên",
      `P1,${names[0]},tỉnh,`,
      `D1,${names[1]},huyện,P1`,
      `C1,${names[2]},xã,D1`,
      `B1,${names[3]},chi hội,C1`,
    ].join("\r\n");
    const plan = planUnitImport(encodeWindows1258(text), []);
    const rows = expectOk(plan);
    expect(plan.ok && plan.encoding).toBe("windows-1258");
    expect(rows.map((r) => r.name)).toEqual(names.map((n) => n.normalize("NFC")));
    expect(rows.map((r) => r.kind)).toEqual(["PROVINCE", "DISTRICT", "COMMUNE", "BRANCH"]);
  });

  it("links to a parent that already exists and flags rows that update existing units", () => {
    const text = "code,name,kind,parent_code\nTL-MD,Xã Mãn Đức,xa,TL\nTL,Huyện Tân Lạc (mới),huyen,HB\n";
    const rows = expectOk(planUnitImport(utf8(text), [{ code: "HB", id: 7 }, { code: "TL", id: 12 }]));
    expect(rows).toEqual([
      { line: 3, code: "TL", name: "Huyện Tân Lạc (mới)", kind: "DISTRICT", parentCode: "HB", parentExistingId: 7, existingId: 12 },
      { line: 2, code: "TL-MD", name: "Xã Mãn Đức", kind: "COMMUNE", parentCode: "TL", parentExistingId: 12, existingId: null },
    ]);
  });

  it("normalises names: NFC, trimmed, inner whitespace collapsed", () => {
    const text = "code,name,kind,parent_code\n  P1 ,  " + "Tỉnh  Hòa Bình".normalize("NFD") + "  ,province,\n";
    expect(expectOk(planUnitImport(utf8(text), []))).toMatchObject([{ code: "P1", name: "Tỉnh Hòa Bình" }]);
  });

  it("plans the example fixture", () => {
    const bytes = readFileSync(new URL("../fixtures/units-example.csv", import.meta.url));
    const rows = expectOk(planUnitImport(bytes, []));
    expectTopological(rows);
    expect(rows[0]).toMatchObject({ code: "HB", name: "Tỉnh Hòa Bình (ví dụ)", kind: "PROVINCE", parentCode: null });
    expect(rows.filter((r) => r.kind === "DISTRICT")).toHaveLength(3);
    for (const kind of ["COMMUNE", "BRANCH", "SCHOOL_COMMITTEE"] as const) {
      expect(rows.some((r) => r.kind === kind)).toBe(true);
    }
  });
});

describe("planUnitImport: errors", () => {
  const header = "code,name,kind,parent_code";
  const plan = (...lines: string[]) => planUnitImport(utf8([header, ...lines].join("\n")), []);

  it("reports a missing parent", () => {
    expect(expectErrors(plan("P1,Tỉnh A,province,", "D1,Huyện B,district,X9"))).toEqual([
      { line: 3, code: "missing_parent", params: { code: "D1", parent: "X9" } },
    ]);
  });

  it("reports a two-row cycle once, starting at its first line", () => {
    expect(expectErrors(plan("A,Đơn vị A,district,B", "B,Đơn vị B,district,A", "C,Đơn vị C,commune,A"))).toEqual([
      { line: 2, code: "cycle", params: { codes: "A → B → A" } },
    ]);
  });

  it("reports a longer cycle", () => {
    expect(expectErrors(plan("X,Xã X,commune,Y", "Z,Xã Z,commune,X", "Y,Xã Y,commune,Z"))).toEqual([
      { line: 2, code: "cycle", params: { codes: "X → Y → Z → X" } },
    ]);
  });

  it("reports a self-parent as a cycle", () => {
    expect(expectErrors(plan("P1,Tỉnh A,province,", "A,Huyện A,district,A"))).toEqual([
      { line: 3, code: "cycle", params: { codes: "A → A" } },
    ]);
  });

  it("reports a duplicate code with the line of its first use", () => {
    expect(expectErrors(plan("P1,Tỉnh A,province,", "D1,Huyện B,district,P1", "D1,Huyện C,district,P1"))).toEqual([
      { line: 4, code: "duplicate_code", params: { code: "D1", firstLine: 3 } },
    ]);
  });

  it("reports an unknown kind", () => {
    expect(expectErrors(plan("P1,Tỉnh A,vùng,"))).toEqual([{ line: 2, code: "unknown_kind", params: { kind: "vùng" } }]);
  });

  it("reports every missing column", () => {
    const errors = expectErrors(planUnitImport(utf8("code,ten\nP1,Tỉnh A\n"), []));
    expect(errors).toEqual([
      { line: 1, code: "missing_column", params: { column: "kind" } },
      { line: 1, code: "missing_column", params: { column: "parent_code" } },
    ]);
  });

  it("reports an empty file (no bytes, blank lines, header only)", () => {
    for (const bytes of [new Uint8Array(), utf8("\n \r\n\n"), utf8(`${header}\n\n`)]) {
      expect(expectErrors(planUnitImport(bytes, []))).toEqual([{ line: null, code: "empty_file", params: {} }]);
    }
  });

  it("rejects UTF-16 (both byte orders), xlsx and binary files", () => {
    const text = `${header}\nP1,Tỉnh A,province,\n`;
    const cases: [Uint8Array, string][] = [
      [iconv.encode(text, "utf16le", { addBOM: true }), "utf-16le"],
      [iconv.encode(text, "utf16be", { addBOM: true }), "utf-16be"],
      [iconv.encode(text, "utf16le"), "binary"], // BOM-less UTF-16: NUL bytes
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), "zip"],
    ];
    for (const [bytes, encoding] of cases) {
      const result = planUnitImport(bytes, []);
      expect(result).toEqual({
        ok: false,
        errors: [{ line: null, code: "unsupported_encoding", params: { encoding } }],
        totalErrors: 1,
      });
    }
  });

  it("reports all problems together, sorted, with file line numbers", () => {
    const text = [
      header, //                                   1
      "P1,Tỉnh A,province,", //                    2
      "", //                                       3 (blank, skipped)
      'D1,"Huyện\nhai dòng",district,P1', //       4–5
      "D1,Huyện trùng,district,P1", //             6 duplicate
      "C1,X,commune,D9", //                        7 short name + missing parent
      "bad code!,Xã B,commune,D1", //              8 bad code
      ",Xã C,huyện lỵ,D1", //                      9 missing code + unknown kind
      "C2,,commune,D1", //                         10 missing name
      `C3,${"x".repeat(151)},commune,D1`, //       11 long name
      "C4,Xã D,,bad/parent", //                    12 missing kind + bad parent code
      "E1,Xã E,commune,E2", //                     13 cycle
      "E2,Xã F,commune,E1", //                     14
    ].join("\n");
    const result = planUnitImport(utf8(text), []);
    expect(expectErrors(result)).toEqual([
      { line: 6, code: "duplicate_code", params: { code: "D1", firstLine: 4 } },
      { line: 7, code: "name_too_short", params: { min: 2, length: 1 } },
      { line: 7, code: "missing_parent", params: { code: "C1", parent: "D9" } },
      { line: 8, code: "bad_code", params: { column: "code", code: "bad code!" } },
      { line: 9, code: "missing_value", params: { column: "code" } },
      { line: 9, code: "unknown_kind", params: { kind: "huyện lỵ" } },
      { line: 10, code: "missing_value", params: { column: "name" } },
      { line: 11, code: "name_too_long", params: { max: 150, length: 151 } },
      { line: 12, code: "missing_value", params: { column: "kind" } },
      { line: 12, code: "bad_code", params: { column: "parent_code", code: "bad/parent" } },
      { line: 13, code: "cycle", params: { codes: "E1 → E2 → E1" } },
    ]);
    expect(result).toMatchObject({ encoding: "utf-8", totalErrors: 11 });
  });

  it(`caps the list at ${MAX_ERRORS} errors but counts them all`, () => {
    const rows = Array.from({ length: 80 }, (_, i) => `C${i},Xã ${i},commune,NOPE`);
    const result = plan(...rows);
    expect(expectErrors(result)).toHaveLength(MAX_ERRORS);
    expect(result).toMatchObject({ totalErrors: 80 });
  });

  it(`rejects more than ${MAX_ROWS} rows`, () => {
    const rows = Array.from({ length: MAX_ROWS + 1 }, (_, i) => `C${i},Xã ${i},commune,`);
    expect(expectErrors(plan(...rows))).toEqual([
      { line: null, code: "too_many_rows", params: { max: MAX_ROWS, count: MAX_ROWS + 1 } },
    ]);
  });

  it("handles a deep chain without recursion limits", () => {
    const rows = Array.from({ length: MAX_ROWS }, (_, i) => `U${i},Đơn vị ${i},branch,${i === 0 ? "" : `U${i - 1}`}`);
    const planned = expectOk(plan(...rows.reverse()));
    expect(planned[0]!.code).toBe("U0");
    expect(planned.at(-1)!.code).toBe(`U${MAX_ROWS - 1}`);
  });

  it("reports malformed CSV (unclosed quote)", () => {
    expect(expectErrors(plan("P1,Tỉnh A,province,", 'D1,"Huyện B,district,P1'))).toEqual([
      { line: 3, code: "malformed_csv", params: { reason: "CSV_QUOTE_NOT_CLOSED" } },
    ]);
  });
});

describe("decodeCsvBytes", () => {
  it("detects each encoding", () => {
    expect(decodeCsvBytes(utf8("Tân Lạc"))).toEqual({ text: "Tân Lạc", encoding: "utf-8" });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Tân Lạc")]))).toEqual({
      text: "Tân Lạc",
      encoding: "utf-8-bom",
    });
    // "Tân Lạc" as Windows-1258 writes it: â precomposed (E2), dot below combining (F2).
    const cp1258 = new Uint8Array([0x54, 0xe2, 0x6e, 0x20, 0x4c, 0x61, 0xf2, 0x63]);
    expect(decodeCsvBytes(cp1258)).toEqual({ text: "Tân Lạc".normalize("NFC"), encoding: "windows-1258" });
    expect(decodeCsvBytes(encodeWindows1258("Đà Bắc, Lương Sơn, Yên Thủy"))).toEqual({
      text: "Đà Bắc, Lương Sơn, Yên Thủy",
      encoding: "windows-1258",
    });
  });

  it("throws UnsupportedEncodingError for UTF-16", () => {
    expect(() => decodeCsvBytes(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toThrow(UnsupportedEncodingError);
  });
});

describe("parseUnitKind", () => {
  it("maps English and Vietnamese spellings, accent- and case-insensitively", () => {
    expect(parseUnitKind("School_Committee")).toBe("SCHOOL_COMMITTEE");
    expect(parseUnitKind("  Chi  Hội ")).toBe("BRANCH");
    expect(parseUnitKind("ĐƠN VỊ")).toBeNull();
    expect(parseUnitKind("Phường")).toBe("COMMUNE");
    expect(parseUnitKind("Hội Khuyến học tỉnh")).toBe("PROVINCE");
  });
});
