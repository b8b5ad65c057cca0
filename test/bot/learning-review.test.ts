// Reviewing and recognising learning families in the chat (issue 5), in
// Vietnamese and in English. Families register, self-evaluate and send
// through the services; the branch's reporter works through the queue —
// returns one with a comment (the family is told, with a button to fix it),
// approves it once fixed (a button from before the fix is refused and the
// fresh version shown), rejects another — and the commune's coordinator
// recognises the approved ones (the list changed meanwhile: shown again).
// Refusals: a reviewer of another commune, the branch's own coordinator
// recognising, recognising one that is not approved, forged ids.
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDate } from "../../src/domain/dates.ts";
import { versionToken } from "../../src/bot/conversations/piggy-text.ts";
import { ADMIN_ID, type BotHarness, startHarness, t } from "../helpers/bot.ts";
import { criteriaInForce } from "../helpers/learning.ts";
import { messageWith, type L } from "../helpers/piggy.ts";
import { inlineButtons, type TestChat } from "../helpers/telegram.ts";

let h: BotHarness;
beforeAll(async () => {
  h = await startHarness();
  await criteriaInForce(h.services, ADMIN_ID, 2026);
});
afterAll(async () => {
  await h.close();
});

type Answers = Record<string, boolean | number>;
const FULL: Answers = { "1.1": 10, "1.2": 10, "1.3": 10, "2.1": 10, "2.2": 10, "2.3": 10, "3.1": true, "3.2": 12, "4.1": 20 };

/** A member registers their own family, answers every item and sends it, all through the services. */
async function submittedFamily(memberId: number, unitId: number, name: string, village: string, answers: Answers) {
  const person = await h.person(memberId);
  const registration = await h.services.learning.register(person, { model: "FAMILY", year: 2026, unitId, name, village, memberCount: 4, own: true });
  const started = await h.services.learning.startEvaluation(person, registration.id);
  for (const [item, value] of Object.entries(answers)) await h.services.learning.answerItem(person, started.id, item, value);
  const sent = await h.services.learning.submitEvaluation(person, started.id);
  return { registration, evaluation: sent.evaluation };
}

function dataOf(message: Message | undefined, prefix: string): string {
  const found = inlineButtons(message).find((b) => b.callback_data.startsWith(prefix));
  if (!found) throw new Error(`no "${prefix}" button among ${JSON.stringify(inlineButtons(message).map((b) => b.callback_data))}`);
  return found.callback_data;
}

/** The last message the bot sent to `chat` (a notification included) with its buttons' data. */
function lastSent(chat: TestChat): { text: string; data: string[] } {
  const m = chat.tg.botMessages(chat.id).at(-1) as (Message & { text?: string }) | undefined;
  return { text: m?.text ?? "", data: inlineButtons(m).map((b) => b.callback_data) };
}

async function statusOf(evaluationId: number): Promise<string> {
  return (await h.prisma.evaluation.findUniqueOrThrow({ where: { id: evaluationId } })).status;
}

const cases = [
  { locale: "vi" as L, base: 5100, branch: "HB-TL-MD-01", commune: "HB-TL-MD", otherBranch: "HB-MC-CC-01", branchName: "Chi hội xóm Đồi, xã Mãn Đức", communeName: "Xã Mãn Đức" },
  { locale: "en" as L, base: 5200, branch: "HB-MC-CC-01", commune: "HB-MC-CC", otherBranch: "HB-TL-MD-01", branchName: "Chi hội bản Lác", communeName: "Xã Chiềng Châu" },
];

