// The timed reminders go through the durable outbox (issue 7): the deadline
// reminder and the check-in reminder become OutboxMessage rows (batch
// "reminders", one dedupe key per claim and person) with their HTML text and
// buttons; a second run queues nothing new (the claim). The outbox's sender
// then delivers them, and a person who blocked the bot is marked unreachable
// through its onBlocked, as the app wires it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pino } from "pino";
import { createI18n } from "../../src/bot/i18n.ts";
import { checkInNotifier, queuer } from "../../src/bot/notify.ts";
import { createDeadlineNotifier } from "../../src/bot/notify-deadlines.ts";
import { startOutboxSender } from "../../src/delivery/outbox-sender.ts";
import { sendCheckInReminders } from "../../src/jobs/check-in-reminders.ts";
import { sendDeadlineReminders } from "../../src/jobs/deadline-reminders.ts";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";

const REPORTER = 921;
const OWNER = 922;
const BLOCKED_REPORTER = 923;
const silent = pino({ level: "silent" });
/** `hourVn`:00 in Vietnam on a day of 2026 (UTC+7). */
const at = (month: number, day: number, hourVn = 8) => new Date(Date.UTC(2026, month - 1, day, hourVn - 7));
const SO_KET_VI = "Báo cáo sơ kết 6 tháng đầu năm";

let h: BotHarness;
let wakes = 0;
const i18n = createI18n();
const deadlineJob = (when: Date) => {
  h.env.clock.now = when;
  return sendDeadlineReminders(h.services, createDeadlineNotifier(queuer(h.services, () => void wakes++), i18n), when);
};
const checkInJob = (when: Date) => {
  h.env.clock.now = when;
  return sendCheckInReminders(h.services, checkInNotifier(queuer(h.services, () => void wakes++), i18n), when);
};
const rows = () => h.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } });
const sentTo = (id: number) => h.tg.callsOf("sendMessage").filter((c) => c.payload.chat_id === id);

beforeAll(async () => {
  h = await startHarness();
  await h.makeMember(REPORTER, "HB-TL-MD", "REPORTER", "Đinh Thị Lựu", "vi");
  await h.makeMember(OWNER, "HB-MC-CC-01", "MEMBER", "Hà Văn Thắng", "en");
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.prisma.outboxMessage.deleteMany();
  wakes = 0;
});

