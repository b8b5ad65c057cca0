// Recording an opening day (mổ lợn) of a drive, and correcting one that is
// not approved yet: the same form (piggy-form.ts), a summary to confirm, then
// the service. A refusal from the service (uses above the collection, a date
// out of range) goes back to the step concerned with every answer kept. Once
// saved, the unit's coordinators are told, with a button to review it.
import { randomUUID } from "node:crypto";
import { can } from "../../domain/permissions.ts";
import type { OpeningFigures } from "../../domain/piggy-bank.ts";
import type { Services } from "../../services/index.ts";
import type { DriveView, OpeningView } from "../../services/piggy-banks.ts";
import type { Flow, FlowContext } from "../context.ts";
import type { Notifier } from "../notify.ts";
import { escapeHtml } from "../format.ts";
import { showPiggyCard } from "../features/piggy-banks.ts";
import { call } from "./kit.ts";
import { askOpeningFigures, stepForRefusal, type DriveFacts, type FormOptions, type FormStep } from "./piggy-form.ts";
import { day, money } from "./piggy-text.ts";

export const PIGGY_OPENING_RECORD = "piggy-opening-record";
export const PIGGY_OPENING_CORRECT = "piggy-opening-correct";

function factsOf(drive: DriveView, openedElsewhere: number): DriveFacts {
  return { unitName: drive.unitName, banksHandedOut: drive.banksHandedOut, startedOn: drive.startedOn, openedElsewhere };
}

async function tellWarnings(ctx: FlowContext, warnings: string[]): Promise<void> {
  const lines = warnings.map((w) => ctx.t(`piggy-warning-${w}`));
  if (lines.length > 0) await ctx.reply(lines.join("\n"));
}

/** Best effort: a coordinator who blocked the bot, or any failure here, never spoils the reporter's flow. */
async function tellReviewers(conversation: Flow, services: Services, notifier: Notifier, opening: OpeningView, corrected: boolean): Promise<void> {
  await conversation.external(async (outside) => {
    try {
      const to = await services.piggyBanks.reviewersOf(outside.person, opening.unitId);
      const by = outside.person.fullName ?? outside.from?.first_name ?? "";
      await notifier.openingSubmitted(opening, by, corrected, to);
    } catch (error) {
      outside.log.warn({ err: String(error) }, "coordinators not told about an opening");
    }
  });
}

/**
 * The form until the service accepts the figures: each refusal it explains
 * sends the person back to the step concerned. Returns the warnings, or null
 * when the service refused for good (already said).
 */
async function formUntilSaved(
  conversation: Flow,
  ctx: FlowContext,
  opts: Omit<FormOptions, "startAt">,
  save: (figures: OpeningFigures) => Promise<
    { ok: true; value: { opening: OpeningView; warnings: string[]; repeated?: boolean } } | { ok: false; code: string; params: Record<string, string | number> }
  >,
): Promise<{ figures: OpeningFigures; opening: OpeningView; warnings: string[]; repeated: boolean } | null> {
  let draft = opts.draft;
  let startAt: FormStep | undefined;
  for (;;) {
    const figures = await askOpeningFigures(conversation, ctx, { ...opts, draft, startAt });
    const saved = await save(figures);
    if (saved.ok) return { figures, opening: saved.value.opening, warnings: saved.value.warnings, repeated: saved.value.repeated ?? false };
    const back = await stepForRefusal(ctx, saved.code, saved.params, figures);
    if (back === null) {
      await ctx.reply(ctx.t(`errors-${saved.code}`, saved.params));
      return null;
    }
    draft = figures;
    startAt = back;
  }
}

