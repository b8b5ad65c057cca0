// People for the service tests: someone who joined a unit with a role through
// an invite from the administrator, as people do, under a fresh telegram id.
import type { Role } from "../../src/domain/permissions.ts";
import type { Person } from "../../src/services/access.ts";
import type { TestEnv } from "./db.ts";

/** "Aa", "Ab", … : person names may not hold digits. */
export function letters(n: number): string {
  let out = "";
  for (let i = n; out.length < 3; i = Math.floor(i / 26)) out = String.fromCharCode(97 + (i % 26)) + out;
  return out[0]!.toUpperCase() + out.slice(1);
}

export interface PeopleMaker {
  /** A telegram id nobody has used yet (the same sequence the people made here take theirs from). */
  freshTelegramId: () => number;
  /** Someone new who joined `unitId` with `role` through an invite; their telegram id. */
  joinWith: (role: Role, unitId: number, language?: "vi" | "en") => Promise<number>;
  /** Someone new who joined `unitId` with `role` through an invite, named "Người Xyz". */
  personWith: (role: Role, unitId: number, language?: "vi" | "en") => Promise<Person>;
}

/**
 * Makes people with telegram ids `firstTelegramId`, `firstTelegramId + 1`, …
 * `env` and `admin` are read when a person is made (they are set in beforeAll).
 */
export function peopleMaker(env: () => TestEnv, admin: () => Person, firstTelegramId: number): PeopleMaker {
  let nextTelegramId = firstTelegramId;
  const freshTelegramId = () => nextTelegramId++;
  const joinWith = async (role: Role, unitId: number, language: "vi" | "en" = "vi"): Promise<number> => {
    const telegramId = freshTelegramId();
    const invite = await env().services.invites.createInvite(admin(), { unitId, role, maxUses: 1, expiresAt: null });
    await env().services.invites.acceptInvite(invite.code, { telegramId, fullName: `Người ${letters(telegramId)}`, phone: null, language });
    return telegramId;
  };
  const personWith = async (role: Role, unitId: number, language: "vi" | "en" = "vi"): Promise<Person> =>
    env().services.access.loadPerson(await joinWith(role, unitId, language));
  return { freshTelegramId, joinWith, personWith };
}
