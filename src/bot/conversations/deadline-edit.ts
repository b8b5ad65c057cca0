// ✏️ An administrator edits a deadline (issue 6): its date, its name (in
// Vietnamese, then in English), its reminder steps, or who owes it (the unit
// kinds and the roles reminded, tick boxes); then a look at before →
// after, then the change. Nothing is saved before that confirmation. The
// version the administrator saw goes with the change: a deadline changed
// meanwhile is shown again instead.
import { InlineKeyboard } from "grammy";
import { toIsoDate } from "../../domain/dates.ts";
import { isAdmin, ROLES, type Role } from "../../domain/permissions.ts";
import { UNIT_KINDS, type UnitKind } from "../../domain/unit-kinds.ts";
import { normalizeText } from "../../domain/text.ts";
import type { DeadlinePatch, DeadlineView } from "../../services/deadlines.ts";
import type { Services } from "../../services/index.ts";
import type { Flow, FlowContext } from "../context.ts";
import { escapeHtml, kindLabel, roleLabel } from "../format.ts";
import { showCard } from "../features/deadlines.ts";
import { politely } from "../features/replies.ts";
import { BACK, askChoice, askKeeping, askMulti, askTyped, call, type Back, type Choice, type ValidationResult } from "./kit.ts";
import { STEP_PRESETS, day, parseDeadlineDate, parseSteps, stepsText, type StepPreset, type T } from "./deadline-text.ts";
import { versionFromToken, versionToken } from "./piggy-text.ts";

export const DEADLINE_EDIT = "deadline-edit";

/** A deadline's name in one language: one line, not empty, not too long (as in the calendar files). */
const MAX_NAME = 200;
/** How many years from its own a deadline's day may move. */
export const MAX_YEARS_AWAY = 1;
const PRESET = "preset:";
const SAVE = "save";

const FIELDS = ["date", "name", "steps", "kinds", "roles"] as const;
type Field = (typeof FIELDS)[number];
const isField = (value: string): value is Field => (FIELDS as readonly string[]).includes(value);

/** The roles a deadline can remind (administrators are not reminded as such), and any it already names. */
export function roleChoices(current: readonly Role[]): Role[] {
  return ROLES.filter((r) => r !== "ADMIN" || current.includes(r));
}

/** The unit kinds a deadline can be owed by: every kind, in the usual order. */
export const KIND_CHOICES: readonly UnitKind[] = UNIT_KINDS;

/** Tick boxes of unit kinds (at least one stays ticked). */
export function askKinds(conversation: Flow, ctx: FlowContext, name: string, selected: readonly UnitKind[]): Promise<UnitKind[] | Back> {
  const t = ctx.t;
  return askMulti(conversation, ctx, {
    text: t("deadlines-ask-kinds", { name }), choices: KIND_CHOICES.map((k) => ({ value: k, label: kindLabel(t, k) })),
    selected, doneLabel: t("btn-deadlines-done"), emptyText: t("deadlines-kinds-empty"), back: true,
  });
}

/** Tick boxes of the roles reminded at each unit (at least one stays ticked). */
export function askRoles(conversation: Flow, ctx: FlowContext, name: string, selected: readonly Role[]): Promise<Role[] | Back> {
  const t = ctx.t;
  return askMulti(conversation, ctx, {
    text: t("deadlines-ask-roles", { name }), choices: roleChoices(selected).map((r) => ({ value: r, label: roleLabel(t, r) })),
    selected, doneLabel: t("btn-deadlines-done"), emptyText: t("deadlines-roles-empty"), back: true,
  });
}

