## Chung — nút và bước trong các biểu mẫu
btn-back = ⬅️ Quay lại
btn-cancel = ✖️ Huỷ
btn-skip = Bỏ qua
btn-save = ✅ Lưu
btn-menu = 🏠 Menu
btn-help = ❓ Hướng dẫn
btn-language = 🌐 Ngôn ngữ / Language
btn-share-phone = 📱 Gửi số điện thoại của tôi
btn-search-again = 🔎 Tìm lại
flow-cancelled = Đã huỷ. Chưa có gì được lưu. Gõ /menu để xem các việc bạn có thể làm.
flow-stopped-kept = Đã dừng. Các câu trả lời đã có vẫn được giữ; lúc nào cũng có thể làm tiếp. Gõ /menu để xem các việc bạn có thể làm.
flow-use-buttons = Xin bấm một nút ở tin nhắn phía trên (hoặc /cancel để huỷ).
flow-send-text = Xin gõ câu trả lời bằng chữ (hoặc /cancel để huỷ).
stale-button = Nút này đã cũ. Gõ /menu để bắt đầu lại.
cancel-nothing = Không có việc gì đang làm dở để huỷ.
unknown-message = Tôi chưa hiểu tin nhắn này. Bấm Menu để xem các việc bạn có thể làm, hoặc Hướng dẫn.
unknown-command = Tôi không biết lệnh này. Bấm Menu để xem các việc bạn có thể làm.
menu-hint = Gõ /menu bất cứ lúc nào để xem các việc bạn có thể làm.

## Lệnh (danh sách lệnh của Telegram)
cmd-start = Bắt đầu
cmd-menu = Các việc bạn có thể làm
cmd-me = Đơn vị và vai trò của tôi
cmd-help = Hướng dẫn sử dụng
cmd-lang = Đổi ngôn ngữ (Tiếng Việt / English)
cmd-cancel = Huỷ việc đang làm dở
cmd-units = Quản lý đơn vị
cmd-requests = Yêu cầu tham gia đang chờ
cmd-import = Nhập cây đơn vị từ tệp CSV

## Vai trò và loại đơn vị
role-member = Hội viên
role-reporter = Người báo cáo
role-coordinator = Điều phối viên
role-admin = Quản trị viên
kind-province = Tỉnh
kind-district = Huyện (cũ)
kind-commune = Xã / phường
kind-branch = Chi hội
kind-school-committee = Ban khuyến học trường
kind-agency-committee = Ban khuyến học cơ quan

## Bắt đầu
start-intro =
    Xin chào! 👋 Đây là trợ lý của <b>Hội Khuyến học</b>.
    Hội viên, chi hội và ban khuyến học các trường dùng trợ lý này để báo cáo phong trào, nhận thông báo và nhắc hạn.

    Nếu điều phối viên đã gửi cho bạn một đường dẫn mời, hãy bấm vào đường dẫn đó.
    Nếu chưa có, bạn có thể xin tham gia một đơn vị.
start-welcome-back = Chào mừng <b>{ $name }</b> quay lại! Bạn muốn làm gì?
menu-title = <b>Menu</b> — { $name }, bạn muốn làm gì?
btn-request-join = 🔎 Xin tham gia một đơn vị
btn-my-units = 🏢 Đơn vị của tôi
btn-manage-units = 🗂 Quản lý đơn vị
btn-join-requests = 📥 Yêu cầu tham gia
btn-import-units = 📄 Nhập cây đơn vị (CSV)
btn-profile = 👤 Thông tin của tôi

## Tham gia
invite-status-unknown = Mã mời này không đúng. Xin kiểm tra lại đường dẫn, hoặc hỏi điều phối viên đã gửi cho bạn.
invite-status-expired = Lời mời này đã hết hạn. Xin điều phối viên gửi cho bạn một lời mời mới.
invite-status-revoked = Lời mời này đã bị thu hồi. Xin điều phối viên gửi cho bạn một lời mời mới.
invite-status-used_up = Lời mời này đã dùng hết số lượt. Xin điều phối viên gửi cho bạn một lời mời mới.
invite-status-unit_retired = Đơn vị của lời mời này đã được sáp nhập. Xin điều phối viên gửi cho bạn một lời mời mới.
join-invite-welcome =
    Xin chào! 👋 Bạn được mời tham gia <b>{ $unit }</b> ({ $kind }) với vai trò <b>{ $role }</b>.
    Xin trả lời vài câu hỏi ngắn.
join-ask-name = Họ và tên đầy đủ của bạn là gì? (ví dụ: Nguyễn Thị Hương)
join-ask-phone = Bạn có muốn để lại số điện thoại để điều phối viên liên hệ không? Bấm nút bên dưới, gõ số, hoặc chọn «Bỏ qua».
name-error-empty = Bạn chưa gõ tên. Xin gõ họ và tên đầy đủ.
name-error-too_long = Tên quá dài (tối đa 100 ký tự). Xin gõ lại họ và tên.
name-error-no_letters = Tên phải có chữ cái. Xin gõ họ và tên đầy đủ, ví dụ: Nguyễn Thị Hương.
name-error-invalid_characters = Tên chỉ nên có chữ cái, dấu cách và dấu gạch nối. Xin gõ lại.
phone-saved = Đã ghi nhận số điện thoại.
phone-skipped = Được, không cần số điện thoại.
phone-invalid = Số điện thoại chưa đúng (ví dụ: 0912 345 678). Xin gõ lại hoặc chọn «Bỏ qua».
phone-not-yours = Xin gửi số điện thoại của chính bạn (bấm nút «Gửi số điện thoại của tôi»).
phone-none = (không có)
join-confirm =
    Xin kiểm tra lại:
    • Họ tên: <b>{ $name }</b>
    • Điện thoại: { $phone }
    • Đơn vị: <b>{ $unit }</b>
    • Vai trò: { $role }
btn-confirm-join = ✅ Đồng ý tham gia
join-done = 🎉 Bạn đã là <b>{ $role }</b> của <b>{ $unit }</b>.
request-ask-search = Bạn muốn tham gia đơn vị nào? Gõ tên đơn vị (ví dụ: Tân Lạc, Mãn Đức). Không cần gõ dấu.
request-search-short = Xin gõ ít nhất 2 chữ cái.
request-search-none = Không tìm thấy đơn vị nào có tên «{ $query }». Xin thử cách viết khác.
request-pick-unit = Tìm thấy { $count } đơn vị. Bạn chọn đơn vị nào?
request-confirm =
    Xin kiểm tra lại yêu cầu:
    • Họ tên: <b>{ $name }</b>
    • Điện thoại: { $phone }
    • Xin tham gia: <b>{ $unit }</b>
btn-send-request = 📨 Gửi yêu cầu
request-sent = Đã gửi yêu cầu tham gia <b>{ $unit }</b>. Khi điều phối viên duyệt, tôi sẽ báo cho bạn.
request-incoming =
    📥 <b>{ $name }</b> xin tham gia <b>{ $unit }</b>.
    Điện thoại: { $phone }
btn-approve = ✅ Duyệt
btn-reject = ❌ Từ chối
request-approved = 🎉 Yêu cầu tham gia <b>{ $unit }</b> của bạn đã được duyệt. Bạn đã là hội viên.
request-rejected = Rất tiếc, yêu cầu tham gia <b>{ $unit }</b> của bạn chưa được duyệt. Bạn có thể liên hệ điều phối viên của đơn vị.
request-approved-short = Đã duyệt
request-rejected-short = Đã từ chối
request-approved-by-you = Đã duyệt: <b>{ $name }</b> là hội viên của <b>{ $unit }</b>. Người đó đã được báo tin.
request-rejected-by-you = Đã từ chối yêu cầu của <b>{ $name }</b> ({ $unit }). Người đó đã được báo tin.
requests-none = Không có yêu cầu tham gia nào đang chờ.

## Thông tin của tôi, hướng dẫn, ngôn ngữ
me-not-member = Bạn chưa là hội viên của đơn vị nào. Bấm nút bên dưới để xin tham gia, hoặc dùng đường dẫn mời mà điều phối viên gửi.
me-card =
    👤 <b>{ $name }</b>
    Điện thoại: { $phone }

    { $memberships }
me-membership = • <b>{ $unit }</b> ({ $kind }, thuộc { $parent }) — { $role }
me-admin = • Quản trị viên toàn hệ thống
help-common =
    <b>Hướng dẫn</b>
    /menu — các việc bạn có thể làm
    /me — đơn vị và vai trò của bạn
    /lang — đổi ngôn ngữ
    /cancel — huỷ việc đang làm dở (không lưu gì)
help-newcomer = Bạn chưa là hội viên. Hãy bấm vào đường dẫn mời mà điều phối viên gửi, hoặc chọn «Xin tham gia một đơn vị» trong /menu.
help-member =
    Trong «Đơn vị của tôi» bạn xem được thông tin đơn vị mình. Ở mỗi bước đều có nút «Quay lại» và «Huỷ».
    /piggy — lợn nhựa khuyến học: các đợt nuôi lợn, ghi và sửa lần mổ lợn
help-coordinator =
    <b>Điều phối viên</b>
    /units — quản lý đơn vị: thêm đơn vị trực thuộc, đổi tên, chuyển, sáp nhập
    Trong thẻ đơn vị: «Lời mời» để tạo đường dẫn mời, «Thành viên» để đổi vai trò hoặc xoá thành viên.
    /requests — duyệt các yêu cầu tham gia
help-admin =
    <b>Quản trị viên</b>
    /import — nhập cây đơn vị: gửi tệp CSV vào cuộc trò chuyện này.
lang-choose = Chọn ngôn ngữ / Choose your language:
lang-name-vi = 🇻🇳 Tiếng Việt
lang-name-en = 🇬🇧 English
lang-set = Đã chuyển sang Tiếng Việt.

## Đơn vị
units-mine = Đơn vị của bạn:
units-managed = Các đơn vị bạn quản lý:
units-none = Chưa có đơn vị nào ở đây.
units-children = Đơn vị trực thuộc ({ $count }), trang { $page }/{ $pages }:
unit-card =
    🏢 <b>{ $name }</b>
    Loại: { $kind }
    Thuộc: { $parent }
    Mã: { $code }
    Đơn vị trực thuộc: { $children } · Thành viên: { $members }
unit-retired = ⚠️ Đơn vị này đã sáp nhập vào <b>{ $into }</b>; hồ sơ cũ vẫn được giữ.
btn-unit-children = 📂 Trực thuộc ({ $count })
btn-unit-add-child = ➕ Thêm đơn vị trực thuộc
btn-unit-members = 👥 Thành viên
btn-unit-invites = ✉️ Lời mời
btn-unit-rename = ✏️ Đổi tên
btn-unit-move = ↪️ Chuyển
btn-unit-merge = 🔗 Sáp nhập
btn-unit-up = ⬆️ Cấp trên
btn-unit-back = ⬅️ Về đơn vị
unit-create-kind = Thêm đơn vị trực thuộc <b>{ $parent }</b>. Đơn vị mới thuộc loại nào?
unit-create-name = Tên của { $kind } mới là gì?
unit-create-code = Mã đơn vị (không bắt buộc, chỉ chữ không dấu, số, dấu chấm, gạch ngang; ví dụ HB-TL-01):
unit-code-invalid = Mã chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang (tối đa 40 ký tự). Xin gõ lại hoặc bấm «Bỏ qua».
unit-create-confirm =
    Xin kiểm tra lại:
    • Tên: <b>{ $name }</b>
    • Loại: { $kind }
    • Thuộc: { $parent }
    • Mã: { $code }
unit-created = ✅ Đã thêm <b>{ $name }</b>.
unit-name-error-empty = Bạn chưa gõ tên đơn vị.
unit-name-error-too_long = Tên quá dài (tối đa 150 ký tự).
unit-name-error-no_letters = Tên đơn vị phải có chữ cái.
unit-name-error-invalid_characters = Tên đơn vị có ký tự không dùng được (biểu tượng cảm xúc, xuống dòng…). Xin gõ lại.
unit-rename-ask = Tên mới của <b>{ $name }</b> là gì?
unit-rename-confirm = Đổi tên «{ $old }» thành <b>{ $name }</b>?
unit-renamed = ✅ Đã đổi tên thành <b>{ $name }</b>. Lịch sử tên cũ vẫn được lưu.
unit-move-search = Chuyển <b>{ $name }</b> về trực thuộc đơn vị nào? Gõ tên đơn vị cấp trên mới.
unit-merge-search = Sáp nhập <b>{ $name }</b> vào đơn vị nào? Gõ tên đơn vị nhận sáp nhập.
unit-target-none = Không tìm thấy đơn vị nào bạn quản lý có tên «{ $query }». Xin thử cách viết khác.
unit-target-pick = Chọn đơn vị:
unit-move-confirm = Chuyển <b>{ $name }</b> (cùng mọi đơn vị trực thuộc) về <b>{ $target }</b>?
unit-merge-confirm =
    Sáp nhập <b>{ $name }</b> vào <b>{ $target }</b>?
    Các đơn vị trực thuộc và thành viên sẽ chuyển sang { $target }; lời mời cũ bị thu hồi; hồ sơ cũ vẫn gắn với { $name }.
unit-move-done = ✅ Đã chuyển <b>{ $name }</b> về <b>{ $target }</b>.
unit-merge-done = ✅ Đã sáp nhập <b>{ $name }</b> vào <b>{ $target }</b>.

## Lời mời
invites-title = ✉️ Lời mời đang dùng được của <b>{ $unit }</b>
invites-none = Chưa có lời mời nào.
invite-line =
    { $n }. { $role } · đã dùng { $uses } · hết hạn: { $expiry }
    { $link }
btn-create-invite = ➕ Tạo lời mời
btn-revoke-invite = 🚫 Thu hồi số { $n }
invite-revoked = Đã thu hồi lời mời.
invite-ask-role = Lời mời vào <b>{ $unit }</b> với vai trò nào?
invite-ask-uses = Bao nhiêu người được dùng lời mời này?
invite-uses-n = { $n } người
invite-uses-unlimited = Không giới hạn
invite-ask-expiry = Lời mời có hiệu lực trong bao lâu?
invite-expiry-days = { $n } ngày
invite-expiry-never = Không hết hạn
invite-confirm =
    Tạo lời mời:
    • Đơn vị: <b>{ $unit }</b>
    • Vai trò: { $role }
    • Số người: { $uses }
    • Hiệu lực: { $expiry }
invite-created =
    ✅ Đã tạo lời mời vào <b>{ $unit }</b> ({ $role }), hết hạn: { $expiry }.
    Hãy chuyển đường dẫn này cho người được mời:
    { $link }

## Thành viên
members-title = 👥 Thành viên của <b>{ $unit }</b> ({ $count }):
members-none = <b>{ $unit }</b> chưa có thành viên nào. Hãy tạo lời mời.
member-card =
    👤 <b>{ $name }</b>
    Đơn vị: { $unit }
    Vai trò: { $role }
    Điện thoại: { $phone }
btn-make-role = Đổi thành { $role }
btn-remove-member = 🗑 Xoá khỏi đơn vị
btn-remove-member-yes = 🗑 Xoá
btn-members-back = ⬅️ Danh sách thành viên
member-role-changed = Đã đổi vai trò
member-role-changed-done = ✅ <b>{ $name }</b> giờ là { $role }.
member-role-changed-notice = Vai trò của bạn ở <b>{ $unit }</b> đã được đổi thành <b>{ $role }</b>. Gõ /menu để xem các việc bạn có thể làm.
member-remove-confirm = Xoá <b>{ $name }</b> khỏi <b>{ $unit }</b>?
member-removed = Đã xoá
member-removed-done = ✅ Đã xoá <b>{ $name }</b> khỏi <b>{ $unit }</b>.
member-removed-notice = Bạn không còn là thành viên của <b>{ $unit }</b>. Nếu có nhầm lẫn, xin liên hệ điều phối viên.

## Nhập cây đơn vị (CSV)
import-help =
    <b>Nhập cây đơn vị</b>
    Gửi vào đây một tệp CSV (lưu từ Excel, mã hoá UTF-8 hoặc Windows-1258) có dòng tiêu đề:
    <code>ma,ten,loai,ma_cap_tren</code>
    • loai: tỉnh, huyện, xã, chi hội, trường, cơ quan
    • ma_cap_tren để trống với đơn vị cao nhất
    Đơn vị có mã đã có sẽ được cập nhật. Tôi kiểm tra cả tệp trước; có lỗi thì không nhập gì.
import-files-admin-only = Tôi chỉ nhận tệp từ quản trị viên (để nhập cây đơn vị). Gõ /menu để xem các việc bạn có thể làm.
import-too-big = Tệp quá lớn (tối đa { $mb } MB).
import-preview = Tệp hợp lệ ({ $encoding }): sẽ thêm { $created } đơn vị, cập nhật { $updated } đơn vị. Nhập ngay?
btn-import-go = 📥 Nhập
import-done = ✅ Đã nhập: thêm { $created }, cập nhật { $updated } đơn vị.
csv-rejected = ❌ Tệp có { $count } lỗi, chưa nhập gì:
csv-line = Dòng { $line }
csv-more-errors = … và { $count } lỗi khác.
csv-error-unsupported-encoding = Không đọc được mã hoá của tệp ({ $encoding }). Xin lưu lại dạng «CSV UTF-8».
csv-error-empty-file = Tệp trống.
csv-error-missing-column = Thiếu cột «{ $column }».
csv-error-unknown-kind = Không hiểu loại đơn vị «{ $kind }».
csv-error-missing-value = Thiếu giá trị ở cột «{ $column }».
csv-error-bad-code = Mã «{ $code }» không hợp lệ (cột { $column }).
csv-error-duplicate-code = Mã «{ $code }» bị trùng (đã có ở dòng { $firstLine }).
csv-error-missing-parent = Đơn vị «{ $code }» có cấp trên «{ $parent }» không có trong tệp hay trong hệ thống.
csv-error-cycle = Vòng lặp cấp trên: { $codes }.
csv-error-name-too-long = Tên quá dài ({ $length } ký tự, tối đa { $max }).
csv-error-name-too-short = Tên quá ngắn (ít nhất { $min } ký tự).
csv-error-too-many-rows = Quá nhiều dòng ({ $count }, tối đa { $max }).
csv-error-malformed-csv = Tệp CSV sai định dạng ({ $reason }).

