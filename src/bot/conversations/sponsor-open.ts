// Opening a sponsorship case (Ba đỡ đầu): unit (when several) → the pupil
// (name, year of birth, school, grade, circumstances) → the sponsor (kind,
// name) → the support and what it is worth → start date → how often to
// check in → the guardian's consent → summary → save. One question per
// message; back goes one step with every answer offered as "Keep: …";
// nothing is saved before "Save". A refusal from the service about one
// answer goes back to the step that asked it.
import { randomUUID } from "node:crypto";
import { compareLocalDates, formatDate, parseDate, toIsoDate, vietnamToday, type LocalDate } from "../../domain/dates.ts";
import { can } from "../../domain/permissions.ts";
import {
  CHECK_IN_INTERVALS, CIRCUMSTANCES, DEFAULT_CHECK_IN_MONTHS, MAX_CASE_NOTE, MAX_GRADE, MAX_ITEM_AMOUNT, MAX_MONTHLY_AMOUNT, MAX_PUPIL_AGE,
  MAX_SCHOOL_NAME, MAX_SPONSOR_NAME, MIN_GRADE, MIN_PUPIL_AGE, SUPPORT_KINDS, parseBirthYear, parseGrade,
  type CaseInput, type Circumstance, type SupportKind,
} from "../../domain/sponsorship.ts";
import { MAX_PERSON_NAME, normalizeText, validatePersonName } from "../../domain/text.ts";
import type { Services } from "../../services/index.ts";
import type { SponsorKindView } from "../../services/sponsorships.ts";
import type { Flow, FlowContext } from "../context.ts";
import { escapeHtml, shorten, unitLabel } from "../format.ts";
import { showCaseCard } from "../features/sponsorships.ts";
import { BACK, askChoice, askKeeping, firstFormStep, moveFormStep, askMulti, askTyped, call, type Back, type ValidationResult } from "./kit.ts";
import { askAmount } from "./piggy-form.ts";
import { circumstanceLabel, day, money, sponsorKindName, supportLabel } from "./sponsor-text.ts";

export const SPONSOR_OPEN = "sponsor-open";

/** Buttons for units: a small phone shows a couple of dozen at most. */
const MAX_UNIT_BUTTONS = 24;
const MIN_TEXT = 2;

const STEPS = [
  "unit", "name", "birthYear", "school", "grade", "circumstances", "circumstanceNote", "kind", "sponsorName", "support",
  "amount-MONEY", "amount-SUPPLIES", "amount-TUTORING", "amount-BICYCLE", "supportNote", "amount-OTHER",
  "startedOn", "interval", "consent", "confirm",
] as const;
type Step = (typeof STEPS)[number];

interface Unit {
  id: number;
  name: string;
  parentName: string | null;
}

/** What the flow knows before the first question (read once, outside the replay). */
interface Facts {
  units: Unit[];
  kinds: SponsorKindView[];
  askUnit: boolean;
  now: Date;
  today: LocalDate;
}

interface Draft {
  unitId?: number;
  pupilName?: string;
  birthYear?: number;
  schoolName?: string;
  grade?: number;
  circumstances?: Circumstance[];
  circumstanceNote?: string;
  sponsorKindId?: number;
  sponsorName?: string;
  support?: SupportKind[];
  amounts: Partial<Record<SupportKind, number>>;
  supportNote?: string;
  /** "YYYY-MM-DD" */
  startedOn?: string;
  checkInMonths?: number;
  consent?: boolean;
}

function skipped(step: Step, d: Draft, f: Facts): boolean {
  if (step === "unit") return !f.askUnit;
  if (step === "circumstanceNote") return !d.circumstances?.includes("OTHER");
  if (step === "supportNote") return !d.support?.includes("OTHER");
  if (step.startsWith("amount-")) return !d.support?.includes(step.slice("amount-".length) as SupportKind);
  return false;
}

function firstStep(d: Draft, f: Facts): Step {
  return firstFormStep(STEPS, (s) => skipped(s, d, f));
}

function move(step: Step, d: Draft, f: Facts, by: 1 | -1): Step {
  return moveFormStep(STEPS, step, by, (s) => skipped(s, d, f));
}

/** What people typed, shortened and escaped for a message that repeats it. */
function echo(text: string): string {
  return escapeHtml(shorten(text.trim(), 40));
}

function lengthCheck(ctx: FlowContext, text: string, max: number, prefix: string): ValidationResult<string> {
  const value = normalizeText(text);
  if ([...value].length < MIN_TEXT) return { ok: false, message: ctx.t(`${prefix}-too-short`, { min: MIN_TEXT }) };
  if ([...value].length > max) return { ok: false, message: ctx.t(`${prefix}-too-long`, { max }) };
  return { ok: true, value };
}

