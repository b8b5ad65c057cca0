// Privacy of sponsorship cases (issue 4), role by role through the chat: the
// case owner and the coordinators of the case's unit or above (and the
// administrator) see the full case, and every full view by someone other
// than the owner is audited; other members of the unit see initials and the
// year of birth only; anyone outside the unit is told the case does not
// exist, with nothing of it in any message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseView } from "../../src/services/sponsorships.ts";
import { ADMIN_ID, type BotHarness, plain, startHarness, t } from "../helpers/bot.ts";
import type { TestChat } from "../helpers/telegram.ts";

const vi = (key: string, vars?: Record<string, string | number>) => t("vi", key, vars);

const OWNER = 801;
const OTHER_MEMBER = 802;
const REPORTER = 803;
const BRANCH_COORDINATOR = 804;
const COMMUNE_COORDINATOR = 805;
const OUTSIDE_MEMBER = 806;
const OUTSIDE_COORDINATOR = 807;
const NOBODY = 808;

const PUPIL = "Lò Thị Mai";
const SCHOOL = "Trường THCS Mãn Đức";
const NOTE = "Bố mẹ đi làm ăn xa";
const SPONSOR = "Bùi Văn Đức";
const BRANCH_NAME = "Chi hội xóm Đồi, xã Mãn Đức";

let h: BotHarness;
let theCase: CaseView;

beforeAll(async () => {
  h = await startHarness();
  h.env.clock.now = new Date("2026-10-01T03:00:00Z");
  await h.makeMember(OWNER, "HB-TL-MD-01", "MEMBER", "Bùi Thị Hoa");
  await h.makeMember(OTHER_MEMBER, "HB-TL-MD-01", "MEMBER", "Đinh Văn Sơn");
  await h.makeMember(REPORTER, "HB-TL-MD-01", "REPORTER", "Quách Thị Nga");
  await h.makeMember(BRANCH_COORDINATOR, "HB-TL-MD-01", "COORDINATOR", "Xa Văn Lực");
  await h.makeMember(COMMUNE_COORDINATOR, "HB-TL-MD", "COORDINATOR", "Trần Văn Nam");
  await h.makeMember(OUTSIDE_MEMBER, "HB-MC-CC-01", "MEMBER", "Lường Văn Piềng");
  await h.makeMember(OUTSIDE_COORDINATOR, "HB-MC-CC", "COORDINATOR", "Hà Thị Xuân");
  const kinds = await h.services.sponsorships.listSponsorKinds();
  theCase = await h.services.sponsorships.openCase(await h.person(OWNER), {
    unitId: (await h.unit("HB-TL-MD-01")).id, pupilName: PUPIL, birthYear: 2014, schoolName: SCHOOL, grade: 6,
    circumstances: ["POOR_HOUSEHOLD", "OTHER"], circumstanceNote: NOTE, sponsorKindId: kinds[0]!.id, sponsorName: SPONSOR,
    support: [{ kind: "MONEY", amount: 500_000 }], supportNote: null, startedOn: "2026-09-05", checkInMonths: 1, guardianConsent: true,
  });
});
afterAll(async () => {
  await h.close();
});

async function openCard(id: number, caseId = theCase.id): Promise<TestChat> {
  const chat = id === ADMIN_ID ? h.adminChat() : h.chat({ id });
  await chat.send("/menu"); // a message to press on
  await chat.pressData(`sc:${caseId}`);
  return chat;
}

function views(telegramId: number): Promise<number> {
  return h.prisma.auditLog.count({ where: { action: "sponsor.case.view", actorTelegramId: BigInt(telegramId), entityId: String(theCase.id) } });
}

function expectFull(text: string): void {
  expect(text).toContain(PUPIL);
  expect(text).toContain(SCHOOL);
  expect(text).toContain(vi("sponsor-circ-POOR_HOUSEHOLD"));
  expect(text).toContain(NOTE);
  expect(text).toContain(SPONSOR);
  expect(text).not.toContain(vi("sponsor-card-masked"));
}

function expectMasked(text: string): void {
  expect(theCase.initials).toBe("L.T.M.");
  expect(text).toContain("L.T.M. (2014)");
  expect(text).toContain(plain(vi("sponsor-card-grade", { grade: "6" })));
  expect(text).toContain(BRANCH_NAME);
  expect(text).toContain(vi("sponsor-status-ACTIVE"));
  expect(text).toContain(vi("sponsor-card-masked"));
  for (const secret of [PUPIL, SCHOOL, NOTE, SPONSOR, vi("sponsor-circ-POOR_HOUSEHOLD"), vi("sponsor-circ-OTHER")]) expect(text).not.toContain(secret);
}

function expectNothingOfTheCase(chat: TestChat): void {
  const all = chat.allText() + chat.callbackTexts().join("\n");
  for (const secret of [PUPIL, "L.T.M.", "2014", SCHOOL, NOTE, SPONSOR]) expect(all).not.toContain(secret);
}

