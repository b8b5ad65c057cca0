// `npm run sim` driven through a pipe: the real bot in-process against the fake Bot API,
// the pretend users, and a clean exit on :quit.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { formatDate, vietnamToday } from "../../src/domain/dates.ts";
import { addMonths } from "../../src/domain/sponsorship.ts";
import { killAll, runTsx, t, tempDir } from "./support.ts";

const tmp = tempDir("e2e-sim-");
const plain = (html: string) => html.replace(/<\/?b>/g, "");

afterAll(async () => {
  await killAll();
  tmp.remove();
});

it("chats through a pipe: the administrator's menu, a newcomer's introduction, a pasted invite link; :quit exits 0", async () => {
  const log = path.join(tmp.dir, "bot.log");
  const script = ["/start", ":as minh", "/start", "https://t.me/khuyenhoc_sim_bot?start=nosuchcode", ":quit", ""].join("\n");
  const sim = runTsx("src/sim/main.ts", { env: { DATABASE_URL: `pglite:${path.join(tmp.dir, "db")}`, SIM_LOG_FILE: log }, stdin: script });
  const { code } = await sim.exited;
  const out = sim.stdout();
  expect(code, sim.output()).toBe(0);
  expect(out).toContain("https://t.me/khuyenhoc_sim_bot?start="); // the banner explains invites
  expect(out).toContain(plain(t("vi", "start-welcome-back", { name: "Nguyễn Thị Lan" }))); // Lan is the administrator
  expect(out).toContain(`  [7] ${t("vi", "btn-manage-units")}`); // buttons are numbered (after My units, Piggy banks, Sponsored pupils, Learning models, Reports, Deadlines)
  expect(out).toContain(plain(t("vi", "start-intro")).split("\n")[0]); // Minh is new
  expect(out).toContain("/start nosuchcode"); // the pasted link was "tapped"
  expect(out).toContain(t("vi", "invite-status-unknown"));
  expect(out).not.toMatch(/<\/?b>/); // HTML is shown as Telegram shows it
  expect(sim.stderr()).toBe("");
  expect(readFileSync(log, "utf8")).not.toMatch(/"level":(50|60)/);
}, 90_000);

it("speaks English with SIM_LANG=en", async () => {
  const sim = runTsx("src/sim/main.ts", {
    env: { DATABASE_URL: "pglite:memory", SIM_LOG_FILE: path.join(tmp.dir, "en.log"), SIM_LANG: "en" },
    stdin: ":as hoa\n/start\n:quit\n",
  });
  const { code } = await sim.exited;
  expect(code, sim.output()).toBe(0);
  expect(sim.stdout()).toContain("Pretend users");
  expect(sim.stdout()).toContain("Now talking as Hoa");
  expect(sim.stdout()).toContain(plain(t("en", "start-intro")).split("\n")[0]); // Hoa's Telegram is in English
  expect(sim.stdout()).toMatch(/Bye\.\n/);
}, 90_000);

it("the sponsorship journey in the simulator: Lan opens a case, checks in twice (the second flags a problem), marks the pupil back in school, sees the figures", async () => {
  const today = vietnamToday(new Date());
  const day = (months: number) => formatDate(addMonths(today, months));
  // Each line is what a person types: a button's number, or an answer.
  const script = [
    ":as lan", "/cases", "1", // ➕ Open a case
    "2", // the unit: Chi hội xóm Đồi, xã Mãn Đức
    "Bùi Thị Ngọc Ánh", "2014", "Trường THCS Mãn Đức", "7",
    "1", "4", "7", // circumstances: poor household, far from school; done
    "2", "Gia đình ông Quách Văn Tư", // a family
    "1", "6", "500k", // money each month; done; how much
    "1", "1", "1", "1", // today; monthly; the guardian agreed; save
    "1", "1", "1", "3", "1", "1", // check in: attending, money arrived, studies average, nothing to flag, save
    "1", "1", "2", "3", "Em hay nghỉ học buổi chiều", "1", // again: attending, no money, average, a flag typed, save
    "2", "3", "1", "1", // change status: back in school, no note, save
    "/cases", "3", // the province's figures
    ":quit", "",
  ].join("\n");
  const sim = runTsx("src/sim/main.ts", {
    env: { DATABASE_URL: `pglite:${path.join(tmp.dir, "sponsor-db")}`, SIM_LOG_FILE: path.join(tmp.dir, "sponsor.log") },
    stdin: script,
  });
  const { code } = await sim.exited;
  const out = sim.stdout();
  const vi = (key: string, vars?: Record<string, string | number>) => plain(t("vi", key, vars));
  expect(code, sim.output()).toBe(0);
  expect(out).toContain(vi("sponsor-open-saved", { pupil: "Bùi Thị Ngọc Ánh", date: day(1) }));
  expect(out).toContain(vi("sponsor-checkin-saved", { date: day(2) }));
  expect(out).toContain(vi("sponsor-checkin-saved", { date: day(3) }));
  expect(out).toContain(vi("sponsor-checkin-at-risk"));
  expect(out).toContain(vi("sponsor-status-saved", { pupil: "Bùi Thị Ngọc Ánh (2014)", status: t("vi", "sponsor-status-RETURNED") }));
  expect(out).toContain(vi("sponsor-stats-status-line", { status: t("vi", "sponsor-status-RETURNED"), count: 1 }));
  expect(out).toContain(vi("sponsor-stats-status-line", { status: t("vi", "sponsor-status-AT_RISK"), count: 0 }));
  expect(sim.stderr()).toBe("");
}, 120_000);
