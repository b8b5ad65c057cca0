// The self-evaluation in the chat (issue 5), in Vietnamese and in English: a
// family evaluated half-way, paused and resumed after a restart at the next
// unanswered item; points above an item's maximum refused; an old button
// pressed again saving nothing twice; a note and a photo as evidence; the
// result with the items missed; "Change an answer"; the submission reaching
// the branch's reviewer; a returned evaluation fixed with "Keep" buttons and
// sent again; a school (TT22 test set) reaching its grade; a year without
// criteria in force explained.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_ID, type BotHarness, startHarness, t } from "../helpers/bot.ts";
import { readFileSync } from "node:fs";
import { criteriaInForce, UNIT_TEST_SET } from "../helpers/learning.ts";
import { buttonData, type L } from "../helpers/piggy.ts";
import type { TestChat } from "../helpers/telegram.ts";

let h: BotHarness;
beforeAll(async () => {
  h = await startHarness();
  await criteriaInForce(h.services, ADMIN_ID, 2026);
});
afterAll(async () => {
  await h.close();
});

const cases = [
  {
    locale: "vi" as L, memberId: 801, reviewerId: 802, schoolReporterId: 803, branch: "HB-TL-MD-01",
    member: "Nguyễn Thị Hoa", reviewer: "Bùi Văn Đắc", family: "Nguyễn Văn An", school: "Trường Tiểu học Mãn Đức",
    title: "DỮ LIỆU THỬ — Gia đình học tập (không phải văn bản thật)",
    // hand-computed: 28 + 27 + 30 = 85 → Tốt (85–100)
    schoolLast: "10", schoolTotal: 85, schoolGrade: "Tốt",
  },
  {
    locale: "en" as L, memberId: 811, reviewerId: 812, schoolReporterId: 813, branch: "HB-MC-CC-01",
    member: "Hà Thị Mai", reviewer: "Lò Văn Piêng", family: "Hà Văn Thắng", school: "Trường Tiểu học Chiềng Châu",
    title: "TEST DATA — Learning family (not a real regulation)",
    // hand-computed: 28 + 27 + 29 = 84 → Khá / Fair (70–<85)
    schoolLast: "9", schoolTotal: 84, schoolGrade: "Fair",
  },
];

/** The family test set as the chat shows it. */
const FAMILY = {
  vi: {
    groups: { 1: "Việc học của con em trong gia đình", 2: "Việc học của người lớn trong gia đình", 3: "Điều kiện học tập của gia đình", 4: "Tác dụng của việc học tập đối với đời sống gia đình" },
    items: {
      "1.1": "Con em trong độ tuổi đi học được đến trường, hoàn thành phổ cập giáo dục bắt buộc (trừ trường hợp ốm đau, khuyết tật)",
      "1.2": "Kết quả học tập từ trung bình trở lên, hạnh kiểm từ khá trở lên",
      "1.3": "Trung thực, lễ phép, tham gia các hoạt động ở địa phương",
      "2.1": "Người lớn từ 19 đến 60 tuổi biết chữ từ mức độ 1 trở lên",
      "2.2": "Mỗi người lớn học ít nhất một chuyên đề mỗi năm",
      "2.3": "MỤC THỬ NGHIỆM 2.3 — không phải nội dung văn bản",
      "3.1": "MỤC THỬ NGHIỆM 3.1 — gia đình có góc học tập",
      "3.2": "MỤC THỬ NGHIỆM 3.2 — số sách báo trong nhà",
      "4.1": "MỤC THỬ NGHIỆM 4.1 — việc học giúp cải thiện đời sống",
    },
    grade: "Đạt",
  },
  en: {
    groups: { 1: "The children's learning", 2: "The adults' learning", 3: "The family's learning conditions", 4: "The effect of learning on the family's life" },
    items: {
      "1.1": "Children of school age attend school and complete compulsory schooling (illness or disability excepted)",
      "1.2": "Results at least average and conduct at least good",
      "1.3": "Honest, polite, take part in local activities",
      "2.1": "Adults aged 19–60 literate at level 1 or above",
      "2.2": "Every adult studies at least one topic a year",
      "2.3": "TEST ITEM 2.3 — not the regulation's text",
      "3.1": "TEST ITEM 3.1 — the family has a study corner",
      "3.2": "TEST ITEM 3.2 — books and papers at home",
      "4.1": "TEST ITEM 4.1 — learning improved the family's life",
    },
    grade: "Recognised",
  },
} as const;
type ItemId = keyof (typeof FAMILY)["vi"]["items"];
const GROUP_MAX: Record<number, number> = { 1: 30, 2: 30, 3: 20, 4: 20 };