describe("who sees what of a sponsorship case", () => {
  it("the owner sees the full case with every button, and is not audited", async () => {
    const chat = await openCard(OWNER);
    expectFull(plain(chat.lastText()!));
    expect(chat.buttons()).toEqual([
      vi("btn-sponsor-do-check-in"), vi("btn-sponsor-change-status"), vi("btn-sponsor-interval"), vi("btn-sponsor-history"),
      vi("btn-sponsor-delete"), vi("btn-sponsor-home"), vi("btn-menu"),
    ]);
    expect(await views(OWNER)).toBe(0);
  });

  it.each([
    ["another member of the branch", OTHER_MEMBER],
    ["a reporter of the branch", REPORTER],
  ])("%s sees initials and the year of birth only, and no audit row is written", async (_who, id) => {
    const chat = await openCard(id);
    expectMasked(plain(chat.lastText()!));
    expect(chat.buttons()).toEqual([vi("btn-sponsor-home"), vi("btn-menu")]);
    expect(await views(id)).toBe(0);
    // The history is a full view: refused.
    await chat.pressData(`sh:${theCase.id}`);
    expect(chat.lastText()).toBe(vi("errors-forbidden"));
    expect(chat.allText()).not.toContain(PUPIL);
  });

  it.each([
    ["the branch's coordinator", BRANCH_COORDINATOR],
    ["the commune's coordinator", COMMUNE_COORDINATOR],
    ["the administrator", ADMIN_ID],
  ])("%s sees the full case; each view is audited with their id", async (_who, id) => {
    const chat = await openCard(id);
    const text = plain(chat.lastText()!);
    expectFull(text);
    expect(text).toContain(plain(vi("sponsor-card-owner", { name: "Bùi Thị Hoa" })));
    expect(chat.buttons()).toContain(vi("btn-sponsor-do-check-in"));
    expect(await views(id)).toBe(1);
    await chat.pressData(`sc:${theCase.id}`);
    expect(await views(id)).toBe(2);
  });

  it.each([
    ["a member of another commune", OUTSIDE_MEMBER],
    ["a coordinator of another commune", OUTSIDE_COORDINATOR],
    ["someone with no role", NOBODY],
  ])("%s is told the case is not found, with nothing of it in any message", async (_who, id) => {
    const chat = await openCard(id);
    expect(chat.lastText()).toBe(vi("errors-case_not_found"));
    expectNothingOfTheCase(chat);
    for (const data of [`sh:${theCase.id}`, `sx:${theCase.id}`, `sy:${theCase.id}`, `sj:${theCase.id}:3`]) {
      await chat.pressData(data);
      expect(chat.allText()).not.toContain(vi("errors-internal"));
      expectNothingOfTheCase(chat);
    }
    expect(await views(id)).toBe(0);
    const row = await h.prisma.sponsorshipCase.findUniqueOrThrow({ where: { id: theCase.id } });
    expect(row).toMatchObject({ pupilName: PUPIL, anonymisedAt: null, checkInMonths: 1 }); // nothing changed
  });

  it("a coordinator's list shows initials, not names; opening a case from it is audited", async () => {
    const chat = h.chat({ id: COMMUNE_COORDINATOR });
    await chat.send("/menu");
    const before = await views(COMMUNE_COORDINATOR);
    await chat.pressData(`sl:${(await h.unit("HB-TL-MD")).id}`);
    const text = plain(chat.lastText()!);
    expect(text).toContain(
      plain(vi("sponsor-list-line", { n: "1", pupil: "L.T.M. (2014)", grade: "6", unit: BRANCH_NAME, status: vi("sponsor-status-ACTIVE") })),
    );
    expect(text).not.toContain(PUPIL);
    expect(text).not.toContain(SCHOOL);
    expect(await views(COMMUNE_COORDINATOR)).toBe(before); // a list is not a full view
    await chat.press(`sc:${theCase.id}`);
    expect(await views(COMMUNE_COORDINATOR)).toBe(before + 1);
  });

  it("another commune's coordinator cannot list or count the branch's cases", async () => {
    const chat = h.chat({ id: OUTSIDE_COORDINATOR });
    await chat.send("/menu");
    const branchId = (await h.unit("HB-TL-MD-01")).id;
    for (const data of [`sl:${branchId}`, `sd:${branchId}`, `sv:${branchId}:2026`]) {
      await chat.pressData(data);
      expect(chat.lastText()).toBe(vi("errors-forbidden"));
      expectNothingOfTheCase(chat);
    }
  });

  it("a forged or stale case id is answered politely", async () => {
    const chat = h.chat({ id: OWNER });
    await chat.send("/menu");
    await chat.pressData("sc:999999");
    expect(chat.texts()).toEqual([vi("errors-case_not_found")]);
    expect(chat.buttons()).toEqual([vi("btn-sponsor-home"), vi("btn-menu")]);
    await chat.pressData("sh:999999");
    expect(chat.lastText()).toBe(vi("errors-case_not_found"));
    await chat.pressData("sj:999999:2");
    expect(chat.lastText()).toBe(vi("errors-case_not_found"));
    await chat.pressData(`sj:${theCase.id}:5`); // not an interval the buttons offer
    expect(chat.lastText()).toBe(vi("errors-bad_input"));
    expect(chat.answeredCallbacks().every((a) => a.ok)).toBe(true);
  });
});
