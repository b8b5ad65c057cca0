import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Person } from "../../src/services/access.ts";
import { ServiceError } from "../../src/services/errors.ts";
import { seedExampleTree, type ImportOutcome } from "../../src/services/unit-import.ts";
import { freshServices, TEST_DATABASES, type TestEnv } from "../helpers/db.ts";
import { encodeWindows1258 } from "../helpers/encoding.ts";

const EXAMPLE = readFileSync(new URL("../fixtures/units-example.csv", import.meta.url));
const utf8 = (lines: string[]) => new TextEncoder().encode(lines.join("\n"));
const HEADER = "code,name,kind,parent_code";


function errorCodes(outcome: ImportOutcome): string[] {
  if (outcome.ok) throw new Error("expected the import to fail");
  return outcome.errors.map((e) => e.code).sort();
}

describe.each(TEST_DATABASES)("unit import service on %s", (kind) => {
  let env: TestEnv;
  let admin: Person;

  beforeAll(async () => {
    env = await freshServices(kind);
    admin = await env.services.access.loadPerson(1);
  });
  afterAll(async () => {
    await env.db.close();
  });

  const db = () => env.services.deps.db;
  const byCode = async (code: string) => db().unit.findUniqueOrThrow({ where: { code } });
  /** Every unit, as the rows that must not change when an import is refused. */
  const snapshot = () => db().unit.findMany({ orderBy: { id: "asc" }, select: { id: true, code: true, name: true, parentId: true, path: true, kind: true } });

  /** Each unit's path is its parent's path plus its own id. */
  async function expectConsistentPaths(): Promise<void> {
    const units = await db().unit.findMany();
    const paths = new Map(units.map((u) => [u.id, u.path]));
    for (const u of units) expect(u.path, u.code ?? u.name).toBe(`${u.parentId === null ? "/" : paths.get(u.parentId)}${u.id}/`);
  }

  it("previews the example file without saving anything", async () => {
    const outcome = await env.services.unitImport.previewUnitImport(admin, EXAMPLE);
    expect(outcome).toEqual({ ok: true, encoding: "utf-8", created: 16, updated: 0 });
    expect(await db().unit.count()).toBe(0);
    expect(await db().auditLog.count()).toBe(0);
  });

  it("refuses people who are not administrators", async () => {
    const unit = await env.services.units.createUnit(admin, { parentId: null, name: "Tỉnh Tạm", kind: "PROVINCE", code: "TAM" });
    const member = await db().member.create({ data: { telegramId: 700n, fullName: "Điều Phối Viên", language: "vi" } });
    await db().membership.create({ data: { memberId: member.id, unitId: unit.id, role: "COORDINATOR" } });
    const coordinator = await env.services.access.loadPerson(700);
    const before = await db().unit.count();
    for (const call of [env.services.unitImport.importUnits(coordinator, EXAMPLE), env.services.unitImport.previewUnitImport(coordinator, EXAMPLE)]) {
      const error = await call.then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as ServiceError).code).toBe("forbidden");
    }
    expect(await db().unit.count()).toBe(before);
  });

  it("imports the example file: names, kinds, parents, paths and one audit row", async () => {
    const before = await db().unit.count();
    expect(await env.services.unitImport.importUnits(admin, EXAMPLE)).toEqual({ ok: true, encoding: "utf-8", created: 16, updated: 0 });
    expect(await db().unit.count()).toBe(before + 16);

    const [province, tanLac, manDuc, doi, school, bhxh] = await Promise.all(
      ["HB", "HB-TL", "HB-TL-MD", "HB-TL-MD-01", "HB-TL-THPT", "HB-LS-BHXH"].map(byCode),
    );
    expect(province).toMatchObject({ name: "Tỉnh Hòa Bình (ví dụ)", kind: "PROVINCE", parentId: null, path: `/${province!.id}/` });
    expect(tanLac).toMatchObject({ name: "Huyện Tân Lạc", kind: "DISTRICT", parentId: province!.id, searchName: "huyen tan lac" });
    expect(doi).toMatchObject({ name: "Chi hội xóm Đồi, xã Mãn Đức", kind: "BRANCH", path: `${manDuc!.path}${doi!.id}/` });
    expect(school!.kind).toBe("SCHOOL_COMMITTEE");
    expect(bhxh!.kind).toBe("AGENCY_COMMITTEE");
    expect((await byCode("HB-TL-MK")).kind).toBe("COMMUNE"); // thị trấn
    await expectConsistentPaths();

    const audit = await db().auditLog.findMany({ where: { action: "units.import" } });
    expect(audit.map((a) => [a.actorTelegramId, a.after])).toEqual([[1n, { created: 16, updated: 0, encoding: "utf-8", example: false }]]);
    expect((await env.services.units.searchUnits("man duc")).map((u) => u.name)).toContain("Xã Mãn Đức");
  });

  it("a second import renames and re-parents existing units and rewrites their subtree paths", async () => {
    const manDuc = await byCode("HB-TL-MD");
    const outcome = await env.services.unitImport.importUnits(admin, utf8([
      HEADER,
      "HB-TL-MD,Xã Mãn Đức (sáp nhập),xã,HB-LS",
      "HB-TL-MD-03,Chi hội xóm Mới,chi hội,HB-TL-MD",
      "HB-MC,Huyện Mai Châu (cũ),huyện,HB",
    ]));
    expect(outcome).toEqual({ ok: true, encoding: "utf-8", created: 1, updated: 2 });

    const [lacSon, moved, branch1, branch3] = await Promise.all(["HB-LS", "HB-TL-MD", "HB-TL-MD-01", "HB-TL-MD-03"].map(byCode));
    expect(moved).toMatchObject({ id: manDuc.id, name: "Xã Mãn Đức (sáp nhập)", parentId: lacSon!.id, path: `${lacSon!.path}${manDuc.id}/` });
    expect(branch1!.path).toBe(`${lacSon!.path}${manDuc.id}/${branch1!.id}/`);
    expect(branch3!.path).toBe(`${lacSon!.path}${manDuc.id}/${branch3!.id}/`);
    expect((await byCode("HB-MC")).name).toBe("Huyện Mai Châu (cũ)");
    await expectConsistentPaths();
  });

  it.each([
    { problem: "a missing parent", lines: ["N1,Xã Mồ Côi,xã,KHONG-CO"], codes: ["missing_parent"] },
    { problem: "a cycle", lines: ["C1,Xã Một,xã,C2", "C2,Xã Hai,xã,C1"], codes: ["cycle"] },
    { problem: "a duplicate code", lines: ["D1,Xã Trùng,xã,HB", "D1,Xã Trùng Lại,xã,HB"], codes: ["duplicate_code"] },
    { problem: "a bad kind", lines: ["K1,Xã Lạ,làng,HB"], codes: ["unknown_kind"] },
  ])("refuses a file with $problem and saves nothing, not even its good rows", async ({ lines, codes }) => {
    const before = await snapshot();
    const audits = await db().auditLog.count();
    const outcome = await env.services.unitImport.importUnits(admin, utf8([HEADER, "G1,Xã Tốt,xã,HB", "HB-TL,Huyện Tân Lạc Đổi,huyện,HB", ...lines]));
    expect(errorCodes(outcome)).toEqual(codes);
    expect(await snapshot()).toEqual(before);
    expect(await db().auditLog.count()).toBe(audits);
  });

  it("imports Windows-1258 bytes with NFC names", async () => {
    const names = ["Tỉnh Thử Nghiệm Ưu Tú", "Xã Đồng Tâm Hưởng Ứng", "Chi hội bản Lác Mường Khến"];
    const bytes = encodeWindows1258([HEADER, `W1,${names[0]},tỉnh,`, `W2,${names[1]},xã,W1`, `W3,${names[2]},chi hội,W2`].join("\r\n"));
    expect(new TextDecoder("utf-8", { fatal: false }).decode(bytes)).not.toContain(names[1]); // really not UTF-8
    expect(await env.services.unitImport.importUnits(admin, bytes)).toEqual({ ok: true, encoding: "windows-1258", created: 3, updated: 0 });
    for (const [i, code] of ["W1", "W2", "W3"].entries()) {
      const unit = await byCode(code);
      expect(unit.name).toBe(names[i]);
      expect(unit.name.normalize("NFC")).toBe(unit.name);
    }
    expect((await env.services.units.searchUnits("dong tam huong ung")).map((u) => u.name)).toEqual([names[1]]);
  });

  it("imports a UTF-8 file with a byte-order mark", async () => {
    const body = new TextEncoder().encode([HEADER, "BOM1,Tỉnh Có BOM,province,", "BOM2,Xã Có BOM,commune,BOM1"].join("\r\n"));
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
    expect(await env.services.unitImport.importUnits(admin, bytes)).toEqual({ ok: true, encoding: "utf-8-bom", created: 2, updated: 0 });
    const [root, child] = await Promise.all([byCode("BOM1"), byCode("BOM2")]);
    expect(root).toMatchObject({ name: "Tỉnh Có BOM", kind: "PROVINCE", parentId: null });
    expect(child).toMatchObject({ name: "Xã Có BOM", parentId: root.id, path: `${root.path}${child.id}/` });
  });

  it("refuses an update that would put a unit under its own descendant, through existing units", async () => {
    // Existing: CY-B ─ CY-A ─ CY-C.
    await env.services.unitImport.importUnits(admin, utf8([HEADER, "CY-B,Huyện Bê,huyện,HB", "CY-A,Xã A,xã,CY-B", "CY-C,Chi hội Xê,chi hội,CY-A"]));
    for (const rows of [
      ["CY-A,Xã A Đổi Tên,xã,CY-C"], // A under its own child
      ["CY-B,Huyện Bê Đổi Tên,huyện,CY-C"], // B under its grandchild
      ["CY-NEW,Xã Mới Toanh,xã,HB", "CY-B,Huyện Bê Đổi Tên,huyện,CY-C"], // a good row first must be undone too
    ]) {
      const before = await snapshot();
      const outcome = await env.services.unitImport.importUnits(admin, utf8([HEADER, ...rows]));
      expect(errorCodes(outcome)).toEqual(["cycle"]);
      expect(await snapshot()).toEqual(before);
    }
    await expectConsistentPaths();
  });
});

