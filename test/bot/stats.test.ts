// 📊 /stats in the chat (issue 8), in Vietnamese and in English: the
// coordinator of Xã Chiềng Châu picks the period and gets the text summary
// (reports submitted and missing, piggy-bank money, sponsorship, learning
// families, scholarships — figures checked against the records made through
// the services) and two charts as pictures; goes one level down to a branch;
// an empty period gets the friendly text and no picture; a member, a period
// in the future and a unit outside the coordinator's area are refused with a
// way back.
//
// How the pictures are checked: the fake Telegram of test/helpers/stats-harness.ts
// reads the multipart uploads, so the test sees the chat, caption, buttons
// and bytes of each photo the bot really sent; barChartPng is wrapped (the
// real renderer still draws) to record what each chart was asked to show,
// and the sent bytes must be exactly the PNG it drew.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { BarChart } from "../../src/render/charts.ts";
import type { ReportPeriod } from "../../src/domain/reports.ts";
import { t } from "../helpers/bot.ts";
import { BRANCH, COMMUNE, SCHOOL, SEEDED, seedCommune, startUploadHarness, type UploadingTelegram } from "../helpers/stats-harness.ts";
import type { BotHarness } from "../helpers/bot.ts";
import type { TestChat } from "../helpers/telegram.ts";

const drawn = vi.hoisted(() => ({ charts: [] as BarChart[], pngs: [] as Buffer[] }));
vi.mock("../../src/render/charts.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/render/charts.ts")>();
  return {
    ...real,
    barChartPng: async (chart: BarChart) => {
      const png = await real.barChartPng(chart);
      drawn.charts.push(chart);
      drawn.pngs.push(png);
      return png;
    },
  };
});

type L = "vi" | "en";
const COORDINATOR = 700;
const REPORTER = 701;
const COORDINATOR_EN = 702;
const MEMBER = 703;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let h: BotHarness & { tg: UploadingTelegram };
beforeAll(async () => {
  h = await startUploadHarness();
  await seedCommune(h, COORDINATOR, REPORTER);
  await h.makeMember(COORDINATOR_EN, COMMUNE, "COORDINATOR", "Lò Văn Piêng", "en");
  await h.makeMember(MEMBER, BRANCH, "MEMBER", "Đinh Văn Tú");
}, 120_000);
afterAll(async () => {
  await h.close();
});

const money = (L: L, v: number) => (L === "vi" ? `${v.toLocaleString("de-DE")} ₫` : `${v.toLocaleString("en-US")} VND`);
const sum = (pick: (o: (typeof SEEDED.openings)[number]) => number, unit?: string) =>
  SEEDED.openings.filter((o) => unit === undefined || o.unit === unit).reduce((a, o) => a + pick(o), 0);

/** Who owes the commune's H1 report and who has sent it, read through the reports service (issue 6), per child unit. */
async function owing() {
  const person = await h.person(COORDINATOR);
  const commune = await h.unit(COMMUNE);
  const rows = await h.services.reports.submissions(person, commune.id, 2026, "H1");
  const children = await h.prisma.unit.findMany({ where: { parentId: commune.id, validTo: null } });
  const units = await h.prisma.unit.findMany({ where: { id: { in: rows.map((r) => r.unitId) } } });
  const perChild = children.map((c) => {
    const under = rows.filter((r) => units.find((u) => u.id === r.unitId)!.path.startsWith(c.path));
    return { name: c.name, owed: under.length, submitted: under.filter((r) => r.status === "SUBMITTED").length };
  });
  return { rows, perChild };
}

