// The learning models' home, figures and cards in the chat (issue 5), in
// Vietnamese and in English, with criteria in force and evaluations made
// through the services in every status: a member's home with the score of
// their family and a button to its card (missed items listed); a reporter's
// home with continue / view / self-evaluate buttons and their branch's
// figures; the commune coordinator's figures (counts and percentages per
// model, the branches not started), the list of registrations with numbered
// buttons, the cards with review and recognise buttons; a member asking for
// another commune's figures refused politely.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer, LearningModel } from "../../src/domain/criteria.ts";
import { searchKey } from "../../src/domain/text.ts";
import type { EvaluationView } from "../../src/services/learning.ts";
import { versionToken } from "../../src/bot/conversations/piggy-text.ts";
import { ADMIN_ID, type BotHarness, startHarness, t } from "../helpers/bot.ts";
import { criteriaInForce } from "../helpers/learning.ts";
import type { L } from "../helpers/piggy.ts";
import type { TestChat } from "../helpers/telegram.ts";

let h: BotHarness;
beforeAll(async () => {
  h = await startHarness();
  h.env.clock.now = new Date("2026-11-29T03:00:00Z");
  await criteriaInForce(h.services, ADMIN_ID, 2026);
});
afterAll(async () => {
  await h.close();
});

type State = "none" | "in_progress" | "submitted" | "approved" | "recognised";
interface Entry {
  name: string;
  model: LearningModel;
  by: "member" | "reporter";
  state: State;
}

// 90 points (2.3 and 4.1 missed), 100 points, 70 points (3.1, 3.2 and 4.1 missed): all "DAT" (70–100).
const ANSWERS_90: Record<string, Answer> = { "1.1": 10, "1.2": 10, "1.3": 10, "2.1": 10, "2.2": 10, "2.3": 5, "3.1": true, "3.2": 12, "4.1": 15 };
const ANSWERS_100: Record<string, Answer> = { ...ANSWERS_90, "2.3": 10, "4.1": 20 };
const ANSWERS_70: Record<string, Answer> = { ...ANSWERS_100, "3.1": false, "3.2": 5, "4.1": 10 };

const runs = [
  {
    locale: "vi" as L, memberId: 2201, reporterId: 2202, coordinatorId: 2203, outsiderId: 2204,
    commune: "HB-TL-MD", branch: "HB-TL-MD-01", communeName: "Xã Mãn Đức", branchName: "Chi hội xóm Đồi, xã Mãn Đức", outsiderBranch: "HB-MC-CC-01",
    setTitle: "DỮ LIỆU THỬ — Gia đình học tập (không phải văn bản thật)", grade: "Đạt",
    groups: ["1. Việc học của con em trong gia đình", "2. Việc học của người lớn trong gia đình", "3. Điều kiện học tập của gia đình", "4. Tác dụng của việc học tập đối với đời sống gia đình"],
    missed: { "2.3": "MỤC THỬ NGHIỆM 2.3 — không phải nội dung văn bản", "4.1": "MỤC THỬ NGHIỆM 4.1 — việc học giúp cải thiện đời sống" },
    entries: [
      { name: "Bùi Thị Hoa", model: "FAMILY", by: "member", state: "recognised" },
      { name: "Hà Văn Tuấn", model: "FAMILY", by: "reporter", state: "approved" },
      { name: "Đinh Thị Lan", model: "FAMILY", by: "reporter", state: "in_progress" },
      { name: "Lò Văn Minh", model: "FAMILY", by: "reporter", state: "submitted" },
      { name: "Trường Tiểu học Mãn Đức", model: "UNIT", by: "reporter", state: "none" },
    ] as Entry[],
    // FAMILY: 4 registered, 3 sent (75%), 2 approved (50%), 1 recognised (25%); UNIT: 1, none evaluated.
    figures: [
      { model: "FAMILY", registered: "4", selfEvaluated: "3", selfEvaluatedPercent: "75%", approved: "2", approvedPercent: "50%", recognised: "1", recognisedPercent: "25%" },
      { model: "UNIT", registered: "1", selfEvaluated: "0", selfEvaluatedPercent: "0%", approved: "0", approvedPercent: "0%", recognised: "0", recognisedPercent: "0%" },
    ],
    notStarted: ["Chi hội xóm Bưng"], branches: 2,
  },
  {
    locale: "en" as L, memberId: 2211, reporterId: 2212, coordinatorId: 2213, outsiderId: 2214,
    commune: "HB-MC-CC", branch: "HB-MC-CC-01", communeName: "Xã Chiềng Châu", branchName: "Chi hội bản Lác", outsiderBranch: "HB-TL-MD-01",
    setTitle: "TEST DATA — Learning family (not a real regulation)", grade: "Recognised",
    groups: ["1. The children's learning", "2. The adults' learning", "3. The family's learning conditions", "4. The effect of learning on the family's life"],
    missed: { "2.3": "TEST ITEM 2.3 — not the regulation's text", "4.1": "TEST ITEM 4.1 — learning improved the family's life" },
    entries: [
      { name: "Lò Thị Mai", model: "FAMILY", by: "member", state: "recognised" },
      { name: "Hà Văn Thắng", model: "FAMILY", by: "reporter", state: "approved" },
      { name: "Lường Thị Xuân", model: "FAMILY", by: "reporter", state: "in_progress" },
    ] as Entry[],
    // 3 registered, 2 sent (66.7%), 2 approved (66.7%), 1 recognised (33.3%); no other model shown.
    figures: [
      { model: "FAMILY", registered: "3", selfEvaluated: "2", selfEvaluatedPercent: "66.7%", approved: "2", approvedPercent: "66.7%", recognised: "1", recognisedPercent: "33.3%" },
    ],
    notStarted: [] as string[], branches: 1,
  },
];

