// 📢 Broadcasts in the chat (issue 7): /broadcast and the menu button open the
// home (✍️ new, 📋 sent and scheduled); a broadcast's card shows its progress,
// acknowledgements and buttons (cancel / stop, remind those who did not
// acknowledge — once, who was not reached). Recipients press "Đã nhận".
//
// Callback data: "bh" home, "bn" new (conversations/broadcast-compose.ts),
// "bl" list, "bv:<id>" card, "bx:<id>" cancel (asks), "by:<id>" cancel
// (confirmed), "br:<id>" remind, "bu:<id>" who was not reached, "ba:<id>"
// a recipient's acknowledgement ("ba:0": the button of the compose preview).
import type { I18n } from "@grammyjs/i18n";
import { Composer, InlineKeyboard } from "grammy";
import type { BroadcastStatus } from "../../db/generated/client.ts";
import type { BroadcastView, UnreachedRecipient } from "../../services/broadcasts.ts";
import type { ServiceError } from "../../services/errors.ts";
import type { BaseContext, BotContext } from "../context.ts";
import { BROADCAST_COMPOSE } from "../conversations/broadcast-compose.ts";
import { progressText, summaryKeyboard, summaryText, timeText, titleOf, type Locale } from "../conversations/broadcast-text.ts";
import type { T } from "../conversations/deadline-text.ts";
import { escapeHtml, shorten } from "../format.ts";
import { DEFAULT_LOCALE, toLocale, translator } from "../i18n.ts";
import { localeOf, politely as politelyDo } from "./replies.ts";

/** Broadcasts on the list (scheduled and sending first, then the latest). */
const MAX_LISTED = 10;
/** Names on the list of who was not reached; the rest are counted. */
const MAX_UNREACHED = 40;

const STATUS_EMOJI: Record<BroadcastStatus, string> = { SCHEDULED: "🕒", SENDING: "📤", DONE: "✅", CANCELLED: "⏹" };

/** 📋 the list, 🏠 menu — under refusals and answers, after what `first` adds. */
function wayBack(t: T, first?: (k: InlineKeyboard) => void): InlineKeyboard {
  const k = new InlineKeyboard();
  if (first) {
    first(k);
    k.row();
  }
  return k.text(t("btn-broadcast-list"), "bl").text(t("btn-menu"), "menu");
}

async function sayRefusal(ctx: BotContext, error: ServiceError): Promise<void> {
  await ctx.reply(ctx.t(`errors-${error.code}`, error.params), { reply_markup: wayBack(ctx.t) });
}

function politely(ctx: BotContext, task: () => Promise<void>): Promise<void> {
  return politelyDo(ctx, task, (error) => sayRefusal(ctx, error));
}

/** A press: answered at once, then the task (a refusal said in the chat). */
function onPress(task: (ctx: BotContext, id: number) => Promise<void>) {
  return async (ctx: BotContext) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => task(ctx, Number(ctx.match?.[1])));
  };
}

/** When it happened (or will): the scheduled time until it starts. */
function whenOf(view: BroadcastView): string {
  return timeText(view.status === "SCHEDULED" ? view.scheduledAt : (view.startedAt ?? view.scheduledAt));
}

// ---- the home and the list ----

async function showHome(ctx: BotContext): Promise<void> {
  // The service decides who may broadcast (broadcast.send somewhere): a plain member is refused.
  await ctx.services.broadcasts.broadcastTargets(ctx.person);
  const k = new InlineKeyboard()
    .text(ctx.t("btn-broadcast-new"), "bn").row()
    .text(ctx.t("btn-broadcast-list"), "bl").row()
    .text(ctx.t("btn-menu"), "menu");
  await ctx.reply(ctx.t("broadcast-home"), { parse_mode: "HTML", reply_markup: k });
}

