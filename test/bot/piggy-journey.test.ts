// The piggy-bank journey (issue 3, "Done means"), in Vietnamese and in
// English: a reporter starts a drive and records two openings (a mistyped
// amount is asked again), the commune's coordinator sees the totals, sends
// one opening back with a comment, the reporter corrects it from the
// notification's button, the coordinator approves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatAmount } from "../../src/domain/money.ts";
import { type BotHarness, plain, startHarness, t } from "../helpers/bot.ts";
import { buttonData, fillOpening, messageWith, type L } from "../helpers/piggy.ts";
import { inlineButtons } from "../helpers/telegram.ts";

let h: BotHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const cases = [
  {
    locale: "vi" as L, reporterId: 701, coordinatorId: 702, branch: "HB-TL-MD-01", commune: "HB-TL-MD",
    branchName: "Chi hội xóm Đồi, xã Mãn Đức", communeName: "Xã Mãn Đức", missing: ["Xã Mãn Đức", "Chi hội xóm Bưng"],
  },
  {
    locale: "en" as L, reporterId: 711, coordinatorId: 712, branch: "HB-MC-CC-01", commune: "HB-MC-CC",
    branchName: "Chi hội bản Lác", communeName: "Xã Chiềng Châu", missing: ["Xã Chiềng Châu", "Ban khuyến học Trường THCS Chiềng Châu"],
  },
];

