// Starting a piggy-bank drive (đợt nuôi lợn nhựa): unit (when several) →
// school year → who got the banks → how many → note → summary → confirm.
// One drive per unit and school year unless a coordinator allowed more: the
// service says so; a coordinator may allow one more on the spot, anyone else
// is offered the drive that exists while their coordinators are asked
// (piggy-allow.ts).
import { can } from "../../domain/permissions.ts";
import { schoolYearLabel, schoolYearOf, vietnamToday } from "../../domain/dates.ts";
import { MAX_NOTE, RECIPIENT_KINDS, type RecipientKind } from "../../domain/piggy-bank.ts";
import { normalizeText } from "../../domain/text.ts";
import type { Services } from "../../services/index.ts";
import type { Flow, FlowContext } from "../context.ts";
import type { Notifier } from "../notify.ts";
import { escapeHtml, shorten, unitLabel } from "../format.ts";
import { showPiggyCard } from "../features/piggy-banks.ts";
import { BACK, askChoice, askText, call, isExtra } from "./kit.ts";
import { whenDriveExists } from "./piggy-allow.ts";
import { askCount } from "./piggy-form.ts";
import { count, recipientLabel } from "./piggy-text.ts";

export const PIGGY_DRIVE_START = "piggy-drive-start";

/** Buttons for units: a small phone shows a couple of dozen at most. */
const MAX_UNIT_BUTTONS = 24;

interface Unit {
  id: number;
  name: string;
  parentName: string | null;
}

/** The unit to start for: the one given (checked), or one of those the person may report for. */
async function loadUnits(conversation: Flow, services: Services, unitId: number) {
  return call(conversation, async ({ person }) => {
    const now = services.deps.now().toISOString();
    if (unitId > 0) {
      const unit = await services.units.viewUnit(person, unitId);
      const allowed = can(person.actor, "piggy.report", unit) && !unit.retired;
      return { now, units: allowed ? [{ id: unit.id, name: unit.name, parentName: unit.parentName }] : [] };
    }
    const units = await services.piggyBanks.reportableUnits(person);
    return { now, units: units.map((u) => ({ id: u.id, name: u.name, parentName: u.parentName })) };
  });
}

export function driveStart(services: Services, notifier: Notifier) {
  return async function (conversation: Flow, ctx: FlowContext, unitId: number): Promise<void> {
    const loaded = await loadUnits(conversation, services, unitId);
    if (!loaded.ok) {
      await ctx.reply(ctx.t(`errors-${loaded.code}`, loaded.params));
      return;
    }
    const units: Unit[] = loaded.value.units;
    if (units.length === 0) {
      await ctx.reply(ctx.t("errors-forbidden"));
      return;
    }
    const current = schoolYearOf(vietnamToday(new Date(loaded.value.now))).start;
    const askUnit = units.length > 1;
    let step: "unit" | "year" | "kind" | "banks" | "note" | "confirm" = askUnit ? "unit" : "year";
    let unit: Unit = units[0]!;
    let year = current;
    let kind: RecipientKind = "HOUSEHOLD";
    let banks = 0;
    let note: string | null = null;
    for (;;) {
      if (step === "unit") {
        const shown = units.slice(0, MAX_UNIT_BUTTONS);
        const answer = await askChoice(conversation, ctx, {
          text: ctx.t("piggy-drive-ask-unit") + (units.length > shown.length ? `\n${ctx.t("piggy-drive-more-units", { count: units.length - shown.length })}` : ""),
          rows: shown.map((u) => [{ value: String(u.id), label: shorten(unitLabel(u), 48) }]),
        });
        unit = units.find((u) => String(u.id) === answer) ?? unit;
        if (answer !== BACK) step = "year";
      } else if (step === "year") {
        const answer = await askChoice(conversation, ctx, {
          text: ctx.t("piggy-drive-ask-year", { unit: escapeHtml(unit.name) }),
          rows: [[
            { value: String(current), label: ctx.t("piggy-year-current", { year: schoolYearLabel(current) }) },
            { value: String(current - 1), label: schoolYearLabel(current - 1) },
          ]],
          back: askUnit,
        });
        if (answer === BACK) step = "unit";
        else {
          year = Number(answer);
          step = "kind";
        }
      } else if (step === "kind") {
        const answer = await askChoice(conversation, ctx, {
          text: ctx.t("piggy-drive-ask-kind"),
          rows: RECIPIENT_KINDS.map((k) => [{ value: k, label: recipientLabel(ctx.t, k) }]),
          back: true,
        });
        if (answer === BACK) step = "year";
        else {
          kind = answer;
          step = "banks";
        }
      } else if (step === "banks") {
        const answer = await askCount(conversation, ctx, { text: ctx.t("piggy-drive-ask-banks"), keep: banks > 0 ? banks : undefined, back: true, min: 1 });
        if (answer === BACK) step = "kind";
        else {
          banks = answer;
          step = "note";
        }
      } else if (step === "note") {
        const answer = await askText(conversation, ctx, {
          text: ctx.t("piggy-drive-ask-note"),
          back: true,
          extra: [{ value: "skip", label: ctx.t("btn-skip") }],
          validate: (text) => {
            const value = normalizeText(text);
            if ([...value].length > MAX_NOTE) return { ok: false, message: ctx.t("piggy-note-too-long", { max: MAX_NOTE }) };
            return { ok: true, value };
          },
        });
        if (answer === BACK) step = "banks";
        else {
          note = isExtra(answer) || answer === "" ? null : answer;
          step = "confirm";
        }
      } else {
        const confirm = await askChoice(conversation, ctx, {
          text: ctx.t("piggy-drive-confirm", {
            unit: escapeHtml(unit.name), year: schoolYearLabel(year), kind: recipientLabel(ctx.t, kind),
            banks: count(ctx.locale, banks), note: note ? escapeHtml(note) : ctx.t("piggy-none"),
          }),
          rows: [[{ value: "yes", label: ctx.t("btn-piggy-drive-save") }]],
          back: true,
        });
        if (confirm === BACK) {
          step = "note";
          continue;
        }
        const save = () =>
          call(conversation, ({ person }) =>
            services.piggyBanks.startDrive(person, { unitId: unit.id, schoolYear: year, recipientKind: kind, banksHandedOut: banks, note }),
          );
        let saved = await save();
        // A coordinator who allows one more drive here has it started with these answers.
        while (!saved.ok && saved.code === "drive_exists" && (await whenDriveExists(conversation, ctx, services, notifier, unit, year))) saved = await save();
        if (!saved.ok) {
          if (saved.code !== "drive_exists") await ctx.reply(ctx.t(`errors-${saved.code}`, saved.params));
          return;
        }
        await ctx.reply(ctx.t("piggy-drive-started", { unit: escapeHtml(unit.name), year: schoolYearLabel(year), banks: count(ctx.locale, banks) }), {
          parse_mode: "HTML",
        });
        await conversation.external((outside) => showPiggyCard(outside, unit.id, year));
        return;
      }
    }
  };
}