describe.each([
  { L: "vi" as L, id: COORDINATOR },
  { L: "en" as L, id: COORDINATOR_EN },
])("/stats ($L)", ({ L, id }) => {
  const tr = (key: string, vars?: Record<string, string | number>) => t(L, key, vars);
  const period = (p: ReportPeriod, year: number) => tr(`report-period-${p}`, { year });
  let chat: TestChat;

  beforeAll(() => {
    chat = h.chat({ id, lang: L });
    drawn.charts.length = 0;
    drawn.pngs.length = 0;
  });

  it("the menu's 📊 button opens the small home: the figures, or a file", async () => {
    await chat.send("/menu");
    await chat.press(tr("btn-stats-home"));
    expect(chat.lastText()).toBe(tr("stats-data-home"));
    expect(chat.buttons()).toEqual([tr("btn-stats-show"), tr("btn-export-start"), tr("btn-menu")]);
  });

  it("/stats: the commune's periods (only those begun) and its child units one level down", async () => {
    await chat.send("/stats");
    expect(chat.lastText()).toBe(tr("stats-pick-period", { unit: "Xã Chiềng Châu" }));
    expect(chat.buttons()).toEqual([
      tr("btn-report-period-H1", { year: 2026 }), tr("btn-report-period-YEAR", { year: 2026 }), tr("btn-report-period-YEAR", { year: 2025 }),
      tr("btn-stats-down", { unit: "Ban khuyến học Trường THCS Chiề…" }), tr("btn-stats-down", { unit: "Chi hội bản Lác" }),
      tr("btn-menu"),
    ]);
  });

  it("the first half of 2026: the summary with the records' figures, then two charts as pictures", async () => {
    const { rows, perChild } = await owing();
    const missing = rows.filter((r) => r.status !== "SUBMITTED").map((r) => r.unitName);
    expect(rows.filter((r) => r.status === "SUBMITTED").map((r) => r.unitName)).toEqual(["Xã Chiềng Châu"]);
    expect(missing.length).toBeGreaterThan(0);

    await chat.press(tr("btn-report-period-H1", { year: 2026 }));
    const collected = sum((o) => o.amountCollected);
    const expected = [
      tr("stats-title", { unit: "Xã Chiềng Châu", period: period("H1", 2026), from: "01/01/2026", to: "30/06/2026" }),
      "",
      tr("stats-reports", { submitted: 1, owed: rows.length }) + tr("stats-reports-late", { late: 1 }), // sent after 15/06
      tr("stats-reports-missing", { units: missing.join(", ") }),
      tr("stats-piggy", { amount: money(L, collected), openings: 2 }),
      tr("stats-sponsor", { active: 1, percent: 50, still: 1, sponsored: 2 }), // one of the two dropped out in May
      tr("stats-learning", { recognised: 1, registered: 2, percent: 50 }),
      tr("stats-scholarships", { count: sum((o) => o.scholarshipCount), amount: money(L, sum((o) => o.scholarshipAmount)) }),
    ].join("\n");
    expect(chat.texts()).toEqual([expected]);

    // The pictures: "sending a photo…" first, then two PNGs in this chat, with their captions.
    const methods = chat.calls().map((c) => (c.method === "sendChatAction" ? `action:${String(c.payload.action)}` : c.method));
    expect(methods.indexOf("action:upload_photo")).toBeGreaterThan(-1);
    expect(methods.indexOf("action:upload_photo")).toBeLessThan(methods.indexOf("sendPhoto"));
    const photos = chat.calls("sendPhoto");
    expect(photos.map((c) => [c.payload.chat_id, c.payload.caption])).toEqual([
      [id, tr("stats-chart-money-caption", { unit: "Xã Chiềng Châu", period: period("H1", 2026), amount: money(L, collected) })],
      [id, tr("stats-chart-reports-caption", { unit: "Xã Chiềng Châu", period: period("H1", 2026), submitted: 1, owed: rows.length })],
    ]);
    const uploads = h.tg.uploadsTo(id, "sendPhoto").slice(-2);
    expect(uploads.map((u) => u.fileName)).toEqual(["chart-1.png", "chart-2.png"]);
    expect(uploads.map((u) => u.bytes.subarray(0, 8))).toEqual([PNG, PNG]);
    expect(uploads.map((u) => u.bytes)).toEqual(drawn.pngs.slice(-2));

    // What the charts show: money per child unit (Vietnamese order), reports owed and submitted per child that owes.
    const [moneyChart, reportsChart] = drawn.charts.slice(-2);
    expect(moneyChart).toEqual({
      title: tr("stats-chart-money-title", { period: period("H1", 2026) }), locale: L, valueFormat: "money",
      labels: ["Ban khuyến học Trường THCS Chiềng Châu", "Chi hội bản Lác"],
      series: [{ name: tr("stats-chart-money-series"), values: [sum((o) => o.amountCollected, SCHOOL), sum((o) => o.amountCollected, BRANCH)] }],
    });
    const owingChildren = perChild.filter((c) => c.owed > 0);
    expect(owingChildren.length).toBeGreaterThan(0);
    expect(reportsChart).toEqual({
      title: tr("stats-chart-reports-title", { period: period("H1", 2026) }), locale: L, valueFormat: "count",
      labels: owingChildren.map((c) => c.name),
      series: [
        { name: tr("stats-chart-reports-owed"), values: owingChildren.map((c) => c.owed) },
        { name: tr("stats-chart-reports-submitted"), values: owingChildren.map((c) => c.submitted) },
      ],
    });

    // The buttons come under the last picture: the other periods, the child units for the same period, ⬅️, 🏠.
    expect(chat.lastInline()?.message_id).toBe((photos.at(-1)!.result as { message_id: number }).message_id);
    expect(chat.buttons()).toEqual([
      tr("btn-report-period-YEAR", { year: 2026 }), tr("btn-report-period-YEAR", { year: 2025 }),
      tr("btn-stats-down", { unit: "Ban khuyến học Trường THCS Chiề…" }), tr("btn-stats-down", { unit: "Chi hội bản Lác" }),
      tr("btn-back"), tr("btn-menu"),
    ]);
  });

  it("one level down: the branch's own figures for the same period, no chart (it has no units below)", async () => {
    await chat.press(tr("btn-stats-down", { unit: "Chi hội bản Lác" }));
    const text = chat.lastText()!;
    expect(text.startsWith(tr("stats-title", { unit: "Chi hội bản Lác", period: period("H1", 2026), from: "01/01/2026", to: "30/06/2026" }))).toBe(true);
    expect(text).toContain(tr("stats-piggy", { amount: money(L, sum((o) => o.amountCollected, BRANCH)), openings: 1 }));
    expect(text).toContain(tr("stats-sponsor", { active: 1, percent: 100, still: 1, sponsored: 1 }));
    expect(text).toContain(tr("stats-learning", { recognised: 1, registered: 2, percent: 50 }));
    expect(chat.calls("sendPhoto")).toEqual([]);
    expect(chat.buttons()).toContain(tr("btn-back"));
  });

  it("an empty period: the friendly text, no picture", async () => {
    await chat.send("/stats");
    await chat.press(tr("btn-report-period-YEAR", { year: 2025 }));
    expect(chat.texts()).toEqual([tr("stats-empty", { unit: "Xã Chiềng Châu", period: period("YEAR", 2025) })]);
    expect(chat.calls("sendPhoto")).toEqual([]);
    expect(chat.buttons()).toContain(tr("btn-report-period-H1", { year: 2026 }));
  });

  it("a forged button for a period not begun, or for a unit outside the area, is refused with a way back", async () => {
    const commune = await h.unit(COMMUNE);
    await chat.pressData(`qv:${commune.id}:2027:H1`);
    expect(chat.texts()).toEqual([tr("errors-stats_period_future", { year: 2027 })]);
    expect(chat.buttons()).toEqual([tr("btn-stats-show"), tr("btn-menu")]);
    expect(chat.calls("sendPhoto")).toEqual([]);
    const district = await h.unit("HB-MC");
    await chat.pressData(`qv:${district.id}:2026:H1`);
    expect(chat.texts()).toEqual([tr("errors-forbidden")]);
    await chat.pressData(`qu:${district.id}`);
    expect(chat.texts()).toEqual([tr("errors-forbidden")]);
  });
});

describe("/stats for a member", () => {
  it("is refused, and the menu has no 📊 button", async () => {
    const member = h.chat({ id: MEMBER });
    await member.send("/stats");
    expect(member.texts()).toEqual([t("vi", "errors-forbidden")]);
    await member.pressData("qh");
    expect(member.texts()).toEqual([t("vi", "errors-forbidden")]);
    const commune = await h.unit(COMMUNE);
    await member.pressData(`qv:${commune.id}:2026:H1`);
    expect(member.texts()).toEqual([t("vi", "errors-forbidden")]);
    expect(member.calls("sendPhoto")).toEqual([]);
    await member.send("/menu");
    expect(member.buttons()).not.toContain(t("vi", "btn-stats-home"));
  });
});
