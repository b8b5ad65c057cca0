// All use cases, bound to their dependencies once. The bot reaches services
// only through this object (injected into the context), never through Prisma.
import * as access from "./access.ts";
import * as broadcasts from "./broadcasts.ts";
import * as exportsService from "./exports.ts";
import * as stats from "./stats.ts";
import * as criteria from "./criteria.ts";
import * as deadlines from "./deadlines.ts";
import type { ServiceDeps } from "./deps.ts";
import * as invites from "./invites.ts";
import * as joinRequests from "./join-requests.ts";
import * as learning from "./learning.ts";
import * as members from "./members.ts";
import * as outbox from "./outbox.ts";
import * as piggyBanks from "./piggy-banks.ts";
import * as reminders from "./reminders.ts";
import * as reports from "./reports.ts";
import * as sponsorships from "./sponsorships.ts";
import * as unitImport from "./unit-import.ts";
import * as units from "./units.ts";

type Bound<T> = {
  [K in keyof T as T[K] extends (deps: ServiceDeps, ...args: never[]) => unknown ? K : never]: T[K] extends (
    deps: ServiceDeps,
    ...args: infer A
  ) => infer R
    ? (...args: A) => R
    : never;
};

function bind<T extends object>(deps: ServiceDeps, module: T): Bound<T> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(module)) {
    if (typeof value === "function" && value.length >= 1) out[name] = (...args: unknown[]) => value(deps, ...args);
  }
  return out as Bound<T>;
}

export function createServices(deps: ServiceDeps) {
  return {
    deps,
    access: bind(deps, { loadPerson: access.loadPerson }),
    units: bind(deps, units),
    invites: bind(deps, invites),
    members: bind(deps, members),
    joinRequests: bind(deps, joinRequests),
    unitImport: bind(deps, unitImport),
    piggyBanks: bind(deps, piggyBanks),
    sponsorships: bind(deps, sponsorships),
    criteria: bind(deps, criteria),
    learning: bind(deps, learning),
    reminders: bind(deps, reminders),
    reports: bind(deps, reports),
    deadlines: bind(deps, deadlines),
    outbox: bind(deps, outbox),
    broadcasts: bind(deps, broadcasts),
    stats: bind(deps, stats),
    exports: bind(deps, exportsService),
  };
}

export type Services = ReturnType<typeof createServices>;
export type { Person } from "./access.ts";
export { ServiceError, isServiceError } from "./errors.ts";
