// 🐷 Piggy-bank savings drives (Nuôi lợn nhựa tiết kiệm khuyến học): a unit's
// card for a school year (drives, openings and their status), the totals of
// a coordinator's subtree, the openings waiting for review with Approve /
// Needs correction (also one by one, from a coordinator's notification), and
// the entries into the flows (conversations/piggy-*.ts).
// Buttons mirror the permission rules; the services check again.
import { Composer, InlineKeyboard } from "grammy";
import { actionsAnywhere, can, isAdmin } from "../../domain/permissions.ts";
import { schoolYearLabel, schoolYearOf, vietnamToday } from "../../domain/dates.ts";
import { FIRST_SCHOOL_YEAR, usesTotal } from "../../domain/piggy-bank.ts";
import { isServiceError } from "../../services/errors.ts";
import type { OpeningView } from "../../services/piggy-banks.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, shorten, unitLabel } from "../format.ts";
import type { Notifier } from "../notify.ts";
import { PIGGY_DRIVE_START } from "../conversations/piggy-drive.ts";
import { PIGGY_OPENING_CORRECT, PIGGY_OPENING_RECORD } from "../conversations/piggy-openings.ts";
import { PIGGY_REVIEW_COMMENT } from "../conversations/piggy-review.ts";
import { PIGGY_ALLOW_EXTRA } from "../conversations/piggy-allow.ts";
import { count, day, figuresText, money, recipientLabel, statusLabel, versionFromToken, versionToken } from "../conversations/piggy-text.ts";
import { localeOf } from "./replies.ts";

/** Lines of a list in one message: a commune has a few dozen branches, a province hundreds. */
const MAX_LINES = 30;
const MAX_UNIT_BUTTONS = 8;
const MAX_REVIEW_ITEMS = 10;

function currentYear(ctx: BotContext): number {
  return schoolYearOf(vietnamToday(ctx.services.deps.now())).start;
}

/** The piggy-bank card of a unit for a school year, with what the person may do there. */
export async function showPiggyCard(ctx: BotContext, unitId: number, year: number): Promise<void> {
  const unit = await ctx.services.units.viewUnit(ctx.person, unitId);
  const drives = await ctx.services.piggyBanks.listDrives(ctx.person, unitId, year);
  const L = await localeOf(ctx);
  const t = ctx.t;
  const report = can(ctx.person.actor, "piggy.report", unit) && !unit.retired;
  const review = can(ctx.person.actor, "piggy.review", unit);
  const parts = [t("piggy-card-title", { unit: escapeHtml(unit.name), year: schoolYearLabel(year) })];
  const k = new InlineKeyboard();
  if (drives.length === 0) parts.push(t("piggy-card-none"));
  for (const [i, drive] of drives.entries()) {
    const openings = await ctx.services.piggyBanks.listOpenings(ctx.person, drive.id);
    const lines = [
      t("piggy-card-drive", {
        n: i + 1, date: day(drive.startedOn), banks: count(L, drive.banksHandedOut), kind: recipientLabel(t, drive.recipientKind),
        opened: count(L, drive.openings.banksOpened), collected: money(L, drive.openings.amountCollected),
      }),
    ];
    if (drive.note) lines.push(t("piggy-card-note", { note: escapeHtml(drive.note) }));
    if (openings.length === 0) lines.push(t("piggy-card-no-openings"));
    if (report) k.text(drives.length > 1 ? t("btn-piggy-record-n", { n: i + 1 }) : t("btn-piggy-record"), `po:${unitId}:${drive.id}`).row();
    for (const [j, o] of openings.entries()) {
      lines.push(t("piggy-card-opening", { n: j + 1, date: day(o.openedOn), opened: count(L, o.banksOpened), amount: money(L, o.amountCollected), status: statusLabel(t, o.status) }));
      if (o.status === "NEEDS_CORRECTION" && o.reviewComment) lines.push(t("piggy-card-comment", { comment: escapeHtml(o.reviewComment) }));
      if (o.canCorrect) k.text(t("btn-piggy-correct", { date: day(o.openedOn) }), `pe:${o.id}`).row();
    }
    parts.push(lines.join("\n"));
  }
  if (report) k.text(t("btn-piggy-start"), `pd:${unitId}`).row();
  if (review && !unit.retired && drives.length > 0) {
    // Every drive the unit may have is started: a coordinator may allow one more.
    const allowance = await ctx.services.piggyBanks.driveAllowance(ctx.person, unitId, year);
    if (allowance.drives >= allowance.maxDrives) k.text(t("btn-piggy-allow-more"), `pw:${unitId}:${year}:${allowance.drives}`).row();
  }
  if (review) k.text(t("btn-piggy-totals"), `pt:${unitId}:${year}`).text(t("btn-piggy-review"), `pq:${unitId}:${year}`).row();
  if (year - 1 >= FIRST_SCHOOL_YEAR) k.text(t("btn-piggy-year", { year: schoolYearLabel(year - 1) }), `pc:${unitId}:${year - 1}`);
  if (year < currentYear(ctx)) k.text(t("btn-piggy-year", { year: schoolYearLabel(year + 1) }), `pc:${unitId}:${year + 1}`);
  k.row().text(t("btn-menu"), "menu");
  await ctx.reply(parts.join("\n\n"), { parse_mode: "HTML", reply_markup: k });
}

