// Who may do what where: the one place that decides. Services call `can`
// with the actor's memberships and the unit concerned; the bot's buttons only
// mirror these answers. A role held in a unit applies to that unit and
// everything under it (units carry a materialised path "/1/5/23/").

export const ROLES = ["MEMBER", "REPORTER", "COORDINATOR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { MEMBER: 1, REPORTER: 2, COORDINATOR: 3, ADMIN: 4 };

export const ACTIONS = [
  "unit.view", // see a unit, its members' count and its figures
  "unit.report", // submit figures for a unit
  "unit.create_child", // create a unit under this one
  "unit.rename",
  "unit.move", // re-parent this unit (authority above it is needed)
  "unit.merge", // mark this unit merged into another (authority above it)
  "invite.manage", // create, list and revoke invites for this unit
  "member.list",
  "member.manage", // change a member's role, remove a member
  "join_request.decide",
  "units.import", // replace or extend the tree from a CSV file
  "piggy.view", // see a unit's piggy-bank drives, openings and totals
  "piggy.report", // start a drive, record and correct openings
  "piggy.review", // approve an opening or send it back; allow a second drive in a year
  "sponsor.open", // open a sponsorship case for a pupil of this unit; see its cases (initials only)
  "sponsor.view_full", // see every case of this unit in full (name, circumstances); follow any of them
  "sponsor.kinds", // edit the list of sponsor kinds
  "learning.register", // register a family (own, or for others from REPORTER up), clan, community or unit for a year
  "learning.review", // approve, return or reject submitted self-evaluations of this unit
  "learning.recognise", // recognise approved evaluations for the year (cong nhan): the level above the unit (the commune for a branch's families)
  "criteria.manage", // load criteria sets and choose the one in force per model and year
  "report.submit", // fill in and submit this unit's half-year / year report
  "report.view", // see the reports of this unit's subtree, who has submitted, and their sum
  "report.reopen", // reopen a submitted report of this unit's subtree for correction
  "deadlines.manage", // edit the deadlines calendar
  "broadcast.send", // send an announcement to this unit's subtree
] as const;
export type Action = (typeof ACTIONS)[number];

export interface ScopedRole {
  unitId: number;
  /** path of the unit the role is held in */
  unitPath: string;
  role: Role;
}

export interface Actor {
  /** listed in ADMIN_TELEGRAM_IDS, or holds the ADMIN role somewhere */
  isAdmin: boolean;
  roles: ScopedRole[];
}

export interface UnitRef {
  id: number;
  path: string;
}

type Rule =
  | { kind: "admin" }
  | { kind: "role"; min: Role; strictlyAbove?: boolean };

const RULES: Record<Action, Rule> = {
  "unit.view": { kind: "role", min: "MEMBER" },
  "unit.report": { kind: "role", min: "REPORTER" },
  "unit.create_child": { kind: "role", min: "COORDINATOR" },
  "unit.rename": { kind: "role", min: "COORDINATOR" },
  "unit.move": { kind: "role", min: "COORDINATOR", strictlyAbove: true },
  "unit.merge": { kind: "role", min: "COORDINATOR", strictlyAbove: true },
  "invite.manage": { kind: "role", min: "COORDINATOR" },
  "member.list": { kind: "role", min: "COORDINATOR" },
  "member.manage": { kind: "role", min: "COORDINATOR" },
  "join_request.decide": { kind: "role", min: "COORDINATOR" },
  "units.import": { kind: "admin" },
  "piggy.view": { kind: "role", min: "MEMBER" },
  "piggy.report": { kind: "role", min: "REPORTER" },
  "piggy.review": { kind: "role", min: "COORDINATOR" },
  "sponsor.open": { kind: "role", min: "MEMBER" },
  "sponsor.view_full": { kind: "role", min: "COORDINATOR" },
  "sponsor.kinds": { kind: "admin" },
  "learning.register": { kind: "role", min: "MEMBER" },
  "learning.review": { kind: "role", min: "REPORTER" },
  "learning.recognise": { kind: "role", min: "COORDINATOR", strictlyAbove: true },
  "criteria.manage": { kind: "admin" },
  "report.submit": { kind: "role", min: "REPORTER" },
  "report.view": { kind: "role", min: "COORDINATOR" },
  "report.reopen": { kind: "role", min: "COORDINATOR" },
  "deadlines.manage": { kind: "admin" },
  "broadcast.send": { kind: "role", min: "COORDINATOR" },
};

export function isAdmin(actor: Actor): boolean {
  return actor.isAdmin || actor.roles.some((r) => r.role === "ADMIN");
}

/** The strongest role the actor holds over `unit` (in it or above it). */
export function effectiveRole(actor: Actor, unit: UnitRef, strictlyAbove = false): Role | null {
  if (isAdmin(actor)) return "ADMIN";
  let best: Role | null = null;
  for (const r of actor.roles) {
    if (!unit.path.startsWith(r.unitPath)) continue;
    if (strictlyAbove && r.unitId === unit.id) continue;
    if (best === null || RANK[r.role] > RANK[best]) best = r.role;
  }
  return best;
}

export function can(actor: Actor, action: Action, unit: UnitRef | null): boolean {
  const rule = RULES[action];
  if (isAdmin(actor)) return true;
  if (rule.kind === "admin" || unit === null) return false;
  const role = effectiveRole(actor, unit, rule.strictlyAbove ?? false);
  return role !== null && RANK[role] >= RANK[rule.min];
}

/** Roles the actor may hand out in `unit` (invites, role changes). */
export function assignableRoles(actor: Actor, unit: UnitRef): Role[] {
  if (isAdmin(actor)) return [...ROLES];
  return can(actor, "member.manage", unit) ? ["MEMBER", "REPORTER", "COORDINATOR"] : [];
}

/** Actions the actor may take somewhere (for menus: which buttons to show). */
export function actionsAnywhere(actor: Actor): Set<Action> {
  const out = new Set<Action>();
  for (const action of ACTIONS) {
    if (isAdmin(actor) || actor.roles.some((r) => can(actor, action, { id: -1, path: `${r.unitPath}-1/` }) || can(actor, action, { id: r.unitId, path: r.unitPath }))) {
      out.add(action);
    }
  }
  return out;
}

export function roleRank(role: Role): number {
  return RANK[role];
}
