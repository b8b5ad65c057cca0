// Kinds of unit in the learning-promotion tree (DOMAIN.md, "Who").
export const UNIT_KINDS = [
  "PROVINCE",
  "DISTRICT", // abolished as an administrative level in mid-2025; kept for history
  "COMMUNE",
  "BRANCH", // Chi hội
  "SCHOOL_COMMITTEE", // Ban khuyến học of a school
  "AGENCY_COMMITTEE",
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Kinds that may sit directly under a unit of the given kind (a guide for menus, not a rule). */
export function suggestedChildKinds(parent: UnitKind | null): UnitKind[] {
  switch (parent) {
    case null:
      return ["PROVINCE"];
    case "PROVINCE":
      return ["COMMUNE", "DISTRICT", "AGENCY_COMMITTEE", "SCHOOL_COMMITTEE"];
    case "DISTRICT":
      return ["COMMUNE", "SCHOOL_COMMITTEE", "AGENCY_COMMITTEE"];
    case "COMMUNE":
      return ["BRANCH", "SCHOOL_COMMITTEE", "AGENCY_COMMITTEE"];
    default:
      return ["BRANCH"];
  }
}
