// ✍️ A new announcement (issue 7): the text (typed or forwarded, with its
// formatting; optionally one photo or document), the units (the sender's
// subtree or parts of it), the roles, whether to ask for "Đã nhận", a preview
// exactly as recipients will see it with the number of recipients, then send
// now or at a date and time (Vietnam time). Every step has ⬅️ back and
// ✖️ cancel; nothing is written before the last confirmation.
import { randomUUID } from "node:crypto";
import type { I18n } from "@grammyjs/i18n";
import { InlineKeyboard } from "grammy";
import type { Message, MessageEntity } from "grammy/types";
import { MAX_PARTS, TEXT_LIMIT, composeBroadcast, type BroadcastContent, type BroadcastPart } from "../../domain/broadcast-message.ts";
import { formatDateTime, localDateToUtcStart, parseDate, vietnamToday, addDays, formatDate } from "../../domain/dates.ts";
import { MAX_SCHEDULE_DAYS, type Audience } from "../../services/broadcasts.ts";
import type { Services } from "../../services/index.ts";
import type { UnitSummary } from "../../services/units.ts";
import type { BaseContext, Flow, FlowContext } from "../context.ts";
import { escapeHtml, shorten } from "../format.ts";
import { translator } from "../i18n.ts";
import { progressKeyboard, progressText } from "./broadcast-text.ts";
import { BACK, askChoice, askText, askTicks, askTyped, call, isExtra, type Back, type Choice, type OtherPress, type ValidationResult } from "./kit.ts";

export const BROADCAST_COMPOSE = "broadcast-compose";

/** The preview's "Đã nhận" button: the feature answers it as "this is a preview" once the flow is over. */
export const PREVIEW_ACK_DATA = "ba:0";

const AUDIENCE_CHOICES: readonly Audience[] = ["EVERYONE", "REPORTERS", "COORDINATORS"];
const DAY_MS = 24 * 60 * 60 * 1000;

type Step = "content" | "units" | "audience" | "ack" | "summary" | "when" | "confirm";

interface Draft {
  content?: BroadcastContent;
  parts: number;
  unitIds: number[];
  audience?: Audience;
  askAck?: boolean;
  /** ISO; null: now */
  scheduledAt: string | null;
}