export function openingRecord(services: Services, notifier: Notifier) {
  return async function (conversation: Flow, ctx: FlowContext, unitId: number, driveId: number): Promise<void> {
    const loaded = await call(conversation, async ({ person }) => {
      const unit = await services.units.viewUnit(person, unitId);
      if (!can(person.actor, "piggy.report", unit) || unit.retired) return null;
      const drives = await services.piggyBanks.listDrives(person, unitId, null);
      // This submission's key, made now and kept in the flow's replay log (this update's state is saved
      // long before "Send"): a "Send" handled again — delivered again after a crash, pressed again after
      // the chat's state was not saved — gets the opening written the first time, not a second one.
      return { drive: drives.find((d) => d.id === driveId) ?? null, now: services.deps.now().toISOString(), submissionKey: randomUUID() };
    });
    if (!loaded.ok || loaded.value === null) {
      await ctx.reply(loaded.ok ? ctx.t("errors-forbidden") : ctx.t(`errors-${loaded.code}`, loaded.params));
      return;
    }
    // Absent in the state of a flow begun before keys existed: saved without one, as then.
    const { drive, now, submissionKey = null } = loaded.value;
    if (!drive) {
      await ctx.reply(ctx.t("errors-drive_not_found"));
      return;
    }
    await ctx.reply(ctx.t("piggy-opening-intro", { unit: escapeHtml(drive.unitName), year: drive.schoolYearLabel }), { parse_mode: "HTML" });
    const done = await formUntilSaved(
      conversation,
      ctx,
      { drive: factsOf(drive, drive.openings.banksOpened), now, draft: {}, confirmTitle: ctx.t("piggy-opening-confirm"), confirmLabel: ctx.t("btn-piggy-send") },
      (figures) => call(conversation, ({ person }) => services.piggyBanks.recordOpening(person, driveId, figures, submissionKey)),
    );
    if (!done) return;
    await ctx.reply(ctx.t("piggy-opening-saved", { date: day(done.figures.openedOn), collected: money(ctx.locale, done.figures.amountCollected) }), {
      parse_mode: "HTML",
    });
    await tellWarnings(ctx, done.warnings);
    // Written the first time this "Send" was handled, when the coordinators were told (or the process
    // died before: then they find it in their review queue): never told twice.
    if (!done.repeated) await tellReviewers(conversation, services, notifier, done.opening, false);
    await conversation.external((outside) => showPiggyCard(outside, unitId, drive.schoolYear));
  };
}

export function openingCorrect(services: Services, notifier: Notifier) {
  return async function (conversation: Flow, ctx: FlowContext, openingId: number): Promise<void> {
    const loaded = await call(conversation, async ({ person }) => {
      const opening = await services.piggyBanks.getOpening(person, openingId);
      const drives = opening.canCorrect ? await services.piggyBanks.listDrives(person, opening.unitId, null) : [];
      return { opening, drive: drives.find((d) => d.id === opening.driveId) ?? null, now: services.deps.now().toISOString() };
    });
    if (!loaded.ok) {
      await ctx.reply(ctx.t(`errors-${loaded.code}`, loaded.params));
      return;
    }
    const { opening, drive, now } = loaded.value;
    if (!opening.canCorrect || !drive) {
      await ctx.reply(ctx.t(opening.status === "APPROVED" ? "errors-opening_approved" : "errors-forbidden"));
      return;
    }
    const original: OpeningFigures = {
      openedOn: opening.openedOn, banksOpened: opening.banksOpened, amountCollected: opening.amountCollected,
      scholarshipCount: opening.scholarshipCount, scholarshipAmount: opening.scholarshipAmount, suppliesAmount: opening.suppliesAmount,
      fundAmount: opening.fundAmount, otherAmount: opening.otherAmount, otherNote: opening.otherNote, photoFileId: opening.photoFileId,
    };
    const comment = opening.status === "NEEDS_CORRECTION" && opening.reviewComment ? `\n${ctx.t("piggy-card-comment", { comment: escapeHtml(opening.reviewComment) })}` : "";
    await ctx.reply(ctx.t("piggy-correct-intro", { unit: escapeHtml(opening.unitName), date: day(opening.openedOn) }) + comment, { parse_mode: "HTML" });
    const done = await formUntilSaved(
      conversation,
      ctx,
      {
        drive: factsOf(drive, drive.openings.banksOpened - opening.banksOpened), now, draft: original, original,
        confirmTitle: ctx.t("piggy-correct-confirm"), confirmLabel: ctx.t("btn-piggy-save-correction"),
      },
      (figures) => call(conversation, ({ person }) => services.piggyBanks.correctOpening(person, openingId, figures)),
    );
    if (!done) return;
    await ctx.reply(ctx.t("piggy-opening-corrected", { date: day(done.figures.openedOn), collected: money(ctx.locale, done.figures.amountCollected) }), {
      parse_mode: "HTML",
    });
    await tellWarnings(ctx, done.warnings);
    await tellReviewers(conversation, services, notifier, done.opening, true);
    await conversation.external((outside) => showPiggyCard(outside, opening.unitId, drive.schoolYear));
  };
}
