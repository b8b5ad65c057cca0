// Sponsorship cases in the chat (issue 4), in Vietnamese and in English: the
// home of a member and of a coordinator, a unit's overview after cases in
// different statuses, the overdue check-ins once the clock passes a due day,
// the case card, changing the check-in interval, the history, deleting the
// personal data (with its confirmation), and the administrator's sponsor kinds.
// The cases are opened and followed through the services: the flows are
// tested with their own files.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatAmount } from "../../src/domain/money.ts";
import type { CaseStatus } from "../../src/domain/sponsorship.ts";
import type { CaseView } from "../../src/services/sponsorships.ts";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";
import { buttonData, messageWith, type L } from "../helpers/piggy.ts";

let h: BotHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const runs = [
  {
    locale: "vi" as L, ownerId: 901, coordinatorId: 902, otherId: 903, branch: "HB-TL-MD-01", commune: "HB-TL-MD",
    branchName: "Chi hội xóm Đồi, xã Mãn Đức", communeName: "Xã Mãn Đức", kind: { vi: "Đồn biên phòng", en: "A border-guard post" },
  },
  {
    locale: "en" as L, ownerId: 911, coordinatorId: 912, otherId: 913, branch: "HB-MC-CC-01", commune: "HB-MC-CC",
    branchName: "Chi hội bản Lác", communeName: "Xã Chiềng Châu", kind: { vi: "Hội cựu giáo chức", en: "Retired teachers' association" },
  },
];