async function showList(ctx: BotContext): Promise<void> {
  const t = ctx.t;
  const list = (await ctx.services.broadcasts.listBroadcasts(ctx.person, MAX_LISTED)).slice(0, MAX_LISTED);
  const k = new InlineKeyboard();
  for (const b of list) {
    const when = whenOf(b).replace(/\/\d{4}/, ""); // "15/06 08:30": the year is rarely needed on a button
    k.text(t("btn-broadcast-item", { status: STATUS_EMOJI[b.status], time: when, title: b.title.trim() === "" ? t("broadcast-untitled") : shorten(b.title, 28) }), `bv:${b.id}`).row();
  }
  k.text(t("btn-broadcast-new"), "bn").row().text(t("btn-back"), "bh").text(t("btn-menu"), "menu");
  if (list.length === 0) {
    await ctx.reply(t("broadcast-list-none"), { reply_markup: k });
    return;
  }
  const lines = list.map((b) =>
    t("broadcast-list-item", { status: STATUS_EMOJI[b.status], time: whenOf(b), title: titleOf(t, b), recipients: b.progress.recipients }),
  );
  await ctx.reply([t("broadcast-list-title"), ...lines].join("\n"), { parse_mode: "HTML", reply_markup: k });
}

// ---- a broadcast's card ----

export function cardText(t: T, locale: Locale, view: BroadcastView): string {
  if (view.status === "DONE" || view.status === "CANCELLED") return summaryText(t, locale, view);
  const text = progressText(t, locale, view);
  return view.status === "SCHEDULED" ? `${t("broadcast-card-scheduled", { time: timeText(view.scheduledAt) })}\n${text}` : text;
}

export function cardKeyboard(t: T, view: BroadcastView): InlineKeyboard {
  const k = new InlineKeyboard();
  if (view.status === "SCHEDULED") k.text(t("btn-broadcast-cancel-scheduled"), `bx:${view.id}`).row();
  if (view.status === "SENDING") k.text(t("btn-broadcast-stop"), `bx:${view.id}`).row();
  return k.append(summaryKeyboard(t, view));
}

async function showCard(ctx: BotContext, id: number, header?: string): Promise<void> {
  const view = await ctx.services.broadcasts.getBroadcast(ctx.person, id);
  const text = cardText(ctx.t, await localeOf(ctx), view);
  await ctx.reply(header ? `${header}\n\n${text}` : text, { parse_mode: "HTML", reply_markup: cardKeyboard(ctx.t, view) });
}

// ---- cancel / stop ----

async function askCancel(ctx: BotContext, id: number): Promise<void> {
  const view = await ctx.services.broadcasts.getBroadcast(ctx.person, id);
  if (view.status === "DONE" || view.status === "CANCELLED") {
    // An old button: the card as it is now, with why nothing was done.
    await showCard(ctx, id, ctx.t("errors-broadcast_finished"));
    return;
  }
  const title = titleOf(ctx.t, view);
  const text = view.status === "SCHEDULED"
    ? ctx.t("broadcast-cancel-ask", { title, time: timeText(view.scheduledAt) })
    : ctx.t("broadcast-stop-ask", { title, waiting: view.progress.waiting });
  const k = new InlineKeyboard().text(ctx.t("btn-broadcast-yes-cancel"), `by:${id}`).row().text(ctx.t("btn-broadcast-no-keep"), `bv:${id}`);
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: k });
}

function doCancel(i18n: I18n<BaseContext>) {
  return async (ctx: BotContext, id: number): Promise<void> => {
    await ctx.editMessageReplyMarkup().catch(() => undefined); // the question is answered: no second press
    const before = await ctx.services.broadcasts.getBroadcast(ctx.person, id);
    const view = await ctx.services.broadcasts.cancelBroadcast(ctx.person, id);
    const header = before.status === "SCHEDULED"
      ? ctx.t("broadcast-cancelled-scheduled")
      : ctx.t("broadcast-stopped", { count: view.progress.cancelled });
    // The progress message (in the sender's chat, in their language) stops moving: it becomes the summary.
    if (view.progressMessage) {
      const language = (await ctx.services.members.getProfile(view.senderTelegramId))?.language;
      const t = translator(i18n, language);
      const { chatId, messageId } = view.progressMessage;
      await ctx.api
        .editMessageText(chatId, messageId, summaryText(t, toLocale(language) ?? DEFAULT_LOCALE, view), { parse_mode: "HTML", reply_markup: summaryKeyboard(t, view) })
        .catch((error: unknown) => ctx.log.debug({ err: error }, "progress message not edited"));
    }
    await showCard(ctx, id, header);
  };
}

// ---- remind, who was not reached ----

