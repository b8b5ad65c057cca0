// Unit reports in the chat (issue 6), in Vietnamese and in English: a
// commune's reporter opens /report, picks the period, reads how many figures
// the bot pre-filled (a piggy-bank opening recorded before is among them),
// confirms a section with ✅, overrides a pre-filled figure (both numbers
// shown), has a wrong value refused and types it again, stops with /cancel
// and continues where it stopped, submits; the district's coordinator is told,
// sees ✅ in who has submitted and the sums in the summed report, reopens the
// report with a comment; the reporter is told, fixes one value and sends it
// again; the submitted report then opens as its card, and an outdated reopen
// button shows the report as it is now. A member without a reporter role gets
// the explanation; a forged card button for a report outside one's subtree is
// refused politely.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";
import { atTime } from "../helpers/db.ts";
import { buttonData, messageWith, type L } from "../helpers/piggy.ts";
import type { TestChat } from "../helpers/telegram.ts";
import type { ReportPeriod } from "../../src/domain/reports.ts";

let h: BotHarness;
beforeAll(async () => {
  h = await startHarness();
  await h.services.reports.syncShippedTemplates();
  await h.services.deadlines.syncCalendar([2026, 2027]);
});
afterAll(async () => {
  await h.close();
});

/** The shipped template, read independently of the bot. */
const TEMPLATE = JSON.parse(readFileSync("criteria/reports/bao-cao-khuyen-hoc.json", "utf8")) as {
  title: Record<L, string>;
  sections: { id: string; title: Record<L, string>; fields: { id: string; kind: string; label: Record<L, string>; source?: string }[] }[];
};
const FIELDS = TEMPLATE.sections.flatMap((s) => s.fields);
const field = (id: string) => {
  const i = FIELDS.findIndex((f) => f.id === id);
  return { n: i + 1, ...FIELDS[i]! };
};

const cases = [
  {
    locale: "vi" as L, reporterId: 901, coordinatorId: 902, memberId: 903, outsiderId: 904,
    unit: "HB-TL-MD", district: "HB-TL", elsewhere: "HB-LS",
    reporter: "Nguyễn Thị Hương", coordinator: "Bùi Trọng Đắc",
    // The year report of 2026: the clock (29/11/2026) is before its deadline (15/12/2026).
    year: 2026, period: "YEAR" as ReportPeriod, late: null as string | null,
    drive: { at: new Date("2026-09-10T03:00:00Z"), schoolYear: 2026 }, openedOn: "2026-11-20", openingAt: new Date("2026-11-25T03:00:00Z"),
    // The high school's committee is under the district, not the commune: still missing from the sum.
    branches: 2, owingElsewhere: "Ban khuyến học Trường THPT Tân Lạc", coveredBySum: false,
    comment: "Xin tách riêng số tiền vận động được trong tháng 11.",
    text: "Một số chi hội nộp báo cáo chậm.",
  },
  {
    locale: "en" as L, reporterId: 911, coordinatorId: 912, memberId: 913, outsiderId: 914,
    unit: "HB-MC-CC", district: "HB-MC", elsewhere: "HB-KB",
    reporter: "Hà Thị Mai", coordinator: "Lò Văn Piêng",
    // The first half of 2026: its deadline (15/06/2026) is past, so it is sent late.
    year: 2026, period: "H1" as ReportPeriod, late: "15/06/2026",
    drive: { at: new Date("2026-02-10T03:00:00Z"), schoolYear: 2025 }, openedOn: "2026-05-20", openingAt: new Date("2026-05-25T03:00:00Z"),
    // The secondary school's committee is under the commune: the commune's report covers it in the sum.
    branches: 1, owingElsewhere: "Ban khuyến học Trường THCS Chiềng Châu", coveredBySum: true,
    comment: "Please give the fund raised in May separately.",
    text: "Two branches reported late.",
  },
];

