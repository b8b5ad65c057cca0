// Registering learning models in the chat (issue 5), in Vietnamese and in
// English: a member registers their own family from the menu button (no
// question about the model or the unit, their own name offered as a button);
// the same family a second time, typed without accents or in capitals, is
// refused politely with its status and a button to it; a reporter registers
// a family on its behalf (bad names and member counts asked again, back with
// "Keep") and a school as a learning unit for next year; /cancel and ✖️ save
// nothing; the home then lists what they registered with the right buttons.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";
import type { L } from "../helpers/piggy.ts";

let h: BotHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  // 29/11/2026, 10:00 in Vietnam.
  h.env.clock.now = new Date("2026-11-29T03:00:00Z");
});

const runs = [
  {
    locale: "vi" as L, memberId: 2101, reporterId: 2102, branch: "HB-TL-MD-01", branchName: "Chi hội xóm Đồi, xã Mãn Đức",
    member: "Bùi Thị Hoa", memberTyped: "BUI THI HOA", village: "Xóm Đồi", villageTyped: "xom doi",
    family: "Hà Văn Tuấn", familyTyped: "HA VAN TUAN", familyVillage: "Thôn Bưng", familyVillageTyped: "thon bung",
    school: "Trường Tiểu học Mãn Đức", members: "5 người",
  },
  {
    locale: "en" as L, memberId: 2111, reporterId: 2112, branch: "HB-MC-CC-01", branchName: "Chi hội bản Lác",
    member: "Lò Thị Mai", memberTyped: "lo thi mai", village: "Bản Lác", villageTyped: "BAN LAC",
    family: "Hà Văn Thắng", familyTyped: "ha van thang", familyVillage: "Bản Pom Coọng", familyVillageTyped: "ban pom coong",
    school: "Trường Tiểu học Chiềng Châu", members: "5 people",
  },
];

const registrationsBy = (telegramId: number) =>
  h.prisma.learningRegistration.findMany({ where: { registeredByTelegramId: BigInt(telegramId) }, orderBy: { id: "asc" } });

