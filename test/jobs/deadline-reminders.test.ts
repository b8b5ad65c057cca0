// Deadline reminders over a whole season of the mid-year report (due
// 15/06): each step on its day at 08:00 and on no other day, never at night,
// stopped for a unit once it submits; one digest to each coordinator after
// the deadline; nothing twice after a restart or with two instances; a
// failed send recorded while the others go out. Then the messages as people
// read them, in their language, with their buttons.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pino } from "pino";
import { createI18n } from "../../src/bot/i18n.ts";
import { deliverer } from "../../src/bot/notify.ts";
import { createDeadlineNotifier, digestText, DIGEST_MAX_LINES } from "../../src/bot/notify-deadlines.ts";
import type { UnitKind } from "../../src/domain/unit-kinds.ts";
import { deadlineReminderJob, sendDeadlineReminders, type DeadlineReminderSender } from "../../src/jobs/deadline-reminders.ts";
import type { Person } from "../../src/services/access.ts";
import type { DueReminder, OverdueDigest } from "../../src/services/deadlines.ts";
import { createServices, type Services } from "../../src/services/index.ts";
import { freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";
import { peopleMaker } from "../helpers/people.ts";

/** `hourVn`:00 in Vietnam on a day of 2026 (UTC+7). */
const at = (month: number, day: number, hourVn = 8) => new Date(Date.UTC(2026, month - 1, day, hourVn - 7));
const jun = (day: number, hourVn = 8) => at(6, day, hourVn);
const NOTHING = { sent: 0, failed: 0, skipped: 0, digests: { sent: 0, failed: 0, skipped: 0 } };
const SEASON_DAYS = [8, 12, 14, 15, 18, 21, 24];

/** A fake sender that records what it was asked to send; `failures` says what to answer (or throw) for a person. */
function recorder(clock: { now: Date }, failures: Map<number, string | Error> = new Map()) {
  const reminders: (DueReminder & { day: number })[] = [];
  const digests: (OverdueDigest & { day: number })[] = [];
  const answer = (telegramId: number) => {
    const failure = failures.get(telegramId);
    if (failure instanceof Error) return Promise.reject(failure);
    return Promise.resolve(failure ?? null);
  };
  const sender: DeadlineReminderSender = {
    deadlineReminder: (r) => {
      reminders.push({ ...r, day: clock.now.getUTCDate() });
      return answer(r.telegramId);
    },
    deadlineDigest: (d) => {
      digests.push({ ...d, day: clock.now.getUTCDate() });
      return answer(d.telegramId);
    },
  };
  return { sender, reminders, digests };
}

describe.each(TEST_DATABASES)("deadline reminders on %s", (kind) => {
  let env: TestEnv;
  let admin: Person;
  let templateId: number;
  const ids: Record<string, number> = {};
  const units: Record<string, number> = {};
  const { joinWith } = peopleMaker(() => env, () => admin, 5000);

  /**
   *   province (coordP) ── district (coordD) ─┬─ communeA (repA, repA2) ── branch (branchRep)
   *                                            ├─ communeB (repB)
   *                                            └─ school (repS)
   */
  beforeAll(async () => {
    env = await freshServices(kind);
    admin = await env.services.access.loadPerson(1);
    const unit = async (name: string, parent: string | null, k: UnitKind, label: string) => {
      units[label] = (await env.services.units.createUnit(admin, { parentId: parent ? units[parent]! : null, name, kind: k })).id;
    };
    await unit("Tỉnh Phú Thọ", null, "PROVINCE", "province");
    await unit("Huyện Tân Sơn", "province", "DISTRICT", "district");
    await unit("Xã Mãn Đức", "district", "COMMUNE", "communeA");
    await unit("Chi hội xóm Đồi", "communeA", "BRANCH", "branch");
    await unit("Xã Ngọc Lâu", "district", "COMMUNE", "communeB");
    await unit("Ban khuyến học Trường THPT Tân Sơn", "district", "SCHOOL_COMMITTEE", "school");
    ids.coordP = await joinWith("COORDINATOR", units.province!);
    ids.coordD = await joinWith("COORDINATOR", units.district!);
    ids.repA = await joinWith("REPORTER", units.communeA!);
    ids.repA2 = await joinWith("REPORTER", units.communeA!, "en");
    ids.branchRep = await joinWith("REPORTER", units.branch!);
    ids.repB = await joinWith("REPORTER", units.communeB!);
    ids.repS = await joinWith("REPORTER", units.school!);
    templateId = (await env.db.prisma.reportTemplate.create({ data: { key: "bao-cao-khuyen-hoc", version: 1, content: {}, checksum: "test", source: "test" } })).id;
  });
  afterAll(async () => {
    await env.db.close();
  });
  beforeEach(async () => {
    await env.db.prisma.reminderClaim.deleteMany();
    await env.db.prisma.report.deleteMany();
    await env.db.prisma.member.updateMany({ data: { unreachableAt: null } });
  });

  const restarted = (): Services => createServices({ db: env.db.prisma, adminTelegramIds: [1], now: () => env.clock.now });
  function run(services: Services, sender: DeadlineReminderSender, when: Date) {
    env.clock.now = when;
    return sendDeadlineReminders(services, sender, when);
  }
  const submit = (unitId: number) =>
    env.db.prisma.report.create({
      data: { unitId, templateId, templateKey: "bao-cao-khuyen-hoc", year: 2026, period: "H1", status: "SUBMITTED", submittedAt: env.clock.now, createdByTelegramId: 1n },
    });
  const daysOf = (list: { telegramId: number; day: number }[], telegramId: number) => list.filter((r) => r.telegramId === telegramId).map((r) => r.day);

  it("a season of the mid-year report: each step on its day, never at night, stopped by a submission, one digest", async () => {
    const rec = recorder(env.clock);
    for (let day = 1; day <= 30; day++) {
      // At night nothing goes out — not even a step nobody has claimed yet.
      expect(await run(env.services, rec.sender, jun(day, 6))).toEqual(NOTHING);
      expect(await run(env.services, rec.sender, jun(day, 22))).toEqual(NOTHING);
      if (day === 13) await submit(units.communeB!);
      const morning = await run(env.services, rec.sender, jun(day, 8));
      expect(morning.failed).toBe(0);
      const afternoon = await run(env.services, rec.sender, jun(day, 14));
      expect([afternoon.sent, afternoon.digests.sent]).toEqual([0, 0]);
      expect(afternoon.skipped).toBe(morning.sent);
    }
    for (const who of [ids.repA!, ids.repA2!, ids.repS!]) expect(daysOf(rec.reminders, who)).toEqual(SEASON_DAYS);
    expect(daysOf(rec.reminders, ids.repB!)).toEqual([8, 12]); // submitted on 13/06
    expect(rec.reminders.filter((r) => r.telegramId === ids.repA).map((r) => r.step)).toEqual([-7, -3, -1, 0, 3, 6, 9]);
    expect(rec.reminders.filter((r) => [ids.branchRep, ids.coordD, ids.coordP].includes(r.telegramId))).toEqual([]);
    expect(new Set(rec.reminders.map((r) => r.deadline.key))).toEqual(new Set(["so-ket-6-thang"]));
    const first = rec.reminders.find((r) => r.telegramId === ids.repA2)!;
    expect(first).toMatchObject({ unitId: units.communeA, unitName: "Xã Mãn Đức", language: "en", step: -7, deadline: { dueOn: "2026-06-15", period: "H1", year: 2026 } });

    // The digest: on 16/06 only, once per coordinator, listing the units still missing.
    expect(rec.digests.map((d) => [d.day, d.telegramId, d.unitId, d.missing.map((m) => m.unitName)])).toEqual([
      [16, ids.coordP, units.province, ["Xã Mãn Đức", "Ban khuyến học Trường THPT Tân Sơn"]],
      [16, ids.coordD, units.district, ["Xã Mãn Đức", "Ban khuyến học Trường THPT Tân Sơn"]],
    ]);
    const claims = await env.db.prisma.reminderClaim.findMany({ where: { sentAt: null } });
    expect(claims).toEqual([]);
  });

  it("a restart after the 08:00 run sends nothing twice; a bot down at 08:00 sends the day's step when it starts", async () => {
    const rec = recorder(env.clock);
    expect(await run(env.services, rec.sender, jun(8))).toMatchObject({ sent: 4, skipped: 0 });
    const again = recorder(env.clock);
    expect(await run(restarted(), again.sender, jun(8, 10))).toMatchObject({ sent: 0, skipped: 4 });
    expect(again.reminders).toEqual([]);

    // Down from before 08:00 on 12/06, back at 11:00: the day's step goes out then.
    const late = recorder(env.clock);
    expect(await run(restarted(), late.sender, jun(12, 11))).toMatchObject({ sent: 4, skipped: 0 });
    expect(late.reminders.map((r) => r.step)).toEqual([-3, -3, -3, -3]);
    // Down all of 14/06, back on 15/06: the step of the 14th is not sent late, the 15th's is.
    const next = recorder(env.clock);
    await run(restarted(), next.sender, jun(15, 9));
    expect(next.reminders.map((r) => [r.day, r.step])).toEqual([[15, 0], [15, 0], [15, 0], [15, 0]]);
  });

  it("two instances at once send each reminder and each digest exactly once", async () => {
    const [one, two] = [recorder(env.clock), recorder(env.clock)];
    env.clock.now = jun(8);
    const both = await Promise.all([sendDeadlineReminders(restarted(), one.sender, jun(8)), sendDeadlineReminders(restarted(), two.sender, jun(8))]);
    const keys = [...one.reminders, ...two.reminders].map((r) => r.key);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(4);
    expect(both[0].sent + both[1].sent).toBe(4);
    expect(both[0].skipped + both[1].skipped).toBe(4);

    env.clock.now = jun(16);
    const digests = await Promise.all([sendDeadlineReminders(restarted(), one.sender, jun(16)), sendDeadlineReminders(restarted(), two.sender, jun(16))]);
    expect([...one.digests, ...two.digests].map((d) => d.telegramId).sort()).toEqual([ids.coordD, ids.coordP].sort());
    expect(digests[0].digests.sent + digests[1].digests.sent).toBe(2);
    expect(await env.db.prisma.reminderClaim.count()).toBe(6);
  });

  it("a send failing for one person does not stop the others; the failure is recorded and a blocked person is skipped later", async () => {
    const failures = new Map<number, string | Error>([[ids.repA!, "Forbidden: bot was blocked by the user"], [ids.repS!, new Error("socket hang up")]]);
    const rec = recorder(env.clock, failures);
    expect(await run(env.services, rec.sender, jun(8))).toMatchObject({ sent: 2, failed: 2, skipped: 0 });
    expect(rec.reminders.map((r) => r.telegramId).sort()).toEqual([ids.repA, ids.repA2, ids.repB, ids.repS].sort());
    const claims = await env.db.prisma.reminderClaim.findMany();
    const claimOf = (id: number) => claims.find((c) => c.telegramId === BigInt(id))!;
    expect(claimOf(ids.repA!)).toMatchObject({ sentAt: null, error: "Forbidden: bot was blocked by the user" });
    expect(claimOf(ids.repS!)).toMatchObject({ sentAt: null, error: "socket hang up" });
    expect(claimOf(ids.repB!).error).toBeNull();
    expect(claimOf(ids.repB!).sentAt).not.toBeNull();

    // Not retried; and the person who blocked the bot is skipped by the next step (the one with a network error is not).
    expect(await env.db.prisma.member.findUnique({ where: { telegramId: BigInt(ids.repA!) } })).toMatchObject({ unreachableAt: expect.any(Date) });
    expect(await run(env.services, rec.sender, jun(8, 12))).toMatchObject({ sent: 0, failed: 0, skipped: 3 });
    failures.clear();
    const next = recorder(env.clock);
    await run(env.services, next.sender, jun(12));
    expect(next.reminders.map((r) => r.telegramId).sort()).toEqual([ids.repA2, ids.repB, ids.repS].sort());
  });

  it("the job runs hourly from 08:00 to 20:00 and at start", () => {
    const job = deadlineReminderJob(env.services, recorder(env.clock).sender);
    expect(job).toMatchObject({ name: "deadline-reminders", cron: "0 8-20 * * *", runAtStart: true });
  });
});

describe("the reminder messages", () => {
  let h: BotHarness;
  const silent = pino({ level: "silent" });
  const REPORTER_VI = 901;
  const REPORTER_EN = 902;
  const COORD_DISTRICT = 903;
  const COORD_PROVINCE = 904;

  beforeAll(async () => {
    h = await startHarness();
    await h.makeMember(REPORTER_VI, "HB-TL-MD", "REPORTER", "Đinh Thị Lựu", "vi");
    await h.makeMember(REPORTER_EN, "HB-TL-THPT", "REPORTER", "Hà Văn Thắng", "en");
    await h.makeMember(COORD_DISTRICT, "HB-TL", "COORDINATOR", "Bùi Trọng Đắc", "vi");
    await h.makeMember(COORD_PROVINCE, "HB", "COORDINATOR", "Quách Thị Hoa", "en");
  });
  afterAll(async () => {
    await h.close();
  });

  // Sent at once through the bot's Api (the app queues them instead: test/jobs/reminders-outbox.test.ts).
  const notifier = () => createDeadlineNotifier(deliverer(h.bot.api, silent), createI18n());
  async function run(when: Date) {
    h.env.clock.now = when;
    return sendDeadlineReminders(h.services, notifier(), when);
  }
  const messagesTo = (id: number) => h.tg.callsOf("sendMessage").filter((c) => c.payload.chat_id === id);
  const lastTo = (id: number) => messagesTo(id).at(-1)!.payload;
  const buttonsOf = (payload: { reply_markup?: unknown }) =>
    ((payload.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard ?? []).flat().map((b) => [b.text, b.callback_data]);
  const SO_KET = { vi: "Báo cáo sơ kết 6 tháng đầu năm", en: "Mid-year report (first six months)" };

  it("reminds each reporter in their language, with a button that opens the unit's report", async () => {
    const md = await h.unit("HB-TL-MD");
    const thpt = await h.unit("HB-TL-THPT");
    expect(await run(jun(8))).toMatchObject({ sent: 2, failed: 0 });
    expect(lastTo(REPORTER_VI).text).toBe(t("vi", "deadline-notice-before", { name: SO_KET.vi, unit: "Xã Mãn Đức", date: "15/06/2026", days: 7 }));
    expect(lastTo(REPORTER_VI).text).toContain("còn 7 ngày");
    expect(buttonsOf(lastTo(REPORTER_VI))).toEqual([[t("vi", "btn-deadline-open-report"), `rp:${md.id}:2026:H1`]]);
    expect(lastTo(REPORTER_EN).text).toBe(t("en", "deadline-notice-before", { name: SO_KET.en, unit: "Ban khuyến học Trường THPT Tân Lạc", date: "15/06/2026", days: 7 }));
    expect(lastTo(REPORTER_EN).text).toContain("in 7 days");
    expect(buttonsOf(lastTo(REPORTER_EN))).toEqual([[t("en", "btn-deadline-open-report"), `rp:${thpt.id}:2026:H1`]]);
    expect(lastTo(REPORTER_EN).parse_mode).toBe("HTML");

    await run(jun(15));
    expect(lastTo(REPORTER_VI).text).toBe(t("vi", "deadline-notice-today", { name: SO_KET.vi, unit: "Xã Mãn Đức", date: "15/06/2026", days: 0 }));
    expect(messagesTo(COORD_DISTRICT)).toHaveLength(0);
  });

  it("the coordinators' digest lists the units still missing, with a button to who has submitted", async () => {
    const district = await h.unit("HB-TL");
    const md = await h.unit("HB-TL-MD");
    const template = await h.prisma.reportTemplate.create({ data: { key: "bao-cao-khuyen-hoc", version: 99, content: {}, checksum: "test", source: "test" } });
    await h.prisma.report.create({
      data: { unitId: md.id, templateId: template.id, templateKey: "bao-cao-khuyen-hoc", year: 2026, period: "H1", status: "SUBMITTED", createdByTelegramId: BigInt(REPORTER_VI) },
    });
    const owing = await h.prisma.unit.findMany({ where: { kind: { in: ["COMMUNE", "SCHOOL_COMMITTEE", "AGENCY_COMMITTEE"] }, validTo: null, id: { not: md.id } }, orderBy: { id: "asc" } });
    const beforeVi = messagesTo(REPORTER_VI).length;
    expect(await run(jun(16))).toMatchObject({ sent: 0, digests: { sent: 2, failed: 0 } });

    const underDistrict = owing.filter((u) => u.path.startsWith(district.path));
    expect(underDistrict.map((u) => u.code)).toEqual(["HB-TL-MK", "HB-TL-THPT"]);
    const head = t("vi", "deadline-notice-digest", { name: SO_KET.vi, date: "15/06/2026", unit: district.name, count: 2 });
    expect(lastTo(COORD_DISTRICT).text).toBe([head, ...underDistrict.map((u) => t("vi", "deadline-notice-digest-line", { unit: u.name }))].join("\n"));
    expect(buttonsOf(lastTo(COORD_DISTRICT))).toEqual([[t("vi", "btn-deadline-who-submitted"), `rs:${district.id}:2026:H1`]]);

    const province = await h.unit("HB");
    const headEn = t("en", "deadline-notice-digest", { name: SO_KET.en, date: "15/06/2026", unit: province.name, count: owing.length });
    expect(lastTo(COORD_PROVINCE).text).toBe([headEn, ...owing.map((u) => t("en", "deadline-notice-digest-line", { unit: u.name }))].join("\n"));
    expect(lastTo(COORD_PROVINCE).text).not.toContain("Xã Mãn Đức");
    expect(messagesTo(REPORTER_VI)).toHaveLength(beforeVi);

    // 18/06: the overdue step, not to the unit that submitted.
    await run(jun(18));
    expect(lastTo(REPORTER_EN).text).toBe(t("en", "deadline-notice-overdue", { name: SO_KET.en, unit: "Ban khuyến học Trường THPT Tân Lạc", date: "15/06/2026", days: 3 }));
    expect(lastTo(REPORTER_EN).text).toContain("3 days overdue");
    expect(t("vi", "deadline-notice-overdue", { name: "X", unit: "Y", date: "15/06/2026", days: 3 })).toContain("đã quá hạn 3 ngày");
    expect(messagesTo(REPORTER_VI)).toHaveLength(beforeVi);
  });

  it("a self-assessment opens the learning home; an event has no button", async () => {
    const thpt = await h.unit("HB-TL-THPT");
    await run(at(3, 24));
    expect(lastTo(REPORTER_EN).text).toBe(t("en", "deadline-notice-before", { name: "Learning-unit self-assessment", unit: thpt.name, date: "31/03/2026", days: 7 }));
    expect(buttonsOf(lastTo(REPORTER_EN))).toEqual([[t("en", "btn-deadline-open-learning"), "lh"]]);
    await run(at(4, 1));
    expect(lastTo(COORD_DISTRICT).text).toContain(thpt.name);
    expect(buttonsOf(lastTo(COORD_DISTRICT))).toEqual([[t("vi", "btn-deadline-learning-figures"), `ls:${(await h.unit("HB-TL")).id}:2026`]]);

    await run(at(9, 25));
    const district = await h.unit("HB-TL");
    expect(lastTo(COORD_DISTRICT).text).toBe(t("vi", "deadline-notice-event-before", { name: "Ngày Khuyến học Việt Nam (2/10)", unit: district.name, date: "02/10/2026", days: 7 }));
    expect(lastTo(COORD_DISTRICT).reply_markup).toBeUndefined();
  });

  it("a person who blocked the bot is recorded as unreachable and skipped afterwards", async () => {
    // 08/12: a week before the year-end report, which both reporters owe.
    h.tg.fail("sendMessage", { code: 403, description: "Forbidden: bot was blocked by the user", chatId: REPORTER_VI });
    expect(await run(at(12, 8))).toMatchObject({ sent: 1, failed: 1 });
    expect(lastTo(REPORTER_EN).text).toBe(t("en", "deadline-notice-before", { name: "Year-end report", unit: "Ban khuyến học Trường THPT Tân Lạc", date: "15/12/2026", days: 7 }));
    const claim = await h.prisma.reminderClaim.findFirstOrThrow({ where: { telegramId: BigInt(REPORTER_VI), key: { startsWith: "deadline:" }, sentAt: null } });
    expect(claim.error).toContain("blocked");
    expect(claim.error).not.toContain("test-token");
    expect((await h.prisma.member.findUniqueOrThrow({ where: { telegramId: BigInt(REPORTER_VI) } })).unreachableAt).not.toBeNull();
    const before = messagesTo(REPORTER_VI).length;
    expect(await run(at(12, 12))).toMatchObject({ sent: 1, failed: 0 });
    expect(messagesTo(REPORTER_VI)).toHaveLength(before);
  });

  it("a long digest shows 30 units, then how many more", () => {
    const missing = Array.from({ length: DIGEST_MAX_LINES + 5 }, (_, i) => ({ unitId: i + 1, unitName: `Xã số ${i + 1}` }));
    const digest = { deadline: { name: SO_KET, dueOn: "2026-06-15" }, telegramId: 1, language: "vi", unitId: 1, unitName: "Tỉnh", missing, key: "digest:1:1" } as OverdueDigest;
    const tr = (key: string, vars?: Record<string, string | number>) => t("vi", key, vars);
    const lines = digestText(tr, digest).split("\n");
    expect(lines).toHaveLength(1 + 30 + 1);
    expect(lines[30]).toBe(t("vi", "deadline-notice-digest-line", { unit: "Xã số 30" }));
    expect(lines.at(-1)).toBe(t("vi", "deadline-notice-digest-more", { count: 5 }));
    expect(t("en", "deadline-notice-digest-more", { count: 5 })).toBe("… and 5 more");
  });
});
