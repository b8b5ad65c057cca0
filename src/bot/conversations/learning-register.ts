// Registering (đăng ký) a family, clan, community or unit for a year: for
// whom (a reporter: their own family, or a family / clan / community / unit
// of their unit; a plain member: only their own family, not asked) → the
// unit (when several) → the name (a family: the head of the household) →
// the village (or skip) → the number of members (a family: required) → the
// year → summary → save. Back goes one step with the answer offered as
// "Keep: …"; nothing is saved before "Save".
import { InlineKeyboard } from "grammy";
import type { LearningModel } from "../../domain/criteria.ts";
import {
  isOpen, MAX_FAMILY_MEMBERS, MAX_OTHER_MEMBERS, MAX_VILLAGE, registrationKey, validateRegistrationName, type RegistrationInput,
} from "../../domain/learning.ts";
import { can, isAdmin, type Actor } from "../../domain/permissions.ts";
import { normalizeText } from "../../domain/text.ts";
import type { Services } from "../../services/index.ts";
import type { RegistrationView } from "../../services/learning.ts";
import type { Flow, FlowContext } from "../context.ts";
import { escapeHtml, shorten, unitLabel } from "../format.ts";
import { BACK, askChoice, askKeeping, firstFormStep, moveFormStep, askTyped, call, type Back, type ValidationResult } from "./kit.ts";
import { evaluationStatusLabel, modelLabel } from "./learning-text.ts";

export const LEARNING_REGISTER = "learning-register";

/** Buttons for units: a small phone shows a couple of dozen at most. */
const MAX_UNIT_BUTTONS = 24;

const STEPS = ["kind", "unit", "name", "village", "members", "year", "confirm"] as const;
type Step = (typeof STEPS)[number];

/** The first answer: the person's own family, or a model registered for others. */
type Kind = "own" | LearningModel;
const KINDS: Kind[] = ["own", "FAMILY", "CLAN", "COMMUNITY", "UNIT"];

interface Unit {
  id: number;
  name: string;
  parentName: string | null;
  /** the person may register for others here (reporter or more over it) */
  reportable: boolean;
}

/** What the flow knows before the first question (read once, outside the replay). */
interface Facts {
  units: Unit[];
  reporter: boolean;
  fullName: string | null;
  telegramId: number;
  year: number;
}

interface Draft {
  kind?: Kind;
  unitId?: number;
  name?: string;
  /** null: skipped */
  village?: string | null;
  /** null: skipped (not a family) */
  memberCount?: number | null;
  year?: number;
}

const modelOf = (d: Draft): LearningModel => (d.kind === undefined || d.kind === "own" ? "FAMILY" : d.kind);

function unitsFor(d: Draft, f: Facts): Unit[] {
  return d.kind === "own" ? f.units : f.units.filter((u) => u.reportable);
}

function skipped(step: Step, d: Draft, f: Facts): boolean {
  if (step === "kind") return !f.reporter;
  if (step === "unit") return unitsFor(d, f).length <= 1;
  return false;
}

function firstStep(d: Draft, f: Facts): Step {
  return firstFormStep(STEPS, (s) => skipped(s, d, f));
}

function move(step: Step, d: Draft, f: Facts, by: 1 | -1): Step {
  return moveFormStep(STEPS, step, by, (s) => skipped(s, d, f));
}

/** One unit to choose from: taken without asking; the chosen one kept while it is still offered. */
function settleUnit(d: Draft, f: Facts): void {
  const units = unitsFor(d, f);
  if (units.length === 1) d.unitId = units[0]!.id;
  else if (!units.some((u) => u.id === d.unitId)) d.unitId = undefined;
}

/** Reporter or more over a unit from openableUnits: its path is known from the role held there; otherwise it lies in a subtree the person coordinates. */
function reportable(actor: Actor, unitId: number): boolean {
  if (isAdmin(actor)) return true;
  const held = actor.roles.filter((r) => r.unitId === unitId);
  if (held.length === 0) return true;
  return held.some((r) => can(actor, "unit.report", { id: unitId, path: r.unitPath }));
}

function nameCheck(ctx: FlowContext, model: LearningModel, text: string): ValidationResult<string> {
  const r = validateRegistrationName(model, text);
  if (r.ok) return r;
  return { ok: false, message: ctx.t(model === "FAMILY" ? `name-error-${r.error}` : `unit-name-error-${r.error}`) };
}

