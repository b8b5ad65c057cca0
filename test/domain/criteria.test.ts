// Criteria files: every check of the format (each failure with its place in
// the file), and scoring against examples worked out by hand for each shipped
// set (the real files in criteria/) and a completed test copy of TT 22.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  MAX_FILE_BYTES,
  answerableItems,
  appliesTo,
  checkAnswer,
  parseCriteriaFile,
  score,
  type Answers,
  type CriteriaError,
  type CriteriaItem,
  type CriteriaSet,
} from "../../src/domain/criteria.ts";
import { encodeWindows1258 } from "../helpers/encoding.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2));

function parseFile(relative: string): CriteriaSet {
  const parsed = parseCriteriaFile(new Uint8Array(readFileSync(path.join(ROOT, relative))));
  if (!parsed.ok) throw new Error(`${relative}: ${JSON.stringify(parsed.errors)}`);
  return parsed.set;
}

/** The errors of a file, or [] when it is accepted. */
function errorsOf(value: unknown): CriteriaError[] {
  const parsed = parseCriteriaFile(bytesOf(value));
  return parsed.ok ? [] : parsed.errors;
}

const label = (vi: string, en = vi) => ({ vi, en });
const item = (id: string, points: number, extra: Record<string, unknown> = {}) => ({ id, text: label(`Mục ${id}`, `Item ${id}`), kind: "points", points, ...extra });

/** A small complete set: two groups (30 + 20 = 50) and three bands. */
function base(): Record<string, unknown> & { groups: Record<string, unknown>[]; rule: Record<string, unknown> | null } {
  return {
    id: "thu-nghiem",
    version: 1,
    title: label("Bộ tiêu chí thử", "A test set"),
    model: "FAMILY",
    legalBasis: "Không có (dữ liệu thử)",
    years: { from: 2025, to: 2027 },
    status: "in_force",
    maxPoints: 50,
    groups: [
      { id: "A", title: label("Nhóm A"), maxPoints: 30, items: [item("A1", 10), item("A2", 20)] },
      { id: "B", title: label("Nhóm B"), maxPoints: 20, items: [item("B1", 10, { kind: "yes_no" }), item("B2", 10, { kind: "number", min: 3 })] },
    ],
    rule: {
      kind: "bands",
      bands: [
        { grade: "TOT", label: label("Tốt", "Good"), min: 40, max: 50 },
        { grade: "KHA", label: label("Khá", "Fair"), min: 30, max: 40 },
        { grade: "DAT", label: label("Đạt", "Pass"), min: 20, max: 30 },
      ],
    },
  };
}

type Base = ReturnType<typeof base>;
const groupAt = (set: Base, g: number) => set.groups[g] as { id: string; maxPoints: number | null; items: Record<string, unknown>[]; unknown?: boolean; title: unknown };
const bandsOf = (set: Base) => (set.rule as { bands: Record<string, unknown>[] }).bands;