export function broadcastCompose(services: Services, i18n: I18n<BaseContext>) {
  return async function (conversation: Flow, ctx: FlowContext): Promise<void> {
    const t = ctx.t;
    const menu = () => new InlineKeyboard().text(t("btn-menu"), "menu");

    // Asking questions to someone who may not broadcast would waste their time.
    const start = await call(conversation, async ({ person, from }) => {
      const targets = await services.broadcasts.broadcastTargets(person);
      const children = await Promise.all(targets.map((u) => services.units.listChildren(person, u.id)));
      // The service uses the member's name, else the one given (the Telegram name): the preview uses the same.
      const senderName = person.fullName ?? (from?.first_name || String(person.telegramId));
      // This submission's key, kept in the flow's replay log from this first update on: a "send" handled
      // again (delivered again after a crash, pressed again after the chat's state was not saved) gets the
      // broadcast written the first time instead of a second one to everyone.
      return { targets, children, senderName, submissionKey: randomUUID() };
    });
    if (!start.ok) {
      await ctx.reply(t(`errors-${start.code}`, start.params), { reply_markup: menu() });
      return;
    }
    // Absent in the state of a flow begun before keys existed: saved without one, as then.
    const { targets, children, senderName, submissionKey = null } = start.value;
    const names = new Map<number, string>([...targets, ...children.flat()].map((u) => [u.id, u.name]));

    const d: Draft = { parts: 1, unitIds: targets.length === 1 ? [targets[0]!.id] : [], scheduledAt: null };
    let step: Step = "content";
    let previewDue = true;
    for (;;) {
      switch (step) {
        case "content": {
          const answer = await askContent(conversation, ctx, senderName);
          if (answer === BACK) {
            await ctx.reply(t("broadcast-compose-left"), {
              reply_markup: new InlineKeyboard().text(t("btn-broadcast-home"), "bh").text(t("btn-menu"), "menu"),
            });
            return;
          }
          d.content = answer.content;
          d.parts = answer.parts;
          step = "units";
          break;
        }
        case "units": {
          const answer = await askUnits(conversation, ctx, targets, children, d.unitIds);
          if (answer === BACK) step = "content";
          else {
            d.unitIds = answer;
            step = "audience";
          }
          break;
        }
        case "audience": {
          const answer = await askChoice(conversation, ctx, {
            text: t("broadcast-compose-ask-audience"), back: true,
            rows: AUDIENCE_CHOICES.map((a) => [{ value: a, label: audienceLabel(t, a) }]),
          });
          if (answer === BACK) step = "units";
          else {
            d.audience = answer;
            step = "ack";
          }
          break;
        }
        case "ack": {
          const answer = await askChoice(conversation, ctx, {
            text: t("broadcast-compose-ask-ack"), back: true,
            rows: [[{ value: "yes", label: t("btn-broadcast-compose-ack-yes") }], [{ value: "no", label: t("btn-broadcast-compose-ack-no") }]],
          });
          if (answer === BACK) step = "audience";
          else {
            d.askAck = answer === "yes";
            previewDue = true;
            step = "summary";
          }
          break;
        }
        case "summary": {
          const counted = await call(conversation, ({ person }) =>
            services.broadcasts.countAudience(person, { unitIds: d.unitIds, audience: d.audience! }),
          );
          const refusal = !counted.ok ? t(`errors-${counted.code}`, counted.params)
            : counted.value.recipients === 0 ? t("errors-broadcast_no_recipients") : null;
          if (refusal !== null || !counted.ok) {
            // Not a dead end: back to the units (or cancel).
            await askChoice(conversation, ctx, { text: refusal ?? "", rows: [], back: true });
            step = "units";
            break;
          }
          if (previewDue) await sendPreview(ctx, composeBroadcast(senderName, d.content!), d.askAck!);
          previewDue = false;
          const answer = await askTicks(conversation, ctx, {
            text: summaryText(t, d, names, counted.value), back: true, otherPress: previewPress(t),
            extra: [
              { value: "send", label: t("btn-broadcast-compose-send") },
              { value: "schedule", label: t("btn-broadcast-compose-schedule") },
              { value: "restart", label: t("btn-broadcast-compose-restart") },
            ],
          });
          const pressed = answer !== BACK && "pressed" in answer ? answer.pressed : null;
          if (pressed === null) step = "ack";
          else if (pressed === "restart") step = "content";
          else if (pressed === "schedule") step = "when";
          else {
            d.scheduledAt = null;
            const saved = await save();
            if (saved !== BACK) return;
          }
          break;
        }
        case "when": {
          const now = await call(conversation, async () => services.deps.now().toISOString());
          if (!now.ok) throw new Error("the clock cannot refuse");
          const answer = await askWhen(conversation, ctx, new Date(now.value));
          if (answer === BACK) step = "summary";
          else {
            d.scheduledAt = answer;
            step = "confirm";
          }
          break;
        }
        case "confirm": {
          const answer = await askChoice(conversation, ctx, {
            text: t("broadcast-compose-confirm-schedule", { when: formatDateTime(new Date(d.scheduledAt!)) }), back: true,
            rows: [[{ value: "ok", label: t("btn-broadcast-compose-confirm-schedule") }]],
          });
          if (answer === BACK) step = "when";
          else {
            const saved = await save();
            if (saved !== BACK) return;
          }
          break;
        }
      }
    }

    /** Writes the broadcast; a refusal is said with ⬅️ back to the step it concerns (BACK, `step` set). */
    async function save(): Promise<true | Back> {
      const ackLabels = { vi: translator(i18n, "vi")("btn-broadcast-ack"), en: translator(i18n, "en")("btn-broadcast-ack") };
      const input = { content: d.content!, senderName, unitIds: d.unitIds, audience: d.audience!, askAck: d.askAck!, scheduledAt: d.scheduledAt, submissionKey };
      const saved = await call(conversation, ({ person }) => services.broadcasts.createBroadcast(person, input, ackLabels));
      if (!saved.ok) {
        await askChoice(conversation, ctx, { text: t(`errors-${saved.code}`, saved.params), rows: [], back: true });
        step = saved.code === "broadcast_in_past" || saved.code === "broadcast_too_far" ? "when"
          : saved.code === "broadcast_no_recipients" || saved.code === "forbidden" ? "units"
            : saved.code === "broadcast_empty" || saved.code === "broadcast_too_long" ? "content"
              : "summary";
        return BACK;
      }
      const view = saved.value;
      if (d.scheduledAt === null) {
        const sent = await ctx.reply(progressText(t, ctx.locale, view), { parse_mode: "HTML", reply_markup: progressKeyboard(t, view) });
        // The tracker keeps editing this message while the broadcast is sent.
        await call(conversation, () => services.broadcasts.setProgressMessage(view.id, sent.chat.id, sent.message_id));
        return true;
      }
      await ctx.reply(t("broadcast-compose-scheduled", { when: formatDateTime(new Date(view.scheduledAt)) }), {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard().text(t("btn-broadcast-list"), "bl").text(t("btn-menu"), "menu"),
      });
      return true;
    }
  };
}

type T = FlowContext["t"];

function audienceLabel(t: T, audience: Audience): string {
  return t(`btn-broadcast-compose-audience-${audience.toLowerCase()}`);
}