/** 🐷 from the menu or /piggy: the card of the person's unit, or a choice when they belong to several. */
async function openPiggyBanks(ctx: BotContext): Promise<void> {
  const actor = ctx.person.actor;
  if (actor.roles.length === 0 && !isAdmin(actor)) {
    await ctx.reply(ctx.t("errors-forbidden-members"));
    return;
  }
  const profile = await ctx.services.members.getProfile(ctx.person.telegramId);
  let units = (profile?.memberships ?? []).map((m) => ({ id: m.unitId, name: m.unitName, parentName: m.parentName }));
  if (units.length === 0) units = (await ctx.services.units.managedRoots(ctx.person)).map((u) => ({ id: u.id, name: u.name, parentName: u.parentName }));
  units = units.filter((u, i) => units.findIndex((v) => v.id === u.id) === i);
  if (units.length === 1) return showPiggyCard(ctx, units[0]!.id, currentYear(ctx));
  const k = new InlineKeyboard();
  for (const u of units) k.text(shorten(unitLabel(u), 48), `pc:${u.id}`).row();
  if (actionsAnywhere(actor).has("piggy.report")) k.text(ctx.t("btn-piggy-start"), "pd").row();
  k.text(ctx.t("btn-menu"), "menu");
  await ctx.reply(ctx.t("piggy-pick-unit"), { reply_markup: k });
}

