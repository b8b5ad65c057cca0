// A reviewer returns a self-evaluation for a fix (trả lại để sửa) or rejects
// it (không duyệt): the comment the family will read, a look at it before it
// goes, then the decision. Cancel leaves the evaluation as it was. The version
// the reviewer saw goes with the decision: an evaluation changed meanwhile is
// shown again instead.
import { MAX_REVIEW_COMMENT } from "../../domain/learning.ts";
import { normalizeText } from "../../domain/text.ts";
import type { Services } from "../../services/index.ts";
import type { EvaluationView } from "../../services/learning.ts";
import type { Flow, FlowContext } from "../context.ts";
import { escapeHtml } from "../format.ts";
import { afterDecision, decisionVars, showReviewItem, wayBack } from "../features/learning-review.ts";
import type { Notifier } from "../notify.ts";
import { BACK, askChoice, askText, call, isExtra } from "./kit.ts";
import { modelLabel } from "./learning-text.ts";
import { versionFromToken, versionToken } from "./piggy-text.ts";

export const LEARNING_REVIEW_COMMENT = "learning-review-comment";

type Decision = "RETURNED" | "REJECTED";
const SEND = "send";

/** Why the person may not review `e` (it is not waiting any more, it is their own, or not theirs to review). */
function refusalOf(e: EvaluationView, telegramId: number): string {
  if (e.status !== "SUBMITTED") return "evaluation_not_submitted";
  const own = e.submittedByTelegramId === telegramId || e.registration.memberTelegramId === telegramId;
  return own ? "self_review" : "forbidden";
}

/** Entered with the evaluation id, "RETURNED" or "REJECTED", and the version token the reviewer saw. */
export function learningReviewComment(services: Services, notifier: Notifier) {
  return async function (conversation: Flow, ctx: FlowContext, evaluationId: number, decision: string, token: string): Promise<void> {
    if (decision !== "RETURNED" && decision !== "REJECTED") return;
    const chosen: Decision = decision;
    const refuse = async (code: string, params?: Record<string, string | number>) => {
      await ctx.reply(ctx.t(`errors-${code}`, params), { reply_markup: wayBack(ctx.t) });
    };
    const showAgain = () => conversation.external((outside) => showReviewItem(outside, evaluationId));
    const changed = async () => {
      await ctx.reply(ctx.t("errors-evaluation_changed"));
      await showAgain();
    };

    const loaded = await call(conversation, ({ person }) => services.learning.getEvaluation(person, evaluationId));
    if (!loaded.ok) return refuse(loaded.code, loaded.params);
    const e = loaded.value;
    const me = ctx.from?.id ?? 0;
    if (!e.canReview) return refuse(refusalOf(e, me));
    const seen = versionFromToken(token);
    if (seen === null || versionToken(e.updatedAt) !== token) return changed();

    const vars = { name: escapeHtml(e.registration.name), model: modelLabel(ctx.t, e.registration.model) };
    let comment: string | null = null;
    while (comment === null) {
      const typed = await askText(conversation, ctx, {
        text: ctx.t(`learning-review-ask-comment-${chosen}`, vars),
        back: true,
        validate: (text) => {
          const value = normalizeText(text);
          if (value === "") return { ok: false, message: ctx.t("learning-review-comment-empty") };
          const length = [...value].length;
          if (length > MAX_REVIEW_COMMENT) return { ok: false, message: ctx.t("learning-review-comment-too-long", { max: MAX_REVIEW_COMMENT, length }) };
          return { ok: true, value };
        },
      });
      // Back from the first question: the evaluation again, with its buttons.
      if (typed === BACK || isExtra(typed)) return showAgain();
      const sure = await askChoice(conversation, ctx, {
        text: ctx.t(`learning-review-confirm-${chosen}`, { ...vars, comment: escapeHtml(typed) }),
        rows: [[{ value: SEND, label: ctx.t(`btn-learning-review-send-${chosen}`) }]],
        back: true,
      });
      if (sure === SEND) comment = typed;
    }

    const reviewed = await call(conversation, ({ person }) => services.learning.reviewEvaluation(person, evaluationId, chosen, comment, seen));
    if (!reviewed.ok) return reviewed.code === "evaluation_changed" ? changed() : refuse(reviewed.code, reviewed.params);
    const done = reviewed.value.evaluation;
    const notified = await conversation.external(() => notifier.evaluationReviewed(done, reviewed.value.notify));
    await ctx.reply(ctx.t(`learning-review-${chosen === "RETURNED" ? "returned" : "rejected"}-by-you`, decisionVars(ctx.t, ctx.locale, done, notified)), {
      parse_mode: "HTML", reply_markup: afterDecision(ctx.t, done),
    });
  };
}