function summaryText(t: T, d: Draft, names: Map<number, string>, count: { recipients: number; unreachable: number }): string {
  const units = d.unitIds.map((id) => escapeHtml(names.get(id) ?? String(id))).join(", ");
  const lines = [
    t("broadcast-compose-summary-title"),
    t("broadcast-compose-summary-recipients", { count: count.recipients }),
    ...(count.unreachable > 0 ? [t("broadcast-compose-summary-blocked", { count: count.unreachable })] : []),
    t("broadcast-compose-summary-units", { units }),
    t("broadcast-compose-summary-audience", { audience: audienceLabel(t, d.audience!) }),
    t(d.askAck ? "broadcast-compose-summary-ack-yes" : "broadcast-compose-summary-ack-no"),
    ...(d.parts > 1 ? [t("broadcast-compose-summary-parts", { parts: d.parts })] : []),
  ];
  return lines.join("\n");
}

/** The messages exactly as recipients get them (the ack button under the last), after a title. */
async function sendPreview(ctx: FlowContext, parts: BroadcastPart[], askAck: boolean): Promise<void> {
  const chatId = ctx.chat!.id;
  await ctx.reply(ctx.t("broadcast-compose-preview-title"));
  for (const [i, part] of parts.entries()) {
    const markup = askAck && i === parts.length - 1 ? { reply_markup: new InlineKeyboard().text(ctx.t("btn-broadcast-ack"), PREVIEW_ACK_DATA) } : {};
    if (part.method === "sendMessage") await ctx.api.raw.sendMessage({ chat_id: chatId, ...part.params, ...markup });
    else if (part.method === "sendPhoto") await ctx.api.raw.sendPhoto({ chat_id: chatId, ...part.params, ...markup });
    else await ctx.api.raw.sendDocument({ chat_id: chatId, ...part.params, ...markup });
  }
}

// ---- the announcement itself ----

/** A text (with its formatting), or a photo (largest size) or document with its caption; forwarded messages alike. */
export function contentOf(message: Message): BroadcastContent | undefined {
  const plain = (entities: MessageEntity[] | undefined): MessageEntity[] => (entities ?? []).map((e) => JSON.parse(JSON.stringify(e)) as MessageEntity);
  if (message.text !== undefined) return { text: message.text, entities: plain(message.entities), media: null };
  const photo = message.photo?.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  const media = photo ? { kind: "photo" as const, fileId: photo.file_id }
    : message.document ? { kind: "document" as const, fileId: message.document.file_id } : null;
  if (!media) return undefined;
  const caption = message.caption ?? "";
  // A caption of spaces only is no caption.
  return caption.trim() === "" ? { text: "", entities: [], media } : { text: caption, entities: plain(message.caption_entities), media };
}

/** The preview's "Đã nhận" pressed while a question waits: it is only a preview (not outdated). */
function previewPress(t: T): OtherPress {
  return (data) => (data === PREVIEW_ACK_DATA ? t("broadcast-ack-preview") : undefined);
}

/**
 * The announcement, the whole message (for its formatting). Empty and too
 * long are refused with another try; a long one is accepted with a word on
 * how many messages it makes.
 */
async function askContent(conversation: Flow, ctx: FlowContext, senderName: string): Promise<{ content: BroadcastContent; parts: number } | Back> {
  const t = ctx.t;
  const answer = await askText(conversation, ctx, {
    text: t("broadcast-compose-ask-content"), back: true, markBack: true, otherPress: previewPress(t), notText: t("broadcast-compose-not-content"),
    message: (message): ValidationResult<{ content: BroadcastContent; parts: number }> | undefined => {
      const content = contentOf(message);
      if (!content) return undefined;
      if (content.media === null && content.text.trim() === "") return { ok: false, message: t("broadcast-compose-empty") };
      const parts = composeBroadcast(senderName, content).length;
      if (parts > MAX_PARTS) return { ok: false, message: t("broadcast-compose-too-long", { length: content.text.length, limit: MAX_PARTS * TEXT_LIMIT }) };
      return { ok: true, value: { content, parts } };
    },
  });
  // No extra buttons: an answer is the content or BACK.
  if (answer === BACK || isExtra(answer)) return BACK;
  if (answer.parts > 1) await ctx.reply(t("broadcast-compose-split", { parts: answer.parts }));
  return answer;
}

// ---- the units: the sender's targets, or parts of them ----

/**
 * The targets as tick boxes, with the chosen sub-units under their target;
 * "🔽 parts of …" lists a target's children to tick instead of the whole.
 */