describe("parseCriteriaFile: the format", () => {
  it("accepts the small complete set, with defaults filled in", () => {
    const parsed = parseCriteriaFile(bytesOf(base()));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.set.groups[0]!.items[0]).toMatchObject({ required: false, evidence: null, unknown: false });
    expect(parsed.set.notes).toBeNull();
  });

  it("a missing field is named with its place", () => {
    const set = base();
    delete groupAt(set, 1).items[0]!.kind;
    delete set.legalBasis;
    const errors = errorsOf(set);
    expect(errors).toContainEqual({ code: "missing_field", path: "groups[1].items[0].kind", params: {} });
    expect(errors).toContainEqual({ code: "missing_field", path: "legalBasis", params: {} });
    expect(errors).toHaveLength(2);
  });

  it("an unknown field is named with the keys", () => {
    const set = base();
    groupAt(set, 0).items[1]!.colour = "đỏ";
    set.author = "ai đó";
    const errors = errorsOf(set);
    expect(errors).toContainEqual({ code: "unknown_field", path: "groups[0].items[1]", params: { keys: "colour" } });
    expect(errors).toContainEqual({ code: "unknown_field", path: "", params: { keys: "author" } });
  });

  it("a value of the wrong type or out of range is a bad value", () => {
    const set = base();
    set.model = "VILLAGE";
    groupAt(set, 0).items[0]!.points = 2.5;
    const errors = errorsOf(set);
    expect(errors).toContainEqual({ code: "bad_value", path: "model", params: {} });
    expect(errors).toContainEqual({ code: "bad_value", path: "groups[0].items[0].points", params: {} });
  });

  it("duplicate item ids (also across groups) and duplicate group ids", () => {
    const set = base();
    groupAt(set, 1).items[0]!.id = "A1";
    groupAt(set, 1).id = "A";
    expect(errorsOf(set)).toEqual([
      { code: "duplicate_id", path: "groups[1].id", params: { id: "A" } },
      { code: "duplicate_id", path: "groups[1].items[0].id", params: { id: "A1" } },
    ]);
  });

  it("an item worth more than its group's maximum, and the group's items adding up to more than it", () => {
    const set = base();
    groupAt(set, 0).items[1]!.points = 35; // 10 + 35 = 45 in a group of 30
    const errors = errorsOf(set);
    expect(errors).toContainEqual({ code: "item_points_exceed_group", path: "groups[0].items[1].points", params: { id: "A2", points: 35, max: 30 } });
    expect(errors).toContainEqual({ code: "item_points_exceed_group", path: "groups[0].maxPoints", params: { id: "A", points: 45, max: 30 } });
  });

  it("items each under the maximum but together above it", () => {
    const set = base();
    groupAt(set, 0).items.push(item("A3", 5)); // 10 + 20 + 5 = 35 > 30
    expect(errorsOf(set)).toEqual([{ code: "item_points_exceed_group", path: "groups[0].maxPoints", params: { id: "A", points: 35, max: 30 } }]);
  });

  it("groups worth more than the set's total, or not adding up to it", () => {
    const over = base();
    groupAt(over, 1).maxPoints = 30; // 30 + 30 = 60 > 50
    expect(errorsOf(over)).toContainEqual({ code: "groups_exceed_total", path: "maxPoints", params: { points: 60, max: 50 } });

    const under = base();
    under.maxPoints = 60; // 30 + 20 = 50 ≠ 60
    bandsOf(under)[0]!.max = 60;
    expect(errorsOf(under)).toEqual([{ code: "groups_sum_mismatch", path: "maxPoints", params: { points: 50, max: 60 } }]);
  });

  it("bands that overlap", () => {
    const set = base();
    bandsOf(set)[1]!.max = 45; // KHA 30–45 runs into TOT 40–50
    expect(errorsOf(set)).toEqual([{ code: "bands_overlap", path: "rule.bands[0]", params: { a: "KHA", b: "TOT", at: 40 } }]);
  });

  it("bands that leave a gap between them", () => {
    const set = base();
    bandsOf(set)[1]!.max = 38; // nothing holds 38 and 39
    expect(errorsOf(set)).toEqual([{ code: "bands_gap", path: "rule.bands[0]", params: { a: "KHA", b: "TOT", from: 38, to: 40 } }]);
  });

  it("a top band that stops below the total", () => {
    const set = base();
    bandsOf(set)[0]!.max = 48;
    expect(errorsOf(set)).toEqual([{ code: "bands_gap", path: "rule.bands[0].max", params: { a: "TOT", b: "", from: 48, to: 50 } }]);
  });

  it("a band above the total", () => {
    const set = base();
    bandsOf(set)[0]!.max = 55;
    expect(errorsOf(set)).toContainEqual({ code: "bands_out_of_range", path: "rule.bands[0].max", params: { grade: "TOT", max: 55, total: 50 } });
  });

  it("an empty band and a duplicate grade", () => {
    const empty = base();
    bandsOf(empty).push({ grade: "YEU", label: label("Yếu", "Weak"), min: 20, max: 20 });
    expect(errorsOf(empty)).toContainEqual({ code: "band_empty", path: "rule.bands[3]", params: { grade: "YEU", min: 20, max: 20 } });

    const twice = base();
    bandsOf(twice)[2]!.grade = "KHA";
    expect(errorsOf(twice)).toEqual([{ code: "duplicate_grade", path: "rule.bands[2].grade", params: { grade: "KHA" } }]);
  });

  it("a set in force must have no unknown items or groups, and a rule", () => {
    const unknown = base();
    groupAt(unknown, 0).items[1] = { id: "A2", text: null, kind: "points", points: 20, unknown: true };
    groupAt(unknown, 1).unknown = true;
    expect(errorsOf(unknown)).toEqual([{ code: "in_force_incomplete", path: "status", params: { ids: "A2, B" } }]);
    unknown.status = "draft";
    expect(errorsOf(unknown)).toEqual([]);

    const noRule = base();
    noRule.rule = null;
    expect(errorsOf(noRule)).toEqual([{ code: "in_force_incomplete", path: "rule", params: { ids: "rule" } }]);
    noRule.status = "draft";
    expect(errorsOf(noRule)).toEqual([]);
  });

  it("a text left out must be flagged unknown; a number item needs its minimum; a known group needs items", () => {
    const set = base();
    groupAt(set, 0).items[0]!.text = null;
    delete groupAt(set, 1).items[1]!.min;
    set.groups.push({ id: "C", title: label("Nhóm C"), maxPoints: 0, items: [] });
    expect(errorsOf(set)).toEqual([
      { code: "unknown_without_flag", path: "groups[0].items[0].text", params: { id: "A1" } },
      { code: "number_without_min", path: "groups[1].items[1].min", params: { id: "B2" } },
      { code: "no_items", path: "groups[2].items", params: { id: "C" } },
    ]);
  });

  it("years that run backwards", () => {
    const set = base();
    set.years = { from: 2027, to: 2025 };
    expect(errorsOf(set)).toEqual([{ code: "years_reversed", path: "years", params: { from: 2027, to: 2025 } }]);
  });

  it("reports every problem at once (a total of 45 also leaves the top band, 40–50, reaching past it)", () => {
    const set = base();
    groupAt(set, 1).items[0]!.id = "A1";
    bandsOf(set)[2]!.grade = "KHA";
    set.maxPoints = 45;
    expect(errorsOf(set).map((e) => e.code).sort()).toEqual(["bands_gap", "bands_out_of_range", "duplicate_grade", "duplicate_id", "groups_exceed_total"]);
  });
});

