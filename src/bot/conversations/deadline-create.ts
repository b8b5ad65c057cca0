// ➕ An administrator adds a deadline to a year's calendar (issue 6): its name
// in Vietnamese, then in English ("same as Vietnamese"); what is due (the
// half-year or year report, a learning-model self-evaluation, or an event);
// who owes it (unit kinds) and who is reminded (roles), both tick boxes; the
// date (typed); the reminder steps (presets or typed); a summary; save.
// Every step has ⬅️ back and ✖️ cancel; nothing is saved before the summary
// is confirmed. Then the new deadline's card, with its edit buttons.
import { toIsoDate } from "../../domain/dates.ts";
import { MODELS, type LearningModel } from "../../domain/criteria.ts";
import { isAdmin, type Role } from "../../domain/permissions.ts";
import type { ReportPeriod } from "../../domain/reports.ts";
import type { UnitKind } from "../../domain/unit-kinds.ts";
import type { DeadlineView, NewDeadline } from "../../services/deadlines.ts";
import type { Services } from "../../services/index.ts";
import { REPORT_TEMPLATE_KEY } from "../../services/report-views.ts";
import { InlineKeyboard } from "grammy";
import type { Flow, FlowContext } from "../context.ts";
import { escapeHtml } from "../format.ts";
import { showCard, showYear } from "../features/deadlines.ts";
import { politely } from "../features/replies.ts";
import { BACK, askChoice, askKeeping, askTyped, call, firstFormStep, moveFormStep, type Back, type Choice } from "./kit.ts";
import { askKinds, askRoles, checkName, MAX_YEARS_AWAY } from "./deadline-edit.ts";
import { STEP_PRESETS, cardText, parseDeadlineDate, parseSteps, type StepPreset } from "./deadline-text.ts";

export const DEADLINE_CREATE = "deadline-create";

/** Who owes a new deadline unless the administrator changes it: the units that send reports, through their reporters. */
const PRESET_KINDS: readonly UnitKind[] = ["COMMUNE", "SCHOOL_COMMITTEE", "AGENCY_COMMITTEE"];
const PRESET_ROLES: readonly Role[] = ["REPORTER"];
const WHATS = ["REPORT-H1", "REPORT-YEAR", "EVALUATION", "EVENT"] as const;
type What = (typeof WHATS)[number];
const PRESET = "preset:";
const SAME = "same";
const SAVE = "save";

const STEPS = ["nameVi", "nameEn", "what", "model", "kinds", "roles", "date", "steps", "summary"] as const;
type Step = (typeof STEPS)[number];

interface Draft {
  vi?: string;
  en?: string;
  what?: What;
  model?: LearningModel;
  unitKinds: UnitKind[];
  roles: Role[];
  dueOn?: string;
  steps?: number[];
}

/** The deadline as the service takes it (every answer given). */
function input(year: number, d: Draft): NewDeadline {
  const report = d.what === "REPORT-H1" || d.what === "REPORT-YEAR";
  return {
    year, name: { vi: d.vi!, en: d.en! }, kind: report ? "REPORT" : d.what === "EVALUATION" ? "EVALUATION" : "EVENT",
    templateKey: report ? REPORT_TEMPLATE_KEY : null, period: report ? (d.what!.slice("REPORT-".length) as ReportPeriod) : null,
    model: d.what === "EVALUATION" ? d.model! : null, unitKinds: d.unitKinds, roles: d.roles, dueOn: d.dueOn!, steps: d.steps!,
  };
}

/** The summary reads like the card the deadline will have. */
function asView(n: NewDeadline): DeadlineView {
  return {
    id: 0, key: "", year: n.year, name: n.name, kind: n.kind, templateKey: n.templateKey ?? null, period: n.period ?? null, model: n.model ?? null,
    unitKinds: n.unitKinds, roles: n.roles, dueOn: n.dueOn, steps: n.steps, active: true, note: null, updatedAt: "",
  };
}