function remind(i18n: I18n<BaseContext>) {
  return async (ctx: BotContext, id: number): Promise<void> => {
    const vi = translator(i18n, "vi");
    const en = translator(i18n, "en");
    const count = await ctx.services.broadcasts.remindUnacknowledged(
      ctx.person, id,
      { vi: vi("broadcast-remind-text"), en: en("broadcast-remind-text") },
      { vi: vi("btn-broadcast-ack"), en: en("btn-broadcast-ack") },
    );
    await ctx.reply(ctx.t("broadcast-reminded", { count }), {
      reply_markup: wayBack(ctx.t, (k) => k.text(ctx.t("btn-broadcast-card"), `bv:${id}`)),
    });
  };
}

function unreachedLine(t: T, r: UnreachedRecipient): string {
  const name = r.name ? escapeHtml(r.name) : t("broadcast-unreached-id", { id: String(r.telegramId) });
  return t("broadcast-unreached-line", { name, why: t(`broadcast-why-${r.status.toLowerCase()}`) });
}

async function showUnreached(ctx: BotContext, id: number): Promise<void> {
  const t = ctx.t;
  const view = await ctx.services.broadcasts.getBroadcast(ctx.person, id);
  const list = await ctx.services.broadcasts.unreached(ctx.person, id, MAX_UNREACHED);
  const k = wayBack(t, (k) => k.text(t("btn-broadcast-card"), `bv:${id}`));
  if (list.length === 0) {
    await ctx.reply(t("broadcast-unreached-none", { title: titleOf(ctx.t, view) }), { parse_mode: "HTML", reply_markup: k });
    return;
  }
  const p = view.progress;
  const total = Math.max(list.length, p.blocked + p.failed + p.cancelled + p.waiting);
  const lines = [t("broadcast-unreached-title", { title: titleOf(ctx.t, view), count: total }), ...list.slice(0, MAX_UNREACHED).map((r) => unreachedLine(t, r))];
  const more = total - Math.min(list.length, MAX_UNREACHED);
  if (more > 0) lines.push(t("broadcast-unreached-more", { count: more }));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: k });
}

// ---- a recipient's "Đã nhận" ----

async function acknowledge(ctx: BotContext, id: number): Promise<void> {
  if (id === 0) {
    await ctx.answerCallbackQuery({ text: ctx.t("broadcast-ack-preview") });
    return;
  }
  let first: boolean;
  try {
    ({ first } = await ctx.services.broadcasts.acknowledge(ctx.person, id));
  } catch (error) {
    await ctx.answerCallbackQuery();
    throw error; // said by politely()
  }
  await ctx.answerCallbackQuery({ text: ctx.t(first ? "broadcast-ack-thanks" : "broadcast-ack-already") });
  const done = new InlineKeyboard().text(ctx.t("btn-broadcast-acked"), `ba:${id}`);
  await ctx.editMessageReplyMarkup({ reply_markup: done }).catch(() => undefined); // pressed twice: already so
}

export function broadcastsFeature(i18n: I18n<BaseContext>) {
  const feature = new Composer<BotContext>();
  feature.command("broadcast", (ctx) => politelyDo(ctx, () => showHome(ctx), (error) => sayForbidden(ctx, error)));
  feature.callbackQuery("bh", async (ctx) => {
    await ctx.answerCallbackQuery();
    await politelyDo(ctx, () => showHome(ctx), (error) => sayForbidden(ctx, error));
  });
  feature.callbackQuery("bn", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(BROADCAST_COMPOSE);
  });
  feature.callbackQuery("bl", async (ctx) => {
    await ctx.answerCallbackQuery();
    await politely(ctx, () => showList(ctx));
  });
  feature.callbackQuery(/^bv:(\d{1,9})$/, onPress((ctx, id) => showCard(ctx, id)));
  feature.callbackQuery(/^bx:(\d{1,9})$/, onPress(askCancel));
  feature.callbackQuery(/^by:(\d{1,9})$/, onPress(doCancel(i18n)));
  feature.callbackQuery(/^br:(\d{1,9})$/, onPress(remind(i18n)));
  feature.callbackQuery(/^bu:(\d{1,9})$/, onPress(showUnreached));
  feature.callbackQuery(/^ba:(\d{1,9})$/, (ctx) => politely(ctx, () => acknowledge(ctx, Number(ctx.match[1]))));
  return feature;
}

/** Someone without broadcast.send anywhere: the refusal with only the menu to go back to. */
async function sayForbidden(ctx: BotContext, error: ServiceError): Promise<void> {
  await ctx.reply(ctx.t(`errors-${error.code}`, error.params), { reply_markup: new InlineKeyboard().text(ctx.t("btn-menu"), "menu") });
}
