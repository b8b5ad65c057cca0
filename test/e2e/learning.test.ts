// The learning-models journey (issue 5) end to end, in Vietnamese and in English: the real bot as
// a child process polling a fake Bot API over HTTP, on a fresh embedded database seeded with the
// example tree. The administrator sends the two TEST DATA criteria sets as .json documents and puts
// them in force for this year. Per language (each in its own commune) a member, a reporter of the
// branch and a coordinator of the commune join with invites made with the chat's buttons. The
// member registers their family and self-evaluates half of it, pauses; the bot is RESTARTED on the
// same data; the member carries on where they stopped, finishes and submits. The reporter returns
// it with a comment, the member fixes one answer and resubmits, the reporter approves; the
// coordinator recognises it and sees the figures. Then the reporter registers a school as a
// learning unit and self-evaluates it against the TT22 test set (a second model, the same engine).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import { vietnamToday } from "../../src/domain/dates.ts";
import { botSuite, buttonsOf, fromLocale, hasButton, labelsOf, type Locale, press, ROOT, startBot, t } from "./support.ts";
import { chatDriver } from "./chat.ts";

const suite = botSuite("learning");
const { admin, api } = suite;

const { reply, send, tap, openUnit, openChild, createInvite, join } = chatDriver(api, admin);

/** This year in Vietnam: the year the criteria are put in force for and registrations are made for. */
const year = vietnamToday(new Date()).year;

const cases = [
  {
    locale: "vi" as Locale,
    member: { id: 501, first_name: "Thu", language_code: "vi" },
    memberName: "Đinh Thị Thu",
    reporter: { id: 502, first_name: "Hoa", language_code: "vi" },
    reporterName: "Bùi Thị Hoa",
    coordinator: { id: 503, first_name: "Nam", language_code: "vi" },
    coordinatorName: "Trần Văn Nam",
    district: "Huyện Tân Lạc",
    commune: "Xã Mãn Đức",
    communeCode: "HB-TL-MD",
    branch: "Chi hội xóm Đồi, xã Mãn Đức",
    village: "Xóm Đồi",
    comment: "Mục 1.3: các cháu đều ngoan, xin chấm lại cho đúng",
    school: "Trường THCS Mãn Đức",
  },
  {
    locale: "en" as Locale,
    member: { id: 511, first_name: "Pang", language_code: "en" },
    memberName: "Lò Thị Pằng",
    reporter: { id: 512, first_name: "Xuan", language_code: "en" },
    reporterName: "Hà Thị Xuân",
    coordinator: { id: 513, first_name: "Hung", language_code: "en" },
    coordinatorName: "Hà Văn Hùng",
    district: "Huyện Mai Châu",
    commune: "Xã Chiềng Châu",
    communeCode: "HB-MC-CC",
    branch: "Chi hội bản Lác",
    village: "Bản Lác",
    comment: "Item 1.3: the children are all polite, please score it again",
    school: "Trường THCS Chiềng Châu",
  },
];

const vi = (key: string, vars?: Record<string, string | number>) => t("vi", key, vars);

describe("the administrator loads the criteria sets as documents and puts them in force", () => {
  for (const file of ["gia-dinh-test.json", "don-vi-hoc-tap-tt22-test.json"]) {
    it(`${file}: stored, summarised, put in force for ${year}`, async () => {
      const bytes = readFileSync(path.join(ROOT, "test/fixtures/criteria", file));
      const set = JSON.parse(bytes.toString("utf8")) as { title: { vi: string }; version: number; model: string };
      const since = api.calls.length;
      api.sendDocument(admin, file, new Uint8Array(bytes));
      const summary = await reply(admin, since, (m) => fromLocale("vi", "criteria-saved").test(m.text ?? "") && buttonsOf(m).some((b) => b.callback_data.startsWith("crf:")));
      expect(summary.text).toContain(set.title.vi);
      expect(summary.text).toContain(vi("criteria-summary-version", { version: set.version }));
      expect(summary.text).toContain(vi("criteria-status-complete"));
      const model = vi(`criteria-model-${set.model.toLowerCase()}`);
      await tap(admin, summary, new RegExp(`^crf:\\d+:${year}$`), fromLocale("vi", "criteria-in-force-done", { model, year: String(year), version: set.version }));
    }, 60_000);
  }
});

const codes = new Map<Locale, { coordinator: string; member: string; reporter: string }>();