function noteCheck(ctx: FlowContext, text: string): ValidationResult<string> {
  const value = normalizeText(text);
  if (value === "") return { ok: false, message: ctx.t("sponsor-open-note-empty") };
  if ([...value].length > MAX_CASE_NOTE) return { ok: false, message: ctx.t("sponsor-open-note-too-long", { max: MAX_CASE_NOTE }) };
  return { ok: true, value };
}

function birthYearCheck(ctx: FlowContext, text: string, today: LocalDate): ValidationResult<number> {
  const r = parseBirthYear(text, today);
  if (r.ok) return r;
  if (r.error === "invalid") return { ok: false, message: ctx.t("sponsor-open-birth-year-invalid", { text: echo(text) }) };
  // The text matched the parser's pattern, so it ends with the year ("14" is 2014).
  const digits = /(\d+)\s*$/.exec(text.normalize("NFC"))?.[1] ?? "";
  const year = digits.length === 2 ? 2000 + Number(digits) : Number(digits);
  const age = today.year - year;
  if (age < 0) return { ok: false, message: ctx.t("sponsor-open-birth-year-future", { year: String(year) }) };
  const key = r.error === "too_young" ? "sponsor-open-birth-year-too-young" : "sponsor-open-birth-year-too-old";
  return { ok: false, message: ctx.t(key, { year: String(year), age, min: MIN_PUPIL_AGE, max: MAX_PUPIL_AGE }) };
}

function dateCheck(ctx: FlowContext, text: string, f: Facts): ValidationResult<string> {
  const r = parseDate(text, f.now);
  if (!r.ok) return { ok: false, message: ctx.t(r.error === "no_such_day" ? "sponsor-open-date-no-such-day" : "sponsor-open-date-invalid") };
  if (compareLocalDates(r.value, f.today) > 0) return { ok: false, message: ctx.t("sponsor-open-date-future", { date: formatDate(r.value) }) };
  return { ok: true, value: toIsoDate(r.value) };
}

/** An amount until it is within the limits: money each month (> 0), or a value given once (0: unknown, or free). */
async function askSupportAmount(conversation: Flow, ctx: FlowContext, kind: SupportKind, d: Draft): Promise<number | Back> {
  const monthly = kind === "MONEY";
  const max = monthly ? MAX_MONTHLY_AMOUNT : MAX_ITEM_AMOUNT;
  for (;;) {
    const text = ctx.t(`sponsor-open-ask-${kind}`, { note: escapeHtml(d.supportNote ?? "") });
    const a = await askAmount(conversation, ctx, { text, keep: d.amounts[kind], zero: !monthly, back: true });
    if (a === BACK) return BACK;
    if (monthly && a <= 0) await ctx.reply(ctx.t("sponsor-open-money-zero"));
    else if (a > max) await ctx.reply(ctx.t(monthly ? "sponsor-open-money-too-large" : "sponsor-open-item-too-large", { amount: money(ctx.locale, a), max: money(ctx.locale, max) }));
    else return a;
  }
}

function withNote(ctx: FlowContext, label: string, note: string | undefined): string {
  return note ? ctx.t("sponsor-open-with-note", { label, note: escapeHtml(note) }) : label;
}

function supportValue(ctx: FlowContext, kind: SupportKind, amount: number): string {
  if (kind === "MONEY") return ctx.t("sponsor-open-per-month", { amount: money(ctx.locale, amount) });
  return amount === 0 ? ctx.t("sponsor-open-no-value") : money(ctx.locale, amount);
}

function summary(ctx: FlowContext, d: Draft, f: Facts): string {
  const t = ctx.t;
  const kind = f.kinds.find((k) => k.id === d.sponsorKindId);
  const circumstances = (d.circumstances ?? []).map((c) => withNote(ctx, circumstanceLabel(t, c), c === "OTHER" ? d.circumstanceNote : undefined));
  const support = (d.support ?? []).map((k) =>
    t("sponsor-open-summary-support", {
      label: withNote(ctx, supportLabel(t, k), k === "OTHER" ? d.supportNote : undefined), amount: supportValue(ctx, k, d.amounts[k] ?? 0),
    }),
  );
  return t("sponsor-open-summary", {
    unit: escapeHtml(f.units.find((u) => u.id === d.unitId)?.name ?? ""),
    pupil: escapeHtml(d.pupilName ?? ""), year: String(d.birthYear ?? ""), school: escapeHtml(d.schoolName ?? ""), grade: d.grade ?? 0,
    circumstances: circumstances.join("; "), kind: escapeHtml(kind ? sponsorKindName(kind, ctx.locale) : ""),
    sponsor: escapeHtml(d.sponsorName ?? ""), support: support.join("\n"), start: day(d.startedOn ?? ""),
    interval: t(`sponsor-open-interval-${d.checkInMonths ?? DEFAULT_CHECK_IN_MONTHS}`),
  });
}

