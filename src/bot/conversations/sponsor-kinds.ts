// Adding a sponsor kind (administrators): the Vietnamese name, the English
// name, a confirmation, then it is saved and offered for new cases. Kinds are
// editable data because the province's own list was not found.
import { sponsorKindInputSchema } from "../../domain/sponsorship.ts";
import type { Services } from "../../services/index.ts";
import type { Flow, FlowContext } from "../context.ts";
import { escapeHtml } from "../format.ts";
import { showSponsorKinds } from "../features/sponsorships.ts";
import { BACK, askChoice, askText, call, isExtra, type ValidationResult } from "./kit.ts";

export const SPONSOR_KIND_ADD = "sponsor-kind-add";

function kindName(ctx: FlowContext): (text: string) => ValidationResult<string> {
  return (text) => {
    const parsed = sponsorKindInputSchema.shape.nameVi.safeParse(text);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: ctx.t("sponsor-kinds-name-invalid") };
  };
}

export function sponsorKindAdd(services: Services) {
  return async function (conversation: Flow, ctx: FlowContext): Promise<void> {
    let step: "vi" | "en" | "confirm" = "vi";
    let nameVi = "";
    let nameEn = "";
    for (;;) {
      if (step === "vi") {
        const answer = await askText(conversation, ctx, { text: ctx.t("sponsor-kinds-ask-vi"), validate: kindName(ctx) });
        if (answer === BACK || isExtra(answer)) continue;
        nameVi = answer;
        step = "en";
      } else if (step === "en") {
        const answer = await askText(conversation, ctx, { text: ctx.t("sponsor-kinds-ask-en", { vi: escapeHtml(nameVi) }), validate: kindName(ctx), back: true });
        if (answer === BACK) step = "vi";
        else if (!isExtra(answer)) {
          nameEn = answer;
          step = "confirm";
        }
      } else {
        const answer = await askChoice(conversation, ctx, {
          text: ctx.t("sponsor-kinds-confirm", { vi: escapeHtml(nameVi), en: escapeHtml(nameEn) }),
          rows: [[{ value: "save", label: ctx.t("btn-sponsor-kinds-save") }]],
          back: true,
        });
        if (answer === BACK) {
          step = "en";
          continue;
        }
        const saved = await call(conversation, ({ person }) => services.sponsorships.addSponsorKind(person, { nameVi, nameEn }));
        if (!saved.ok) {
          await ctx.reply(ctx.t(`errors-${saved.code}`, saved.params));
          // Same name as a kind already there: another try; anything else ends here.
          if (saved.code !== "sponsor_kind_exists") return;
          step = "vi";
          continue;
        }
        await ctx.reply(ctx.t("sponsor-kinds-added", { vi: escapeHtml(saved.value.nameVi), en: escapeHtml(saved.value.nameEn) }), { parse_mode: "HTML" });
        await conversation.external((outside) => showSponsorKinds(outside));
        return;
      }
    }
  };
}
