// An administrator manages the criteria sets in the chat, in both languages:
// /criteria lists them per model; a .json file is checked (every error with
// its place) and stored; a complete set is put in force for this year with a
// button. Members are refused, and a CSV still goes to the unit import.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shorten } from "../../src/bot/format.ts";
import type { TestChat } from "../helpers/telegram.ts";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const COMPLETED = readFileSync(path.join(ROOT, "test/fixtures/criteria/don-vi-hoc-tap-tt22-test.json"), "utf8");
const SHIPPED_FAMILY = readFileSync(path.join(ROOT, "criteria/gia-dinh-hoc-tap-448.json"), "utf8");
const KEY = "don-vi-hoc-tap-tt22-2020";
const YEAR = "2026"; // the harness's clock: 29/11/2026

type Json = Record<string, unknown>;
const completed = () => JSON.parse(COMPLETED) as Json & { groups: { items: Json[] }[]; rule: { bands: Json[] } };

describe.each(["vi", "en"] as const)("criteria sets in the chat (%s)", (L) => {
  let h: BotHarness;
  let admin: TestChat;
  const tr = (key: string, vars?: Record<string, string | number>) => t(L, key, vars);
  const errorLine = (p: string, key: string, vars: Record<string, string | number>) => tr("criteria-error-at", { path: p, reason: tr(key, vars) });
  const title = L === "vi" ? "Tiêu chí «Đơn vị học tập» (DỮ LIỆU THỬ)" : "«Learning unit» criteria (TEST DATA)";
  const draftTitle = L === "vi" ? "Tiêu chí «Đơn vị học tập» (bản nháp)" : "«Learning unit» criteria (draft)";
  const inForceLabel = (version: number) => tr("btn-criteria-in-force", { title: shorten(title, 40), version, year: YEAR });

  beforeAll(async () => {
    h = await startHarness();
    await h.services.criteria.syncShippedCriteria();
    admin = h.adminChat(L);
  });
  afterAll(async () => {
    await h.close();
  });

  it("/criteria lists the shipped drafts per model, says why they cannot be put in force, and how to load a set", async () => {
    await admin.send("/criteria");
    const text = admin.lastText()!;
    expect(text).toContain(tr("criteria-list-title", { year: YEAR }));
    expect(text).toContain(tr("criteria-list-model-none", { model: tr("criteria-model-unit"), year: YEAR }));
    expect(text).toContain(tr("criteria-list-model-none", { model: tr("criteria-model-clan"), year: YEAR }));
    expect(text).toContain(tr("criteria-list-set", { title: draftTitle, version: 1, status: tr("criteria-status-draft", { count: 1, ids: "3.2" }) }));
    expect(text).toContain(`${tr("criteria-status-draft", { count: 3, ids: "2.3, 3, 4" })} ${tr("criteria-status-no-rule")}`);
    expect(text).toContain(tr("criteria-list-empty"));
    expect(text).toContain(tr("criteria-list-how-to-load"));
    expect(admin.buttons()).toEqual([tr("btn-menu")]); // drafts only: nothing to put in force
  });

  it("a file with mistakes: one line per error with its place and reason; nothing stored", async () => {
    const bad = completed();
    bad.groups[0]!.items[0]!.points = 40;
    bad.groups[1]!.items[1]!.id = "2.1";
    bad.rule.bands[1]!.max = 90;
    bad.rule.bands[2]!.max = 65;
    const before = await h.prisma.criteriaSet.count();
    await admin.sendDocument("tieu-chi.json", JSON.stringify(bad, null, 2), "application/json");
    expect(admin.calls("getFile")).toHaveLength(1);
    const lines = admin.lastText()!.split("\n");
    expect(lines).toEqual([
      tr("criteria-rejected", { count: 5 }),
      errorLine("groups[0].items[0].points", "criteria-error-item_points_exceed_group", { id: "1.1", points: 40, max: 30 }),
      errorLine("groups[0].maxPoints", "criteria-error-item_points_exceed_group", { id: "1", points: 60, max: 30 }),
      errorLine("groups[1].items[1].id", "criteria-error-duplicate_id", { id: "2.1" }),
      errorLine("rule.bands[1]", "criteria-error-bands_gap", { a: "TRUNG_BINH", b: "KHA", from: 65, to: 70 }),
      errorLine("rule.bands[0]", "criteria-error-bands_overlap", { a: "KHA", b: "TOT", at: 85 }),
    ]);
    expect(await h.prisma.criteriaSet.count()).toBe(before);
  });

  it("missing and unknown fields, a wrong encoding, broken JSON: each told plainly", async () => {
    const bad = completed();
    delete bad.legalBasis;
    bad.author = "ai đó";
    await admin.sendDocument("thieu.json", JSON.stringify(bad));
    expect(admin.lastText()!.split("\n")).toEqual([
      tr("criteria-rejected", { count: 2 }),
      errorLine("legalBasis", "criteria-error-missing_field", {}),
      tr("criteria-error-whole", { reason: tr("criteria-error-unknown_field", { keys: "author" }) }),
    ]);

    await admin.sendDocument("unicode.json", new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(COMPLETED, "utf16le")])));
    expect(admin.lastText()!.split("\n")).toEqual([tr("criteria-rejected", { count: 1 }), tr("criteria-error-whole", { reason: tr("criteria-error-bad_encoding") })]);

    await admin.sendDocument("hong.json", '{\n  "id": "x",\n  "version": 1,\n}');
    expect(admin.lastText()!.split("\n")).toEqual([tr("criteria-rejected", { count: 1 }), tr("criteria-error-whole", { reason: tr("criteria-error-bad_json", { line: 4, column: 1 }) })]);
    expect(admin.lastText()).toContain(L === "vi" ? "dòng 4, cột 1" : "line 4, column 1");
  });

  it("a file with very many errors: the first 40, then how many more", async () => {
    const bad = completed();
    bad.groups[2]!.items = Array.from({ length: 45 }, (_, i) => ({ id: `3.${i + 1}`, text: { vi: "x", en: "x" }, kind: "points", points: 0, colour: "đỏ" }));
    await admin.sendDocument("nhieu-loi.json", JSON.stringify(bad));
    const lines = admin.lastText()!.split("\n");
    expect(lines[0]).toBe(tr("criteria-rejected", { count: 45 }));
    expect(lines).toHaveLength(1 + 40 + 1);
    expect(lines[1]).toBe(errorLine("groups[2].items[0]", "criteria-error-unknown_field", { keys: "colour" }));
    expect(lines[40]).toBe(errorLine("groups[2].items[39]", "criteria-error-unknown_field", { keys: "colour" }));
    expect(lines[41]).toBe(tr("criteria-more-errors", { count: 5 }));
  });

  it("the completed TT 22 test file: summary, put in force for this year, and /criteria shows it", async () => {
    await admin.sendDocument("don-vi-hoc-tap-tt22-test.json", COMPLETED);
    const text = admin.lastText()!;
    expect(text.split("\n")).toEqual([
      tr("criteria-saved"),
      `<b>${title}</b>`,
      tr("criteria-summary-model", { model: tr("criteria-model-unit") }),
      tr("criteria-summary-version", { version: 2 }),
      tr("criteria-summary-basis", { basis: "Thông tư 22/2020/TT-BGDĐT" }),
      tr("criteria-summary-years", { years: tr("criteria-years-open", { from: "2020" }) }),
      tr("criteria-summary-size", { groups: 3, items: 9, points: 100 }),
      tr("criteria-summary-status", { status: tr("criteria-status-complete") }),
    ]);
    expect(admin.buttons()).toEqual([inForceLabel(2), tr("btn-criteria-list")]);
    expect(await h.prisma.auditLog.count({ where: { action: "criteria.upload" } })).toBe(1);

    await admin.press(inForceLabel(2));
    expect(admin.texts()[0]).toBe(tr("criteria-in-force-done", { model: tr("criteria-model-unit"), year: YEAR, title, version: 2 }));
    expect((await h.services.criteria.inForce("UNIT", 2026))?.version).toBe(2);

    await admin.send("/criteria");
    const list = admin.lastText()!;
    expect(list).toContain(tr("criteria-list-model-in-force", { model: tr("criteria-model-unit"), year: YEAR, title, version: 2 }));
    expect(list).toContain(tr("criteria-list-in-force-years", { years: YEAR }));
    expect(admin.buttons()).toEqual([tr("btn-menu")]); // already in force: no button for it

    // The same file again: already stored, and in force.
    await admin.sendDocument("lai.json", COMPLETED);
    expect(admin.lastText()!.split("\n")[0]).toBe(tr("criteria-already-stored"));
    expect(admin.lastText()).toContain(tr("criteria-in-force-now", { year: YEAR }));
    expect(admin.buttons()).toEqual([tr("btn-criteria-list")]);
  });

  it("the same version with other content is refused: a higher version is needed", async () => {
    const changed = { ...completed(), legalBasis: "Thông tư 22/2020/TT-BGDĐT (sửa)" };
    await admin.sendDocument("sua.json", JSON.stringify(changed));
    expect(admin.texts()).toEqual([tr("errors-criteria_version_exists", { key: KEY, version: 2 })]);
  });

  it("a new draft version: stored, and it says what is missing; no button to put it in force", async () => {
    await admin.sendDocument("gia-dinh-v2.json", JSON.stringify({ ...JSON.parse(SHIPPED_FAMILY), version: 2 }));
    const text = admin.lastText()!;
    expect(text.split("\n")[0]).toBe(tr("criteria-saved"));
    expect(text).toContain(tr("criteria-summary-size-no-total", { groups: 4, items: 6 }));
    expect(text).toContain(`${tr("criteria-status-draft", { count: 3, ids: "2.3, 3, 4" })} ${tr("criteria-status-no-rule")}`);
    expect(admin.buttons()).toEqual([tr("btn-criteria-list")]);
  });

  it("a forged press to put a draft in force is refused with the reason", async () => {
    const draft = await h.prisma.criteriaSet.findUniqueOrThrow({ where: { key_version: { key: KEY, version: 1 } } });
    await admin.pressData(`crf:${draft.id}:${YEAR}`);
    expect(admin.callbackTexts()).toEqual([tr("errors-criteria_draft", { key: KEY, version: 1, ids: "3.2" })]);
    expect((await h.services.criteria.inForce("UNIT", 2026))?.version).toBe(2);
  });

  it("a member sending a .json file or typing /criteria is refused; nothing is read", async () => {
    await h.makeMember(701, "HB-TL", "COORDINATOR", "Điều Phối", L);
    const member = h.chat({ id: 701, lang: L });
    const before = await h.prisma.criteriaSet.count();
    await member.sendDocument("tieu-chi.json", COMPLETED.replace('"version": 2', '"version": 9'), "application/json");
    expect(member.texts()).toEqual([tr("errors-forbidden")]);
    expect(member.calls("getFile")).toEqual([]);
    await member.send("/criteria");
    expect(member.texts()).toEqual([tr("errors-forbidden")]);
    expect(await h.prisma.criteriaSet.count()).toBe(before);
  });

  it("a CSV from the administrator still goes to the unit import", async () => {
    await admin.sendDocument("don-vi.csv", "ma,ten,loai,ma_cap_tren\nHB-YT-99,Xã Thử,xã,HB-YT\n");
    expect(admin.texts()).toEqual([tr("import-preview", { created: 1, updated: 0, encoding: "utf-8" })]);
    await admin.press(tr("btn-cancel"));
  });
});