async function askUnits(
  conversation: Flow, ctx: FlowContext, targets: UnitSummary[], children: UnitSummary[][], selected: number[],
): Promise<number[] | Back> {
  const t = ctx.t;
  const chosen = new Set(selected.map(String));
  for (;;) {
    const choices: Choice<string>[] = targets.flatMap((target, i) => [
      { value: String(target.id), label: shorten(target.name) },
      ...(children[i] ?? []).filter((c) => chosen.has(String(c.id))).map((c) => ({ value: String(c.id), label: `↳ ${shorten(c.name)}` })),
    ]);
    const extra = targets.flatMap((target, i) =>
      (children[i] ?? []).length > 0 ? [{ value: String(i), label: t("btn-broadcast-compose-parts", { unit: shorten(target.name, 30) }) }] : [],
    );
    const answer = await askTicks(conversation, ctx, {
      text: t("broadcast-compose-ask-units"), choices, chosen, extra, back: true, otherPress: previewPress(t),
      done: { label: t("btn-broadcast-compose-next"), emptyText: t("broadcast-compose-units-empty") },
    });
    if (answer === BACK) return BACK;
    if ("done" in answer) return answer.done.map(Number);
    const i = Number(answer.pressed);
    const target = targets[i]!;
    const kids = children[i] ?? [];
    const picked = new Set(kids.filter((c) => chosen.has(String(c.id))).map((c) => String(c.id)));
    const parts = await askTicks(conversation, ctx, {
      text: t("broadcast-compose-ask-parts", { unit: escapeHtml(target.name) }), back: true, otherPress: previewPress(t),
      choices: kids.map((c) => ({ value: String(c.id), label: shorten(c.name) })), chosen: picked,
      done: { label: t("btn-broadcast-compose-parts-done"), emptyText: t("broadcast-compose-units-empty") },
    });
    if (parts === BACK || !("done" in parts)) continue;
    // The parts replace the whole.
    chosen.delete(String(target.id));
    for (const c of kids) chosen.delete(String(c.id));
    for (const id of parts.done) chosen.add(id);
  }
}

// ---- when to send ----

/** "30/11/2026 19:00", "19:00 30/11", "19h 30/11", or a time alone (today); Vietnam time. */
export function parseWhen(input: string, now: Date): { ok: true; value: Date } | { ok: false; error: "invalid" | "no_such_day" } {
  const tokens = input.normalize("NFC").trim().toLowerCase().split(/\s+/).filter((s) => s !== "");
  const timeAt = tokens.findIndex((s) => /^\d{1,2}[:hg](\d{2})?$/.test(s));
  if (timeAt < 0) return { ok: false, error: "invalid" };
  const [, hh, mm] = /^(\d{1,2})[:hg](\d{2})?$/.exec(tokens[timeAt]!)!;
  const hour = Number(hh);
  const minute = Number(mm ?? "0");
  if (hour > 23 || minute > 59) return { ok: false, error: "invalid" };
  const rest = tokens.filter((_, i) => i !== timeAt).join(" ");
  const date = rest === "" ? { ok: true as const, value: vietnamToday(now) } : parseDate(rest, now);
  if (!date.ok) return { ok: false, error: date.error === "no_such_day" ? "no_such_day" : "invalid" };
  return { ok: true, value: new Date(localDateToUtcStart(date.value).getTime() + (hour * 60 + minute) * 60_000) };
}

/** The date and time as buttons for common choices, or typed; returns the ISO time. */
async function askWhen(conversation: Flow, ctx: FlowContext, now: Date): Promise<string | Back> {
  const t = ctx.t;
  const today = vietnamToday(now);
  const tomorrow = addDays(today, 1);
  const at = (day: typeof today, time: string) => `${formatDate(day)} ${time}`;
  const rows: Choice<string>[][] = [];
  const tonight = parseWhen(at(today, "19:00"), now);
  if (tonight.ok && tonight.value.getTime() > now.getTime()) {
    rows.push([{ value: at(today, "19:00"), label: t("btn-broadcast-compose-when-today", { time: "19:00" }) }]);
  }
  rows.push([
    { value: at(tomorrow, "07:00"), label: t("btn-broadcast-compose-when-tomorrow", { time: "07:00" }) },
    { value: at(tomorrow, "19:00"), label: t("btn-broadcast-compose-when-tomorrow", { time: "19:00" }) },
  ]);
  return askTyped(conversation, ctx, {
    text: t("broadcast-compose-ask-when", { example: at(tomorrow, "07:00") }), rows, back: true,
    validate: (text): ValidationResult<string> => {
      const r = parseWhen(text, now);
      if (!r.ok) return { ok: false, message: t(r.error === "no_such_day" ? "broadcast-compose-when-no-such-day" : "broadcast-compose-when-invalid") };
      if (r.value.getTime() <= now.getTime()) return { ok: false, message: t("errors-broadcast_in_past") };
      if (r.value.getTime() > now.getTime() + MAX_SCHEDULE_DAYS * DAY_MS) return { ok: false, message: t("errors-broadcast_too_far") };
      return { ok: true, value: r.value.toISOString() };
    },
  });
}