/** Totals of a unit and everything under it for a school year: by use, by unit, who has not reported. */
async function showTotals(ctx: BotContext, unitId: number, year: number): Promise<void> {
  const x = await ctx.services.piggyBanks.yearTotals(ctx.person, unitId, year);
  const L = await localeOf(ctx);
  const t = ctx.t;
  const parts = [
    t("piggy-totals", {
      unit: escapeHtml(x.unitName), year: x.schoolYearLabel, drives: count(L, x.drives), openings: count(L, x.openings), pending: count(L, x.pendingReview),
      handed: count(L, x.banksHandedOut), opened: count(L, x.banksOpened), collected: money(L, x.amountCollected),
      scholarshipCount: count(L, x.scholarshipCount), scholarshipAmount: money(L, x.scholarshipAmount), supplies: money(L, x.suppliesAmount),
      fund: money(L, x.fundAmount), other: money(L, x.otherAmount), left: money(L, x.amountCollected - usesTotal(x)),
    }),
  ];
  const more = (n: number) => (n > MAX_LINES ? `\n${t("piggy-totals-more", { count: n - MAX_LINES })}` : "");
  if (x.byUnit.length > 0) {
    const lines = x.byUnit.slice(0, MAX_LINES).map((u) =>
      t("piggy-totals-unit-line", {
        unit: escapeHtml(u.unitName), handed: count(L, u.banksHandedOut), opened: count(L, u.banksOpened), collected: money(L, u.amountCollected), openings: count(L, u.openings), n: u.openings,
      }),
    );
    parts.push(`${t("piggy-totals-by-unit")}\n${lines.join("\n")}${more(x.byUnit.length)}`);
  }
  if (x.missing.length === 0) parts.push(t("piggy-totals-all-reported"));
  else {
    const lines = x.missing.slice(0, MAX_LINES).map((u) => t("piggy-totals-missing-line", { unit: escapeHtml(u.unitName) }));
    parts.push(`${t("piggy-totals-missing", { count: x.missing.length })}\n${lines.join("\n")}${more(x.missing.length)}`);
  }
  const k = new InlineKeyboard();
  for (const u of x.byUnit.slice(0, MAX_UNIT_BUTTONS)) if (u.unitId !== unitId) k.text(shorten(u.unitName, 40), `pc:${u.unitId}:${year}`).row();
  if (x.pendingReview > 0) k.text(t("btn-piggy-review-n", { count: x.pendingReview }), `pq:${unitId}:${year}`).row();
  // For a unit of the subtree that has not started yet: the flow asks which.
  if (x.missing.length > 0 && actionsAnywhere(ctx.person.actor).has("piggy.report")) k.text(t("btn-piggy-start"), "pd").row();
  if (year - 1 >= FIRST_SCHOOL_YEAR) k.text(t("btn-piggy-year", { year: schoolYearLabel(year - 1) }), `pt:${unitId}:${year - 1}`);
  if (year < currentYear(ctx)) k.text(t("btn-piggy-year", { year: schoolYearLabel(year + 1) }), `pt:${unitId}:${year + 1}`);
  k.row().text(t("btn-piggy-card"), `pc:${unitId}:${year}`).text(t("btn-menu"), "menu");
  await ctx.reply(parts.join("\n\n"), { parse_mode: "HTML", reply_markup: k });
}

async function sendReviewItem(ctx: BotContext, o: OpeningView): Promise<void> {
  const L = await localeOf(ctx);
  const t = ctx.t;
  const header = t("piggy-review-item", { year: o.schoolYearLabel, status: statusLabel(t, o.status) });
  const comment = o.reviewComment ? `\n${t("piggy-card-comment", { comment: escapeHtml(o.reviewComment) })}` : "";
  const k = new InlineKeyboard();
  if (o.canReview) {
    const v = versionToken(o.updatedAt);
    k.text(t("btn-piggy-approve"), `pa:${o.id}:${v}`).text(t("btn-piggy-needs-correction"), `pn:${o.id}:${v}`).row();
  }
  if (o.photoFileId) k.text(t("btn-piggy-photo"), `pp:${o.id}`);
  const markup = o.canReview || o.photoFileId ? k : undefined;
  await ctx.reply(`${header}\n${figuresText(t, L, o.unitName, o)}${comment}`, { parse_mode: "HTML", reply_markup: markup });
}

/** One opening as a reviewer sees it now (after a stale decision, the fresh version). */
export async function showReviewItem(ctx: BotContext, openingId: number): Promise<void> {
  await sendReviewItem(ctx, await ctx.services.piggyBanks.getOpening(ctx.person, openingId));
}

async function showReviewList(ctx: BotContext, unitId: number, year: number): Promise<void> {
  const items = await ctx.services.piggyBanks.openingsToReview(ctx.person, unitId, year);
  const back = new InlineKeyboard().text(ctx.t("btn-piggy-card"), `pc:${unitId}:${year}`).text(ctx.t("btn-menu"), "menu");
  if (items.length === 0) {
    await ctx.reply(ctx.t("piggy-review-none", { year: schoolYearLabel(year) }), { reply_markup: back });
    return;
  }
  await ctx.reply(ctx.t("piggy-review-title", { count: items.length, year: schoolYearLabel(year) }), { parse_mode: "HTML" });
  for (const o of items.slice(0, MAX_REVIEW_ITEMS)) await sendReviewItem(ctx, o);
  if (items.length > MAX_REVIEW_ITEMS) await ctx.reply(ctx.t("piggy-review-more", { count: items.length - MAX_REVIEW_ITEMS }), { reply_markup: back });
}