## Lỗi
errors-internal = Xin lỗi, đã có trục trặc. Xin thử lại sau ít phút; nếu vẫn lỗi, hãy báo cho điều phối viên.
errors-forbidden = Bạn không có quyền làm việc này.
errors-not_found = Không tìm thấy.
errors-unit_not_found = Không tìm thấy đơn vị này.
errors-unit_retired = Đơn vị «{ $name }» đã được sáp nhập, không thay đổi được nữa.
errors-member_not_found = Không tìm thấy thành viên này (có thể đã bị xoá).
errors-invite_unknown = Mã mời này không đúng.
errors-invite_expired = Lời mời này đã hết hạn.
errors-invite_revoked = Lời mời này đã bị thu hồi.
errors-invite_used_up = Lời mời này đã dùng hết số lượt.
errors-already_member = Bạn đã là thành viên của «{ $unit }» rồi. Gõ /menu để xem các việc bạn có thể làm.
errors-request_not_found = Không tìm thấy yêu cầu này.
errors-request_already_decided = Yêu cầu này đã được xử lý rồi.
errors-request_pending = Bạn đã gửi yêu cầu tham gia «{ $unit }» và đang chờ duyệt.
errors-move_into_own_subtree = Không thể chuyển một đơn vị về dưới chính nó hoặc đơn vị trực thuộc của nó.
errors-merge_into_self = Không thể sáp nhập một đơn vị vào chính nó.
errors-merge_into_descendant = Không thể sáp nhập một đơn vị vào đơn vị trực thuộc của nó.
errors-duplicate_code = Mã «{ $code }» đã được dùng cho «{ $name }». Xin chọn mã khác.
errors-bad_name = Tên đơn vị không hợp lệ.
errors-bad_code = Mã đơn vị không hợp lệ.
errors-self_change = Bạn không thể tự đổi vai trò hay tự xoá mình. Hãy nhờ một điều phối viên khác.
errors-role_not_allowed = Bạn không thể giao vai trò này.
errors-bad_invite = Lời mời phải cho ít nhất 1 người dùng và hết hạn trong tương lai.
errors-forbidden-coordinators = Việc này dành cho điều phối viên. Gõ /menu để xem các việc bạn có thể làm.
btn-remove-examples = 🗑 Xoá dữ liệu mẫu
btn-remove-examples-yes = 🗑 Xoá
import-remove-examples-confirm = Xoá các đơn vị mẫu (Hòa Bình) chưa ai dùng? Đơn vị đã có thành viên, lời mời hay đơn vị thật trực thuộc sẽ được giữ lại.
import-examples-removed = ✅ Đã xoá { $removed } đơn vị mẫu; giữ lại { $kept } đơn vị đang được dùng.
errors-bad_input = Dữ liệu gửi lên không hợp lệ. Xin thử lại từ /menu.

## Piggy banks
cmd-piggy = Lợn nhựa khuyến học
btn-piggy = 🐷 Lợn nhựa khuyến học
errors-forbidden-members = Việc này dành cho hội viên của một đơn vị. Gõ /menu để xem các việc bạn có thể làm.
piggy-pick-unit = 🐷 Bạn muốn xem lợn nhựa khuyến học của đơn vị nào?
piggy-kind-household = Hộ gia đình
piggy-kind-pupil = Học sinh
piggy-kind-class = Lớp học
piggy-status-submitted = ⏳ chờ duyệt
piggy-status-needs_correction = ✏️ cần sửa
piggy-status-approved = ✅ đã duyệt
piggy-none = (không có)
piggy-card-title =
    🐷 <b>Lợn nhựa khuyến học</b>
    <b>{ $unit }</b> · năm học { $year }
piggy-card-none = Năm học này chưa có đợt nuôi lợn nào.
piggy-card-drive =
    <b>Đợt { $n }</b> · bắt đầu { $date }
    Đã phát: { $banks } con lợn ({ $kind })
    Đã mổ: { $opened } con · thu <b>{ $collected }</b>
piggy-card-note = Ghi chú: { $note }
piggy-card-no-openings = Chưa mổ lợn lần nào.
piggy-card-opening = { $n }. Ngày { $date }: { $opened } con, { $amount } — { $status }
piggy-card-comment = 💬 Nhận xét: «{ $comment }»
btn-piggy-start = ➕ Bắt đầu đợt nuôi lợn
btn-piggy-record = 🔨 Ghi lần mổ lợn
btn-piggy-record-n = 🔨 Ghi lần mổ lợn — đợt { $n }
btn-piggy-correct = ✏️ Sửa lần mổ ngày { $date }
btn-piggy-totals = 📊 Tổng hợp
btn-piggy-review = 📝 Cần duyệt
btn-piggy-review-n = 📝 Cần duyệt ({ $count })
btn-piggy-year = 📅 Năm học { $year }
btn-piggy-card = 🐷 Về thẻ lợn nhựa
piggy-drive-ask-unit = Bắt đầu đợt nuôi lợn cho đơn vị nào?
piggy-drive-more-units = (Còn { $count } đơn vị nữa: mở thẻ lợn nhựa của đơn vị đó để bắt đầu.)
piggy-drive-ask-year = Đợt nuôi lợn của <b>{ $unit }</b> thuộc năm học nào?
piggy-year-current = { $year } (năm nay)
piggy-drive-ask-kind = Lợn nhựa được phát cho ai?
piggy-drive-ask-banks = Đã phát bao nhiêu con lợn? Gõ một con số, ví dụ: 120.
piggy-drive-ask-note = Ghi chú thêm (không bắt buộc), ví dụ: «phát ở buổi họp xóm 5/9». Hoặc bấm «Bỏ qua».
piggy-drive-confirm =
    Xin kiểm tra lại:
    • Đơn vị: <b>{ $unit }</b>
    • Năm học: { $year }
    • Phát cho: { $kind }
    • Số lợn đã phát: { $banks } con
    • Ghi chú: { $note }
btn-piggy-drive-save = ✅ Bắt đầu đợt
piggy-drive-started = ✅ Đã bắt đầu đợt nuôi lợn năm học { $year } của <b>{ $unit }</b> với { $banks } con lợn.
piggy-drive-exists = <b>{ $unit }</b> đã có đợt nuôi lợn năm học { $year }. Mỗi năm học một đợt; muốn thêm đợt, xin hỏi điều phối viên. Bạn có thể ghi lần mổ lợn vào đợt đang có.
btn-piggy-see-drive = 👀 Xem đợt đang có
piggy-drive-exists-coordinator = <b>{ $unit }</b> đã có { $drives } đợt nuôi lợn năm học { $year }. Mỗi năm học một đợt, trừ khi điều phối viên cho phép thêm; bạn là điều phối viên nên có thể cho phép.
piggy-extra-asked = 📨 Tôi đã báo điều phối viên. Khi được cho phép, bạn sẽ nhận được tin.
piggy-extra-request =
    🐷 <b>{ $name }</b> muốn bắt đầu thêm một đợt nuôi lợn cho <b>{ $unit }</b>, năm học { $year }.
    Đơn vị đã có { $drives } đợt; mỗi năm học một đợt, trừ khi điều phối viên cho phép thêm.
btn-piggy-allow-extra = Cho phép thêm một đợt
btn-piggy-allow-more = ➕ Cho phép thêm đợt
piggy-extra-confirm = Cho phép <b>{ $unit }</b> có { $max } đợt nuôi lợn trong năm học { $year }? (Hiện có { $drives } đợt.)
piggy-extra-then-start = Đợt bạn vừa nhập sẽ được bắt đầu ngay.
btn-piggy-allow-yes = ✅ Cho phép
piggy-extra-allowed = ✅ Đã cho phép <b>{ $unit }</b> có { $max } đợt nuôi lợn năm học { $year }.
piggy-extra-already = <b>{ $unit }</b> đã được phép có { $max } đợt năm học { $year } (đã bắt đầu { $drives } đợt), không cần cho phép thêm.
piggy-extra-requester-told = Người đề nghị đã được báo tin.
piggy-extra-granted = ✅ Điều phối viên đã cho phép <b>{ $unit }</b> thêm một đợt nuôi lợn năm học { $year }. Bấm nút dưới đây để bắt đầu.
piggy-opening-intro = 🔨 <b>Ghi lần mổ lợn</b> — { $unit }, năm học { $year }. Mỗi bước đều có nút «Quay lại» và «Huỷ».
piggy-correct-intro = ✏️ <b>Sửa lần mổ lợn ngày { $date }</b> — { $unit }. Mục nào không đổi, bấm «Giữ nguyên».
piggy-ask-date = 📅 Mổ lợn ngày nào? Gõ ngày/tháng, ví dụ: 15/6. Hoặc bấm «Hôm nay».
btn-today = Hôm nay
btn-keep = Giữ nguyên: { $value }
btn-zero = 0 / Không có
btn-retype = ✏️ Gõ lại
piggy-need-date = Xin gõ ngày bằng chữ số, ví dụ: 15/6.
piggy-date-invalid = Tôi chưa hiểu ngày này. Xin gõ ngày/tháng, ví dụ: 15/6 hoặc 15/6/2026.
piggy-date-no_such_day = Không có ngày này trên lịch. Xin gõ lại.
piggy-date-future = Ngày { $date } chưa tới. Xin gõ ngày đã mổ lợn.
piggy-date-before-drive = Ngày { $date } sớm hơn ngày bắt đầu đợt ({ $start }). Xin gõ lại.
piggy-ask-opened = 🐷 Mổ bao nhiêu con lợn? (Đợt này đã phát { $handed } con.)
piggy-opened-warning = ⚠️ Lưu ý: đợt này phát { $handed } con mà đã mổ tổng cộng { $total } con. Vẫn ghi được; nếu đã phát thêm lợn, xin báo điều phối viên.
piggy-ask-collected = 💰 Tổng số tiền thu được là bao nhiêu? Ví dụ: 1.500.000 hoặc 1,5 triệu.
piggy-ask-scholarship-count =
    🎓 Trao bao nhiêu suất học bổng?
    Tiền thu được: { $collected }
piggy-ask-scholarship-amount =
    🎓 Tổng tiền { $count } suất học bổng là bao nhiêu?
    Còn lại: { $left }
piggy-ask-supplies =
    📚 Bao nhiêu tiền mua sách vở, đồ dùng học tập?
    Còn lại: { $left }
piggy-ask-fund =
    🏦 Bao nhiêu tiền đưa vào Quỹ khuyến học?
    Còn lại: { $left }
piggy-ask-other =
    📝 Có chi khoản nào khác không? Bao nhiêu tiền?
    Còn lại: { $left }
piggy-ask-other-note = Khoản chi khác ({ $amount }) dùng vào việc gì? Xin ghi ngắn gọn.
piggy-note-empty = Xin ghi vài chữ cho biết khoản chi này dùng vào việc gì.
piggy-note-too-long = Ghi chú quá dài (tối đa { $max } ký tự). Xin ghi ngắn lại.
piggy-ask-photo = 📷 Gửi một ảnh buổi mổ lợn (không bắt buộc), hoặc bấm «Bỏ qua».
btn-keep-photo = Giữ ảnh cũ
btn-remove-photo = Bỏ ảnh
piggy-photo-expected = Xin gửi một ảnh (bấm 📎 rồi chọn ảnh), hoặc bấm «Bỏ qua».
piggy-photo-received = 📷 Đã nhận ảnh.
piggy-need-number = Xin gõ một con số, ví dụ: 120.
piggy-need-amount = Xin gõ số tiền bằng chữ số, ví dụ: 1.500.000 hoặc 1,5 triệu.
piggy-count-invalid = «{ $text }» không phải là một con số. Xin gõ lại, ví dụ: 120.
piggy-count-negative = Số lượng không thể là số âm. Xin gõ lại.
piggy-count-fraction = Số lượng phải là số nguyên, ví dụ: 120.
piggy-count-too_large = Con số này quá lớn. Xin kiểm tra và gõ lại.
piggy-count-too-small = Cần ít nhất { $min }. Xin gõ lại.
piggy-amount-invalid = «{ $text }» không phải là số tiền. Xin gõ lại, ví dụ: 1.500.000 hoặc 1,5 triệu.
piggy-amount-negative = Số tiền không thể là số âm. Xin gõ lại.
piggy-amount-too_large = Số tiền này quá lớn. Xin kiểm tra và gõ lại.
piggy-amount-fraction = Số tiền tính bằng đồng, không có số lẻ. Xin gõ lại, ví dụ: 1.500.000 hoặc 1,5 triệu.
piggy-amount-ambiguous = Ý bạn là <b>{ $million }</b> ({ $text } triệu) hay { $int } đồng { $frac } hào?
piggy-amount-ambiguous-other = Ý bạn là <b>{ $million }</b> ({ $text } triệu) phải không?
btn-piggy-million = ✅ { $million } ({ $text } triệu)
btn-piggy-hao = { $int } đồng { $frac } hào
piggy-amount-large = ⚠️ <b>{ $amount }</b> là số tiền rất lớn cho một lần mổ lợn. Xin kiểm tra lại.
btn-piggy-large-yes = ✅ Đúng, số tiền là { $amount }
piggy-uses-exceed = ❌ Các khoản sử dụng ({ $uses }) nhiều hơn số tiền thu được ({ $collected }) là <b>{ $excess }</b>. Xin nhập lại các khoản sử dụng.
piggy-figures =
    • Đơn vị: <b>{ $unit }</b>
    • Ngày mổ lợn: { $date }
    • Số lợn đã mổ: { $opened } con
    • Tiền thu được: <b>{ $collected }</b>
    <b>Sử dụng:</b>
    • Học bổng: { $scholarshipCount } suất, { $scholarshipAmount }
    • Sách vở, đồ dùng học tập: { $supplies }
    • Vào Quỹ khuyến học: { $fund }
    • Khác: { $other }
    • Còn lại: { $left }
    • Ảnh: { $photo }
piggy-photo-yes = có
piggy-photo-no = không
piggy-opening-confirm = Xin kiểm tra lại lần mổ lợn:
piggy-correct-confirm = Xin kiểm tra lại (số cũ → số mới):
piggy-no-changes = (Chưa thay đổi gì.)
btn-piggy-send = ✅ Gửi báo cáo
btn-piggy-save-correction = ✅ Lưu thay đổi
piggy-opening-saved = ✅ Đã ghi lần mổ lợn ngày { $date }, thu <b>{ $collected }</b>. Điều phối viên sẽ xem và duyệt.
piggy-opening-corrected = ✅ Đã lưu thay đổi cho lần mổ lợn ngày { $date } (thu <b>{ $collected }</b>). Điều phối viên sẽ xem lại.
piggy-warning-opened_more_than_handed_out = ⚠️ Tổng số lợn đã mổ nhiều hơn số lợn đã phát.
piggy-warning-unusual_amount = ⚠️ Số tiền lớn khác thường; điều phối viên sẽ kiểm tra kỹ.
piggy-totals =
    📊 <b>Tổng hợp lợn nhựa khuyến học</b>
    <b>{ $unit }</b> và các đơn vị trực thuộc · năm học { $year }
    • Số đợt: { $drives } · số lần mổ: { $openings } (chờ duyệt: { $pending })
    • Lợn đã phát: { $handed } · đã mổ: { $opened }
    • Tiền thu được: <b>{ $collected }</b>
    • Học bổng: { $scholarshipCount } suất, { $scholarshipAmount }
    • Sách vở, đồ dùng học tập: { $supplies }
    • Vào Quỹ khuyến học: { $fund }
    • Khác: { $other }
    • Còn lại: { $left }
