// The three things bench/updates.ts times, each as `concurrency` chats at once
// (a chat awaits its step before the next), every chat working through its
// share of the reporters, one piggy-bank opening each:
//  - bot: the real bot (createBot, real services) through handleUpdate;
//  - a:   the unavoidable persistence of each step straight through Prisma —
//         read the chat's state (findFirst: Prisma does not merge it across
//         chats the way it merges findUnique made in one tick), write it back
//         (upsert: one INSERT … ON CONFLICT), and on the last step the opening;
//  - b:   a bare grammY bot with no session that echoes every text.
import { Bot } from "grammy";
import type { Update, User } from "grammy/types";
import type { Db } from "../src/db/database.ts";
import { BOT_INFO, FakeTelegram, TestChat, TOKEN, type UpdateHandler } from "../test/helpers/telegram.ts";
import type { Reporter } from "./updates-setup.ts";

export type Variant = "bot" | "a" | "b";

/** One opening as a reporter goes through it: command, presses (callback data) and typed answers. */
export function openingSteps(r: Reporter): { kind: "send" | "press"; value: string }[] {
  return [
    { kind: "send", value: "/piggy" }, // the card with "Record an opening"
    { kind: "press", value: `po:${r.unitId}:${r.driveId}` },
    { kind: "press", value: "f:today" }, // date
    { kind: "send", value: "1" }, // banks opened
    { kind: "send", value: "1.000.000" }, // collected
    { kind: "press", value: "f:zero" }, // scholarships: none
    { kind: "send", value: "300.000" }, // supplies
    { kind: "send", value: "700.000" }, // fund
    { kind: "press", value: "f:zero" }, // other: none
    { kind: "press", value: "f:none" }, // photo: skip
    { kind: "press", value: "f:yes" }, // confirm: saved
  ];
}

export const STEPS_PER_OPENING = 11;

export interface RunResult {
  steps: number;
  wallMs: number;
  /** handleUpdate (bot, b) or the step's queries (a), ms */
  latencies: number[];
}

export function userOf(telegramId: number): User {
  return { id: telegramId, is_bot: false, first_name: "Người", language_code: "vi" };
}

/** Runs `work` for each reporter, `concurrency` at once, each chat's reporters in turn. */
async function inChats(reporters: Reporter[], concurrency: number, work: (r: Reporter) => Promise<void>): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, reporters.length) }, async (_, chat) => {
      for (let i = chat; i < reporters.length; i += concurrency) await work(reporters[i]!);
    }),
  );
  return performance.now() - started;
}

function timed(handler: UpdateHandler, latencies: number[]): UpdateHandler {
  return {
    async handleUpdate(update: Update) {
      const t0 = performance.now();
      await handler.handleUpdate(update);
      latencies.push(performance.now() - t0);
    },
  };
}

/** The real bot: every step through handleUpdate; a missing button throws (the flow went wrong). */
export async function runBot(bot: UpdateHandler, tg: FakeTelegram, reporters: Reporter[], concurrency: number): Promise<RunResult> {
  const latencies: number[] = [];
  const handler = timed(bot, latencies);
  const wallMs = await inChats(reporters, concurrency, async (r) => {
    const chat = new TestChat(tg, () => handler, userOf(r.telegramId));
    for (const step of openingSteps(r)) {
      if (step.kind === "send") await chat.send(step.value);
      else await chat.press(step.value);
    }
  });
  return { steps: latencies.length, wallMs, latencies };
}

/** Baseline (b): a bare grammY bot, no session, echoing each text through the same fake. */
export function echoBot(tg: FakeTelegram): Bot {
  const bot = new Bot(TOKEN, { botInfo: BOT_INFO, client: { fetch: tg.fetch } });
  bot.on("message:text", (ctx) => ctx.reply(ctx.message.text));
  return bot;
}

export async function runEcho(bot: UpdateHandler, tg: FakeTelegram, reporters: Reporter[], concurrency: number): Promise<RunResult> {
  const latencies: number[] = [];
  const handler = timed(bot, latencies);
  const wallMs = await inChats(reporters, concurrency, async (r) => {
    const chat = new TestChat(tg, () => handler, userOf(r.telegramId));
    for (const step of openingSteps(r)) await chat.send(step.value);
  });
  return { steps: latencies.length, wallMs, latencies };
}

/**
 * Baseline (a). `sizes[i]`: length of the bot's session value after step i
 * (measured on the bot), so the state written weighs what the bot's does.
 */
export async function runPersistence(prisma: Db, reporters: Reporter[], concurrency: number, sizes: number[]): Promise<RunResult> {
  const latencies: number[] = [];
  const openedOn = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const wallMs = await inChats(reporters, concurrency, async (r) => {
    const key = `a:${r.telegramId}`;
    for (let i = 0; i < STEPS_PER_OPENING; i++) {
      const t0 = performance.now();
      const row = await prisma.session.findFirst({ where: { key } });
      const state = row ? (JSON.parse(row.value) as { n?: number }) : {};
      const value = JSON.stringify({ n: (state.n ?? 0) + 1, pad: "x".repeat(Math.max(0, (sizes[i] ?? 100) - 20)) });
      await prisma.session.upsert({ where: { key }, create: { key, value }, update: { value } });
      if (i === STEPS_PER_OPENING - 1) {
        await prisma.piggyBankOpening.create({
          data: {
            driveId: r.driveId, openedOn, banksOpened: 1, amountCollected: 1_000_000n, scholarshipCount: 0, scholarshipAmount: 0n,
            suppliesAmount: 300_000n, fundAmount: 700_000n, otherAmount: 0n, otherNote: null, photoFileId: null,
            createdByTelegramId: BigInt(r.telegramId),
          },
        });
      }
      latencies.push(performance.now() - t0);
    }
  });
  return { steps: latencies.length, wallMs, latencies };
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(r: RunResult): { stepsPerS: number; p50: number; p99: number } {
  const sorted = [...r.latencies].sort((x, y) => x - y);
  return { stepsPerS: r.steps / (r.wallMs / 1000), p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
}

/** Forget what the fake saw so far (memory stays flat across runs; every run starts with /piggy). */
export function clearFake(tg: FakeTelegram): void {
  tg.calls.length = 0;
  tg.messages.clear();
}