describe.each(cases)("unit reports ($locale)", (c) => {
  const tr = (key: string, vars?: Record<string, string | number>) => t(c.locale, key, vars);
  const L = c.locale;
  const money = (v: number) => (L === "vi" ? `${v.toLocaleString("de-DE")} ₫` : `${v.toLocaleString("en-US")} VND`);
  const period = () => tr(`report-period-${c.period}`, { year: c.year });
  let reporter: TestChat;
  let coordinator: TestChat;
  let unitId = 0;
  let unitName = "";
  let reportId = 0;
  /** the reopen button of the card the coordinator saw first */
  let firstReopen = "";

  const view = async () => h.services.reports.getReport(await h.person(c.reporterId), reportId);
  const fieldView = async (id: string) => (await view()).sections.flatMap((s) => s.fields).find((f) => f.id === id)!;
  /** A field's line as the chat shows it. */
  const line = (id: string, value: string) => tr("report-line", { n: field(id).n, label: field(id).label[L], value });
  const sourceOf = async (id: string) => {
    const d = (await fieldView(id)).sourceDetail!;
    return tr("report-line-source", { source: tr(d.key, d.vars) });
  };

  beforeAll(async () => {
    await h.makeMember(c.reporterId, c.unit, "REPORTER", c.reporter, L);
    await h.makeMember(c.coordinatorId, c.district, "COORDINATOR", c.coordinator, L);
    await h.makeMember(c.memberId, c.unit, "MEMBER", "Đinh Văn Tú", L);
    await h.makeMember(c.outsiderId, c.elsewhere, "COORDINATOR", "Quách Thị Lan", L);
    const unit = await h.unit(c.unit);
    unitId = unit.id;
    unitName = unit.name;
    // A piggy-bank drive and one opening in the period, reported through the bot before.
    const person = await h.person(c.reporterId);
    const drive = await atTime(h.env, c.drive.at, () => h.services.piggyBanks.startDrive(person, {
      unitId, schoolYear: c.drive.schoolYear, recipientKind: "HOUSEHOLD", banksHandedOut: 40, note: null,
    }));
    await atTime(h.env, c.openingAt, () => h.services.piggyBanks.recordOpening(person, drive.id, {
      openedOn: c.openedOn, banksOpened: 3, amountCollected: 2_350_000, scholarshipCount: 2, scholarshipAmount: 1_000_000,
      suppliesAmount: 0, fundAmount: 1_350_000, otherAmount: 0, otherNote: null, photoFileId: null,
    }));
    reporter = h.chat({ id: c.reporterId, lang: L });
    coordinator = h.chat({ id: c.coordinatorId, lang: L });
  });

  it("a member without a reporter role is told who reports, with the menu button", async () => {
    const member = h.chat({ id: c.memberId, lang: L });
    await member.send("/report");
    expect(member.lastText()).toBe(tr("report-home-none"));
    expect(member.buttons()).toEqual([tr("btn-menu")]);
  });

  it("/report → the period → the intro with the pre-filled figures → a section confirmed with ✅", async () => {
    await reporter.send("/report");
    expect(reporter.lastText()).toBe(tr("report-home-periods", { unit: unitName }));
    // This year's two periods and last year's two, nothing later.
    const periods = [tr("btn-report-period-H1", { year: 2026 }), tr("btn-report-period-YEAR", { year: 2026 }), tr("btn-report-period-H1", { year: 2025 }), tr("btn-report-period-YEAR", { year: 2025 })];
    expect(reporter.buttons()).toEqual([...periods, tr("btn-menu")]);
    await reporter.press(tr(`btn-report-period-${c.period}`, { year: c.year }));

    const report = await h.prisma.report.findFirstOrThrow({ where: { unitId, year: c.year, period: c.period } });
    reportId = report.id;
    const intro = reporter.texts()[0]!;
    const prefilled = FIELDS.filter((f) => f.source).length;
    expect(prefilled).toBe(23);
    expect(intro).toContain(tr("report-intro-prefilled", { count: prefilled }));
    expect(intro).toContain(tr("report-intro", { title: TEMPLATE.title[L], unit: unitName, period: period() }));
    expect(intro).toContain(tr("report-intro-due", { due: c.period === "H1" ? "15/06/2026" : "15/12/2026" }));

    // The first section: the organisation's figures, each with where it came from.
    const block = reporter.lastText()!;
    expect(block).toContain(tr("report-section", { n: 1, total: TEMPLATE.sections.length, title: TEMPLATE.sections[0]!.title[L] }));
    expect(block).toContain(line("branches", String(c.branches)));
    expect(block).toContain(await sourceOf("branches"));
    expect(reporter.buttons()).toEqual([tr("btn-report-confirm"), tr("btn-report-edit"), tr("btn-cancel")]);
    await reporter.press(tr("btn-report-confirm"));
    for (const id of ["members", "newMembers", "branches", "committees"]) expect((await fieldView(id)).answered).toBe(true);
    expect((await fieldView("branches")).value).toBe(c.branches);
  });

  it("fields without a source are asked one by one; a wrong value is refused and typed again", async () => {
    const raised = field("fundRaised");
    expect(reporter.lastText()).toContain(tr("report-ask", { n: raised.n, label: raised.label[L] }));
    expect(reporter.lastText()).toContain(tr("report-ask-hint-money"));
    await reporter.send(L === "vi" ? "1,5 triệu" : "1.5 million");
    expect((await fieldView("fundRaised")).value).toBe(1_500_000);

    const spent = field("fundSpent");
    expect(reporter.lastText()).toContain(tr("report-ask", { n: spent.n, label: spent.label[L] }));
    await reporter.send("abc");
    expect(reporter.lastText()).toBe(tr("report-bad-money", { text: "abc" }));
    expect((await fieldView("fundSpent")).answered).toBe(false);
    await reporter.send("500k");
    expect((await fieldView("fundSpent")).value).toBe(500_000);

    expect(reporter.lastText()).toContain(tr("report-ask", { n: field("fundBalance").n, label: field("fundBalance").label[L] }));
    await reporter.press("f:zero");
    expect((await fieldView("fundBalance")).value).toBe(0);
  });

  it("a pre-filled figure is overridden: the line shows the bot's number and the reporter's", async () => {
    // Scholarships (from the piggy-bank opening): all correct.
    expect(reporter.lastText()).toContain(line("scholarshipValue", money(1_000_000)));
    await reporter.press(tr("btn-report-confirm"));
    // The piggy banks: the opening recorded before is there.
    const block = reporter.lastText()!;
    expect(block).toContain(line("piggyHandedOut", "40"));
    expect(block).toContain(line("piggyOpened", "3"));
    expect(block).toContain(line("piggyCollected", money(2_350_000)));
    expect(block).toContain(await sourceOf("piggyCollected"));
    await reporter.press(tr("btn-report-edit"));
    expect(reporter.lastText()).toBe(tr("report-pick-field"));
    const opened = field("piggyOpened");
    await reporter.press(String(opened.n));
    expect(reporter.lastText()).toContain(tr("report-ask", { n: opened.n, label: opened.label[L] }));
    await reporter.send("-2");
    expect(reporter.lastText()).toBe(tr("report-bad-negative", { text: "-2" }));
    await reporter.send("5");
    const shown = reporter.lastText()!;
    expect(shown).toContain(tr("report-line-overridden", { n: opened.n, label: opened.label[L], known: "3", value: "5" }));
    const saved = await fieldView("piggyOpened");
    expect(saved).toMatchObject({ value: 5, known: 3, answered: true, overridden: true });
    // The others of the section are confirmed as they are.
    await reporter.press(tr("btn-report-confirm"));
    expect(await fieldView("piggyCollected")).toMatchObject({ value: 2_350_000, answered: true, overridden: false });
  });

  it("/cancel mid-way keeps what was saved; /report again continues where it stopped", async () => {
    await reporter.send("/cancel");
    expect(reporter.lastText()).toBe(tr("flow-stopped-kept"));
    expect((await fieldView("fundRaised")).value).toBe(1_500_000);
    expect((await fieldView("piggyOpened")).value).toBe(5);
    expect((await view()).status).toBe("DRAFT");

    await reporter.send("/report");
    await reporter.press(tr(`btn-report-period-${c.period}`, { year: c.year }));
    const answered = 4 + 3 + 2 + 3;
    expect(reporter.texts()[0]).toContain(tr("report-intro-resume", { done: answered, total: FIELDS.length }));
    // The first section not done yet: sponsorship.
    const sponsorship = TEMPLATE.sections.findIndex((s) => s.id === "sponsorship");
    expect(reporter.lastText()).toContain(tr("report-section", { n: sponsorship + 1, total: TEMPLATE.sections.length, title: TEMPLATE.sections[sponsorship]!.title[L] }));
    await reporter.press(tr("btn-report-confirm"));
    await reporter.press(tr("btn-report-confirm")); // learning models
    await reporter.send("2"); // pupils who dropped out
    await reporter.press("f:zero"); // … and came back
    expect(reporter.lastText()).toContain(tr("report-ask-hint-text"));
    await reporter.send(c.text);
    await reporter.press(tr("btn-skip")); // plans: optional
    expect((await fieldView("shortcomings")).value).toBe(c.text);
    expect((await view()).missing).toEqual([]);
  });

  it("the whole report, then 📨 Send: the coordinator above is told and sees ✅", async () => {
    const summary = reporter.lastText()!;
    expect(summary).toContain(tr("report-summary", { unit: unitName, period: period() }));
    expect(summary).toContain(line("fundRaised", money(1_500_000)));
    expect(summary).toContain(line("plans", tr("report-value-none")));
    expect(summary).toContain(tr("report-line-overridden", { n: field("piggyOpened").n, label: field("piggyOpened").label[L], known: "3", value: "5" }));
    expect(summary).toContain(tr("report-summary-ready"));
    coordinator.clearReplies();
    await reporter.press(tr("btn-report-submit"));
    const done = reporter.lastText()!;
    expect(done).toContain(tr("report-submitted", { unit: unitName, period: period() }));
    if (c.late) expect(done).toContain(tr("report-submitted-late", { due: c.late }));
    else expect(done).not.toContain(tr("report-submitted-late", { due: "15/12/2026" }));
    expect(done).toContain(tr("report-told", { count: 1 }));
    expect((await view()).status).toBe("SUBMITTED");

    // The coordinator of the district got a notice with a button to the card.
    const notice = [tr("report-notice-submitted", { name: c.reporter, period: period(), unit: unitName }), ...(c.late ? [tr("report-notice-late", { due: c.late })] : [])].join("\n");
    expect(coordinator.lastText()).toBe(notice);
    expect(buttonData(coordinator.lastInline())).toEqual([`rv:${reportId}`]);

    // Who has submitted: ✅ for the commune, ⏳ for a unit that has not started.
    const district = await h.unit(c.district);
    await coordinator.send("/report");
    expect(buttonData(coordinator.lastInline())).toContain(`rs:${district.id}:2026:YEAR`);
    await coordinator.pressData(`rs:${district.id}:${c.year}:${c.period}`);
    const rows = await h.services.reports.submissions(await h.person(c.coordinatorId), district.id, c.year, c.period);
    const n = rows.findIndex((r) => r.unitId === unitId) + 1;
    const other = rows.findIndex((r) => r.unitName === c.owingElsewhere) + 1;
    expect(n).toBeGreaterThan(0);
    expect(other).toBeGreaterThan(0);
    const list = coordinator.lastText()!;
    const today = "29/11/2026";
    const submitted = tr("report-subs-line-SUBMITTED", { n, unit: unitName, date: today }) + (c.late ? tr("report-subs-late") : "");
    expect(list.split("\n")).toContain(submitted);
    expect(list.split("\n")).toContain(tr("report-subs-line-NONE", { n: other, unit: c.owingElsewhere }));
    expect(list).toContain(tr("report-subs-title", { period: period(), unit: district.name, submitted: 1, total: rows.length }));
    expect(buttonData(coordinator.lastInline())).toContain(`rv:${reportId}`);

    // The summed report: the commune's figures, the unit included and those missing.
    await coordinator.press(`rt:${district.id}:${c.year}:${c.period}`);
    const [sums = "", units = ""] = coordinator.texts();
    expect(sums).toContain(tr("report-sum-title", { period: period(), unit: district.name }));
    expect(sums).toContain(tr("report-sum-line", { label: field("fundRaised").label[L], value: money(1_500_000) }));
    expect(sums).toContain(tr("report-sum-line", { label: field("piggyOpened").label[L], value: "5" }));
    expect(units).toContain(`${tr("report-sum-included", { count: 1 })}\n${tr("report-sum-unit", { unit: unitName })}`);
    if (c.coveredBySum) {
      expect(units).toContain(tr("report-sum-all-in"));
      expect(units).not.toContain(c.owingElsewhere);
    } else {
      expect(units).toContain(tr("report-sum-missing", { count: rows.length - 1 }));
      expect(units.split("\n")).toContain(tr("report-sum-unit", { unit: c.owingElsewhere }));
    }
  });

  it("the coordinator reopens it with a comment; the reporter fixes one value and sends it again", async () => {
    await coordinator.pressData(`rv:${reportId}`);
    expect(coordinator.lastText()).toContain(tr("report-card-status", { status: tr("report-status-SUBMITTED") }));
    expect(coordinator.lastText()).toContain(line("fundRaised", money(1_500_000)));
    firstReopen = buttonData(coordinator.lastInline()).find((d) => d.startsWith("ro:"))!;
    await coordinator.press(tr("btn-report-reopen"));
    const vars = { period: period(), unit: unitName };
    expect(coordinator.lastText()).toBe(tr("report-reopen-ask", vars));
    await coordinator.send(c.comment);
    expect(coordinator.lastText()).toBe(tr("report-reopen-confirm", { ...vars, comment: c.comment }));
    reporter.clearReplies();
    await coordinator.press(tr("btn-report-reopen-send"));
    expect(coordinator.lastText()).toBe(tr("report-reopen-done", { ...vars, count: 1 }));
    expect((await view()).status).toBe("REOPENED");

    // The reporter is told, with the comment and a button back into the report.
    expect(reporter.lastText()).toBe(tr("report-notice-reopened", { ...vars, comment: c.comment }));
    await reporter.press(tr("btn-report-fix"));
    expect(reporter.texts()[0]).toContain(tr("report-intro-reopened", { comment: c.comment }));
    expect(reporter.lastText()).toContain(tr("report-summary", vars));
    await reporter.press(tr("btn-report-change"));
    expect(reporter.lastText()).toBe(tr("report-pick-section"));
    await reporter.press("f:s:1"); // the fund
    expect(reporter.lastText()).toContain(tr("report-ask-now", { value: money(1_500_000) }));
    await reporter.send(L === "vi" ? "2 triệu" : "2,000,000");
    await reporter.press("f:keep"); // spent
    await reporter.press("f:zero"); // balance: 0 (kept as 0)
    expect(reporter.lastText()).toContain(line("fundRaised", money(2_000_000)));
    coordinator.clearReplies();
    await reporter.press(tr("btn-report-submit"));
    expect(reporter.lastText()).toContain(tr("report-submitted", vars));
    const after = await view();
    expect(after.status).toBe("SUBMITTED");
    expect(after.sections.flatMap((s) => s.fields).find((f) => f.id === "fundRaised")!.value).toBe(2_000_000);
    expect(coordinator.lastText()).toContain(tr("report-notice-submitted", { name: c.reporter, ...vars }));
  });

  it("a submitted report opens as its card; an outdated reopen button shows the report as it is now", async () => {
    await reporter.send("/report");
    await reporter.press(tr(`btn-report-period-${c.period}`, { year: c.year }));
    expect(reporter.lastText()).toContain(tr("report-card-status", { status: tr("report-status-SUBMITTED") }));
    expect(reporter.lastText()).toContain(line("fundRaised", money(2_000_000)));
    expect(reporter.buttons()).toEqual([tr("btn-report-home"), tr("btn-menu")]); // no way to change it now

    await coordinator.pressData(firstReopen);
    const texts = coordinator.texts();
    expect(texts[0]).toBe(tr("report-changed"));
    expect(texts[1]).toContain(line("fundRaised", money(2_000_000)));
    expect(buttonData(coordinator.lastInline())[0]).toMatch(/^ro:/);
    expect(buttonData(coordinator.lastInline())[0]).not.toBe(firstReopen);
    expect((await view()).status).toBe("SUBMITTED");
  });

  it("a forged card button for a report outside one's subtree is refused politely", async () => {
    for (const id of [c.outsiderId, c.memberId]) {
      const chat = h.chat({ id, lang: L });
      await chat.send("/menu");
      await chat.pressData(`rv:${reportId}`);
      expect(chat.lastText()).toBe(tr("errors-forbidden"));
      expect(chat.buttons()).toEqual([tr("btn-report-home"), tr("btn-menu")]);
      expect(chat.allText()).not.toContain(money(2_000_000));
    }
    // The same card, to the coordinator above, shows it.
    await coordinator.pressData(`rv:${reportId}`);
    expect(messageWith(coordinator, tr("report-card-status", { status: tr("report-status-SUBMITTED") })).text).toContain(line("fundRaised", money(2_000_000)));
  });
});