piggy-totals-by-unit = <b>Theo đơn vị:</b>
piggy-totals-unit-line = • { $unit }: phát { $handed }, mổ { $opened }, thu { $collected } ({ $openings } lần mổ)
piggy-totals-missing = <b>Chưa báo cáo đợt nào</b> ({ $count } đơn vị):
piggy-totals-missing-line = • { $unit }
piggy-totals-all-reported = ✅ Mọi đơn vị đều đã báo cáo đợt nuôi lợn.
piggy-totals-more = … và { $count } đơn vị khác.
piggy-review-none = Năm học { $year } không có lần mổ lợn nào đang chờ duyệt.
piggy-review-title = 📝 <b>Chờ duyệt</b>: { $count } lần mổ lợn (năm học { $year }).
piggy-review-more = … và { $count } lần mổ lợn khác. Duyệt xong những lần trên rồi bấm «Cần duyệt» lần nữa.
piggy-review-item = 📝 <b>Lần mổ lợn</b> · năm học { $year } · { $status }
btn-piggy-photo = 📷 Xem ảnh
piggy-photo-caption = 📷 { $unit } — mổ lợn ngày { $date }
piggy-photo-none = Lần mổ lợn này không có ảnh.
btn-piggy-approve = ✅ Duyệt
btn-piggy-needs-correction = ✏️ Cần sửa
piggy-approved-short = Đã duyệt
piggy-approved-by-you = ✅ Đã duyệt lần mổ lợn ngày { $date } của <b>{ $unit }</b>. Người báo cáo đã được báo tin.
piggy-ask-comment = Lần mổ lợn ngày { $date } của <b>{ $unit }</b> cần sửa gì? Gõ nhận xét để gửi cho người báo cáo.
piggy-comment-empty = Xin gõ vài chữ cho biết cần sửa gì.
piggy-comment-too-long = Nhận xét quá dài (tối đa { $max } ký tự). Xin gõ ngắn lại.
piggy-sent-back-by-you = ✏️ Đã gửi lại cho người báo cáo để sửa: lần mổ lợn ngày { $date } của <b>{ $unit }</b>.
piggy-already-approved = Lần mổ lợn này đã được duyệt rồi.
piggy-notice-needs-correction =
    ✏️ Lần mổ lợn ngày { $date } của <b>{ $unit }</b> cần sửa.
    Nhận xét của điều phối viên: «{ $comment }»
btn-piggy-fix-now = ✏️ Sửa ngay
piggy-notice-approved = ✅ Lần mổ lợn ngày { $date } của <b>{ $unit }</b> (thu { $collected }) đã được duyệt.
piggy-notice-submitted = 📝 <b>{ $name }</b> vừa gửi lần mổ lợn ngày { $date } của <b>{ $unit }</b>: thu { $collected }.
piggy-notice-corrected = ✏️ <b>{ $name }</b> đã sửa lần mổ lợn ngày { $date } của <b>{ $unit }</b>: thu { $collected }.
btn-piggy-review-one = 📝 Xem để duyệt
errors-drive_exists = Đơn vị «{ $unit }» đã có đợt nuôi lợn năm học { $year }.
errors-drive_not_found = Không tìm thấy đợt nuôi lợn này.
errors-opening_not_found = Không tìm thấy lần mổ lợn này.
errors-uses_exceed_collected = Các khoản sử dụng nhiều hơn số tiền thu được.
errors-date_in_future = Ngày mổ lợn chưa tới. Xin gõ lại ngày.
errors-date_before_drive = Ngày mổ lợn sớm hơn ngày bắt đầu đợt. Xin gõ lại ngày.
errors-opening_approved = Lần mổ lợn này đã được duyệt nên không sửa được nữa. Nếu có sai sót, xin báo điều phối viên.
errors-opening_changed = Lần mổ lợn này đã được sửa, xin xem lại bản mới.

## Sponsorship cases (Ba đỡ đầu)
sponsor-notice-not-attending = ⚠️ <b>{ $name }</b> báo: em { $pupil } (sinh { $year }) của <b>{ $unit }</b> <b>không đi học</b>. Hồ sơ đỡ đầu chuyển sang «cần chú ý».
sponsor-notice-flagged = ⚠️ <b>{ $name }</b> báo một vấn đề về em { $pupil } (sinh { $year }) của <b>{ $unit }</b>. Hồ sơ đỡ đầu chuyển sang «cần chú ý».
sponsor-notice-dropped-out = 🚫 <b>{ $name }</b> báo: em { $pupil } (sinh { $year }) của <b>{ $unit }</b> đã <b>bỏ học</b>.
sponsor-reminder-due = 📋 Đến hạn hỏi thăm em <b>{ $pupil }</b> ({ $unit }) — hạn { $date }. Chỉ mất một phút.
sponsor-reminder-late = 📋 Việc hỏi thăm em <b>{ $pupil }</b> ({ $unit }) đã quá hạn { $days } ngày (hạn { $date }). Xin anh/chị hỏi thăm khi có thể.
btn-sponsor-view-case = 📄 Xem hồ sơ
btn-sponsor-check-in-now = ✅ Hỏi thăm ngay
sponsor-status-ACTIVE = 🟢 Đang theo dõi
sponsor-status-AT_RISK = 🟠 Cần chú ý
sponsor-status-DROPPED_OUT = 🔴 Đã bỏ học
sponsor-status-RETURNED = 🔵 Đã trở lại trường
sponsor-status-COMPLETED = 🎓 Đã học xong cấp
sponsor-status-TRANSFERRED = ↪️ Chuyển đơn vị khác theo dõi
sponsor-circ-POOR_HOUSEHOLD = Hộ nghèo, cận nghèo
sponsor-circ-ORPHAN = Mồ côi
sponsor-circ-DISABILITY = Khuyết tật
sponsor-circ-FAR_FROM_SCHOOL = Nhà xa trường
sponsor-circ-ETHNIC_MINORITY_AREA = Vùng đồng bào dân tộc thiểu số
sponsor-circ-OTHER = Hoàn cảnh khác
sponsor-support-MONEY = Tiền hằng tháng
sponsor-support-SUPPLIES = Sách vở, đồ dùng học tập
sponsor-support-TUTORING = Dạy kèm, phụ đạo
sponsor-support-BICYCLE = Xe đạp
sponsor-support-OTHER = Hỗ trợ khác
sponsor-studies-4 = Tốt
sponsor-studies-3 = Khá
sponsor-studies-2 = Trung bình
sponsor-studies-1 = Yếu
sponsor-pupil-anonymised = (hồ sơ đã xoá thông tin cá nhân)

## Sponsorship — check-ins and status
sponsor-checkin-ask-attending =
    📋 Hỏi thăm em <b>{ $pupil }</b> (hạn { $date })

    Em có đang đi học không?
btn-sponsor-checkin-yes = ✅ Có
btn-sponsor-checkin-no = ❌ Không
btn-sponsor-checkin-picked = 👉 { $label }
sponsor-checkin-ask-support = { $months ->
    [1] Em đã nhận được tiền hỗ trợ tháng này (<b>{ $amount }</b>) chưa?
   *[other] Em đã nhận được tiền hỗ trợ { $months } tháng qua — <b>{ $amount }</b> ({ $monthly }/tháng) — chưa?
}
sponsor-checkin-ask-studies = Việc học của em thế nào?
sponsor-checkin-ask-flag = Có điều gì cần báo không? Anh/chị gõ vài dòng ngắn (ví dụ: gia đình khó khăn thêm, em hay nghỉ học), hoặc bấm «Không có gì». Khi có ghi chú, hồ sơ sẽ chuyển sang «cần chú ý» và điều phối viên được báo ngay.
sponsor-checkin-flag-now = Ghi chú anh/chị đã gõ: { $note }
btn-sponsor-checkin-nothing = 👍 Không có gì
btn-sponsor-checkin-keep-note = Giữ ghi chú đã gõ
sponsor-checkin-flag-empty = Xin anh/chị gõ vài chữ, hoặc bấm «Không có gì».
sponsor-checkin-flag-too-long = Ghi chú quá dài (tối đa { $max } ký tự). Xin anh/chị ghi ngắn lại.
sponsor-checkin-confirm = Xin anh/chị kiểm tra lần hỏi thăm em <b>{ $pupil }</b> (hạn { $date }):
sponsor-checkin-line-attending = • Đi học: { $answer }
sponsor-checkin-line-support = • Đã nhận hỗ trợ: { $answer }
sponsor-checkin-line-studies = • Học tập: { $answer }
sponsor-checkin-line-flag = • Cần báo: { $answer }
sponsor-checkin-yes = có
sponsor-checkin-no = không
sponsor-checkin-nothing = không có gì
btn-sponsor-checkin-save = ✅ Lưu lần hỏi thăm
sponsor-checkin-saved = ✅ Đã lưu lần hỏi thăm. Lần tới: <b>{ $date }</b>.
sponsor-checkin-at-risk = 🟠 Hồ sơ đã chuyển sang «cần chú ý».
sponsor-checkin-still-at-risk = 🟠 Hồ sơ vẫn ở mức «cần chú ý».
sponsor-checkin-told = { $count ->
    [0] Chưa báo được cho điều phối viên nào — xin anh/chị báo trực tiếp giúp.
   *[other] Đã báo cho { $count } điều phối viên.
}
sponsor-status-none = Hồ sơ này không thể đổi tình trạng nữa (hiện tại: { $status }).
sponsor-status-ask =
    Đổi tình trạng hồ sơ em <b>{ $pupil }</b>
    Hiện tại: { $status }

    Xin anh/chị chọn tình trạng mới:
sponsor-status-ask-why-dropped = Vì sao em nghỉ học? Xin anh/chị gõ vài dòng ngắn (bắt buộc).
sponsor-status-ask-where-transferred = Hồ sơ được chuyển cho đơn vị hoặc trường nào theo dõi, và vì sao? Xin anh/chị gõ vài dòng ngắn (bắt buộc).
sponsor-status-ask-note = Tình trạng mới: { $status }. Anh/chị có thể ghi chú ngắn (không bắt buộc), hoặc bấm «Bỏ qua».
sponsor-status-reason-now = Nội dung anh/chị đã gõ: { $reason }
btn-sponsor-status-keep-reason = Giữ nội dung đã gõ
sponsor-status-reason-required = Tình trạng này cần ghi lý do. Xin anh/chị gõ vài chữ.
sponsor-status-note-empty = Xin anh/chị gõ vài chữ, hoặc bấm «Bỏ qua».
sponsor-status-reason-too-long = Nội dung quá dài (tối đa { $max } ký tự). Xin anh/chị ghi ngắn lại.
sponsor-status-confirm =
    Xin anh/chị kiểm tra lại:
    • Học sinh: <b>{ $pupil }</b>
    • Tình trạng: { $from } → <b>{ $to }</b>
    • Lý do / ghi chú: { $reason }
sponsor-status-no-reason = (không có)
btn-sponsor-status-save = ✅ Lưu tình trạng
sponsor-status-saved = ✅ Đã lưu: em <b>{ $pupil }</b> — { $status }.
sponsor-status-told = { $count ->
    [0] Chưa báo được cho điều phối viên nào — xin anh/chị báo trực tiếp giúp.
   *[other] Đã báo cho { $count } điều phối viên.
}

## Sponsorship — cases and lists
cmd-cases = Đỡ đầu học sinh
cmd-sponsorkinds = Các loại người đỡ đầu
btn-sponsor = 🤝 Đỡ đầu học sinh
help-sponsor = /cases — đỡ đầu học sinh: mở hồ sơ cho em có nguy cơ bỏ học, hỏi thăm định kỳ, theo dõi đến khi em học xong
help-sponsor-coordinator = Trong /cases: số liệu đỡ đầu của đơn vị anh/chị phụ trách, danh sách hồ sơ và những lần hỏi thăm quá hạn.
help-sponsor-admin = /sponsorkinds — các loại người đỡ đầu: thêm, ẩn hoặc hiện lại
btn-sponsor-home = 🤝 Đỡ đầu học sinh
btn-sponsor-new-case = ➕ Mở hồ sơ mới
btn-sponsor-overview = 📊 { $unit }
btn-sponsor-kinds = 🏷 Các loại người đỡ đầu
btn-sponsor-case-n = { $n }
sponsor-home-title = 🤝 <b>Đỡ đầu học sinh</b>
sponsor-home-none = Anh/chị chưa theo dõi hồ sơ đỡ đầu nào. Bấm «➕ Mở hồ sơ mới» để bắt đầu.
sponsor-home-mine = Các em anh/chị đang theo dõi ({ $count }):
sponsor-home-line = • <b>{ $pupil }</b> — { $status } · hỏi thăm { $date }
sponsor-home-line-closed = • <b>{ $pupil }</b> — { $status }
sponsor-home-late = ⏰ trễ { $days } ngày
sponsor-home-more = … và { $count } hồ sơ khác
sponsor-home-coordinator = 📊 Số liệu của đơn vị anh/chị phụ trách: bấm tên đơn vị bên dưới.
sponsor-stats-title =
    📊 <b>Đỡ đầu học sinh</b>
    <b>{ $unit }</b> · năm học { $year }
sponsor-stats-status-line = { $status }: <b>{ $count }</b>
sponsor-stats-figures =
    📁 Tổng số hồ sơ: <b>{ $total }</b>
    🆕 Hồ sơ mới trong năm học: <b>{ $opened }</b>
    🏫 Tỉ lệ các em vẫn đi học: <b>{ $share }</b>
    ⏰ Lần hỏi thăm quá hạn: <b>{ $overdue }</b>
    🎁 Hỗ trợ đã trao trong năm học: <b>{ $support }</b>
sponsor-stats-support-line = • { $kind }: { $amount }
sponsor-stats-share = { $percent }%
sponsor-stats-share-none = —
btn-sponsor-list = 📋 Danh sách hồ sơ
btn-sponsor-overdue = ⏰ Hỏi thăm quá hạn ({ $count })
btn-sponsor-year = 📅 Năm học { $year }
btn-sponsor-stats = 📊 Số liệu
sponsor-list-title = 📋 <b>Hồ sơ đỡ đầu — { $unit }</b> ({ $count } hồ sơ)
sponsor-list-line = { $n }. { $pupil } · lớp { $grade } · { $unit } — { $status }
sponsor-list-late = ⏰ trễ { $days } ngày
sponsor-list-more = … và { $count } hồ sơ khác
sponsor-list-hint = Bấm số thứ tự để xem hồ sơ. Danh sách chỉ ghi chữ cái đầu của tên em.
sponsor-list-none = Chưa có hồ sơ đỡ đầu nào ở <b>{ $unit }</b>.
sponsor-overdue-title = ⏰ <b>Hỏi thăm quá hạn — { $unit }</b> ({ $count } hồ sơ)
sponsor-overdue-line = { $n }. <b>{ $owner }</b> — em { $pupil }, { $unit }: hạn { $date }, trễ { $days } ngày
sponsor-overdue-owner-unknown = (không rõ người theo dõi)
sponsor-overdue-more = … và { $count } hồ sơ khác
sponsor-overdue-none = 👍 Ở <b>{ $unit }</b> không có lần hỏi thăm nào quá hạn.
sponsor-card-title = 🤝 <b>Hồ sơ đỡ đầu số { $id }</b>
sponsor-card-pupil = 👧 Học sinh: <b>{ $pupil }</b>
sponsor-card-school = 🏫 { $school } · lớp { $grade }
sponsor-card-grade = 🏫 Lớp { $grade }
sponsor-card-unit = 📍 { $unit }
sponsor-card-circumstances = 🏠 Hoàn cảnh: { $list }
sponsor-card-note = 📝 { $note }
sponsor-card-sponsor = 🤝 Người đỡ đầu: { $name } ({ $kind })
sponsor-card-sponsor-kind = 🤝 Người đỡ đầu: { $kind }
sponsor-card-support = 🎁 Hỗ trợ: { $list }
sponsor-card-support-money = { $amount } mỗi tháng
sponsor-card-support-item = { $kind } ({ $amount })
sponsor-card-separator = {"; "}
sponsor-card-started = 📅 Bắt đầu: { $date }
sponsor-card-status = Tình trạng: { $status }
sponsor-card-reason = Lý do: { $reason }
sponsor-card-owner = 👤 Người theo dõi: { $name }
sponsor-card-interval = ⏱ Hỏi thăm { $months ->
    [1] hằng tháng
   *[other] { $months } tháng một lần
}
sponsor-card-next = 📋 Lần hỏi thăm tới: { $date }
sponsor-card-late = ⏰ trễ { $days } ngày
sponsor-card-last = 🗒 Lần hỏi thăm gần nhất ({ $date }): { $answers }
sponsor-card-attending = em vẫn đi học
sponsor-card-not-attending = em không đi học
sponsor-card-support-arrived = đã nhận hỗ trợ
sponsor-card-support-missing = chưa nhận hỗ trợ
sponsor-card-studies = học lực: { $studies }
sponsor-card-flag = ⚠️ Vấn đề cần chú ý: { $note }
sponsor-card-no-check-in = 🗒 Chưa hỏi thăm lần nào.
sponsor-card-masked = 🔒 Họ tên, trường và hoàn cảnh của em chỉ người theo dõi hồ sơ và điều phối viên xem được.
sponsor-card-anonymised = 🗑 Thông tin cá nhân của hồ sơ này đã được xoá theo yêu cầu; chỉ còn giữ các số liệu để tổng hợp.
btn-sponsor-do-check-in = ✅ Hỏi thăm
btn-sponsor-change-status = 🔄 Đổi tình trạng
btn-sponsor-interval = ⏱ Thời gian hỏi thăm
btn-sponsor-history = 📜 Lịch sử hồ sơ
btn-sponsor-delete = 🗑 Xoá thông tin cá nhân
sponsor-interval-ask = ⏱ Hồ sơ số { $id }: anh/chị muốn hỏi thăm em bao lâu một lần?
btn-sponsor-interval-option = { $months ->
    [1] Hằng tháng
    [3] 3 tháng một lần (mỗi học kỳ)
   *[other] { $months } tháng một lần
}
sponsor-interval-set = ✅ Từ nay hỏi thăm { $months ->
    [1] hằng tháng
   *[other] { $months } tháng một lần
}. Lần tới: { $date }.
sponsor-history-title = 📜 <b>Lịch sử hồ sơ số { $id }</b>
sponsor-history-line = { $date } · { $who }: { $what }
sponsor-history-someone = (không rõ)
sponsor-history-opened = mở hồ sơ
sponsor-history-status = đổi tình trạng { $from } → { $to }
sponsor-history-reason = (lý do: { $reason })
sponsor-history-check-in = hỏi thăm
sponsor-history-interval = đổi sang hỏi thăm { $months ->
    [1] hằng tháng
   *[other] { $months } tháng một lần
}
sponsor-history-interval-changed = đổi thời gian hỏi thăm
sponsor-history-anonymised = xoá thông tin cá nhân
sponsor-history-earlier = … { $count } mục cũ hơn không hiện ở đây
sponsor-delete-confirm =
    🗑 <b>Xoá thông tin cá nhân của hồ sơ số { $id }?</b>
    Sẽ xoá hẳn: họ tên, chữ cái đầu, năm sinh của em, trường, hoàn cảnh, các ghi chú, lý do đổi tình trạng và tên người đỡ đầu.
    Vẫn giữ để tổng hợp: đơn vị, lớp, tình trạng, số tiền và hiện vật đã hỗ trợ, kết quả các lần hỏi thăm.
    Việc xoá được ghi vào nhật ký và <b>không thể hoàn tác</b>.
