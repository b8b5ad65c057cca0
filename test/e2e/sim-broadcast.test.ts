// Issue 7 in the simulator, typed through a pipe as people would: Dũng, a
// reporter of the commune Chiềng Châu, has blocked the bot (:block). Hùng, the
// coordinator of the district Mai Châu, writes an announcement, narrows the
// audience to the commune (a part of his district) and its reporters, asks
// for "Đã nhận", sees the preview and the count (3), sends now; the progress
// message appears and is edited into the summary (2 delivered, 1 blocked);
// Thảo and Xuân acknowledge from their copy; the refreshed card counts 2 of 2
// and "who was not reached" names Dũng as having blocked the bot.
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { killAll, occurrences as count, runTsx, simTranscript as transcript, simVi as vi, t, tempDir } from "./support.ts";

const tmp = tempDir("e2e-sim-broadcast-");
afterAll(async () => {
  await killAll();
  tmp.remove();
});

it("a district coordinator broadcasts to a commune's reporters with Đã nhận: progress, two acknowledgements, one blocked", async () => {
  const text = "Họp tổng kết năm học: 8 giờ sáng thứ Bảy 5/12 tại nhà văn hoá xã.";
  const script = [
    ":block dung",
    ":as hung", "/broadcast", "1", // ✍️ new
    text,
    "2", "1", "2", // 🔽 parts of the district: tick Xã Chiềng Châu, done
    "4", // continue
    "2", // reporters only
    "1", // ask for Đã nhận
    "1", // 📤 send now
    ":as thao", "1", // ✅ Đã nhận
    ":as xuan", "1",
    ":as dung",
    ":time 01/12/2026 09:05", // the jobs run: the tracker's round summarises if its timer has not yet
    ":as hung", "3", // 🔄 the card
    "1", // 👥 who was not reached
    ":quit", "",
  ].join("\n");
  const sim = runTsx("src/sim/main.ts", {
    env: { DATABASE_URL: `pglite:${path.join(tmp.dir, "db")}`, SIM_LOG_FILE: path.join(tmp.dir, "bot.log"), SIM_TIME: "01/12/2026 09:00" },
    stdin: script,
  });
  const { code } = await sim.exited;
  expect(code, sim.output()).toBe(0);
  expect(sim.stderr()).toBe("");
  const out = transcript(sim.stdout());
  const title = "Họp tổng kết năm học: 8 giờ sáng thứ Bả…";
  const copy = `bot: 📢 Hà Văn Hùng\n${text}\n  [1] ${t("vi", "btn-broadcast-ack")}`;

  // The preview exactly as recipients get it, then the count: Thảo (school), Xuân (branch), Dũng (commune).
  // Sliced at the prompts ("> :as …"): the notices of new messages also say ":as …".
  const hung = out.slice(out.indexOf("> :as hung"), out.indexOf("> :as thao"));
  expect(hung).toContain(`${vi("broadcast-compose-preview-title")}\n${copy}`);
  expect(hung).toContain(vi("broadcast-compose-summary-recipients", { count: 3 }));
  expect(hung).toContain(vi("broadcast-compose-summary-units", { units: "Xã Chiềng Châu" }));
  // The progress message as it starts.
  expect(hung).toContain(vi("broadcast-progress", { title, recipients: 3, sent: 0, blocked: 0, failed: 0, waiting: 3, bar: "░░░░░░░░░░ 0%" }));

  // Thảo and Xuân get it once each and acknowledge; Dũng's copy is refused by Telegram.
  for (const who of ["thao", "xuan"]) {
    const part = out.slice(out.indexOf(`> :as ${who}`), out.indexOf(`> :as ${who === "thao" ? "xuan" : "dung"}`));
    expect(count(part, copy)).toBe(1);
    expect(part).toContain(`~ ${vi("broadcast-ack-thanks")} ~`);
  }
  expect(out).toContain("(lỗi Bot API ở sendMessage: Forbidden: bot was blocked by the user)");

  // Hùng: the progress message was edited into the summary; the card counts 2 of 2; Dũng is named as blocked.
  const after = out.slice(out.lastIndexOf("> :as hung"));
  expect(after).toContain(`bot: (đã sửa) ${vi("broadcast-summary-done", { title })}`);
  expect(after).toContain(vi("broadcast-summary-figures", { recipients: 3, delivered: 2, blocked: 1, failed: 0 }));
  expect(after).toContain(vi("broadcast-acks", { acked: 2, of: 2 }));
  expect(after).toContain(vi("broadcast-unreached-line", { name: "Vì Văn Dũng", why: vi("broadcast-why-blocked") }));
}, 240_000);