describe("reminders queued in the outbox", () => {
  it("a deadline reminder becomes one outbox row with its HTML text and button; a second run queues nothing", async () => {
    const md = await h.unit("HB-TL-MD");
    expect(await deadlineJob(at(6, 8))).toMatchObject({ sent: 1, failed: 0, skipped: 0 });
    const claim = await h.prisma.reminderClaim.findFirstOrThrow({ where: { telegramId: BigInt(REPORTER) } });
    expect(claim.key).toMatch(new RegExp(`^deadline:\\d+:-7:${md.id}:${REPORTER}$`));
    expect(claim.sentAt).not.toBeNull(); // settled: queued

    const queued = await rows();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ batch: "reminders", dedupeKey: `reminder:${claim.key}:${REPORTER}`, chatId: BigInt(REPORTER), status: "PENDING" });
    expect(queued[0]!.payload).toEqual({
      method: "sendMessage",
      params: {
        text: t("vi", "deadline-notice-before", { name: SO_KET_VI, unit: "Xã Mãn Đức", date: "15/06/2026", days: 7 }),
        parse_mode: "HTML",
        reply_markup: { inline_keyboard: [[{ text: t("vi", "btn-deadline-open-report"), callback_data: `rp:${md.id}:2026:H1` }]] },
      },
    });
    expect(wakes).toBe(1);
    expect(sentTo(REPORTER)).toHaveLength(0); // queued, not sent by the job

    expect(await deadlineJob(at(6, 8, 14))).toMatchObject({ sent: 0, skipped: 1 });
    expect(await rows()).toHaveLength(1);
    expect(wakes).toBe(1);
  });

  it("a check-in reminder becomes one outbox row with both buttons; a second run queues nothing", async () => {
    h.env.clock.now = new Date("2026-11-29T03:00:00Z");
    const unit = await h.unit("HB-MC-CC-01");
    const [kind] = await h.services.sponsorships.listSponsorKinds();
    const c = await h.services.sponsorships.openCase(await h.person(OWNER), {
      unitId: unit.id, pupilName: "Lò Văn Pầng", birthYear: 2014, schoolName: "Trường THCS Chiềng Châu", grade: 7,
      circumstances: ["POOR_HOUSEHOLD"], circumstanceNote: null, sponsorKindId: kind!.id, sponsorName: "Gia đình ông Quách Văn Tư",
      support: [{ kind: "MONEY", amount: 500_000 }], supportNote: null, startedOn: "2026-11-29", checkInMonths: 1, guardianConsent: true,
    });
    expect(await checkInJob(at(12, 29))).toEqual({ sent: 1, failed: 0, skipped: 0 });

    const queued = await rows();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ batch: "reminders", dedupeKey: `reminder:checkin:${c.id}:2026-12-29:0:${OWNER}`, chatId: BigInt(OWNER), status: "PENDING" });
    const params = (queued[0]!.payload as { params: { text: string; parse_mode: string; reply_markup: { inline_keyboard: { text: string; callback_data: string }[][] } } }).params;
    expect(params.text).toBe(t("en", "sponsor-reminder-due", { pupil: "Lò Văn Pầng", unit: "Chi hội bản Lác", date: "29/12/2026" }));
    expect(params.parse_mode).toBe("HTML");
    expect(params.reply_markup.inline_keyboard.flat().map((b) => [b.text, b.callback_data])).toEqual([
      [t("en", "btn-sponsor-check-in-now"), `sk:${c.id}`],
      [t("en", "btn-sponsor-view-case"), `sc:${c.id}`],
    ]);
    expect(sentTo(OWNER)).toHaveLength(0);

    expect(await checkInJob(at(12, 29, 15))).toEqual({ sent: 0, failed: 0, skipped: 1 });
    expect(await rows()).toHaveLength(1);
    expect(wakes).toBe(1);
    await h.services.sponsorships.anonymiseCase(await h.person(OWNER), c.id);
  });

  it("the outbox's sender delivers them, and marks a person who blocked the bot unreachable", async () => {
    await h.makeMember(BLOCKED_REPORTER, "HB-TL-THPT", "REPORTER", "Bùi Trọng Đắc", "vi");
    // 08/12: a week before the year-end report, which both reporters owe.
    expect(await deadlineJob(at(12, 8))).toMatchObject({ sent: 2, failed: 0 });
    h.tg.fail("sendMessage", { code: 403, description: "Forbidden: bot was blocked by the user", chatId: BLOCKED_REPORTER });
    const sender = startOutboxSender({
      db: h.prisma, api: h.bot.api, log: silent, now: () => h.env.clock.now, instanceId: "test", idleMs: 50,
      onBlocked: (chatId) => h.services.members.setReachable(chatId, false),
    });
    try {
      await sender.drained();
    } finally {
      await sender.stop();
    }
    const byChat = new Map((await rows()).map((r) => [Number(r.chatId), r.status]));
    expect(byChat).toEqual(new Map([[REPORTER, "SENT"], [BLOCKED_REPORTER, "BLOCKED"]]));
    expect(sentTo(REPORTER).at(-1)!.payload.text).toBe(t("vi", "deadline-notice-before", { name: "Báo cáo tổng kết năm", unit: "Xã Mãn Đức", date: "15/12/2026", days: 7 }));
    expect((await h.prisma.member.findUniqueOrThrow({ where: { telegramId: BigInt(BLOCKED_REPORTER) } })).unreachableAt).not.toBeNull();
    expect((await h.prisma.member.findUniqueOrThrow({ where: { telegramId: BigInt(REPORTER) } })).unreachableAt).toBeNull();
  });
});