function villageCheck(ctx: FlowContext, text: string): ValidationResult<string> {
  const value = normalizeText(text);
  if ([...value].length > MAX_VILLAGE) return { ok: false, message: ctx.t("learning-reg-village-too-long", { max: MAX_VILLAGE }) };
  if (!/[\p{L}\p{N}]/u.test(value)) return { ok: false, message: ctx.t("learning-reg-village-invalid") };
  return { ok: true, value };
}

/** "5", "5 người", "5 members": a whole number from 1 to `max`. */
function membersCheck(ctx: FlowContext, text: string, max: number): ValidationResult<number> {
  const match = /^(\d{1,7})(?:\s*\p{L}[\p{L}\s]*)?$/u.exec(normalizeText(text));
  const n = match ? Number(match[1]) : 0;
  const shown = escapeHtml(shorten(text.trim(), 40));
  if (n < 1) return { ok: false, message: ctx.t("learning-reg-members-invalid", { text: shown }) };
  if (n > max) return { ok: false, message: ctx.t("learning-reg-members-too-many", { max }) };
  return { ok: true, value: n };
}

function summary(ctx: FlowContext, d: Draft, f: Facts): string {
  const t = ctx.t;
  const model = modelOf(d);
  const lines = [
    t("learning-reg-summary-title"),
    t(d.kind === "own" ? "learning-reg-summary-own" : "learning-reg-summary-model", { model: modelLabel(t, model) }),
    t(model === "FAMILY" ? "learning-reg-summary-head" : "learning-reg-summary-name", { name: escapeHtml(d.name ?? "") }),
    d.village ? t("learning-reg-summary-village", { village: escapeHtml(d.village) }) : t("learning-reg-summary-no-village"),
  ];
  if (d.memberCount) lines.push(t("learning-reg-summary-members", { count: d.memberCount }));
  lines.push(t("learning-reg-summary-unit", { unit: escapeHtml(f.units.find((u) => u.id === d.unitId)?.name ?? "") }));
  lines.push(t("learning-reg-summary-year", { year: String(d.year ?? f.year) }));
  return lines.join("\n");
}

function registrationInput(d: Draft, f: Facts): RegistrationInput {
  return {
    model: modelOf(d), year: d.year ?? f.year, unitId: d.unitId ?? 0, name: d.name ?? "", village: d.village ?? null,
    memberCount: d.memberCount ?? null, own: d.kind === "own",
  };
}

type Outcome = "next" | "back";

