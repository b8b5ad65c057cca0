// Buttons nobody should be able to press: forged callback data, stale buttons
// from a finished flow, a member pressing coordinator buttons, a coordinator
// reaching outside their subtree. Every press is answered (no endless
// spinner), the person reads why, and nothing changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestChat } from "../helpers/telegram.ts";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";

let h: BotHarness;
let member: TestChat;
let coordinator: TestChat;
let requestId: number;
let tanLac: number;
let lacSon: number;
let lacSonMembership: number;
beforeAll(async () => {
  h = await startHarness();
  tanLac = (await h.unit("HB-TL")).id;
  lacSon = (await h.unit("HB-LS")).id;
  member = h.chat({ id: 301 });
  await h.makeMember(301, "HB-TL", "MEMBER", "Hội Viên Thường");
  coordinator = h.chat({ id: 302 });
  await h.makeMember(302, "HB-TL", "COORDINATOR", "Điều Phối Tân Lạc");
  lacSonMembership = (await h.makeMember(303, "HB-LS", "MEMBER", "Hội Viên Lạc Sơn")).id;
  const created = await h.services.joinRequests.createJoinRequest({ telegramId: 304, fullName: "Người Xin Vào", phone: null, language: "vi", unitId: tanLac });
  requestId = created.request.id;
  await member.send("/menu");
  await coordinator.send("/menu");
});
afterAll(async () => {
  await h.close();
});

/** Everything the person could read after a press: toasts, alerts and messages. */
function seen(chat: TestChat): string[] {
  return [...chat.callbackTexts(), ...chat.texts()];
}

async function snapshot() {
  const [units, memberships, invites, requests, audit] = await Promise.all([
    h.prisma.unit.findMany({ orderBy: { id: "asc" } }),
    h.prisma.membership.findMany({ orderBy: { id: "asc" } }),
    h.prisma.invite.findMany({ orderBy: { id: "asc" } }),
    h.prisma.joinRequest.findMany({ orderBy: { id: "asc" } }),
    h.prisma.auditLog.count(),
  ]);
  return { units, memberships, invites, requests, audit };
}

describe("forged callback data", () => {
  for (const data of ["u:999999", "mr:1:ADMIN", "zzz", "ja:abc", "f:__cancel__", "lang:fr", "ul:1:99999", ""]) {
    it(`"${data}" is answered, never crashes, changes nothing`, async () => {
      const before = await snapshot();
      await member.pressData(data);
      expect(member.answeredCallbacks().filter((a) => a.ok)).toHaveLength(1);
      expect(seen(member)).not.toContain(t("vi", "errors-internal"));
      expect(await snapshot()).toEqual(before);
    });
  }

  it("a unit that does not exist is said so", async () => {
    await coordinator.pressData("u:999999");
    expect(seen(coordinator)).toContain(t("vi", "errors-unit_not_found"));
  });
});

describe("a member pressing coordinator buttons", () => {
  const presses = (): [string, string][] => [
    [`ua:${tanLac}`, "create a unit"],
    [`ur:${tanLac}`, "rename"],
    [`uv:${tanLac}`, "move"],
    [`ug:${tanLac}`, "merge"],
    [`ul:${tanLac}:0`, "list members"],
    [`ui:${tanLac}`, "list invites"],
    [`ia:${tanLac}`, "create an invite"],
    [`ja:${requestId}`, "approve a request"],
    [`jx:${requestId}`, "reject a request"],
    [`mr:${lacSonMembership}:COORDINATOR`, "change a role"],
    [`mx:${lacSonMembership}`, "remove a member"],
    [`mxy:${lacSonMembership}`, "confirm a removal"],
  ];
  it.each(Array.from({ length: 12 }, (_, i) => i))("press %#: told they may not, nothing changes", async (i) => {
    const [data, what] = presses()[i]!;
    const before = await snapshot();
    await member.pressData(data);
    expect(member.answeredCallbacks().filter((a) => a.ok), what).toHaveLength(1);
    expect(seen(member), what).toContain(t("vi", "errors-forbidden"));
    expect(await snapshot(), what).toEqual(before);
  });

  it("coordinator commands /import, /units and /requests are refused with a clear word", async () => {
    await member.send("/import");
    expect(member.texts()).toEqual([t("vi", "errors-forbidden")]);
    await member.send("/units");
    expect(member.texts()).toEqual([t("vi", "errors-forbidden-coordinators")]);
    await member.send("/requests");
    expect(member.texts()).toEqual([t("vi", "errors-forbidden-coordinators")]);
  });
});

describe("a coordinator outside their subtree", () => {
  it.each(["ur", "ua", "ui", "ia", "uv", "ug"])("%s:<Lạc Sơn> is refused", async (prefix) => {
    const before = await snapshot();
    await coordinator.pressData(`${prefix}:${lacSon}`);
    expect(coordinator.answeredCallbacks().filter((a) => a.ok)).toHaveLength(1);
    expect(seen(coordinator)).toContain(t("vi", "errors-forbidden"));
    await coordinator.send("Huyện Lạc Sơn Mới");
    expect(coordinator.lastText()).toBe(t("vi", "unknown-message")); // no rename flow was started
    expect(await snapshot()).toEqual(before);
  });

  it("members and roles outside the subtree are refused too", async () => {
    for (const data of [`ul:${lacSon}:0`, `mb:${lacSonMembership}`, `mr:${lacSonMembership}:REPORTER`, `mxy:${lacSonMembership}`]) {
      const before = await snapshot();
      await coordinator.pressData(data);
      expect(seen(coordinator), data).toContain(t("vi", "errors-forbidden"));
      expect(await snapshot(), data).toEqual(before);
    }
  });

  it("inside the subtree the same buttons work", async () => {
    await coordinator.pressData(`u:${tanLac}`);
    expect(coordinator.buttons()).toContain(t("vi", "btn-unit-rename"));
    expect(coordinator.buttons()).not.toContain(t("vi", "btn-unit-move")); // moving needs authority above the unit
  });
});

describe("stale buttons", () => {
  it("a button of a finished flow is answered as outdated", async () => {
    const invite = await h.invite("HB-TL-MD");
    const chat = h.chat();
    await chat.send(`/start ${invite.code}`);
    await chat.send("Lò Văn Xuân");
    await chat.send(t("vi", "btn-skip"));
    const confirm = chat.lastInline()!;
    await chat.press(t("vi", "btn-confirm-join"));
    const before = await snapshot();
    for (const data of ["f:yes", "f:__back__", "f:__cancel__", "f:__done__"]) {
      await chat.pressData(data, { messageId: confirm.message_id });
      expect(chat.answeredCallbacks(), data).toMatchObject([{ text: t("vi", "stale-button"), ok: true }]);
    }
    expect(await snapshot()).toEqual(before);
  });
});
