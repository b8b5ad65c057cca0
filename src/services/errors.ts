// Errors that services raise for the person to read. `code` is a locale key
// suffix (errors-<code>); params fill the message. Anything else that a
// service throws is a bug and is logged, not shown.
export type ServiceErrorCode =
  | "forbidden"
  | "not_found"
  | "unit_not_found"
  | "unit_retired"
  | "member_not_found"
  | "invite_unknown"
  | "invite_expired"
  | "invite_revoked"
  | "invite_used_up"
  | "already_member"
  | "request_not_found"
  | "request_already_decided"
  | "request_pending"
  | "move_into_own_subtree"
  | "merge_into_self"
  | "merge_into_descendant"
  | "duplicate_code"
  | "bad_name"
  | "bad_code"
  | "self_change"
  | "role_not_allowed"
  | "bad_invite"
  | "bad_input"
  | "drive_exists"
  | "drive_not_found"
  | "opening_not_found"
  | "uses_exceed_collected"
  | "date_in_future"
  | "date_before_drive"
  | "opening_approved"
  | "opening_changed"
  | "case_not_found"
  | "case_closed"
  | "consent_required"
  | "pupil_too_young"
  | "pupil_too_old"
  | "status_not_allowed"
  | "sponsor_kind_exists"
  | "sponsor_kind_last"
  // learning models
  | "already_registered"
  | "registration_year"
  | "registration_not_found"
  | "evaluation_not_found"
  | "no_criteria_in_force"
  | "bad_answer"
  | "evaluation_not_open"
  | "evaluation_incomplete"
  | "evaluation_not_submitted"
  | "evaluation_changed"
  | "self_review"
  | "not_approved"
  | "not_recognised"
  | "criteria_version_exists"
  | "criteria_draft"
  | "criteria_wrong_model"
  | "criteria_wrong_year"
  // unit reports
  | "report_not_found"
  | "report_no_template"
  | "report_unit_kind"
  | "report_period_future"
  | "report_not_open"
  | "report_incomplete"
  | "report_not_submitted"
  | "report_changed"
  | "bad_report_answer"
  // deadlines calendar
  | "deadline_not_found"
  | "deadline_changed"
  // broadcasts
  | "broadcast_not_found"
  | "broadcast_empty"
  | "broadcast_too_long"
  | "broadcast_in_past"
  | "broadcast_too_far"
  | "broadcast_no_recipients"
  | "broadcast_finished"
  | "broadcast_no_ack"
  | "broadcast_not_started"
  | "broadcast_already_reminded"
  // stats and exports
  | "stats_period_future"
  | "export_period_future";

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = "ServiceError";
  }
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError;
}
