// Check-in reminders for sponsorship cases: sent to the case owner on the
// due day at a sensible hour, then 3 and 7 days late, each step once — also
// after a restart — never at night, never to someone who left the unit, and
// a failed send is recorded rather than retried every hour.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pino } from "pino";
import { createI18n } from "../../src/bot/i18n.ts";
import { createNotifier } from "../../src/bot/notify.ts";
import { createServices } from "../../src/services/index.ts";
import type { CaseInput } from "../../src/domain/sponsorship.ts";
import { REMINDER_STEPS, checkInReminderJob, reminderStep, sendCheckInReminders } from "../../src/jobs/check-in-reminders.ts";
import { startScheduler } from "../../src/jobs/scheduler.ts";
import { type BotHarness, ADMIN_ID, startHarness, t } from "../helpers/bot.ts";

let h: BotHarness;
const silent = pino({ level: "silent" });
const OWNER = 801;
const OTHER_OWNER = 802;

beforeAll(async () => {
  h = await startHarness();
  h.env.clock.now = new Date("2026-11-29T03:00:00Z");
  await h.makeMember(OWNER, "HB-TL-MD-01", "MEMBER", "Đinh Thị Lựu", "vi");
  await h.makeMember(OTHER_OWNER, "HB-MC-CC-01", "MEMBER", "Hà Văn Thắng", "en");
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.prisma.reminderClaim.deleteMany();
});

function sender() {
  return createNotifier(h.bot.api, createI18n(), silent);
}

async function openCase(owner: number, unitCode: string, change: Partial<CaseInput> = {}) {
  const person = await h.person(owner);
  const unit = await h.unit(unitCode);
  const [kind] = await h.services.sponsorships.listSponsorKinds();
  return h.services.sponsorships.openCase(person, {
    unitId: unit.id, pupilName: "Bùi Thị Ngọc Ánh", birthYear: 2014, schoolName: "Trường THCS Mãn Đức", grade: 7,
    circumstances: ["POOR_HOUSEHOLD"], circumstanceNote: null, sponsorKindId: kind!.id, sponsorName: "Gia đình ông Quách Văn Tư",
    support: [{ kind: "MONEY", amount: 500_000 }], supportNote: null, startedOn: "2026-11-29", checkInMonths: 1, guardianConsent: true,
    ...change,
  });
}

/** 08:00 in Vietnam on a day of December 2026 (01:00 UTC). */
const dec = (day: number, hourVn = 8) => new Date(Date.UTC(2026, 11, day, hourVn - 7));
const messagesTo = (id: number) => h.tg.callsOf("sendMessage").filter((c) => c.payload.chat_id === id);