describe.each(runs)("registering learning models ($locale)", (c) => {
  const tr = (key: string, vars?: Record<string, string | number>) => t(c.locale, key, vars);
  const FAMILY = () => tr("learning-model-FAMILY");

  beforeAll(async () => {
    await h.makeMember(c.memberId, c.branch, "MEMBER", c.member, c.locale);
    await h.makeMember(c.reporterId, c.branch, "REPORTER", "Đinh Văn Sơn", c.locale);
  });

  it("a member registers their own family from the menu button: name, village, members, year, save", async () => {
    const member = h.chat({ id: c.memberId, lang: c.locale });
    await member.send("/start");
    const commands = member.calls("setMyCommands").at(-1)?.payload.commands as { command: string; description: string }[];
    expect(commands).toContainEqual({ command: "learning", description: tr("cmd-learning") });
    await member.send("/menu");
    await member.press(tr("btn-learning"));
    expect(member.lastText()).toBe(`${tr("learning-home-title", { year: "2026" })}\n\n${tr("learning-home-none")}`);
    expect(member.buttons()).toEqual([tr("btn-learning-register"), tr("btn-menu")]); // a member: no unit figures

    await member.press(tr("btn-learning-register"));
    // A member registers only their own family, with their only unit: neither is asked.
    expect(member.texts()).toEqual([tr("learning-reg-intro"), tr("learning-reg-ask-own-head")]);
    expect(member.buttons()).toEqual([c.member, tr("btn-cancel")]);
    await member.press(c.member);
    expect(member.lastText()).toBe(tr("learning-reg-ask-village"));
    await member.send(c.village);
    expect(member.lastText()).toBe(tr("learning-reg-ask-members"));
    expect(member.buttons()).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", tr("btn-back"), tr("btn-cancel")]);
    await member.press("4");
    expect(member.lastText()).toBe(tr("learning-reg-ask-year"));
    expect(member.buttons()).toEqual([tr("learning-reg-year-this", { year: "2026" }), tr("learning-reg-year-next", { year: "2027" }), tr("btn-back"), tr("btn-cancel")]);
    await member.press(tr("learning-reg-year-this", { year: "2026" }));
    expect(member.lastText()).toBe([
      tr("learning-reg-summary-title"),
      tr("learning-reg-summary-own", { model: FAMILY() }),
      tr("learning-reg-summary-head", { name: c.member }),
      tr("learning-reg-summary-village", { village: c.village }),
      tr("learning-reg-summary-members", { count: 4 }),
      tr("learning-reg-summary-unit", { unit: c.branchName }),
      tr("learning-reg-summary-year", { year: "2026" }),
    ].join("\n"));
    expect(await registrationsBy(c.memberId)).toHaveLength(0); // nothing before "Save"
    await member.press(tr("btn-learning-save"));

    const [saved] = await registrationsBy(c.memberId);
    expect(saved).toMatchObject({ model: "FAMILY", year: 2026, name: c.member, village: c.village, memberCount: 4, memberTelegramId: BigInt(c.memberId) });
    expect(member.lastText()).toBe(tr("learning-reg-saved", { name: c.member, model: FAMILY(), unit: c.branchName, year: "2026" }));
    expect(member.buttons()).toEqual([tr("btn-learning-start-now"), tr("btn-learning-home"), tr("btn-menu")]);
    expect(member.lastInline()?.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({ callback_data: `le:${saved!.id}` });
  });

  it("the same family again, typed without accents or in other capitals, is refused politely with its status", async () => {
    const member = h.chat({ id: c.memberId, lang: c.locale });
    await member.send("/learning");
    await member.press(tr("btn-learning-register"));
    await member.send(c.memberTyped);
    await member.send(c.villageTyped);
    await member.press("4");
    await member.press(tr("learning-reg-year-this", { year: "2026" }));
    await member.press(tr("btn-learning-save"));
    const [first, ...others] = await registrationsBy(c.memberId);
    expect(others).toEqual([]);
    expect(member.lastText()).toBe(
      tr("learning-reg-already", { name: c.member, unit: c.branchName, year: "2026", status: tr("learning-status-NONE") }),
    );
    expect(member.buttons()).toEqual([tr("btn-learning-self-evaluate", { name: c.member }), tr("btn-learning-home"), tr("btn-menu")]);
    expect(member.lastInline()?.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({ callback_data: `le:${first!.id}` });
  });

  it("a reporter registers a family on its behalf: bad input asked again, back with Keep, saved when confirmed", async () => {
    const reporter = h.chat({ id: c.reporterId, lang: c.locale });
    await reporter.send("/learning");
    await reporter.press(tr("btn-learning-register"));
    expect(reporter.texts()).toEqual([tr("learning-reg-intro"), tr("learning-reg-ask-kind")]);
    const kinds = ["own", "FAMILY", "CLAN", "COMMUNITY", "UNIT"].map((k) => tr(`learning-reg-kind-${k}`));
    expect(reporter.buttons()).toEqual([...kinds, tr("btn-cancel")]);
    await reporter.press(tr("learning-reg-kind-FAMILY"));
    expect(reporter.lastText()).toBe(tr("learning-reg-ask-name-FAMILY")); // one unit: not asked
    expect(reporter.buttons()).toEqual([tr("btn-back"), tr("btn-cancel")]); // not their own family: no name offered

    await reporter.send("123");
    expect(reporter.texts()).toEqual([tr("name-error-no_letters")]);
    await reporter.send(c.family);
    expect(reporter.lastText()).toBe(tr("learning-reg-ask-village"));
    await reporter.send("!!!");
    expect(reporter.texts()).toEqual([tr("learning-reg-village-invalid")]);
    await reporter.send(c.familyVillage);
    await reporter.send("0");
    expect(reporter.texts()).toEqual([tr("learning-reg-members-invalid", { text: "0" })]);
    await reporter.send("60");
    expect(reporter.texts()).toEqual([tr("learning-reg-members-too-many", { max: 50 })]);
    await reporter.send(c.members);
    expect(reporter.lastText()).toBe(tr("learning-reg-ask-year"));
    await reporter.press(tr("learning-reg-year-this", { year: "2026" }));
    const summary = [
      tr("learning-reg-summary-title"),
      tr("learning-reg-summary-model", { model: FAMILY() }),
      tr("learning-reg-summary-head", { name: c.family }),
      tr("learning-reg-summary-village", { village: c.familyVillage }),
      tr("learning-reg-summary-members", { count: 5 }),
      tr("learning-reg-summary-unit", { unit: c.branchName }),
      tr("learning-reg-summary-year", { year: "2026" }),
    ].join("\n");
    expect(reporter.lastText()).toBe(summary);

    // Back three steps: the village is offered as "Keep".
    await reporter.press(tr("btn-back"));
    await reporter.press(tr("btn-back"));
    await reporter.press(tr("btn-back"));
    expect(reporter.lastText()).toBe(tr("learning-reg-ask-village"));
    expect(reporter.buttons()).toEqual([tr("btn-skip"), tr("btn-keep", { value: c.familyVillage }), tr("btn-back"), tr("btn-cancel")]);
    await reporter.press("f:keep");
    await reporter.press("5");
    await reporter.press(tr("learning-reg-year-this", { year: "2026" }));
    expect(reporter.lastText()).toBe(summary);
    await reporter.press(tr("btn-learning-save"));

    const [saved] = await registrationsBy(c.reporterId);
    expect(saved).toMatchObject({ model: "FAMILY", year: 2026, name: c.family, village: c.familyVillage, memberCount: 5, memberTelegramId: null });
    expect(reporter.lastText()).toBe(tr("learning-reg-saved", { name: c.family, model: FAMILY(), unit: c.branchName, year: "2026" }));
  });

  it("the same family registered again by the reporter, without accents, is refused", async () => {
    const reporter = h.chat({ id: c.reporterId, lang: c.locale });
    await reporter.send("/learning");
    await reporter.press(tr("btn-learning-register"));
    await reporter.press(tr("learning-reg-kind-FAMILY"));
    await reporter.send(c.familyTyped);
    await reporter.send(c.familyVillageTyped);
    await reporter.press("5");
    await reporter.press(tr("learning-reg-year-this", { year: "2026" }));
    await reporter.press(tr("btn-learning-save"));
    expect(await registrationsBy(c.reporterId)).toHaveLength(1);
    expect(reporter.lastText()).toBe(
      tr("learning-reg-already", { name: c.family, unit: c.branchName, year: "2026", status: tr("learning-status-NONE") }),
    );
    expect(reporter.buttons()).toEqual([tr("btn-learning-self-evaluate", { name: c.family }), tr("btn-learning-home"), tr("btn-menu")]);
  });

  it("a reporter registers a school as a learning unit for next year, without village or members", async () => {
    const reporter = h.chat({ id: c.reporterId, lang: c.locale });
    await reporter.send("/learning");
    await reporter.press(tr("btn-learning-register"));
    await reporter.press(tr("learning-reg-kind-UNIT"));
    expect(reporter.lastText()).toBe(tr("learning-reg-ask-name-UNIT"));
    await reporter.send(c.school);
    expect(reporter.lastText()).toBe(tr("learning-reg-ask-address"));
    await reporter.press(tr("btn-skip"));
    expect(reporter.lastText()).toBe(tr("learning-reg-ask-members-other"));
    await reporter.send("ba mươi");
    expect(reporter.texts()).toEqual([tr("learning-reg-members-invalid", { text: "ba mươi" })]);
    await reporter.press(tr("btn-skip"));
    await reporter.press(tr("learning-reg-year-next", { year: "2027" }));
    expect(reporter.lastText()).toBe([
      tr("learning-reg-summary-title"),
      tr("learning-reg-summary-model", { model: tr("learning-model-UNIT") }),
      tr("learning-reg-summary-name", { name: c.school }),
      tr("learning-reg-summary-no-village"),
      tr("learning-reg-summary-unit", { unit: c.branchName }),
      tr("learning-reg-summary-year", { year: "2027" }),
    ].join("\n"));
    await reporter.press(tr("btn-learning-save"));
    const school = (await registrationsBy(c.reporterId)).find((r) => r.model === "UNIT");
    expect(school).toMatchObject({ year: 2027, name: c.school, village: null, memberCount: null, memberTelegramId: null });
    expect(reporter.lastText()).toBe(tr("learning-reg-saved", { name: c.school, model: tr("learning-model-UNIT"), unit: c.branchName, year: "2027" }));
  });

  it("/cancel and ✖️ save nothing", async () => {
    const reporter = h.chat({ id: c.reporterId, lang: c.locale });
    const before = (await registrationsBy(c.reporterId)).length;
    await reporter.send("/learning");
    await reporter.press(tr("btn-learning-register"));
    await reporter.press(tr("learning-reg-kind-CLAN"));
    await reporter.send("Dòng họ Bùi");
    await reporter.send("/cancel");
    expect(reporter.lastText()).toBe(tr("flow-cancelled"));
    await reporter.send("Xóm Đồi"); // the flow is over: not taken as the village
    await reporter.send("/learning");
    await reporter.press(tr("btn-learning-register"));
    await reporter.press(tr("btn-cancel"));
    expect(reporter.lastText()).toBe(tr("flow-cancelled"));
    expect(await registrationsBy(c.reporterId)).toHaveLength(before);
  });

  it("the home lists what each registered, with a button to self-evaluate each", async () => {
    const reporter = h.chat({ id: c.reporterId, lang: c.locale });
    await reporter.send("/learning");
    const none = tr("learning-status-NONE");
    expect(reporter.lastText()).toBe([
      tr("learning-home-title", { year: "2026" }),
      `${tr("learning-home-mine", { count: 2 })}\n${[
        `${tr("learning-home-line", { model: tr("learning-model-UNIT"), name: c.school, status: none })} ${tr("learning-home-year", { year: "2027" })}`,
        tr("learning-home-line", { model: FAMILY(), name: c.family, status: none }),
      ].join("\n")}`,
      tr("learning-home-units"),
    ].join("\n\n"));
    expect(reporter.buttons()).toEqual([
      tr("btn-learning-self-evaluate", { name: c.school }), tr("btn-learning-self-evaluate", { name: c.family }), tr("btn-learning-register"),
      tr("btn-learning-unit-stats", { unit: c.branchName }), tr("btn-menu"),
    ]);
    const [family, school] = await registrationsBy(c.reporterId);
    const data = reporter.lastInline()?.reply_markup?.inline_keyboard.flat().map((b) => ("callback_data" in b ? b.callback_data : ""));
    const branchId = (await h.unit(c.branch)).id;
    expect(data).toEqual([`le:${school!.id}`, `le:${family!.id}`, "lr", `ls:${branchId}:2026`, "menu"]);

    const member = h.chat({ id: c.memberId, lang: c.locale });
    await member.send("/learning");
    expect(member.lastText()).toBe(
      `${tr("learning-home-title", { year: "2026" })}\n\n${tr("learning-home-mine", { count: 1 })}\n${tr("learning-home-line", { model: FAMILY(), name: c.member, status: none })}`,
    );
    expect(member.buttons()).toEqual([tr("btn-learning-self-evaluate", { name: c.member }), tr("btn-learning-register"), tr("btn-menu")]);
  });
});