function caseInput(d: Draft): CaseInput {
  const circumstances = d.circumstances ?? [];
  const support = d.support ?? [];
  return {
    unitId: d.unitId ?? 0, pupilName: d.pupilName ?? "", birthYear: d.birthYear ?? 0, schoolName: d.schoolName ?? "", grade: d.grade ?? 0,
    circumstances, circumstanceNote: circumstances.includes("OTHER") ? (d.circumstanceNote ?? null) : null,
    sponsorKindId: d.sponsorKindId ?? 0, sponsorName: d.sponsorName ?? "",
    support: support.map((kind) => ({ kind, amount: d.amounts[kind] ?? 0 })), supportNote: support.includes("OTHER") ? (d.supportNote ?? null) : null,
    startedOn: d.startedOn ?? "", checkInMonths: d.checkInMonths ?? DEFAULT_CHECK_IN_MONTHS, guardianConsent: d.consent === true,
  };
}

type Outcome = "next" | "back" | "stay";

/** Asks one step's question and stores the answer in the draft. */
async function askStep(conversation: Flow, ctx: FlowContext, step: Step, d: Draft, f: Facts): Promise<Outcome> {
  const t = ctx.t;
  const back = step !== firstStep(d, f);
  const done = <T>(a: T | Back, store: (v: T) => void): Outcome => {
    if (a === BACK) return "back";
    store(a);
    return "next";
  };
  switch (step) {
    case "unit": {
      const shown = f.units.slice(0, MAX_UNIT_BUTTONS);
      const more = f.units.length > shown.length ? `\n${t("sponsor-open-more-units", { count: f.units.length - shown.length })}` : "";
      const a = await askChoice(conversation, ctx, {
        text: t("sponsor-open-ask-unit") + more, rows: shown.map((u) => [{ value: String(u.id), label: shorten(unitLabel(u), 48) }]), back,
      });
      return done(a, (v) => (d.unitId = Number(v)));
    }
    case "name": {
      const a = await askKeeping(conversation, ctx, {
        text: t("sponsor-open-ask-name"), back, keep: d.pupilName ? { value: d.pupilName, label: d.pupilName } : undefined,
        validate: (text) => {
          const r = validatePersonName(text);
          return r.ok ? r : { ok: false, message: t(`sponsor-open-name-${r.error}`, { max: MAX_PERSON_NAME, text: echo(text) }) };
        },
      });
      return done(a, (v) => (d.pupilName = v));
    }
    case "birthYear": {
      const a = await askKeeping(conversation, ctx, {
        text: t("sponsor-open-ask-birth-year"), back, keep: d.birthYear ? { value: d.birthYear, label: String(d.birthYear) } : undefined,
        validate: (text) => birthYearCheck(ctx, text, f.today),
      });
      return done(a, (v) => (d.birthYear = v));
    }
    case "school": {
      const a = await askKeeping(conversation, ctx, {
        text: t("sponsor-open-ask-school"), back, keep: d.schoolName ? { value: d.schoolName, label: d.schoolName } : undefined,
        validate: (text) => lengthCheck(ctx, text, MAX_SCHOOL_NAME, "sponsor-open-school"),
      });
      return done(a, (v) => (d.schoolName = v));
    }
    case "grade": {
      const grades = Array.from({ length: MAX_GRADE - MIN_GRADE + 1 }, (_, i) => String(MIN_GRADE + i));
      const a = await askTyped(conversation, ctx, {
        text: t("sponsor-open-ask-grade"), back,
        rows: [grades.slice(0, 6), grades.slice(6)].map((row) => row.map((g) => ({ value: g, label: g }))),
        validate: (text) => {
          const grade = parseGrade(text);
          return grade === null ? { ok: false, message: t("sponsor-open-grade-invalid", { text: echo(text), min: MIN_GRADE, max: MAX_GRADE }) } : { ok: true, value: grade };
        },
      });
      return done(a, (v) => (d.grade = v));
    }
    case "circumstances": {
      const a = await askMulti(conversation, ctx, {
        text: t("sponsor-open-ask-circumstances"), choices: CIRCUMSTANCES.map((c) => ({ value: c, label: circumstanceLabel(t, c) })),
        selected: d.circumstances, doneLabel: t("btn-sponsor-open-done"), emptyText: t("sponsor-open-choose-one"), back,
      });
      return done(a, (v) => (d.circumstances = v));
    }
    case "circumstanceNote":
    case "supportNote": {
      const kept = step === "circumstanceNote" ? d.circumstanceNote : d.supportNote;
      const a = await askKeeping(conversation, ctx, {
        text: t(step === "circumstanceNote" ? "sponsor-open-ask-circumstance-note" : "sponsor-open-ask-support-note"), back,
        keep: kept ? { value: kept, label: kept } : undefined, validate: (text) => noteCheck(ctx, text),
      });
      return done(a, (v) => (step === "circumstanceNote" ? (d.circumstanceNote = v) : (d.supportNote = v)));
    }
    case "kind": {
      const a = await askChoice(conversation, ctx, {
        text: t("sponsor-open-ask-kind"), rows: f.kinds.map((k) => [{ value: String(k.id), label: sponsorKindName(k, ctx.locale) }]), back,
      });
      return done(a, (v) => (d.sponsorKindId = Number(v)));
    }
    case "sponsorName": {
      const a = await askKeeping(conversation, ctx, {
        text: t("sponsor-open-ask-sponsor-name"), back, keep: d.sponsorName ? { value: d.sponsorName, label: d.sponsorName } : undefined,
        validate: (text) => lengthCheck(ctx, text, MAX_SPONSOR_NAME, "sponsor-open-sponsor-name"),
      });
      return done(a, (v) => (d.sponsorName = v));
    }
    case "support": {
      const a = await askMulti(conversation, ctx, {
        text: t("sponsor-open-ask-support"), choices: SUPPORT_KINDS.map((k) => ({ value: k, label: supportLabel(t, k) })),
        selected: d.support, doneLabel: t("btn-sponsor-open-done"), emptyText: t("sponsor-open-choose-one"), back,
      });
      return done(a, (v) => (d.support = v));
    }
    case "amount-MONEY":
    case "amount-SUPPLIES":
    case "amount-TUTORING":
    case "amount-BICYCLE":
    case "amount-OTHER": {
      const kind = step.slice("amount-".length) as SupportKind;
      return done(await askSupportAmount(conversation, ctx, kind, d), (v) => (d.amounts[kind] = v));
    }
    case "startedOn": {
      const a = await askKeeping(conversation, ctx, {
        text: t("sponsor-open-ask-start"), back, extra: [{ value: "today", label: t("btn-today") }], onExtra: () => toIsoDate(f.today),
        keep: d.startedOn ? { value: d.startedOn, label: day(d.startedOn) } : undefined, validate: (text) => dateCheck(ctx, text, f),
      });
      return done(a, (v) => (d.startedOn = v));
    }
    case "interval": {
      const choice = (n: number) => ({ value: String(n), label: t(`sponsor-open-interval-${n}`) });
      const a = await askChoice(conversation, ctx, {
        text: t("sponsor-open-ask-interval"), rows: [CHECK_IN_INTERVALS.slice(0, 2).map(choice), CHECK_IN_INTERVALS.slice(2).map(choice)], back,
      });
      return done(a, (v) => (d.checkInMonths = Number(v)));
    }
    case "consent": {
      const a = await askChoice(conversation, ctx, {
        text: t("sponsor-open-ask-consent"),
        rows: [[{ value: "yes", label: t("btn-sponsor-open-consent-yes") }], [{ value: "no", label: t("btn-sponsor-open-consent-no") }]], back,
      });
      if (a === BACK) return "back";
      d.consent = a === "yes";
      if (d.consent) return "next";
      // Without consent nothing can be saved: back to the question, or cancel.
      await askChoice(conversation, ctx, { text: t("sponsor-open-consent-missing"), rows: [], back: true });
      return "stay";
    }
    case "confirm": {
      const a = await askChoice(conversation, ctx, { text: summary(ctx, d, f), rows: [[{ value: "save", label: t("btn-sponsor-open-save") }]], back: true });
      return a === BACK ? "back" : "next";
    }
  }
}