describe.each(TEST_DATABASES)("seedExampleTree on %s", (kind) => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await freshServices(kind);
  });
  afterAll(async () => {
    await env.db.close();
  });

  it("seeds the example tree into an empty database, and only into an empty one", async () => {
    const seeded = await seedExampleTree(env.services.deps);
    expect(seeded).toMatchObject({ ok: true, updated: 0 });
    const count = await env.services.deps.db.unit.count();
    expect(count).toBe(25);
    expect(await env.services.deps.db.unit.count({ where: { isExample: false } })).toBe(0);
    expect(await seedExampleTree(env.services.deps)).toBeNull();
    expect(await env.services.deps.db.unit.count()).toBe(count);
  });
});

describe.each(TEST_DATABASES)("removing the example tree on %s", (kind) => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await freshServices(kind);
    await seedExampleTree(env.services.deps);
  });
  afterAll(async () => {
    await env.db.close();
  });

  it("removes unused example units, keeps those in use and the units above them, and audits it", async () => {
    const db = env.services.deps.db;
    const admin = await env.services.access.loadPerson(1);
    const branch = await db.unit.findUniqueOrThrow({ where: { code: "HB-TL-MD-01" } });
    const district = await db.unit.findUniqueOrThrow({ where: { code: "HB-LS" } });
    // In use: a member in a branch, a real (non-example) unit under a district.
    await env.services.invites.createInvite(admin, { unitId: branch.id, role: "MEMBER", maxUses: 1, expiresAt: null });
    await env.services.units.createUnit(admin, { parentId: district.id, name: "Xã Thật", kind: "COMMUNE" });
    const stranger = await env.services.access.loadPerson(999);
    await expect(env.services.unitImport.removeExampleUnits(stranger)).rejects.toMatchObject({ code: "forbidden" });

    const result = await env.services.unitImport.removeExampleUnits(admin);
    const left = (await db.unit.findMany({ where: { isExample: true }, select: { code: true } })).map((u) => u.code).sort();
    // The branch with an invite keeps its commune, district and province; the district with a real unit keeps the province.
    expect(left).toEqual(["HB", "HB-LS", "HB-TL", "HB-TL-MD", "HB-TL-MD-01"]);
    expect(result).toEqual({ removed: 20, kept: 5 });
    expect(await db.unit.count({ where: { isExample: false } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "units.remove_examples" } })).toBe(1);
  });
});