btn-sponsor-delete-yes = 🗑 Xoá thông tin cá nhân
btn-sponsor-delete-keep = ↩️ Không xoá, giữ nguyên
sponsor-delete-done = ✅ Đã xoá thông tin cá nhân của hồ sơ số { $id }. Các số liệu vẫn được giữ để tổng hợp.
sponsor-kinds-title = 🏷 <b>Các loại người đỡ đầu</b> (được chọn khi mở hồ sơ; loại đã ẩn vẫn giữ ở các hồ sơ cũ):
sponsor-kinds-line = • { $vi } / { $en }
sponsor-kinds-line-hidden = • <s>{ $vi } / { $en }</s> (đã ẩn)
btn-sponsor-kinds-hide = 🙈 Ẩn: { $name }
btn-sponsor-kinds-show = 👁 Hiện lại: { $name }
btn-sponsor-kinds-add = ➕ Thêm loại mới
btn-sponsor-kinds-save = ✅ Lưu loại này
sponsor-kinds-hidden = 🙈 Đã ẩn «{ $name }»: không còn được chọn khi mở hồ sơ mới.
sponsor-kinds-shown = 👁 «{ $name }» lại được chọn khi mở hồ sơ mới.
sponsor-kinds-ask-vi = Tên loại người đỡ đầu bằng <b>tiếng Việt</b> là gì? (ví dụ: Đồn biên phòng)
sponsor-kinds-ask-en = Tên «{ $vi }» bằng <b>tiếng Anh</b> là gì? (ví dụ: A border-guard post)
sponsor-kinds-name-invalid = Tên cần từ 2 đến 80 ký tự. Xin anh/chị gõ lại.
sponsor-kinds-confirm =
    Thêm loại người đỡ đầu:
    🇻🇳 <b>{ $vi }</b>
    🇬🇧 <b>{ $en }</b>
sponsor-kinds-added = ✅ Đã thêm loại người đỡ đầu «{ $vi }» / «{ $en }».
errors-case_not_found = Không tìm thấy hồ sơ đỡ đầu này.
errors-case_closed = Hồ sơ này không còn được theo dõi (đã học xong, đã chuyển đi, đã bỏ học hoặc đã xoá thông tin) nên không ghi thêm được. Nếu em đã trở lại trường, xin anh/chị đổi tình trạng hồ sơ trước.
errors-consent_required = Cần có sự đồng ý của cha mẹ hoặc người giám hộ của em thì mới lưu được hồ sơ.
errors-pupil_too_young = Sinh năm { NUMBER($year, useGrouping: 0) } thì em còn quá nhỏ. Xin anh/chị xem lại năm sinh.
errors-pupil_too_old = Sinh năm { NUMBER($year, useGrouping: 0) } thì em đã quá tuổi đi học phổ thông. Xin anh/chị xem lại năm sinh.
errors-status_not_allowed = Không thể chuyển hồ sơ sang tình trạng này từ tình trạng hiện tại.
errors-sponsor_kind_exists = Đã có loại người đỡ đầu «{ $name }».
errors-sponsor_kind_last = Cần giữ lại ít nhất một loại người đỡ đầu đang dùng.

## Sponsorship — opening a case
sponsor-open-intro = 📋 <b>Mở hồ sơ đỡ đầu</b> cho một em học sinh có nguy cơ bỏ học. Mỗi bước đều có nút «Quay lại» và «Huỷ»; chưa có gì được lưu cho tới khi anh/chị bấm «Lưu hồ sơ» ở cuối.
sponsor-open-no-units = Anh/chị chưa thuộc đơn vị nào để mở hồ sơ đỡ đầu. Xin nhờ điều phối viên thêm anh/chị vào chi hội hoặc ban khuyến học của mình.
sponsor-open-ask-unit = Em học sinh do đơn vị nào theo dõi?
sponsor-open-more-units = (Còn { $count } đơn vị nữa: mở mục đỡ đầu của đơn vị đó để mở hồ sơ.)
sponsor-open-ask-name = 👤 Họ và tên đầy đủ của em học sinh? Ví dụ: Lò Thị Hương.
sponsor-open-name-empty = Xin gõ họ và tên của em.
sponsor-open-name-too_long = Tên dài quá (tối đa { $max } ký tự). Xin gõ lại.
sponsor-open-name-no_letters = «{ $text }» chưa phải là họ tên. Xin gõ họ và tên của em, ví dụ: Lò Thị Hương.
sponsor-open-name-invalid_characters = Họ tên chỉ gồm chữ cái và dấu cách, không có chữ số hay biểu tượng. Xin gõ lại.
sponsor-open-ask-birth-year = 🎂 Em sinh năm nào? Gõ 4 chữ số, ví dụ: 2014.
sponsor-open-birth-year-invalid = «{ $text }» không phải là năm sinh. Xin gõ 4 chữ số, ví dụ: 2014.
sponsor-open-birth-year-future = Năm { $year } chưa tới. Xin gõ năm sinh của em, ví dụ: 2014.
sponsor-open-birth-year-too-young = Sinh năm { $year } thì năm nay em mới { $age } tuổi, mà chương trình đỡ đầu dành cho học sinh từ { $min } đến { $max } tuổi. Xin anh/chị kiểm tra và gõ lại năm sinh.
sponsor-open-birth-year-too-old = Sinh năm { $year } thì năm nay em đã { $age } tuổi, mà chương trình đỡ đầu dành cho học sinh từ { $min } đến { $max } tuổi. Xin anh/chị kiểm tra và gõ lại năm sinh.
sponsor-open-ask-school = 🏫 Em đang học trường nào? Ví dụ: Trường THCS Mãn Đức.
sponsor-open-school-too-short = Xin gõ tên trường đầy đủ hơn (ít nhất { $min } ký tự).
sponsor-open-school-too-long = Tên trường dài quá (tối đa { $max } ký tự). Xin gõ ngắn lại.
sponsor-open-ask-grade = 📚 Em học lớp mấy? Bấm một số, hoặc gõ, ví dụ: «lớp 7» hay «7A».
sponsor-open-grade-invalid = Không có lớp «{ $text }». Xin chọn từ lớp { $min } đến lớp { $max }.
sponsor-open-ask-circumstances = 🏠 Hoàn cảnh của em thế nào? Bấm để đánh dấu ✓ tất cả các mục đúng, rồi bấm «Xong».
sponsor-open-choose-one = Xin đánh dấu ít nhất một mục, rồi bấm «Xong».
btn-sponsor-open-done = ➡️ Xong, tiếp tục
sponsor-open-ask-circumstance-note = Hoàn cảnh khác là gì? Xin ghi ngắn gọn, ví dụ: «bố mẹ đi làm xa, em ở với bà».
sponsor-open-ask-support-note = Hỗ trợ khác là gì? Xin ghi ngắn gọn, ví dụ: «áo ấm và mũ bảo hiểm».
sponsor-open-note-empty = Xin ghi vài chữ.
sponsor-open-note-too-long = Ghi chú dài quá (tối đa { $max } ký tự). Xin ghi ngắn lại.
sponsor-open-ask-kind = 🤝 Người đỡ đầu thuộc loại nào?
sponsor-open-ask-sponsor-name = Tên người đỡ đầu (cá nhân, gia đình hay tổ chức)? Ví dụ: «Gia đình ông Bùi Văn Tâm».
sponsor-open-sponsor-name-too-short = Xin gõ tên người đỡ đầu đầy đủ hơn (ít nhất { $min } ký tự).
sponsor-open-sponsor-name-too-long = Tên dài quá (tối đa { $max } ký tự). Xin gõ ngắn lại.
sponsor-open-ask-support = 🎁 Em được hỗ trợ những gì? Bấm để đánh dấu ✓ tất cả, rồi bấm «Xong».
sponsor-open-ask-MONEY = 💰 Mỗi tháng em được bao nhiêu tiền? Ví dụ: 500.000 hoặc 500k.
sponsor-open-ask-SUPPLIES = 📚 Sách vở, đồ dùng học tập trị giá khoảng bao nhiêu? Nếu chưa rõ, bấm «0 / Không có».
sponsor-open-ask-TUTORING = 👩‍🏫 Việc dạy kèm trị giá khoảng bao nhiêu? Nếu dạy kèm miễn phí, bấm «0 / Không có».
sponsor-open-ask-BICYCLE = 🚲 Chiếc xe đạp trị giá khoảng bao nhiêu? Nếu chưa rõ, bấm «0 / Không có».
sponsor-open-ask-OTHER = 🎁 «{ $note }» trị giá khoảng bao nhiêu? Nếu chưa rõ, bấm «0 / Không có».
sponsor-open-money-zero = Tiền hỗ trợ mỗi tháng phải lớn hơn 0. Nếu em không được hỗ trợ tiền, xin bấm «Quay lại» và bỏ dấu ở «Tiền hằng tháng».
sponsor-open-money-too-large = { $amount } mỗi tháng là quá lớn (tối đa { $max }). Xin anh/chị kiểm tra và gõ lại.
sponsor-open-item-too-large = { $amount } là quá lớn cho một lần hỗ trợ (tối đa { $max }). Xin anh/chị kiểm tra và gõ lại.
sponsor-open-ask-start = 📅 Bắt đầu đỡ đầu từ ngày nào? Gõ ngày/tháng/năm, ví dụ: 1/9/2026. Hoặc bấm «Hôm nay».
sponsor-open-date-invalid = Tôi chưa hiểu ngày này. Xin gõ ngày/tháng/năm, ví dụ: 1/9/2026.
sponsor-open-date-no-such-day = Không có ngày này trên lịch. Xin gõ lại.
sponsor-open-date-future = Ngày { $date } chưa tới. Xin gõ ngày đã bắt đầu đỡ đầu (hôm nay hoặc trước đó).
sponsor-open-ask-interval = 🗓 Bao lâu hỏi thăm em một lần? Tôi sẽ nhắc anh/chị khi đến hạn. Thường là hằng tháng.
sponsor-open-interval-1 = Hằng tháng
sponsor-open-interval-2 = 2 tháng một lần
sponsor-open-interval-3 = Mỗi học kỳ (3 tháng)
sponsor-open-interval-6 = 6 tháng một lần
sponsor-open-ask-consent = 🔒 Cha mẹ hoặc người giám hộ của em đã đồng ý cho ghi thông tin của em chưa? Đây là dữ liệu cá nhân của trẻ em nên cần có sự đồng ý (Nghị định 13/2023/NĐ-CP).
btn-sponsor-open-consent-yes = ✅ Người giám hộ đã đồng ý
btn-sponsor-open-consent-no = Chưa
sponsor-open-consent-missing = Chưa có sự đồng ý của người giám hộ thì chưa thể lưu hồ sơ; chưa có gì được lưu. Khi gia đình đã đồng ý, xin bấm «Quay lại» để tiếp tục, hoặc «Huỷ».
sponsor-open-summary =
    Xin anh/chị kiểm tra lại hồ sơ đỡ đầu:
    • Đơn vị: <b>{ $unit }</b>
    • Học sinh: <b>{ $pupil }</b>, sinh năm { $year }
    • Trường: { $school }, lớp { $grade }
    • Hoàn cảnh: { $circumstances }
    • Người đỡ đầu: { $sponsor } ({ $kind })
    • Hỗ trợ:
    { $support }
    • Bắt đầu từ: { $start }
    • Hỏi thăm: { $interval }
    • Người giám hộ: đã đồng ý
sponsor-open-summary-support = ◦ { $label }: { $amount }
sponsor-open-with-note = { $label } ({ $note })
sponsor-open-per-month = { $amount }/tháng
sponsor-open-no-value = không ghi giá trị
btn-sponsor-open-save = ✅ Lưu hồ sơ
sponsor-open-saved = ✅ Đã lưu hồ sơ đỡ đầu em <b>{ $pupil }</b>. Lần hỏi thăm đầu tiên: { $date }; tôi sẽ nhắn nhắc anh/chị khi đến hạn.
sponsor-open-check-again = Thông tin ở bước này chưa hợp lệ, xin anh/chị nhập lại.

## Learning models — errors
errors-already_registered = «{ $name }» đã đăng ký với «{ $unit }» cho năm { NUMBER($year, useGrouping: 0) } rồi.
errors-registration_year = Chỉ đăng ký được cho năm { NUMBER($from, useGrouping: 0) } hoặc năm { NUMBER($to, useGrouping: 0) }, không đăng ký được cho năm { NUMBER($year, useGrouping: 0) }.
errors-registration_not_found = Không tìm thấy đăng ký này. Cần đăng ký trước rồi mới tự đánh giá được.
errors-evaluation_not_found = Không tìm thấy bản tự đánh giá này.
errors-no_criteria_in_force = Năm { NUMBER($year, useGrouping: 0) } chưa có bộ tiêu chí { $model ->
        [FAMILY] «Gia đình học tập»
        [CLAN] «Dòng họ học tập»
        [COMMUNITY] «Cộng đồng học tập»
       *[UNIT] «Đơn vị học tập»
    } được áp dụng. Xin báo quản trị viên chọn bộ tiêu chí cho năm này.
errors-bad_answer = Câu trả lời cho mục { $item } không hợp lệ{ $reason ->
        [points_above_max] : tối đa { $max } điểm.
        [negative] : không được là số âm.
        [not_integer] : điểm phải là số nguyên.
        [no_such_item] : bộ tiêu chí không có mục này.
       *[other] .
    }
errors-evaluation_not_open = Bản tự đánh giá này đã gửi đi nên không sửa được nữa.
errors-evaluation_incomplete = Còn { $count } mục chưa trả lời. Xin trả lời hết rồi mới gửi.
errors-evaluation_not_submitted = Bản tự đánh giá này không còn chờ duyệt (có thể người khác đã duyệt).
errors-evaluation_changed = Bản tự đánh giá này vừa thay đổi, xin xem lại bản mới.
errors-self_review = Bạn không thể tự duyệt bản tự đánh giá do mình gửi hoặc của gia đình mình. Người khác trong đơn vị sẽ duyệt.
errors-not_approved = «{ $name }» chưa được duyệt nên chưa công nhận được. Chưa công nhận mục nào trong danh sách.
errors-not_recognised = «{ $name }» chưa được công nhận nên chưa có giấy chứng nhận.