describe.each(cases)("piggy-bank journey ($locale)", ({ locale, reporterId, coordinatorId, branch, commune, branchName, communeName, missing }) => {
  const tr = (key: string, vars?: Record<string, string | number>) => t(locale, key, vars);
  const vnd = (n: number) => formatAmount(n, locale);

  it("start a drive, two openings, totals, a correction asked and made, approval", async () => {
    h.env.clock.now = new Date("2026-11-29T03:00:00Z");
    await h.makeMember(reporterId, branch, "REPORTER", "Bùi Thị Hoa", locale);
    await h.makeMember(coordinatorId, commune, "COORDINATOR", "Trần Văn Nam", locale);
    const reporter = h.chat({ id: reporterId, lang: locale });
    const coordinator = h.chat({ id: coordinatorId, lang: locale });
    const branchId = (await h.unit(branch)).id;

    // ---- the reporter starts the drive from the menu ----
    await reporter.send("/start");
    const commands = reporter.calls("setMyCommands").at(-1)?.payload.commands as { command: string; description: string }[];
    expect(commands).toContainEqual({ command: "piggy", description: tr("cmd-piggy") }); // members get /piggy in their list
    expect(reporter.buttons()).toContain(tr("btn-piggy"));
    await reporter.press(tr("btn-piggy"));
    expect(reporter.lastText()).toBe(`${tr("piggy-card-title", { unit: branchName, year: "2026–2027" })}\n\n${tr("piggy-card-none")}`);
    expect(reporter.buttons()).toContain(tr("btn-piggy-start"));
    expect(reporter.buttons()).not.toContain(tr("btn-piggy-totals")); // coordinators only
    await reporter.press(tr("btn-piggy-start"));
    expect(reporter.lastText()).toBe(tr("piggy-drive-ask-year", { unit: branchName }));
    expect(reporter.buttons()).toEqual([tr("piggy-year-current", { year: "2026–2027" }), "2025–2026", tr("btn-cancel")]);
    await reporter.press(tr("piggy-year-current", { year: "2026–2027" }));
    expect(reporter.lastText()).toBe(tr("piggy-drive-ask-kind"));
    await reporter.press(tr("piggy-kind-household"));
    expect(reporter.lastText()).toBe(tr("piggy-drive-ask-banks"));
    await reporter.send("120");
    expect(reporter.lastText()).toBe(tr("piggy-drive-ask-note"));
    await reporter.press(tr("btn-skip"));
    expect(reporter.lastText()).toBe(
      tr("piggy-drive-confirm", { unit: branchName, year: "2026–2027", kind: tr("piggy-kind-household"), banks: "120", note: tr("piggy-none") }),
    );
    expect(await h.prisma.piggyBankDrive.count({ where: { unitId: branchId } })).toBe(0); // nothing before the confirmation
    await reporter.press(tr("btn-piggy-drive-save"));
    expect(reporter.texts()[0]).toBe(tr("piggy-drive-started", { unit: branchName, year: "2026–2027", banks: "120" }));
    expect(reporter.lastText()).toContain(tr("piggy-card-no-openings"));
    const drive = await h.prisma.piggyBankDrive.findFirstOrThrow({ where: { unitId: branchId } });
    expect(drive).toMatchObject({ schoolYear: 2026, recipientKind: "HOUSEHOLD", banksHandedOut: 120, note: null });

    // ---- three weeks later: the first opening, with a mistyped amount asked again ----
    h.env.clock.now = new Date("2026-12-20T03:00:00Z");
    await reporter.send("/piggy");
    await reporter.press(tr("btn-piggy-record"));
    expect(reporter.texts()).toEqual([tr("piggy-opening-intro", { unit: branchName, year: "2026–2027" }), tr("piggy-ask-date")]);
    await reporter.send("15/12");
    expect(reporter.lastText()).toBe(tr("piggy-ask-opened", { handed: "120" }));
    await reporter.send("40");
    expect(reporter.lastText()).toBe(tr("piggy-ask-collected"));
    await reporter.send("6.000.00"); // a dot group of two digits: not an amount
    expect(reporter.texts()).toEqual([tr("piggy-amount-invalid", { text: "6.000.00" })]);
    await reporter.send("6 triệu");
    expect(reporter.lastText()).toBe(tr("piggy-ask-scholarship-count", { collected: vnd(6_000_000) }));
    await reporter.send("5");
    expect(reporter.lastText()).toBe(tr("piggy-ask-scholarship-amount", { count: "5", left: vnd(6_000_000) }));
    await reporter.send("2,5 triệu");
    expect(reporter.lastText()).toBe(tr("piggy-ask-supplies", { left: vnd(3_500_000) }));
    await reporter.send("1.000.000");
    expect(reporter.lastText()).toBe(tr("piggy-ask-fund", { left: vnd(2_500_000) }));
    await reporter.send("2tr");
    expect(reporter.lastText()).toBe(tr("piggy-ask-other", { left: vnd(500_000) }));
    await reporter.press(tr("btn-zero"));
    expect(reporter.lastText()).toBe(tr("piggy-ask-photo"));
    await reporter.press(tr("btn-skip"));
    const summary = reporter.lastText() ?? "";
    expect(summary.startsWith(tr("piggy-opening-confirm"))).toBe(true);
    for (const part of ["15/12/2026", vnd(6_000_000), vnd(2_500_000), vnd(1_000_000), vnd(2_000_000), vnd(500_000)]) expect(summary).toContain(part);
    expect(await h.prisma.piggyBankOpening.count({ where: { driveId: drive.id } })).toBe(0);
    await reporter.press(tr("btn-piggy-send"));
    expect(reporter.texts()[0]).toBe(tr("piggy-opening-saved", { date: "15/12/2026", collected: vnd(6_000_000) }));

    // ---- the second opening: today, no scholarships, a photo ----
    await reporter.press(tr("btn-piggy-record"));
    await fillOpening(reporter, locale, { date: "today", opened: "60", collected: "4tr5", schCount: 0, supplies: "500k", fund: "4.000.000", other: 0, photo: true });
    expect(reporter.texts()[0]).toBe(tr("piggy-photo-received"));
    expect(reporter.lastText()).toContain(tr("piggy-photo-yes"));
    await reporter.press(tr("btn-piggy-send"));
    expect(reporter.texts()[0]).toBe(tr("piggy-opening-saved", { date: "20/12/2026", collected: vnd(4_500_000) }));
    const card = reporter.lastText() ?? "";
    expect(card).toContain(tr("piggy-card-opening", { n: 1, date: "15/12/2026", opened: "40", amount: vnd(6_000_000), status: tr("piggy-status-submitted") }));
    expect(card).toContain(tr("piggy-card-opening", { n: 2, date: "20/12/2026", opened: "60", amount: vnd(4_500_000), status: tr("piggy-status-submitted") }));
    const openings = await h.prisma.piggyBankOpening.findMany({ where: { driveId: drive.id }, orderBy: { openedOn: "asc" } });
    expect(openings.map((o) => [o.banksOpened, Number(o.amountCollected), o.scholarshipCount, Number(o.scholarshipAmount), Number(o.fundAmount)])).toEqual([
      [40, 6_000_000, 5, 2_500_000, 2_000_000],
      [60, 4_500_000, 0, 0, 4_000_000],
    ]);
    expect(openings[1]?.photoFileId).toMatch(/_1280$/); // the largest size of the photo

    // ---- the coordinator: totals of the commune ----
    await coordinator.send("/piggy");
    expect(coordinator.lastText()).toContain(communeName);
    await coordinator.press(tr("btn-piggy-totals"));
    const totals = coordinator.lastText() ?? "";
    expect(totals).toContain(
      tr("piggy-totals", {
        unit: communeName, year: "2026–2027", drives: "1", openings: "2", pending: "2", handed: "120", opened: "100",
        collected: vnd(10_500_000), scholarshipCount: "5", scholarshipAmount: vnd(2_500_000), supplies: vnd(1_500_000),
        fund: vnd(6_000_000), other: vnd(0), left: vnd(500_000),
      }),
    );
    expect(totals).toContain(tr("piggy-totals-unit-line", { unit: branchName, handed: "120", opened: "100", collected: vnd(10_500_000), openings: "2", n: 2 }));
    expect(totals).toContain(tr("piggy-totals-missing", { count: missing.length }));
    for (const name of missing) expect(totals).toContain(tr("piggy-totals-missing-line", { unit: name }));
    const missingPart = totals.slice(totals.indexOf(tr("piggy-totals-missing", { count: missing.length })));
    expect(missingPart).not.toContain(branchName); // it reported

    // ---- …asks for a correction of the first opening ----
    await coordinator.press(tr("btn-piggy-review-n", { count: 2 }));
    expect(coordinator.texts()[0]).toBe(tr("piggy-review-title", { count: 2, year: "2026–2027" }));
    const first = messageWith(coordinator, "15/12/2026", tr("piggy-review-item", { year: "2026–2027", status: tr("piggy-status-submitted") }));
    expect(inlineButtons(first).map((b) => b.text)).toEqual([tr("btn-piggy-approve"), tr("btn-piggy-needs-correction")]);
    expect(buttonData(first).every((d) => Buffer.byteLength(d) <= 64)).toBe(true);
    const second = messageWith(coordinator, "20/12/2026", tr("piggy-review-item", { year: "2026–2027", status: tr("piggy-status-submitted") }));
    await coordinator.press(tr("btn-piggy-photo"), { messageId: second.message_id }); // the photo of the day
    expect(coordinator.calls("sendPhoto").map((c) => [c.payload.photo, c.payload.caption])).toEqual([
      [openings[1]!.photoFileId, tr("piggy-photo-caption", { unit: branchName, date: "20/12/2026" })],
    ]);
    await coordinator.press(tr("btn-piggy-needs-correction"), { messageId: first.message_id });
    expect(coordinator.lastText()).toBe(tr("piggy-ask-comment", { unit: branchName, date: "15/12/2026" }));
    const comment = locale === "vi" ? "Tiền học bổng chưa khớp sổ, xin kiểm tra lại" : "The scholarships do not match the book, please check";
    await coordinator.send(comment);
    expect(coordinator.texts()).toEqual([tr("piggy-sent-back-by-you", { unit: branchName, date: "15/12/2026" })]);
    const notice = reporter.tg.botMessages(reporterId).at(-1);
    expect(notice && "text" in notice ? notice.text : "").toBe(
      tr("piggy-notice-needs-correction", { unit: branchName, date: "15/12/2026", collected: vnd(6_000_000), comment }),
    );
    expect(inlineButtons(notice).map((b) => b.text)).toEqual([tr("btn-piggy-fix-now")]);
    expect((await h.prisma.piggyBankOpening.findUniqueOrThrow({ where: { id: openings[0]!.id } })).status).toBe("NEEDS_CORRECTION");

    // ---- the reporter corrects from the notification: only the scholarships change ----
    await reporter.press(tr("btn-piggy-fix-now"), { messageId: notice!.message_id });
    expect(reporter.texts()[0]).toContain(tr("piggy-correct-intro", { unit: branchName, date: "15/12/2026" }));
    expect(reporter.texts()[0]).toContain(comment);
    expect(reporter.buttons()).toContain(tr("btn-keep", { value: "15/12/2026" }));
    await fillOpening(reporter, locale, {
      date: "keep", opened: "keep", collected: "keep", schCount: "keep", schAmount: "3.000.000", supplies: "keep", fund: "keep", other: "keep",
    });
    const changes = reporter.lastText() ?? "";
    expect(changes.startsWith(tr("piggy-correct-confirm"))).toBe(true);
    expect(changes).toContain(`<s>${vnd(2_500_000)}</s> → <b>${vnd(3_000_000)}</b>`);
    expect(changes).toContain(`<s>${vnd(500_000)}</s> → <b>${vnd(0)}</b>`); // what is left
    expect(changes).not.toContain(`<s>${vnd(6_000_000)}</s>`);
    await reporter.press(tr("btn-piggy-save-correction"));
    expect(reporter.texts()[0]).toBe(tr("piggy-opening-corrected", { date: "15/12/2026", collected: vnd(6_000_000) }));
    const corrected = await h.prisma.piggyBankOpening.findUniqueOrThrow({ where: { id: openings[0]!.id } });
    expect(corrected).toMatchObject({ status: "SUBMITTED", scholarshipAmount: 3_000_000n });
    expect(await h.prisma.auditLog.count({ where: { action: "piggy.opening.correct", actorTelegramId: BigInt(reporterId) } })).toBe(1);

    // ---- the coordinator approves both ----
    await coordinator.send("/piggy");
    await coordinator.press(tr("btn-piggy-review"));
    for (const date of ["15/12/2026", "20/12/2026"]) {
      const item = messageWith(coordinator, date, tr("piggy-review-item", { year: "2026–2027", status: tr("piggy-status-submitted") }));
      await coordinator.press(tr("btn-piggy-approve"), { messageId: item.message_id });
      expect(coordinator.callbackTexts()).toEqual([tr("piggy-approved-short")]);
      expect(coordinator.texts()[0]).toBe(tr("piggy-approved-by-you", { unit: branchName, date }));
    }
    expect(plain(reporter.tg.botMessages(reporterId).map((m) => ("text" in m ? m.text : "")).join("\n"))).toContain(
      plain(tr("piggy-notice-approved", { unit: branchName, date: "15/12/2026", collected: vnd(6_000_000) })),
    );
    const statuses = await h.prisma.piggyBankOpening.findMany({ where: { driveId: drive.id }, select: { status: true } });
    expect(statuses.map((s) => s.status)).toEqual(["APPROVED", "APPROVED"]);

    // ---- the reporter's card: approved, nothing left to correct ----
    await reporter.send("/piggy");
    expect(reporter.lastText()).toContain(tr("piggy-card-opening", { n: 1, date: "15/12/2026", opened: "40", amount: vnd(6_000_000), status: tr("piggy-status-approved") }));
    expect(reporter.buttons().some((b) => b.startsWith(tr("btn-piggy-correct", { date: "" }).trim()))).toBe(false);
  });
});