describe.each(cases)("learning review and recognition ($locale)", ({ locale, base, branch, commune, otherBranch, branchName, communeName }) => {
  const tr = (key: string, vars?: Record<string, string | number>) => t(locale, key, vars);
  const model = () => tr("learning-model-FAMILY");
  const grade = locale === "vi" ? "Đạt" : "Recognised";

  it("queue, return with a comment, fix, stale approve, approve, reject, recognise", async () => {
    const ids = { famA: base + 1, famB: base + 2, famC: base + 3, reporter: base + 4, branchCoord: base + 5, communeCoord: base + 6, other: base + 7 };
    await h.makeMember(ids.famA, branch, "MEMBER", "Nguyễn Văn An", locale);
    await h.makeMember(ids.famB, branch, "MEMBER", "Lò Thị Bình", locale);
    await h.makeMember(ids.famC, branch, "MEMBER", "Bùi Trọng Đắc", locale);
    await h.makeMember(ids.reporter, branch, "REPORTER", "Bùi Thị Hoa", locale);
    await h.makeMember(ids.branchCoord, branch, "COORDINATOR", "Đinh Văn Cường", locale);
    await h.makeMember(ids.communeCoord, commune, "COORDINATOR", "Trần Văn Nam", locale);
    await h.makeMember(ids.other, otherBranch, "REPORTER", "Hà Thị Mai", locale);
    const branchId = (await h.unit(branch)).id;
    const communeId = (await h.unit(commune)).id;

    const a = await submittedFamily(ids.famA, branchId, "Nguyễn Văn An", "Xóm Đồi", { ...FULL, "3.1": false }); // 90, one item missed
    const b = await submittedFamily(ids.famB, branchId, "Lò Thị Bình", "Xóm Bưng", { ...FULL, "1.1": 5, "4.1": 0, "2.1": 0, "2.2": 0 }); // 55
    const c = await submittedFamily(ids.famC, branchId, "Bùi Trọng Đắc", "Xóm Đồi", FULL); // 100
    const famA = h.chat({ id: ids.famA, lang: locale });
    const famB = h.chat({ id: ids.famB, lang: locale });
    const famC = h.chat({ id: ids.famC, lang: locale });

    // ---- a member of the branch may not open the queue: said politely, with a way back ----
    await famC.send("/menu");
    await famC.pressData(`lq:${branchId}:2026`);
    expect(famC.lastText()).toBe(tr("errors-forbidden"));
    expect(famC.replies().at(-1)?.buttons).toEqual([tr("btn-learning-review-home"), tr("btn-menu")]);

    // ---- the reporter's queue: a header, then one message per evaluation ----
    const reporter = h.chat({ id: ids.reporter, lang: locale });
    await reporter.send("/menu");
    await reporter.pressData(`lq:${branchId}:2026`);
    const texts = reporter.texts();
    expect(texts[0]).toBe(tr("learning-review-queue-title", { unit: branchName, year: "2026", count: 3 }));
    expect(texts).toHaveLength(4);
    const itemA = [
      tr("learning-review-item-title", { model: model(), name: "Nguyễn Văn An", year: "2026" }),
      tr("learning-review-item-village", { village: "Xóm Đồi" }),
      tr("learning-review-item-unit", { unit: branchName }),
      tr("learning-review-item-score", { total: 90, max: 100, grade }),
      tr("learning-review-item-missed", { count: 1 }),
      tr("learning-review-item-submitted", { date: formatDate(new Date(a.evaluation.submittedAt!)) }),
    ].join("\n");
    expect(texts[1]).toBe(itemA);
    expect(texts[2]).toContain(tr("learning-review-item-score", { total: 55, max: 100, grade: tr("learning-review-grade-none") }));
    expect(texts[3]).toContain(tr("learning-review-item-missed", { count: 0 }));
    expect(reporter.replies()[1]?.buttons).toEqual([
      tr("btn-learning-review-approve"), tr("btn-learning-review-return"), tr("btn-learning-review-reject"), tr("btn-learning-review-details"),
    ]);
    const firstA = messageWith(reporter, "Nguyễn Văn An");
    const staleApproveA = dataOf(firstA, "la:");
    expect(staleApproveA).toBe(`la:${a.evaluation.id}:${versionToken(a.evaluation.updatedAt)}`);
    expect(dataOf(firstA, "lv:")).toBe(`lv:${a.evaluation.id}`);

    // ---- return A for a fix: a comment is required and not too long; nothing saved before the confirmation ----
    await reporter.press(dataOf(firstA, "lt:"), { messageId: firstA.message_id });
    expect(reporter.lastText()).toBe(tr("learning-review-ask-comment-RETURNED", { name: "Nguyễn Văn An", model: model() }));
    expect(reporter.buttons()).toEqual([tr("btn-back"), tr("btn-cancel")]);
    await reporter.send("x".repeat(501));
    expect(reporter.lastText()).toBe(tr("learning-review-comment-too-long", { max: 500, length: 501 }));
    await reporter.send("  Xin bổ sung minh chứng   mục 3.1  ");
    expect(reporter.lastText()).toBe(tr("learning-review-confirm-RETURNED", { name: "Nguyễn Văn An", model: model(), comment: "Xin bổ sung minh chứng mục 3.1" }));
    expect(await statusOf(a.evaluation.id)).toBe("SUBMITTED");
    await reporter.press(tr("btn-learning-review-send-RETURNED"));
    expect(reporter.lastText()).toBe(
      tr("learning-review-returned-by-you", { name: "Nguyễn Văn An", model: model(), total: 90, max: 100, grade, notified: 1 }),
    );
    expect(reporter.replies().at(-1)?.buttons).toEqual([tr("btn-learning-review-queue"), tr("btn-learning-review-home"), tr("btn-menu")]);
    expect(await h.prisma.evaluation.findUniqueOrThrow({ where: { id: a.evaluation.id } })).toMatchObject({
      status: "RETURNED", reviewComment: "Xin bổ sung minh chứng mục 3.1", reviewedByTelegramId: BigInt(ids.reporter),
    });
    // The family is told, with the comment and a button straight to the fix.
    const returned = lastSent(famA);
    expect(returned.text).toBe(
      tr("learning-notice-reviewed-returned", { model: model(), year: "2026", name: "Nguyễn Văn An", unit: branchName, comment: "Xin bổ sung minh chứng mục 3.1" }),
    );
    expect(returned.data).toEqual([`le:${a.registration.id}`]);

    // ---- the family fixes it and sends it again (through the services) ----
    const member = await h.person(ids.famA);
    await h.services.learning.answerItem(member, a.evaluation.id, "3.1", true);
    await h.services.learning.submitEvaluation(member, a.evaluation.id);

    // ---- the approve button from before the fix is refused; the fresh version is shown ----
    await reporter.press(staleApproveA, { messageId: firstA.message_id });
    expect(reporter.callbackTexts()).toEqual([tr("errors-evaluation_changed")]);
    expect(reporter.texts()[0]).toBe(tr("errors-evaluation_changed"));
    const fresh = reporter.lastText() ?? "";
    expect(fresh).toContain(tr("learning-review-item-score", { total: 100, max: 100, grade }));
    expect(fresh).toContain(tr("learning-review-item-last-comment", { comment: "Xin bổ sung minh chứng mục 3.1" }));
    expect(await statusOf(a.evaluation.id)).toBe("SUBMITTED");
    const freshA = reporter.lastInline();
    const approveA = dataOf(freshA, "la:");
    expect(approveA).not.toBe(staleApproveA);

    // ---- approve the fresh one: the buttons go (details stay), the family is told ----
    await reporter.press(approveA, { messageId: freshA!.message_id });
    expect(reporter.callbackTexts()).toEqual([tr("learning-review-approved-short")]);
    expect(reporter.lastText()).toBe(
      tr("learning-review-approved-by-you", { name: "Nguyễn Văn An", model: model(), total: 100, max: 100, grade, notified: 1 }),
    );
    const edited = reporter.calls("editMessageReplyMarkup").at(-1)?.payload;
    expect(edited?.message_id).toBe(freshA!.message_id);
    expect(JSON.stringify(edited?.reply_markup)).toContain(`lv:${a.evaluation.id}`);
    expect(JSON.stringify(edited?.reply_markup)).not.toContain("la:");
    expect(await statusOf(a.evaluation.id)).toBe("APPROVED");
    expect(lastSent(famA).text).toBe(
      tr("learning-notice-reviewed-approved", { model: model(), year: "2026", name: "Nguyễn Văn An", unit: branchName, total: 100, max: 100, grade }),
    );
    // Pressed once more: it is no longer waiting.
    await reporter.pressData(approveA, { messageId: freshA!.message_id });
    expect(reporter.lastText()).toBe(tr("errors-evaluation_not_submitted", { status: "APPROVED" }));

    // ---- reject B: ⬅️ at the confirmation writes the comment again ----
    const itemB = messageWith(reporter, "Lò Thị Bình");
    await reporter.press(dataOf(itemB, "lj:"), { messageId: itemB.message_id });
    expect(reporter.lastText()).toBe(tr("learning-review-ask-comment-REJECTED", { name: "Lò Thị Bình", model: model() }));
    await reporter.send("Chưa đủ");
    await reporter.press(tr("btn-back"));
    expect(reporter.lastText()).toBe(tr("learning-review-ask-comment-REJECTED", { name: "Lò Thị Bình", model: model() }));
    await reporter.send("Chưa đủ điểm: 55/100");
    expect(reporter.lastText()).toBe(tr("learning-review-confirm-REJECTED", { name: "Lò Thị Bình", model: model(), comment: "Chưa đủ điểm: 55/100" }));
    await reporter.press(tr("btn-learning-review-send-REJECTED"));
    expect(reporter.lastText()).toBe(
      tr("learning-review-rejected-by-you", { name: "Lò Thị Bình", model: model(), total: 55, max: 100, grade: tr("learning-review-grade-none"), notified: 1 }),
    );
    expect(await h.prisma.evaluation.findUniqueOrThrow({ where: { id: b.evaluation.id } })).toMatchObject({ status: "REJECTED", reviewComment: "Chưa đủ điểm: 55/100" });
    expect(lastSent(famB).text).toBe(
      tr("learning-notice-reviewed-rejected", { model: model(), year: "2026", name: "Lò Thị Bình", unit: branchName, comment: "Chưa đủ điểm: 55/100" }),
    );

    // ---- forged presses are answered politely ----
    await reporter.pressData("la:999999:abc123");
    expect(reporter.lastText()).toBe(tr("errors-evaluation_not_found"));
    expect(reporter.replies().at(-1)?.buttons).toEqual([tr("btn-learning-review-home"), tr("btn-menu")]);
    await reporter.pressData("lt:999999:abc123");
    expect(reporter.lastText()).toBe(tr("errors-evaluation_not_found"));

    // ---- a reviewer of another commune: refused, nothing changes ----
    const cFresh = await h.services.learning.getEvaluation(await h.person(ADMIN_ID), c.evaluation.id);
    const other = h.chat({ id: ids.other, lang: locale });
    await other.send("/menu");
    await other.pressData(`la:${c.evaluation.id}:${versionToken(cFresh.updatedAt)}`);
    expect(other.lastText()).toBe(tr("errors-forbidden"));
    expect(await statusOf(c.evaluation.id)).toBe("SUBMITTED");

    // ---- recognising one that is not approved (C is only submitted) is refused ----
    const communeCoord = h.chat({ id: ids.communeCoord, lang: locale });
    await communeCoord.send("/menu");
    await communeCoord.pressData(`lg:${c.evaluation.id}`);
    expect(communeCoord.lastText()).toBe(tr("errors-not_approved", { name: "Bùi Trọng Đắc", status: "SUBMITTED" }));
    expect(await statusOf(c.evaluation.id)).toBe("SUBMITTED");
    // No certificate before recognition, for anyone.
    await communeCoord.pressData(`lz:${a.evaluation.id}`);
    expect(communeCoord.lastText()).toBe(tr("errors-not_recognised", { name: "Nguyễn Văn An" }));

    // ---- the branch reviews, the commune recognises: the branch's coordinator may not ----
    const branchCoord = h.chat({ id: ids.branchCoord, lang: locale });
    await branchCoord.send("/menu");
    await branchCoord.pressData(`lg:${a.evaluation.id}`);
    expect(branchCoord.lastText()).toBe(tr("errors-forbidden"));
    expect(await statusOf(a.evaluation.id)).toBe("APPROVED");
    await branchCoord.pressData(`lc:${branchId}:2026`);
    expect(branchCoord.lastText()).toBe(tr("learning-recognise-none", { unit: branchName, year: "2026" }));

    // ---- the commune's coordinator sees the approved list ----
    await communeCoord.pressData(`lc:${communeId}:2026`);
    const line = (n: number, name: string) => tr("learning-recognise-line", { n, name, model: model(), unit: branchName, grade });
    expect(communeCoord.lastText()).toBe(
      [tr("learning-recognise-title", { unit: communeName, year: "2026", count: 1 }), line(1, "Nguyễn Văn An"), tr("learning-recognise-hint")].join("\n\n"),
    );
    expect(communeCoord.buttons()).toEqual([tr("btn-learning-recognise-all", { count: 1 }), tr("btn-learning-recognise-one", { n: 1 }), tr("btn-learning-review-home"), tr("btn-menu")]);
    const staleList = communeCoord.lastInline()!;

    // Meanwhile C is approved: "recognise all 1" no longer means the list as it is; nothing is recognised, the list is shown again.
    await reporter.press(dataOf(messageWith(reporter, "Bùi Trọng Đắc"), "la:"), { messageId: messageWith(reporter, "Bùi Trọng Đắc").message_id });
    expect(await statusOf(c.evaluation.id)).toBe("APPROVED");
    await communeCoord.press(tr("btn-learning-recognise-all", { count: 1 }), { messageId: staleList.message_id });
    expect(communeCoord.texts()[0]).toBe(tr("learning-recognise-changed"));
    expect(await statusOf(a.evaluation.id)).toBe("APPROVED");
    expect(communeCoord.lastText()).toContain(line(2, "Bùi Trọng Đắc"));

    // ---- recognise all 2: the families are told their title; nothing is left ----
    await communeCoord.press(tr("btn-learning-recognise-all", { count: 2 }));
    expect(communeCoord.texts()).toEqual([
      tr("learning-recognise-done", { count: 2, notified: 2 }),
      tr("learning-recognise-none", { unit: communeName, year: "2026" }),
    ]);
    expect(await statusOf(a.evaluation.id)).toBe("RECOGNISED");
    expect(await statusOf(c.evaluation.id)).toBe("RECOGNISED");
    const title = { title: model(), unit: branchName, year: "2026" };
    expect(lastSent(famA).text).toBe(tr("learning-notice-recognised", { ...title, name: "Nguyễn Văn An" }));
    expect(lastSent(famC).text).toBe(tr("learning-notice-recognised", { ...title, name: "Bùi Trọng Đắc" }));
    expect(lastSent(famC).data).toEqual([`lz:${c.evaluation.id}`, `lv:${c.evaluation.id}`]); // 🏅 the certificate, 📄 details

    // ---- the queue is empty now: a friendly word and a way back ----
    await reporter.pressData(`lq:${branchId}:2026`);
    expect(reporter.lastText()).toBe(tr("learning-review-queue-none", { unit: branchName, year: "2026" }));
    expect(reporter.replies().at(-1)?.buttons).toEqual([tr("btn-learning-review-home"), tr("btn-menu")]);
  });

  it("⬅️ and ✖️ leave the evaluation as it was; one is recognised by its own 🏅", async () => {
    const ids = { fam: base + 11, reporter: base + 12, communeCoord: base + 13 };
    await h.makeMember(ids.fam, branch, "MEMBER", "Phạm Thị Dung", locale);
    await h.makeMember(ids.reporter, branch, "REPORTER", "Bùi Văn Hải", locale);
    await h.makeMember(ids.communeCoord, commune, "COORDINATOR", "Quách Văn Sơn", locale);
    const branchId = (await h.unit(branch)).id;
    const communeId = (await h.unit(commune)).id;
    const d = await submittedFamily(ids.fam, branchId, "Phạm Thị Dung", "Xóm Mới", FULL);
    const fam = h.chat({ id: ids.fam, lang: locale });
    const reporter = h.chat({ id: ids.reporter, lang: locale });
    await reporter.send("/menu");
    await reporter.pressData(`lq:${branchId}:2026`);
    expect(reporter.texts()[0]).toBe(tr("learning-review-queue-title", { unit: branchName, year: "2026", count: 1 }));
    const item = messageWith(reporter, "Phạm Thị Dung");

    // ⬅️ at the comment: the evaluation again, with its buttons; nothing decided.
    await reporter.press(dataOf(item, "lt:"), { messageId: item.message_id });
    await reporter.press(tr("btn-back"));
    expect(reporter.lastText()).toBe(item.text);
    expect(reporter.buttons()).toContain(tr("btn-learning-review-approve"));
    // ✖️: the flow ends, nothing decided.
    await reporter.press(dataOf(item, "lj:"), { messageId: item.message_id });
    await reporter.send("Không đạt");
    await reporter.press(tr("btn-cancel"));
    expect(reporter.lastText()).toBe(tr("flow-cancelled"));
    expect(await statusOf(d.evaluation.id)).toBe("SUBMITTED");

    await reporter.press(dataOf(item, "la:"), { messageId: item.message_id });
    expect(await statusOf(d.evaluation.id)).toBe("APPROVED");

    // The commune's coordinator recognises it with its own 🏅 button.
    const coord = h.chat({ id: ids.communeCoord, lang: locale });
    await coord.send("/menu");
    await coord.pressData(`lc:${communeId}:2026`);
    expect(coord.lastText()).toContain(tr("learning-recognise-title", { unit: communeName, year: "2026", count: 1 }));
    await coord.press(tr("btn-learning-recognise-one", { n: 1 }));
    expect(coord.texts()).toEqual([
      tr("learning-recognise-done-one", { name: "Phạm Thị Dung", notified: 1 }),
      tr("learning-recognise-none", { unit: communeName, year: "2026" }),
    ]);
    expect(await statusOf(d.evaluation.id)).toBe("RECOGNISED");
    expect(lastSent(fam).text).toBe(tr("learning-notice-recognised", { title: model(), unit: branchName, year: "2026", name: "Phạm Thị Dung" }));
  });
});
