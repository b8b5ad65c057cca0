// One drive per unit and school year unless a coordinator allows more. When a
// second drive is refused: a coordinator over the unit may allow one more
// right there (after a confirmation) and the drive is started; a reporter is
// told to ask, and the unit's coordinators get a notification with the same
// "allow one more drive" button (the conversation below). The services check
// the permission again.
import { InlineKeyboard } from "grammy";
import { can } from "../../domain/permissions.ts";
import { schoolYearLabel } from "../../domain/dates.ts";
import { isServiceError } from "../../services/errors.ts";
import type { Services } from "../../services/index.ts";
import type { DriveAllowance } from "../../services/piggy-banks.ts";
import type { BotContext, Flow, FlowContext } from "../context.ts";
import { escapeHtml } from "../format.ts";
import type { Notifier } from "../notify.ts";
import { showPiggyCard } from "../features/piggy-banks.ts";
import { BACK, askChoice, call, type Back } from "./kit.ts";

export const PIGGY_ALLOW_EXTRA = "piggy-allow-extra";

type Allowed = { allowed: true; maxDrives: number } | { allowed: false; already: DriveAllowance };

/** There is room for another drive, or more than the `seen` drives are allowed: nothing to allow. */
function alreadyAllowed(a: DriveAllowance, seen: number): boolean {
  return a.maxDrives > a.drives || a.maxDrives > seen;
}

/**
 * Asks the coordinator to confirm one more drive, then allows it: the drives
 * the unit has now + 1. Nothing is allowed when there is already room, or
 * when more than `seen` (the drives the unit had when asked) are allowed
 * already: a second coordinator, or an old button, changes nothing.
 */
async function confirmExtraDrive(
  conversation: Flow,
  ctx: FlowContext,
  services: Services,
  a: DriveAllowance,
  seen: number,
  opts: { back: boolean; thenStart: boolean },
): Promise<Allowed | Back | null> {
  const vars = { unit: escapeHtml(a.unitName), year: a.schoolYearLabel, drives: a.drives, max: a.drives + 1 };
  const answer = await askChoice(conversation, ctx, {
    text: ctx.t("piggy-extra-confirm", vars) + (opts.thenStart ? `\n${ctx.t("piggy-extra-then-start")}` : ""),
    rows: [[{ value: "yes", label: ctx.t("btn-piggy-allow-yes") }]],
    back: opts.back,
  });
  if (answer === BACK) return BACK;
  const done = await call(conversation, async ({ person }): Promise<Allowed> => {
    const now = await services.piggyBanks.driveAllowance(person, a.unitId, a.schoolYear);
    if (alreadyAllowed(now, seen)) return { allowed: false, already: now };
    await services.piggyBanks.allowExtraDrive(person, a.unitId, a.schoolYear, now.drives + 1);
    return { allowed: true, maxDrives: now.drives + 1 };
  });
  if (!done.ok) {
    await ctx.reply(ctx.t(`errors-${done.code}`, done.params));
    return null;
  }
  return done.value;
}

/** "Allowed: up to N drives" or "already allowed: N, M started". */
function outcomeText(ctx: FlowContext, a: DriveAllowance, outcome: Allowed): string {
  const vars = { unit: escapeHtml(a.unitName), year: a.schoolYearLabel };
  if (outcome.allowed) return ctx.t("piggy-extra-allowed", { ...vars, max: outcome.maxDrives });
  return ctx.t("piggy-extra-already", { ...vars, drives: outcome.already.drives, max: outcome.already.maxDrives });
}

/**
 * startDrive said "drive_exists". A coordinator over the unit may allow one
 * more here; returns true when the drive may be saved again. Anyone else is
 * told to ask, and the unit's coordinators are asked for them.
 */