/** An item's text in the TT22 test set. */
function unitItemText(id: string, locale: L): string {
  const set = JSON.parse(readFileSync(UNIT_TEST_SET, "utf8")) as { groups: { items: { id: string; text: Record<L, string> }[] }[] };
  return set.groups.flatMap((g) => g.items).find((i) => i.id === id)!.text[locale];
}

/** As the result shows an item's text: at most 60 characters. */
const short = (text: string, max = 60) => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join("")}…`);

describe.each(cases)("self-evaluation ($locale)", (c) => {
  const tr = (key: string, vars?: Record<string, string | number>) => t(c.locale, key, vars);
  const set = FAMILY[c.locale];
  let member: TestChat;
  let schoolReporter: TestChat;
  let registrationId = 0;
  let evaluationId = 0;
  let unitName = "";

  const rows = async (id = evaluationId) => {
    const found = await h.prisma.evaluationAnswer.findMany({ where: { evaluationId: id }, orderBy: { itemId: "asc" } });
    return found.map((r) => ({ item: r.itemId, value: r.value, note: r.note, photo: r.photoFileId }));
  };
  const values = async (id = evaluationId) => Object.fromEntries((await rows(id)).map((r) => [r.item, r.value]));

  /** An item's question, built as the bot builds it. */
  function question(
    item: ItemId,
    o: { total: number; group?: boolean; points?: number; now?: string; note?: string; photo?: boolean; pending?: boolean; min?: number; typedMax?: number },
  ): string {
    const lines: string[] = [];
    const group = Number(item.split(".")[0]);
    if (o.group) lines.push(tr("learning-eval-group", { group: String(group), title: set.groups[group as 1], max: GROUP_MAX[group]! }), "");
    lines.push(tr("learning-eval-item", { item, points: o.points ?? 10, text: set.items[item] }));
    if (o.min !== undefined) lines.push(tr("learning-eval-item-number", { min: String(o.min), points: o.points ?? 10 }));
    if (o.typedMax !== undefined) lines.push(tr("learning-eval-item-points-typed", { max: o.typedMax }));
    if (o.now) lines.push(tr("learning-eval-item-now", { answer: o.now }));
    if (o.note) lines.push(tr("learning-eval-item-note", { note: o.note }));
    if (o.photo) lines.push(tr("learning-eval-item-photo"));
    if (o.pending) lines.push(tr("learning-eval-evidence-pending"));
    lines.push("", tr("learning-eval-score", { total: o.total, max: 100 }));
    return lines.join("\n");
  }
  const pts = (value: number, max = 10) => tr("learning-eval-answer-points", { value, max });
  const intro = (extra?: string) =>
    [
      tr("learning-eval-intro", {
        title: c.title, model: tr("learning-model-FAMILY"), name: c.family, unit: unitName, year: "2026",
        basis: "Quyết định 448/QĐ-KHVN, 01/12/2015", items: 9, max: 100,
      }),
      ...(extra ? ["", extra] : []),
    ].join("\n");
  const tenButtons = Array.from({ length: 11 }, (_, n) => String(n));
  const controls = (back: boolean) => [tr("btn-learning-eval-evidence"), tr("btn-learning-eval-pause"), ...(back ? [tr("btn-back")] : []), tr("btn-cancel")];

  it("sets up the family member and the branch's reviewer", async () => {
    await h.makeMember(c.memberId, c.branch, "MEMBER", c.member, c.locale);
    await h.makeMember(c.reviewerId, c.branch, "REPORTER", c.reviewer, c.locale);
    await h.makeMember(c.schoolReporterId, c.branch, "REPORTER", "Đinh Công Sơn", c.locale);
    member = h.chat({ id: c.memberId, lang: c.locale });
    schoolReporter = h.chat({ id: c.schoolReporterId, lang: c.locale });
    for (const chat of [member, schoolReporter]) await chat.send("/menu"); // something to press on
    const reg = await h.services.learning.register(await h.person(c.memberId), {
      model: "FAMILY", year: 2026, unitId: (await h.unit(c.branch)).id, name: c.family, village: "Xóm Đồi", memberCount: 4, own: true,
    });
    registrationId = reg.id;
    unitName = reg.unitName;
  });

  it("evaluates half-way, pauses, and after a restart resumes at the next unanswered item", async () => {
    await member.pressData(`le:${registrationId}`);
    expect(member.texts()).toEqual([intro(), question("1.1", { total: 0, group: true })]);
    expect(member.buttons()).toEqual([...tenButtons, ...controls(false)]); // the first item: no back
    const reg = await h.prisma.learningRegistration.findUniqueOrThrow({ where: { id: registrationId }, include: { evaluation: true } });
    evaluationId = reg.evaluation!.id;

    await member.press("f:v:8");
    const first = member.lastInline(); // item 1.2 now; 1.1's message keeps "✓ 8"
    expect(member.lastText()).toBe(question("1.2", { total: 8 }));
    expect(member.buttons()).toEqual([...tenButtons, ...controls(true)]);
    expect(await values()).toEqual({ "1.1": 8 }); // saved at once

    // the old "8" of item 1.1 pressed again: outdated, nothing saved twice
    const item11 = h.tg.botMessages(c.memberId).find((m) => "text" in m && m.text?.includes(set.items["1.1"].slice(0, 20)))!;
    await member.pressData("f:v:8", { messageId: item11.message_id });
    expect(member.callbackTexts()).toEqual([tr("stale-button")]);
    expect(await rows()).toHaveLength(1);
    expect(member.lastInline()?.message_id).toBe(first?.message_id);

    await member.press("f:v:10");
    await member.press("f:v:10");
    expect(member.lastText()).toBe(question("2.1", { total: 28, group: true }));
    await member.send("15"); // above the item's 10 points: refused, asked again
    expect(member.texts()).toEqual([tr("learning-eval-points-above-max", { item: "2.1", max: 10 })]);
    await member.send("bảy");
    expect(member.lastText()).toBe(tr("learning-eval-not-a-number", { text: "bảy" }));
    expect(await rows()).toHaveLength(3);
    await member.send("7");
    expect(member.lastText()).toBe(question("2.2", { total: 35 }));
    await member.press("f:pause");
    expect(member.lastText()).toBe(tr("learning-eval-paused", { done: 4, items: 9 }));
    expect(buttonData(member.lastInline())).toEqual([`le:${registrationId}`]);
    expect(await values()).toEqual({ "1.1": 8, "1.2": 10, "1.3": 10, "2.1": 7 });

    h.restart();
    await member.pressData(`le:${registrationId}`); // the home's ✏️ Continue
    expect(member.texts()).toEqual([
      intro(tr("learning-eval-intro-resume", { done: 4, items: 9, item: "2.2" })),
      question("2.2", { total: 35, group: true }),
    ]);
    expect(await values()).toEqual({ "1.1": 8, "1.2": 10, "1.3": 10, "2.1": 7 }); // the earlier answers kept
  });

  it("takes a note and a photo as evidence, and shows the result with the items missed", async () => {
    await member.press("f:v:10");
    await member.press("f:v:5");
    expect(member.lastText()).toBe(question("3.1", { total: 50, group: true }));
    expect(member.buttons()).toEqual([tr("btn-learning-eval-yes", { points: 10 }), tr("btn-learning-eval-no"), ...controls(true)]);
    await member.sendSticker();
    expect(member.texts()).toEqual([tr("learning-eval-press-button")]);

    // a note for 3.1, before the answer
    await member.press("f:evidence");
    expect(member.lastText()).toBe(tr("learning-eval-evidence-ask", { item: "3.1", max: 500 }));
    await member.send("x".repeat(501));
    expect(member.lastText()).toBe(tr("learning-eval-evidence-too-long", { max: 500 }));
    const note = "Có bàn học và đèn riêng cho hai cháu";
    await member.send(`  ${note} `);
    expect(member.texts()).toEqual([tr("learning-eval-evidence-will-save", { item: "3.1" }), question("3.1", { total: 50, note, pending: true })]);
    await member.press("f:v:yes");

    // a photo for 3.2 (a number item), sent straight at the question
    expect(member.lastText()).toBe(question("3.2", { total: 60, group: false, min: 10 }));
    expect(member.buttons()).toEqual(controls(true));
    await member.sendPhoto();
    expect(member.texts()).toEqual([tr("learning-eval-evidence-will-save", { item: "3.2" }), question("3.2", { total: 60, min: 10, photo: true, pending: true })]);
    await member.send("12");

    // 4.1 has 20 points: 0, half and all as buttons, or typed
    expect(member.lastText()).toBe(question("4.1", { total: 70, group: true, points: 20, typedMax: 20 }));
    expect(member.buttons()).toEqual(["0", "10", "20", ...controls(true)]);
    await member.send("21");
    expect(member.lastText()).toBe(tr("learning-eval-points-above-max", { item: "4.1", max: 20 }));
    await member.send("15");

    const saved = await rows();
    expect(saved).toHaveLength(9);
    expect(saved.find((r) => r.item === "3.1")).toMatchObject({ value: true, note, photo: null });
    expect(saved.find((r) => r.item === "3.2")).toMatchObject({ value: 12, note: null });
    expect(saved.find((r) => r.item === "3.2")!.photo).toMatch(/_1280$/);

    // 8+10+10 + 7+10+5 + 10+10 + 15 = 85
    const missed = [["1.1", 8, 10], ["2.1", 7, 10], ["2.3", 5, 10], ["4.1", 15, 20]] as const;
    expect(member.lastText()).toBe(
      [
        tr("learning-eval-result", { name: c.family, total: 85, max: 100, grade: set.grade }),
        "",
        tr("learning-eval-missed-title", { count: 4 }),
        ...missed.map(([item, earned, points]) => tr("learning-eval-missed-line", { item, earned, points, text: short(set.items[item]) })),
        "",
        tr("learning-eval-result-ask"),
      ].join("\n"),
    );
    expect(member.buttons()).toEqual([tr("btn-learning-eval-submit"), tr("btn-learning-eval-change"), tr("btn-learning-eval-later"), tr("btn-back"), tr("btn-cancel")]);
  });

  it("changes one answer from the list, then submits: the branch's reviewer is told with a button", async () => {
    await member.press("f:change");
    expect(member.lastText()).toContain(tr("learning-eval-pick"));
    expect(member.buttons().slice(0, 9)).toEqual(["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1"]);
    await member.press("1.1");
    expect(member.lastText()).toBe(question("1.1", { total: 85, group: true, now: pts(8) }));
    expect(member.buttons()).toContain(tr("btn-learning-eval-keep", { answer: pts(8) }));
    await member.press("f:v:10");
    expect(member.lastText()).toContain(tr("learning-eval-result", { name: c.family, total: 87, max: 100, grade: set.grade }));
    expect(await rows()).toHaveLength(9);

    const before = h.tg.botMessages(c.reviewerId).length;
    await member.press("f:submit");
    expect(member.texts().slice(0, 1)).toEqual([
      [tr("learning-eval-submitted", { name: c.family, total: 87, max: 100, grade: set.grade }), tr("learning-eval-told", { count: 2 })].join("\n"), // both reporters of the branch
    ]);
    const row = await h.prisma.evaluation.findUniqueOrThrow({ where: { id: evaluationId } });
    expect(row.status).toBe("SUBMITTED");
    expect(row.total).toBe(87);

    const notices = h.tg.botMessages(c.reviewerId).slice(before);
    expect(notices).toHaveLength(1);
    expect((notices[0] as { text: string }).text).toBe(
      tr("learning-notice-submitted", {
        by: c.member, model: tr("learning-model-FAMILY"), name: c.family, unit: unitName, year: "2026", total: 87, max: 100, grade: set.grade,
      }),
    );
    expect(buttonData(notices[0])).toEqual([`lv:${evaluationId}`]);

    // the continue button once more: it is sent, so the card instead of the questions
    await member.pressData(`le:${registrationId}`);
    expect(member.texts()[0]).toBe(tr("learning-eval-not-open", { status: tr("learning-status-SUBMITTED") }));
    expect(await rows()).toHaveLength(9);
  });

  it("a returned evaluation resumes with Keep buttons and is sent again", async () => {
    const row = await h.prisma.evaluation.findUniqueOrThrow({ where: { id: evaluationId } });
    const comment = "Mục 2.3 cần ghi rõ hơn";
    await h.services.learning.reviewEvaluation(await h.person(c.reviewerId), evaluationId, "RETURNED", comment, row.updatedAt.toISOString());

    await member.pressData(`le:${registrationId}`);
    expect(member.texts()).toEqual([
      intro(tr("learning-eval-intro-returned", { comment })),
      question("1.1", { total: 87, group: true, now: pts(10) }),
    ]);
    expect(member.buttons()).toEqual([...tenButtons, tr("btn-learning-eval-keep", { answer: pts(10) }), ...controls(false)]);
    for (const item of ["1.1", "1.2", "1.3", "2.1", "2.2"]) {
      expect(member.lastText()).toContain(tr("learning-eval-item", { item, points: 10, text: set.items[item as ItemId] }));
      await member.press("f:keep");
    }
    expect(member.lastText()).toBe(question("2.3", { total: 87, now: pts(5) }));
    await member.press("f:v:10"); // the fix
    expect(member.lastText()).toBe(question("3.1", { total: 92, group: true, now: tr("learning-eval-answer-yes"), note: "Có bàn học và đèn riêng cho hai cháu" }));
    await member.press("f:keep");
    await member.press("f:keep");
    await member.press("f:keep");
    expect(member.lastText()).toContain(tr("learning-eval-result", { name: c.family, total: 92, max: 100, grade: set.grade }));
    expect(await values()).toMatchObject({ "1.1": 10, "2.3": 10, "3.2": 12, "4.1": 15 });
    expect(await rows()).toHaveLength(9);

    await member.press("f:submit");
    expect(member.texts()[0]).toContain(tr("learning-eval-told", { count: 2 }));
    expect((await h.prisma.evaluation.findUniqueOrThrow({ where: { id: evaluationId } })).status).toBe("SUBMITTED");
    const notice = h.tg.botMessages(c.reviewerId).at(-1) as { text: string };
    expect(notice.text).toBe(
      tr("learning-notice-submitted-again", {
        by: c.member, model: tr("learning-model-FAMILY"), name: c.family, unit: unitName, year: "2026", total: 92, max: 100, grade: set.grade,
      }),
    );
  });

  it("a school under the TT22 test set: cancel keeps the answers, and the total reaches its grade", async () => {
    const reg = await h.services.learning.register(await h.person(c.schoolReporterId), {
      model: "UNIT", year: 2026, unitId: (await h.unit(c.branch)).id, name: c.school, village: null, memberCount: 30, own: false,
    });
    await schoolReporter.pressData(`le:${reg.id}`);
    expect(schoolReporter.texts()[0]).toContain(tr("learning-model-UNIT"));
    await schoolReporter.press("f:v:10");
    await schoolReporter.press("f:v:10");
    await schoolReporter.press("f:v:8");
    await schoolReporter.press("f:__cancel__"); // at 2.1: stops, the three answers stay
    expect(schoolReporter.lastText()).toBe(tr("learning-eval-stopped", { done: 3, items: 9 }));
    const evaluation = await h.prisma.evaluation.findFirstOrThrow({ where: { registrationId: reg.id } });
    expect(await values(evaluation.id)).toEqual({ "1.1": 10, "1.2": 10, "1.3": 8 });

    await schoolReporter.pressData(`le:${reg.id}`);
    const item21 = tr("learning-eval-item", { item: "2.1", points: 10, text: unitItemText("2.1", c.locale) });
    expect(schoolReporter.lastText()).toContain(item21);
    // /cancel typed at a question: stopped, and told truthfully that the answers are kept
    await schoolReporter.send("/cancel");
    expect(schoolReporter.lastText()).toBe(tr("flow-stopped-kept"));
    expect(await rows(evaluation.id)).toHaveLength(3);
    await schoolReporter.pressData(`le:${reg.id}`);
    expect(schoolReporter.lastText()).toContain(item21);
    // ✏️ Continue pressed again while the questions are open: the same question once more, nothing saved
    await schoolReporter.pressData(`le:${reg.id}`);
    expect(schoolReporter.texts()).toHaveLength(1);
    expect(schoolReporter.lastText()).toContain(item21);
    expect(await rows(evaluation.id)).toHaveLength(3);
    await schoolReporter.press("f:v:10");
    expect(schoolReporter.buttons().slice(0, 6)).toEqual(["0", "1", "2", "3", "4", "5"]); // 2.2: 5 points
    await schoolReporter.press("f:v:5");
    await schoolReporter.press("f:v:7");
    await schoolReporter.press("f:v:5");
    expect(schoolReporter.buttons().slice(0, 3)).toEqual(["0", "13", "25"]); // 3.1: 25 points
    await schoolReporter.send("30");
    expect(schoolReporter.lastText()).toBe(tr("learning-eval-points-above-max", { item: "3.1", max: 25 }));
    await schoolReporter.send("20");
    await schoolReporter.send(c.schoolLast);
    expect(schoolReporter.lastText()).toContain(tr("learning-eval-result", { name: c.school, total: c.schoolTotal, max: 100, grade: c.schoolGrade }));

    await schoolReporter.press("f:submit");
    expect(schoolReporter.texts()[0]).toContain(tr("learning-eval-told", { count: 1 })); // the other reporter of the branch
    const row = await h.prisma.evaluation.findUniqueOrThrow({ where: { id: evaluation.id } });
    expect([row.status, row.total, row.grade]).toEqual(["SUBMITTED", c.schoolTotal, c.locale === "vi" ? "TOT" : "KHA"]);
    expect(buttonData(h.tg.botMessages(c.reviewerId).at(-1))).toEqual([`lv:${evaluation.id}`]);
  });

  it("a year without criteria in force is explained", async () => {
    const reg = await h.services.learning.register(await h.person(c.memberId), {
      model: "FAMILY", year: 2027, unitId: (await h.unit(c.branch)).id, name: c.family, village: "Xóm Đồi", memberCount: 4, own: true,
    });
    await member.pressData(`le:${reg.id}`);
    expect(member.texts()).toEqual([tr("learning-eval-no-criteria", { model: tr("learning-model-FAMILY"), year: "2027" })]);
    expect(await h.prisma.evaluation.count({ where: { registrationId: reg.id } })).toBe(0);
  });
});
