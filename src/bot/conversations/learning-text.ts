// How the learning models read in the chat: model and status labels, a
// bilingual text of a criteria set in the person's language, a total "27/30".
// Shared by the learning flows and features.
import type { LearningModel } from "../../domain/criteria.ts";
import type { Locale, T } from "./piggy-text.ts";

export { count, day, type Locale, type T } from "./piggy-text.ts";

export type EvaluationStatus = "IN_PROGRESS" | "SUBMITTED" | "RETURNED" | "APPROVED" | "REJECTED" | "RECOGNISED";

/** "Gia đình học tập" … */
export function modelLabel(t: T, model: LearningModel): string {
  return t(`learning-model-${model}`);
}

export function evaluationStatusLabel(t: T, status: EvaluationStatus | null): string {
  return t(`learning-status-${status ?? "NONE"}`);
}

/** A text of a criteria set (item, group, grade) in the person's language. */
export function inLocale(text: { vi: string; en: string } | null | undefined, locale: Locale): string {
  return text ? text[locale] : "";
}