describe("parseCriteriaFile: the bytes", () => {
  const json = JSON.stringify(base(), null, 2).replace("Bộ tiêu chí thử", "Bộ tiêu chí «Gia đình học tập» thử");

  it("UTF-16 (as Notepad's «Unicode» saves it, with its byte order mark) is refused as a wrong encoding", () => {
    const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, "utf16le")]));
    expect(parseCriteriaFile(utf16)).toEqual({ ok: false, errors: [{ code: "bad_encoding", path: "", params: {} }] });
    const bigEndian = new Uint8Array(Buffer.from(json, "utf16le").swap16());
    expect(parseCriteriaFile(bigEndian)).toEqual({ ok: false, errors: [{ code: "bad_encoding", path: "", params: {} }] });
  });

  it("Windows-1258 bytes are refused as a wrong encoding", () => {
    expect(parseCriteriaFile(encodeWindows1258(json))).toEqual({ ok: false, errors: [{ code: "bad_encoding", path: "", params: {} }] });
  });

  it("UTF-8 with a byte order mark is accepted, and the Vietnamese text reads back unchanged", () => {
    const parsed = parseCriteriaFile(new TextEncoder().encode(`\uFEFF${json}`));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.set.title.vi).toBe("Bộ tiêu chí «Gia đình học tập» thử");
  });

  it("bad JSON is reported with its line and column", () => {
    const broken = '{\n  "id": "x",\n  "version": 1,\n}';
    expect(parseCriteriaFile(new TextEncoder().encode(broken))).toEqual({ ok: false, errors: [{ code: "bad_json", path: "", params: { line: 4, column: 1 } }] });
    const missingComma = '{\n  "id": "x"\n  "version": 1\n}';
    expect(parseCriteriaFile(new TextEncoder().encode(missingComma))).toEqual({ ok: false, errors: [{ code: "bad_json", path: "", params: { line: 3, column: 3 } }] });
  });

  it("a file that is not an object at all", () => {
    expect(parseCriteriaFile(new TextEncoder().encode("[1, 2]"))).toEqual({ ok: false, errors: [{ code: "bad_value", path: "", params: {} }] });
  });

  it("a file that is too large is refused before it is read", () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x20);
    expect(parseCriteriaFile(big)).toEqual({ ok: false, errors: [{ code: "too_large", path: "", params: { max: MAX_FILE_BYTES } }] });
    // Within the limit the file is read (and, being only spaces, is not JSON).
    expect(parseCriteriaFile(new Uint8Array(MAX_FILE_BYTES).fill(0x20))).toMatchObject({ ok: false, errors: [{ code: "bad_json" }] });
  });
});

/** Full marks for every answerable item. */
function full(set: CriteriaSet): Answers {
  return Object.fromEntries(answerableItems(set).map((i) => [i.id, i.kind === "yes_no" ? true : i.kind === "number" ? (i.min ?? 0) : i.points]));
}

