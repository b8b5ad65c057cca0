// Criteria sets in the database: the shipped files stored at start-up (never
// rewritten), files an administrator sends, and the set in force per model
// and year.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/permissions.ts";
import type { Person } from "../../src/services/access.ts";
import { freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { expectServiceError } from "../helpers/errors.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SHIPPED_FAMILY = path.join(ROOT, "criteria/gia-dinh-hoc-tap-448.json");
const SHIPPED_UNIT = path.join(ROOT, "criteria/don-vi-hoc-tap-tt22-2020.json");
const COMPLETED_UNIT = path.join(ROOT, "test/fixtures/criteria/don-vi-hoc-tap-tt22-test.json");

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2));
const readJson = async (file: string) => JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;

describe.each(TEST_DATABASES)("criteria service on %s", (kind) => {
  let env: TestEnv;
  let admin: Person;
  let coordinator: Person;
  let newcomer: Person;
  let provinceId: number;
  const folders: string[] = [];

  beforeAll(async () => {
    env = await freshServices(kind);
    admin = await env.services.access.loadPerson(1);
    provinceId = (await env.services.units.createUnit(admin, { parentId: null, name: "Tỉnh Hòa Bình", kind: "PROVINCE" })).id;
    coordinator = await personWith("COORDINATOR", 9001);
    newcomer = await env.services.access.loadPerson(9002);
  });
  afterAll(async () => {
    await env.db.close();
    for (const dir of folders) await rm(dir, { recursive: true, force: true });
  });

  const db = () => env.services.deps.db;
  const criteria = () => env.services.criteria;

  async function personWith(role: Role, telegramId: number): Promise<Person> {
    const invite = await env.services.invites.createInvite(admin, { unitId: provinceId, role, maxUses: 1, expiresAt: null });
    await env.services.invites.acceptInvite(invite.code, { telegramId, fullName: "Nguyễn Thị Hương", phone: null, language: "vi" });
    return env.services.access.loadPerson(telegramId);
  }

  /** A folder of shipped files for one test. */
  async function folder(files: Record<string, string | Uint8Array>): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), "criteria-"));
    folders.push(dir);
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
    return dir;
  }

  /** The completed test set with changes (a new version of it). */
  async function completed(changes: Record<string, unknown> = {}): Promise<Uint8Array> {
    return encode({ ...(await readJson(COMPLETED_UNIT)), ...changes });
  }

  describe("shipped sets", () => {
    it("the criteria/ folder: stored once, then nothing to do", async () => {
      const first = await criteria().syncShippedCriteria();
      expect(first).toMatchObject({ folderFound: true, unchanged: [], conflicts: [], invalid: [] });
      expect(first.added.map((a) => `${a.key} v${a.version}`).sort()).toEqual(["don-vi-hoc-tap-tt22-2020 v1", "gia-dinh-hoc-tap-448 v1"]);
      const second = await criteria().syncShippedCriteria();
      expect(second).toMatchObject({ added: [], conflicts: [], invalid: [] });
      expect(second.unchanged).toHaveLength(2);
      const rows = await db().criteriaSet.findMany({ orderBy: { key: "asc" } });
      expect(rows.map((r) => [r.key, r.version, r.model, r.status, r.source, r.loadedByTelegramId])).toEqual([
        ["don-vi-hoc-tap-tt22-2020", 1, "UNIT", "draft", "shipped", null],
        ["gia-dinh-hoc-tap-448", 1, "FAMILY", "draft", "shipped", null],
      ]);
      expect(rows[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
    });

    it("a shipped file changed without a new version is a conflict: the stored version stays", async () => {
      const changed = await readJson(SHIPPED_FAMILY);
      changed.legalBasis = "Quyết định 448/QĐ-KHVN (sửa)";
      const before = await db().criteriaSet.findUniqueOrThrow({ where: { key_version: { key: "gia-dinh-hoc-tap-448", version: 1 } } });
      const dir = await folder({ "gia-dinh.json": JSON.stringify(changed) });
      const report = await criteria().syncShippedCriteria(dir);
      expect(report).toMatchObject({ added: [], unchanged: [], invalid: [], conflicts: [{ file: "gia-dinh.json", key: "gia-dinh-hoc-tap-448", version: 1, storedId: before.id }] });
      const after = await db().criteriaSet.findUniqueOrThrow({ where: { id: before.id } });
      expect(after.checksum).toBe(before.checksum);
      expect((after.content as { legalBasis: string }).legalBasis).toBe("Quyết định 448/QĐ-KHVN, 01/12/2015");
    });

    it("the same content laid out differently (spacing, key order, a BOM) is unchanged, not a conflict", async () => {
      const original = await readJson(SHIPPED_UNIT);
      const reordered = Object.fromEntries(Object.entries(original).reverse());
      const dir = await folder({ "tt22.json": `\uFEFF${JSON.stringify(reordered)}` });
      expect(await criteria().syncShippedCriteria(dir)).toMatchObject({ added: [], conflicts: [], unchanged: [{ key: "don-vi-hoc-tap-tt22-2020", version: 1 }] });
    });

    it("an invalid file is reported with its errors and not stored; other files are; other extensions are ignored", async () => {
      const bad = { ...(await readJson(SHIPPED_FAMILY)), id: "bad-set", version: 1 } as Record<string, unknown>;
      delete bad.legalBasis;
      const newer = { ...(await readJson(SHIPPED_FAMILY)), version: 2 };
      const dir = await folder({ "a-bad.json": JSON.stringify(bad), "b-broken.json": "{ not json", "c-new.json": JSON.stringify(newer), "notes.txt": "x" });
      const count = await db().criteriaSet.count();
      const report = await criteria().syncShippedCriteria(dir);
      expect(report.invalid).toEqual([
        { file: "a-bad.json", errors: [{ code: "missing_field", path: "legalBasis", params: {} }] },
        { file: "b-broken.json", errors: [{ code: "bad_json", path: "", params: { line: 1, column: 3 } }] },
      ]);
      expect(report.added).toEqual([{ file: "c-new.json", key: "gia-dinh-hoc-tap-448", version: 2 }]);
      expect(await db().criteriaSet.count()).toBe(count + 1);
    });

    it("no folder: nothing stored, start-up goes on", async () => {
      expect(await criteria().syncShippedCriteria(path.join(tmpdir(), "no-such-criteria-folder"))).toEqual({
        folderFound: false, added: [], unchanged: [], conflicts: [], invalid: [],
      });
    });
  });

  describe("files sent by an administrator", () => {
    it("only administrators may send one", async () => {
      const count = await db().criteriaSet.count();
      await expectServiceError(criteria().uploadCriteria(coordinator, await completed()), "forbidden");
      await expectServiceError(criteria().uploadCriteria(newcomer, await completed()), "forbidden");
      expect(await db().criteriaSet.count()).toBe(count);
    });

    it("a bad file: every error comes back, nothing is stored", async () => {
      const bad = await readJson(COMPLETED_UNIT);
      const groups = bad.groups as { id: string; maxPoints: number; items: { id: string; points: number }[] }[];
      groups[1]!.items[1]!.id = "2.1"; // duplicate
      groups[0]!.items[0]!.points = 40; // above its group's 30
      delete bad.model;
      const count = await db().criteriaSet.count();
      const audits = await db().auditLog.count();
      const outcome = await criteria().uploadCriteria(admin, encode(bad));
      expect(outcome).toEqual({ ok: false, errors: [{ code: "missing_field", path: "model", params: {} }] });
      bad.model = "UNIT"; // zod errors first; once the shape is right, every cross-check at once
      const second = await criteria().uploadCriteria(admin, encode(bad));
      expect(second.ok).toBe(false);
      if (second.ok) return;
      expect(second.errors.map((e) => `${e.code} ${e.path}`)).toEqual([
        "item_points_exceed_group groups[0].items[0].points",
        "item_points_exceed_group groups[0].maxPoints",
        "duplicate_id groups[1].items[1].id",
      ]);
      expect(await db().criteriaSet.count()).toBe(count);
      expect(await db().auditLog.count()).toBe(audits);
    });

    it("a new version is stored (source upload, audited); the same file again changes nothing", async () => {
      const outcome = await criteria().uploadCriteria(admin, await completed());
      expect(outcome).toMatchObject({
        ok: true,
        created: true,
        set: {
          key: "don-vi-hoc-tap-tt22-2020", version: 2, model: "UNIT", status: "in_force",
          title: { vi: "Tiêu chí «Đơn vị học tập» (DỮ LIỆU THỬ)", en: "«Learning unit» criteria (TEST DATA)" },
          legalBasis: "Thông tư 22/2020/TT-BGDĐT", years: { from: 2020, to: null }, maxPoints: 100,
          groups: 3, items: 9, unknownItems: 0, unknownIds: [], source: "upload",
        },
      });
      if (!outcome.ok) return;
      expect(JSON.parse(JSON.stringify(outcome))).toEqual(outcome); // JSON-safe
      const row = await db().criteriaSet.findUniqueOrThrow({ where: { id: outcome.set.id } });
      expect(row).toMatchObject({ source: "upload", loadedByTelegramId: 1n, status: "in_force", model: "UNIT" });
      expect(await db().auditLog.findMany({ where: { action: "criteria.upload" } })).toMatchObject([
        { actorTelegramId: 1n, entity: "CriteriaSet", entityId: String(outcome.set.id), after: { key: "don-vi-hoc-tap-tt22-2020", version: 2, checksum: row.checksum } },
      ]);

      const again = await criteria().uploadCriteria(admin, new Uint8Array(await readFile(COMPLETED_UNIT)));
      expect(again).toMatchObject({ ok: true, created: false, set: { id: outcome.set.id, version: 2 } });
      expect(await db().auditLog.count({ where: { action: "criteria.upload" } })).toBe(1);
    });

    it("the same version with other content is refused: send it with a higher version", async () => {
      const count = await db().criteriaSet.count();
      const changed = await completed({ legalBasis: "Thông tư 22/2020/TT-BGDĐT (bản sửa)" });
      await expectServiceError(criteria().uploadCriteria(admin, changed), "criteria_version_exists", { key: "don-vi-hoc-tap-tt22-2020", version: 2 });
      // A shipped version too: the stored draft v1 is never replaced by a file.
      const shipped = await readJson(SHIPPED_UNIT);
      await expectServiceError(criteria().uploadCriteria(admin, encode({ ...shipped, title: { vi: "Khác", en: "Other" } })), "criteria_version_exists", { version: 1 });
      expect(await db().criteriaSet.count()).toBe(count);
    });

    it("the shipped draft sent again as it is: already there", async () => {
      const outcome = await criteria().uploadCriteria(admin, new Uint8Array(await readFile(SHIPPED_FAMILY)));
      expect(outcome).toMatchObject({ ok: true, created: false, set: { key: "gia-dinh-hoc-tap-448", version: 1, status: "draft", source: "shipped", unknownItems: 3, unknownIds: ["2.3", "3", "4"] } });
    });
  });

  describe("the set in force", () => {
    const unitSet = async (version: number) =>
      (await db().criteriaSet.findUniqueOrThrow({ where: { key_version: { key: "don-vi-hoc-tap-tt22-2020", version } } })).id;

    it("refuses a draft, a set of another model, a year the set does not apply to, and anyone but an administrator", async () => {
      const draft = await unitSet(1);
      const complete = await unitSet(2);
      await expectServiceError(criteria().setInForce(admin, "UNIT", 2026, draft), "criteria_draft", { key: "don-vi-hoc-tap-tt22-2020", version: 1, ids: "3.2" });
      await expectServiceError(criteria().setInForce(admin, "FAMILY", 2026, complete), "criteria_wrong_model", { version: 2 });
      await expectServiceError(criteria().setInForce(admin, "UNIT", 2019, complete), "criteria_wrong_year", { year: "2019" });
      await expectServiceError(criteria().setInForce(coordinator, "UNIT", 2026, complete), "forbidden");
      await expectServiceError(criteria().setInForce(admin, "UNIT", 2026, 999_999), "not_found");
      await expectServiceError(criteria().setInForce(admin, "VILLAGE" as never, 2026, complete), "bad_input");
      expect(await db().criteriaInForce.count()).toBe(0);
      expect(await criteria().inForce("UNIT", 2026)).toBeNull();
    });

    it("puts a complete set in force for a year (audited); the lookup returns the parsed set", async () => {
      const complete = await unitSet(2);
      const result = await criteria().setInForce(admin, "UNIT", 2026, complete);
      expect(result).toMatchObject({ model: "UNIT", year: 2026, changed: true, set: { id: complete, version: 2 } });
      expect(await db().auditLog.findMany({ where: { action: "criteria.in_force" } })).toMatchObject([
        { actorTelegramId: 1n, entity: "CriteriaInForce", before: null, after: { model: "UNIT", year: 2026, criteriaSetId: complete, version: 2 } },
      ]);
      const found = await criteria().inForce("UNIT", 2026);
      expect(found).toMatchObject({ id: complete, key: "don-vi-hoc-tap-tt22-2020", version: 2, set: { model: "UNIT", status: "in_force", maxPoints: 100 } });
      expect(found!.set.groups[2]!.items[1]!.text?.en).toBe("TEST ITEM — not the circular's text");
      expect(await criteria().inForce("UNIT", 2027)).toBeNull();
      expect(await criteria().inForce("FAMILY", 2026)).toBeNull();

      // Again: nothing changes, nothing audited.
      expect(await criteria().setInForce(admin, "UNIT", 2026, complete)).toMatchObject({ changed: false });
      expect(await db().auditLog.count({ where: { action: "criteria.in_force" } })).toBe(1);
    });

    it("another version replaces it for that year only; the audit keeps the one before", async () => {
      const v2 = await unitSet(2);
      const v3 = await criteria().uploadCriteria(admin, await completed({ version: 3, years: { from: 2026, to: 2026 } }));
      if (!v3.ok) throw new Error("v3 refused");
      await expectServiceError(criteria().setInForce(admin, "UNIT", 2027, v3.set.id), "criteria_wrong_year");
      await criteria().setInForce(admin, "UNIT", 2027, v2);
      await criteria().setInForce(admin, "UNIT", 2026, v3.set.id);
      expect((await criteria().inForce("UNIT", 2026))?.version).toBe(3);
      expect((await criteria().inForce("UNIT", 2027))?.version).toBe(2);
      const last = await db().auditLog.findFirstOrThrow({ where: { action: "criteria.in_force" }, orderBy: { id: "desc" } });
      expect(last).toMatchObject({ before: { year: 2026, criteriaSetId: v2 }, after: { year: 2026, criteriaSetId: v3.set.id } });
    });

    it("the administrator's table and list: per model, which set is in force and the years of each", async () => {
      const table = await criteria().inForceTable(admin, 2026);
      expect(table.map((r) => [r.model, r.set?.version ?? null])).toEqual([["FAMILY", null], ["CLAN", null], ["COMMUNITY", null], ["UNIT", 3]]);
      const units = await criteria().listCriteriaSets(admin, "UNIT");
      expect(units.map((s) => [s.version, s.status, s.inForceYears])).toEqual([[3, "in_force", [2026]], [2, "in_force", [2027]], [1, "draft", []]]);
      const all = await criteria().listCriteriaSets(admin);
      expect(all.map((s) => `${s.model} ${s.version}`)).toEqual(["FAMILY 2", "FAMILY 1", "UNIT 3", "UNIT 2", "UNIT 1"]);
      await expectServiceError(criteria().listCriteriaSets(coordinator), "forbidden");
      await expectServiceError(criteria().inForceTable(coordinator, 2026), "forbidden");
    });

    it("anyone's service may read a stored set by id, parsed", async () => {
      const draftId = (await db().criteriaSet.findUniqueOrThrow({ where: { key_version: { key: "gia-dinh-hoc-tap-448", version: 1 } } })).id;
      const read = await criteria().getCriteriaSet(draftId);
      expect(read).toMatchObject({ id: draftId, key: "gia-dinh-hoc-tap-448", version: 1, set: { model: "FAMILY", status: "draft", rule: null } });
      expect(read.set.groups.map((g) => g.id)).toEqual(["1", "2", "3", "4"]);
      await expectServiceError(criteria().getCriteriaSet(999_999), "not_found");
    });
  });
});
