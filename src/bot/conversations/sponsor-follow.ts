// Following a sponsorship case (Ba đỡ đầu): the check-in (is the pupil at
// school, did the support arrive, how are the studies, anything to flag) and
// the status change (at risk, dropped out, back in school, finished…). Back
// goes one step with every answer kept; nothing is saved before the summary
// is confirmed. A flag, "not attending" or a dropout tells the unit's
// coordinators at once (best effort: a coordinator who blocked the bot never
// spoils the flow of the person who checked in).
import { randomUUID } from "node:crypto";
import { MAX_CASE_NOTE, REASON_REQUIRED, isOpenStatus, STUDY_LEVELS, type CaseStatus, type StudyLevel } from "../../domain/sponsorship.ts";
import { normalizeText } from "../../domain/text.ts";
import type { Services } from "../../services/index.ts";
import type { Recipient } from "../../services/deciders.ts";
import type { CaseView } from "../../services/sponsorships.ts";
import type { Flow, FlowContext } from "../context.ts";
import type { Notifier } from "../notify.ts";
import { escapeHtml } from "../format.ts";
import { showCaseCard } from "../features/sponsorships.ts";
import { BACK, askChoice, askText, call, isExtra, type Back, type Choice, type ValidationResult } from "./kit.ts";
import { caseStatusLabel, day, money, pupilLabel, studiesLabel } from "./sponsor-text.ts";

export const SPONSOR_CHECK_IN = "sponsor-check-in";
export const SPONSOR_STATUS = "sponsor-status";

type Alert = Omit<Parameters<Notifier["caseAlert"]>[0], "by">;

/** Tells the coordinators; returns how many got it, or null when it failed (logged, never thrown). */
async function tellCoordinators(conversation: Flow, notifier: Notifier, alert: Alert, to: Recipient[]): Promise<number | null> {
  return conversation.external(async (outside) => {
    try {
      const by = outside.person.fullName ?? outside.from?.first_name ?? "";
      return await notifier.caseAlert({ ...alert, by }, to);
    } catch (error) {
      outside.log.warn({ err: String(error), caseId: alert.caseId }, "coordinators not told about a sponsorship case");
      return null;
    }
  });
}

function toldText(ctx: FlowContext, key: string, told: number | null): string {
  return ctx.t(key, { count: told ?? 0 });
}

/** A short note: required (empty refused) and at most MAX_CASE_NOTE characters. */
function noteValidator(ctx: FlowContext, emptyKey: string, longKey: string): (text: string) => ValidationResult<string> {
  return (text) => {
    const note = normalizeText(text);
    if (note === "") return { ok: false, message: ctx.t(emptyKey) };
    if ([...note].length > MAX_CASE_NOTE) return { ok: false, message: ctx.t(longKey, { max: MAX_CASE_NOTE }) };
    return { ok: true, value: note };
  };
}

/** The answer given before (after "back") is marked, so the person sees what they chose. */
function choice<T extends string>(ctx: FlowContext, value: T, label: string, current: T | undefined): Choice<T> {
  return { value, label: value === current ? ctx.t("btn-sponsor-checkin-picked", { label }) : label };
}

async function askYesNo(conversation: Flow, ctx: FlowContext, text: string, current: boolean | undefined, back: boolean): Promise<boolean | Back> {
  const now = current === undefined ? undefined : current ? "yes" : "no";
  const answer = await askChoice(conversation, ctx, {
    text,
    rows: [[choice(ctx, "yes", ctx.t("btn-sponsor-checkin-yes"), now), choice(ctx, "no", ctx.t("btn-sponsor-checkin-no"), now)]],
    back,
  });
  return answer === BACK ? BACK : answer === "yes";
}

function yesNo(ctx: FlowContext, value: boolean): string {
  return ctx.t(value ? "sponsor-checkin-yes" : "sponsor-checkin-no");
}

// ---- the check-in ----

interface CheckInAnswers {
  attending?: boolean;
  supportArrived?: boolean | null;
  studies?: StudyLevel;
  /** null: nothing to flag */
  flagNote?: string | null;
}

type CheckInStep = "attending" | "support" | "studies" | "flag" | "confirm";

function checkInSummary(ctx: FlowContext, c: CaseView, a: Required<CheckInAnswers>): string {
  const lines = [
    ctx.t("sponsor-checkin-confirm", { pupil: pupilLabel(ctx.t, c), date: day(c.nextCheckInOn) }),
    ctx.t("sponsor-checkin-line-attending", { answer: yesNo(ctx, a.attending) }),
  ];
  if (a.supportArrived !== null) lines.push(ctx.t("sponsor-checkin-line-support", { answer: yesNo(ctx, a.supportArrived) }));
  lines.push(ctx.t("sponsor-checkin-line-studies", { answer: studiesLabel(ctx.t, a.studies) }));
  lines.push(ctx.t("sponsor-checkin-line-flag", { answer: a.flagNote === null ? ctx.t("sponsor-checkin-nothing") : escapeHtml(a.flagNote) }));
  return lines.join("\n");
}

