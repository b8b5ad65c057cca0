// Small helpers for what the bot shows: HTML escaping and labels built from
// locale keys (roles, unit kinds), so no user-facing text lives in code.
import type { Role } from "../domain/permissions.ts";
import type { UnitKind } from "../domain/unit-kinds.ts";

type T = (key: string, vars?: Record<string, string | number>) => string;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function roleLabel(t: T, role: Role): string {
  return t(`role-${role.toLowerCase()}`);
}

export function kindLabel(t: T, kind: UnitKind): string {
  return t(`kind-${kind.toLowerCase().replace(/_/g, "-")}`);
}

// "Branch 3 (Commune X)": the parent disambiguates common names.
export function unitLabel(unit: { name: string; parentName: string | null }): string {
  return unit.parentName ? `${unit.name} (${unit.parentName})` : unit.name;
}

export function inviteLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${code}`;
}

/** Telegram's limit for a button label is generous, but a small phone is not. */
export function shorten(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
