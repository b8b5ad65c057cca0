// How sponsorship cases read in the chat: the labels of statuses,
// circumstances, support and study levels, a sponsor kind's name in the
// person's language, and the pupil as the person may see them (full name, or
// initials and year of birth). Shared by the flows and the features.
import type { CaseStatus, Circumstance, SupportKind } from "../../domain/sponsorship.ts";
import type { SponsorKindView } from "../../services/sponsorships.ts";
import { escapeHtml } from "../format.ts";
import type { Locale, T } from "./piggy-text.ts";

export { count, day, money, type Locale, type T } from "./piggy-text.ts";

export function caseStatusLabel(t: T, status: CaseStatus): string {
  return t(`sponsor-status-${status}`);
}

export function circumstanceLabel(t: T, c: Circumstance): string {
  return t(`sponsor-circ-${c}`);
}

export function supportLabel(t: T, k: SupportKind): string {
  return t(`sponsor-support-${k}`);
}

/** 4 good … 1 weak. */
export function studiesLabel(t: T, level: number): string {
  return t(`sponsor-studies-${level}`);
}

export function sponsorKindName(kind: Pick<SponsorKindView, "nameVi" | "nameEn">, locale: Locale): string {
  return locale === "en" ? kind.nameEn : kind.nameVi;
}

/** "Nguyễn Thị Hương (2013)" for those entitled, "N.T.H. (2013)" for the others, escaped for HTML. */
export function pupilLabel(t: T, c: { pupilName: string | null; initials: string | null; birthYear: number | null; anonymised: boolean }): string {
  if (c.anonymised) return t("sponsor-pupil-anonymised");
  const who = escapeHtml(c.pupilName ?? c.initials ?? "—");
  return c.birthYear === null ? who : `${who} (${c.birthYear})`;
}