## Criteria sets
cmd-criteria = Bộ tiêu chí các mô hình học tập
criteria-model-family = Gia đình học tập
criteria-model-clan = Dòng họ học tập
criteria-model-community = Cộng đồng học tập
criteria-model-unit = Đơn vị học tập
criteria-years-open = từ năm { $from }
criteria-years-range = { $from }–{ $to }
criteria-list-title = <b>📋 Bộ tiêu chí các mô hình học tập</b> — năm { $year }
criteria-list-model-in-force = <b>{ $model }</b>: năm { $year } đang áp dụng { $title }, phiên bản { $version }.
criteria-list-model-none = <b>{ $model }</b>: năm { $year } chưa chọn bộ tiêu chí nào.
criteria-list-set = • { $title }, phiên bản { $version }: { $status }
criteria-list-in-force-years = ↳ đang áp dụng cho năm: { $years }
criteria-list-empty = • Chưa có bộ tiêu chí nào.
criteria-list-how-to-load = Để nạp một bộ tiêu chí mới hoặc bản đã sửa, gửi tệp <b>.json</b> vào đây. Bản sửa của một bộ đã có cần số phiên bản (version) cao hơn; bản đã lưu không bao giờ bị ghi đè vì các kết quả đánh giá dựa trên nó.
criteria-status-draft = bản nháp, còn { $count } mục chưa biết ({ $ids }) nên chưa áp dụng được cho đến khi được bổ sung.
criteria-status-complete = đầy đủ, có thể áp dụng.
criteria-status-not-this-year = đầy đủ nhưng không dùng cho năm { $year } (áp dụng { $years }).
btn-criteria-in-force = ✅ Áp dụng cho năm { $year }: { $title }, phiên bản { $version }
btn-criteria-list = 📋 Các bộ tiêu chí
criteria-in-force-done = ✅ Từ nay, { $model } năm { $year } được đánh giá theo { $title }, phiên bản { $version }.
criteria-in-force-now = Bộ này đang được áp dụng cho năm { $year }.
criteria-saved = ✅ Đã lưu bộ tiêu chí:
criteria-already-stored = Bộ tiêu chí này (cùng phiên bản, cùng nội dung) đã có sẵn, không thay đổi gì:
criteria-summary-model = Mô hình: { $model }
criteria-summary-version = Phiên bản: { $version }
criteria-summary-basis = Căn cứ: { $basis }
criteria-summary-years = Áp dụng: { $years }
criteria-summary-size = Gồm { $groups } nhóm, { $items } mục, tổng { $points } điểm.
criteria-summary-size-no-total = Gồm { $groups } nhóm, { $items } mục; tổng điểm chưa rõ.
criteria-rejected = ❌ Tệp tiêu chí có { $count } lỗi, chưa lưu gì. Xin sửa rồi gửi lại (vị trí tính từ 0: groups[0] là nhóm đầu tiên).
criteria-error-at = • <code>{ $path }</code>: { $reason }
criteria-error-whole = • { $reason }
criteria-more-errors = … và { $count } lỗi khác.
criteria-error-too_large = Tệp quá lớn (tối đa { $kb } KB).
criteria-error-bad_encoding = Tệp không ở mã UTF-8. Xin lưu lại dạng «UTF-8» (không chọn «Unicode» hay «ANSI»).
criteria-error-bad_json = Tệp không đúng định dạng JSON, lỗi ở dòng { NUMBER($line, useGrouping: 0) }, cột { NUMBER($column, useGrouping: 0) }.
criteria-error-missing_field = thiếu trường này.
criteria-error-unknown_field = có trường không được biết: { $keys }.
criteria-error-bad_value = giá trị không hợp lệ (sai kiểu, rỗng hoặc ngoài giới hạn).
criteria-error-duplicate_id = mã «{ $id }» bị trùng.
criteria-error-item_points_exceed_group = «{ $id }»: { $points } điểm, vượt quá mức tối đa { $max } điểm của nhóm.
criteria-error-groups_exceed_total = các nhóm cộng lại { $points } điểm, vượt quá tổng { $max } điểm.
criteria-error-groups_sum_mismatch = các nhóm cộng lại { $points } điểm, không bằng tổng { $max } điểm.
criteria-error-bands_overlap = hai mức xếp loại «{ $a }» và «{ $b }» chồng lên nhau (ở { $at } điểm).
criteria-error-bands_gap = giữa mức «{ $a }» và «{ $b }» bị hở từ { $from } đến { $to } điểm.
criteria-error-bands_gap_top = mức cao nhất «{ $a }» dừng ở { $from } điểm, chưa tới tổng { $to } điểm.
criteria-error-bands_out_of_range = mức «{ $grade }» lên tới { $max } điểm, vượt quá tổng { $total } điểm.
criteria-error-band_empty = mức «{ $grade }» không chứa điểm nào (từ { $min } đến { $max }).
criteria-error-duplicate_grade = mức xếp loại «{ $grade }» bị trùng.
criteria-error-years_reversed = năm kết thúc { NUMBER($to, useGrouping: 0) } sớm hơn năm bắt đầu { NUMBER($from, useGrouping: 0) }.
criteria-error-unknown_without_flag = «{ $id }» không có nội dung; nếu chưa biết nội dung, ghi thêm "unknown": true.
criteria-error-in_force_incomplete = bộ tiêu chí ghi "in_force" nhưng còn thiếu: { $ids }. Bổ sung đủ, hoặc ghi "draft".
criteria-error-number_without_min = mục «{ $id }» kiểu số cần có mức tối thiểu "min".
criteria-error-no_items = nhóm «{ $id }» không có mục nào.
errors-criteria_version_exists = Bộ tiêu chí «{ $key }» phiên bản { $version } đã có với nội dung khác, và bản đã lưu không được ghi đè. Xin gửi lại với số phiên bản cao hơn.
errors-criteria_draft = Bộ tiêu chí «{ $key }» phiên bản { $version } là bản nháp (còn thiếu: { $ids }) nên chưa áp dụng được.
errors-criteria_wrong_model = Bộ tiêu chí «{ $key }» phiên bản { $version } dành cho mô hình khác.
errors-criteria_wrong_year = Bộ tiêu chí «{ $key }» phiên bản { $version } không dùng cho năm { $year }.
criteria-status-draft-marked = bản nháp (tệp ghi "draft") nên chưa áp dụng được.
criteria-status-no-rule = Cách xếp loại (ngưỡng công nhận) cũng chưa có.
criteria-summary-status = Trạng thái: { $status }
btn-criteria-menu = 📐 Bộ tiêu chí học tập

## Learning models (Gia đình / Dòng họ / Cộng đồng / Đơn vị học tập)
learning-model-FAMILY = Gia đình học tập
learning-model-CLAN = Dòng họ học tập
learning-model-COMMUNITY = Cộng đồng học tập
learning-model-UNIT = Đơn vị học tập
learning-status-NONE = ⚪ Chưa tự đánh giá
learning-status-IN_PROGRESS = ✏️ Đang tự đánh giá
learning-status-SUBMITTED = 📨 Đã gửi, chờ xét
learning-status-RETURNED = ↩️ Được trả lại để sửa
learning-status-APPROVED = ✅ Đã được duyệt
learning-status-REJECTED = ❌ Không được duyệt
learning-status-RECOGNISED = 🏅 Đã được công nhận

## Learning models — review and recognition
btn-learning-review-home = 🏡 Mô hình học tập
btn-learning-review-queue = 📋 Danh sách chờ duyệt
btn-learning-review-approve = ✅ Duyệt
btn-learning-review-return = ↩️ Trả lại để sửa
btn-learning-review-reject = ❌ Không duyệt
btn-learning-review-details = 📄 Xem chi tiết
btn-learning-review-send-RETURNED = ↩️ Gửi trả lại
btn-learning-review-send-REJECTED = ❌ Gửi: không duyệt
btn-learning-review-fix = ✏️ Sửa bản tự đánh giá
learning-review-grade-none = chưa đạt
learning-review-queue-title = 📋 <b>Chờ duyệt — { $unit }, năm { $year }</b>: { $count } bản tự đánh giá. Xem từng bản rồi bấm ✅ Duyệt, ↩️ Trả lại để sửa hoặc ❌ Không duyệt.
learning-review-queue-none = ✅ Không có bản tự đánh giá nào đang chờ duyệt ở <b>{ $unit }</b> năm { $year }.
learning-review-queue-more = … và { $count } bản nữa. Duyệt xong những bản trên rồi bấm «Danh sách chờ duyệt» để xem tiếp.
learning-review-item-title = { $model } { $year }: <b>{ $name }</b>
learning-review-item-village = 📍 { $village }
learning-review-item-unit = 🏘 { $unit }
learning-review-item-score = 📊 { $total }/{ $max } điểm — { $grade }
learning-review-item-missed = { $count ->
        [0] ✔️ Mục nào cũng đạt đủ điểm
       *[other] ⚠️ { $count } mục chưa đạt đủ điểm
    }
learning-review-item-submitted = 📨 Gửi ngày { $date }
learning-review-item-status = Tình trạng: { $status }
learning-review-item-last-comment = 💬 Lần trước đã trả lại với lời nhắn: <i>{ $comment }</i>
learning-review-approved-short = ✅ Đã duyệt
learning-review-notified = { $notified ->
        [0] (Không báo tin được cho ai qua bot; xin báo trực tiếp cho người đăng ký.)
       *[other] Đã báo tin cho { $notified } người.
    }
learning-review-approved-by-you = ✅ Đã duyệt bản tự đánh giá «{ $model }» của <b>{ $name }</b>: { $total }/{ $max } điểm — { $grade }. { learning-review-notified }
learning-review-returned-by-you = ↩️ Đã trả lại bản tự đánh giá «{ $model }» của <b>{ $name }</b> để sửa. { learning-review-notified }
learning-review-rejected-by-you = ❌ Đã không duyệt bản tự đánh giá «{ $model }» của <b>{ $name }</b>. { learning-review-notified }
learning-review-ask-comment-RETURNED = ↩️ Trả lại bản tự đánh giá của <b>{ $name }</b> để sửa.
    Xin gõ ngắn gọn cần sửa gì — người đăng ký sẽ đọc lời nhắn này.
learning-review-ask-comment-REJECTED = ❌ Không duyệt bản tự đánh giá của <b>{ $name }</b>.
    Xin gõ lý do — người đăng ký sẽ đọc lời nhắn này.
learning-review-comment-empty = Xin gõ vài chữ để người đăng ký biết lý do.
learning-review-comment-too-long = Lời nhắn dài quá: tối đa { $max } ký tự, bạn đã gõ { $length }. Xin gõ ngắn lại.
learning-review-confirm-RETURNED = Trả lại bản tự đánh giá của <b>{ $name }</b> để sửa, với lời nhắn:
    <i>{ $comment }</i>
    Bấm «Gửi trả lại» để gửi, hoặc ⬅️ để viết lại.
learning-review-confirm-REJECTED = Không duyệt bản tự đánh giá của <b>{ $name }</b>, với lý do:
    <i>{ $comment }</i>
    Bấm «Gửi: không duyệt» để gửi, hoặc ⬅️ để viết lại.
btn-learning-recognise-all = 🏅 Công nhận tất cả { $count }
btn-learning-recognise-one = 🏅 { $n }
learning-recognise-title = 🏅 <b>Chờ công nhận — { $unit }, năm { $year }</b>: { $count } bản đã được duyệt.
learning-recognise-line = { $n }. <b>{ $name }</b> — { $model }, { $unit }, { $grade }
learning-recognise-more = … và { $count } bản nữa (bấm «Công nhận tất cả» là công nhận cả những bản này).
learning-recognise-hint = Bấm 🏅 kèm số thứ tự để công nhận từng bản, hoặc «Công nhận tất cả».
learning-recognise-none = Không có bản nào đã duyệt đang chờ công nhận ở <b>{ $unit }</b> năm { $year }.
learning-recognise-changed = Danh sách vừa thay đổi (có bản mới được duyệt hoặc đã được công nhận), nên chưa công nhận bản nào. Xin xem lại danh sách dưới đây.
learning-recognise-done = 🏅 Đã công nhận { $count } bản. { learning-review-notified }
learning-recognise-done-one = 🏅 Đã công nhận <b>{ $name }</b>. { learning-review-notified }
learning-notice-reviewed-approved = ✅ Bản tự đánh giá «{ $model }» năm { $year } của <b>{ $name }</b> ({ $unit }) đã được duyệt: { $total }/{ $max } điểm — { $grade }. Hội Khuyến học cấp trên sẽ xét công nhận.
learning-notice-reviewed-returned = ↩️ Bản tự đánh giá «{ $model }» năm { $year } của <b>{ $name }</b> ({ $unit }) được trả lại để sửa.
    Lời nhắn của người duyệt: <i>{ $comment }</i>
    Bấm nút dưới đây để sửa rồi gửi lại.
learning-notice-reviewed-rejected = ❌ Bản tự đánh giá «{ $model }» năm { $year } của <b>{ $name }</b> ({ $unit }) không được duyệt.
    Lý do: <i>{ $comment }</i>
learning-notice-recognised = 🏅 Chúc mừng! <b>{ $name }</b> ({ $unit }) được công nhận danh hiệu «{ $title }» năm { $year }.

## Learning models — self-evaluation
learning-eval-no-criteria = Năm { $year } chưa có bộ tiêu chí «{ $model }» được áp dụng, nên chưa tự đánh giá được. Điều phối viên hoặc quản trị viên cần chọn bộ tiêu chí cho năm này trước; khi đã chọn, anh/chị bấm lại nút này là làm được ngay.
learning-eval-not-open = Bản tự đánh giá này đang ở trạng thái «{ $status }» nên không sửa câu trả lời được nữa. Đây là bản đã gửi:
learning-eval-intro =
    📝 <b>{ $title }</b>
    { $model }: <b>{ $name }</b> — { $unit }, năm { $year }
    Căn cứ: { $basis }
    Có { $items } mục, tổng { $max } điểm. Tôi hỏi lần lượt từng mục, anh/chị bấm nút để trả lời.
    💾 Mỗi câu trả lời được lưu ngay: anh/chị có thể dừng (⏸ Tạm dừng) và quay lại sau bằng chính nút ✏️ Tiếp tục.
learning-eval-intro-resume = ▶️ Đã trả lời { $done }/{ $items } mục. Làm tiếp từ mục { $item }.
learning-eval-intro-returned =
    ↩️ Bản tự đánh giá được trả lại để sửa. Góp ý của người duyệt: «{ $comment }»
    Các câu trả lời cũ vẫn còn: mục nào không cần đổi thì bấm «↩️ Giữ».
learning-eval-group = <b>Nhóm { $group }. { $title }</b> (tối đa { $max } điểm)
learning-eval-item = <b>Mục { $item }</b> ({ $points } điểm): { $text }
learning-eval-item-number = Gõ một con số. Mục này đạt ({ $points } điểm) khi từ { $min } trở lên.
learning-eval-item-points-typed = Bấm nút hoặc gõ số điểm từ 0 đến { $max }.
learning-eval-item-evidence = 💡 Minh chứng: { $hint }
learning-eval-item-now = Câu trả lời đã lưu: <b>{ $answer }</b>
learning-eval-item-note = 📝 Ghi chú: { $note }
learning-eval-item-photo = 📷 Có ảnh minh chứng.
learning-eval-evidence-pending = (ghi chú/ảnh sẽ được lưu cùng câu trả lời)
learning-eval-score = Điểm đến giờ: <b>{ $total }/{ $max }</b>
learning-eval-answer-yes = Có
learning-eval-answer-no = Không
learning-eval-answer-points = { $value }/{ $max } điểm
learning-eval-not-a-number = «{ $text }» không phải là một con số. Xin bấm nút hoặc gõ số, ví dụ 8.
learning-eval-negative = Không được là số âm. Xin gõ từ 0 trở lên.
learning-eval-points-above-max = Mục { $item } tối đa { $max } điểm. Xin bấm nút hoặc gõ số từ 0 đến { $max }.
learning-eval-type-number = Xin bấm nút hoặc gõ một con số. (Gửi ảnh thì ảnh được lưu làm minh chứng.)
learning-eval-press-button = Xin bấm một nút ở tin nhắn phía trên.
learning-eval-evidence-ask = 📎 Minh chứng cho mục { $item }: gõ một ghi chú ngắn (tối đa { $max } ký tự) hoặc gửi một tấm ảnh (có thể kèm chú thích). Không có thì bấm «Bỏ qua».
learning-eval-evidence-empty = Ghi chú đang trống. Xin gõ vài chữ, gửi ảnh, hoặc bấm «Bỏ qua».
learning-eval-evidence-too-long = Ghi chú dài quá (tối đa { $max } ký tự). Xin viết ngắn lại.
learning-eval-evidence-not-text = Xin gõ ghi chú hoặc gửi một tấm ảnh (không nhận nhãn dán hay tệp).
learning-eval-evidence-will-save = 📎 Đã nhận. Minh chứng sẽ được lưu cùng câu trả lời mục { $item }.
learning-eval-evidence-saved = 📎 Đã lưu minh chứng cho mục { $item }.
learning-eval-paused = ⏸ Đã lưu: đã trả lời { $done }/{ $items } mục. Lúc nào tiện, bấm ✏️ Tiếp tục để làm tiếp từ chỗ dừng.
learning-eval-stopped = Đã dừng. Các câu trả lời đã có ({ $done }/{ $items } mục) vẫn được lưu; bấm ✏️ Tiếp tục để làm tiếp từ chỗ dừng.
learning-eval-result =
    📊 <b>Kết quả tự đánh giá — { $name }</b>
    Tổng điểm: <b>{ $total }/{ $max }</b>
    Xếp loại: <b>{ $grade }</b>
learning-eval-no-grade = dưới ngưỡng công nhận
learning-eval-missed-title = Các mục chưa đạt đủ điểm ({ $count }):
learning-eval-missed-line = • { $item } ({ $earned }/{ $points }): { $text }
learning-eval-missed-none = 🎉 Mục nào cũng đạt đủ điểm.
learning-eval-unanswered = Còn { $count } mục chưa trả lời.
learning-eval-result-ask = Gửi cho người duyệt, hay sửa lại một câu trả lời?
learning-eval-result-ask-rest = Xin trả lời nốt các mục còn lại rồi mới gửi được.
learning-eval-pick = ✏️ Sửa mục nào? Bấm số của mục:
learning-eval-pick-line = <b>{ $item }</b> · { $answer } · { $text }
learning-eval-not-answered = chưa trả lời
learning-eval-submitted = 📨 Đã gửi bản tự đánh giá của <b>{ $name }</b> ({ $total }/{ $max }, { $grade }) để duyệt.
learning-eval-told = { $count ->
        [0] Chưa báo được cho người duyệt nào; xin nhắn trực tiếp cho chi hội.
       *[other] Đã báo cho { $count } người duyệt.
    }