/** The step a refused field was asked at ("support.MONEY" → the monthly amount). */
function stepOfField(field: string): Step | null {
  const [head = "", sub] = field.split(".");
  if (head === "support" && sub === "MONEY") return "amount-MONEY";
  const steps: Record<string, Step> = {
    unitId: "unit", pupilName: "name", birthYear: "birthYear", schoolName: "school", grade: "grade", circumstances: "circumstances",
    circumstanceNote: "circumstanceNote", sponsorKindId: "kind", sponsorName: "sponsorName", support: "support", supportNote: "supportNote",
    startedOn: "startedOn", checkInMonths: "interval", guardianConsent: "consent",
  };
  return steps[head] ?? null;
}

/** Says why the service refused; returns the step to go back to, or null to stop. */
async function stepForRefusal(
  conversation: Flow, ctx: FlowContext, services: Services, code: string, params: Record<string, string | number>, d: Draft, f: Facts,
): Promise<Step | null> {
  const say = (key: string, vars?: Record<string, string | number>) => ctx.reply(ctx.t(key, vars), { parse_mode: "HTML" });
  if (code === "consent_required") return say(`errors-${code}`).then(() => "consent");
  if (code === "pupil_too_young" || code === "pupil_too_old") return say(`errors-${code}`, params).then(() => "birthYear");
  if (code === "date_in_future") return say("sponsor-open-date-future", { date: day(d.startedOn ?? "") }).then(() => "startedOn");
  if (code === "unit_retired" && f.askUnit) {
    f.units = f.units.filter((u) => u.id !== d.unitId);
    if (f.units.length > 0) return say(`errors-${code}`, params).then(() => "unit");
  }
  if (code !== "bad_input") return null;
  const step = stepOfField(String(params.fields ?? "").split(", ")[0] ?? "");
  if (step === null || skipped(step, d, f)) return null;
  if (step === "kind") {
    // A kind hidden meanwhile: offer the kinds as they are now.
    const kinds = await call(conversation, () => services.sponsorships.listSponsorKinds());
    if (kinds.ok) f.kinds = kinds.value;
  }
  await say("sponsor-open-check-again");
  return step;
}