describe("check-in reminders", () => {
  it("reminds the owner once on the due day, with buttons to check in and to see the case", async () => {
    const c = await openCase(OWNER, "HB-TL-MD-01");
    expect(c.nextCheckInOn).toBe("2026-12-29");
    const before = messagesTo(OWNER).length;

    expect(await sendCheckInReminders(h.services, sender(), dec(28))).toEqual({ sent: 0, failed: 0, skipped: 0 }); // not due yet
    expect(await sendCheckInReminders(h.services, sender(), dec(29))).toEqual({ sent: 1, failed: 0, skipped: 0 });
    const sent = messagesTo(OWNER).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload.text).toBe(t("vi", "sponsor-reminder-due", { pupil: "Bùi Thị Ngọc Ánh", unit: "Chi hội xóm Đồi, xã Mãn Đức", date: "29/12/2026" }));
    const data = (sent[0]!.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard.flat().map((b) => b.callback_data);
    expect(data).toEqual([`sk:${c.id}`, `sc:${c.id}`]);

    // Later the same day, and after a restart (new services on the same database): nothing more.
    expect(await sendCheckInReminders(h.services, sender(), dec(29, 14))).toMatchObject({ sent: 0, skipped: 1 });
    const restarted = createServices({ db: h.prisma, adminTelegramIds: [ADMIN_ID], now: () => dec(29, 15) });
    expect(await sendCheckInReminders(restarted, sender(), dec(29, 15))).toMatchObject({ sent: 0, skipped: 1 });
    expect(messagesTo(OWNER).slice(before)).toHaveLength(1);
    await h.services.sponsorships.anonymiseCase(await h.person(OWNER), c.id);
  });

  it("then 3 and 7 days late, once each, in the owner's language, and stops after the check-in", async () => {
    const c = await openCase(OTHER_OWNER, "HB-MC-CC-01", { pupilName: "Lò Văn Pầng" });
    const before = messagesTo(OTHER_OWNER).length;
    const run = (day: number) => sendCheckInReminders(h.services, sender(), day <= 31 ? dec(day) : new Date(Date.UTC(2027, 0, day - 31, 1)));
    for (const day of [29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 45]) await run(day);
    const texts = messagesTo(OTHER_OWNER).slice(before).map((m) => m.payload.text);
    const vars = { pupil: "Lò Văn Pầng", unit: "Chi hội bản Lác", date: "29/12/2026" };
    expect(texts).toEqual([
      t("en", "sponsor-reminder-due", vars),
      t("en", "sponsor-reminder-late", { ...vars, days: 3 }),
      t("en", "sponsor-reminder-late", { ...vars, days: 7 }),
    ]);
    expect(REMINDER_STEPS).toEqual([0, 3, 7]);

    // Checked in on 14/01: the next check-in is due on 29/01 (one month after the due day) and nothing is sent before.
    h.env.clock.now = new Date("2027-01-14T03:00:00Z");
    const done = await h.services.sponsorships.recordCheckIn(await h.person(OTHER_OWNER), c.id, { attending: true, supportArrived: true, studies: 3, flagNote: null });
    expect(done.case.nextCheckInOn).toBe("2027-01-29");
    for (const day of [46, 50, 55, 58]) await run(day);
    expect(messagesTo(OTHER_OWNER).slice(before)).toHaveLength(3);
    await run(60); // 29/01/2027
    expect(messagesTo(OTHER_OWNER).slice(before)).toHaveLength(4);
    h.env.clock.now = new Date("2026-11-29T03:00:00Z");
    await h.services.sponsorships.anonymiseCase(await h.person(OTHER_OWNER), c.id);
  });

  it("sends nothing between 21:00 and 07:00 in Vietnam", async () => {
    const c = await openCase(OWNER, "HB-TL-MD-01");
    for (const hour of [21, 23, 27, 30]) {
      // 27 and 30: 03:00 and 06:00 the next morning
      expect(await sendCheckInReminders(h.services, sender(), dec(29, hour))).toEqual({ sent: 0, failed: 0, skipped: 0 });
    }
    expect(await sendCheckInReminders(h.services, sender(), dec(30, 7))).toMatchObject({ sent: 1 });
    await h.services.sponsorships.anonymiseCase(await h.person(OWNER), c.id);
  });

  it("skips closed and deleted cases and owners who left the unit", async () => {
    const closed = await openCase(OWNER, "HB-TL-MD-01");
    await h.services.sponsorships.changeStatus(await h.person(OWNER), closed.id, "COMPLETED", null);
    const deleted = await openCase(OWNER, "HB-TL-MD-01");
    await h.services.sponsorships.anonymiseCase(await h.person(OWNER), deleted.id);
    const leaver = 803;
    const membership = await h.makeMember(leaver, "HB-TL-MD-02", "MEMBER", "Trần Thị Mơ");
    const left = await openCase(leaver, "HB-TL-MD-02");
    await h.services.members.removeMember(await h.person(ADMIN_ID), membership.id);
    expect(await sendCheckInReminders(h.services, sender(), dec(29))).toEqual({ sent: 0, failed: 0, skipped: 0 });
    // The coordinator still sees the leaver's case as overdue.
    const overdue = await h.services.sponsorships.overdueCheckIns(await h.person(ADMIN_ID), (await h.unit("HB-TL-MD")).id);
    expect(overdue.map((o) => o.caseId)).toEqual([]); // not overdue on the due day itself
    h.env.clock.now = dec(31);
    const later = await h.services.sponsorships.overdueCheckIns(await h.person(ADMIN_ID), (await h.unit("HB-TL-MD")).id);
    expect(later.map((o) => [o.caseId, o.overdueDays, o.ownerName])).toEqual([[left.id, 2, "Trần Thị Mơ"]]);
    h.env.clock.now = new Date("2026-11-29T03:00:00Z");
    await h.services.sponsorships.anonymiseCase(await h.person(ADMIN_ID), left.id);
  });

  it("records a failed send (the owner blocked the bot) and does not send it again", async () => {
    const c = await openCase(OWNER, "HB-TL-MD-01");
    h.tg.fail("sendMessage", { code: 403, description: "Forbidden: bot was blocked by the user", chatId: OWNER });
    expect(await sendCheckInReminders(h.services, sender(), dec(29))).toEqual({ sent: 0, failed: 1, skipped: 0 });
    const claim = await h.prisma.reminderClaim.findFirstOrThrow({ where: { key: { startsWith: `checkin:${c.id}:` } } });
    expect(claim.sentAt).toBeNull();
    expect(claim.error).toContain("blocked");
    expect(claim.error).not.toContain("test-token");
    expect(await sendCheckInReminders(h.services, sender(), dec(29, 10))).toEqual({ sent: 0, failed: 0, skipped: 1 });
    await h.services.sponsorships.anonymiseCase(await h.person(OWNER), c.id);
  });

  it("steps: the latest one reached", () => {
    expect([0, 1, 2, 3, 6, 7, 30].map(reminderStep)).toEqual([0, 0, 0, 3, 3, 7, 7]);
  });
});

describe("the scheduler", () => {
  it("fires the job on the hour from 08:00 to 20:00 Vietnam time, runs it at start, and stop waits for it", async () => {
    const runs: Date[] = [];
    const job = { ...checkInReminderJob(h.services, sender()), run: async (now: Date) => void runs.push(now) };
    const scheduler = startScheduler([job], { log: silent, now: () => new Date("2026-12-29T01:00:00Z") });
    try {
      const next = scheduler.nextRun("check-in-reminders");
      expect(next).not.toBeNull();
      const vnHour = (next!.getUTCHours() + 7) % 24;
      expect(next!.getUTCMinutes()).toBe(0);
      expect(vnHour >= 8 && vnHour <= 20).toBe(true);
      await scheduler.runNow("check-in-reminders");
      expect(runs.length).toBeGreaterThanOrEqual(1); // at start, and now
    } finally {
      await scheduler.stop();
    }
  });

  it("logs a failing job instead of throwing into the timer", async () => {
    const errors: unknown[] = [];
    const log = pino({ level: "error" }, { write: (line: string) => void errors.push(JSON.parse(line)) });
    const scheduler = startScheduler([{ name: "boom", cron: "0 8 * * *", run: () => Promise.reject(new Error("database gone")) }], { log, now: () => new Date() });
    await scheduler.runNow("boom");
    await scheduler.stop();
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0])).toContain("database gone");
  });
});
