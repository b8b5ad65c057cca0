import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  actionsAnywhere,
  assignableRoles,
  can,
  effectiveRole,
  type Action,
  type Actor,
  type Role,
  type UnitRef,
} from "../../src/domain/permissions.ts";

// The tree used throughout:
//   /1/            province
//   /1/2/          district      ← "ancestor"
//   /1/2/3/        commune       ← the target unit
//   /1/2/3/4/      branch under the target
//   /1/7/          other district ← "sibling" (an unrelated subtree)
const TARGET: UnitRef = { id: 3, path: "/1/2/3/" };
const POSITIONS = {
  self: { unitId: 3, unitPath: "/1/2/3/" },
  ancestor: { unitId: 2, unitPath: "/1/2/" },
  sibling: { unitId: 7, unitPath: "/1/7/" },
} as const;
type Position = keyof typeof POSITIONS;

type Holder = "none" | Role | "isAdmin";

function actorFor(holder: Holder, position: Position): Actor {
  if (holder === "none") return { isAdmin: false, roles: [] };
  if (holder === "isAdmin") return { isAdmin: true, roles: [] };
  return { isAdmin: false, roles: [{ ...POSITIONS[position], role: holder }] };
}

// Expected answers, written out by hand: one letter per position, in the order
// self / ancestor / sibling. Y = allowed, n = refused.
const EXPECTED: Record<Holder, Record<Action, string>> = {
  none: {
    "unit.view": "nnn", "unit.report": "nnn", "unit.create_child": "nnn", "unit.rename": "nnn",
    "unit.move": "nnn", "unit.merge": "nnn", "invite.manage": "nnn", "member.list": "nnn",
    "member.manage": "nnn", "join_request.decide": "nnn", "units.import": "nnn",
    "piggy.view": "nnn", "piggy.report": "nnn", "piggy.review": "nnn",
    "sponsor.open": "nnn", "sponsor.view_full": "nnn", "sponsor.kinds": "nnn",
    "learning.register": "nnn", "learning.review": "nnn", "learning.recognise": "nnn", "criteria.manage": "nnn",
    "report.submit": "nnn", "report.view": "nnn", "report.reopen": "nnn", "deadlines.manage": "nnn", "broadcast.send": "nnn",
  },
  MEMBER: {
    "unit.view": "YYn", "unit.report": "nnn", "unit.create_child": "nnn", "unit.rename": "nnn",
    "unit.move": "nnn", "unit.merge": "nnn", "invite.manage": "nnn", "member.list": "nnn",
    "member.manage": "nnn", "join_request.decide": "nnn", "units.import": "nnn",
    "piggy.view": "YYn", "piggy.report": "nnn", "piggy.review": "nnn",
    "sponsor.open": "YYn", "sponsor.view_full": "nnn", "sponsor.kinds": "nnn",
    "learning.register": "YYn", "learning.review": "nnn", "learning.recognise": "nnn", "criteria.manage": "nnn",
    "report.submit": "nnn", "report.view": "nnn", "report.reopen": "nnn", "deadlines.manage": "nnn", "broadcast.send": "nnn",
  },
  REPORTER: {
    "unit.view": "YYn", "unit.report": "YYn", "unit.create_child": "nnn", "unit.rename": "nnn",
    "unit.move": "nnn", "unit.merge": "nnn", "invite.manage": "nnn", "member.list": "nnn",
    "member.manage": "nnn", "join_request.decide": "nnn", "units.import": "nnn",
    "piggy.view": "YYn", "piggy.report": "YYn", "piggy.review": "nnn",
    "sponsor.open": "YYn", "sponsor.view_full": "nnn", "sponsor.kinds": "nnn",
    "learning.register": "YYn", "learning.review": "YYn", "learning.recognise": "nnn", "criteria.manage": "nnn",
    "report.submit": "YYn", "report.view": "nnn", "report.reopen": "nnn", "deadlines.manage": "nnn", "broadcast.send": "nnn",
  },
  COORDINATOR: {
    "unit.view": "YYn", "unit.report": "YYn", "unit.create_child": "YYn", "unit.rename": "YYn",
    "unit.move": "nYn", "unit.merge": "nYn", "invite.manage": "YYn", "member.list": "YYn",
    "member.manage": "YYn", "join_request.decide": "YYn", "units.import": "nnn",
    "piggy.view": "YYn", "piggy.report": "YYn", "piggy.review": "YYn",
    "sponsor.open": "YYn", "sponsor.view_full": "YYn", "sponsor.kinds": "nnn",
    "learning.register": "YYn", "learning.review": "YYn", "learning.recognise": "nYn", "criteria.manage": "nnn",
    "report.submit": "YYn", "report.view": "YYn", "report.reopen": "YYn", "deadlines.manage": "nnn", "broadcast.send": "YYn",
  },
  // Holding the ADMIN role anywhere makes a person an administrator everywhere.
  ADMIN: {
    "unit.view": "YYY", "unit.report": "YYY", "unit.create_child": "YYY", "unit.rename": "YYY",
    "unit.move": "YYY", "unit.merge": "YYY", "invite.manage": "YYY", "member.list": "YYY",
    "member.manage": "YYY", "join_request.decide": "YYY", "units.import": "YYY",
    "piggy.view": "YYY", "piggy.report": "YYY", "piggy.review": "YYY",
    "sponsor.open": "YYY", "sponsor.view_full": "YYY", "sponsor.kinds": "YYY",
    "learning.register": "YYY", "learning.review": "YYY", "learning.recognise": "YYY", "criteria.manage": "YYY",
    "report.submit": "YYY", "report.view": "YYY", "report.reopen": "YYY", "deadlines.manage": "YYY", "broadcast.send": "YYY",
  },
  isAdmin: {
    "unit.view": "YYY", "unit.report": "YYY", "unit.create_child": "YYY", "unit.rename": "YYY",
    "unit.move": "YYY", "unit.merge": "YYY", "invite.manage": "YYY", "member.list": "YYY",
    "member.manage": "YYY", "join_request.decide": "YYY", "units.import": "YYY",
    "piggy.view": "YYY", "piggy.report": "YYY", "piggy.review": "YYY",
    "sponsor.open": "YYY", "sponsor.view_full": "YYY", "sponsor.kinds": "YYY",
    "learning.register": "YYY", "learning.review": "YYY", "learning.recognise": "YYY", "criteria.manage": "YYY",
    "report.submit": "YYY", "report.view": "YYY", "report.reopen": "YYY", "deadlines.manage": "YYY", "broadcast.send": "YYY",
  },
};