/** Asks every question up to a confirmed summary; returns the answers (the flow ends on cancel). */
async function askCheckIn(conversation: Flow, ctx: FlowContext, c: CaseView): Promise<Required<CheckInAnswers>> {
  const asksSupport = c.monthlyAmount > 0;
  const a: CheckInAnswers = {};
  let step: CheckInStep = "attending";
  for (;;) {
    if (step === "attending") {
      const text = ctx.t("sponsor-checkin-ask-attending", { pupil: pupilLabel(ctx.t, c), date: day(c.nextCheckInOn) });
      const answer = await askYesNo(conversation, ctx, text, a.attending, false);
      if (answer === BACK) continue;
      a.attending = answer;
      step = asksSupport ? "support" : "studies";
    } else if (step === "support") {
      const text = ctx.t("sponsor-checkin-ask-support", {
        amount: money(ctx.locale, c.monthlyAmount * c.checkInMonths), monthly: money(ctx.locale, c.monthlyAmount), months: c.checkInMonths,
      });
      const answer = await askYesNo(conversation, ctx, text, a.supportArrived ?? undefined, true);
      if (answer === BACK) step = "attending";
      else {
        a.supportArrived = answer;
        step = "studies";
      }
    } else if (step === "studies") {
      const current = a.studies === undefined ? undefined : String(a.studies);
      const [good, fair, average, weak] = STUDY_LEVELS.map((level) => choice(ctx, String(level), studiesLabel(ctx.t, level), current));
      const answer = await askChoice(conversation, ctx, { text: ctx.t("sponsor-checkin-ask-studies"), rows: [[good!, fair!], [average!, weak!]], back: true });
      if (answer === BACK) step = asksSupport ? "support" : "attending";
      else {
        a.studies = Number(answer) as StudyLevel;
        step = "flag";
      }
    } else if (step === "flag") {
      const kept = a.flagNote ?? undefined;
      const extra: Choice<string>[] = [{ value: "nothing", label: ctx.t("btn-sponsor-checkin-nothing") }];
      if (kept !== undefined) extra.push({ value: "keep", label: ctx.t("btn-sponsor-checkin-keep-note") });
      const answer = await askText(conversation, ctx, {
        text: ctx.t("sponsor-checkin-ask-flag") + (kept === undefined ? "" : `\n\n${ctx.t("sponsor-checkin-flag-now", { note: escapeHtml(kept) })}`),
        back: true,
        extra,
        validate: noteValidator(ctx, "sponsor-checkin-flag-empty", "sponsor-checkin-flag-too-long"),
      });
      if (answer === BACK) step = "studies";
      else {
        a.flagNote = isExtra(answer) ? (answer.extra === "keep" ? (kept ?? null) : null) : answer;
        step = "confirm";
      }
    } else {
      const answers = { attending: a.attending!, supportArrived: asksSupport ? (a.supportArrived ?? null) : null, studies: a.studies!, flagNote: a.flagNote ?? null };
      const confirm = await askChoice(conversation, ctx, {
        text: checkInSummary(ctx, c, answers),
        rows: [[{ value: "save", label: ctx.t("btn-sponsor-checkin-save") }]],
        back: true,
      });
      if (confirm === BACK) step = "flag";
      else return answers;
    }
  }
}

export function sponsorCheckIn(services: Services, notifier: Notifier) {
  return async function (conversation: Flow, ctx: FlowContext, caseId: number): Promise<void> {
    // With the case, this submission's key, made now and kept in the flow's replay log (saved long before
    // "Save"): a "Save" handled again — delivered again after a crash, pressed again after the chat's state
    // was not saved — gets the check-in written the first time, not a second one. Beside the case's fields,
    // so that the state of a flow begun before keys existed (the case alone) still replays.
    const loaded = await call(conversation, async ({ person }): Promise<CaseView & { submissionKey?: string }> => ({
      ...(await services.sponsorships.getCase(person, caseId)), submissionKey: randomUUID(),
    }));
    if (!loaded.ok) {
      await ctx.reply(ctx.t(`errors-${loaded.code}`, loaded.params));
      return;
    }
    // Absent in the state of a flow begun before keys existed: saved without one, as then.
    const { submissionKey = null, ...c } = loaded.value;
    if (!c.canFollow) {
      const closed = !isOpenStatus(c.status) || c.anonymised;
      await ctx.reply(ctx.t(closed ? "errors-case_closed" : "errors-forbidden"));
      return;
    }
    const answers = await askCheckIn(conversation, ctx, c);
    const saved = await call(conversation, ({ person }) => services.sponsorships.recordCheckIn(person, caseId, answers, submissionKey));
    if (!saved.ok) {
      await ctx.reply(ctx.t(`errors-${saved.code}`, saved.params));
      return;
    }
    const result = saved.value;
    const lines = [ctx.t("sponsor-checkin-saved", { date: day(result.case.nextCheckInOn) })];
    // Written the first time this "Save" was handled, when the coordinators were told (or the process died
    // before: then they see the case at risk in their lists): never told twice.
    if (result.raisesRisk && result.repeated) {
      lines.push(ctx.t(result.becameAtRisk ? "sponsor-checkin-at-risk" : "sponsor-checkin-still-at-risk"));
    } else if (result.raisesRisk) {
      const told = await tellCoordinators(
        conversation,
        notifier,
        { kind: "at_risk", caseId, initials: c.initials, birthYear: c.birthYear, unitName: c.unitName, notAttending: !answers.attending },
        result.notify,
      );
      lines.push(ctx.t(result.becameAtRisk ? "sponsor-checkin-at-risk" : "sponsor-checkin-still-at-risk"), toldText(ctx, "sponsor-checkin-told", told));
    }
    await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
    await conversation.external((outside) => showCaseCard(outside, caseId));
  };
}