describe("the administrator makes the invites with the chat's buttons", () => {
  for (const c of cases) {
    it(`a coordinator invite for ${c.communeCode}, a member and a reporter invite for ${c.branch}`, async () => {
      const communeCard = await openUnit([c.district, c.commune], c.communeCode);
      const coordinator = await createInvite(communeCard, c.commune, "role-coordinator");
      const branchCard = await openChild(communeCard, c.branch);
      const member = await createInvite(branchCard, c.branch, "role-member");
      const reporter = await createInvite(branchCard, c.branch, "role-reporter");
      codes.set(c.locale, { coordinator, member, reporter });
    }, 90_000);
  }
});

describe.each(cases)("the learning-family journey in $locale, with a restart of the bot in the middle", (c) => {
  const { locale, member: me, reporter, coordinator } = c;
  const tr = (key: string, vars?: Record<string, string | number>) => t(locale, key, vars);
  /** A message with a term reference ({ learning-review-notified }): its words before that sentence. */
  const lead = (key: string, vars: Record<string, string | number>) => {
    const whole = tr(key, { ...vars, notified: 1 });
    const head = whole.slice(0, whole.lastIndexOf(". ") + 1);
    return (m: Message) => (m.text ?? "").startsWith(head);
  };
  const item = (id: string) => fromLocale(locale, "learning-eval-item", { item: id });
  const family = tr("learning-model-FAMILY");
  const familyGrade = locale === "vi" ? "Đạt" : "Recognised"; // gia-dinh-test.json: DAT 70–100

  let memberMenu: Message | undefined;
  let registrationId = 0;
  let evaluationId = 0;

  it("the member, the reporter and the coordinator join with /start <code>", async () => {
    const code = codes.get(locale);
    await join(locale, coordinator, code?.coordinator ?? "", c.coordinatorName, c.commune, "role-coordinator", tr("btn-learning"));
    await join(locale, reporter, code?.reporter ?? "", c.reporterName, c.branch, "role-reporter", tr("btn-learning"));
    memberMenu = (await join(locale, me, code?.member ?? "", c.memberName, c.branch, "role-member", tr("btn-learning"))).menu;
  }, 90_000);

  it("the member registers their own family from the menu and self-evaluates half of it, then pauses", async () => {
    expect(memberMenu, "the member of the previous test").toBeDefined();
    let m = await tap(me, memberMenu!, tr("btn-learning"), (x) => fromLocale(locale, "learning-home-title", { year: String(year) }).test(x.text ?? "") && hasButton(tr("btn-learning-register"))(x));
    expect(m.text).toContain(tr("learning-home-none"));
    const since = press(api, me, m, tr("btn-learning-register"));
    await reply(me, since, tr("learning-reg-intro"));
    // A member: their own family (not asked), their one branch (not asked); the name offered as a button.
    m = await reply(me, since, (x) => x.text === tr("learning-reg-ask-own-head") && hasButton(c.memberName)(x));
    await tap(me, m, c.memberName, tr("learning-reg-ask-village"));
    m = await send(me, c.village, tr("learning-reg-ask-members"));
    m = await tap(me, m, "5", tr("learning-reg-ask-year"));
    m = await tap(me, m, tr("learning-reg-year-this", { year: String(year) }), (x) => (x.text ?? "").startsWith(tr("learning-reg-summary-title")));
    expect(m.text).toContain(tr("learning-reg-summary-own", { model: family }));
    expect(m.text).toContain(tr("learning-reg-summary-head", { name: c.memberName }));
    expect(m.text).toContain(tr("learning-reg-summary-village", { village: c.village }));
    expect(m.text).toContain(tr("learning-reg-summary-members", { count: 5 }));
    expect(m.text).toContain(tr("learning-reg-summary-unit", { unit: c.branch }));
    m = await tap(me, m, tr("btn-learning-save"), tr("learning-reg-saved", { name: c.memberName, model: family, unit: c.branch, year: String(year) }));
    const start = buttonsOf(m).find((b) => b.text === tr("btn-learning-start-now"));
    registrationId = Number(/^le:(\d+)$/.exec(start?.callback_data ?? "")?.[1]);
    expect(registrationId).toBeGreaterThan(0);

    // The self-evaluation: the intro, then the items one by one (1.1 with its group's title).
    const started = press(api, me, m, tr("btn-learning-start-now"));
    await reply(me, started, fromLocale(locale, "learning-eval-intro", { model: family, name: c.memberName, unit: c.branch, year: String(year), items: 9, max: 100 }));
    m = await reply(me, started, item("1.1"));
    expect(m.text).toMatch(fromLocale(locale, "learning-eval-group", { group: "1", max: 30 }));
    expect(labelsOf(m)).toEqual([...Array.from({ length: 11 }, (_, n) => String(n)), tr("btn-learning-eval-evidence"), tr("btn-learning-eval-pause"), tr("btn-cancel")]);
    m = await tap(me, m, "10", item("1.2"));
    m = await tap(me, m, "10", item("1.3"));
    m = await tap(me, m, "8", item("2.1"));
    m = await tap(me, m, "10", item("2.2"));
    expect(m.text).toContain(tr("learning-eval-score", { total: 38, max: 100 }));
    await tap(me, m, tr("btn-learning-eval-pause"), (x) => x.text === tr("learning-eval-paused", { done: 4, items: 9 }) && hasButton(tr("btn-learning-eval-continue"))(x));
  }, 90_000);

  it("the bot is restarted on the same data; the member carries on at the next unanswered item, finishes and submits", async () => {
    const { code } = await suite.bot.stop("SIGTERM", 10_000);
    expect(code).toBe(0);
    const restarted = api.calls.length;
    suite.bot = await startBot(api, suite.dir, admin.id);
    await api.waitFor((x) => x.method === "deleteWebhook", { since: restarted, timeoutMs: 60_000 });

    // The home's ▶️ Continue button.
    let m = await send(me, "/learning", hasButton(tr("btn-learning-continue", { name: c.memberName })));
    expect(m.text).toContain(tr("learning-home-line", { model: family, name: c.memberName, status: tr("learning-status-IN_PROGRESS") }));
    const since = press(api, me, m, tr("btn-learning-continue", { name: c.memberName }));
    await reply(me, since, fromLocale(locale, "learning-eval-intro-resume", { done: 4, items: 9, item: "2.2" }));
    m = await reply(me, since, item("2.2"));
    expect(m.text).toContain(tr("learning-eval-score", { total: 38, max: 100 }));

    m = await tap(me, m, "10", item("2.3"));
    m = await tap(me, m, "10", item("3.1"));
    m = await tap(me, m, tr("btn-learning-eval-yes", { points: 10 }), item("3.2"));
    expect(m.text).toMatch(fromLocale(locale, "learning-eval-item-number", { points: 10 }));
    m = await send(me, "12", item("4.1")); // 12 books, at least 10: the item is met
    expect(m.text).toContain(tr("learning-eval-item-points-typed", { max: 20 }));
    // 10 + 10 + 8 + 10 + 10 + 10 + 10 + 10 + 15 = 93: Đạt / Recognised (70–100).
    m = await send(me, "15", fromLocale(locale, "learning-eval-result", { name: c.memberName, total: 93, max: 100, grade: familyGrade }));
    expect(m.text).toContain(tr("learning-eval-missed-title", { count: 2 }));
    expect(labelsOf(m)).toContain(tr("btn-learning-eval-submit"));

    const submitted = press(api, me, m, tr("btn-learning-eval-submit"));
    await reply(me, submitted, fromLocale(locale, "learning-eval-submitted", { name: c.memberName, total: 93, max: 100, grade: familyGrade }));
    const card = await reply(me, submitted, fromLocale(locale, "learning-card-status", { status: tr("learning-status-SUBMITTED") }));
    evaluationId = Number(/\d+/.exec((card.text ?? "").split("\n")[0] ?? "")?.[0]);

    // The branch's reporter hears of it at once, in their language, with a button to it.
    const notice = await reply(reporter, submitted, fromLocale(locale, "learning-notice-submitted", {
      by: c.memberName, model: family, name: c.memberName, unit: c.branch, year: String(year), total: 93, max: 100, grade: familyGrade,
    }));
    expect(labelsOf(notice)).toEqual([tr("btn-learning-eval-review")]);
  }, 120_000);

  it("the reporter returns it with a comment; the member fixes one answer and resubmits; the reporter approves", async () => {
    const notice = await reply(reporter, 0, fromLocale(locale, "learning-notice-submitted", { name: c.memberName, total: 93 }));
    let m = await tap(reporter, notice, tr("btn-learning-eval-review"), (x) => hasButton(tr("btn-learning-return"))(x) && (x.text ?? "").includes(c.memberName));
    expect(m.text).toContain(tr("learning-card-total", { total: 93, max: 100 }));
    await tap(reporter, m, tr("btn-learning-return"), fromLocale(locale, "learning-review-ask-comment-RETURNED", { name: c.memberName }));
    m = await send(reporter, c.comment, (x) => fromLocale(locale, "learning-review-confirm-RETURNED", { name: c.memberName, comment: c.comment }).test(x.text ?? ""));
    const returned = press(api, reporter, m, tr("btn-learning-review-send-RETURNED"));
    await reply(reporter, returned, lead("learning-review-returned-by-you", { name: c.memberName, model: family }));

    // The member gets the comment with a button to fix it; every item comes with «Keep».
    const back = await reply(me, returned, fromLocale(locale, "learning-notice-reviewed-returned", { model: family, year: String(year), name: c.memberName, unit: c.branch, comment: c.comment }));
    const since = press(api, me, back, tr("btn-learning-review-fix"));
    await reply(me, since, fromLocale(locale, "learning-eval-intro-returned", { comment: c.comment }));
    m = await reply(me, since, item("1.1"));
    const keep = /^f:keep$/;
    m = await tap(me, m, keep, item("1.2"));
    m = await tap(me, m, keep, item("1.3"));
    expect(m.text).toContain(tr("learning-eval-item-now", { answer: tr("learning-eval-answer-points", { value: 8, max: 10 }) }));
    m = await tap(me, m, "10", item("2.1")); // the fix: 8 → 10
    for (const next of ["2.2", "2.3", "3.1", "3.2", "4.1"]) m = await tap(me, m, keep, item(next));
    m = await tap(me, m, keep, fromLocale(locale, "learning-eval-result", { name: c.memberName, total: 95, max: 100, grade: familyGrade }));
    const resubmitted = press(api, me, m, tr("btn-learning-eval-submit"));
    await reply(me, resubmitted, fromLocale(locale, "learning-eval-submitted", { name: c.memberName, total: 95, max: 100, grade: familyGrade }));

    // The reporter: "fixed and resubmitted"; approves from the card.
    const again = await reply(reporter, resubmitted, fromLocale(locale, "learning-notice-submitted-again", { by: c.memberName, name: c.memberName, total: 95, max: 100 }));
    m = await tap(reporter, again, tr("btn-learning-eval-review"), hasButton(tr("btn-learning-approve")));
    const approved = press(api, reporter, m, tr("btn-learning-approve"));
    await reply(reporter, approved, lead("learning-review-approved-by-you", { model: family, name: c.memberName, total: 95, max: 100, grade: familyGrade }));
    await reply(me, approved, fromLocale(locale, "learning-notice-reviewed-approved", { model: family, year: String(year), name: c.memberName, unit: c.branch, total: 95, max: 100, grade: familyGrade }));
  }, 120_000);

  it("the commune's coordinator recognises all from the figures; the member is told; the figures show it", async () => {
    let m = await send(coordinator, "/learning", hasButton(tr("btn-learning-unit-stats", { unit: c.commune })));
    m = await tap(coordinator, m, tr("btn-learning-unit-stats", { unit: c.commune }), fromLocale(locale, "learning-stats-title", { unit: c.commune, year: String(year) }));
    m = await tap(coordinator, m, tr("btn-learning-to-recognise"), fromLocale(locale, "learning-recognise-title", { unit: c.commune, year: String(year), count: 1 }));
    expect(m.text).toMatch(fromLocale(locale, "learning-recognise-line", { n: 1, name: c.memberName, model: family, unit: c.branch, grade: familyGrade }));
    const since = press(api, coordinator, m, tr("btn-learning-recognise-all", { count: 1 }));
    await reply(coordinator, since, lead("learning-recognise-done-one", { name: c.memberName }));
    await reply(coordinator, since, fromLocale(locale, "learning-recognise-none", { unit: c.commune, year: String(year) }));
    const recognised = await reply(me, since, fromLocale(locale, "learning-notice-recognised", { name: c.memberName, unit: c.branch, year: String(year) }));

    // The family asks for its certificate: a PNG picture in the chat, in its language.
    const asked = press(api, me, recognised, tr("btn-learning-certificate"));
    const photo = await api.waitFor((x) => x.method === "sendPhoto" && x.payload.chat_id === me.id && !x.error, { since: asked, timeoutMs: 20_000 });
    expect(photo.payload.caption).toBe(tr("certificate-caption", { title: family, name: c.memberName, year }));
    const png = Object.values(photo.files ?? {})[0];
    expect(png?.name).toBe(`${tr("certificate-file")}-${evaluationId}.png`);
    expect(Buffer.from(png?.bytes ?? []).subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png?.bytes.byteLength).toBeGreaterThan(50_000); // the frame alone is far smaller: the words are drawn

    m = await send(coordinator, "/learning", hasButton(tr("btn-learning-unit-stats", { unit: c.commune })));
    m = await tap(coordinator, m, tr("btn-learning-unit-stats", { unit: c.commune }), fromLocale(locale, "learning-stats-title", { unit: c.commune, year: String(year) }));
    expect(m.text).toMatch(fromLocale(locale, "learning-stats-model", {
      model: family, registered: "1", selfEvaluated: "1", selfEvaluatedPercent: "100%", approved: "1", recognised: "1", recognisedPercent: "100%",
    }));
    // The member's home: recognised, with the score.
    const home = await send(me, "/learning", fromLocale(locale, "learning-home-title", { year: String(year) }));
    expect(home.text).toContain(tr("learning-home-line", { model: family, name: c.memberName, status: tr("learning-status-RECOGNISED") }));
    expect(evaluationId).toBeGreaterThan(0);
    expect(registrationId).toBeGreaterThan(0);
  }, 90_000);

  it("a second model, the same engine: the reporter registers a school as a learning unit and self-evaluates it (Khá / Fair)", async () => {
    const unitModel = tr("learning-model-UNIT");
    let m = await send(reporter, "/learning", hasButton(tr("btn-learning-register")));
    const since = press(api, reporter, m, tr("btn-learning-register"));
    await reply(reporter, since, tr("learning-reg-intro"));
    m = await reply(reporter, since, tr("learning-reg-ask-kind"));
    await tap(reporter, m, tr("learning-reg-kind-UNIT"), tr("learning-reg-ask-name-UNIT")); // one branch: not asked
    m = await send(reporter, c.school, tr("learning-reg-ask-address"));
    m = await tap(reporter, m, tr("btn-skip"), tr("learning-reg-ask-members-other"));
    m = await tap(reporter, m, tr("btn-skip"), tr("learning-reg-ask-year"));
    m = await tap(reporter, m, tr("learning-reg-year-this", { year: String(year) }), (x) => (x.text ?? "").startsWith(tr("learning-reg-summary-title")));
    expect(m.text).toContain(tr("learning-reg-summary-model", { model: unitModel }));
    expect(m.text).toContain(tr("learning-reg-summary-name", { name: c.school }));
    m = await tap(reporter, m, tr("btn-learning-save"), tr("learning-reg-saved", { name: c.school, model: unitModel, unit: c.branch, year: String(year) }));

    const started = press(api, reporter, m, tr("btn-learning-start-now"));
    await reply(reporter, started, fromLocale(locale, "learning-eval-intro", { model: unitModel, name: c.school, unit: c.branch, year: String(year), items: 9, max: 100, basis: "Thông tư 22/2020/TT-BGDĐT" }));
    m = await reply(reporter, started, item("1.1"));
    // don-vi-hoc-tap-tt22-test.json: 1.1–1.3 and 2.1, 2.3 up to 10; 2.2, 2.4 up to 5; 3.1 up to 25 (typed); 3.2 up to 15 (0 / 8 / 15).
    m = await tap(reporter, m, "10", item("1.2"));
    m = await tap(reporter, m, "8", item("1.3"));
    m = await tap(reporter, m, "8", item("2.1"));
    m = await tap(reporter, m, "10", item("2.2"));
    m = await tap(reporter, m, "5", item("2.3"));
    m = await tap(reporter, m, "8", item("2.4"));
    m = await tap(reporter, m, "5", item("3.1"));
    expect(labelsOf(m).slice(0, 3)).toEqual(["0", "13", "25"]);
    m = await send(reporter, "20", item("3.2"));
    // 10 + 8 + 8 + 10 + 5 + 8 + 5 + 20 + 8 = 82: Khá / Fair (70–85).
    const grade = locale === "vi" ? "Khá" : "Fair";
    m = await tap(reporter, m, "8", fromLocale(locale, "learning-eval-result", { name: c.school, total: 82, max: 100, grade }));
    const submitted = press(api, reporter, m, tr("btn-learning-eval-submit"));
    await reply(reporter, submitted, fromLocale(locale, "learning-eval-submitted", { name: c.school, total: 82, max: 100, grade }));
  }, 120_000);
});

it("the bot process is still alive after both journeys", () => {
  expect(suite.bot.proc.exitCode).toBeNull();
});