const POSITION_ORDER: Position[] = ["self", "ancestor", "sibling"];
const CASES = (Object.keys(EXPECTED) as Holder[]).flatMap((holder) =>
  ACTIONS.flatMap((action) =>
    POSITION_ORDER.map((position, i) => ({ holder, action, position, expected: EXPECTED[holder][action][i] === "Y" })),
  ),
);

describe("can(): every role × action × position", () => {
  it("the table covers every action for every holder", () => {
    for (const holder of Object.keys(EXPECTED) as Holder[]) {
      expect(Object.keys(EXPECTED[holder]).sort()).toEqual([...ACTIONS].sort());
    }
    expect(CASES).toHaveLength(6 * ACTIONS.length * 3);
  });

  it.each(CASES)("$holder in $position: $action → $expected", ({ holder, action, position, expected }) => {
    expect(can(actorFor(holder, position), action, TARGET)).toBe(expected);
  });
});

describe("can(): edge cases", () => {
  it("does not mistake a path prefix of digits for an ancestor (/1/2/ is not above /1/23/)", () => {
    const actor: Actor = { isAdmin: false, roles: [{ unitId: 2, unitPath: "/1/2/", role: "COORDINATOR" }] };
    expect(can(actor, "unit.view", { id: 23, path: "/1/23/" })).toBe(false);
    expect(can(actor, "unit.view", { id: 23, path: "/1/2/23/" })).toBe(true);
  });

  it("takes the strongest of several roles over the unit", () => {
    const actor: Actor = {
      isAdmin: false,
      roles: [
        { unitId: 3, unitPath: "/1/2/3/", role: "MEMBER" },
        { unitId: 2, unitPath: "/1/2/", role: "COORDINATOR" },
      ],
    };
    expect(can(actor, "member.manage", TARGET)).toBe(true);
    expect(can(actor, "unit.move", TARGET)).toBe(true);
  });

  it("a coordinator of the unit itself may move its children but not the unit", () => {
    const actor = actorFor("COORDINATOR", "self");
    expect(can(actor, "unit.move", TARGET)).toBe(false);
    expect(can(actor, "unit.move", { id: 4, path: "/1/2/3/4/" })).toBe(true);
    expect(can(actor, "unit.merge", { id: 4, path: "/1/2/3/4/" })).toBe(true);
  });

  it("without a unit only administrators may act", () => {
    expect(can(actorFor("COORDINATOR", "self"), "unit.view", null)).toBe(false);
    expect(can(actorFor("isAdmin", "self"), "unit.create_child", null)).toBe(true);
  });

  it("sponsor kinds are the administrators' alone, with or without a unit", () => {
    expect(can(actorFor("COORDINATOR", "ancestor"), "sponsor.kinds", null)).toBe(false);
    expect(can(actorFor("COORDINATOR", "ancestor"), "sponsor.kinds", TARGET)).toBe(false);
    expect(can(actorFor("isAdmin", "self"), "sponsor.kinds", null)).toBe(true);
    expect(can(actorFor("ADMIN", "sibling"), "sponsor.kinds", null)).toBe(true);
  });

  it("criteria sets are the administrators' alone, with or without a unit", () => {
    expect(can(actorFor("COORDINATOR", "ancestor"), "criteria.manage", null)).toBe(false);
    expect(can(actorFor("COORDINATOR", "self"), "criteria.manage", TARGET)).toBe(false);
    expect(can(actorFor("isAdmin", "self"), "criteria.manage", null)).toBe(true);
    expect(can(actorFor("ADMIN", "sibling"), "criteria.manage", null)).toBe(true);
  });

  it("a member registers in their own unit and below, never in another subtree; reviewing needs a reporter, recognising a coordinator", () => {
    expect(can(actorFor("MEMBER", "self"), "learning.register", { id: 4, path: "/1/2/3/4/" })).toBe(true);
    expect(can(actorFor("MEMBER", "sibling"), "learning.register", TARGET)).toBe(false);
    expect(can(actorFor("MEMBER", "self"), "learning.review", TARGET)).toBe(false);
    expect(can(actorFor("REPORTER", "ancestor"), "learning.review", TARGET)).toBe(true);
    expect(can(actorFor("REPORTER", "ancestor"), "learning.recognise", TARGET)).toBe(false);
    expect(can(actorFor("COORDINATOR", "ancestor"), "learning.recognise", TARGET)).toBe(true);
  });

  it("a coordinator of a branch below the unit neither opens nor sees the unit's cases, only the branch's", () => {
    const actor: Actor = { isAdmin: false, roles: [{ unitId: 4, unitPath: "/1/2/3/4/", role: "COORDINATOR" }] };
    expect(can(actor, "sponsor.open", TARGET)).toBe(false);
    expect(can(actor, "sponsor.view_full", TARGET)).toBe(false);
    expect(can(actor, "sponsor.view_full", { id: 4, path: "/1/2/3/4/" })).toBe(true);
  });
});

