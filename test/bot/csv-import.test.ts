// An administrator extends the unit tree by sending a CSV file: checked first
// (every error with its line, nothing saved), then imported after "Nhập".
// Anyone else who sends a file is politely refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestChat } from "../helpers/telegram.ts";
import { type BotHarness, startHarness, t } from "../helpers/bot.ts";

let h: BotHarness;
let admin: TestChat;
beforeAll(async () => {
  h = await startHarness();
  admin = h.adminChat();
});
afterAll(async () => {
  await h.close();
});

const vi = (key: string, vars?: Record<string, string | number>) => t("vi", key, vars);
const units = () => h.prisma.unit.count();

const GOOD = [
  "ma,ten,loai,ma_cap_tren",
  "HB-CP-TT,Thị trấn Cao Phong,thị trấn,HB-CP",
  "HB-CP-TT-01,Chi hội khu 2,chi hội,HB-CP-TT",
  "HB-CP,Huyện Cao Phong (cũ),huyện,HB",
].join("\r\n");

const BAD = [
  "ma,ten,loai,ma_cap_tren",
  "X-1,Xã Một,xã,KHONG-CO",
  "X-2,Xã Hai,xã,HB",
  "X-2,Xã Hai lặp,xã,HB",
  "X-3,Xã Ba,hành tinh,HB",
  "X-4,Xã Bốn,xã,X-5",
  "X-5,Xã Năm,xã,X-4",
].join("\n");

describe("CSV import by an administrator", () => {
  it("/import explains the format", async () => {
    await admin.send("/import");
    expect(admin.texts()).toEqual([vi("import-help")]);
  });

  it("a good file (UTF-8 with BOM): preview → Nhập → units created and updated", async () => {
    const before = await units();
    await admin.sendDocument("don-vi.csv", `\uFEFF${GOOD}`);
    expect(admin.calls("sendChatAction")).toHaveLength(1);
    expect(admin.calls("getFile")).toHaveLength(1);
    expect(admin.texts()).toEqual([vi("import-preview", { created: 2, updated: 1, encoding: "utf-8-bom" })]);
    expect(await units()).toBe(before); // nothing before the confirmation
    await admin.press(vi("btn-import-go"));
    expect(admin.texts()).toEqual([vi("import-done", { created: 2, updated: 1 })]);
    expect(await units()).toBe(before + 2);
    const town = await h.unit("HB-CP-TT");
    const district = await h.unit("HB-CP");
    expect(district.name).toBe("Huyện Cao Phong (cũ)");
    expect(town).toMatchObject({ kind: "COMMUNE", parentId: district.id, path: `${district.path}${town.id}/`, isExample: false });
    expect((await h.unit("HB-CP-TT-01")).parentId).toBe(town.id);
    expect(await h.prisma.auditLog.count({ where: { action: "units.import", actorTelegramId: 1n } })).toBe(1);

    await admin.pressData("impgo", { messageId: admin.tg.botMessages(1).at(-2)!.message_id }); // an old copy pressed again
    expect(admin.answeredCallbacks()).toMatchObject([{ text: vi("stale-button"), ok: true }]);
    expect(await units()).toBe(before + 2);
  });

  it("a file with errors: every error with its line number, nothing saved", async () => {
    const before = await units();
    await admin.sendDocument("loi.csv", BAD);
    const text = admin.lastText()!;
    expect(text.split("\n")[0]).toBe(vi("csv-rejected", { count: 4 }));
    expect(text).toContain(`${vi("csv-line", { line: 2 })}: ${vi("csv-error-missing-parent", { code: "X-1", parent: "KHONG-CO" })}`);
    expect(text).toContain(`${vi("csv-line", { line: 4 })}: ${vi("csv-error-duplicate-code", { code: "X-2", firstLine: 3 })}`);
    expect(text).toContain(`${vi("csv-line", { line: 5 })}: ${vi("csv-error-unknown-kind", { kind: "hành tinh" })}`);
    expect(text).toContain(`${vi("csv-line", { line: 6 })}: ${vi("csv-error-cycle", { codes: "X-4 → X-5 → X-4" })}`);
    expect(admin.buttons()).not.toContain(vi("btn-import-go"));
    expect(await units()).toBe(before);
  });

  it("a file that is not text is refused with a reason", async () => {
    await admin.sendDocument("bang.xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff, 0xfe, 0, 1, 2, 3]), "application/zip");
    expect(admin.lastText()?.startsWith(vi("csv-rejected", { count: 1 }))).toBe(true);
  });

  it("cancelling the preview imports nothing", async () => {
    const before = await units();
    await admin.sendDocument("them.csv", "ma,ten,loai,ma_cap_tren\nHB-YT-01,Xã Lạc Thịnh,xã,HB-YT\n");
    await admin.press(vi("btn-cancel"));
    expect(admin.texts()).toEqual([vi("flow-cancelled")]);
    expect(await units()).toBe(before);
  });

});

describe("files from anyone else", () => {
  it("a newcomer and a coordinator sending a document are politely refused; nothing is read", async () => {
    await h.makeMember(701, "HB-TL", "COORDINATOR", "Điều Phối");
    for (const chat of [h.chat(), h.chat({ id: 701 })]) {
      const before = await units();
      await chat.sendDocument("don-vi.csv", GOOD);
      expect(chat.texts()).toEqual([vi("import-files-admin-only")]);
      expect(chat.calls("getFile")).toEqual([]);
      expect(await units()).toBe(before);
      await chat.pressData("impgo");
      expect(chat.answeredCallbacks()).toMatchObject([{ text: vi("stale-button"), ok: true }]);
    }
  });
});

// Last in the file: it removes the example units the tests above rely on.
describe("replacing the example tree", () => {
  it("the example data can be removed from /import, after a confirmation", async () => {
    const examples = () => h.prisma.unit.count({ where: { isExample: true } });
    const before = await examples();
    await admin.send("/import");
    await admin.press(vi("btn-remove-examples"));
    expect(admin.lastText()).toBe(vi("import-remove-examples-confirm"));
    await admin.press(vi("btn-remove-examples-yes"));
    const after = await examples();
    expect(after).toBeLessThan(before);
    expect(admin.lastText()).toBe(vi("import-examples-removed", { removed: before - after, kept: after }));
  });
});
