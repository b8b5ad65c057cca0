// Following a sponsorship case in the chat (issue 4), in Vietnamese and in
// English: the owner's monthly check-ins (a fine one, one flagging a problem
// and one "not attending", which reach the commune's coordinator at once),
// status changes (back in school with a note; dropped out needs a reason),
// and the refusals: a closed case, a viewer who only sees initials, /cancel.
// Back keeps every answer; old buttons are answered as outdated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatAmount } from "../../src/domain/money.ts";
import type { CaseInput } from "../../src/domain/sponsorship.ts";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";
import { buttonData, messageWith, type L } from "../helpers/piggy.ts";
import type { TestChat } from "../helpers/telegram.ts";

let h: BotHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const cases = [
  { locale: "vi" as L, ownerId: 901, coordinatorId: 902, viewerId: 903, branch: "HB-TL-MD-01", commune: "HB-TL-MD", owner: "Đinh Thị Lựu" },
  { locale: "en" as L, ownerId: 911, coordinatorId: 912, viewerId: 913, branch: "HB-MC-CC-01", commune: "HB-MC-CC", owner: "Hà Văn Thắng" },
];

const PUPIL = "Bùi Thị Ngọc Ánh";
const at = (iso: string) => new Date(`${iso}T03:00:00Z`); // 10:00 in Vietnam