/** Entered with the deadline id, the field to change ("date", "name", "steps", "kinds", "roles") and the version token seen. */
export function deadlineEdit(services: Services) {
  return async function (conversation: Flow, ctx: FlowContext, deadlineId: number, field: string, token: string): Promise<void> {
    const t = ctx.t;
    const refuse = async (code: string, params?: Record<string, string | number>) => {
      const back = new InlineKeyboard().text(t("btn-deadlines"), "dl").text(t("btn-menu"), "menu");
      await ctx.reply(t(`errors-${code}`, params), { reply_markup: back });
    };
    // The card as it is now (a refusal to show it is said instead).
    const showAgain = (headerKey?: string) =>
      conversation.external((outside) => politely(outside, () => showCard(outside, deadlineId, headerKey), (e) => outside.reply(outside.t(`errors-${e.code}`, e.params))));

    if (!isField(field)) return;
    const loaded = await call(conversation, async ({ person }) => ({
      deadline: await services.deadlines.getDeadline(person, deadlineId),
      admin: isAdmin(person.actor),
      now: services.deps.now().toISOString(),
    }));
    if (!loaded.ok) return refuse(loaded.code, loaded.params);
    const { deadline: d, admin, now } = loaded.value;
    // The services refuse the change anyway; asking questions first would waste the person's time.
    if (!admin) return refuse("forbidden");
    const seen = versionFromToken(token);
    if (seen === null || versionToken(d.updatedAt) !== token) return showAgain("errors-deadline_changed");

    const name = escapeHtml(d.name[ctx.locale]);
    let patch: DeadlinePatch;
    let previous: DeadlinePatch | undefined;
    for (;;) {
      const asked = await askField(conversation, ctx, d, field, new Date(now), previous);
      // Back from the first question: the card again, with its buttons.
      if (asked === BACK) return showAgain();
      const sure = await askChoice(conversation, ctx, {
        text: t(`deadlines-confirm-${field}`, { name, before: shown(t, d, field, {}), after: shown(t, d, field, asked) }),
        rows: [[{ value: SAVE, label: t("btn-save") }]],
        back: true,
      });
      if (sure === SAVE) {
        patch = asked;
        break;
      }
      previous = asked;
    }

    const saved = await call(conversation, ({ person }) => services.deadlines.updateDeadline(person, deadlineId, patch, seen));
    if (!saved.ok) {
      if (saved.code === "deadline_changed") return showAgain("errors-deadline_changed");
      return refuse(saved.code, saved.params);
    }
    await showAgain("deadlines-saved");
  };
}

/** The field as it reads on the card, before (empty patch) or after the change. */
function shown(t: T, d: DeadlineView, field: Field, p: DeadlinePatch): string {
  if (field === "date") return day(p.dueOn ?? d.dueOn);
  if (field === "name") return t("deadlines-names", { vi: escapeHtml(p.name?.vi ?? d.name.vi), en: escapeHtml(p.name?.en ?? d.name.en) });
  if (field === "kinds") return (p.unitKinds ?? d.unitKinds).map((k) => kindLabel(t, k)).join(", ");
  if (field === "roles") return (p.roles ?? d.roles).map((r) => roleLabel(t, r)).join(", ");
  return stepsText(t, p.steps ?? d.steps);
}

/** The questions of a field; `previous` is the answer given before ⬅️ from the confirmation. */
function askField(conversation: Flow, ctx: FlowContext, d: DeadlineView, field: Field, now: Date, previous?: DeadlinePatch): Promise<DeadlinePatch | Back> {
  if (field === "date") return askDate(conversation, ctx, d, now);
  if (field === "name") return askName(conversation, ctx, d, previous?.name?.vi);
  if (field === "kinds") return askKinds(conversation, ctx, escapeHtml(d.name[ctx.locale]), previous?.unitKinds ?? d.unitKinds).then((a) => (a === BACK ? BACK : { unitKinds: a }));
  if (field === "roles") return askRoles(conversation, ctx, escapeHtml(d.name[ctx.locale]), previous?.roles ?? d.roles).then((a) => (a === BACK ? BACK : { roles: a }));
  return askSteps(conversation, ctx, d);
}