btn-learning-eval-yes = ✅ Có (+{ $points })
btn-learning-eval-no = ❌ Không
btn-learning-eval-keep = ↩️ Giữ: { $answer }
btn-learning-eval-evidence = 📎 Thêm ghi chú hoặc ảnh
btn-learning-eval-pause = ⏸ Tạm dừng
btn-learning-eval-continue = ✏️ Tiếp tục tự đánh giá
btn-learning-eval-submit = 📨 Gửi để duyệt
btn-learning-eval-change = ✏️ Sửa một câu trả lời
btn-learning-eval-later = ⏸ Để sau
btn-learning-eval-rest = ▶️ Trả lời các mục còn lại
btn-learning-eval-review = 📄 Xem và duyệt
learning-notice-submitted = 📨 <b>{ $by }</b> đã gửi bản tự đánh giá { $model } của <b>{ $name }</b> ({ $unit }, năm { $year }): <b>{ $total }/{ $max }</b> — { $grade }. Xin anh/chị xem và duyệt.
learning-notice-submitted-again = 📨 <b>{ $by }</b> đã sửa và gửi lại bản tự đánh giá { $model } của <b>{ $name }</b> ({ $unit }, năm { $year }): <b>{ $total }/{ $max }</b> — { $grade }. Xin anh/chị xem và duyệt.

## Learning models — home and registration
cmd-learning = Gia đình, dòng họ, cộng đồng, đơn vị học tập
btn-learning = 📚 Mô hình học tập
help-learning = /learning — gia đình học tập: đăng ký đầu năm, tự đánh giá cuối năm theo bộ tiêu chí
help-learning-reporter = Trong /learning: đăng ký giúp gia đình, dòng họ, cộng đồng, đơn vị học tập của đơn vị mình; số liệu theo năm, danh sách chờ duyệt và chờ công nhận.
btn-learning-home = 📚 Mô hình học tập
btn-learning-register = ➕ Đăng ký
btn-learning-self-evaluate = ✏️ Tự đánh giá: { $name }
btn-learning-continue = ▶️ Tiếp tục: { $name }
btn-learning-view = 📄 Xem: { $name }
btn-learning-unit-stats = 📊 { $unit }
learning-home-title = 📚 <b>Mô hình học tập — năm { $year }</b>
learning-home-none = Anh/chị chưa đăng ký mô hình nào cho năm nay. Bấm «➕ Đăng ký» để đăng ký gia đình mình (hoặc giúp gia đình khác).
learning-home-mine = Đã đăng ký ({ $count }):
learning-home-line = • { $model }: <b>{ $name }</b> — { $status }
learning-home-year = (năm { $year })
learning-home-score = — { $total }/{ $max } điểm, { $grade }
learning-home-no-grade = chưa đạt mức công nhận
learning-home-more = … và { $count } đăng ký khác.
learning-home-units = Số liệu các đơn vị anh/chị theo dõi:

learning-stats-title = 📊 <b>Mô hình học tập — { $unit }, năm { $year }</b>
learning-stats-model =
    <b>{ $model }</b>: { $registered } đăng ký
      • Đã tự đánh giá: { $selfEvaluated } ({ $selfEvaluatedPercent })
      • Được duyệt: { $approved } ({ $approvedPercent })
      • Được công nhận: { $recognised } ({ $recognisedPercent })
learning-stats-not-started = Chi hội chưa có đăng ký nào: { $count }/{ $branches }
learning-stats-branch-line = • { $unit }
learning-stats-more = … và { $count } chi hội khác.
learning-stats-all-started = Cả { $branches } chi hội đều đã có đăng ký.
btn-learning-list = 📋 Danh sách đăng ký
btn-learning-queue = 📥 Chờ duyệt
btn-learning-to-recognise = 🏅 Chờ công nhận
btn-learning-year-previous = ◀️ Năm { $year }
btn-learning-year-next = Năm { $year } ▶️
learning-stats-list-title = 📋 <b>Đăng ký năm { $year } — { $unit }</b> ({ $count }):
learning-stats-list-line = { $n }. <b>{ $name }</b> ({ $model }, { $unit }) — { $status }
learning-stats-list-more = … và { $count } đăng ký khác.
learning-stats-list-none = { $unit } chưa có đăng ký nào cho năm { $year }.
learning-stats-list-hint = Bấm số thứ tự để tự đánh giá (✏️) hoặc xem bản tự đánh giá (📄).
btn-learning-n-evaluate = ✏️ { $n }
btn-learning-n-view = 📄 { $n }

learning-card-title = 📄 <b>Bản tự đánh giá số { $id }</b>
learning-card-family = { $model }: gia đình ông/bà <b>{ $name }</b>
learning-card-name = { $model }: <b>{ $name }</b>
learning-card-village = Thôn/xóm: { $village }
learning-card-members = Số thành viên: { $count }
learning-card-unit = Đơn vị: { $unit } — năm { $year }
learning-card-set = Bộ tiêu chí: { $title } (phiên bản { $version })
learning-card-status = Tình trạng: { $status }
learning-card-total = Tổng điểm: <b>{ $total }/{ $max }</b>
learning-card-answered = Đã trả lời { $done }/{ $all } mục.
learning-card-grade = Kết quả: <b>{ $grade }</b>
learning-card-no-grade = Kết quả: chưa đạt mức công nhận
learning-card-groups = Theo nhóm tiêu chí:
learning-card-group-line = • { $group }: { $total }/{ $max }
learning-card-missed = Các mục chưa đạt:
learning-card-missed-line = • { $id } { $text }
learning-card-comment = 💬 Nhận xét của người duyệt: { $comment }
btn-learning-card-continue = ▶️ Tiếp tục tự đánh giá
btn-learning-approve = ✅ Duyệt
btn-learning-return = ↩️ Trả lại để sửa
btn-learning-reject = ❌ Không duyệt
btn-learning-card-recognise = 🏅 Công nhận

learning-reg-intro = ➕ <b>Đăng ký mô hình học tập</b>. Ở mỗi bước có nút ⬅️ Quay lại và ✖️ Huỷ; chưa lưu gì cho đến khi anh/chị bấm «Lưu đăng ký».
learning-reg-ask-kind = Anh/chị đăng ký cho ai?
learning-reg-kind-own = 🏠 Gia đình tôi
learning-reg-kind-FAMILY = 👪 Một gia đình trong đơn vị (đăng ký giúp)
learning-reg-kind-CLAN = 🌳 Một dòng họ
learning-reg-kind-COMMUNITY = 🏘 Một cộng đồng (thôn, xóm, bản)
learning-reg-kind-UNIT = 🏫 Một đơn vị (trường học, cơ quan)
learning-reg-ask-unit = Đăng ký với đơn vị nào?
learning-reg-more-units = (Còn { $count } đơn vị khác không hiện ở đây; xin nhờ điều phối viên của đơn vị đó đăng ký.)
learning-reg-ask-own-head = Đăng ký <b>Gia đình học tập</b> cho gia đình anh/chị. Họ và tên chủ hộ là gì? Nếu chủ hộ là anh/chị, bấm nút có tên mình.
learning-reg-ask-name-FAMILY = Họ và tên chủ hộ của gia đình đăng ký là gì? Ví dụ: Bùi Văn An.
learning-reg-ask-name-CLAN = Tên dòng họ? Ví dụ: Dòng họ Bùi xóm Đồi.
learning-reg-ask-name-COMMUNITY = Tên cộng đồng (thôn, xóm, bản)? Ví dụ: Xóm Đồi.
learning-reg-ask-name-UNIT = Tên đơn vị (trường học, cơ quan)? Ví dụ: Trường Tiểu học Mãn Đức.
learning-reg-ask-village = Thôn/xóm/bản nơi ở? Gõ tên, hoặc bấm «Bỏ qua».
learning-reg-ask-address = Đơn vị ở thôn/xóm nào? Gõ tên, hoặc bấm «Bỏ qua».
learning-reg-village-too-long = Tên thôn/xóm dài quá (tối đa { $max } ký tự). Xin gõ ngắn lại.
learning-reg-village-invalid = Xin gõ tên thôn/xóm bằng chữ, ví dụ: Xóm Đồi; hoặc bấm «Bỏ qua».
learning-reg-ask-members = Gia đình có mấy người? Bấm một số, hoặc gõ số nếu nhiều hơn 8.
learning-reg-ask-members-other = Có bao nhiêu thành viên? Gõ số, hoặc bấm «Bỏ qua».
learning-reg-members-invalid = «{ $text }» chưa phải là một số người. Xin gõ một số, ví dụ: 5.
learning-reg-members-too-many = Nhiều quá: tối đa { $max } người. Xin gõ lại.
learning-reg-ask-year = Đăng ký cho năm nào?
learning-reg-year-this = Năm { $year } (năm nay)
learning-reg-year-next = Năm { $year }
learning-reg-summary-title = Xin kiểm tra lại trước khi lưu:
learning-reg-summary-own = Mô hình: { $model } (gia đình anh/chị)
learning-reg-summary-model = Mô hình: { $model }
learning-reg-summary-head = Chủ hộ: <b>{ $name }</b>
learning-reg-summary-name = Tên: <b>{ $name }</b>
learning-reg-summary-village = Thôn/xóm: { $village }
learning-reg-summary-no-village = Thôn/xóm: (không ghi)
learning-reg-summary-members = Số thành viên: { $count }
learning-reg-summary-unit = Đơn vị: { $unit }
learning-reg-summary-year = Năm: { $year }
btn-learning-save = ✅ Lưu đăng ký
learning-reg-saved = ✅ Đã đăng ký <b>{ $name }</b> ({ $model }) với { $unit } cho năm { $year }. Cuối năm, anh/chị tự đánh giá theo bộ tiêu chí; có thể bắt đầu ngay bây giờ.
btn-learning-start-now = ✏️ Tự đánh giá ngay
learning-reg-already = «<b>{ $name }</b>» đã được đăng ký với { $unit } cho năm { $year } rồi, nên không đăng ký lần nữa. Tình trạng: { $status }.
learning-reg-check-again = Thông tin ở bước này chưa hợp lệ, xin anh/chị nhập lại.

## Learning models — the certificate of recognition (a picture)
btn-learning-certificate = 🏅 Giấy chứng nhận
certificate-caption = 🏅 Giấy chứng nhận «{ $title }» năm { NUMBER($year, useGrouping: 0) } của { $name }. Có thể lưu ảnh này hoặc in ra.
certificate-file = giay-chung-nhan
certificate-issuer = Hội Khuyến học { $unit }
certificate-heading = GIẤY CHỨNG NHẬN
certificate-lead-FAMILY = Chứng nhận gia đình ông (bà)
certificate-lead-CLAN = Chứng nhận dòng họ
certificate-lead-COMMUNITY = Chứng nhận
certificate-lead-UNIT = Chứng nhận
certificate-title-lead = đạt danh hiệu
certificate-year = năm { NUMBER($year, useGrouping: 0) }
certificate-result = Kết quả tự đánh giá: { $total }/{ $max } điểm, xếp loại { $grade } — theo { $set } ({ $basis }), phiên bản { $version }
certificate-result-no-grade = Kết quả tự đánh giá: { $total }/{ $max } điểm — theo { $set } ({ $basis }), phiên bản { $version }
certificate-date = Ngày { $day } tháng { $month } năm { NUMBER($year, useGrouping: 0) }
certificate-serial = Số: { $id }/{ NUMBER($year, useGrouping: 0) }
certificate-footer = Cấp qua khuyenhoc-bot

## Reports and deadlines — commands
cmd-report = Báo cáo 6 tháng, cả năm của đơn vị
cmd-deadlines = Các hạn nộp sắp tới

## Reports — where pre-filled figures come from
report-source-members-total = Theo bot: { $count } hội viên đã tham gia qua bot tính đến { $to }
report-source-members-new = Theo bot: { $count } hội viên mới tham gia qua bot từ { $from } đến { $to }
report-source-units-branches = Theo bot: { $count } chi hội đang hoạt động trong cây đơn vị hiện nay
report-source-units-committees = Theo bot: { $count } ban khuyến học trường học, cơ quan đang hoạt động trong cây đơn vị hiện nay
report-source-piggy-drives = Theo bot: { $banks } con lợn phát ra trong { $drives } đợt nuôi lợn bắt đầu từ { $from } đến { $to }
report-source-piggy-openings = Theo bot: { $openings } lần mổ lợn từ { $from } đến { $to } ({ $approved } đã duyệt)
report-source-sponsorship-active = Theo bot: { $count } em đang được đỡ đầu vào ngày { $to }
report-source-sponsorship-new = Theo bot: { $count } em bắt đầu được đỡ đầu từ { $from } đến { $to }
report-source-sponsorship-dropped-out = Theo bot: { $count } em được đỡ đầu đã bỏ học từ { $from } đến { $to }
report-source-sponsorship-returned = Theo bot: { $count } em được đỡ đầu đã đi học trở lại từ { $from } đến { $to }
report-source-sponsorship-completed = Theo bot: { $count } em được đỡ đầu đã học xong cấp từ { $from } đến { $to }
report-source-sponsorship-support = Theo bot: { $money } ₫ tiền hằng tháng đã đến tay các em và { $items } ₫ hỗ trợ một lần, từ { $from } đến { $to }
report-source-learning-registered = Theo bot: { $count } { $model ->
        [FAMILY] gia đình
        [CLAN] dòng họ
        [COMMUNITY] cộng đồng
       *[UNIT] đơn vị
    } đăng ký danh hiệu học tập năm { NUMBER($year, useGrouping: 0) }
report-source-learning-recognised = Theo bot: { $count } trong { $registered } { $model ->
        [FAMILY] gia đình
        [CLAN] dòng họ
        [COMMUNITY] cộng đồng
       *[UNIT] đơn vị
    } đăng ký năm { NUMBER($year, useGrouping: 0) } đã được công nhận tính đến { $to }

## Deadlines — reminders and digests
deadline-notice-before = ⏰ <b>{ $name }</b> của { $unit }: còn { $days } ngày nữa là đến hạn ({ $date }). Xin anh/chị hoàn thành và gửi đúng hạn.
deadline-notice-today = ⏰ Hôm nay ({ $date }) là hạn cuối của <b>{ $name }</b> — { $unit }. Xin anh/chị hoàn thành và gửi trong ngày.
deadline-notice-overdue = ⏰ <b>{ $name }</b> của { $unit } đã quá hạn { $days } ngày (hạn { $date }). Xin anh/chị gửi sớm nhất có thể.
deadline-notice-event-before = 📅 Còn { $days } ngày nữa là <b>{ $name }</b> ({ $date }). Xin anh/chị chuẩn bị các hoạt động của { $unit }.
deadline-notice-event-today = 📅 Hôm nay ({ $date }) là <b>{ $name }</b>. Chúc { $unit } có nhiều hoạt động ý nghĩa!
deadline-notice-event-overdue = 📅 <b>{ $name }</b> đã diễn ra ngày { $date }. Xin anh/chị tổng hợp kết quả hoạt động của { $unit }.
deadline-notice-digest = 📋 <b>{ $name }</b> (hạn { $date }) — còn { $count } đơn vị chưa nộp:
deadline-notice-digest-line = • { $unit }
deadline-notice-digest-more = … và { $count } đơn vị khác
btn-deadline-open-report = 📝 Mở báo cáo
btn-deadline-open-learning = ✏️ Mở mô hình học tập
btn-deadline-who-submitted = 📊 Xem đơn vị đã nộp
btn-deadline-learning-figures = 📊 Xem số liệu học tập
errors-deadline_not_found = Không tìm thấy hạn nộp này.
errors-deadline_changed = Hạn nộp này vừa được người khác sửa. Xin anh/chị xem lại rồi sửa tiếp.

## Reports — errors
errors-report_not_found = Không tìm thấy báo cáo này.
errors-report_no_template = Chưa có mẫu báo cáo cho kỳ này. Xin anh/chị báo quản trị viên.
errors-report_unit_kind = Mẫu báo cáo hiện có không dành cho đơn vị «{ $unit }».
errors-report_period_future = Kỳ báo cáo năm { NUMBER($year, useGrouping: 0) } chưa bắt đầu nên chưa làm báo cáo được.
errors-report_not_open = Báo cáo này đã gửi đi nên không sửa được nữa. Nếu cần sửa, xin anh/chị nhờ điều phối viên mở lại.
errors-report_incomplete = Còn { $count } ô số liệu chưa điền hoặc chưa xác nhận. Xin anh/chị điền hết rồi mới gửi.
errors-report_not_submitted = Báo cáo này chưa gửi hoặc đã được mở lại rồi, nên không mở lại được.
errors-report_changed = Báo cáo này vừa thay đổi, xin anh/chị xem lại bản mới.
errors-bad_report_answer = Câu trả lời chưa hợp lệ{ $reason ->
        [negative] : không được là số âm.
        [too_large] : số quá lớn, xin anh/chị xem lại.
        [not_integer] : cần một số nguyên, không có phần lẻ.
        [too_long] : dài quá { $max } ký tự.
        [empty] : ô này cần một con số.
        [wrong_kind] { $kind ->
            [text] : ô này cần ghi bằng chữ.
           *[other] : ô này cần một con số.
        }
        [no_such_field] : mẫu báo cáo không có mục này.
       *[other] .
    }

