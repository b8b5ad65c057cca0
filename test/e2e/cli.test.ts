// `npm run units:import -- file.csv` as a child process on a fresh embedded database.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { killAll, runTsx, tempDir } from "./support.ts";

const CLI = "src/cli/import-units.ts";
const tmp = tempDir("e2e-cli-");
const env = { DATABASE_URL: `pglite:${path.join(tmp.dir, "db")}` };

afterAll(async () => {
  await killAll();
  tmp.remove();
});

it("imports the example file into a new database (migrated first), then updates the same units on a second run", async () => {
  const first = runTsx(CLI, { env, args: ["test/fixtures/units-example.csv"] });
  expect((await first.exited).code, first.output()).toBe(0);
  expect(first.stdout()).toMatch(/Imported test\/fixtures\/units-example\.csv \(utf-8\): 16 unit\(s\) created, 0 updated\./);

  const again = runTsx(CLI, { env, args: ["test/fixtures/units-example.csv"] });
  expect((await again.exited).code, again.output()).toBe(0);
  expect(again.stdout()).toMatch(/0 unit\(s\) created, 16 updated/);
}, 60_000);

it("a bad file: exit 1, every error with its line number in English, nothing saved", async () => {
  const bad = path.join(tmp.dir, "bad.csv");
  writeFileSync(bad, "code,name,kind,parent_code\nX1,Xã Một,xã,NOPE\nX2,Xã Hai,galaxy,\nX1,Xã Ba,xã,\n");
  const child = runTsx(CLI, { env, args: [bad] });
  expect((await child.exited).code).toBe(1);
  const err = child.stderr();
  expect(err).toContain("3 errors. Nothing was saved.");
  expect(err).toMatch(/Line 2: Unit "X1" has parent "NOPE", which is neither in the file nor in the database\./);
  expect(err).toMatch(/Line 3: Unknown unit kind "galaxy"/);
  expect(err).toMatch(/Line 4: Code "X1" appears twice \(first on line 2\)\./);

  // In Vietnamese, from the locale files.
  const vi = runTsx(CLI, { env, args: ["--lang", "vi", bad] });
  expect((await vi.exited).code).toBe(1);
  expect(vi.stderr()).toMatch(/Dòng 3: .*«galaxy»/);
}, 60_000);

it("usage errors exit 2: no file, a file that cannot be read, an unknown option", async () => {
  for (const args of [[], [path.join(tmp.dir, "missing.csv")], ["--frobnicate", "x.csv"]]) {
    const child = runTsx(CLI, { env, args });
    expect((await child.exited).code, args.join(" ")).toBe(2);
    expect(child.stderr()).toContain("Usage: npm run units:import -- ");
  }
}, 60_000);