describe.each(cases)("following a sponsorship case ($locale)", ({ locale, ownerId, coordinatorId, viewerId, branch, commune, owner }) => {
  const tr = (key: string, vars?: Record<string, string | number>) => t(locale, key, vars);
  const vnd = (n: number) => formatAmount(n, locale);
  const yes = tr("btn-sponsor-checkin-yes");
  const no = tr("btn-sponsor-checkin-no");
  const pupil = `${PUPIL} (2014)`;
  let member: TestChat;
  let coordinator: TestChat;

  async function openCase(change: Partial<CaseInput> = {}) {
    const [kind] = await h.services.sponsorships.listSponsorKinds();
    return h.services.sponsorships.openCase(await h.person(ownerId), {
      unitId: (await h.unit(branch)).id, pupilName: PUPIL, birthYear: 2014, schoolName: "Trường THCS Mãn Đức", grade: 7,
      circumstances: ["POOR_HOUSEHOLD"], circumstanceNote: null, sponsorKindId: kind!.id, sponsorName: "Gia đình ông Quách Văn Tư",
      support: [{ kind: "MONEY", amount: 500_000 }], supportNote: null, startedOn: "2026-11-29", checkInMonths: 1, guardianConsent: true,
      ...change,
    });
  }

  const checkIns = (caseId: number) => h.prisma.sponsorshipCheckIn.findMany({ where: { caseId }, orderBy: { id: "asc" } });
  const moneyRows = (caseId: number) => h.prisma.sponsorshipSupport.findMany({ where: { caseId, kind: "MONEY" }, orderBy: { id: "asc" } });
  const lastTo = (chat: TestChat) => h.tg.botMessages(chat.id).at(-1);

  function summary(a: { date: string; attending: boolean; support?: boolean; studies: number; flag?: string }): string {
    const yn = (v: boolean) => tr(v ? "sponsor-checkin-yes" : "sponsor-checkin-no");
    return [
      tr("sponsor-checkin-confirm", { pupil, date: a.date }),
      tr("sponsor-checkin-line-attending", { answer: yn(a.attending) }),
      ...(a.support === undefined ? [] : [tr("sponsor-checkin-line-support", { answer: yn(a.support) })]),
      tr("sponsor-checkin-line-studies", { answer: tr(`sponsor-studies-${a.studies}`) }),
      tr("sponsor-checkin-line-flag", { answer: a.flag ?? tr("sponsor-checkin-nothing") }),
    ].join("\n");
  }

  it("sets up the owner (a member of the branch) and the commune's coordinator", async () => {
    h.env.clock.now = at("2026-11-29");
    await h.makeMember(ownerId, branch, "MEMBER", owner, locale);
    await h.makeMember(coordinatorId, commune, "COORDINATOR", "Trần Văn Nam", locale);
    member = h.chat({ id: ownerId, lang: locale });
    coordinator = h.chat({ id: coordinatorId, lang: locale });
    await member.send("/menu");
    await coordinator.send("/menu");
  });

  it("two check-ins a month apart: a fine one, then one flagging a problem that reaches the coordinator", async () => {
    h.env.clock.now = at("2026-11-29");
    const c = await openCase();
    expect(c.nextCheckInOn).toBe("2026-12-29");

    // ---- a month on: a fine check-in ----
    h.env.clock.now = at("2026-12-29");
    await member.pressData(`sk:${c.id}`);
    expect(member.lastText()).toBe(tr("sponsor-checkin-ask-attending", { pupil, date: "29/12/2026" }));
    expect(member.buttons()).toEqual([yes, no, tr("btn-cancel")]); // the first question: no back
    await member.press(yes);
    expect(member.lastText()).toBe(tr("sponsor-checkin-ask-support", { amount: vnd(500_000), monthly: vnd(500_000), months: 1 }));
    await member.press(yes);
    expect(member.lastText()).toBe(tr("sponsor-checkin-ask-studies"));
    expect(member.buttons()).toEqual([4, 3, 2, 1].map((n) => tr(`sponsor-studies-${n}`)).concat(tr("btn-back"), tr("btn-cancel")));
    await member.press(tr("sponsor-studies-4"));
    expect(member.lastText()).toBe(tr("sponsor-checkin-ask-flag"));
    await member.press(tr("btn-sponsor-checkin-nothing"));
    expect(member.lastText()).toBe(summary({ date: "29/12/2026", attending: true, support: true, studies: 4 }));
    expect(await checkIns(c.id)).toHaveLength(0); // nothing before the confirmation
    await member.press(tr("btn-sponsor-checkin-save"));
    expect(member.texts()[0]).toBe(tr("sponsor-checkin-saved", { date: "29/01/2027" }));
    const coordinatorMessages = h.tg.botMessages(coordinatorId).length;

    let row = await h.prisma.sponsorshipCase.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.status).toBe("ACTIVE");
    expect(row.nextCheckInOn.toISOString().slice(0, 10)).toBe("2027-01-29"); // one month on
    expect((await checkIns(c.id)).map((k) => [k.attending, k.supportArrived, k.studies, k.flagNote])).toEqual([[true, true, 4, null]]);
    const paid = await moneyRows(c.id);
    expect(paid.map((p) => Number(p.amount))).toEqual([500_000]); // the support counted in the ledger
    expect(paid[0]!.checkInId).not.toBeNull();

    // ---- another month: the support did not come, a problem typed ----
    h.env.clock.now = at("2027-01-29");
    await member.pressData(`sk:${c.id}`);
    expect(member.lastText()).toBe(tr("sponsor-checkin-ask-attending", { pupil, date: "29/01/2027" }));
    await member.press(yes);
    await member.press(no);
    await member.press(tr("sponsor-studies-2"));
    const note = "Gia đình vừa mất mùa, em hay phải nghỉ ở nhà trông em";
    await member.send(`  ${note}  `);
    expect(member.lastText()).toBe(summary({ date: "29/01/2027", attending: true, support: false, studies: 2, flag: note }));
    await member.press(tr("btn-sponsor-checkin-save"));
    expect(member.texts()[0]).toBe(
      [tr("sponsor-checkin-saved", { date: "28/02/2027" }), tr("sponsor-checkin-at-risk"), tr("sponsor-checkin-told", { count: 1 })].join("\n"),
    );
    row = await h.prisma.sponsorshipCase.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.status).toBe("AT_RISK");
    expect(row.statusReason).toBe(note);
    expect((await checkIns(c.id)).at(-1)).toMatchObject({ attending: true, supportArrived: false, studies: 2, flagNote: note });
    expect(await moneyRows(c.id)).toHaveLength(1); // nothing arrived this time

    // ---- the coordinator learns at once: initials only, a button to the case ----
    const alerts = h.tg.botMessages(coordinatorId).slice(coordinatorMessages);
    expect(alerts).toHaveLength(1);
    const vars = { name: owner, unit: c.unitName, pupil: c.initials!, year: 2014 };
    expect(alerts[0]!.text).toBe(tr("sponsor-notice-flagged", vars));
    expect(alerts[0]!.text).not.toContain(PUPIL);
    expect(buttonData(alerts[0])).toEqual([`sc:${c.id}`]);

    // ---- a third check-in: not attending (the case stays at risk; told again, differently) ----
    h.env.clock.now = at("2027-02-28");
    await member.pressData(`sk:${c.id}`);
    await member.press(no);
    await member.press(yes);
    await member.press(tr("sponsor-studies-1"));
    await member.press(tr("btn-sponsor-checkin-nothing"));
    expect(member.lastText()).toBe(summary({ date: "28/02/2027", attending: false, support: true, studies: 1 }));
    await member.press(tr("btn-sponsor-checkin-save"));
    expect(member.texts()[0]).toBe(
      [tr("sponsor-checkin-saved", { date: "28/03/2027" }), tr("sponsor-checkin-still-at-risk"), tr("sponsor-checkin-told", { count: 1 })].join("\n"),
    );
    expect(lastTo(coordinator)?.text).toBe(tr("sponsor-notice-not-attending", vars));
    expect(buttonData(lastTo(coordinator))).toEqual([`sc:${c.id}`]);
    expect((await moneyRows(c.id)).map((p) => Number(p.amount))).toEqual([500_000, 500_000]);

    // ---- the status: back in school, with a note ----
    await member.pressData(`ss:${c.id}`);
    expect(member.lastText()).toBe(tr("sponsor-status-ask", { pupil, status: tr("sponsor-status-AT_RISK") }));
    expect(member.buttons()).toEqual(
      ["ACTIVE", "DROPPED_OUT", "RETURNED", "COMPLETED", "TRANSFERRED"].map((s) => tr(`sponsor-status-${s}`)).concat(tr("btn-cancel")),
    );
    await member.press(tr("sponsor-status-RETURNED"));
    expect(member.lastText()).toBe(tr("sponsor-status-ask-note", { status: tr("sponsor-status-RETURNED") }));
    expect(member.buttons()).toEqual([tr("btn-skip"), tr("btn-back"), tr("btn-cancel")]);
    const back = "Em đã đi học lại từ thứ Hai";
    await member.send(back);
    expect(member.lastText()).toBe(
      tr("sponsor-status-confirm", { pupil, from: tr("sponsor-status-AT_RISK"), to: tr("sponsor-status-RETURNED"), reason: back }),
    );
    expect((await h.prisma.sponsorshipCase.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("AT_RISK");
    await member.press(tr("btn-sponsor-status-save"));
    expect(member.texts()[0]).toBe(tr("sponsor-status-saved", { pupil, status: tr("sponsor-status-RETURNED") }));
    row = await h.prisma.sponsorshipCase.findUniqueOrThrow({ where: { id: c.id } });
    expect([row.status, row.statusReason]).toEqual(["RETURNED", back]);
    const events = await h.prisma.sponsorshipEvent.findMany({ where: { caseId: c.id, kind: "STATUS" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.fromStatus, e.toStatus])).toEqual([["ACTIVE", "AT_RISK"], ["AT_RISK", "RETURNED"]]);

    // ---- dropped out: a reason is required; the coordinator is told ----
    await member.pressData(`ss:${c.id}`);
    await member.press(tr("sponsor-status-DROPPED_OUT"));
    expect(member.lastText()).toBe(tr("sponsor-status-ask-why-dropped", { status: tr("sponsor-status-DROPPED_OUT") }));
    expect(member.buttons()).toEqual([tr("btn-back"), tr("btn-cancel")]); // no skip
    await member.send("   ");
    expect(member.texts()).toEqual([tr("sponsor-status-reason-required")]);
    const why = "Gia đình chuyển vào Bình Dương làm ăn";
    await member.send(why);
    expect(member.lastText()).toBe(
      tr("sponsor-status-confirm", { pupil, from: tr("sponsor-status-RETURNED"), to: tr("sponsor-status-DROPPED_OUT"), reason: why }),
    );
    await member.press(tr("btn-sponsor-status-save"));
    expect(member.texts()[0]).toBe([tr("sponsor-status-saved", { pupil, status: tr("sponsor-status-DROPPED_OUT") }), tr("sponsor-status-told", { count: 1 })].join("\n"));
    expect(lastTo(coordinator)?.text).toBe(tr("sponsor-notice-dropped-out", vars));
    row = await h.prisma.sponsorshipCase.findUniqueOrThrow({ where: { id: c.id } });
    expect([row.status, row.statusReason]).toEqual(["DROPPED_OUT", why]);

    // …from which the pupil may only come back
    await member.pressData(`ss:${c.id}`);
    expect(member.buttons()).toEqual([tr("sponsor-status-RETURNED"), tr("btn-cancel")]);
    await member.press(tr("btn-cancel"));
    expect(member.lastText()).toBe(tr("flow-cancelled"));
  });

  it("back keeps every answer; no monthly money, no support question; old buttons are outdated", async () => {
    h.env.clock.now = at("2026-11-29");
    const c = await openCase({ support: [{ kind: "SUPPLIES", amount: 300_000 }] });
    h.env.clock.now = at("2026-12-29");
    await member.pressData(`sk:${c.id}`);
    const first = messageWith(member, tr("sponsor-checkin-ask-attending", { pupil, date: "29/12/2026" }));
    await member.press(yes);
    expect(member.lastText()).toBe(tr("sponsor-checkin-ask-studies")); // no money: no support question

    // the same button pressed again (a double tap, or scrolling up) is answered as outdated
    await member.pressData("f:yes", { messageId: first.message_id });
    expect(member.callbackTexts()).toEqual([tr("stale-button")]);
    expect(member.texts()).toEqual([]);

    await member.press(tr("sponsor-studies-3"));
    const note = "Em hay đau ốm";
    await member.send(note);
    const before = summary({ date: "29/12/2026", attending: true, studies: 3, flag: note });
    expect(member.lastText()).toBe(before);

    // back from the summary: the note is offered to keep
    await member.press(tr("btn-back"));
    expect(member.lastText()).toBe(`${tr("sponsor-checkin-ask-flag")}\n\n${tr("sponsor-checkin-flag-now", { note })}`);
    await member.press(tr("btn-sponsor-checkin-keep-note"));
    expect(member.lastText()).toBe(before);

    // back three steps: the earlier answers are shown as chosen; change one, keep the others
    await member.press(tr("btn-back"));
    await member.press(tr("btn-back"));
    expect(member.buttons()).toContain(tr("btn-sponsor-checkin-picked", { label: tr("sponsor-studies-3") }));
    await member.press(tr("btn-back"));
    expect(member.lastText()).toBe(tr("sponsor-checkin-ask-attending", { pupil, date: "29/12/2026" }));
    expect(member.buttons()).toEqual([tr("btn-sponsor-checkin-picked", { label: yes }), no, tr("btn-cancel")]);
    await member.press(no);
    await member.press(tr("btn-sponsor-checkin-picked", { label: tr("sponsor-studies-3") }));
    await member.press(tr("btn-sponsor-checkin-keep-note"));
    expect(member.lastText()).toBe(summary({ date: "29/12/2026", attending: false, studies: 3, flag: note }));
    expect(await checkIns(c.id)).toHaveLength(0);
    await member.press(tr("btn-sponsor-checkin-save"));
    expect((await checkIns(c.id)).map((k) => [k.attending, k.supportArrived, k.studies, k.flagNote])).toEqual([[false, null, 3, note]]);
    expect(await moneyRows(c.id)).toHaveLength(0);
    // not attending and a note: the coordinator hears of the absence
    expect(lastTo(coordinator)?.text).toBe(tr("sponsor-notice-not-attending", { name: owner, unit: c.unitName, pupil: c.initials!, year: 2014 }));
  });

  it("a flag typed empty or too long is asked again", async () => {
    h.env.clock.now = at("2026-11-29");
    const c = await openCase();
    await member.pressData(`sk:${c.id}`);
    await member.press(yes);
    await member.press(yes);
    await member.press(tr("sponsor-studies-4"));
    await member.send(" \n ");
    expect(member.texts()).toEqual([tr("sponsor-checkin-flag-empty")]);
    await member.send("x".repeat(501));
    expect(member.texts()).toEqual([tr("sponsor-checkin-flag-too-long", { max: 500 })]);
    await member.send("/cancel");
    expect(member.texts()).toEqual([tr("flow-cancelled")]);
    expect(await checkIns(c.id)).toHaveLength(0);
  });

  it("/cancel in the middle of a check-in saves nothing", async () => {
    h.env.clock.now = at("2026-11-29");
    const c = await openCase();
    h.env.clock.now = at("2026-12-29");
    await member.pressData(`sk:${c.id}`);
    await member.press(no);
    await member.press(yes);
    await member.send("/cancel");
    expect(member.texts()).toEqual([tr("flow-cancelled")]);
    expect(await checkIns(c.id)).toHaveLength(0);
    expect(await moneyRows(c.id)).toHaveLength(0);
    const row = await h.prisma.sponsorshipCase.findUniqueOrThrow({ where: { id: c.id } });
    expect([row.status, row.nextCheckInOn.toISOString().slice(0, 10)]).toEqual(["ACTIVE", "2026-12-29"]);
  });

  it("a closed case (finished the level) takes no check-in and no more status changes", async () => {
    h.env.clock.now = at("2026-11-29");
    const c = await openCase();
    await h.services.sponsorships.changeStatus(await h.person(ownerId), c.id, "COMPLETED", null);
    await member.pressData(`sk:${c.id}`);
    expect(member.texts()).toEqual([tr("errors-case_closed")]);
    await member.pressData(`ss:${c.id}`);
    expect(member.texts()).toEqual([tr("sponsor-status-none", { status: tr("sponsor-status-COMPLETED") })]);
    expect(await checkIns(c.id)).toHaveLength(0);
  });

  it("closed while the owner was answering: the save is refused politely", async () => {
    h.env.clock.now = at("2026-11-29");
    const c = await openCase();
    await member.pressData(`sk:${c.id}`);
    await member.press(yes);
    await member.press(yes);
    await member.press(tr("sponsor-studies-4"));
    await member.press(tr("btn-sponsor-checkin-nothing"));
    await h.services.sponsorships.changeStatus(await h.person(coordinatorId), c.id, "TRANSFERRED", "Chuyển trường");
    await member.press(tr("btn-sponsor-checkin-save"));
    expect(member.texts()).toEqual([tr("errors-case_closed")]);
    expect(await checkIns(c.id)).toHaveLength(0);
  });

  it("another member of the branch (initials only) may not check in or change the status", async () => {
    h.env.clock.now = at("2026-11-29");
    const c = await openCase();
    await h.makeMember(viewerId, branch, "MEMBER", "Lê Văn Khánh", locale);
    const viewer = h.chat({ id: viewerId, lang: locale });
    await viewer.send("/menu");
    await viewer.pressData(`sk:${c.id}`);
    expect(viewer.texts()).toEqual([tr("errors-forbidden")]);
    await viewer.pressData(`ss:${c.id}`);
    expect(viewer.texts()).toEqual([tr("errors-forbidden")]);
    expect(await checkIns(c.id)).toHaveLength(0);
    expect((await h.prisma.sponsorshipCase.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("ACTIVE");
  });
});
