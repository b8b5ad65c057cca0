// How long drawing a certificate takes in the bot's process (the event loop is
// busy meanwhile), against the same sheet without its words in the same run
// (the frame, the fill and the PNG encoding are the rest of the work).
// Run: npm run bench:certificate
import { renderCertificate, type CertificateTexts } from "../src/render/certificate.ts";

const RUNS = 25;
const texts: CertificateTexts = {
  issuer: "HỘI KHUYẾN HỌC XÃ MÃN ĐỨC", heading: "GIẤY CHỨNG NHẬN", lead: "Chứng nhận gia đình ông (bà)", name: "Nguyễn Thị Phượng",
  details: "Xóm Đồi · Chi hội xóm Đồi, xã Mãn Đức", titleLead: "đạt danh hiệu", title: "GIA ĐÌNH HỌC TẬP", year: "năm 2026",
  result: "Kết quả tự đánh giá: 95/100 điểm, xếp loại Đạt — theo Bộ tiêu chí gia đình học tập (Quyết định 448/QĐ-KHVN, 01/12/2015), phiên bản 3",
  date: "Ngày 30 tháng 11 năm 2026", serial: "Số: 12/2026", footer: "Cấp qua khuyenhoc-bot",
};
const frame = Object.fromEntries(Object.keys(texts).map((k) => [k, ""])) as unknown as CertificateTexts;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function time(t: CertificateTexts): { ms: number; bytes: number } {
  renderCertificate(t); // warm up (fonts loaded, code compiled)
  const runs: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    bytes = renderCertificate(t).length;
    runs.push(performance.now() - started);
  }
  return { ms: median(runs), bytes };
}

const base = time(frame);
const full = time(texts);
console.log(`frame only:       ${base.ms.toFixed(1)} ms, ${base.bytes} bytes (median of ${RUNS})`);
console.log(`full certificate: ${full.ms.toFixed(1)} ms, ${full.bytes} bytes (median of ${RUNS})`);
console.log(`RESULT certificate_ms=${full.ms.toFixed(1)} ratio_to_frame=${(full.ms / base.ms).toFixed(2)} png_kb=${Math.round(full.bytes / 1024)}`);