describe("scoring the shipped «Đơn vị học tập» set (TT 22/2020, draft: item 3.2 unknown)", () => {
  const tt22 = parseFile("criteria/don-vi-hoc-tap-tt22-2020.json");

  it("is a draft of 100 points in three groups (30 + 30 + 40) with item 3.2 unknown", () => {
    expect(tt22).toMatchObject({ model: "UNIT", status: "draft", maxPoints: 100 });
    expect(tt22.groups.map((g) => g.maxPoints)).toEqual([30, 30, 40]);
    expect(answerableItems(tt22).map((i) => i.id)).toEqual(["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1"]);
  });

  it("every known item in full: 30 + 30 + 25 = 85 → Tốt (85–100)", () => {
    const result = score(tt22, full(tt22));
    expect(result).toEqual({
      total: 85,
      max: 100,
      groups: [{ id: "1", total: 30, max: 30 }, { id: "2", total: 30, max: 30 }, { id: "3", total: 25, max: 40 }],
      complete: true,
      unanswered: [],
      missed: [],
      grade: "TOT",
    });
  });

  it("70 → Khá: 1.1 5/10, 2.2 0/5, 3.1 20/25 (85 − 5 − 5 − 5)", () => {
    const result = score(tt22, { ...full(tt22), "1.1": 5, "2.2": 0, "3.1": 20 });
    expect(result.total).toBe(70);
    expect(result.groups.map((g) => g.total)).toEqual([25, 25, 20]);
    expect(result.missed).toEqual(["1.1", "2.2", "3.1"]);
    expect(result.grade).toBe("KHA");
  });

  it("69 → Trung bình: one point less than 70", () => {
    const result = score(tt22, { ...full(tt22), "1.1": 4, "2.2": 0, "3.1": 20 });
    expect(result.total).toBe(69);
    expect(result.grade).toBe("TRUNG_BINH");
  });

  it("50 → Trung bình and 49 → no grade", () => {
    // 1.x: 10 + 10 + 10, 2.x: 10 + 5 + 5 + 0, 3.1: 0 → 50
    const fifty = { ...full(tt22), "2.3": 5, "2.4": 0, "3.1": 0 };
    expect(score(tt22, fifty)).toMatchObject({ total: 50, grade: "TRUNG_BINH" });
    const result = score(tt22, { ...fifty, "2.3": 4 });
    expect(result).toMatchObject({ total: 49, grade: null, complete: true });
    expect(result.missed).toEqual(["2.3", "2.4", "3.1"]);
  });

  it("84 → Khá (a band holds min ≤ t < max)", () => {
    expect(score(tt22, { ...full(tt22), "3.1": 24 })).toMatchObject({ total: 84, grade: "KHA" });
  });

  it("half-way: the answers so far, the rest unanswered", () => {
    const result = score(tt22, { "1.1": 10, "1.2": 10, "1.3": 7 });
    expect(result).toMatchObject({ total: 27, complete: false, missed: ["1.3"], unanswered: ["2.1", "2.2", "2.3", "2.4", "3.1"], grade: null });
  });

  it("applies from 2020 on", () => {
    expect(appliesTo(tt22, 2019)).toBe(false);
    expect(appliesTo(tt22, 2020)).toBe(true);
    expect(appliesTo(tt22, 2040)).toBe(true);
  });
});

describe("scoring the completed test copy of TT 22 (test/fixtures: item 3.2 made up, in force)", () => {
  const completed = parseFile("test/fixtures/criteria/don-vi-hoc-tap-tt22-test.json");

  it("is complete and marked as test data", () => {
    expect(completed).toMatchObject({ id: "don-vi-hoc-tap-tt22-2020", version: 2, status: "in_force" });
    expect(completed.notes?.en).toContain("TEST DATA");
    expect(answerableItems(completed)).toHaveLength(9);
  });

  it("exactly 100 → Tốt (the top band includes its maximum)", () => {
    expect(score(completed, full(completed))).toMatchObject({ total: 100, max: 100, grade: "TOT", complete: true, missed: [] });
  });

  it("3.2 at 0 → 85, still Tốt; 3.1 at 0 too → 60, Trung bình", () => {
    expect(score(completed, { ...full(completed), "3.2": 0 })).toMatchObject({ total: 85, grade: "TOT", missed: ["3.2"] });
    expect(score(completed, { ...full(completed), "3.1": 0, "3.2": 0 })).toMatchObject({ total: 60, grade: "TRUNG_BINH", missed: ["3.1", "3.2"] });
  });
});