## Deadlines calendar — in the chat
btn-deadlines = 📅 Hạn nộp
deadlines-title = 📅 <b>Hạn nộp sắp tới</b>
deadlines-none = Hiện anh/chị không có hạn nộp nào sắp tới. Chúc anh/chị một ngày tốt lành! 🌿
deadlines-more = … và { $count } hạn nộp khác.
deadlines-item = 📌 <b>{ $name }</b> — hạn { $date }, { $when }
deadlines-days-left = còn { $days } ngày
deadlines-days-today = hôm nay
deadlines-days-late = đã quá hạn { $days } ngày
deadlines-unit-done = ✅ { $unit }: đã nộp
deadlines-unit-missing = ⏳ { $unit }: chưa nộp
deadlines-units-count = 📊 { $done }/{ $all } đơn vị đã nộp
deadlines-units-missing = ⏳ Chưa nộp: { $units }
deadlines-units-missing-more = ⏳ Chưa nộp: { $units } và { $count } đơn vị khác
btn-deadlines-open-report = 📝 Mở báo cáo: { $unit }
btn-deadlines-manage = ⚙️ Sửa lịch
deadlines-year-title = ⚙️ <b>Lịch hạn nộp năm { NUMBER($year, useGrouping: 0) }</b>
deadlines-year-hint = Bấm vào một hạn nộp để xem và sửa.
deadlines-year-none = Năm { NUMBER($year, useGrouping: 0) } chưa có hạn nộp nào trong lịch.
btn-deadlines-item = { $date } · { $name }
btn-deadlines-item-off = ⏸ { $date } · { $name }
btn-deadlines-year-previous = ◀️ { NUMBER($year, useGrouping: 0) }
btn-deadlines-year-next = { NUMBER($year, useGrouping: 0) } ▶️
btn-deadlines-year = 🗓 Lịch năm { NUMBER($year, useGrouping: 0) }
btn-deadlines-edit-date = ✏️ Ngày
btn-deadlines-edit-name = ✏️ Tên
btn-deadlines-edit-steps = ✏️ Nhắc
btn-deadlines-turn-off = ⏸ Tắt
btn-deadlines-turn-on = ▶️ Bật
deadlines-turned-off = ⏸ Đã tắt hạn nộp này: sẽ không gửi lời nhắc nào.
deadlines-turned-on = ▶️ Đã bật lại hạn nộp này.
deadlines-saved = ✅ Đã lưu thay đổi.
deadlines-card =
    📅 <b>{ $vi }</b>
    <i>{ $en }</i>
    Việc cần làm: { $what }
    Ai phải nộp: { $who }
    Hạn: <b>{ $date }</b>
    Nhắc: { $steps }
    Trạng thái: { $state }
deadlines-card-note = 📝 { $note }
deadlines-state-on = 🟢 đang bật
deadlines-state-off = ⏸ đang tắt
deadlines-due-report-H1 = báo cáo 6 tháng đầu năm { NUMBER($year, useGrouping: 0) }
deadlines-due-report-YEAR = báo cáo cả năm { NUMBER($year, useGrouping: 0) }
deadlines-due-evaluation = tự đánh giá { $model } năm { NUMBER($year, useGrouping: 0) }
deadlines-due-event = sự kiện (không phải nộp gì)
deadlines-owes = { $kinds } ({ $roles })
deadlines-list-and = { $head } và { $last }
deadlines-steps-before = { $days } ngày trước
deadlines-steps-on-day = đúng hạn
deadlines-steps-after = quá hạn { $days } ngày
deadlines-steps-none = không nhắc
deadlines-names = { $vi } / { $en }
deadlines-ask-date = Hạn mới của «{ $name }» (hiện là { $date })? Xin gõ ngày/tháng, ví dụ: 15/6 hoặc 15/6/{ NUMBER($year, useGrouping: 0) }.
deadlines-date-invalid = Tôi chưa hiểu ngày này. Xin gõ ngày/tháng, ví dụ: 15/6 hoặc 15/6/{ NUMBER($year, useGrouping: 0) }.
deadlines-date-no-such-day = Không có ngày này trên lịch. Xin gõ lại.
deadlines-ask-name-vi = Tên tiếng Việt mới (hiện là «{ $current }»)?
deadlines-ask-name-en = Tên tiếng Anh mới (hiện là «{ $current }»)?
deadlines-name-empty = Tên không được để trống. Xin gõ lại.
deadlines-name-too-long = Tên dài quá (tối đa { $max } ký tự). Xin gõ ngắn hơn.
deadlines-ask-steps = Nhắc «{ $name }» vào những ngày nào? Hiện là: { $steps }.
    Bấm một lựa chọn, hoặc gõ số ngày so với hạn, cách nhau bằng dấu phẩy: số âm là trước hạn, 0 là đúng hạn, số dương là sau hạn. Ví dụ: -7, -3, 0, 3
btn-deadlines-steps-default = Mặc định: 7, 3, 1 ngày trước, đúng hạn, quá hạn 3, 6, 9 ngày
btn-deadlines-steps-day = Chỉ đúng hạn và 1 ngày trước
btn-deadlines-steps-off = Tắt nhắc
deadlines-steps-empty = Xin gõ ít nhất một số, ví dụ: -7, -3, 0, 3
deadlines-steps-invalid = Tôi chưa hiểu «{ $text }». Xin gõ các số nguyên cách nhau bằng dấu phẩy, ví dụ: -7, -3, 0, 3
deadlines-steps-range = Mỗi số phải từ -60 đến 60 (ngày so với hạn). Xin gõ lại.
deadlines-steps-many = Nhiều nhất 12 lần nhắc. Xin bớt vài số.
deadlines-confirm-date = Đổi hạn của «{ $name }»:
    { $before } → <b>{ $after }</b>
    Lưu thay đổi này?
deadlines-confirm-name = Đổi tên:
    { $before }
    → <b>{ $after }</b>
    Lưu thay đổi này?
deadlines-confirm-steps = Đổi lịch nhắc của «{ $name }»:
    { $before }
    → <b>{ $after }</b>
    Lưu thay đổi này?

## Unit reports in the chat (báo cáo 6 tháng, cả năm)
report-period-H1 = 6 tháng đầu năm { NUMBER($year, useGrouping: 0) }
report-period-YEAR = cả năm { NUMBER($year, useGrouping: 0) }
btn-report-period-H1 = 6 tháng đầu năm { NUMBER($year, useGrouping: 0) }
btn-report-period-YEAR = Cả năm { NUMBER($year, useGrouping: 0) }
report-status-NONE = ⏳ Chưa bắt đầu
report-status-DRAFT = 📝 Đang soạn
report-status-SUBMITTED = ✅ Đã nộp
report-status-REOPENED = ↩️ Mở lại để sửa
report-value-none = —
report-more-units = … và { $count } đơn vị khác
report-home-none = 📝 Báo cáo 6 tháng và cả năm do <b>người báo cáo</b> hoặc <b>điều phối viên</b> của hội khuyến học xã, ban khuyến học trường học, cơ quan gửi lên.
    Anh/chị hiện chưa có vai trò đó. Nếu anh/chị được giao làm báo cáo, xin nhờ điều phối viên của đơn vị cấp vai trò «Người báo cáo».
report-home-periods = 📝 <b>Báo cáo của { $unit }</b>
    Anh/chị làm báo cáo kỳ nào?
report-home-units = 📝 <b>Báo cáo của đơn vị</b>
    Anh/chị báo cáo cho đơn vị nào?
report-home-follow = 📊 Theo dõi các đơn vị anh/chị phụ trách: đơn vị nào đã nộp, và số liệu tổng hợp.
btn-report-submissions = 📊 Tình hình nộp · { $unit }
btn-report-summed = Σ Tổng hợp · { $unit }
btn-report-home = 📝 Báo cáo
report-intro = 📝 <b>{ $title }</b>
    Đơn vị: { $unit }
    Kỳ báo cáo: { $period }
report-intro-due = Hạn nộp: { $due }
report-intro-prefilled = Bot đã điền sẵn { $count } số liệu từ các ghi chép. Anh/chị xem từng phần: bấm ✅ nếu đúng, ✏️ nếu cần sửa. Mỗi câu trả lời được lưu ngay.
report-intro-resume = Anh/chị đã trả lời { $done }/{ $total } mục; làm tiếp từ chỗ còn dở.
report-intro-reopened = ↩️ Báo cáo được mở lại để sửa. Ý kiến của điều phối viên: «{ $comment }»
report-section = <b>Phần { $n }/{ $total }. { $title }</b>
report-line = { $n }. { $label }: <b>{ $value }</b>
report-line-overridden = { $n }. { $label }: bot: { $known } · anh/chị: <b>{ $value }</b>
report-line-source = ↳ <i>{ $source }</i>
report-section-ask = Các số liệu trên đã đúng chưa?
btn-report-confirm = ✅ Đúng cả
btn-report-edit = ✏️ Sửa
report-pick-field = ✏️ Anh/chị muốn sửa số liệu nào? Bấm số thứ tự.
report-ask = <b>{ $n }. { $label }</b>
report-ask-help = <i>{ $help }</i>
report-ask-known = Bot tính được: { $value }
report-ask-now = Hiện tại: <b>{ $value }</b>
report-ask-hint-count = Xin gõ một số, ví dụ 12.
report-ask-hint-money = Xin gõ số tiền, ví dụ 1.500.000, 1,5 triệu hoặc 500k.
report-ask-hint-text = Xin gõ vài dòng, hoặc bấm «Bỏ qua».
btn-report-zero = 0
report-bad-count = «{ $text }» chưa phải là một số. Xin gõ lại, ví dụ 12.
report-bad-money = «{ $text }» chưa đọc được thành số tiền. Xin gõ lại, ví dụ 1.500.000, 1,5 triệu hoặc 500k.
report-bad-negative = Số liệu không thể âm («{ $text }»). Xin gõ lại.
report-bad-not_integer = Số lượng phải là số nguyên («{ $text }»). Xin gõ lại.
report-bad-too_large = «{ $text }» lớn quá mức có thể (tối đa { $max }). Xin anh/chị xem lại.
report-bad-too_long = Nội dung dài quá; xin rút gọn dưới { $max } ký tự.
report-bad-empty = Xin gõ nội dung, hoặc bấm «Bỏ qua».
report-summary = 📋 <b>Toàn bộ báo cáo — { $unit }, { $period }</b>
report-summary-ready = Đã đủ số liệu. Anh/chị xem lại rồi bấm 📨 Gửi báo cáo.
report-missing = ⚠️ Còn thiếu { $count } số liệu, xin anh/chị điền nốt:
report-missing-more = … và { $count } số liệu khác
btn-report-submit = 📨 Gửi báo cáo
btn-report-change = ✏️ Sửa một phần
report-pick-section = ✏️ Anh/chị muốn sửa phần nào?
report-stopped = ⏸ Đã dừng. Các số liệu đã nhập vẫn được lưu ({ $done }/{ $total } mục). Bấm «Làm tiếp» hoặc gõ /report để làm tiếp.
btn-report-continue = ✏️ Làm tiếp
report-submitted = ✅ Đã gửi báo cáo { $period } của { $unit }.
report-submitted-late = ⏰ Nộp muộn so với hạn { $due }.
report-told = { $count ->
    [0] Chưa báo được cho điều phối viên nào; anh/chị có thể báo trực tiếp.
   *[other] Đã báo cho { $count } điều phối viên.
}
report-card-title = 📄 <b>{ $title }</b>
report-card-unit = { $unit } · { $period }
report-card-status = Tình trạng: { $status }
report-card-submitted = Gửi ngày { $date }
report-card-late = ⏰ Nộp muộn so với hạn { $due }
report-card-due = Hạn nộp: { $due }
report-card-comment = Ý kiến khi mở lại: «{ $comment }»
btn-report-reopen = ↩️ Mở lại để sửa
btn-report-open = ✏️ Mở báo cáo
btn-report-view = 📄 Xem báo cáo
btn-report-fix = ✏️ Sửa báo cáo
report-subs-title = 📊 <b>Tình hình nộp báo cáo { $period }</b>
    { $unit }: { $submitted }/{ $total } đơn vị đã nộp
report-subs-line-SUBMITTED = { $n }. ✅ { $unit } — nộp { $date }
report-subs-line-DRAFT = { $n }. 📝 { $unit } — đang soạn (nháp)
report-subs-line-REOPENED = { $n }. ↩️ { $unit } — mở lại để sửa
report-subs-line-NONE = { $n }. ⏳ { $unit } — chưa bắt đầu
report-subs-late = {" "}· ⏰ muộn
report-subs-none = Trong { $unit } không có đơn vị nào phải nộp báo cáo { $period }.
report-subs-hint = Bấm nút dưới đây để xem báo cáo đã nộp.
btn-report-card = 📄 { $unit }
btn-report-card-n = 📄 { $n }
report-sum-title = Σ <b>Tổng hợp báo cáo { $period }</b>
    { $unit }
report-sum-section = <b>{ $title }</b>
report-sum-line = { $label }: <b>{ $value }</b>
report-sum-nothing = Chưa có báo cáo nào được gửi nên chưa có số tổng hợp.
report-sum-included = ✅ Đã cộng { $count } báo cáo:
report-sum-missing = ⏳ Chưa nộp ({ $count } đơn vị):
report-sum-unit = • { $unit }
report-sum-all-in = ✅ Mọi đơn vị đều đã nộp.
report-reopen-ask = ↩️ Mở lại báo cáo { $period } của { $unit } để sửa.
    Xin gõ ý kiến cho người báo cáo: cần sửa gì?
report-reopen-empty = Xin gõ vài chữ để người báo cáo biết cần sửa gì.
report-reopen-too-long = Ý kiến dài { $length } ký tự; xin rút gọn dưới { $max } ký tự.
report-reopen-confirm = Mở lại báo cáo { $period } của { $unit } với ý kiến:
    «{ $comment }»
    Người báo cáo sẽ được báo để sửa và gửi lại.
btn-report-reopen-send = ↩️ Mở lại
report-reopen-done = ↩️ Đã mở lại báo cáo { $period } của { $unit }. { $count ->
    [0] Chưa báo được cho người báo cáo nào.
   *[other] Đã báo cho { $count } người báo cáo.
}
report-changed = Báo cáo vừa thay đổi từ lúc anh/chị xem. Đây là bản hiện tại:
report-notice-submitted = 📨 { $name } đã gửi báo cáo { $period } của { $unit }.
report-notice-late = ⏰ Nộp muộn so với hạn { $due }.
report-notice-reopened = ↩️ Báo cáo { $period } của { $unit } được mở lại để sửa.
    Ý kiến của điều phối viên: «{ $comment }»
    Xin anh/chị sửa rồi gửi lại.

## Deadlines calendar — in the chat (continued)
deadlines-date-far = Hạn của năm { NUMBER($year, useGrouping: 0) } chỉ dời được trong khoảng một năm quanh năm đó. Xin gõ ngày khác.

## Deadlines calendar — who owes it, new deadlines
btn-deadlines-edit-kinds = ✏️ Đơn vị phải nộp
btn-deadlines-edit-roles = ✏️ Người được nhắc
btn-deadlines-done = ✔️ Xong
deadlines-ask-kinds = Những loại đơn vị nào phải thực hiện «{ $name }»?
    Bấm để chọn hoặc bỏ chọn (✓ là đã chọn), rồi bấm «Xong».
deadlines-ask-roles = Ở mỗi đơn vị, nhắc những ai về «{ $name }»?
    Bấm để chọn hoặc bỏ chọn (✓ là đã chọn), rồi bấm «Xong».
deadlines-kinds-empty = Xin anh/chị chọn ít nhất một loại đơn vị.
deadlines-roles-empty = Xin anh/chị chọn ít nhất một vai trò để nhắc.
deadlines-confirm-kinds = Đổi đơn vị phải thực hiện «{ $name }»:
    { $before }
    → <b>{ $after }</b>
    Lưu thay đổi này?
deadlines-confirm-roles = Đổi người được nhắc về «{ $name }»:
    { $before }
    → <b>{ $after }</b>
    Lưu thay đổi này?
btn-deadlines-new = ➕ Thêm hạn mới
deadlines-new-ask-name-vi = ➕ Hạn mới trong lịch năm { NUMBER($year, useGrouping: 0) }. Tên tiếng Việt của hạn này là gì?
deadlines-new-ask-name-en = Tên tiếng Anh của «{ $vi }» là gì? Nếu không có, bấm «Giống tên tiếng Việt».
btn-deadlines-new-same-name = Giống tên tiếng Việt
deadlines-new-ask-what = «{ $name }» là việc gì?
btn-deadlines-new-report-h1 = 📝 Báo cáo 6 tháng đầu năm { NUMBER($year, useGrouping: 0) }
btn-deadlines-new-report-year = 📝 Báo cáo cả năm { NUMBER($year, useGrouping: 0) }
btn-deadlines-new-evaluation = 🏅 Tự đánh giá mô hình học tập
btn-deadlines-new-event = 📣 Sự kiện (không phải nộp gì)
deadlines-new-ask-model = «{ $name }»: tự đánh giá mô hình nào?
deadlines-new-ask-date = Hạn của «{ $name }» là ngày nào? Xin gõ ngày/tháng, ví dụ: 15/6 hoặc 15/6/{ NUMBER($year, useGrouping: 0) }.
deadlines-new-ask-steps = Nhắc «{ $name }» vào những ngày nào?
    Bấm một lựa chọn, hoặc gõ số ngày so với hạn, cách nhau bằng dấu phẩy: số âm là trước hạn, 0 là đúng hạn, số dương là sau hạn. Ví dụ: -7, -3, 0, 3
deadlines-new-summary = Xin anh/chị xem lại hạn mới:

    { $card }

    Lưu vào lịch?
deadlines-new-saved = ✅ Đã thêm hạn mới vào lịch.

## Broadcasts: menu and command (lead)
cmd-broadcast = Gửi thông báo tới các đơn vị
btn-broadcast-home = 📢 Thông báo

## Broadcasts: home, list, card, progress, summary, acknowledgements (broadcast-, btn-broadcast-)
broadcast-home =
    📢 <b>Thông báo</b>
    Anh/chị có thể gửi thông báo tới hội viên các đơn vị mình phụ trách, gửi ngay hoặc hẹn giờ.
