// The learning-family journey (issue 5) typed into `npm run sim` through a pipe, as a person
// would: every line is a button's number or an answer. Run once per language by
// sim-learning-vi.test.ts and sim-learning-en.test.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { vietnamToday } from "../../src/domain/dates.ts";
import { killAll, type Locale, ROOT, runTsx, t, tempDir } from "./support.ts";

const plain = (html: string) => html.replace(/<\/?b>/g, "");

/** The journey in one language; each language has its own test file so that they run side by side. */
export function learningJourneyInSimulator(locale: Locale): void {
  const tmp = tempDir(`e2e-sim-learning-${locale}-`);
  afterAll(async () => {
    await killAll();
    tmp.remove();
  });
  describe(`the learning-family journey in the simulator, in ${locale}, with a restart in the middle`, () => {
    // Lan, the administrator, does every part (a branch often has one person doing everything):
    // loads the TEST DATA criteria and puts them in force, registers a family for the branch of
    // xóm Đồi, self-evaluates half of it and pauses; the simulator is closed (the bot stops) and
    // started again on the same data; she carries on, submits, returns it with a comment, fixes
    // item 1.3, submits again, approves, recognises, asks for the certificate and sees the figures.
    const dir = path.join(tmp.dir, `learning-${locale}`);
    const env = { DATABASE_URL: `pglite:${path.join(dir, "db")}`, SIM_LOG_FILE: path.join(dir, "bot.log"), SIM_LANG: locale };
    const tr = (key: string, vars?: Record<string, string | number>) => plain(t(locale, key, vars));
    /** The simulator indents the lines of a bot message under "bot: "; undone, a message reads as sent. */
    const transcript = (out: string) => out.replace(/\n {5}/g, "\n");
    const year = String(vietnamToday(new Date()).year);
    const family = t(locale, "learning-model-FAMILY");
    const name = "Quách Văn Tư";
    const unit = "Chi hội xóm Đồi, xã Mãn Đức";
    const grade = locale === "vi" ? "Đạt" : "Recognised"; // gia-dinh-test.json: DAT 70–100
    const school = "Trường THCS Chiềng Châu";
    const comment = locale === "vi" ? "Mục 1.3: các cháu đều ngoan, xin chấm lại" : "Item 1.3: the children are all polite, please score it again";

    const run = async (lines: string[]) => {
      const sim = runTsx("src/sim/main.ts", { env, stdin: [...lines, ":quit", ""].join("\n") });
      const { code } = await sim.exited;
      expect(code, sim.output()).toBe(0);
      expect(sim.stderr()).toBe("");
      return transcript(sim.stdout());
    };

    it("registers a family and self-evaluates half of it, then pauses; the simulator is closed", async () => {
      const out = await run([
        ...(locale === "en" ? ["/lang", "2"] : []), // Lan's Telegram is in Vietnamese; she switches
        ":file test/fixtures/criteria/gia-dinh-test.json", "1", // stored; put in force for this year
        "/learning", "1", "2", "2", // register: a family of a unit, on its behalf; the branch of xóm Đồi
        name, "Xóm Đồi", "5", "1", "1", // head, village, 5 people, this year; save
        "1", // self-evaluate now
        "11", "11", "9", "11", // 1.1 = 10, 1.2 = 10, 1.3 = 8, 2.1 = 10
        "13", // ⏸ pause
      ]);
      const set = JSON.parse(readFileSync(path.join(ROOT, "test/fixtures/criteria/gia-dinh-test.json"), "utf8")) as { title: Record<string, string>; version: number };
      expect(out).toContain(tr("criteria-in-force-done", { model: family, year, title: set.title[locale]!, version: set.version }));
      expect(out).toContain(tr("learning-reg-saved", { name, model: family, unit, year }));
      expect(out).toContain(tr("learning-eval-score", { total: 38, max: 100 }));
      expect(out).toContain(tr("learning-eval-paused", { done: 4, items: 9 }));
    }, 120_000);

    it("started again on the same data: carries on at item 2.2, submits, returns it, fixes 1.3, approves, recognises, gets the certificate, sees the figures", async () => {
      const out = await run([
        "/learning", "1", // ▶️ Continue
        "11", "11", "1", "12", "15", // 2.2 = 10, 2.3 = 10, 3.1 yes, 3.2 typed 12, 4.1 typed 15: 93
        "1", // 📨 submit; the card follows with the reviewer's buttons
        "2", comment, "1", // ↩️ return with a comment; send
        "/learning", "1", // ▶️ Continue: the comment, then every item with «Keep»
        "12", "12", "11", "12", "12", "12", "3", "1", "4", // keep all but 1.3 = 10: 95
        "1", "1", // submit; ✅ approve from the card
        "/learning", "3", "3", "1", // the province's figures; to recognise; recognise all
        "/learning", "1", "1", // the card; 🏅 certificate
        "/learning", "3", // the figures again
        // A second model, the same engine: a school as a learning unit under Thông tư 22/2020 (TEST DATA set).
        ":file test/fixtures/criteria/don-vi-hoc-tap-tt22-test.json", "1",
        "/learning", "2", "5", "14", school, "1", "1", "1", "1", // register a unit with its school committee; no village, no count; this year; save
        "1", "11", "9", "9", "11", "6", "9", "6", "20", "2", // 10, 8, 8, 10, 5, 8, 5, typed 20, 8 = 82
        "1", // submit
      ]);
      expect(out).toContain(tr("learning-eval-intro-resume", { done: 4, items: 9, item: "2.2" }));
      expect(out).toContain(tr("learning-eval-result", { name, total: 93, max: 100, grade }));
      expect(out).toContain(tr("learning-eval-submitted", { name, total: 93, max: 100, grade }));
      expect(out).toContain(tr("learning-eval-intro-returned", { comment }));
      expect(out).toContain(tr("learning-eval-submitted", { name, total: 95, max: 100, grade }));
      expect(out).toContain(tr("learning-home-line", { model: family, name, status: t(locale, "learning-status-APPROVED") }));
      expect(out).toContain(tr("learning-home-line", { model: family, name, status: t(locale, "learning-status-RECOGNISED") }));
      expect(out).toContain(tr("certificate-caption", { title: family, name, year: Number(year) }));
      const saved = path.join(dir, "received", `${t(locale, "certificate-file")}-1.png`);
      expect(out).toContain(saved);
      expect(readFileSync(saved).subarray(1, 4).toString("latin1")).toBe("PNG");
      expect(out).toContain(tr("learning-eval-submitted", { name: school, total: 82, max: 100, grade: locale === "vi" ? "Khá" : "Fair" }));
      expect(out).toContain(tr("learning-stats-model", {
        model: family, registered: 1, selfEvaluated: 1, selfEvaluatedPercent: "100%", approved: 1, approvedPercent: "100%", recognised: 1, recognisedPercent: "100%",
      }));
    }, 240_000);
  });
}