/** Asks one step's question and stores the answer in the draft. */
async function askStep(conversation: Flow, ctx: FlowContext, step: Step, d: Draft, f: Facts): Promise<Outcome> {
  const t = ctx.t;
  const back = step !== firstStep(d, f);
  const model = modelOf(d);
  const done = <T>(a: T | Back, store: (v: T) => void): Outcome => {
    if (a === BACK) return "back";
    store(a);
    return "next";
  };
  switch (step) {
    case "kind": {
      const a = await askChoice(conversation, ctx, {
        text: t("learning-reg-ask-kind"), rows: KINDS.map((k) => [{ value: k, label: t(`learning-reg-kind-${k}`) }]), back,
      });
      return done(a, (v) => {
        // A family's name is a person's, the others' a unit's: a name given for the other sort is asked again.
        if ((v === "own" || v === "FAMILY") !== (model === "FAMILY")) d.name = undefined;
        if (modelOf({ kind: v }) !== model) d.memberCount = undefined;
        d.kind = v;
      });
    }
    case "unit": {
      const units = unitsFor(d, f);
      const shown = units.slice(0, MAX_UNIT_BUTTONS);
      const more = units.length > shown.length ? `\n${t("learning-reg-more-units", { count: units.length - shown.length })}` : "";
      const a = await askChoice(conversation, ctx, {
        text: t("learning-reg-ask-unit") + more, rows: shown.map((u) => [{ value: String(u.id), label: shorten(unitLabel(u), 48) }]), back,
      });
      return done(a, (v) => (d.unitId = Number(v)));
    }
    case "name": {
      const own = d.kind === "own";
      const me = own && f.fullName ? [{ value: "me", label: shorten(f.fullName, 40) }] : [];
      const keep = d.name && !(own && d.name === f.fullName) ? { value: d.name, label: d.name } : undefined;
      const a = await askKeeping(conversation, ctx, {
        text: t(own ? "learning-reg-ask-own-head" : `learning-reg-ask-name-${model}`), back, keep, extra: me,
        onExtra: () => f.fullName ?? "", validate: (text) => nameCheck(ctx, model, text),
      });
      return done(a, (v) => (d.name = v));
    }
    case "village": {
      const a = await askKeeping<string | null>(conversation, ctx, {
        text: t(model === "UNIT" ? "learning-reg-ask-address" : "learning-reg-ask-village"), back,
        keep: d.village ? { value: d.village, label: d.village } : undefined,
        extra: [{ value: "skip", label: t("btn-skip") }], onExtra: () => null, validate: (text) => villageCheck(ctx, text),
      });
      return done(a, (v) => (d.village = v));
    }
    case "members": {
      if (model === "FAMILY") {
        const buttons = ["1", "2", "3", "4", "5", "6", "7", "8"].map((n) => ({ value: n, label: n }));
        const a = await askTyped(conversation, ctx, {
          text: t("learning-reg-ask-members"), rows: [buttons.slice(0, 4), buttons.slice(4)], back,
          validate: (text) => membersCheck(ctx, text, MAX_FAMILY_MEMBERS),
        });
        return done(a, (v) => (d.memberCount = v));
      }
      const a = await askKeeping<number | null>(conversation, ctx, {
        text: t("learning-reg-ask-members-other"), back,
        keep: d.memberCount ? { value: d.memberCount, label: String(d.memberCount) } : undefined,
        extra: [{ value: "skip", label: t("btn-skip") }], onExtra: () => null, validate: (text) => membersCheck(ctx, text, MAX_OTHER_MEMBERS),
      });
      return done(a, (v) => (d.memberCount = v));
    }
    case "year": {
      const a = await askChoice(conversation, ctx, {
        text: t("learning-reg-ask-year"), back,
        rows: [
          [{ value: String(f.year), label: t("learning-reg-year-this", { year: String(f.year) }) }],
          [{ value: String(f.year + 1), label: t("learning-reg-year-next", { year: String(f.year + 1) }) }],
        ],
      });
      return done(a, (v) => (d.year = Number(v)));
    }
    case "confirm": {
      const a = await askChoice(conversation, ctx, { text: summary(ctx, d, f), rows: [[{ value: "save", label: t("btn-learning-save") }]], back: true });
      return a === BACK ? "back" : "next";
    }
  }
}

/** The step a refused field was asked at. */
function stepOfField(field: string): Step | null {
  const steps: Record<string, Step> = { name: "name", village: "village", memberCount: "members", year: "year", unitId: "unit" };
  return steps[field.split(".")[0] ?? ""] ?? null;
}

function homeKeyboard(ctx: FlowContext): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t("btn-learning-home"), "lh").text(ctx.t("btn-menu"), "menu");
}

/** The registration that made the new one a duplicate: the same name and village in the unit, or the person's own family. */
async function findExisting(conversation: Flow, services: Services, input: RegistrationInput): Promise<RegistrationView | null> {
  const found = await call(conversation, async ({ person }) => {
    const key = registrationKey(input.name, input.village ?? null);
    const sameKey = (r: RegistrationView) => r.unitId === input.unitId && registrationKey(r.name, r.village) === key;
    const mine = await services.learning.myRegistrations(person);
    const unit = await services.learning.listRegistrations(person, input.unitId, input.year, input.model).catch(() => []);
    return [...mine, ...unit].find((r) =>
      r.model === input.model && r.year === input.year && (sameKey(r) || (input.own && r.memberTelegramId === person.telegramId)),
    ) ?? null;
  });
  return found.ok ? found.value : null;
}

/** "Already registered": who, with which unit and year, its status, and a button to it. */
async function sayAlreadyRegistered(
  conversation: Flow, ctx: FlowContext, services: Services, input: RegistrationInput, f: Facts, params: Record<string, string | number>,
): Promise<void> {
  const t = ctx.t;
  const existing = await findExisting(conversation, services, input);
  if (!existing) {
    await ctx.reply(t("errors-already_registered", params), { reply_markup: homeKeyboard(ctx) });
    return;
  }
  const k = new InlineKeyboard();
  const name = shorten(existing.name, 32);
  const actsFor = existing.memberTelegramId === f.telegramId || f.units.some((u) => u.id === existing.unitId && u.reportable);
  if (actsFor && (existing.evaluation === null || isOpen(existing.evaluation.status))) {
    k.text(t(existing.evaluation ? "btn-learning-continue" : "btn-learning-self-evaluate", { name }), `le:${existing.id}`).row();
  } else if (existing.evaluation) k.text(t("btn-learning-view", { name }), `lv:${existing.evaluation.id}`).row();
  k.text(t("btn-learning-home"), "lh").text(t("btn-menu"), "menu");
  const text = t("learning-reg-already", {
    name: escapeHtml(existing.name), unit: escapeHtml(existing.unitName), year: String(existing.year),
    status: evaluationStatusLabel(t, existing.evaluation?.status ?? null),
  });
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: k });
}

