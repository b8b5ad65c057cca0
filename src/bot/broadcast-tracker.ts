// Follows broadcasts while they are sent (issue 7): starts the scheduled ones
// whose time has come (and posts their progress message to the sender),
// edits each progress message when its figures change, and when nothing is
// left to send marks the broadcast done and edits the message into the final
// summary. Safe with several instances: starting and finishing are claimed in
// the database (only one instance posts or summarises); a progress edit
// twice is harmless.
import type { I18n } from "@grammyjs/i18n";
import { GrammyError, type Api } from "grammy";
import type { Logger } from "pino";
import type { BroadcastView } from "../services/broadcasts.ts";
import type { Services } from "../services/index.ts";
import type { BaseContext } from "./context.ts";
import { progressKeyboard, progressText, summaryKeyboard, summaryText, titleOf, type Locale } from "./conversations/broadcast-text.ts";
import { DEFAULT_LOCALE, toLocale, translator } from "./i18n.ts";
import { describe } from "./middlewares/index.ts";

export interface BroadcastTracker {
  /** one round now (tests, the simulator, after a broadcast is written) */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_INTERVAL_MS = 3000;

function notModified(error: unknown): boolean {
  return error instanceof GrammyError && /message is not modified/i.test(error.description);
}

export function startBroadcastTracker(opts: {
  services: Services;
  api: Api;
  i18n: I18n<BaseContext>;
  log: Logger;
  /** how often a round runs (default 3 s); 0: only when tick() is called */
  intervalMs?: number;
}): BroadcastTracker {
  const { services, api, i18n, log } = opts;
  const intervalMs = opts.intervalMs ?? DEFAULT_INTERVAL_MS;
  /** the text this instance last put in each progress message */
  const lastText = new Map<number, string>();
  /** each sender's language, looked up once per broadcast */
  const senderLocale = new Map<number, Locale>();
  let current: Promise<void> | null = null;
  let stopped = false;

  async function localeOf(view: BroadcastView): Promise<Locale> {
    const known = senderLocale.get(view.id);
    if (known) return known;
    const locale = toLocale((await services.members.getProfile(view.senderTelegramId))?.language) ?? DEFAULT_LOCALE;
    senderLocale.set(view.id, locale);
    return locale;
  }

  /** A scheduled broadcast just started: its progress message, remembered for the edits. */
  async function postProgress(view: BroadcastView): Promise<void> {
    const locale = await localeOf(view);
    const t = translator(i18n, locale);
    const text = progressText(t, locale, view);
    const message = await api.sendMessage(view.senderTelegramId, text, { parse_mode: "HTML", reply_markup: progressKeyboard(t, view) });
    await services.broadcasts.setProgressMessage(view.id, message.chat.id, message.message_id);
    lastText.set(view.id, text);
  }

  async function updateProgress(view: BroadcastView): Promise<void> {
    if (!view.progressMessage) return;
    const locale = await localeOf(view);
    const t = translator(i18n, locale);
    const text = progressText(t, locale, view);
    if (lastText.get(view.id) === text) return;
    const p = view.progress;
    if (!lastText.has(view.id) && p.sent + p.blocked + p.failed + p.cancelled === 0) {
      // First seen with nothing sent yet: the message posted when it started says exactly that.
      lastText.set(view.id, text);
      return;
    }
    const { chatId, messageId } = view.progressMessage;
    try {
      await api.editMessageText(chatId, messageId, text, { parse_mode: "HTML", reply_markup: progressKeyboard(t, view) });
    } catch (error) {
      if (!notModified(error)) throw error; // another instance put the same figures there
    }
    lastText.set(view.id, text);
  }

  /** This instance finished it: the progress message becomes the summary, and a short notice makes the phone buzz. */
  async function summarise(view: BroadcastView): Promise<void> {
    const locale = await localeOf(view);
    const t = translator(i18n, locale);
    const text = summaryText(t, locale, view);
    const options = { parse_mode: "HTML" as const, reply_markup: summaryKeyboard(t, view) };
    lastText.delete(view.id);
    senderLocale.delete(view.id);
    let edited = false;
    if (view.progressMessage) {
      const { chatId, messageId } = view.progressMessage;
      try {
        await api.editMessageText(chatId, messageId, text, options);
        edited = true;
      } catch (error) {
        edited = notModified(error);
        if (!edited) log.warn({ err: describe(error), broadcast: view.id }, "progress message not edited into the summary");
      }
    }
    if (edited) await api.sendMessage(view.senderTelegramId, t("broadcast-finished-notice", { title: titleOf(t, view) }), { parse_mode: "HTML" });
    else await api.sendMessage(view.senderTelegramId, text, options);
  }

  /** Runs one step for one broadcast; its failure is logged and does not stop the others. */
  async function guarded(view: BroadcastView, what: string, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      log.warn({ err: describe(error), broadcast: view.id }, what);
    }
  }

  async function round(): Promise<void> {
    for (const view of await services.broadcasts.startDueBroadcasts()) {
      await guarded(view, "progress message not posted", () => postProgress(view));
    }
    for (const view of await services.broadcasts.sendingBroadcasts()) {
      if (view.progress.waiting === 0) {
        await guarded(view, "broadcast not summarised", async () => {
          const finished = await services.broadcasts.finishBroadcast(view.id);
          if (finished) await summarise(finished);
          else lastText.delete(view.id); // another instance finished it
        });
      } else {
        await guarded(view, "progress message not edited", () => updateProgress(view));
      }
    }
  }

  /** One round at a time; whatever goes wrong is logged, never thrown out of the timer. */
  function runRound(): Promise<void> {
    const running: Promise<void> = round()
      .catch((error: unknown) => log.error({ err: describe(error) }, "broadcast tracker round failed"))
      .finally(() => {
        if (current === running) current = null;
      });
    current = running;
    return running;
  }

  const timer = intervalMs > 0
    ? setInterval(() => {
      if (!current && !stopped) void runRound();
    }, intervalMs)
    : null;
  timer?.unref();

  return {
    async tick() {
      while (current) await current; // never two rounds at once: wait for the running one, then a fresh one
      if (stopped) return;
      await runRound();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      while (current) await current;
    },
  };
}
