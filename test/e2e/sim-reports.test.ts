// Issue 6 in the simulator, typed through a pipe as people would, with the clock moved by
// `:time`: Thảo, the reporter of a school committee (Ban khuyến học Trường THCS Chiềng Châu),
// records a piggy-bank opening in early June; on 08/06 at 08:00 the reminder of the mid-year
// report reaches her with a button; she opens the report from it, finds the piggy-bank figures
// already filled in (and where they came from), corrects one, fills in the rest and submits; on
// 12/06 she is not reminded again; on 16/06 Hùng, the coordinator of the district above, gets
// one digest that lists only the unit still missing (the commune), not her school.
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { killAll, occurrences as count, runTsx, simTranscript as transcript, simVi as vi, t, tempDir } from "./support.ts";

const tmp = tempDir("e2e-sim-reports-");
afterAll(async () => {
  await killAll();
  tmp.remove();
});

it("a school committee is reminded, opens the report from the button, finds the figures pre-filled, submits; reminders stop; the digest lists only who is missing", async () => {
  const school = "Ban khuyến học Trường THCS Chiềng Châu";
  const script = [
    ":as thao", "/piggy", "1", "1", "2", "120", "1", "1", // a drive for the pupils: 120 piggy banks; no note; save
    "1", "1", "100", "15 triệu", "10", "5 triệu", "1", "10 triệu", "1", "1", "1", // an opening today: 100 opened, 15 million; 10 scholarships, 5 million; into the fund 10 million; no photo; save
    ":time 08/06/2026 08:00", // seven days before the mid-year report's deadline
    "1", // 📝 open the report from the reminder
    "1", // section 1 (organisation) as the bot has it
    "20 triệu", "5 triệu", "15 triệu", // the fund (nothing the bot knows)
    "2", "1", "12", // scholarships: ✏️ correct the first: 12, not the bot's 10
    "1", "1", "1", "1", // scholarships, piggy banks, sponsorship, learning models as they are
    ":say 3", ":say 2", "Một số gia đình chưa quan tâm", "1", // pupils; shortcomings typed; plans skipped
    "1", // 📨 submit
    ":time 12/06/2026 08:00", // three days before: nothing for a unit that has submitted
    ":time 16/06/2026 08:00", // the day after the deadline: the digest
    ":as hung",
    ":quit", "",
  ].join("\n");
  const sim = runTsx("src/sim/main.ts", {
    env: { DATABASE_URL: `pglite:${path.join(tmp.dir, "db")}`, SIM_LOG_FILE: path.join(tmp.dir, "bot.log"), SIM_TIME: "05/06/2026 07:00" },
    stdin: script,
  });
  const { code } = await sim.exited;
  expect(code, sim.output()).toBe(0);
  expect(sim.stderr()).toBe("");
  const out = transcript(sim.stdout());
  const name = "Báo cáo sơ kết 6 tháng đầu năm";

  // The reminder, once, with the button that opened the report.
  const reminder = vi("deadline-notice-before", { name, unit: school, days: 7, date: "15/06/2026" });
  expect(out).toContain(`bot: ${reminder}\n  [1] ${t("vi", "btn-deadline-open-report")}`);
  expect(count(out, reminder)).toBe(1);
  expect(count(out, `${name} của ${school}`)).toBe(1); // no other step reached her (12/06 is a step day)

  // The pre-filled figures from the piggy-bank opening, where they came from, and the correction beside the bot's figure.
  expect(out).toContain("Số lợn nhựa đã mổ: 100");
  expect(out).toContain("Số tiền thu được: 15.000.000 ₫");
  expect(out).toContain(vi("report-line-overridden", { n: 8, label: "Số suất học bổng, phần thưởng", known: "10", value: "12" }));
  expect(out).toMatch(/↳ Theo bot: 1 lần mổ lợn từ 01\/01 đến 30\/06\/2026/);
  expect(out).toContain(vi("report-submitted", { period: "6 tháng đầu năm 2026", unit: school }));

  // Hùng: told of the submission, then one digest naming only the commune that has not reported.
  const hung = out.slice(out.lastIndexOf(":as hung"));
  expect(hung).toContain(vi("report-notice-submitted", { name: "Phạm Thị Thảo", period: "6 tháng đầu năm 2026", unit: school }));
  expect(hung).toContain(`${vi("deadline-notice-digest", { name, date: "15/06/2026", count: 1 })}\n${vi("deadline-notice-digest-line", { unit: "Xã Chiềng Châu" })}\n  [1] ${t("vi", "btn-deadline-who-submitted")}`);
  expect(hung).not.toContain(vi("deadline-notice-digest-line", { unit: school }));
}, 240_000);