describe("effectiveRole", () => {
  it("is null without a role over the unit", () => {
    expect(effectiveRole(actorFor("none", "self"), TARGET)).toBeNull();
    expect(effectiveRole(actorFor("COORDINATOR", "sibling"), TARGET)).toBeNull();
  });

  it("is the role held in the unit or above it", () => {
    expect(effectiveRole(actorFor("REPORTER", "self"), TARGET)).toBe("REPORTER");
    expect(effectiveRole(actorFor("MEMBER", "ancestor"), TARGET)).toBe("MEMBER");
  });

  it("ignores the unit's own role when strictly above is asked for", () => {
    expect(effectiveRole(actorFor("COORDINATOR", "self"), TARGET, true)).toBeNull();
    expect(effectiveRole(actorFor("COORDINATOR", "ancestor"), TARGET, true)).toBe("COORDINATOR");
  });

  it("is ADMIN for administrators wherever they hold it, and for ADMIN_TELEGRAM_IDS", () => {
    expect(effectiveRole(actorFor("ADMIN", "sibling"), TARGET)).toBe("ADMIN");
    expect(effectiveRole(actorFor("isAdmin", "self"), TARGET, true)).toBe("ADMIN");
  });
});

describe("assignableRoles", () => {
  it("administrators may hand out every role, ADMIN included", () => {
    expect(assignableRoles(actorFor("isAdmin", "self"), TARGET)).toEqual(["MEMBER", "REPORTER", "COORDINATOR", "ADMIN"]);
    expect(assignableRoles(actorFor("ADMIN", "sibling"), TARGET)).toEqual(["MEMBER", "REPORTER", "COORDINATOR", "ADMIN"]);
  });

  it("coordinators over the unit may hand out everything but ADMIN", () => {
    expect(assignableRoles(actorFor("COORDINATOR", "self"), TARGET)).toEqual(["MEMBER", "REPORTER", "COORDINATOR"]);
    expect(assignableRoles(actorFor("COORDINATOR", "ancestor"), TARGET)).toEqual(["MEMBER", "REPORTER", "COORDINATOR"]);
  });

  it("nobody else may hand out anything", () => {
    expect(assignableRoles(actorFor("COORDINATOR", "sibling"), TARGET)).toEqual([]);
    expect(assignableRoles(actorFor("REPORTER", "self"), TARGET)).toEqual([]);
    expect(assignableRoles(actorFor("MEMBER", "ancestor"), TARGET)).toEqual([]);
    expect(assignableRoles(actorFor("none", "self"), TARGET)).toEqual([]);
  });
});

