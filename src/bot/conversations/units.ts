// Managing the tree from the chat: create a unit under another, rename, move
// under a new parent, mark merged into another. Each flow ends with a summary
// to confirm; the service checks permissions again when it saves.
import { can, type Action } from "../../domain/permissions.ts";
import { validateUnitName } from "../../domain/text.ts";
import { UNIT_KINDS, suggestedChildKinds, type UnitKind } from "../../domain/unit-kinds.ts";
import type { Services } from "../../services/index.ts";
import type { UnitView } from "../../services/units.ts";
import type { Flow, FlowContext } from "../context.ts";
import { escapeHtml, kindLabel, shorten, unitLabel } from "../format.ts";
import { showUnit } from "../features/units.ts";
import { BACK, askChoice, askText, call, isExtra, type ValidationResult } from "./kit.ts";

export const UNIT_CREATE = "unit-create";
export const UNIT_RENAME = "unit-rename";
export const UNIT_MOVE = "unit-move";
export const UNIT_MERGE = "unit-merge";

const CODE_RE = /^[A-Za-z0-9._-]{1,40}$/;

function nameValidator(ctx: FlowContext) {
  return (text: string): ValidationResult<string> => {
    const r = validateUnitName(text);
    return r.ok ? { ok: true, value: r.value } : { ok: false, message: ctx.t(`unit-name-error-${r.error}`) };
  };
}

/** Loads the unit and checks the action up front, so nobody types for nothing. */
async function startOn(conversation: Flow, ctx: FlowContext, services: Services, unitId: number, action: Action): Promise<UnitView | null> {
  const loaded = await call(conversation, async ({ person }) => {
    const unit = await services.units.viewUnit(person, unitId);
    return { unit, allowed: can(person.actor, action, unit) && !unit.retired };
  });
  if (!loaded.ok) {
    await ctx.reply(ctx.t(`errors-${loaded.code}`, loaded.params));
    return null;
  }
  if (!loaded.value.allowed) {
    await ctx.reply(ctx.t("errors-forbidden"));
    return null;
  }
  return loaded.value.unit;
}

async function showResult(conversation: Flow, unitId: number): Promise<void> {
  await conversation.external((outside) => showUnit(outside, unitId));
}

function createFlow(services: Services) {
  return async function (conversation: Flow, ctx: FlowContext, parentId: number): Promise<void> {
    const parent = await startOn(conversation, ctx, services, parentId, "unit.create_child");
    if (!parent) return;
    const suggested = suggestedChildKinds(parent.kind);
    const kinds = [...suggested, ...UNIT_KINDS.filter((k) => !suggested.includes(k))];
    let step = 0;
    let kind: UnitKind = kinds[0] ?? "BRANCH";
    let name = "";
    let code: string | null = null;
    for (;;) {
      if (step === 0) {
        const answer = await askChoice(conversation, ctx, {
          text: ctx.t("unit-create-kind", { parent: escapeHtml(parent.name) }),
          rows: chunk(kinds.map((k) => ({ value: k, label: kindLabel(ctx.t, k) })), 2),
        });
        if (answer === BACK) continue;
        kind = answer;
        step = 1;
      } else if (step === 1) {
        const answer = await askText(conversation, ctx, { text: ctx.t("unit-create-name", { kind: kindLabel(ctx.t, kind) }), back: true, validate: nameValidator(ctx) });
        if (answer === BACK) step = 0;
        else if (!isExtra(answer)) {
          name = answer;
          step = 2;
        }
      } else if (step === 2) {
        const answer = await askText(conversation, ctx, {
          text: ctx.t("unit-create-code"),
          back: true,
          extra: [{ value: "skip", label: ctx.t("btn-skip") }],
          validate: (text) => (CODE_RE.test(text.trim()) ? { ok: true, value: text.trim() } : { ok: false, message: ctx.t("unit-code-invalid") }),
        });
        if (answer === BACK) step = 1;
        else {
          code = isExtra(answer) ? null : answer;
          step = 3;
        }
      } else {
        const confirm = await askChoice(conversation, ctx, {
          text: ctx.t("unit-create-confirm", { name: escapeHtml(name), kind: kindLabel(ctx.t, kind), parent: escapeHtml(parent.name), code: code ?? "-" }),
          rows: [[{ value: "yes", label: ctx.t("btn-save") }]],
          back: true,
        });
        if (confirm === BACK) {
          step = 2;
          continue;
        }
        const saved = await call(conversation, ({ person }) => services.units.createUnit(person, { parentId, name, kind, code }));
        if (!saved.ok) {
          await ctx.reply(ctx.t(`errors-${saved.code}`, saved.params));
          if (saved.code === "duplicate_code" || saved.code === "bad_code") {
            step = 2;
            continue;
          }
          return;
        }
        await ctx.reply(ctx.t("unit-created", { name: escapeHtml(saved.value.name) }), { parse_mode: "HTML" });
        return showResult(conversation, saved.value.id);
      }
    }
  };
}