/** Entered with the unit's id, or 0 to ask which unit (when there are several). */
export function learningRegister(services: Services) {
  return async function (conversation: Flow, ctx: FlowContext, unitId: number): Promise<void> {
    const loaded = await call(conversation, async ({ person }) => {
      const year = services.criteria.currentYear();
      const known = { year, fullName: person.fullName, telegramId: person.telegramId };
      if (unitId > 0) {
        const unit = await services.units.viewUnit(person, unitId);
        const allowed = can(person.actor, "learning.register", unit) && !unit.retired;
        const units = allowed ? [{ id: unit.id, name: unit.name, parentName: unit.parentName, reportable: can(person.actor, "unit.report", unit) }] : [];
        return { ...known, given: true, units };
      }
      const units = await services.sponsorships.openableUnits(person);
      return { ...known, given: false, units: units.map((u) => ({ id: u.id, name: u.name, parentName: u.parentName, reportable: reportable(person.actor, u.id) })) };
    });
    if (!loaded.ok) {
      await ctx.reply(ctx.t(`errors-${loaded.code}`, loaded.params), { reply_markup: homeKeyboard(ctx) });
      return;
    }
    const { units, given } = loaded.value;
    if (units.length === 0) {
      await ctx.reply(ctx.t(given ? "errors-forbidden" : "errors-forbidden-members"), { reply_markup: homeKeyboard(ctx) });
      return;
    }
    const f: Facts = { ...loaded.value, units, reporter: units.some((u) => u.reportable) };
    const d: Draft = f.reporter ? {} : { kind: "own" };
    settleUnit(d, f);
    await ctx.reply(ctx.t("learning-reg-intro"), { parse_mode: "HTML" });
    let step = firstStep(d, f);
    for (;;) {
      settleUnit(d, f);
      if (step !== "kind" && unitsFor(d, f).length === 0) {
        await ctx.reply(ctx.t("errors-forbidden"), { reply_markup: homeKeyboard(ctx) });
        return;
      }
      const outcome = await askStep(conversation, ctx, step, d, f);
      if (outcome === "back" || step !== "confirm") {
        settleUnit(d, f);
        step = move(step, d, f, outcome === "back" ? -1 : 1);
        continue;
      }
      const input = registrationInput(d, f);
      const saved = await call(conversation, ({ person }) => services.learning.register(person, input));
      if (saved.ok) {
        const r = saved.value;
        const k = new InlineKeyboard().text(ctx.t("btn-learning-start-now"), `le:${r.id}`).row().text(ctx.t("btn-learning-home"), "lh").text(ctx.t("btn-menu"), "menu");
        const text = ctx.t("learning-reg-saved", { name: escapeHtml(r.name), model: modelLabel(ctx.t, r.model), unit: escapeHtml(r.unitName), year: String(r.year) });
        await ctx.reply(text, { parse_mode: "HTML", reply_markup: k });
        return;
      }
      const { code, params } = saved;
      if (code === "already_registered") return sayAlreadyRegistered(conversation, ctx, services, input, f, params);
      if (code === "registration_year") {
        // The year turned while the form was open: offer the years as they are now.
        await ctx.reply(ctx.t(`errors-${code}`, params));
        const year = await call(conversation, async () => services.criteria.currentYear());
        if (year.ok) f.year = year.value;
        step = "year";
        continue;
      }
      if (code === "unit_retired" && f.units.length > 1) {
        f.units = f.units.filter((u) => u.id !== d.unitId);
        f.reporter = f.units.some((u) => u.reportable);
        d.unitId = undefined;
        await ctx.reply(ctx.t(`errors-${code}`, params));
        if (unitsFor(d, f).length > 0) {
          step = firstStep(d, f);
          continue;
        }
      }
      const back = code === "bad_input" ? stepOfField(String(params.fields ?? "").split(", ")[0] ?? "") : null;
      if (back !== null && !skipped(back, d, f)) {
        await ctx.reply(ctx.t("learning-reg-check-again"));
        step = back;
        continue;
      }
      await ctx.reply(ctx.t(`errors-${code}`, params), { reply_markup: homeKeyboard(ctx) });
      return;
    }
  };
}