describe.each(runs)("sponsorship cases in the chat ($locale)", ({ locale, ownerId, coordinatorId, otherId, branch, commune, branchName, communeName, kind }) => {
  const tr = (key: string, vars?: Record<string, string | number>) => t(locale, key, vars);
  const vnd = (n: number) => formatAmount(n, locale);
  const status = (s: CaseStatus) => tr(`sponsor-status-${s}`);
  const cases: Record<"A" | "B" | "C" | "D" | "E", CaseView> = {} as never;
  const names = { A: "Lò Thị Mai", B: "Hà Văn Tuấn", C: "Bùi Thị Lan", D: "Đinh Công Minh", E: "Xa Thị Hồng" };

  async function open(name: string, support: { kind: "MONEY" | "BICYCLE"; amount: number }[]) {
    const kinds = await h.services.sponsorships.listSponsorKinds();
    return h.services.sponsorships.openCase(await h.person(ownerId), {
      unitId: (await h.unit(branch)).id, pupilName: name, birthYear: 2014, schoolName: "Trường THCS số 1", grade: 6,
      circumstances: ["POOR_HOUSEHOLD", "FAR_FROM_SCHOOL"], circumstanceNote: null, sponsorKindId: kinds[0]!.id, sponsorName: "Bùi Văn Đức",
      support, supportNote: null, startedOn: "2026-09-05", checkInMonths: 1, guardianConsent: true,
    });
  }

  it("a member's home before any case: a way to open one", async () => {
    h.env.clock.now = new Date("2026-10-01T03:00:00Z");
    await h.makeMember(ownerId, branch, "MEMBER", "Bùi Thị Hoa", locale);
    await h.makeMember(coordinatorId, commune, "COORDINATOR", "Trần Văn Nam", locale);
    await h.makeMember(otherId, branch, "MEMBER", "Đinh Văn Sơn", locale);
    const owner = h.chat({ id: ownerId, lang: locale });
    await owner.send("/start");
    const commands = owner.calls("setMyCommands").at(-1)?.payload.commands as { command: string; description: string }[];
    expect(commands).toContainEqual({ command: "cases", description: tr("cmd-cases") });
    await owner.send("/menu");
    expect(owner.buttons()).toContain(tr("btn-sponsor"));
    await owner.press(tr("btn-sponsor"));
    expect(owner.lastText()).toBe(`${tr("sponsor-home-title")}\n\n${tr("sponsor-home-none")}`);
    expect(owner.buttons()).toEqual([tr("btn-sponsor-new-case"), tr("btn-menu")]);
    expect(owner.lastInline()?.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({ callback_data: "so" });
    await owner.send("/help");
    expect(owner.lastText()).toContain(tr("help-sponsor"));
  });

  it("the member's own cases, one line each, with a button to each card", async () => {
    const ownerPerson = () => h.person(ownerId);
    cases.A = await open(names.A, [{ kind: "MONEY", amount: 300_000 }, { kind: "BICYCLE", amount: 1_500_000 }]);
    cases.B = await open(names.B, [{ kind: "MONEY", amount: 300_000 }]);
    cases.C = await open(names.C, [{ kind: "MONEY", amount: 300_000 }]);
    cases.D = await open(names.D, [{ kind: "MONEY", amount: 300_000 }]);
    cases.E = await open(names.E, [{ kind: "MONEY", amount: 300_000 }]);
    await h.services.sponsorships.changeStatus(await ownerPerson(), cases.B.id, "DROPPED_OUT", "Theo gia đình lên nương");
    const checked = await h.services.sponsorships.recordCheckIn(await ownerPerson(), cases.C.id, {
      attending: true, supportArrived: true, studies: 3, flagNote: "Em hay nghỉ buổi chiều",
    });
    expect(checked.becameAtRisk).toBe(true);
    await h.services.sponsorships.changeStatus(await ownerPerson(), cases.D.id, "COMPLETED", null);
    await h.services.sponsorships.changeStatus(await ownerPerson(), cases.E.id, "DROPPED_OUT", "Ốm dài ngày");
    await h.services.sponsorships.changeStatus(await ownerPerson(), cases.E.id, "RETURNED", null);

    const owner = h.chat({ id: ownerId, lang: locale });
    await owner.send("/cases");
    const lines = [
      tr("sponsor-home-line", { pupil: names.A, status: status("ACTIVE"), date: "05/10/2026" }),
      tr("sponsor-home-line", { pupil: names.C, status: status("AT_RISK"), date: "05/11/2026" }),
      tr("sponsor-home-line", { pupil: names.E, status: status("RETURNED"), date: "01/11/2026" }),
      tr("sponsor-home-line-closed", { pupil: names.B, status: status("DROPPED_OUT") }),
      tr("sponsor-home-line-closed", { pupil: names.D, status: status("COMPLETED") }),
    ];
    expect(owner.lastText()).toBe(`${tr("sponsor-home-title")}\n\n${tr("sponsor-home-mine", { count: 5 })}\n${lines.join("\n")}`);
    expect(owner.buttons()).toEqual([names.A, names.C, names.E, names.B, names.D, tr("btn-sponsor-new-case"), tr("btn-menu")]);
  });

  it("the owner's card shows the whole case", async () => {
    const owner = h.chat({ id: ownerId, lang: locale });
    await owner.send("/cases");
    await owner.press(names.A);
    const kindName = locale === "vi" ? "Cá nhân" : "A person";
    const sep = tr("sponsor-card-separator");
    expect(sep).toBe("; ");
    const expected = [
      [
        tr("sponsor-card-title", { id: String(cases.A.id) }),
        tr("sponsor-card-pupil", { pupil: `${names.A} (2014)` }),
        tr("sponsor-card-school", { school: "Trường THCS số 1", grade: "6" }),
        tr("sponsor-card-unit", { unit: branchName }),
        tr("sponsor-card-circumstances", { list: `${tr("sponsor-circ-POOR_HOUSEHOLD")}${sep}${tr("sponsor-circ-FAR_FROM_SCHOOL")}` }),
      ].join("\n"),
      [
        tr("sponsor-card-sponsor", { kind: kindName, name: "Bùi Văn Đức" }),
        tr("sponsor-card-support", {
          list: `${tr("sponsor-card-support-money", { amount: vnd(300_000) })}${sep}${tr("sponsor-card-support-item", { kind: tr("sponsor-support-BICYCLE"), amount: vnd(1_500_000) })}`,
        }),
        tr("sponsor-card-started", { date: "05/09/2026" }),
      ].join("\n"),
      [
        tr("sponsor-card-status", { status: status("ACTIVE") }),
        tr("sponsor-card-interval", { months: 1 }),
        tr("sponsor-card-next", { date: "05/10/2026" }),
        tr("sponsor-card-no-check-in"),
      ].join("\n"),
    ].join("\n\n");
    expect(owner.lastText()).toBe(expected);

    // The case at risk shows its reason and the last check-in.
    await owner.press("sp");
    await owner.press(names.C);
    const card = owner.lastText()!;
    expect(card).toContain(tr("sponsor-card-reason", { reason: "Em hay nghỉ buổi chiều" }));
    expect(card).toContain(
      tr("sponsor-card-last", {
        date: "01/10/2026",
        answers: [tr("sponsor-card-attending"), tr("sponsor-card-support-arrived"), tr("sponsor-card-studies", { studies: tr("sponsor-studies-3") })].join(sep),
      }),
    );
    expect(card).toContain(tr("sponsor-card-flag", { note: "Em hay nghỉ buổi chiều" }));

    // A pupil who dropped out may come back: the status can still change; no check-in.
    await owner.press("sp");
    await owner.press(names.B);
    expect(owner.lastText()).toContain(tr("sponsor-card-reason", { reason: "Theo gia đình lên nương" }));
    expect(owner.buttons()).toEqual([
      tr("btn-sponsor-change-status"), tr("btn-sponsor-history"), tr("btn-sponsor-delete"), tr("btn-sponsor-home"), tr("btn-menu"),
    ]);
    // Finished: nothing to follow any more.
    await owner.press("sp");
    await owner.press(names.D);
    expect(owner.buttons()).toEqual([tr("btn-sponsor-history"), tr("btn-sponsor-delete"), tr("btn-sponsor-home"), tr("btn-menu")]);
  });

  it("a coordinator's home leads to the commune's overview with the counts", async () => {
    const coordinator = h.chat({ id: coordinatorId, lang: locale });
    await coordinator.send("/cases");
    expect(coordinator.lastText()).toBe(`${tr("sponsor-home-title")}\n\n${tr("sponsor-home-none")}\n\n${tr("sponsor-home-coordinator")}`);
    expect(coordinator.buttons()).toEqual([tr("btn-sponsor-new-case"), tr("btn-sponsor-overview", { unit: communeName }), tr("btn-menu")]);
    await coordinator.press(tr("btn-sponsor-overview", { unit: communeName }));
    const counts: Record<CaseStatus, number> = { ACTIVE: 1, AT_RISK: 1, DROPPED_OUT: 1, RETURNED: 1, COMPLETED: 1, TRANSFERRED: 0 };
    const statuses = (Object.keys(counts) as CaseStatus[]).map((s) => tr("sponsor-stats-status-line", { status: status(s), count: String(counts[s]) }));
    const figures = tr("sponsor-stats-figures", {
      total: "5", opened: "5", support: vnd(1_800_000), share: tr("sponsor-stats-share", { percent: "80" }), overdue: "0",
    });
    const byKind = [
      tr("sponsor-stats-support-line", { kind: tr("sponsor-support-MONEY"), amount: vnd(300_000) }),
      tr("sponsor-stats-support-line", { kind: tr("sponsor-support-BICYCLE"), amount: vnd(1_500_000) }),
    ];
    expect(coordinator.lastText()).toBe(
      [tr("sponsor-stats-title", { unit: communeName, year: "2026–2027" }), statuses.join("\n"), `${figures}\n${byKind.join("\n")}`].join("\n\n"),
    );
    expect(coordinator.buttons()).toEqual([tr("btn-sponsor-list"), tr("btn-sponsor-year", { year: "2025–2026" }), tr("btn-sponsor-home"), tr("btn-menu")]);

    // The year before: no case yet.
    await coordinator.press(tr("btn-sponsor-year", { year: "2025–2026" }));
    const text = coordinator.lastText()!;
    expect(text).toContain(tr("sponsor-stats-title", { unit: communeName, year: "2025–2026" }));
    expect(text).toContain(tr("sponsor-stats-share-none"));
    expect(coordinator.buttons()).toContain(tr("btn-sponsor-year", { year: "2026–2027" }));

    // The list: initials, the unit, the status; numbered buttons to the cards.
    await coordinator.press(tr("btn-sponsor-list"));
    const list = coordinator.lastText()!;
    expect(list.split("\n")[0]).toBe(tr("sponsor-list-title", { unit: communeName, count: 5 }));
    expect(list).toContain(tr("sponsor-list-line", { n: "1", pupil: "L.T.M. (2014)", grade: "6", unit: branchName, status: status("ACTIVE") }));
    for (const name of Object.values(names)) expect(list).not.toContain(name);
    expect(coordinator.buttons().slice(0, 5)).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("once a check-in is overdue: the coordinator sees who is late, the owner sees it on the home", async () => {
    h.env.clock.now = new Date("2026-10-20T03:00:00Z"); // A was due on 05/10
    const coordinator = h.chat({ id: coordinatorId, lang: locale });
    await coordinator.send("/cases");
    await coordinator.press(tr("btn-sponsor-overview", { unit: communeName }));
    expect(coordinator.lastText()).toContain(
      tr("sponsor-stats-figures", { total: "5", opened: "5", support: vnd(1_800_000), share: tr("sponsor-stats-share", { percent: "80" }), overdue: "1" }),
    );
    await coordinator.press(tr("btn-sponsor-overdue", { count: 1 }));
    expect(coordinator.lastText()).toBe(
      `${tr("sponsor-overdue-title", { unit: communeName, count: 1 })}\n${tr("sponsor-overdue-line", {
        n: "1", owner: "Bùi Thị Hoa", pupil: "L.T.M. (2014)", unit: branchName, date: "05/10/2026", days: 15,
      })}`,
    );
    await coordinator.press(`sc:${cases.A.id}`);
    expect(coordinator.lastText()).toContain(`${tr("sponsor-card-next", { date: "05/10/2026" })} ${tr("sponsor-card-late", { days: 15 })}`);

    const owner = h.chat({ id: ownerId, lang: locale });
    await owner.send("/cases");
    expect(owner.lastText()).toContain(
      `${tr("sponsor-home-line", { pupil: names.A, status: status("ACTIVE"), date: "05/10/2026" })} ${tr("sponsor-home-late", { days: 15 })}`,
    );
  });

  it("the owner changes the check-in interval; the history shows it", async () => {
    const owner = h.chat({ id: ownerId, lang: locale });
    await owner.send("/cases");
    await owner.press(names.A);
    await owner.press(tr("btn-sponsor-interval"));
    expect(owner.lastText()).toBe(tr("sponsor-interval-ask", { id: String(cases.A.id) }));
    expect(owner.buttons()).toEqual([1, 2, 3, 6].map((months) => tr("btn-sponsor-interval-option", { months })).concat(tr("btn-back")));
    await owner.press(tr("btn-sponsor-interval-option", { months: 3 }));
    // Three months after the start, 05/09: the next check-in is on 05/12.
    expect(owner.texts()[0]).toBe(tr("sponsor-interval-set", { months: 3, date: "05/12/2026" }));
    expect(owner.lastText()).toContain(tr("sponsor-card-interval", { months: 3 }));
    expect(owner.lastText()).toContain(tr("sponsor-card-next", { date: "05/12/2026" }));
    expect(owner.lastText()).not.toContain(tr("sponsor-card-late", { days: 15 }));
    expect(await h.prisma.sponsorshipCase.findUniqueOrThrow({ where: { id: cases.A.id } })).toMatchObject({ checkInMonths: 3 });

    await owner.press(tr("btn-sponsor-history"));
    expect(owner.lastText()).toBe(
      [
        tr("sponsor-history-title", { id: String(cases.A.id) }),
        tr("sponsor-history-line", { date: "01/10/2026", who: "Bùi Thị Hoa", what: tr("sponsor-history-opened") }),
        tr("sponsor-history-line", { date: "20/10/2026", who: "Bùi Thị Hoa", what: tr("sponsor-history-interval", { months: 3 }) }),
      ].join("\n"),
    );
    // The pupil who dropped out and came back: each change, with its reason.
    await owner.press(tr("btn-sponsor-home"));
    await owner.press(names.E);
    await owner.press(tr("btn-sponsor-history"));
    const history = owner.lastText()!;
    expect(history).toContain(
      tr("sponsor-history-line", {
        date: "01/10/2026", who: "Bùi Thị Hoa",
        what: `${tr("sponsor-history-status", { from: status("ACTIVE"), to: status("DROPPED_OUT") })} ${tr("sponsor-history-reason", { reason: "Ốm dài ngày" })}`,
      }),
    );
    expect(history).toContain(
      tr("sponsor-history-line", { date: "01/10/2026", who: "Bùi Thị Hoa", what: tr("sponsor-history-status", { from: status("DROPPED_OUT"), to: status("RETURNED") }) }),
    );
  });

  it("deleting the personal data: a confirmation that says what goes and what stays, then only the figures", async () => {
    const owner = h.chat({ id: ownerId, lang: locale });
    await owner.send("/cases");
    await owner.press(names.B);
    await owner.press(tr("btn-sponsor-delete"));
    expect(owner.lastText()).toBe(tr("sponsor-delete-confirm", { id: String(cases.B.id) }));
    expect(owner.buttons()).toEqual([tr("btn-sponsor-delete-yes"), tr("btn-sponsor-delete-keep")]);
    await owner.press(tr("btn-sponsor-delete-keep"));
    expect(owner.lastText()).toContain(names.B); // kept, the card again
    expect(buttonData(messageWith(owner, tr("sponsor-delete-confirm", { id: String(cases.B.id) }).split("\n")[0]!))).toEqual([]);
    expect(await h.prisma.sponsorshipCase.findUniqueOrThrow({ where: { id: cases.B.id } })).toMatchObject({ pupilName: names.B, anonymisedAt: null });

    await owner.press(tr("btn-sponsor-delete"));
    await owner.press(tr("btn-sponsor-delete-yes"));
    expect(owner.texts()[0]).toBe(tr("sponsor-delete-done", { id: String(cases.B.id) }));
    const card = owner.lastText()!;
    expect(card).toContain(tr("sponsor-card-pupil", { pupil: tr("sponsor-pupil-anonymised") }));
    expect(card).toContain(tr("sponsor-card-anonymised"));
    expect(card).toContain(tr("sponsor-card-grade", { grade: "6" }));
    expect(card).not.toContain(names.B);
    expect(card).not.toContain("Trường THCS số 1");
    expect(card).not.toContain("Theo gia đình lên nương");
    expect(owner.buttons()).toEqual([tr("btn-sponsor-history"), tr("btn-sponsor-home"), tr("btn-menu")]);
    const row = await h.prisma.sponsorshipCase.findUniqueOrThrow({ where: { id: cases.B.id } });
    expect(row).toMatchObject({ pupilName: null, pupilInitials: null, birthYear: null, schoolName: null, status: "DROPPED_OUT", grade: 6 });
    expect(row.anonymisedAt).not.toBeNull();
    expect(await h.prisma.auditLog.count({ where: { action: "sponsor.case.anonymise", entityId: String(cases.B.id), actorTelegramId: BigInt(ownerId) } })).toBe(1);

    // An old "delete" button changes nothing more.
    await owner.pressData(`sy:${cases.B.id}`);
    expect(owner.lastText()).toBe(tr("errors-case_closed"));
    // The home no longer lists it; the coordinator's list shows it as deleted, still counted.
    await owner.send("/cases");
    expect(owner.lastText()).not.toContain(tr("sponsor-home-line-closed", { pupil: names.B, status: status("DROPPED_OUT") }));
    expect(owner.lastText()).toContain(tr("sponsor-home-mine", { count: 4 }));
    const coordinator = h.chat({ id: coordinatorId, lang: locale });
    await coordinator.send("/menu");
    await coordinator.pressData(`sl:${(await h.unit(commune)).id}`);
    expect(coordinator.lastText()).toContain(tr("sponsor-pupil-anonymised"));
    expect(coordinator.lastText()!.split("\n")[0]).toBe(tr("sponsor-list-title", { unit: communeName, count: 5 }));
  });

  it("another member of the branch sees the list with initials and a masked card", async () => {
    const other = h.chat({ id: otherId, lang: locale });
    await other.send("/menu");
    await other.pressData(`sl:${(await h.unit(branch)).id}`);
    expect(other.lastText()).toContain("L.T.M. (2014)");
    expect(other.buttons()).not.toContain(tr("btn-sponsor-stats")); // figures are for coordinators
    await other.press(`sc:${cases.A.id}`);
    expect(other.lastText()).toContain(tr("sponsor-card-masked"));
    expect(other.lastText()).not.toContain(names.A);
  });

  it("the administrator adds a kind of sponsor, hides it and shows it again", async () => {
    const admin = h.adminChat(locale);
    await admin.send("/cases");
    expect(admin.buttons()).toContain(tr("btn-sponsor-kinds"));
    await admin.press(tr("btn-sponsor-kinds"));
    expect(admin.lastText()!.split("\n")[0]).toBe(tr("sponsor-kinds-title"));
    expect(admin.lastText()).toContain(tr("sponsor-kinds-line", { vi: "Cá nhân", en: "A person" }));
    await admin.press(tr("btn-sponsor-kinds-add"));
    expect(admin.lastText()).toBe(tr("sponsor-kinds-ask-vi"));
    await admin.send("x");
    expect(admin.lastText()).toBe(tr("sponsor-kinds-name-invalid"));
    // A name that is already there is refused at the end, and asked again.
    await admin.send("cá  nhân");
    await admin.send("Someone");
    await admin.press(tr("btn-sponsor-kinds-save"));
    expect(admin.texts()).toEqual([tr("errors-sponsor_kind_exists", { name: "cá nhân" }), tr("sponsor-kinds-ask-vi")]);
    await admin.send(kind.vi);
    expect(admin.lastText()).toBe(tr("sponsor-kinds-ask-en", { vi: kind.vi }));
    await admin.send(kind.en);
    expect(admin.lastText()).toBe(tr("sponsor-kinds-confirm", { vi: kind.vi, en: kind.en }));
    expect(await h.prisma.sponsorKind.count({ where: { nameVi: kind.vi } })).toBe(0); // nothing before the confirmation
    await admin.press(tr("btn-sponsor-kinds-save"));
    expect(admin.texts()[0]).toBe(tr("sponsor-kinds-added", { vi: kind.vi, en: kind.en }));
    expect(admin.lastText()).toContain(tr("sponsor-kinds-line", { vi: kind.vi, en: kind.en }));
    const saved = await h.prisma.sponsorKind.findFirstOrThrow({ where: { nameVi: kind.vi } });
    expect(saved).toMatchObject({ nameEn: kind.en, active: true });

    const label = locale === "vi" ? kind.vi : kind.en;
    await admin.press(tr("btn-sponsor-kinds-hide", { name: label }));
    expect(admin.texts()[0]).toBe(tr("sponsor-kinds-hidden", { name: label }));
    expect(admin.lastText()).toContain(tr("sponsor-kinds-line-hidden", { vi: kind.vi, en: kind.en }));
    expect((await h.prisma.sponsorKind.findUniqueOrThrow({ where: { id: saved.id } })).active).toBe(false);
    expect((await h.services.sponsorships.listSponsorKinds()).map((k) => k.id)).not.toContain(saved.id); // not offered for new cases
    await admin.press(tr("btn-sponsor-kinds-show", { name: label }));
    expect(admin.texts()[0]).toBe(tr("sponsor-kinds-shown", { name: label }));
    expect((await h.prisma.sponsorKind.findUniqueOrThrow({ where: { id: saved.id } })).active).toBe(true);
  });

  it("sponsor kinds are for administrators only", async () => {
    const coordinator = h.chat({ id: coordinatorId, lang: locale });
    await coordinator.send("/sponsorkinds");
    expect(coordinator.lastText()).toBe(tr("errors-forbidden"));
    await coordinator.pressData("sa");
    expect(coordinator.lastText()).toBe(tr("errors-forbidden"));
    const kinds = await h.services.sponsorships.listSponsorKinds();
    await coordinator.pressData(`sq:${kinds[0]!.id}:0`);
    expect(coordinator.lastText()).toBe(tr("errors-forbidden"));
    expect((await h.services.sponsorships.listSponsorKinds()).length).toBe(kinds.length);
  });
});