/** Entered with the unit's id, or 0 to ask which unit. */
export function sponsorOpen(services: Services) {
  return async function (conversation: Flow, ctx: FlowContext, unitId: number): Promise<void> {
    const loaded = await call(conversation, async ({ person }) => {
      const now = services.deps.now().toISOString();
      const kinds = await services.sponsorships.listSponsorKinds();
      // This submission's key, made now and kept in the flow's replay log (this update's state is saved long
      // before "Save"): a "Save" handled again — delivered again after a crash, pressed again after the chat's
      // state was not saved — gets the case opened the first time, not a second one.
      const submissionKey = randomUUID();
      if (unitId > 0) {
        const unit = await services.units.viewUnit(person, unitId);
        const allowed = can(person.actor, "sponsor.open", unit) && !unit.retired;
        return { now, kinds, given: true, units: allowed ? [{ id: unit.id, name: unit.name, parentName: unit.parentName }] : [], submissionKey };
      }
      const units = await services.sponsorships.openableUnits(person);
      return { now, kinds, given: false, units: units.map((u) => ({ id: u.id, name: u.name, parentName: u.parentName })), submissionKey };
    });
    if (!loaded.ok) {
      await ctx.reply(ctx.t(`errors-${loaded.code}`, loaded.params));
      return;
    }
    // Absent in the state of a flow begun before keys existed: saved without one, as then.
    const { units, kinds, given, submissionKey = null }: { units: Unit[]; kinds: SponsorKindView[]; given: boolean; submissionKey?: string | null } = loaded.value;
    if (units.length === 0) {
      await ctx.reply(ctx.t(given ? "errors-forbidden" : "sponsor-open-no-units"));
      return;
    }
    const now = new Date(loaded.value.now);
    const f: Facts = { units, kinds, askUnit: units.length > 1, now, today: vietnamToday(now) };
    const d: Draft = { amounts: {}, unitId: units.length === 1 ? units[0]!.id : undefined };
    await ctx.reply(ctx.t("sponsor-open-intro"), { parse_mode: "HTML" });
    let step = firstStep(d, f);
    for (;;) {
      const outcome = await askStep(conversation, ctx, step, d, f);
      if (outcome === "stay") continue;
      if (outcome === "back" || step !== "confirm") {
        step = move(step, d, f, outcome === "back" ? -1 : 1);
        continue;
      }
      const saved = await call(conversation, ({ person }) => services.sponsorships.openCase(person, caseInput(d), submissionKey));
      if (saved.ok) {
        const pupil = escapeHtml(saved.value.pupilName ?? d.pupilName ?? "");
        await ctx.reply(ctx.t("sponsor-open-saved", { pupil, date: day(saved.value.nextCheckInOn) }), { parse_mode: "HTML" });
        await conversation.external((outside) => showCaseCard(outside, saved.value.id));
        return;
      }
      const back = await stepForRefusal(conversation, ctx, services, saved.code, saved.params, d, f);
      if (back === null) {
        await ctx.reply(ctx.t(`errors-${saved.code}`, saved.params));
        return;
      }
      step = back;
    }
  };
}