/** Entered with the year whose calendar gets the new deadline. */
export function deadlineCreate(services: Services) {
  return async function (conversation: Flow, ctx: FlowContext, year: number): Promise<void> {
    const t = ctx.t;
    const refuse = async (code: string, params?: Record<string, string | number>) => {
      const back = new InlineKeyboard().text(t("btn-deadlines"), "dl").text(t("btn-menu"), "menu");
      await ctx.reply(t(`errors-${code}`, params), { reply_markup: back });
    };
    const loaded = await call(conversation, async ({ person }) => ({ admin: isAdmin(person.actor), now: services.deps.now().toISOString() }));
    if (!loaded.ok) return refuse(loaded.code, loaded.params);
    // The service refuses anyone else anyway; asking questions first would waste their time.
    if (!loaded.value.admin) return refuse("forbidden");
    const now = new Date(loaded.value.now);

    const d: Draft = { unitKinds: [...PRESET_KINDS], roles: [...PRESET_ROLES] };
    const skipped = (s: Step) => s === "model" && d.what !== "EVALUATION";
    const name = () => escapeHtml((ctx.locale === "en" ? d.en : d.vi) ?? d.vi ?? "");
    let step: Step = firstFormStep(STEPS, skipped);
    for (;;) {
      const answered = await ask(step);
      if (answered === BACK) {
        // Back from the first question: the year's list again.
        if (step === STEPS[0]) {
          await conversation.external((outside) => politely(outside, () => showYear(outside, year), (e) => outside.reply(outside.t(`errors-${e.code}`, e.params))));
          return;
        }
        step = moveFormStep(STEPS, step, -1, skipped);
        continue;
      }
      if (step === "summary") break;
      step = moveFormStep(STEPS, step, 1, skipped);
    }

    const saved = await call(conversation, ({ person }) => services.deadlines.createDeadline(person, input(year, d)));
    if (!saved.ok) return refuse(saved.code, saved.params);
    await conversation.external((outside) =>
      politely(outside, () => showCard(outside, saved.value.id, "deadlines-new-saved"), (e) => outside.reply(outside.t(`errors-${e.code}`, e.params))),
    );

    /** One question; the answer goes into the draft. True when answered, BACK for ⬅️. */
    async function ask(s: Step): Promise<true | Back> {
      const done = <V>(answer: V | Back, put: (value: V) => void): true | Back => {
        if (answer === BACK) return BACK;
        put(answer as V);
        return true;
      };
      switch (s) {
        case "nameVi": {
          const a = await askKeeping(conversation, ctx, {
            text: t("deadlines-new-ask-name-vi", { year }), back: true, keep: d.vi ? { value: d.vi, label: d.vi } : undefined,
            validate: (text) => checkName(t, text),
          });
          return done(a, (v) => (d.vi = v));
        }
        case "nameEn": {
          const a = await askKeeping(conversation, ctx, {
            text: t("deadlines-new-ask-name-en", { vi: escapeHtml(d.vi!) }), back: true, keep: d.en ? { value: d.en, label: d.en } : undefined,
            extra: [{ value: SAME, label: t("btn-deadlines-new-same-name") }], onExtra: () => d.vi!,
            validate: (text) => checkName(t, text),
          });
          return done(a, (v) => (d.en = v));
        }
        case "what": {
          const a = await askChoice(conversation, ctx, {
            text: t("deadlines-new-ask-what", { name: name() }), back: true,
            rows: WHATS.map((w) => [{ value: w, label: t(`btn-deadlines-new-${w.toLowerCase()}`, { year }) }]),
          });
          return done(a, (v) => (d.what = v));
        }
        case "model": {
          const a = await askChoice(conversation, ctx, {
            text: t("deadlines-new-ask-model", { name: name() }), back: true,
            rows: MODELS.map((m) => [{ value: m, label: t(`learning-model-${m}`) }]),
          });
          return done(a, (v) => (d.model = v));
        }
        case "kinds":
          return done(await askKinds(conversation, ctx, name(), d.unitKinds), (v) => (d.unitKinds = v));
        case "roles":
          return done(await askRoles(conversation, ctx, name(), d.roles), (v) => (d.roles = v));
        case "date": {
          const a = await askTyped(conversation, ctx, {
            text: t("deadlines-new-ask-date", { name: name(), year }), rows: [], back: true,
            validate: (text) => {
              const r = parseDeadlineDate(text, now, year);
              if (!r.ok) return { ok: false, message: t(r.error === "no_such_day" ? "deadlines-date-no-such-day" : "deadlines-date-invalid", { year }) };
              if (Math.abs(r.value.year - year) > MAX_YEARS_AWAY) return { ok: false, message: t("deadlines-date-far", { year }) };
              return { ok: true, value: toIsoDate(r.value) };
            },
          });
          return done(a, (v) => (d.dueOn = v));
        }
        case "steps": {
          const presets = Object.keys(STEP_PRESETS) as StepPreset[];
          const rows: Choice<string>[][] = presets.map((p) => [{ value: `${PRESET}${p}`, label: t(`btn-deadlines-steps-${p}`) }]);
          const a = await askTyped(conversation, ctx, {
            text: t("deadlines-new-ask-steps", { name: name() }), rows, back: true,
            validate: (text) => {
              const preset = presets.find((p) => text === `${PRESET}${p}`);
              if (preset) return { ok: true, value: [...STEP_PRESETS[preset]] };
              const r = parseSteps(text);
              return r.ok ? r : { ok: false, message: t(`deadlines-steps-${r.error}`, { text: escapeHtml(text.trim().slice(0, 40)) }) };
            },
          });
          return done(a, (v) => (d.steps = v));
        }
        case "summary": {
          const a = await askChoice(conversation, ctx, {
            text: t("deadlines-new-summary", { card: cardText(t, ctx.locale, asView(input(year, d))) }), back: true,
            rows: [[{ value: SAVE, label: t("btn-save") }]],
          });
          return done(a, () => undefined);
        }
      }
    }
  };
}