btn-broadcast-new = ✍️ Soạn thông báo mới
btn-broadcast-list = 📋 Đã gửi và đang hẹn
broadcast-list-title = 📋 <b>Thông báo của anh/chị</b>
broadcast-list-item = { $status } { $time } · { $title } · { $recipients } người nhận
broadcast-list-none = Anh/chị chưa gửi thông báo nào.
btn-broadcast-item = { $status } { $time } · { $title }
broadcast-progress =
    📢 <b>{ $title }</b>
    Người nhận: { $recipients }
    ✅ Đã gửi: { $sent }
    🚫 Đã chặn bot: { $blocked }
    ⚠️ Gửi lỗi: { $failed }
    ⏳ Đang chờ gửi: { $waiting }
    { $bar }
broadcast-acks = 👍 Đã bấm «Đã nhận»: { $acked } / { $of }
btn-broadcast-stop = ⏹ Dừng gửi
btn-broadcast-card = 📋 Xem chi tiết
broadcast-summary-done = ✅ <b>Đã gửi xong thông báo</b> «{ $title }»
broadcast-summary-cancelled = ⏹ <b>Thông báo đã dừng</b> «{ $title }»
broadcast-summary-figures =
    Người nhận: { $recipients }
    ✅ Đã nhận được tin: { $delivered }
    🚫 Đã chặn bot: { $blocked }
    ⚠️ Gửi lỗi: { $failed }
broadcast-summary-not-sent = ✖️ Không gửi (đã dừng): { $count }
broadcast-summary-waiting = ⏳ Còn đang gửi dở: { $count }
broadcast-summary-started = Bắt đầu gửi: { $time }
broadcast-summary-finished = Gửi xong: { $time }
broadcast-summary-cancelled-at = Dừng lúc: { $time }
btn-broadcast-unreached = 👥 Ai chưa nhận được
btn-broadcast-remind = 🔔 Nhắc người chưa bấm «Đã nhận»
btn-broadcast-refresh = 🔄 Cập nhật
broadcast-card-scheduled = 🕒 Hẹn gửi lúc <b>{ $time }</b> (giờ Việt Nam)
btn-broadcast-cancel-scheduled = ✖️ Huỷ lịch gửi
broadcast-cancel-ask = Huỷ thông báo «{ $title }» đã hẹn gửi lúc { $time }? Sẽ không ai nhận được thông báo này.
broadcast-stop-ask = Dừng gửi thông báo «{ $title }»? { $waiting } người chưa được gửi sẽ không nhận được nữa.
btn-broadcast-yes-cancel = ✅ Đồng ý, dừng lại
btn-broadcast-no-keep = ⬅️ Không, giữ nguyên
broadcast-cancelled-scheduled = ✖️ Đã huỷ thông báo hẹn giờ. Sẽ không ai nhận được thông báo này.
broadcast-stopped = ⏹ Đã dừng gửi. { $count } người chưa được gửi sẽ không nhận được thông báo này.
broadcast-remind-text = 🔔 Nhắc lại: anh/chị vui lòng đọc thông báo trên và bấm «Đã nhận».
broadcast-reminded = { $count ->
    [0] Không còn ai cần nhắc: mọi người nhận được tin đều đã bấm «Đã nhận».
   *[other] 🔔 Đã xếp lịch nhắc { $count } người chưa bấm «Đã nhận». Tin nhắc sẽ được gửi trong ít phút.
}
broadcast-unreached-title = 👥 <b>Chưa nhận được</b> «{ $title }»: { $count } người
broadcast-unreached-line = • { $name } — { $why }
broadcast-unreached-id = Mã Telegram { $id }
broadcast-unreached-more = … và { $count } người nữa
broadcast-unreached-none = Mọi người đều đã nhận được «{ $title }».
broadcast-why-blocked = đã chặn bot
broadcast-why-failed = gửi lỗi
broadcast-why-cancelled = đã dừng gửi
broadcast-why-waiting = đang chờ gửi
broadcast-ack-thanks = Cảm ơn anh/chị đã xác nhận!
broadcast-ack-already = Anh/chị đã xác nhận rồi. Cảm ơn!
broadcast-ack-preview = Đây chỉ là bản xem trước: người nhận sẽ bấm nút này để xác nhận.
btn-broadcast-acked = ✓ Đã nhận
broadcast-finished-notice = ✅ Thông báo «{ $title }» đã gửi xong. Kết quả ở tin nhắn tiến độ phía trên.
broadcast-untitled = 📎 (tệp đính kèm)

## Broadcasts: errors and composing a new announcement (errors-broadcast_, broadcast-compose-, btn-broadcast-compose-, btn-broadcast-ack)
errors-broadcast_not_found = Không tìm thấy thông báo này.
errors-broadcast_empty = Thông báo chưa có nội dung. Xin anh/chị gõ nội dung, hoặc gửi một ảnh hay một tệp.
errors-broadcast_too_long = Thông báo quá dài, không gửi được. Xin anh/chị rút ngắn lại.
errors-broadcast_in_past = Thời điểm này đã qua rồi. Xin anh/chị chọn một thời điểm sắp tới.
errors-broadcast_too_far = Chỉ hẹn giờ gửi được trong vòng một năm tới. Xin anh/chị chọn thời điểm gần hơn.
errors-broadcast_no_recipients = Không có ai nhận thông báo này: các đơn vị đã chọn chưa có người phù hợp. Xin anh/chị chọn đơn vị hoặc đối tượng khác.
errors-broadcast_finished = Thông báo này đã gửi xong hoặc đã huỷ rồi.
errors-broadcast_no_ack = Thông báo này không yêu cầu bấm «Đã nhận» nên không có gì để nhắc.
errors-broadcast_not_started = Thông báo này chưa bắt đầu gửi.
errors-broadcast_already_reminded = Anh/chị đã nhắc những người chưa bấm «Đã nhận» rồi. Mỗi thông báo chỉ nhắc được một lần.
btn-broadcast-ack = ✅ Đã nhận
broadcast-compose-ask-content =
    ✍️ <b>Thông báo mới</b>
    Xin anh/chị gõ nội dung thông báo (có thể in đậm, in nghiêng…), hoặc gửi một ảnh hay một tệp kèm lời chú thích. Cũng có thể chuyển tiếp một tin nhắn vào đây.
broadcast-compose-empty = Thông báo chưa có chữ nào. Xin anh/chị gõ nội dung thông báo.
broadcast-compose-not-content = Trợ lý chỉ nhận chữ, một ảnh hoặc một tệp. Xin anh/chị gửi lại.
broadcast-compose-too-long = Thông báo dài { $length } ký tự, quá dài để gửi (tối đa khoảng { $limit } ký tự). Xin anh/chị rút ngắn rồi gửi lại.
broadcast-compose-split = ℹ️ Thông báo dài hơn một tin nhắn Telegram nên sẽ được gửi thành { $parts } tin nhắn liên tiếp.
broadcast-compose-left = Đã thoát, chưa gửi gì.
broadcast-compose-ask-units = Gửi tới <b>đơn vị nào</b>? Bấm vào tên để chọn hoặc bỏ chọn (mỗi đơn vị gồm cả các đơn vị trực thuộc), rồi bấm «Tiếp tục».
broadcast-compose-ask-parts = Chọn những đơn vị trong <b>{ $unit }</b> sẽ nhận thông báo, rồi bấm «Xong»:
broadcast-compose-units-empty = Xin anh/chị chọn ít nhất một đơn vị.
btn-broadcast-compose-parts = 🔽 Chọn một phần của { $unit }
btn-broadcast-compose-next = Tiếp tục ➡️
btn-broadcast-compose-parts-done = ✅ Xong
broadcast-compose-ask-audience = Gửi cho <b>những ai</b> trong các đơn vị đã chọn?
btn-broadcast-compose-audience-everyone = 👥 Tất cả mọi người
btn-broadcast-compose-audience-reporters = 📝 Chỉ người báo cáo
btn-broadcast-compose-audience-coordinators = 🧭 Chỉ điều phối viên
broadcast-compose-ask-ack = Có cần người nhận bấm nút «✅ Đã nhận» không? Nếu có, anh/chị sẽ biết bao nhiêu người đã nhận và có thể nhắc những người chưa nhận một lần.
btn-broadcast-compose-ack-yes = ✅ Có, yêu cầu bấm «Đã nhận»
btn-broadcast-compose-ack-no = Không cần
broadcast-compose-preview-title = 👀 Xem trước — người nhận sẽ thấy đúng như sau:
broadcast-compose-summary-title = 📋 <b>Kiểm tra trước khi gửi</b>
broadcast-compose-summary-recipients = 👥 Số người nhận: <b>{ $count }</b>
broadcast-compose-summary-blocked = ⚠️ Trong đó { $count } người đã chặn bot nên sẽ không nhận được.
broadcast-compose-summary-units = 🏢 Đơn vị: { $units }
broadcast-compose-summary-audience = 🎯 Đối tượng: { $audience }
broadcast-compose-summary-ack-yes = ✅ Yêu cầu bấm «Đã nhận»: có
broadcast-compose-summary-ack-no = ✅ Yêu cầu bấm «Đã nhận»: không
broadcast-compose-summary-parts = ✉️ Gửi thành { $parts } tin nhắn liên tiếp
btn-broadcast-compose-send = 📤 Gửi ngay
btn-broadcast-compose-schedule = 🕒 Hẹn giờ gửi
btn-broadcast-compose-restart = ✏️ Soạn lại
broadcast-compose-ask-when = 🕒 Gửi lúc nào? Chọn một nút, hoặc gõ ngày giờ (giờ Việt Nam), ví dụ <code>{ $example }</code> hoặc <code>19:00 30/11</code>.
btn-broadcast-compose-when-today = Tối nay { $time }
btn-broadcast-compose-when-tomorrow = Ngày mai { $time }
broadcast-compose-when-invalid = Trợ lý chưa hiểu ngày giờ này. Xin anh/chị gõ theo mẫu <code>30/11/2026 19:00</code> hoặc <code>19:00 30/11</code>.
broadcast-compose-when-no-such-day = Không có ngày này trong lịch. Xin anh/chị gõ lại.
broadcast-compose-confirm-schedule = Hẹn gửi thông báo lúc <b>{ $when }</b> (giờ Việt Nam)?
btn-broadcast-compose-confirm-schedule = ✅ Đặt lịch gửi
broadcast-compose-scheduled = ✅ Đã hẹn giờ: thông báo sẽ được gửi lúc <b>{ $when }</b> (giờ Việt Nam). Trước giờ đó anh/chị vẫn có thể huỷ trong danh sách thông báo.
help-broadcast = /broadcast — gửi thông báo tới hội viên các đơn vị anh/chị phụ trách (gửi ngay hoặc hẹn giờ, có thể yêu cầu bấm «Đã nhận»)

## Stats and exports: menu and commands (lead)
cmd-stats = Số liệu phong trào của đơn vị, có biểu đồ
cmd-export = Xuất số liệu ra tệp Excel (XLSX) hoặc CSV

## Stats and exports: in the chat (stats-, export-, btn-stats-, btn-export-)
btn-stats-home = 📊 Số liệu
btn-stats-show = 📊 Xem số liệu
btn-export-start = 📥 Xuất tệp
help-stats = /stats — xem số liệu phong trào của các đơn vị anh/chị phụ trách, kèm biểu đồ; /export — xuất số liệu ra tệp Excel (XLSX) hoặc CSV
stats-data-home = 📊 <b>Số liệu phong trào</b>
    Anh/chị muốn xem số liệu ngay trong tin nhắn (kèm biểu đồ), hay xuất ra tệp Excel/CSV?
stats-pick-unit = 📊 Anh/chị muốn xem số liệu của đơn vị nào?
stats-pick-period = 📊 <b>{ $unit }</b>
    Anh/chị xem số liệu kỳ nào? Muốn xem riêng một đơn vị cấp dưới thì bấm ⬇️.
btn-stats-down = ⬇️ { $unit }
stats-title = 📊 <b>Số liệu của { $unit }</b>
    Kỳ: { $period } ({ $from } – { $to })
stats-reports = 📝 Báo cáo: <b>{ $submitted }/{ $owed }</b> đơn vị đã nộp
stats-reports-late = { " " }(trong đó { $late } đơn vị nộp muộn)
stats-reports-all-in = ✅ Tất cả các đơn vị đã nộp báo cáo.
stats-reports-missing = ⏳ Chưa nộp: { $units }
stats-missing-more = { $units } và { $count } đơn vị khác
stats-reports-none-owed = 📝 Báo cáo: kỳ này không có đơn vị nào phải nộp.
stats-piggy = 🐷 Nuôi lợn nhựa: thu được <b>{ $amount }</b> qua { $openings } lần mở lợn
stats-sponsor = 🤝 Đỡ đầu: <b>{ $active }</b> trường hợp đang được đỡ đầu; <b>{ $percent }%</b> học sinh được đỡ đầu trong kỳ vẫn đi học ({ $still }/{ $sponsored })
stats-sponsor-no-pupils = 🤝 Đỡ đầu: <b>{ $active }</b> trường hợp đang được đỡ đầu
stats-learning = 📚 Gia đình học tập: <b>{ $recognised }/{ $registered }</b> gia đình đăng ký đã được công nhận ({ $percent }%)
stats-learning-none = 📚 Gia đình học tập: chưa có gia đình nào đăng ký trong năm.
stats-scholarships = 🎓 Học bổng: <b>{ $count }</b> suất, tổng cộng <b>{ $amount }</b>
stats-empty = 📭 Chưa có số liệu nào được báo cáo cho <b>{ $unit }</b> trong { $period }. Khi các đơn vị ghi nhận mở lợn, đỡ đầu, gia đình học tập hoặc nộp báo cáo, số liệu sẽ hiện ở đây.
stats-chart-money-title = Tiền nuôi lợn nhựa thu được — { $period }
stats-chart-money-series = Tiền thu được
stats-chart-money-caption = 🐷 Tiền nuôi lợn nhựa thu được theo đơn vị — { $unit }, { $period }. Tổng cộng: { $amount }
stats-chart-reports-title = Báo cáo đã nộp — { $period }
stats-chart-reports-owed = Phải nộp
stats-chart-reports-submitted = Đã nộp
stats-chart-reports-caption = 📝 Báo cáo đã nộp theo đơn vị — { $unit }, { $period }: { $submitted }/{ $owed }
errors-stats_period_future = Kỳ của năm { NUMBER($year, useGrouping: 0) } chưa bắt đầu nên chưa có số liệu. Xin anh/chị chọn một kỳ đã qua hoặc đang diễn ra.
export-ask-kinds = 📥 <b>Xuất số liệu ra tệp</b>
    Anh/chị cần những số liệu nào? Bấm để chọn hoặc bỏ chọn (✅), rồi bấm «Tiếp».
export-kind-summary = Báo cáo tổng hợp
export-kind-reports = Báo cáo của từng đơn vị
export-kind-piggy = Các lần mở lợn nhựa
export-kind-sponsorship = Các trường hợp đỡ đầu
export-kind-learning = Gia đình học tập
btn-export-next = ➡️ Tiếp
export-kinds-empty = Xin anh/chị chọn ít nhất một loại số liệu.
export-ask-period = 📥 Số liệu: { $kinds }
    Anh/chị xuất số liệu kỳ nào?
export-ask-unit = 📥 { $period }: anh/chị xuất số liệu của đơn vị nào? Bấm tên đơn vị để lấy cả đơn vị (gồm các đơn vị cấp dưới), hoặc bấm ⬇️ để chọn trong các đơn vị cấp dưới.
export-ask-unit-in = 📥 <b>{ $unit }</b> — { $period }
    Lấy số liệu của cả đơn vị, hay của một đơn vị cấp dưới? Bấm ⬇️ để xem các đơn vị nhỏ hơn.
btn-export-whole = ✅ Cả { $unit }
btn-export-down = ⬇️
export-ask-format = 📥 <b>{ $unit }</b> — { $period }
    Số liệu: { $kinds }
    Anh/chị muốn tệp loại nào? Excel (XLSX) chứa đủ các loại, mỗi loại một trang; CSV chỉ chứa một loại.
btn-export-xlsx = 📗 Excel (XLSX)
btn-export-csv = 📄 CSV
export-csv-one-kind = Một tệp CSV chỉ chứa được một loại số liệu, mà anh/chị đã chọn { $count } loại. Xin anh/chị chọn loại cần xuất ra CSV, hoặc lấy tệp Excel có đủ các loại.
btn-export-csv-kind = 📄 CSV: { $kind }
btn-export-xlsx-all = 📗 Excel (XLSX) đủ các loại
export-empty = 📭 Chưa có số liệu nào được báo cáo cho <b>{ $unit }</b> trong { $period } ({ $kinds }), nên trợ lý chưa tạo tệp. Anh/chị có thể chọn kỳ khác.
btn-export-other-period = 📅 Chọn kỳ khác
export-progress = ⏳ Đang chuẩn bị tệp… { $rows }/{ $total } dòng
export-progress-done = ✅ Đã chuẩn bị xong { $rows } dòng, đang gửi tệp.
export-caption = 📥 { $unit } — { $period } — { $rows } dòng ({ $format })
errors-export_period_future = Kỳ của năm { NUMBER($year, useGrouping: 0) } chưa bắt đầu nên chưa có gì để xuất. Xin anh/chị chọn một kỳ đã qua hoặc đang diễn ra.
