// A coordinator sends an opening back for correction: the comment for the
// reporter (cancel leaves it as it was). The version the coordinator saw goes
// with the decision: an opening corrected meanwhile is shown again instead.
import { MAX_REVIEW_COMMENT } from "../../domain/piggy-bank.ts";
import { normalizeText } from "../../domain/text.ts";
import type { Services } from "../../services/index.ts";
import type { Flow, FlowContext } from "../context.ts";
import { escapeHtml } from "../format.ts";
import { showReviewItem } from "../features/piggy-banks.ts";
import type { Notifier } from "../notify.ts";
import { BACK, askText, call, isExtra } from "./kit.ts";
import { day, versionFromToken, versionToken } from "./piggy-text.ts";

export const PIGGY_REVIEW_COMMENT = "piggy-review-comment";

export function reviewComment(services: Services, notifier: Notifier) {
  return async function (conversation: Flow, ctx: FlowContext, openingId: number, token: string): Promise<void> {
    const loaded = await call(conversation, ({ person }) => services.piggyBanks.getOpening(person, openingId));
    if (!loaded.ok) {
      await ctx.reply(ctx.t(`errors-${loaded.code}`, loaded.params));
      return;
    }
    const opening = loaded.value;
    if (!opening.canReview) {
      await ctx.reply(ctx.t(opening.status === "APPROVED" ? "piggy-already-approved" : "errors-forbidden"));
      return;
    }
    const seen = versionFromToken(token);
    const changed = async () => {
      await ctx.reply(ctx.t("errors-opening_changed"));
      await conversation.external((outside) => showReviewItem(outside, openingId));
    };
    if (seen === null || versionToken(opening.updatedAt) !== token) return changed();
    const unit = escapeHtml(opening.unitName);
    const comment = await askText(conversation, ctx, {
      text: ctx.t("piggy-ask-comment", { unit, date: day(opening.openedOn) }),
      validate: (text) => {
        const value = normalizeText(text);
        if (value === "") return { ok: false, message: ctx.t("piggy-comment-empty") };
        if ([...value].length > MAX_REVIEW_COMMENT) return { ok: false, message: ctx.t("piggy-comment-too-long", { max: MAX_REVIEW_COMMENT }) };
        return { ok: true, value };
      },
    });
    if (comment === BACK || isExtra(comment)) return;
    const reviewed = await call(conversation, ({ person }) => services.piggyBanks.reviewOpening(person, openingId, "NEEDS_CORRECTION", comment, seen));
    if (!reviewed.ok) {
      if (reviewed.code === "opening_changed") return changed();
      await ctx.reply(ctx.t(`errors-${reviewed.code}`, reviewed.params));
      return;
    }
    await ctx.reply(ctx.t("piggy-sent-back-by-you", { unit, date: day(opening.openedOn) }), { parse_mode: "HTML" });
    await conversation.external(() => notifier.openingReviewed(reviewed.value.opening, reviewed.value.notify));
  };
}
