// The certificate picture: a real PNG of the expected size whose words are
// really drawn with the shipped fonts (resvg draws no text at all without a
// font, so a picture with text is several times larger than its frame alone).
import { describe, expect, it } from "vitest";
import { certificateSvg, renderCertificate, type CertificateTexts } from "../../src/render/certificate.ts";
import { fitSize, renderPng, svgText, textWidth, wrapText } from "../../src/render/pictures.ts";

const texts: CertificateTexts = {
  issuer: "HỘI KHUYẾN HỌC XÃ MÃN ĐỨC", heading: "GIẤY CHỨNG NHẬN", lead: "Chứng nhận gia đình ông (bà)", name: "Đinh Thị Thu",
  details: "Xóm Đồi · Chi hội xóm Đồi, xã Mãn Đức", titleLead: "đạt danh hiệu", title: "GIA ĐÌNH HỌC TẬP", year: "năm 2026",
  result: "Kết quả tự đánh giá: 95/100 điểm, xếp loại Đạt — theo Bộ tiêu chí (Quyết định 448/QĐ-KHVN, 01/12/2015), phiên bản 3",
  date: "Ngày 30 tháng 11 năm 2026", serial: "Số: 12/2026", footer: "Cấp qua khuyenhoc-bot",
};
const blank = Object.fromEntries(Object.keys(texts).map((k) => [k, ""])) as unknown as CertificateTexts;

/** Width and height from the PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("the certificate picture", () => {
  it("is a 1600 × 1131 PNG whose text is drawn", () => {
    const png = renderCertificate(texts);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngSize(png)).toEqual({ width: 1600, height: 1131 });
    const frameOnly = renderCertificate(blank);
    expect(png.length).toBeGreaterThan(frameOnly.length * 3);
    // Another name draws another picture.
    expect(renderCertificate({ ...texts, name: "Lò Thị Pằng" }).equals(png)).toBe(false);
  });

  it("draws Vietnamese letters with the shipped font, whatever the machine has: every diacritic gives ink", () => {
    const svg = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="80"><text x="10" y="55" font-size="40">${svgText(text)}</text></svg>`;
    const empty = renderPng(svg("")).length;
    for (const word of ["Đặng", "Nguyễn", "Hưởng", "Phượng"]) expect(renderPng(svg(word)).length, word).toBeGreaterThan(empty * 2);
  });

  it("escapes markup and composes decomposed letters (NFD → NFC)", () => {
    expect(svgText("A & <b>\"")).toBe("A &amp; &lt;b&gt;&quot;");
    const decomposed = "Nguyễn".normalize("NFD");
    expect(svgText(decomposed)).toBe("Nguyễn".normalize("NFC"));
    expect(certificateSvg({ ...texts, name: "<Trần & Lê>" })).toContain("&lt;Trần &amp; Lê&gt;");
  });

  it("shrinks a long name to fit the sheet, and wraps a long line into at most the lines asked", () => {
    const long = "Trường Phổ thông Dân tộc Bán trú Trung học cơ sở Chiềng Châu, huyện Mai Châu";
    const size = fitSize(long, 74, 1300, true, 30);
    expect(size).toBeLessThan(74);
    expect(textWidth(long, size, true)).toBeLessThanOrEqual(1300);
    expect(fitSize("Đinh Thị Thu", 74, 1300, true)).toBe(74);
    const lines = wrapText(`${long} ${long} ${long}`, 30, 1300, 2);
    expect(lines).toHaveLength(2);
    expect(textWidth(lines[0]!, 30)).toBeLessThanOrEqual(1300);
    expect(lines.join(" ")).toBe(`${long} ${long} ${long}`);
  });
});
