import { describe, expect, it } from "vitest";
import { barChartPng, type BarChart } from "../../src/render/charts.ts";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk (right after the signature). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const communes: BarChart = {
  title: "Tiền mổ lợn theo xã — 6 tháng đầu năm 2026",
  labels: ["Xã Mãn Đức", "Xã Chiềng Châu", "Phường Ỷ La", "Xã Ứng Hòa"],
  series: [{ name: "Đã thu", values: [3_500_000, 12_000_000, 700_000, 9_000_000] }],
  valueFormat: "money",
  locale: "vi",
  width: 640,
  height: 360,
};

describe("bar charts as PNG", () => {
  it("draws a PNG of the requested size", async () => {
    const png = await barChartPng(communes);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 640, height: 360 });
  });

  it("sizes itself to the bars when no size is asked for", async () => {
    const few = pngSize(await barChartPng({ ...communes, width: undefined, height: undefined }));
    const many = pngSize(await barChartPng({
      ...communes, width: undefined, height: undefined,
      labels: Array.from({ length: 20 }, (_, i) => `Chi hội số ${i + 1}`), series: [{ name: "Đã thu", values: Array.from({ length: 20 }, (_, i) => i * 100_000) }],
    }));
    expect(few.width).toBe(800);
    expect(many.height).toBeGreaterThan(few.height * 2);
  });

  it("really draws the text: the same chart without its words is clearly smaller", async () => {
    const withText = await barChartPng(communes);
    const withoutText = await barChartPng({ ...communes, title: "", labels: communes.labels.map(() => "") });
    expect(withText.length).toBeGreaterThan(withoutText.length * 1.3);
  });

  it("draws every Vietnamese diacritic, whichever Unicode form the names come in", async () => {
    const vietnamese = await barChartPng(communes);
    const plain = await barChartPng({ ...communes, title: "Tien mo lon theo xa — 6 thang dau nam 2026", labels: ["Xa Man Duc", "Xa Chieng Chau", "Phuong Y La", "Xa Ung Hoa"] });
    // The marks are ink of their own: more to compress than the bare letters.
    expect(vietnamese.length).toBeGreaterThan(plain.length);
    // Decomposed input (some phone keyboards) is drawn exactly like composed input.
    const decomposed = await barChartPng({ ...communes, title: communes.title.normalize("NFD"), labels: communes.labels.map((l) => l.normalize("NFD")) });
    expect(decomposed.equals(vietnamese)).toBe(true);
    // A line of every accented letter is drawn (a font without them would drop or box them).
    const all = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ";
    const accented = await barChartPng({ ...communes, labels: [all.slice(0, 18), all.slice(18, 36), all.slice(36, 54), all.slice(54).toLowerCase()] });
    const bare = await barChartPng({ ...communes, labels: communes.labels.map(() => "") });
    expect(accented.length).toBeGreaterThan(bare.length * 1.3);
  });

  it("draws several series with a legend, counts and percentages", async () => {
    const completeness = await barChartPng({
      title: "Reports submitted", labels: ["Mãn Đức", "Chiềng Châu"], locale: "en", valueFormat: "count",
      series: [{ name: "Owed", values: [3, 2] }, { name: "Submitted", values: [1, 2] }],
    });
    expect(completeness.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const share = await barChartPng({ title: "Tỷ lệ", labels: ["Mãn Đức"], locale: "vi", valueFormat: "percent", series: [{ name: "%", values: [66.7] }] });
    expect(pngSize(share).width).toBe(800);
  });
});