/** The new day: typed ("15/6/2026", "15-06": the deadline's year), a friendly error and another try. */
async function askDate(conversation: Flow, ctx: FlowContext, d: DeadlineView, now: Date): Promise<DeadlinePatch | Back> {
  const t = ctx.t;
  const answer = await askTyped(conversation, ctx, {
    text: t("deadlines-ask-date", { name: escapeHtml(d.name[ctx.locale]), date: day(d.dueOn), year: d.year }),
    rows: [],
    back: true,
    validate: (text) => {
      const r = parseDeadlineDate(text, now, d.year);
      if (!r.ok) return { ok: false, message: t(r.error === "no_such_day" ? "deadlines-date-no-such-day" : "deadlines-date-invalid", { year: d.year }) };
      // A deadline of a year stays near it (the services refuse more than a year away).
      if (Math.abs(r.value.year - d.year) > MAX_YEARS_AWAY) return { ok: false, message: t("deadlines-date-far", { year: d.year }) };
      return { ok: true, value: r.value };
    },
  });
  if (answer === BACK) return BACK;
  return { dueOn: toIsoDate(answer) };
}

/** One name, one language; "Keep: …" leaves it as it is. */
function askOneName(conversation: Flow, ctx: FlowContext, d: DeadlineView, lang: "vi" | "en", back: boolean): Promise<string | Back> {
  const t = ctx.t;
  return askKeeping(conversation, ctx, {
    text: t(`deadlines-ask-name-${lang}`, { current: escapeHtml(d.name[lang]) }),
    back,
    keep: { value: d.name[lang], label: d.name[lang] },
    validate: (text) => checkName(t, text),
  });
}

/** A typed name: one line, not empty, not too long. */
export function checkName(t: T, text: string): ValidationResult<string> {
  const value = normalizeText(text).replace(/\s*\n\s*/g, " ");
  if (value === "") return { ok: false, message: t("deadlines-name-empty") };
  if ([...value].length > MAX_NAME) return { ok: false, message: t("deadlines-name-too-long", { max: MAX_NAME }) };
  return { ok: true, value };
}

/**
 * The name in Vietnamese, then in English (⬅️ from English: Vietnamese
 * again). Coming back from the confirmation (`typedVi` given): English first.
 */
async function askName(conversation: Flow, ctx: FlowContext, d: DeadlineView, typedVi?: string): Promise<DeadlinePatch | Back> {
  let vi = typedVi;
  for (;;) {
    if (vi === undefined) {
      const answer = await askOneName(conversation, ctx, d, "vi", true);
      if (answer === BACK) return BACK;
      vi = answer;
    }
    const en = await askOneName(conversation, ctx, d, "en", true);
    if (en !== BACK) return { name: { vi, en } };
    vi = undefined;
  }
}

/** The reminder steps: a preset button or numbers typed ("-7, -3, 0, 3"). */
async function askSteps(conversation: Flow, ctx: FlowContext, d: DeadlineView): Promise<DeadlinePatch | Back> {
  const t = ctx.t;
  const presets = Object.keys(STEP_PRESETS) as StepPreset[];
  const rows: Choice<string>[][] = presets.map((p) => [{ value: `${PRESET}${p}`, label: t(`btn-deadlines-steps-${p}`) }]);
  const answer = await askTyped(conversation, ctx, {
    text: t("deadlines-ask-steps", { name: escapeHtml(d.name[ctx.locale]), steps: stepsText(t, d.steps) }),
    rows,
    back: true,
    validate: (text) => {
      const preset = presets.find((p) => text === `${PRESET}${p}`);
      if (preset) return { ok: true, value: [...STEP_PRESETS[preset]] };
      const r = parseSteps(text);
      return r.ok ? r : { ok: false, message: t(`deadlines-steps-${r.error}`, { text: escapeHtml(text.trim().slice(0, 40)) }) };
    },
  });
  if (answer === BACK) return BACK;
  return { steps: answer };
}