/** The photo of an opening day, for anyone who may see the opening. */
async function showPhoto(ctx: BotContext, openingId: number): Promise<void> {
  const o = await ctx.services.piggyBanks.getOpening(ctx.person, openingId);
  if (!o.photoFileId) {
    await ctx.answerCallbackQuery({ text: ctx.t("piggy-photo-none") });
    return;
  }
  await ctx.answerCallbackQuery();
  await ctx.replyWithPhoto(o.photoFileId, { caption: ctx.t("piggy-photo-caption", { unit: o.unitName, date: day(o.openedOn) }) });
}

async function approve(ctx: BotContext, openingId: number, token: string, notifier: Notifier): Promise<void> {
  const seen = versionFromToken(token);
  if (seen === null) {
    await ctx.answerCallbackQuery({ text: ctx.t("stale-button") });
    return;
  }
  let reviewed;
  try {
    reviewed = await ctx.services.piggyBanks.reviewOpening(ctx.person, openingId, "APPROVED", null, seen);
  } catch (error) {
    if (!isServiceError(error) || error.code !== "opening_changed") throw error;
    // Corrected since this message was shown: the fresh figures, to look at again.
    await ctx.answerCallbackQuery({ text: ctx.t("errors-opening_changed"), show_alert: true });
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(ctx.t("errors-opening_changed"));
    await showReviewItem(ctx, openingId);
    return;
  }
  const o = reviewed.opening;
  await ctx.answerCallbackQuery({ text: ctx.t("piggy-approved-short") });
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await ctx.reply(ctx.t("piggy-approved-by-you", { unit: escapeHtml(o.unitName), date: day(o.openedOn) }), { parse_mode: "HTML" });
  await notifier.openingReviewed(o, reviewed.notify);
}

export function piggyBanksFeature(notifier: Notifier) {
  const feature = new Composer<BotContext>();
  feature.command("piggy", openPiggyBanks);
  feature.callbackQuery("pg", async (ctx) => {
    await ctx.answerCallbackQuery();
    await openPiggyBanks(ctx);
  });
  feature.callbackQuery(/^pc:(\d{1,9})(?::(\d{4}))?$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showPiggyCard(ctx, Number(ctx.match[1]), ctx.match[2] ? Number(ctx.match[2]) : currentYear(ctx));
  });
  feature.callbackQuery(/^pt:(\d{1,9}):(\d{4})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showTotals(ctx, Number(ctx.match[1]), Number(ctx.match[2]));
  });
  feature.callbackQuery(/^pq:(\d{1,9}):(\d{4})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showReviewList(ctx, Number(ctx.match[1]), Number(ctx.match[2]));
  });
  feature.callbackQuery(/^pd(?::(\d{1,9}))?$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(PIGGY_DRIVE_START, ctx.match[1] ? Number(ctx.match[1]) : 0);
  });
  feature.callbackQuery(/^po:(\d{1,9}):(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(PIGGY_OPENING_RECORD, Number(ctx.match[1]), Number(ctx.match[2]));
  });
  feature.callbackQuery(/^pe:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(PIGGY_OPENING_CORRECT, Number(ctx.match[1]));
  });
  // "Allow one more drive": unit, year, the drives it had, who asked (from a notification).
  feature.callbackQuery(/^pw:(\d{1,9}):(\d{4}):(\d{1,2})(?::(\d{1,15}))?$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const [, unitId, year, seen, requester] = ctx.match;
    await ctx.conversation.enter(PIGGY_ALLOW_EXTRA, Number(unitId), Number(year), Number(seen), requester ? Number(requester) : 0);
  });
  // "Look to review" on a coordinator's notification: the opening with Approve / Needs correction.
  feature.callbackQuery(/^pv:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showReviewItem(ctx, Number(ctx.match[1]));
  });
  feature.callbackQuery(/^pa:(\d{1,9}):([0-9a-z]{1,12})$/, (ctx) => approve(ctx, Number(ctx.match[1]), ctx.match[2]!, notifier));
  feature.callbackQuery(/^pp:(\d{1,9})$/, (ctx) => showPhoto(ctx, Number(ctx.match[1])));
  feature.callbackQuery(/^pn:(\d{1,9}):([0-9a-z]{1,12})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(PIGGY_REVIEW_COMMENT, Number(ctx.match[1]), ctx.match[2]!);
  });
  return feature;
}