describe("actionsAnywhere", () => {
  const sorted = (s: Set<Action>) => [...s].sort();

  it("is empty for someone with no role", () => {
    expect(sorted(actionsAnywhere(actorFor("none", "self")))).toEqual([]);
  });

  it("a member may view (units and piggy-bank figures), open sponsorship cases and register a learning family", () => {
    expect(sorted(actionsAnywhere(actorFor("MEMBER", "self")))).toEqual(["learning.register", "piggy.view", "sponsor.open", "unit.view"]);
  });

  it("a reporter may view, report (figures and unit reports), open sponsorship cases, register and review learning evaluations", () => {
    expect(sorted(actionsAnywhere(actorFor("REPORTER", "self")))).toEqual([
      "learning.register", "learning.review", "piggy.report", "piggy.view", "report.submit", "sponsor.open", "unit.report", "unit.view",
    ]);
  });

  it("a coordinator gets move and merge (for units under them), full sponsorship cases, recognition, the subtree's reports, broadcasts, but not import, sponsor kinds, criteria or deadlines", () => {
    expect(sorted(actionsAnywhere(actorFor("COORDINATOR", "self")))).toEqual([
      "broadcast.send", "invite.manage", "join_request.decide", "learning.recognise", "learning.register", "learning.review",
      "member.list", "member.manage", "piggy.report", "piggy.review", "piggy.view", "report.reopen", "report.submit", "report.view",
      "sponsor.open", "sponsor.view_full", "unit.create_child", "unit.merge", "unit.move", "unit.rename", "unit.report", "unit.view",
    ]);
  });

  it("administrators get every action, import included", () => {
    expect(sorted(actionsAnywhere(actorFor("isAdmin", "self")))).toEqual([...ACTIONS].sort());
    expect(sorted(actionsAnywhere(actorFor("ADMIN", "sibling")))).toEqual([...ACTIONS].sort());
  });
});
