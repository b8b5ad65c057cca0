import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCriteriaSet, type CriteriaSet } from "../../src/domain/criteria.ts";
import type { RegistrationInput } from "../../src/domain/learning.ts";
import type { Person } from "../../src/services/access.ts";
import { createServices } from "../../src/services/index.ts";
import type { UnitView } from "../../src/services/units.ts";
import { freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { expectServiceError } from "../helpers/errors.ts";
import { peopleMaker } from "../helpers/people.ts";

// ---- TEST DATA, not a regulation: criteria sets made up for these tests ----

const b = (vi: string, en: string) => ({ vi, en });

/**
 * A small family set (test data): 30 points; 1.1 yes/no 10, 1.2 points up
 * to 10, 2.1 a number (≥ 2 earns 5), 2.2 yes/no 5. Tốt ≥ 25, Khá ≥ 15.
 */
function testFamilySet(version = 1): CriteriaSet {
  const raw = {
    id: "test-gia-dinh", version,
    title: b(`Bộ tiêu chí thử nghiệm v${version}`, `Test criteria v${version}`),
    model: "FAMILY", legalBasis: "Dữ liệu thử nghiệm (test data)",
    years: { from: 2020, to: null }, status: "in_force", maxPoints: 30,
    groups: [
      {
        id: "1", title: b("Con cháu học tập", "Children's learning"), maxPoints: 20,
        items: [
          { id: "1.1", text: b("Trẻ trong độ tuổi đi học", "Children of school age attend school"), kind: "yes_no", points: 10 },
          { id: "1.2", text: b("Kết quả học tập", "Learning results"), kind: "points", points: 10, evidence: b("Sổ liên lạc", "School reports") },
        ],
      },
      {
        id: "2", title: b("Người lớn học tập", "Adults' learning"), maxPoints: 10,
        items: [
          { id: "2.1", text: b("Số chuyên đề đã học", "Topics studied"), kind: "number", points: 5, min: 2 },
          { id: "2.2", text: b("Biết chữ", "Literate"), kind: "yes_no", points: 5 },
        ],
      },
    ],
    rule: {
      kind: "bands",
      bands: [
        { grade: "TOT", label: b("Tốt", "Good"), min: 25, max: 30 },
        { grade: "KHA", label: b("Khá", "Fair"), min: 15, max: 25 },
      ],
    },
  };
  const parsed = checkCriteriaSet(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.set;
}

/** The shipped Thông tư 22/2020 draft, completed for the tests: item 3.2's text is TEST DATA, not the circular's. */
function testUnitSet(): CriteriaSet {
  const shipped = JSON.parse(readFileSync(new URL("../../criteria/don-vi-hoc-tap-tt22-2020.json", import.meta.url), "utf8")) as {
    groups: { items: { id: string; text: unknown; unknown?: boolean }[] }[];
  } & Record<string, unknown>;
  const item = shipped.groups[2]!.items.find((i) => i.id === "3.2")!;
  item.text = b("[dữ liệu thử nghiệm] mục 3.2", "[test data] item 3.2");
  delete item.unknown;
  const parsed = checkCriteriaSet({ ...shipped, id: "test-don-vi-tt22", status: "in_force" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.set;
}

/** Half and full answers of the family set. */
const FIRST_HALF = [["1.1", true], ["1.2", 7]] as const;

describe.each(TEST_DATABASES)("learning service on %s", (kind) => {
  let env: TestEnv;
  let admin: Person;
  let province: UnitView;
  let familySetId: number;
  let treeCount = 0;
  const { personWith } = peopleMaker(() => env, () => admin, 9000);

  const db = () => env.services.deps.db;
  const ls = () => env.services.learning;

  /** Stores a set as the criteria service would, and puts it in force for `years`. */
  async function storeSet(set: CriteriaSet, years: number[], status = set.status): Promise<number> {
    const content = { ...set, status };
    const row = await db().criteriaSet.create({
      data: {
        key: set.id, version: set.version, model: set.model, status, content,
        checksum: createHash("sha256").update(JSON.stringify(content)).digest("hex"), source: "test",
      },
    });
    for (const year of years) {
      await db().criteriaInForce.upsert({
        where: { model_year: { model: set.model, year } },
        create: { model: set.model, year, criteriaSetId: row.id },
        update: { criteriaSetId: row.id },
      });
    }
    return row.id;
  }

  beforeAll(async () => {
    env = await freshServices(kind);
    admin = await env.services.access.loadPerson(1);
    province = await env.services.units.createUnit(admin, { parentId: null, name: "Tỉnh Phú Thọ", kind: "PROVINCE" });
    // In force for 2026 only: 2027 has no set (a year without a set in force).
    familySetId = await storeSet(testFamilySet(), [2026]);
    await storeSet(testUnitSet(), [2026]);
  });
  afterAll(async () => {
    await env.db.close();
  });

  /**
   *   province ─┬─ commune (communeCoord) ─┬─ branch (branchCoord; reporter; member, member2: MEMBER)
   *             │                           └─ branch2 (reporter2)
   *             └─ otherCommune (otherCoord) ── otherBranch (otherMember)
   */
  async function tree() {
    const n = ++treeCount;
    const { createUnit } = env.services.units;
    const commune = await createUnit(admin, { parentId: province.id, name: `Xã Mãn Đức ${n}`, kind: "COMMUNE" });
    const branch = await createUnit(admin, { parentId: commune.id, name: `Chi hội thôn Bưng ${n}`, kind: "BRANCH" });
    const branch2 = await createUnit(admin, { parentId: commune.id, name: `Chi hội thôn Chiềng ${n}`, kind: "BRANCH" });
    const otherCommune = await createUnit(admin, { parentId: province.id, name: `Xã Tân Lạc ${n}`, kind: "COMMUNE" });
    const otherBranch = await createUnit(admin, { parentId: otherCommune.id, name: `Chi hội thôn Mường ${n}`, kind: "BRANCH" });
    return {
      commune, branch, branch2, otherCommune, otherBranch,
      communeCoord: await personWith("COORDINATOR", commune.id),
      branchCoord: await personWith("COORDINATOR", branch.id),
      reporter: await personWith("REPORTER", branch.id),
      member: await personWith("MEMBER", branch.id, "en"),
      member2: await personWith("MEMBER", branch.id),
      reporter2: await personWith("REPORTER", branch2.id),
      otherCoord: await personWith("COORDINATOR", otherCommune.id),
      otherMember: await personWith("MEMBER", otherBranch.id),
    };
  }

  const family = (unitId: number, change: Partial<RegistrationInput> = {}): RegistrationInput => ({
    model: "FAMILY", year: 2026, unitId, name: "Nguyễn Văn An", village: "Thôn Bưng", memberCount: 5, own: false, ...change,
  });

  /** A family registered by the branch's reporter, evaluated in full (22 points: Khá) and submitted. */
  async function submittedFamily(t: Awaited<ReturnType<typeof tree>>, name: string) {
    const reg = await ls().register(t.reporter, family(t.branch.id, { name }));
    const ev = await ls().startEvaluation(t.reporter, reg.id);
    for (const [item, value] of [...FIRST_HALF, ["2.1", 3], ["2.2", false]] as const) await ls().answerItem(t.reporter, ev.id, item, value);
    return (await ls().submitEvaluation(t.reporter, ev.id)).evaluation;
  }

  const answerRows = (evaluationId: number) => db().evaluationAnswer.findMany({ where: { evaluationId }, orderBy: { itemId: "asc" } });

  it("goes register → evaluate half → restart → resume and finish → submit → return → fix → submit → approve → recognise, and counts it", async () => {
    const t = await tree();

    // A member registers their own family at the start of the year.
    const reg = await ls().register(t.member, family(t.branch.id, { own: true, name: "Trần Thị Bình", memberCount: 4 }));
    expect(reg).toMatchObject({ model: "FAMILY", year: 2026, unitName: t.branch.name, name: "Trần Thị Bình", memberTelegramId: t.member.telegramId, evaluation: null });

    // Self-evaluation against the set in force, half of it answered.
    let ev = await ls().startEvaluation(t.member, reg.id);
    expect(ev).toMatchObject({
      status: "IN_PROGRESS", set: { id: familySetId, key: "test-gia-dinh", version: 1 }, total: 0, max: 30, nextItemId: "1.1",
      canAnswer: true, canSubmit: false, canReview: false, canRecognise: false,
    });
    expect(ev.items.map((i) => [i.id, i.groupId, i.kind, i.points])).toEqual([
      ["1.1", "1", "yes_no", 10], ["1.2", "1", "points", 10], ["2.1", "2", "number", 5], ["2.2", "2", "yes_no", 5],
    ]);
    expect(ev.items[1]).toMatchObject({ text: { vi: "Kết quả học tập" }, evidence: { en: "School reports" }, value: null });
    ev = await ls().answerItem(t.member, ev.id, "1.1", true);
    ev = await ls().answerItem(t.member, ev.id, "1.2", 7, { note: "Cháu đạt học sinh khá", photoFileId: "AgACAgUAAxkBAAIB" });
    expect(ev).toMatchObject({ total: 17, grade: "KHA", gradeLabel: { vi: "Khá" }, nextItemId: "2.1", canSubmit: false });
    expect(ev.score.groups).toEqual([{ id: "1", total: 17, max: 20 }, { id: "2", total: 0, max: 10 }]);
    expect(ev.score.missed).toEqual(["1.2"]);

    // The bot restarts: a new services object on the same database.
    const restarted = createServices({ db: env.db.prisma, adminTelegramIds: [1], now: () => env.clock.now });
    const member = await restarted.access.loadPerson(t.member.telegramId);
    expect((await restarted.learning.myRegistrations(member))[0]).toMatchObject({ id: reg.id, evaluation: { id: ev.id, status: "IN_PROGRESS", total: 17 } });
    ev = await restarted.learning.startEvaluation(member, reg.id); // resumes, never a second evaluation
    expect(ev).toMatchObject({ total: 17, nextItemId: "2.1", answers: { "1.1": true, "1.2": 7 } });
    expect(ev.items[1]).toMatchObject({ value: 7, met: false, note: "Cháu đạt học sinh khá", photoFileId: "AgACAgUAAxkBAAIB" });
    ev = await restarted.learning.answerItem(member, ev.id, "2.1", 3);
    ev = await restarted.learning.answerItem(member, ev.id, "2.2", false);
    expect(ev).toMatchObject({ total: 22, grade: "KHA", nextItemId: null, canSubmit: true });
    expect(await db().evaluation.count({ where: { registrationId: reg.id } })).toBe(1);

    // Submitted: the branch's reporter and coordinator are told, not the family.
    const sent = await restarted.learning.submitEvaluation(member, ev.id);
    expect(sent.evaluation).toMatchObject({ status: "SUBMITTED", canAnswer: false, submittedByTelegramId: t.member.telegramId });
    expect(sent.notify.map((r) => r.telegramId).sort()).toEqual([t.branchCoord.telegramId, t.reporter.telegramId].sort());
    await expectServiceError(ls().answerItem(t.member, ev.id, "2.2", true), "evaluation_not_open");

    // The reporter sees it waiting and returns it with a comment.
    const queue = await ls().pendingReviews(t.reporter, t.branch.id, 2026);
    expect(queue.map((e) => [e.id, e.canReview, e.total, e.max])).toEqual([[ev.id, true, 22, 30]]);
    await expectServiceError(ls().reviewEvaluation(t.reporter, ev.id, "RETURNED", null, queue[0]!.updatedAt), "bad_input", { fields: "comment" });
    const returned = await ls().reviewEvaluation(t.reporter, ev.id, "RETURNED", "Mục 2.2: bà đã đi học lớp xoá mù, xin sửa lại", queue[0]!.updatedAt);
    expect(returned.evaluation).toMatchObject({ status: "RETURNED", reviewComment: "Mục 2.2: bà đã đi học lớp xoá mù, xin sửa lại" });
    expect(returned.notify).toEqual([{ telegramId: t.member.telegramId, language: "en" }]);

    // The family fixes the answer and sends it again.
    ev = await ls().answerItem(t.member, ev.id, "2.2", true);
    expect(ev).toMatchObject({ status: "RETURNED", total: 27, grade: "TOT", canSubmit: true });
    const staleVersion = returned.evaluation.updatedAt;
    ev = (await ls().submitEvaluation(t.member, ev.id)).evaluation;
    expect(ev.status).toBe("SUBMITTED");

    // A reviewer deciding on what they saw before the fix is stopped; on the new version it goes through.
    await expectServiceError(ls().reviewEvaluation(t.branchCoord, ev.id, "APPROVED", null, staleVersion), "evaluation_changed");
    const approved = await ls().reviewEvaluation(t.branchCoord, ev.id, "APPROVED", null, ev.updatedAt);
    // Recognition is for the level above the branch (the commune), not the branch's own coordinator.
    expect(approved.evaluation).toMatchObject({ status: "APPROVED", total: 27, grade: "TOT", canRecognise: false });
    expect((await ls().getEvaluation(t.communeCoord, ev.id)).canRecognise).toBe(true);
    expect((await ls().getEvaluation(t.reporter, ev.id)).canRecognise).toBe(false);
    expect(approved.notify.map((r) => r.telegramId)).toEqual([t.member.telegramId]);

    // The commune's coordinator recognises it.
    expect((await ls().approvedToRecognise(t.communeCoord, t.commune.id, 2026)).map((e) => [e.id, e.canRecognise])).toEqual([[ev.id, true]]);
    const recognised = await ls().recogniseEvaluations(t.communeCoord, [ev.id]);
    expect(recognised.evaluations).toMatchObject([{ id: ev.id, status: "RECOGNISED", grade: "TOT", gradeLabel: { en: "Good" } }]);
    expect(recognised.notify).toEqual([{ telegramId: t.member.telegramId, language: "en", evaluationId: ev.id }]);
    expect(await ls().getEvaluation(t.member, ev.id)).toMatchObject({ status: "RECOGNISED", canAnswer: false, set: { version: 1 } });

    // Every step is in the audit log.
    const actions = (await db().auditLog.findMany({ where: { entity: "Evaluation", entityId: String(ev.id) }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual([
      "learning.evaluation.start",
      ...Array<string>(4).fill("learning.evaluation.answer"),
      "learning.evaluation.submit", "learning.evaluation.review",
      "learning.evaluation.answer", "learning.evaluation.submit", "learning.evaluation.review", "learning.evaluation.recognise",
    ]);
    expect(await db().auditLog.count({ where: { action: "learning.register", entityId: String(reg.id) } })).toBe(1);

    // The figures: two more families (one evaluating, one not started) and a school under Thông tư 22.
    const started = await ls().register(t.reporter, family(t.branch.id, { name: "Lê Văn Cường" }));
    await ls().startEvaluation(t.reporter, started.id);
    await ls().register(t.reporter, family(t.branch.id, { name: "Phạm Thị Dung" }));
    const school = await ls().register(t.reporter, { model: "UNIT", year: 2026, unitId: t.branch.id, name: "Trường THCS Mãn Đức", village: null, memberCount: 40, own: false });
    let unitEv = await ls().startEvaluation(t.reporter, school.id);
    expect(unitEv).toMatchObject({ set: { key: "test-don-vi-tt22" }, max: 100 });
    for (const item of unitEv.items) unitEv = await ls().answerItem(t.reporter, unitEv.id, item.id, item.id === "2.4" ? 0 : item.points);
    expect(unitEv).toMatchObject({ total: 95, grade: "TOT", gradeLabel: { vi: "Tốt" } });
    await expectServiceError(ls().answerItem(t.reporter, unitEv.id, "3.1", 26), "bad_answer", { item: "3.1", reason: "points_above_max", max: 25 });
    unitEv = (await ls().submitEvaluation(t.reporter, unitEv.id)).evaluation;
    await ls().reviewEvaluation(t.branchCoord, unitEv.id, "APPROVED", null, unitEv.updatedAt);

    const stats = await ls().learningStats(t.communeCoord, t.commune.id, 2026);
    expect(stats.models).toEqual([
      { model: "FAMILY", registered: 3, selfEvaluated: 1, approved: 1, recognised: 1, selfEvaluatedPercent: 33.3, approvedPercent: 33.3, recognisedPercent: 33.3 },
      { model: "CLAN", registered: 0, selfEvaluated: 0, approved: 0, recognised: 0, selfEvaluatedPercent: null, approvedPercent: null, recognisedPercent: null },
      { model: "COMMUNITY", registered: 0, selfEvaluated: 0, approved: 0, recognised: 0, selfEvaluatedPercent: null, approvedPercent: null, recognisedPercent: null },
      { model: "UNIT", registered: 1, selfEvaluated: 1, approved: 1, recognised: 0, selfEvaluatedPercent: 100, approvedPercent: 100, recognisedPercent: 0 },
    ]);
    expect(stats).toMatchObject({ branches: 2, notStarted: [{ unitId: t.branch2.id, unitName: t.branch2.name }] });
    // Another year: nothing registered, every branch not started.
    expect((await ls().learningStats(t.communeCoord, t.commune.id, 2027)).notStarted.map((u) => u.unitId)).toEqual([t.branch.id, t.branch2.id]);
    // A branch's figures are its own; a member does not see figures; a coordinator elsewhere neither.
    expect((await ls().learningStats(t.reporter2, t.branch2.id, 2026)).models[0]).toMatchObject({ registered: 0 });
    await expectServiceError(ls().learningStats(t.member2, t.branch.id, 2026), "forbidden");
    await expectServiceError(ls().learningStats(t.otherCoord, t.commune.id, 2026), "forbidden");

    // Members see the unit's registrations (names, not sensitive).
    expect(await ls().listRegistrations(t.member2, t.branch.id, 2026)).toHaveLength(4);
    // By unit, then by name without accents.
    expect((await ls().listRegistrations(t.communeCoord, t.commune.id, 2026)).map((r) => r.name)).toEqual(
      ["Lê Văn Cường", "Phạm Thị Dung", "Trần Thị Bình", "Trường THCS Mãn Đức"],
    );
    await expectServiceError(ls().listRegistrations(t.member2, t.commune.id, 2026), "forbidden");
    expect((await ls().listRegistrations(t.member2, t.branch.id, 2026, "UNIT")).map((r) => r.name)).toEqual(["Trường THCS Mãn Đức"]);
    await expectServiceError(ls().listRegistrations(t.otherMember, t.branch.id, 2026), "forbidden");
  });

  it("refuses to evaluate a family that is not registered", async () => {
    const t = await tree();
    await expectServiceError(ls().startEvaluation(t.reporter, 999_999), "registration_not_found");
    await expectServiceError(ls().getEvaluation(t.reporter, 999_999), "evaluation_not_found");
    await expectServiceError(ls().answerItem(t.reporter, 999_999, "1.1", true), "evaluation_not_found");
    await expectServiceError(ls().startEvaluation(t.reporter, -1), "bad_input");
  });

  it("refuses a second registration of the same family for the same year, whatever the accents and case", async () => {
    const t = await tree();
    const first = await ls().register(t.reporter, family(t.branch.id));
    await expectServiceError(ls().register(t.reporter, family(t.branch.id)), "already_registered", { name: "Nguyễn Văn An", unit: t.branch.name, year: 2026 });
    await expectServiceError(ls().register(t.branchCoord, family(t.branch.id, { name: "NGUYEN VAN AN", village: "thon bung" })), "already_registered");
    await expectServiceError(ls().register(t.reporter, family(t.branch.id, { name: "  nguyễn  văn  ân", village: "Thôn  Bưng " })), "already_registered");
    // Two presses at once: one registration.
    const pressed = await Promise.allSettled([
      ls().register(t.reporter, family(t.branch.id, { name: "Hoàng Văn Em" })),
      ls().register(t.reporter, family(t.branch.id, { name: "Hoàng Văn Em" })),
    ]);
    expect(pressed.map((p) => p.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db().learningRegistration.count({ where: { unitId: t.branch.id, year: 2026 } })).toBe(2);

    // Not the same family: another village, another year, another model.
    await ls().register(t.reporter, family(t.branch.id, { village: "Thôn Chiềng" }));
    await ls().register(t.reporter, family(t.branch.id, { year: 2027 }));
    await ls().register(t.reporter, family(t.branch.id, { model: "CLAN", name: "Dòng họ Nguyễn Văn", village: null, memberCount: null }));
    expect("searchKey" in first).toBe(false); // the view does not carry the key

    // One own family per person, model and year.
    await ls().register(t.member, family(t.branch.id, { own: true, name: "Trần Thị Bình" }));
    await expectServiceError(ls().register(t.member, family(t.branch.id, { own: true, name: "Trần Văn Bảo", village: "Xóm Mới" })), "already_registered", { name: "Trần Thị Bình" });
    await ls().register(t.member, family(t.branch.id, { own: true, name: "Trần Thị Bình", year: 2027 }));
  });

  it("checks who registers, where and for which year", async () => {
    const t = await tree();
    // A member registers only their own family; reporters register for others.
    await expectServiceError(ls().register(t.member, family(t.branch.id)), "forbidden");
    await expectServiceError(ls().register(t.otherMember, family(t.branch.id, { own: true })), "forbidden");
    await expectServiceError(ls().register(t.reporter2, family(t.branch.id)), "forbidden");
    await expectServiceError(ls().register(t.member, family(t.branch.id, { own: true, model: "CLAN", name: "Dòng họ Trần" })), "bad_input", { fields: "own" });
    await expectServiceError(ls().register(t.reporter, family(t.branch.id, { name: "Nguyễn 3" })), "bad_input", { fields: "name" });
    await expectServiceError(ls().register(t.reporter, family(t.branch.id, { memberCount: 51 })), "bad_input", { fields: "memberCount" });
    // This calendar year (2026 in Vietnam) or the next; never a past one.
    await expectServiceError(ls().register(t.reporter, family(t.branch.id, { year: 2025 })), "registration_year", { year: 2025, from: 2026, to: 2027 });
    await expectServiceError(ls().register(t.reporter, family(t.branch.id, { year: 2028 })), "registration_year");
    // On 31/12 at 18:00 UTC it is already 2027 in Vietnam.
    env.clock.now = new Date("2026-12-31T18:00:00Z");
    try {
      await expectServiceError(ls().register(t.reporter, family(t.branch.id, { year: 2026 })), "registration_year", { from: 2027, to: 2028 });
    } finally {
      env.clock.now = new Date("2026-11-29T03:00:00Z");
    }
    // A coordinator above registers anywhere in the subtree; not in a unit merged away.
    await ls().register(t.communeCoord, family(t.branch2.id));
    await env.services.units.mergeUnit(admin, t.branch2.id, t.branch.id);
    await expectServiceError(ls().register(t.communeCoord, family(t.branch2.id, { name: "Đỗ Văn Giang" })), "unit_retired");
    expect(await db().learningRegistration.count({ where: { unit: { path: { startsWith: t.commune.path } } } })).toBe(1);
  });

  it("saves one answer per item: a second answer replaces the first and the total follows", async () => {
    const t = await tree();
    const reg = await ls().register(t.reporter, family(t.branch.id));
    const ev = await ls().startEvaluation(t.reporter, reg.id);
    await ls().answerItem(t.reporter, ev.id, "1.2", 4, { note: "Sổ liên lạc" });
    let view = await ls().answerItem(t.reporter, ev.id, "1.2", 9);
    expect(view).toMatchObject({ total: 9, answers: { "1.2": 9 } });
    expect(view.items.find((i) => i.id === "1.2")).toMatchObject({ value: 9, note: "Sổ liên lạc" }); // evidence kept when not given
    view = await ls().answerItem(t.reporter, ev.id, "1.2", 10, { note: null });
    expect(view.items.find((i) => i.id === "1.2")).toMatchObject({ value: 10, met: true, note: null });
    // A double press: both saved answers land on one row.
    await Promise.all([ls().answerItem(t.reporter, ev.id, "1.1", true), ls().answerItem(t.reporter, ev.id, "1.1", true)]);
    await ls().answerItem(t.reporter, ev.id, "1.1", false);
    const rows = await answerRows(ev.id);
    expect(rows.map((r) => [r.itemId, r.value])).toEqual([["1.1", false], ["1.2", 10]]);
    const stored = await db().evaluation.findUniqueOrThrow({ where: { id: ev.id } });
    expect([stored.total, stored.grade]).toEqual([10, null]);
    expect((await ls().getEvaluation(t.reporter, ev.id)).total).toBe(10);
  });

  it("refuses points above an item's maximum and answers of the wrong kind, changing nothing", async () => {
    const t = await tree();
    const reg = await ls().register(t.reporter, family(t.branch.id));
    const ev = await ls().startEvaluation(t.reporter, reg.id);
    await ls().answerItem(t.reporter, ev.id, "1.2", 6);
    await expectServiceError(ls().answerItem(t.reporter, ev.id, "1.2", 11), "bad_answer", { item: "1.2", reason: "points_above_max", max: 10 });
    await expectServiceError(ls().answerItem(t.reporter, ev.id, "1.2", 2.5), "bad_answer", { reason: "not_integer" });
    await expectServiceError(ls().answerItem(t.reporter, ev.id, "1.2", -1), "bad_answer", { reason: "negative" });
    await expectServiceError(ls().answerItem(t.reporter, ev.id, "1.1", 10), "bad_answer", { item: "1.1", reason: "wrong_kind" });
    await expectServiceError(ls().answerItem(t.reporter, ev.id, "2.1", true), "bad_answer", { reason: "wrong_kind" });
    await expectServiceError(ls().answerItem(t.reporter, ev.id, "9.9", true), "bad_answer", { item: "9.9", reason: "no_such_item" });
    await expectServiceError(ls().answerItem(t.reporter, ev.id, "1.1", true, { photoFileId: "not a file id" }), "bad_input");
    expect((await answerRows(ev.id)).map((r) => [r.itemId, r.value])).toEqual([["1.2", 6]]);
    expect((await db().evaluation.findUniqueOrThrow({ where: { id: ev.id } })).total).toBe(6);
    // Sending before every item is answered.
    await expectServiceError(ls().submitEvaluation(t.reporter, ev.id), "evaluation_incomplete", { count: 3 });
  });

  it("lets only the family and those over its unit evaluate", async () => {
    const t = await tree();
    const own = await ls().register(t.member, family(t.branch.id, { own: true }));
    await expectServiceError(ls().startEvaluation(t.member2, own.id), "forbidden");
    await expectServiceError(ls().startEvaluation(t.otherCoord, own.id), "forbidden");
    const ev = await ls().startEvaluation(t.reporter, own.id); // a reporter helps the family
    expect((await ls().startEvaluation(t.member, own.id)).id).toBe(ev.id);
    await expectServiceError(ls().answerItem(t.member2, ev.id, "1.1", true), "forbidden");
    await expectServiceError(ls().getEvaluation(t.member2, ev.id), "forbidden");
    await expectServiceError(ls().submitEvaluation(t.reporter2, ev.id), "forbidden");
    const forOthers = await ls().register(t.reporter, family(t.branch.id, { name: "Vũ Thị Hoa" }));
    await expectServiceError(ls().startEvaluation(t.member, forOthers.id), "forbidden");
  });

  it("refuses approving outside one's subtree, reviewing one's own submission (unless coordinating), and a stale or repeated decision", async () => {
    const t = await tree();
    const ev = await submittedFamily(t, "Nguyễn Văn An");
    await expectServiceError(ls().reviewEvaluation(t.otherCoord, ev.id, "APPROVED", null, ev.updatedAt), "forbidden");
    await expectServiceError(ls().reviewEvaluation(t.reporter2, ev.id, "APPROVED", null, ev.updatedAt), "forbidden");
    await expectServiceError(ls().reviewEvaluation(t.member, ev.id, "APPROVED", null, ev.updatedAt), "forbidden");
    await expectServiceError(ls().reviewEvaluation(t.reporter, ev.id, "APPROVED", null, ev.updatedAt), "self_review");
    expect(await ls().pendingReviews(t.reporter, t.branch.id, 2026)).toEqual([]);
    await expectServiceError(ls().pendingReviews(t.otherCoord, t.branch.id, 2026), "forbidden");
    await expectServiceError(ls().getEvaluation(t.otherCoord, ev.id), "forbidden");
    expect((await db().evaluation.findUniqueOrThrow({ where: { id: ev.id } })).status).toBe("SUBMITTED");

    const rejected = await ls().reviewEvaluation(t.communeCoord, ev.id, "REJECTED", "Gia đình không ở địa bàn", ev.updatedAt);
    expect(rejected.evaluation).toMatchObject({ status: "REJECTED", canAnswer: false });
    expect(rejected.notify.map((r) => r.telegramId)).toEqual([t.reporter.telegramId]);
    await expectServiceError(ls().reviewEvaluation(t.branchCoord, ev.id, "APPROVED", null, rejected.evaluation.updatedAt), "evaluation_not_submitted");

    // A coordinator who sent an evaluation may still review it (one person often does everything in a branch).
    const reg = await ls().register(t.branchCoord, family(t.branch.id, { name: "Bùi Văn Khánh" }));
    let mine = await ls().startEvaluation(t.branchCoord, reg.id);
    for (const [item, value] of [...FIRST_HALF, ["2.1", 1], ["2.2", true]] as const) mine = await ls().answerItem(t.branchCoord, mine.id, item, value);
    const sent = await ls().submitEvaluation(t.branchCoord, mine.id);
    expect(sent.notify.map((r) => r.telegramId)).toEqual([t.reporter.telegramId]); // never the sender
    expect(sent.evaluation.canReview).toBe(true);
    expect((await ls().reviewEvaluation(t.branchCoord, mine.id, "APPROVED", null, sent.evaluation.updatedAt)).evaluation.status).toBe("APPROVED");
  });

  it("recognises approved evaluations only, all of a list or none", async () => {
    const t = await tree();
    const a = await submittedFamily(t, "Nguyễn Văn An");
    const approved = (await ls().reviewEvaluation(t.branchCoord, a.id, "APPROVED", null, a.updatedAt)).evaluation;
    const stillSubmitted = await submittedFamily(t, "Lê Thị Lan");

    await expectServiceError(ls().recogniseEvaluations(t.communeCoord, [stillSubmitted.id]), "not_approved", { name: "Lê Thị Lan", status: "SUBMITTED" });
    await expectServiceError(ls().recogniseEvaluations(t.communeCoord, [approved.id, stillSubmitted.id]), "not_approved");
    expect((await db().evaluation.findUniqueOrThrow({ where: { id: approved.id } })).status).toBe("APPROVED");
    await expectServiceError(ls().recogniseEvaluations(t.reporter, [approved.id]), "forbidden");
    await expectServiceError(ls().recogniseEvaluations(t.branchCoord, [approved.id]), "forbidden"); // the branch reviews, the commune recognises
    expect(await ls().approvedToRecognise(t.branchCoord, t.branch.id, 2026)).toEqual([]);
    await expectServiceError(ls().recogniseEvaluations(t.otherCoord, [approved.id]), "forbidden");
    await expectServiceError(ls().recogniseEvaluations(t.communeCoord, [approved.id, 999_999]), "evaluation_not_found");
    await expectServiceError(ls().recogniseEvaluations(t.communeCoord, []), "bad_input");

    const second = (await ls().reviewEvaluation(t.branchCoord, stillSubmitted.id, "APPROVED", null, stillSubmitted.updatedAt)).evaluation;
    const done = await ls().recogniseEvaluations(t.communeCoord, [second.id, approved.id, approved.id]);
    // In id order: the first family was registered first.
    expect(done.evaluations.map((e) => [e.id, e.status])).toEqual([[approved.id, "RECOGNISED"], [second.id, "RECOGNISED"]]);
    expect(done.notify.map((n) => [n.telegramId, n.evaluationId])).toEqual([[t.reporter.telegramId, approved.id], [t.reporter.telegramId, second.id]]);
    // Recognised once: not again.
    await expectServiceError(ls().recogniseEvaluations(t.communeCoord, [approved.id]), "not_approved", { status: "RECOGNISED" });
    expect(await ls().approvedToRecognise(t.communeCoord, t.commune.id, 2026)).toEqual([]);
  });

  it("gives the certificate's facts of a recognised evaluation only, to whoever may see it, naming the unit that recognised it", async () => {
    const t = await tree();
    const submitted = await submittedFamily(t, "Hà Thị Mai");
    await expectServiceError(ls().certificateOf(t.reporter, submitted.id), "not_recognised", { name: "Hà Thị Mai" });
    const approved = (await ls().reviewEvaluation(t.branchCoord, submitted.id, "APPROVED", null, submitted.updatedAt)).evaluation;
    await expectServiceError(ls().certificateOf(t.reporter, approved.id), "not_recognised");
    await ls().recogniseEvaluations(t.communeCoord, [approved.id]);

    for (const who of [t.reporter, t.branchCoord, t.communeCoord, admin]) {
      const { evaluation, issuer } = await ls().certificateOf(who, approved.id);
      expect(issuer).toBe(t.commune.name); // the commune's coordinator recognised it
      expect(evaluation).toMatchObject({ status: "RECOGNISED", total: 22, max: 30, grade: "KHA", registration: { name: "Hà Thị Mai", unitName: t.branch.name, year: 2026 } });
    }
    await expectServiceError(ls().certificateOf(t.otherCoord, approved.id), "forbidden");
    await expectServiceError(ls().certificateOf(t.member2, approved.id), "forbidden"); // another family of the branch
    await expectServiceError(ls().certificateOf(t.reporter, 999_999), "evaluation_not_found");

    // Recognised by an administrator (no coordinator role on the way): the unit just above the branch.
    const second = await submittedFamily(t, "Vì Văn Páo");
    await ls().reviewEvaluation(t.branchCoord, second.id, "APPROVED", null, second.updatedAt);
    await ls().recogniseEvaluations(admin, [second.id]);
    expect((await ls().certificateOf(t.reporter, second.id)).issuer).toBe(t.commune.name);
  });

  it("needs a set in force for the model and year; a set only loaded (a draft) does not count; results keep their version", async () => {
    const t = await tree();
    // 2027: no set in force for families. A draft loaded but never chosen changes nothing.
    const shippedDraft = JSON.parse(readFileSync(new URL("../../criteria/gia-dinh-hoc-tap-448.json", import.meta.url), "utf8")) as Record<string, unknown>;
    await db().criteriaSet.create({
      data: { key: String(shippedDraft.id), version: 99, model: "FAMILY", status: "draft", content: shippedDraft as object, checksum: "draft", source: "test" },
    });
    const next = await ls().register(t.reporter, family(t.branch.id, { year: 2027 }));
    await expectServiceError(ls().startEvaluation(t.reporter, next.id), "no_criteria_in_force", { model: "FAMILY", year: 2027 });
    const clan = await ls().register(t.reporter, family(t.branch.id, { model: "CLAN", name: "Dòng họ Nguyễn", village: null, memberCount: null }));
    await expectServiceError(ls().startEvaluation(t.reporter, clan.id), "no_criteria_in_force", { model: "CLAN", year: 2026 });
    expect(await db().evaluation.count({ where: { registrationId: { in: [next.id, clan.id] } } })).toBe(0);

    // Version 2 is put in force for 2026 (and 2027): the evaluation begun under version 1 keeps it.
    const reg = await ls().register(t.reporter, family(t.branch.id, { name: "Đặng Văn Minh" }));
    const old = await ls().startEvaluation(t.reporter, reg.id);
    expect(old.set.version).toBe(1);
    await storeSet(testFamilySet(2), [2026, 2027]);
    try {
      expect((await ls().answerItem(t.reporter, old.id, "1.1", true)).set).toMatchObject({ id: familySetId, version: 1 });
      const fresh = await ls().startEvaluation(t.reporter, next.id);
      expect(fresh.set).toMatchObject({ key: "test-gia-dinh", version: 2 });
    } finally {
      await db().criteriaInForce.update({ where: { model_year: { model: "FAMILY", year: 2026 } }, data: { criteriaSetId: familySetId } });
      await db().criteriaInForce.delete({ where: { model_year: { model: "FAMILY", year: 2027 } } });
    }
  });
});