describe.each(runs)("the learning home, figures and cards ($locale)", (c) => {
  const tr = (key: string, vars?: Record<string, string | number>) => t(c.locale, key, vars);
  const status = (s: string | null) => tr(`learning-status-${s ?? "NONE"}`);
  const model = (m: string) => tr(`learning-model-${m}`);
  const ids: Record<string, { registrationId: number; evaluation: EvaluationView | null }> = {};
  let communeId: number;
  let branchId: number;

  const dataOf = (chat: TestChat) => chat.lastInline()?.reply_markup?.inline_keyboard.flat().map((b) => ("callback_data" in b ? b.callback_data : ""));

  async function evaluate(entry: Entry, registrationId: number): Promise<EvaluationView | null> {
    if (entry.state === "none") return null;
    const who = await h.person(entry.by === "member" ? c.memberId : c.reporterId);
    const learning = h.services.learning;
    let e = await learning.startEvaluation(who, registrationId);
    if (entry.state === "in_progress") return learning.answerItem(who, e.id, "1.1", 10);
    const answers = entry.state === "submitted" ? ANSWERS_70 : entry.by === "member" ? ANSWERS_90 : ANSWERS_100;
    for (const [item, value] of Object.entries(answers)) e = await learning.answerItem(who, e.id, item, value);
    e = (await learning.submitEvaluation(who, e.id)).evaluation;
    if (entry.state === "submitted") return e;
    // The family's own is approved by the branch's reporter; what the reporter sent, by the commune.
    const reviewer = await h.person(entry.by === "member" ? c.reporterId : c.coordinatorId);
    e = (await learning.reviewEvaluation(reviewer, e.id, "APPROVED", null, e.updatedAt)).evaluation;
    if (entry.state === "recognised") await learning.recogniseEvaluations(await h.person(c.coordinatorId), [e.id]);
    return learning.getEvaluation(await h.person(c.coordinatorId), e.id);
  }

  beforeAll(async () => {
    await h.makeMember(c.memberId, c.branch, "MEMBER", c.entries[0]!.name, c.locale);
    await h.makeMember(c.reporterId, c.branch, "REPORTER", "Đinh Văn Sơn", c.locale);
    await h.makeMember(c.coordinatorId, c.commune, "COORDINATOR", "Trần Văn Nam", c.locale);
    await h.makeMember(c.outsiderId, c.outsiderBranch, "MEMBER", "Quách Thị Nga", c.locale);
    communeId = (await h.unit(c.commune)).id;
    branchId = (await h.unit(c.branch)).id;
    for (const entry of c.entries) {
      const own = entry.by === "member";
      const r = await h.services.learning.register(await h.person(own ? c.memberId : c.reporterId), {
        model: entry.model, year: 2026, unitId: branchId, name: entry.name, village: null, memberCount: entry.model === "FAMILY" ? 4 : null, own,
      });
      ids[entry.name] = { registrationId: r.id, evaluation: await evaluate(entry, r.id) };
    }
  });

  const scoreOf = (name: string) => {
    const e = ids[name]!.evaluation!;
    return tr("learning-home-score", { total: e.total, max: 100, grade: c.grade });
  };

  it("a member's home: their family with its status and score, a button to its card", async () => {
    const member = h.chat({ id: c.memberId, lang: c.locale });
    const own = c.entries[0]!;
    await member.send("/learning");
    const line = `${tr("learning-home-line", { model: model("FAMILY"), name: own.name, status: status("RECOGNISED") })} ${scoreOf(own.name)}`;
    expect(member.lastText()).toBe(`${tr("learning-home-title", { year: "2026" })}\n\n${tr("learning-home-mine", { count: 1 })}\n${line}`);
    expect(member.buttons()).toEqual([tr("btn-learning-view", { name: own.name }), tr("btn-learning-register"), tr("btn-menu")]);
    expect(dataOf(member)?.[0]).toBe(`lv:${ids[own.name]!.evaluation!.id}`);

    await member.press(tr("btn-learning-view", { name: own.name }));
    const e = ids[own.name]!.evaluation!;
    expect(e.total).toBe(90);
    const expected = [
      [
        tr("learning-card-title", { id: String(e.id) }),
        tr("learning-card-family", { model: model("FAMILY"), name: own.name }),
        tr("learning-card-members", { count: 4 }),
        tr("learning-card-unit", { unit: c.branchName, year: "2026" }),
        tr("learning-card-set", { title: c.setTitle, version: 1 }),
      ].join("\n"),
      [tr("learning-card-status", { status: status("RECOGNISED") }), tr("learning-card-total", { total: 90, max: 100 }), tr("learning-card-grade", { grade: c.grade })].join("\n"),
      `${tr("learning-card-groups")}\n${[
        tr("learning-card-group-line", { group: c.groups[0]!, total: 30, max: 30 }),
        tr("learning-card-group-line", { group: c.groups[1]!, total: 25, max: 30 }),
        tr("learning-card-group-line", { group: c.groups[2]!, total: 20, max: 20 }),
        tr("learning-card-group-line", { group: c.groups[3]!, total: 15, max: 20 }),
      ].join("\n")}`,
      `${tr("learning-card-missed")}\n${Object.entries(c.missed).map(([id, text]) => tr("learning-card-missed-line", { id, text })).join("\n")}`,
    ].join("\n\n");
    expect(member.lastText()).toBe(expected);
    expect(member.buttons()).toEqual([tr("btn-learning-certificate"), tr("btn-learning-home"), tr("btn-menu")]); // recognised: only its certificate is left
  });

  it("a reporter's home: continue, view or self-evaluate each registration, and their branch's figures", async () => {
    const reporter = h.chat({ id: c.reporterId, lang: c.locale });
    await reporter.send("/learning");
    // Newest first (the same moment: the last registered first).
    const mine = c.entries.filter((e) => e.by === "reporter").reverse();
    const statusOf = (e: Entry) => (e.state === "none" ? null : e.state === "in_progress" ? "IN_PROGRESS" : e.state.toUpperCase());
    const lines = mine.map((e) => {
      const line = tr("learning-home-line", { model: model(e.model), name: e.name, status: status(statusOf(e)) });
      return e.state === "none" || e.state === "in_progress" ? line : `${line} ${scoreOf(e.name)}`;
    });
    expect(reporter.lastText()).toBe(
      [tr("learning-home-title", { year: "2026" }), `${tr("learning-home-mine", { count: mine.length })}\n${lines.join("\n")}`, tr("learning-home-units")].join("\n\n"),
    );
    const buttonOf = (e: Entry) =>
      e.state === "none" ? tr("btn-learning-self-evaluate", { name: e.name }) : e.state === "in_progress" ? tr("btn-learning-continue", { name: e.name }) : tr("btn-learning-view", { name: e.name });
    const dataFor = (e: Entry) => (e.state === "none" || e.state === "in_progress" ? `le:${ids[e.name]!.registrationId}` : `lv:${ids[e.name]!.evaluation!.id}`);
    expect(reporter.buttons()).toEqual([
      ...mine.map(buttonOf), tr("btn-learning-register"), tr("btn-learning-unit-stats", { unit: c.branchName }), tr("btn-menu"),
    ]);
    expect(dataOf(reporter)).toEqual([...mine.map(dataFor), "lr", `ls:${branchId}:2026`, "menu"]);
  });

  it("the commune's figures: counts and percentages per model, the branches not started, the way to the lists", async () => {
    const coordinator = h.chat({ id: c.coordinatorId, lang: c.locale });
    await coordinator.send("/learning");
    expect(coordinator.buttons()).toEqual([tr("btn-learning-register"), tr("btn-learning-unit-stats", { unit: c.communeName }), tr("btn-menu")]);
    await coordinator.press(tr("btn-learning-unit-stats", { unit: c.communeName }));
    const blocks = c.figures.map((f) => tr("learning-stats-model", { ...f, model: model(f.model) }));
    const branches = c.notStarted.length === 0
      ? tr("learning-stats-all-started", { branches: c.branches })
      : `${tr("learning-stats-not-started", { count: c.notStarted.length, branches: c.branches })}\n${c.notStarted.map((unit) => tr("learning-stats-branch-line", { unit })).join("\n")}`;
    expect(coordinator.lastText()).toBe([tr("learning-stats-title", { unit: c.communeName, year: "2026" }), blocks.join("\n\n"), branches].join("\n\n"));
    expect(coordinator.buttons()).toEqual([
      tr("btn-learning-list"), tr("btn-learning-queue"), tr("btn-learning-to-recognise"),
      tr("btn-learning-year-previous", { year: "2025" }), tr("btn-learning-year-next", { year: "2027" }), tr("btn-learning-home"), tr("btn-menu"),
    ]);
    expect(dataOf(coordinator)).toEqual([
      `ll:${communeId}:2026`, `lq:${communeId}:2026`, `lc:${communeId}:2026`, `ls:${communeId}:2025`, `ls:${communeId}:2027`, "lh", "menu",
    ]);

    // The year before: nothing registered, every branch not started.
    await coordinator.press(tr("btn-learning-year-previous", { year: "2025" }));
    expect(coordinator.lastText()).toContain(tr("learning-stats-model", {
      model: model("FAMILY"), registered: "0", selfEvaluated: "0", selfEvaluatedPercent: "—", approved: "0", approvedPercent: "—", recognised: "0", recognisedPercent: "—",
    }));
    expect(coordinator.lastText()).toContain(tr("learning-stats-not-started", { count: c.branches, branches: c.branches }));
  });

  it("the list of registrations: names and statuses, numbered buttons to self-evaluate or view", async () => {
    const coordinator = h.chat({ id: c.coordinatorId, lang: c.locale });
    await coordinator.pressData(`ll:${communeId}:2026`);
    const sorted = [...c.entries].sort((a, b) => (searchKey(a.name) < searchKey(b.name) ? -1 : 1));
    const statusOf = (e: Entry) => ids[e.name]!.evaluation?.status ?? null;
    const lines = sorted.map((e, i) =>
      tr("learning-stats-list-line", { n: String(i + 1), name: e.name, model: model(e.model), unit: c.branchName, status: status(statusOf(e)) }),
    );
    expect(coordinator.lastText()).toBe(
      `${tr("learning-stats-list-title", { unit: c.communeName, year: "2026", count: sorted.length })}\n${lines.join("\n")}\n\n${tr("learning-stats-list-hint")}`,
    );
    const open = (e: Entry) => e.state === "none" || e.state === "in_progress";
    expect(coordinator.buttons()).toEqual([
      ...sorted.map((e, i) => tr(open(e) ? "btn-learning-n-evaluate" : "btn-learning-n-view", { n: String(i + 1) })),
      tr("btn-learning-unit-stats", { unit: c.communeName }), tr("btn-learning-home"), tr("btn-menu"),
    ]);
    expect(dataOf(coordinator)?.slice(0, sorted.length)).toEqual(
      sorted.map((e) => (open(e) ? `le:${ids[e.name]!.registrationId}` : `lv:${ids[e.name]!.evaluation!.id}`)),
    );

    // A member of the branch sees the list too, with a button only for their own family.
    const member = h.chat({ id: c.memberId, lang: c.locale });
    await member.pressData(`ll:${branchId}:2026`);
    const ownIndex = sorted.findIndex((e) => e.by === "member");
    expect(member.buttons()).toEqual([tr("btn-learning-n-view", { n: String(ownIndex + 1) }), tr("btn-learning-home"), tr("btn-menu")]);
  });

  it("the cards of the coordinator: review buttons on a sent one, recognise on an approved one", async () => {
    const coordinator = h.chat({ id: c.coordinatorId, lang: c.locale });
    const approved = c.entries.find((e) => e.state === "approved")!;
    const a = ids[approved.name]!.evaluation!;
    await coordinator.pressData(`lv:${a.id}`);
    expect(coordinator.lastText()).toContain(tr("learning-card-status", { status: status("APPROVED") }));
    expect(coordinator.buttons()).toEqual([tr("btn-learning-card-recognise"), tr("btn-learning-home"), tr("btn-menu")]);
    expect(dataOf(coordinator)?.[0]).toBe(`lg:${a.id}`);

    const sent = c.entries.find((e) => e.state === "submitted");
    if (sent) {
      const s = ids[sent.name]!.evaluation!;
      await coordinator.pressData(`lv:${s.id}`);
      expect(coordinator.lastText()).toContain(tr("learning-card-total", { total: 70, max: 100 }));
      expect(coordinator.buttons()).toEqual([tr("btn-learning-approve"), tr("btn-learning-return"), tr("btn-learning-reject"), tr("btn-learning-home"), tr("btn-menu")]);
      const token = versionToken(s.updatedAt);
      expect(dataOf(coordinator)?.slice(0, 3)).toEqual([`la:${s.id}:${token}`, `lt:${s.id}:${token}`, `lj:${s.id}:${token}`]);
    }

    const inProgress = c.entries.find((e) => e.state === "in_progress")!;
    const p = ids[inProgress.name]!.evaluation!;
    const reporter = h.chat({ id: c.reporterId, lang: c.locale });
    await reporter.pressData(`lv:${p.id}`);
    expect(reporter.lastText()).toContain(tr("learning-card-answered", { done: 1, all: 9 }));
    expect(reporter.buttons()).toEqual([tr("btn-learning-card-continue"), tr("btn-learning-home"), tr("btn-menu")]);
    expect(dataOf(reporter)?.[0]).toBe(`le:${ids[inProgress.name]!.registrationId}`);
  });

  it("a member asking for another commune's figures, or their own commune's, is refused politely", async () => {
    const outsider = h.chat({ id: c.outsiderId, lang: c.locale });
    await outsider.send("/learning");
    expect(outsider.buttons()).toEqual([tr("btn-learning-register"), tr("btn-menu")]);
    await outsider.pressData(`ls:${communeId}:2026`);
    expect(outsider.texts()).toEqual([tr("errors-forbidden")]);
    expect(outsider.buttons()).toEqual([tr("btn-learning-home"), tr("btn-menu")]);
    const member = h.chat({ id: c.memberId, lang: c.locale });
    await member.pressData(`ls:${communeId}:2026`);
    expect(member.texts()).toEqual([tr("errors-forbidden")]);
    await outsider.pressData(`lv:${ids[c.entries[0]!.name]!.evaluation!.id}`);
    expect(outsider.texts()).toEqual([tr("errors-forbidden")]);
  });
});