function renameFlow(services: Services) {
  return async function (conversation: Flow, ctx: FlowContext, unitId: number): Promise<void> {
    const unit = await startOn(conversation, ctx, services, unitId, "unit.rename");
    if (!unit) return;
    for (;;) {
      const name = await askText(conversation, ctx, { text: ctx.t("unit-rename-ask", { name: escapeHtml(unit.name) }), validate: nameValidator(ctx) });
      if (name === BACK || isExtra(name)) continue;
      const confirm = await askChoice(conversation, ctx, {
        text: ctx.t("unit-rename-confirm", { old: escapeHtml(unit.name), name: escapeHtml(name) }),
        rows: [[{ value: "yes", label: ctx.t("btn-save") }]],
        back: true,
      });
      if (confirm === BACK) continue;
      const saved = await call(conversation, ({ person }) => services.units.renameUnit(person, unitId, name));
      if (!saved.ok) {
        await ctx.reply(ctx.t(`errors-${saved.code}`, saved.params));
        return;
      }
      await ctx.reply(ctx.t("unit-renamed", { name: escapeHtml(saved.value.name) }), { parse_mode: "HTML" });
      return showResult(conversation, unitId);
    }
  };
}

/** Search → pick → confirm → save, shared by move (new parent) and merge (target). */
function pickTargetFlow(services: Services, kind: "move" | "merge") {
  const action: Action = kind === "move" ? "unit.move" : "unit.merge";
  return async function (conversation: Flow, ctx: FlowContext, unitId: number): Promise<void> {
    const unit = await startOn(conversation, ctx, services, unitId, action);
    if (!unit) return;
    for (;;) {
      const query = await askText(conversation, ctx, {
        text: ctx.t(`unit-${kind}-search`, { name: escapeHtml(unit.name) }),
        validate: (text) => (text.trim().length >= 2 ? { ok: true, value: text.trim() } : { ok: false, message: ctx.t("request-search-short") }),
      });
      if (query === BACK || isExtra(query)) continue;
      const found = await call(conversation, ({ person }) => services.units.searchUnitsWhere(person, query, "unit.create_child", 8));
      const targets = (found.ok ? found.value : []).filter((u) => u.id !== unitId && u.id !== unit.parentId);
      if (targets.length === 0) {
        await ctx.reply(ctx.t("unit-target-none", { query: escapeHtml(query) }), { parse_mode: "HTML" });
        continue;
      }
      const picked = await askChoice(conversation, ctx, {
        text: ctx.t("unit-target-pick"),
        rows: [...targets.map((u) => [{ value: String(u.id), label: shorten(`${unitLabel(u)} · ${kindLabel(ctx.t, u.kind)}`, 60) }]), [{ value: "again", label: ctx.t("btn-search-again") }]],
      });
      if (picked === BACK || picked === "again") continue;
      const target = targets.find((u) => String(u.id) === picked);
      if (!target) continue;
      const confirm = await askChoice(conversation, ctx, {
        text: ctx.t(`unit-${kind}-confirm`, { name: escapeHtml(unit.name), target: escapeHtml(target.name) }),
        rows: [[{ value: "yes", label: ctx.t("btn-save") }]],
        back: true,
      });
      if (confirm === BACK) continue;
      const saved = await call(conversation, ({ person }) =>
        kind === "move" ? services.units.moveUnit(person, unitId, target.id) : services.units.mergeUnit(person, unitId, target.id),
      );
      if (!saved.ok) {
        await ctx.reply(ctx.t(`errors-${saved.code}`, saved.params));
        return;
      }
      await ctx.reply(ctx.t(`unit-${kind}-done`, { name: escapeHtml(unit.name), target: escapeHtml(target.name) }), { parse_mode: "HTML" });
      return showResult(conversation, kind === "move" ? unitId : target.id);
    }
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += size) rows.push(items.slice(i, i + size));
  return rows;
}

export function unitFlows(services: Services) {
  return {
    [UNIT_CREATE]: createFlow(services),
    [UNIT_RENAME]: renameFlow(services),
    [UNIT_MOVE]: pickTargetFlow(services, "move"),
    [UNIT_MERGE]: pickTargetFlow(services, "merge"),
  };
}