describe("scoring the shipped «Gia đình học tập» set (QĐ 448, draft: 2.3, groups 3–4 and the threshold unknown)", () => {
  const family = parseFile("criteria/gia-dinh-hoc-tap-448.json");

  it("is a draft with no total and no rule", () => {
    expect(family).toMatchObject({ model: "FAMILY", status: "draft", maxPoints: null, rule: null });
    expect(answerableItems(family).map((i) => i.id)).toEqual(["1.1", "1.2", "1.3", "2.1", "2.2"]);
  });

  it("every known item in full: group totals 30, 20, 0, 0 → 50 of the 60 known points; no grade without a rule", () => {
    expect(score(family, full(family))).toEqual({
      total: 50,
      max: 60,
      groups: [{ id: "1", total: 30, max: 30 }, { id: "2", total: 20, max: 30 }, { id: "3", total: 0, max: 0 }, { id: "4", total: 0, max: 0 }],
      complete: true,
      unanswered: [],
      missed: [],
      grade: null,
    });
  });

  it("some answers: the totals per group, the items missed and those not answered yet", () => {
    const result = score(family, { "1.1": 10, "1.2": 6, "2.1": 0 });
    expect(result.groups).toEqual([{ id: "1", total: 16, max: 30 }, { id: "2", total: 0, max: 30 }, { id: "3", total: 0, max: 0 }, { id: "4", total: 0, max: 0 }]);
    expect(result).toMatchObject({ total: 16, complete: false, missed: ["1.2", "2.1"], unanswered: ["1.3", "2.2"], grade: null });
  });

  it("an answer given for the unknown item earns nothing", () => {
    expect(score(family, { ...full(family), "2.3": 10 }).total).toBe(50);
  });
});

describe("the «every required item met» rule", () => {
  const parsed = parseCriteriaFile(
    bytesOf({
      ...base(),
      maxPoints: null,
      groups: [
        {
          id: "A", title: label("Nhóm A"), maxPoints: null,
          items: [
            { id: "A1", text: label("Con đi học đủ"), kind: "yes_no", points: 1, required: true },
            { id: "A2", text: label("Số buổi đọc sách mỗi tuần"), kind: "number", points: 1, min: 3, required: true },
            { id: "A3", text: label("Có góc học tập"), kind: "yes_no", points: 1 },
          ],
        },
      ],
      rule: { kind: "all_required", label: label("Đạt", "Met") },
    }),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const set = parsed.set;

  it("MET when every required item is met, whatever the others", () => {
    expect(score(set, { A1: true, A2: 3, A3: false })).toMatchObject({ grade: "MET", total: 2, max: 3, missed: ["A3"] });
    expect(score(set, { A1: true, A2: 7 })).toMatchObject({ grade: "MET", complete: false, unanswered: ["A3"] });
  });

  it("no grade when a required item is not met or not answered", () => {
    expect(score(set, { A1: false, A2: 5, A3: true }).grade).toBeNull();
    expect(score(set, { A1: true, A2: 2, A3: true }).grade).toBeNull();
    expect(score(set, { A1: true, A3: true }).grade).toBeNull();
  });
});

describe("checkAnswer", () => {
  const points: CriteriaItem = { id: "p", text: label("p"), kind: "points", points: 10, required: false, evidence: null, unknown: false };
  const yesNo: CriteriaItem = { ...points, id: "y", kind: "yes_no" };
  const number: CriteriaItem = { ...points, id: "n", kind: "number", min: 2 };
  const unknown: CriteriaItem = { ...points, id: "u", text: null, unknown: true };

  it("accepts answers that fit", () => {
    expect(checkAnswer(points, 0)).toBeNull();
    expect(checkAnswer(points, 10)).toBeNull();
    expect(checkAnswer(yesNo, false)).toBeNull();
    expect(checkAnswer(number, 1.5)).toBeNull();
  });

  it("points above the item's maximum, negative or fractional", () => {
    expect(checkAnswer(points, 11)).toBe("points_above_max");
    expect(checkAnswer(points, -1)).toBe("negative");
    expect(checkAnswer(number, -0.5)).toBe("negative");
    expect(checkAnswer(points, 2.5)).toBe("not_integer");
  });

  it("the wrong kind of answer", () => {
    expect(checkAnswer(points, true)).toBe("wrong_kind");
    expect(checkAnswer(yesNo, 1)).toBe("wrong_kind");
    expect(checkAnswer(number, Number.NaN)).toBe("wrong_kind");
    expect(checkAnswer(points, Number.POSITIVE_INFINITY)).toBe("wrong_kind");
  });

  it("an item whose text is unknown cannot be answered", () => {
    expect(checkAnswer(unknown, 5)).toBe("unknown_item");
  });
});