// ---- the status change ----

type StatusStep = "status" | "reason" | "confirm";

async function askReason(conversation: Flow, ctx: FlowContext, status: CaseStatus, kept: string | null): Promise<string | null | Back> {
  const required = REASON_REQUIRED.includes(status);
  const extra: Choice<string>[] = [];
  if (kept !== null) extra.push({ value: "keep", label: ctx.t("btn-sponsor-status-keep-reason") });
  if (!required) extra.push({ value: "skip", label: ctx.t("btn-skip") });
  const question = status === "DROPPED_OUT" ? "sponsor-status-ask-why-dropped" : status === "TRANSFERRED" ? "sponsor-status-ask-where-transferred" : "sponsor-status-ask-note";
  const answer = await askText(conversation, ctx, {
    text: ctx.t(question, { status: caseStatusLabel(ctx.t, status) }) + (kept === null ? "" : `\n\n${ctx.t("sponsor-status-reason-now", { reason: escapeHtml(kept) })}`),
    back: true,
    extra,
    validate: noteValidator(ctx, required ? "sponsor-status-reason-required" : "sponsor-status-note-empty", "sponsor-status-reason-too-long"),
  });
  if (answer === BACK) return BACK;
  if (isExtra(answer)) return answer.extra === "keep" ? kept : null;
  return answer;
}

export function sponsorStatus(services: Services, notifier: Notifier) {
  return async function (conversation: Flow, ctx: FlowContext, caseId: number): Promise<void> {
    const loaded = await call(conversation, async ({ person }) => {
      const c = await services.sponsorships.getCase(person, caseId);
      return { c, choices: await services.sponsorships.statusChoices(person, caseId) };
    });
    if (!loaded.ok) {
      await ctx.reply(ctx.t(`errors-${loaded.code}`, loaded.params));
      return;
    }
    const { c, choices } = loaded.value;
    if (choices.length === 0) {
      await ctx.reply(ctx.t("sponsor-status-none", { status: caseStatusLabel(ctx.t, c.status) }));
      return;
    }
    const pupil = pupilLabel(ctx.t, c);
    let step: StatusStep = "status";
    let status: CaseStatus | undefined;
    let reason: string | null = null;
    for (;;) {
      if (step === "status") {
        const answer = await askChoice(conversation, ctx, {
          text: ctx.t("sponsor-status-ask", { pupil, status: caseStatusLabel(ctx.t, c.status) }),
          rows: choices.map((s) => [choice(ctx, s, caseStatusLabel(ctx.t, s), status)]),
        });
        if (answer === BACK) continue;
        // Another status: the reason typed for the old one may not fit it.
        if (answer !== status) reason = null;
        status = answer;
        step = "reason";
      } else if (step === "reason") {
        const answer = await askReason(conversation, ctx, status!, reason);
        if (answer === BACK) step = "status";
        else {
          reason = answer;
          step = "confirm";
        }
      } else {
        const confirm = await askChoice(conversation, ctx, {
          text: ctx.t("sponsor-status-confirm", {
            pupil, from: caseStatusLabel(ctx.t, c.status), to: caseStatusLabel(ctx.t, status!),
            reason: reason === null ? ctx.t("sponsor-status-no-reason") : escapeHtml(reason),
          }),
          rows: [[{ value: "save", label: ctx.t("btn-sponsor-status-save") }]],
          back: true,
        });
        if (confirm === BACK) step = "reason";
        else break;
      }
    }
    const to = status!;
    const saved = await call(conversation, ({ person }) => services.sponsorships.changeStatus(person, caseId, to, reason));
    if (!saved.ok) {
      await ctx.reply(ctx.t(`errors-${saved.code}`, saved.params));
      return;
    }
    const lines = [ctx.t("sponsor-status-saved", { pupil, status: caseStatusLabel(ctx.t, to) })];
    if (to === "DROPPED_OUT" || to === "AT_RISK") {
      const told = await tellCoordinators(
        conversation,
        notifier,
        { kind: to === "DROPPED_OUT" ? "dropped_out" : "at_risk", caseId, initials: c.initials, birthYear: c.birthYear, unitName: c.unitName, notAttending: false },
        saved.value.notify,
      );
      lines.push(toldText(ctx, "sponsor-status-told", told));
    }
    await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
    await conversation.external((outside) => showCaseCard(outside, caseId));
  };
}
