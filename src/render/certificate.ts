// The certificate of a recognised learning family, clan, community or unit
// (giấy chứng nhận) as a PNG picture, landscape like an A4 sheet. The words
// come translated from the caller; this file only lays them out: long names
// shrink to fit, long lines wrap.
import { fitSize, FONT_FAMILY, renderPng, svgText, textWidth, wrapText } from "./pictures.ts";

export interface CertificateTexts {
  /** the unit that recognised it, e.g. "HỘI KHUYẾN HỌC XÃ MÃN ĐỨC" */
  issuer: string;
  /** "GIẤY CHỨNG NHẬN" */
  heading: string;
  /** "Chứng nhận gia đình ông (bà)" */
  lead: string;
  /** the family's head, the clan, the community or the unit */
  name: string;
  /** the village and the branch */
  details: string;
  /** "đạt danh hiệu" */
  titleLead: string;
  /** "GIA ĐÌNH HỌC TẬP" */
  title: string;
  /** "năm 2026" */
  year: string;
  /** the score, the grade and the criteria set it was scored with */
  result: string;
  /** "Ngày 30 tháng 11 năm 2026" */
  date: string;
  /** "Số: 12/2026" */
  serial: string;
  /** "Cấp qua khuyenhoc-bot" */
  footer: string;
}

const WIDTH = 1600;
const HEIGHT = 1131;
const CENTRE = WIDTH / 2;
const TEXT_WIDTH = 1300;
const RED = "#b3261e";
const NAVY = "#1a2a6c";
const GOLD = "#b8860b";
const INK = "#333333";

type Weight = 400 | 600 | 700;

function line(text: string, y: number, size: number, opts: { weight?: Weight; fill?: string; italic?: boolean; x?: number; anchor?: string; spacing?: number } = {}): string {
  const { weight = 400, fill = INK, italic = false, x = CENTRE, anchor = "middle", spacing = 0 } = opts;
  const style = italic ? ' font-style="italic"' : "";
  const letter = spacing ? ` letter-spacing="${spacing}"` : "";
  return `<text x="${x}" y="${y}" font-family="${FONT_FAMILY}" font-size="${size}" font-weight="${weight}"${style}${letter} fill="${fill}" text-anchor="${anchor}">${svgText(text)}</text>`;
}

/** A small diamond ornament flanked by two gold rules, centred at y. */
function ornament(y: number, half: number): string {
  return [
    `<line x1="${CENTRE - half}" y1="${y}" x2="${CENTRE - 18}" y2="${y}" stroke="${GOLD}" stroke-width="2"/>`,
    `<polygon points="${CENTRE},${y - 10} ${CENTRE + 10},${y} ${CENTRE},${y + 10} ${CENTRE - 10},${y}" fill="${GOLD}"/>`,
    `<line x1="${CENTRE + 18}" y1="${y}" x2="${CENTRE + half}" y2="${y}" stroke="${GOLD}" stroke-width="2"/>`,
  ].join("");
}

function corners(): string {
  const at = [[78, 78, 1, 1], [WIDTH - 78, 78, -1, 1], [78, HEIGHT - 78, 1, -1], [WIDTH - 78, HEIGHT - 78, -1, -1]] as const;
  return at.map(([x, y, dx, dy]) =>
    `<path d="M ${x} ${y + dy * 60} L ${x} ${y} L ${x + dx * 60} ${y}" fill="none" stroke="${GOLD}" stroke-width="5"/>`
    + `<circle cx="${x + dx * 14}" cy="${y + dy * 14}" r="6" fill="${RED}"/>`).join("");
}

export function certificateSvg(t: CertificateTexts): string {
  const nameSize = fitSize(t.name, 74, TEXT_WIDTH, true, 30);
  const titleSize = fitSize(t.title, 78, TEXT_WIDTH, true, 36);
  const details = wrapText(t.details, 30, TEXT_WIDTH, 2);
  const result = wrapText(t.result, 24, TEXT_WIDTH, 2);
  const issuerSize = fitSize(t.issuer, 32, TEXT_WIDTH, true, 18);
  const headingSize = fitSize(t.heading, 86, TEXT_WIDTH, true, 40);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fffcf2"/>`,
    `<rect x="30" y="30" width="${WIDTH - 60}" height="${HEIGHT - 60}" fill="none" stroke="${GOLD}" stroke-width="14"/>`,
    `<rect x="58" y="58" width="${WIDTH - 116}" height="${HEIGHT - 116}" fill="none" stroke="${RED}" stroke-width="3"/>`,
    corners(),
    line(t.issuer, 150, issuerSize, { weight: 600, fill: RED, spacing: 1 }),
    ornament(185, Math.min(360, textWidth(t.issuer, issuerSize, true) / 2 + 40)),
    line(t.heading, 300, headingSize, { weight: 700, fill: RED, spacing: 4 }),
    line(t.lead, 380, 36, { italic: true }),
    line(t.name, 475, nameSize, { weight: 700, fill: NAVY }),
    ...details.map((text, i) => line(text, 535 + i * 40, 30)),
    line(t.titleLead, 640, 34, { italic: true }),
    line(t.title, 735, titleSize, { weight: 700, fill: RED, spacing: 2 }),
    line(t.year, 805, 44, { weight: 600, fill: NAVY }),
    ornament(845, 220),
    ...result.map((text, i) => line(text, 895 + i * 34, 24, { fill: "#555555" })),
    line(t.date, 1000, 28, { italic: true, x: 1170 }),
    line(t.serial, 1010, 24, { x: 130, anchor: "start", fill: "#555555" }),
    line(t.footer, 1045, 20, { x: 130, anchor: "start", fill: "#888888" }),
    "</svg>",
  ];
  return parts.join("\n");
}

/** The certificate as a PNG, 1600 × 1131 pixels. */
export function renderCertificate(texts: CertificateTexts): Buffer {
  return renderPng(certificateSvg(texts));
}
