// Every Vietnamese word the spreadsheets carry (issue 8): sheet names, column
// headings, the labels of statuses and kinds. The files are made for
// Vietnamese coordinators and archives, so — unlike the chat, which speaks
// through locales/*.ftl — their text lives here, in one table that is easy to
// find and to correct. Field labels of the summary come from the report
// template itself (criteria/reports/*.json).
import type { ReportPeriod } from "../domain/reports.ts";

export const SHEET_NAMES = {
  summary: "Tổng hợp",
  reports: "Báo cáo đơn vị",
  piggy: "Lợn nhựa",
  sponsorship: "Đỡ đầu",
  learning: "Gia đình học tập",
} as const;

export const HEADINGS = {
  summary: {
    item: "Chỉ tiêu",
    reported: "Tổng theo báo cáo đã nộp",
    known: "Số liệu ghi nhận trên bot",
    section: "Phần",
    unit: "Đơn vị",
    period: "Kỳ báo cáo",
    from: "Từ ngày",
    to: "Đến ngày",
    exportedAt: "Ngày xuất",
    included: "Báo cáo đã được tổng hợp",
    missing: "Đơn vị chưa nộp báo cáo",
    none: "(không có)",
  },
  reports: {
    unit: "Đơn vị",
    status: "Tình trạng",
    submittedAt: "Ngày nộp",
    late: "Nộp muộn",
  },
  piggy: {
    openedOn: "Ngày mổ lợn",
    unit: "Đơn vị",
    schoolYear: "Năm học",
    banksOpened: "Số lợn đã mổ",
    amountCollected: "Số tiền thu được",
    scholarshipCount: "Số suất học bổng",
    scholarshipAmount: "Giá trị học bổng",
    suppliesAmount: "Mua đồ dùng học tập",
    fundAmount: "Đưa vào quỹ khuyến học",
    otherAmount: "Chi khác",
    status: "Tình trạng",
  },
  sponsorship: {
    pupil: "Học sinh",
    birthYear: "Năm sinh",
    grade: "Lớp",
    unit: "Đơn vị",
    status: "Tình trạng",
    sponsorKind: "Người đỡ đầu",
    support: "Hình thức hỗ trợ",
    monthlyAmount: "Tiền hỗ trợ hằng tháng",
    startedOn: "Ngày nhận đỡ đầu",
  },
  learning: {
    model: "Mô hình",
    name: "Tên",
    village: "Thôn, xóm",
    unit: "Đơn vị",
    year: "Năm",
    status: "Tình trạng",
    score: "Điểm",
    grade: "Xếp loại",
  },
} as const;

export const YES = "Có";
export const NO = "Không";
/** A pupil whose personal data was deleted on request. */
export const ANONYMISED = "(đã xoá theo yêu cầu)";

export function periodLabel(year: number, period: ReportPeriod): string {
  return period === "H1" ? `6 tháng đầu năm ${year}` : `Năm ${year}`;
}

/** "2025–2026" */
export function schoolYearText(start: number): string {
  return `${start}–${start + 1}`;
}

export const REPORT_STATUS: Record<string, string> = {
  NONE: "Chưa bắt đầu",
  DRAFT: "Đang soạn",
  SUBMITTED: "Đã nộp",
  REOPENED: "Mở lại để sửa",
};

export const OPENING_STATUS: Record<string, string> = {
  SUBMITTED: "Chờ duyệt",
  NEEDS_CORRECTION: "Cần sửa",
  APPROVED: "Đã duyệt",
};

export const CASE_STATUS: Record<string, string> = {
  ACTIVE: "Đang theo dõi",
  AT_RISK: "Cần chú ý",
  DROPPED_OUT: "Đã bỏ học",
  RETURNED: "Đã trở lại trường",
  COMPLETED: "Đã học xong cấp",
  TRANSFERRED: "Chuyển đơn vị khác theo dõi",
};

export const SUPPORT_KIND: Record<string, string> = {
  MONEY: "Tiền hằng tháng",
  SUPPLIES: "Sách vở, đồ dùng học tập",
  TUTORING: "Dạy kèm, phụ đạo",
  BICYCLE: "Xe đạp",
  OTHER: "Hỗ trợ khác",
};

export const LEARNING_MODEL: Record<string, string> = {
  FAMILY: "Gia đình học tập",
  CLAN: "Dòng họ học tập",
  COMMUNITY: "Cộng đồng học tập",
  UNIT: "Đơn vị học tập",
};

/** NONE: registered, no self-evaluation yet. */
export const EVALUATION_STATUS: Record<string, string> = {
  NONE: "Đã đăng ký, chưa tự đánh giá",
  IN_PROGRESS: "Đang tự đánh giá",
  SUBMITTED: "Đã gửi, chờ xét",
  RETURNED: "Được trả lại để sửa",
  APPROVED: "Đã được duyệt",
  REJECTED: "Không được duyệt",
  RECOGNISED: "Đã được công nhận",
};