export async function whenDriveExists(
  conversation: Flow,
  ctx: FlowContext,
  services: Services,
  notifier: Notifier,
  unit: { id: number; name: string },
  year: number,
): Promise<boolean> {
  const vars = { unit: escapeHtml(unit.name), year: schoolYearLabel(year) };
  const see = new InlineKeyboard().text(ctx.t("btn-piggy-see-drive"), `pc:${unit.id}:${year}`);
  const loaded = await call(conversation, ({ person }) => services.piggyBanks.driveAllowance(person, unit.id, year));
  if (loaded.ok && loaded.value.canAllow) {
    const a = loaded.value;
    for (;;) {
      const choice = await askChoice(conversation, ctx, {
        text: ctx.t("piggy-drive-exists-coordinator", { ...vars, drives: a.drives }),
        rows: [[{ value: "allow", label: ctx.t("btn-piggy-allow-extra") }], [{ value: "see", label: ctx.t("btn-piggy-see-drive") }]],
      });
      if (choice === "see" || choice === BACK) {
        await conversation.external((outside) => showPiggyCard(outside, unit.id, year));
        return false;
      }
      const outcome = await confirmExtraDrive(conversation, ctx, services, a, a.drives, { back: true, thenStart: true });
      if (outcome === null) return false;
      if (outcome !== BACK) {
        await ctx.reply(outcomeText(ctx, a, outcome), { parse_mode: "HTML" });
        return true;
      }
    }
  }
  // The drives the unit has, for the coordinators' button (1 if unknown: the usual case).
  const drives = loaded.ok ? loaded.value.drives : 1;
  const told = await conversation.external(async (outside) => {
    try {
      const to = await services.piggyBanks.reviewersOf(outside.person, unit.id);
      const by = { telegramId: outside.person.telegramId, name: outside.person.fullName ?? outside.from?.first_name ?? "" };
      return await notifier.extraDriveRequested({ unitId: unit.id, unitName: unit.name, schoolYear: year, drives, by }, to);
    } catch (error) {
      if (!isServiceError(error)) outside.log.warn({ err: String(error) }, "coordinators not asked for another drive");
      return 0;
    }
  });
  const text = ctx.t("piggy-drive-exists", vars) + (told > 0 ? `\n\n${ctx.t("piggy-extra-asked")}` : "");
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: see });
  return false;
}

/**
 * "Allow one more drive" on a coordinator's notification or card: the unit,
 * the school year, the drives it had then, and who asked (0: nobody), told
 * when it is allowed.
 */
export function allowExtra(services: Services, notifier: Notifier) {
  return async function (conversation: Flow, ctx: FlowContext, unitId: number, year: number, seen: number, requester: number): Promise<void> {
    const loaded = await call(conversation, ({ person }) => services.piggyBanks.driveAllowance(person, unitId, year));
    if (!loaded.ok || !loaded.value.canAllow) {
      await ctx.reply(loaded.ok ? ctx.t("errors-forbidden") : ctx.t(`errors-${loaded.code}`, loaded.params));
      return;
    }
    const a = loaded.value;
    // Allowed already (by another coordinator, or an old button): said at once, nothing to confirm.
    const outcome = alreadyAllowed(a, seen)
      ? { allowed: false as const, already: a }
      : await confirmExtraDrive(conversation, ctx, services, a, seen, { back: false, thenStart: false });
    if (outcome === null || outcome === BACK) return;
    let text = outcomeText(ctx, a, outcome);
    if (outcome.allowed && requester > 0 && requester !== ctx.from?.id) {
      const told = await conversation.external((outside) => tellRequester(outside, services, notifier, a, requester));
      if (told) text += `\n${ctx.t("piggy-extra-requester-told")}`;
    }
    // Then the coordinator may start it themselves, or look at the card.
    const room = outcome.allowed || outcome.already.maxDrives > outcome.already.drives;
    const k = new InlineKeyboard();
    if (room) k.text(ctx.t("btn-piggy-start"), `pd:${unitId}`).row();
    k.text(ctx.t("btn-piggy-card"), `pc:${unitId}:${year}`);
    await ctx.reply(text, { parse_mode: "HTML", reply_markup: k });
  };
}

/** Best effort, and only to someone who may report for the unit (the button's requester could be forged). */
async function tellRequester(outside: BotContext, services: Services, notifier: Notifier, a: DriveAllowance, requester: number): Promise<boolean> {
  try {
    const [who, unit] = await Promise.all([services.access.loadPerson(requester), services.units.viewUnit(outside.person, a.unitId)]);
    if (!can(who.actor, "piggy.report", unit)) return false;
    return await notifier.extraDriveAllowed({ unitId: a.unitId, unitName: a.unitName, schoolYear: a.schoolYear }, { telegramId: requester, language: who.language });
  } catch (error) {
    outside.log.warn({ err: String(error) }, "requester not told about the allowed drive");
    return false;
  }
}
