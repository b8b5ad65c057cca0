// Helpers for the piggy-bank chat tests: answer the opening form the way a
// person would (typing, or pressing "0 / None", "Today", "Keep"), and find a
// message of the bot by what it says.
import type { Message } from "grammy/types";
import { expect } from "vitest";
import { t } from "./bot.ts";
import { inlineButtons, type TestChat } from "./telegram.ts";

export type L = "vi" | "en";

/** A typed answer, a press of "0 / None" (0), of "Keep" ("keep") or of "Today" ("today"). */
export type Answer = string | 0 | "keep" | "today";

export async function answer(chat: TestChat, locale: L, value: Answer): Promise<void> {
  if (value === 0) return chat.press(t(locale, "btn-zero"));
  // A kept 0 is offered as "0 / None" only (no second button saying the same).
  if (value === "keep") return chat.buttons().some((label) => label.startsWith(t(locale, "btn-keep", { value: "" }).trim())) ? chat.press("f:keep") : chat.press("f:zero");
  if (value === "today") return chat.press(t(locale, "btn-today"));
  return chat.send(value);
}

export interface OpeningAnswers {
  date: Answer;
  opened: Answer;
  collected: Answer;
  schCount: Answer;
  /** not asked when no scholarship was given */
  schAmount?: Answer;
  supplies: Answer;
  fund: Answer;
  other: Answer;
  otherNote?: string;
  /** true: send a photo; "keep": keep the old one; otherwise skip */
  photo?: boolean | "keep";
}

/** Answers every question of the opening form up to (not including) the summary. */
export async function fillOpening(chat: TestChat, locale: L, a: OpeningAnswers): Promise<void> {
  await answer(chat, locale, a.date);
  await answer(chat, locale, a.opened);
  await answer(chat, locale, a.collected);
  await answer(chat, locale, a.schCount);
  if (a.schAmount !== undefined) await answer(chat, locale, a.schAmount);
  await answer(chat, locale, a.supplies);
  await answer(chat, locale, a.fund);
  await answer(chat, locale, a.other);
  if (a.otherNote !== undefined) await answer(chat, locale, a.otherNote);
  expect(chat.lastText(), "the photo question").toBe(t(locale, "piggy-ask-photo"));
  if (a.photo === true) await chat.sendPhoto();
  else if (a.photo === "keep") await chat.press(t(locale, "btn-keep-photo"));
  else await chat.press(t(locale, "btn-skip"));
}

/** The newest message of the bot in this chat whose text contains all of `parts` (buttons or not). */
export function messageWith(chat: TestChat, ...parts: string[]): Message & { text: string } {
  const found = chat.tg
    .botMessages(chat.id)
    .reverse()
    .find((m) => "text" in m && typeof m.text === "string" && parts.every((p) => m.text!.includes(p)));
  if (!found) throw new Error(`chat ${chat.id}: no bot message with ${JSON.stringify(parts)}`);
  return found as Message & { text: string };
}

export function buttonData(message: Message | undefined): string[] {
  return inlineButtons(message).map((b) => b.callback_data);
}
