## Common — buttons and form steps
btn-back = ⬅️ Back
btn-cancel = ✖️ Cancel
btn-skip = Skip
btn-save = ✅ Save
btn-menu = 🏠 Menu
btn-help = ❓ Help
btn-language = 🌐 Ngôn ngữ / Language
btn-share-phone = 📱 Share my phone number
btn-search-again = 🔎 Search again
flow-cancelled = Cancelled. Nothing was saved. Type /menu to see what you can do.
flow-stopped-kept = Stopped. The answers given so far are kept; you can go on at any time. Type /menu to see what you can do.
flow-use-buttons = Please press one of the buttons above (or /cancel to stop).
flow-send-text = Please type your answer as text (or /cancel to stop).
stale-button = This button is out of date. Type /menu to start again.
cancel-nothing = There is nothing in progress to cancel.
unknown-message = I did not understand that. Press Menu to see what you can do, or Help.
unknown-command = I do not know that command. Press Menu to see what you can do.
menu-hint = Type /menu at any time to see what you can do.

## Commands (Telegram's command list)
cmd-start = Start
cmd-menu = What you can do
cmd-me = My units and roles
cmd-help = How to use the bot
cmd-lang = Change language (Tiếng Việt / English)
cmd-cancel = Cancel what is in progress
cmd-units = Manage units
cmd-requests = Pending join requests
cmd-import = Import the unit tree from a CSV file

## Roles and unit kinds
role-member = Member
role-reporter = Reporter
role-coordinator = Coordinator
role-admin = Administrator
kind-province = Province
kind-district = District (former)
kind-commune = Commune / ward
kind-branch = Branch
kind-school-committee = School committee
kind-agency-committee = Agency committee

## Start
start-intro =
    Hello! 👋 This is the assistant of the <b>Learning Promotion Association</b> (Hội Khuyến học).
    Members, branches and school committees use it to report on their movements, receive announcements and be reminded of deadlines.

    If a coordinator sent you an invite link, please tap that link.
    If not, you can ask to join a unit.
start-welcome-back = Welcome back, <b>{ $name }</b>! What would you like to do?
menu-title = <b>Menu</b> — { $name }, what would you like to do?
btn-request-join = 🔎 Ask to join a unit
btn-my-units = 🏢 My units
btn-manage-units = 🗂 Manage units
btn-join-requests = 📥 Join requests
btn-import-units = 📄 Import unit tree (CSV)
btn-profile = 👤 My details

## Joining
invite-status-unknown = This invite code is not valid. Please check the link, or ask the coordinator who sent it.
invite-status-expired = This invite has expired. Please ask the coordinator for a new one.
invite-status-revoked = This invite was revoked. Please ask the coordinator for a new one.
invite-status-used_up = This invite has been used as many times as allowed. Please ask the coordinator for a new one.
invite-status-unit_retired = The unit of this invite has been merged. Please ask the coordinator for a new invite.
join-invite-welcome =
    Hello! 👋 You are invited to join <b>{ $unit }</b> ({ $kind }) as <b>{ $role }</b>.
    Please answer a few short questions.
join-ask-name = What is your full name? (for example: Nguyễn Thị Hương)
join-ask-phone = Would you like to leave a phone number so the coordinator can reach you? Press the button below, type a number, or choose «Skip».
name-error-empty = You did not type a name. Please type your full name.
name-error-too_long = That name is too long (at most 100 characters). Please type your full name again.
name-error-no_letters = A name needs letters. Please type your full name, for example: Nguyễn Thị Hương.
name-error-invalid_characters = A name should only have letters, spaces and hyphens. Please type it again.
phone-saved = Phone number noted.
phone-skipped = Fine, no phone number.
phone-invalid = That phone number does not look right (for example: 0912 345 678). Please type it again or choose «Skip».
phone-not-yours = Please share your own phone number (press «Share my phone number»).
phone-none = (none)
join-confirm =
    Please check:
    • Name: <b>{ $name }</b>
    • Phone: { $phone }
    • Unit: <b>{ $unit }</b>
    • Role: { $role }
btn-confirm-join = ✅ Join
join-done = 🎉 You are now a <b>{ $role }</b> of <b>{ $unit }</b>.
request-ask-search = Which unit would you like to join? Type its name (for example: Tan Lac, Man Duc). Accents are optional.
request-search-short = Please type at least 2 letters.
request-search-none = No unit is called «{ $query }». Please try another spelling.
request-pick-unit = Found { $count ->
        [one] one unit
       *[other] { $count } units
    }. Which one?
request-confirm =
    Please check your request:
    • Name: <b>{ $name }</b>
    • Phone: { $phone }
    • Join: <b>{ $unit }</b>
btn-send-request = 📨 Send request
request-sent = Your request to join <b>{ $unit }</b> was sent. I will tell you when a coordinator decides.
request-incoming =
    📥 <b>{ $name }</b> asks to join <b>{ $unit }</b>.
    Phone: { $phone }
btn-approve = ✅ Approve
btn-reject = ❌ Reject
request-approved = 🎉 Your request to join <b>{ $unit }</b> was approved. You are now a member.
request-rejected = Sorry, your request to join <b>{ $unit }</b> was not approved. You may contact the unit's coordinator.
request-approved-short = Approved
request-rejected-short = Rejected
request-approved-by-you = Approved: <b>{ $name }</b> is now a member of <b>{ $unit }</b>. They have been told.
request-rejected-by-you = Rejected the request of <b>{ $name }</b> ({ $unit }). They have been told.
requests-none = No join requests are waiting.

## My details, help, language
me-not-member = You are not a member of any unit yet. Press the button below to ask to join, or use the invite link a coordinator sent you.
me-card =
    👤 <b>{ $name }</b>
    Phone: { $phone }

    { $memberships }
me-membership = • <b>{ $unit }</b> ({ $kind }, under { $parent }) — { $role }
me-admin = • Administrator of the whole system
help-common =
    <b>Help</b>
    /menu — what you can do
    /me — your units and roles
    /lang — change language
    /cancel — cancel what is in progress (nothing is saved)
help-newcomer = You are not a member yet. Tap the invite link a coordinator sent you, or choose «Ask to join a unit» in /menu.
help-member =
    In «My units» you can see your unit's details. Every step has a «Back» and a «Cancel» button.
    /piggy — piggy-bank savings: drives, recording and correcting openings
help-coordinator =
    <b>Coordinators</b>
    /units — manage units: add a unit under yours, rename, move, merge
    On a unit's card: «Invites» creates invite links, «Members» changes roles or removes members.
    /requests — decide on join requests
help-admin =
    <b>Administrators</b>
    /import — import the unit tree: send a CSV file into this chat.
lang-choose = Chọn ngôn ngữ / Choose your language:
lang-name-vi = 🇻🇳 Tiếng Việt
lang-name-en = 🇬🇧 English
lang-set = Switched to English.

## Units
units-mine = Your units:
units-managed = Units you manage:
units-none = There are no units here yet.
units-children = Units under it ({ $count }), page { $page }/{ $pages }:
unit-card =
    🏢 <b>{ $name }</b>
    Kind: { $kind }
    Under: { $parent }
    Code: { $code }
    Units under it: { $children } · Members: { $members }
unit-retired = ⚠️ This unit was merged into <b>{ $into }</b>; its old records are kept.
btn-unit-children = 📂 Units under it ({ $count })
btn-unit-add-child = ➕ Add a unit under it
btn-unit-members = 👥 Members
btn-unit-invites = ✉️ Invites
btn-unit-rename = ✏️ Rename
btn-unit-move = ↪️ Move
btn-unit-merge = 🔗 Merge
btn-unit-up = ⬆️ Up
btn-unit-back = ⬅️ Back to unit
unit-create-kind = Add a unit under <b>{ $parent }</b>. What kind of unit is it?
unit-create-name = What is the name of the new { $kind }?
unit-create-code = Unit code (optional; letters without accents, digits, dots, hyphens; e.g. HB-TL-01):
unit-code-invalid = A code has letters without accents, digits, dots, underscores or hyphens (at most 40). Please type it again or press «Skip».
unit-create-confirm =
    Please check:
    • Name: <b>{ $name }</b>
    • Kind: { $kind }
    • Under: { $parent }
    • Code: { $code }
unit-created = ✅ Added <b>{ $name }</b>.
unit-name-error-empty = You did not type a unit name.
unit-name-error-too_long = That name is too long (at most 150 characters).
unit-name-error-no_letters = A unit name needs letters.
unit-name-error-invalid_characters = The name has characters that cannot be used (emoji, line breaks…). Please type it again.
unit-rename-ask = What is the new name of <b>{ $name }</b>?
unit-rename-confirm = Rename «{ $old }» to <b>{ $name }</b>?
unit-renamed = ✅ Renamed to <b>{ $name }</b>. The old name stays in the history.
unit-move-search = Move <b>{ $name }</b> under which unit? Type the name of the new parent unit.
unit-merge-search = Merge <b>{ $name }</b> into which unit? Type the name of the receiving unit.
unit-target-none = No unit you manage is called «{ $query }». Please try another spelling.
unit-target-pick = Choose the unit:
unit-move-confirm = Move <b>{ $name }</b> (with all units under it) under <b>{ $target }</b>?
unit-merge-confirm =
    Merge <b>{ $name }</b> into <b>{ $target }</b>?
    Its units and members move to { $target }; its invites are revoked; old records stay attached to { $name }.
unit-move-done = ✅ Moved <b>{ $name }</b> under <b>{ $target }</b>.
unit-merge-done = ✅ Merged <b>{ $name }</b> into <b>{ $target }</b>.

## Invites
invites-title = ✉️ Usable invites of <b>{ $unit }</b>
invites-none = No invites yet.
invite-line =
    { $n }. { $role } · used { $uses } · expires: { $expiry }
    { $link }
btn-create-invite = ➕ Create invite
btn-revoke-invite = 🚫 Revoke no. { $n }
invite-revoked = Invite revoked.
invite-ask-role = Invite to <b>{ $unit }</b> with which role?
invite-ask-uses = How many people may use this invite?
invite-uses-n = { $n ->
        [one] 1 person
       *[other] { $n } people
    }
invite-uses-unlimited = No limit
invite-ask-expiry = How long should the invite stay valid?
invite-expiry-days = { $n ->
        [one] 1 day
       *[other] { $n } days
    }
invite-expiry-never = Never expires
invite-confirm =
    Create an invite:
    • Unit: <b>{ $unit }</b>
    • Role: { $role }
    • People: { $uses }
    • Valid: { $expiry }
invite-created =
    ✅ Invite to <b>{ $unit }</b> ({ $role }) created, expires: { $expiry }.
    Forward this link to the people you invite:
    { $link }

## Members
members-title = 👥 Members of <b>{ $unit }</b> ({ $count }):
members-none = <b>{ $unit }</b> has no members yet. Create an invite.
member-card =
    👤 <b>{ $name }</b>
    Unit: { $unit }
    Role: { $role }
    Phone: { $phone }
btn-make-role = Make { $role }
btn-remove-member = 🗑 Remove from unit
btn-remove-member-yes = 🗑 Remove
btn-members-back = ⬅️ Member list
member-role-changed = Role changed
member-role-changed-done = ✅ <b>{ $name }</b> is now { $role }.
member-role-changed-notice = Your role in <b>{ $unit }</b> is now <b>{ $role }</b>. Type /menu to see what you can do.
member-remove-confirm = Remove <b>{ $name }</b> from <b>{ $unit }</b>?
member-removed = Removed
member-removed-done = ✅ Removed <b>{ $name }</b> from <b>{ $unit }</b>.
member-removed-notice = You are no longer a member of <b>{ $unit }</b>. If this is a mistake, please contact the coordinator.

## Importing the unit tree (CSV)
import-help =
    <b>Import the unit tree</b>
    Send a CSV file here (saved from Excel, UTF-8 or Windows-1258) with this header row:
    <code>code,name,kind,parent_code</code>
    • kind: province, district, commune, branch, school_committee, agency_committee (Vietnamese words work too)
    • leave parent_code empty for the top unit
    Units whose code already exists are updated. I check the whole file first; if anything is wrong, nothing is imported.
import-files-admin-only = I only take files from administrators (to import the unit tree). Type /menu to see what you can do.
import-too-big = The file is too large (at most { $mb } MB).
import-preview = The file is valid ({ $encoding }): { $created } units will be added and { $updated } updated. Import now?
btn-import-go = 📥 Import
import-done = ✅ Imported: { $created } added, { $updated } updated.
csv-rejected = ❌ The file has { $count ->
        [one] one error
       *[other] { $count } errors
    }; nothing was imported:
csv-line = Line { $line }
csv-more-errors = … and { $count } more.
csv-error-unsupported-encoding = Cannot read the file's encoding ({ $encoding }). Please save it as «CSV UTF-8».
csv-error-empty-file = The file is empty.
csv-error-missing-column = Column «{ $column }» is missing.
csv-error-unknown-kind = Unknown unit kind «{ $kind }».
csv-error-missing-value = Column «{ $column }» is empty.
csv-error-bad-code = Code «{ $code }» is not valid (column { $column }).
csv-error-duplicate-code = Code «{ $code }» appears twice (first on line { $firstLine }).
csv-error-missing-parent = Unit «{ $code }» has parent «{ $parent }», which is neither in the file nor in the system.
csv-error-cycle = Parents form a loop: { $codes }.
csv-error-name-too-long = Name too long ({ $length } characters, at most { $max }).
csv-error-name-too-short = Name too short (at least { $min } characters).
csv-error-too-many-rows = Too many rows ({ $count }, at most { $max }).
csv-error-malformed-csv = The CSV is malformed ({ $reason }).

## Errors
errors-internal = Sorry, something went wrong. Please try again in a few minutes; if it keeps failing, tell your coordinator.
errors-forbidden = You are not allowed to do this.
errors-not_found = Not found.
errors-unit_not_found = This unit was not found.
errors-unit_retired = Unit «{ $name }» has been merged and can no longer be changed.
errors-member_not_found = This member was not found (they may have been removed).
errors-invite_unknown = This invite code is not valid.
errors-invite_expired = This invite has expired.
errors-invite_revoked = This invite was revoked.
errors-invite_used_up = This invite has been used up.
errors-already_member = You are already a member of «{ $unit }». Type /menu to see what you can do.
errors-request_not_found = This request was not found.
errors-request_already_decided = This request has already been decided.
errors-request_pending = You already asked to join «{ $unit }»; the request is waiting for a coordinator.
errors-move_into_own_subtree = A unit cannot be moved under itself or under one of its own units.
errors-merge_into_self = A unit cannot be merged into itself.
errors-merge_into_descendant = A unit cannot be merged into one of its own units.
errors-duplicate_code = Code «{ $code }» is already used by «{ $name }». Please choose another.
errors-bad_name = The unit name is not valid.
errors-bad_code = The unit code is not valid.
errors-self_change = You cannot change your own role or remove yourself. Ask another coordinator.
errors-role_not_allowed = You cannot give this role.
errors-bad_invite = An invite must allow at least one use and expire in the future.
errors-forbidden-coordinators = This is for coordinators. Type /menu to see what you can do.
btn-remove-examples = 🗑 Remove example data
btn-remove-examples-yes = 🗑 Remove
import-remove-examples-confirm = Remove the example units (Hòa Bình) nobody uses yet? Units with members, invites or real units under them are kept.
import-examples-removed = ✅ Removed { $removed } example units; kept { $kept } that are in use.
errors-bad_input = What was sent is not valid. Please try again from /menu.

## Piggy banks
cmd-piggy = Piggy-bank savings
btn-piggy = 🐷 Piggy-bank savings
errors-forbidden-members = This is for members of a unit. Type /menu to see what you can do.
piggy-pick-unit = 🐷 Which unit's piggy banks would you like to see?
piggy-kind-household = Households
piggy-kind-pupil = Pupils
piggy-kind-class = Classes
piggy-status-submitted = ⏳ waiting for review
piggy-status-needs_correction = ✏️ needs correction
piggy-status-approved = ✅ approved
piggy-none = (none)
piggy-card-title =
    🐷 <b>Piggy-bank savings</b>
    <b>{ $unit }</b> · school year { $year }
piggy-card-none = No piggy-bank drive in this school year yet.
piggy-card-drive =
    <b>Drive { $n }</b> · started { $date }
    Handed out: { $banks } piggy banks ({ $kind })
    Opened: { $opened } · collected <b>{ $collected }</b>
piggy-card-note = Note: { $note }
piggy-card-no-openings = No banks opened yet.
piggy-card-opening = { $n }. { $date }: { $opened } banks, { $amount } — { $status }
piggy-card-comment = 💬 Comment: «{ $comment }»
btn-piggy-start = ➕ Start a piggy-bank drive
btn-piggy-record = 🔨 Record an opening
btn-piggy-record-n = 🔨 Record an opening — drive { $n }
btn-piggy-correct = ✏️ Correct the opening of { $date }
btn-piggy-totals = 📊 Totals
btn-piggy-review = 📝 To review
btn-piggy-review-n = 📝 To review ({ $count })
btn-piggy-year = 📅 School year { $year }
btn-piggy-card = 🐷 Back to the piggy banks
piggy-drive-ask-unit = Which unit is the drive for?
piggy-drive-more-units = ({ $count } more units: open that unit's piggy-bank card to start one there.)
piggy-drive-ask-year = Which school year is the drive of <b>{ $unit }</b> for?
piggy-year-current = { $year } (this year)
piggy-drive-ask-kind = Who got the piggy banks?
piggy-drive-ask-banks = How many piggy banks were handed out? Type a number, for example: 120.
piggy-drive-ask-note = A note (optional), for example: «handed out at the village meeting on 5/9». Or press «Skip».
piggy-drive-confirm =
    Please check:
    • Unit: <b>{ $unit }</b>
    • School year: { $year }
    • Handed out to: { $kind }
    • Piggy banks handed out: { $banks }
    • Note: { $note }
btn-piggy-drive-save = ✅ Start the drive
piggy-drive-started = ✅ The { $year } piggy-bank drive of <b>{ $unit }</b> has started with { $banks } piggy banks.
piggy-drive-exists = <b>{ $unit }</b> already has a piggy-bank drive for { $year }. One drive per school year; for another one, please ask a coordinator. You can record openings in the existing drive.
btn-piggy-see-drive = 👀 See the existing drive
piggy-drive-exists-coordinator = <b>{ $unit }</b> already has { $drives ->
        [one] a piggy-bank drive
       *[other] { $drives } piggy-bank drives
    } for { $year }. One drive per school year unless a coordinator allows more; as a coordinator, you may.
piggy-extra-asked = 📨 I have told the coordinators. You will get a message once it is allowed.
piggy-extra-request =
    🐷 <b>{ $name }</b> would like to start another piggy-bank drive for <b>{ $unit }</b>, school year { $year }.
    The unit has { $drives ->
        [one] one drive
       *[other] { $drives } drives
    } already; one drive per school year unless a coordinator allows more.
btn-piggy-allow-extra = Allow one more drive
btn-piggy-allow-more = ➕ Allow another drive
piggy-extra-confirm = Allow <b>{ $unit }</b> { $max } piggy-bank drives in { $year }? (It has { $drives } now.)
piggy-extra-then-start = The drive you just entered will start right away.
btn-piggy-allow-yes = ✅ Allow
piggy-extra-allowed = ✅ <b>{ $unit }</b> may now have { $max } piggy-bank drives in { $year }.
piggy-extra-already = <b>{ $unit }</b> may already have { $max } drives in { $year } ({ $drives } started); nothing more to allow.
piggy-extra-requester-told = The person who asked has been told.
piggy-extra-granted = ✅ A coordinator has allowed <b>{ $unit }</b> one more piggy-bank drive in { $year }. Press the button below to start it.
piggy-opening-intro = 🔨 <b>Record an opening</b> — { $unit }, school year { $year }. Every step has «Back» and «Cancel».
piggy-correct-intro = ✏️ <b>Correct the opening of { $date }</b> — { $unit }. For anything that stays the same, press «Keep».
piggy-ask-date = 📅 When were the banks opened? Type day/month, for example: 15/6. Or press «Today».
btn-today = Today
btn-keep = Keep: { $value }
btn-zero = 0 / None
btn-retype = ✏️ Type again
piggy-need-date = Please type the date in digits, for example: 15/6.
piggy-date-invalid = I could not read that date. Please type day/month, for example: 15/6 or 15/6/2026.
piggy-date-no_such_day = There is no such day in the calendar. Please type it again.
piggy-date-future = { $date } has not come yet. Please type the day the banks were opened.
piggy-date-before-drive = { $date } is before the drive started ({ $start }). Please type it again.
piggy-ask-opened = 🐷 How many piggy banks were opened? ({ $handed } were handed out in this drive.)
piggy-opened-warning = ⚠️ Note: this drive handed out { $handed } banks and { $total } have been opened in all. That can be recorded; if more banks were handed out, please tell a coordinator.
piggy-ask-collected = 💰 How much money was collected in all? For example: 1,500,000 or 1.5 million.
piggy-ask-scholarship-count =
    🎓 How many scholarships were given?
    Collected: { $collected }
piggy-ask-scholarship-amount =
    🎓 How much were the { $count } scholarships in all?
    Left: { $left }
piggy-ask-supplies =
    📚 How much went on books and school supplies?
    Left: { $left }
piggy-ask-fund =
    🏦 How much went into the learning-promotion fund?
    Left: { $left }
piggy-ask-other =
    📝 Was anything else paid for? How much?
    Left: { $left }
piggy-ask-other-note = What were the other costs ({ $amount }) for? A few words.
piggy-note-empty = Please write a few words about what this was for.
piggy-note-too-long = That note is too long (at most { $max } characters). Please shorten it.
piggy-ask-photo = 📷 Send a photo of the day (optional), or press «Skip».
btn-keep-photo = Keep the photo
btn-remove-photo = Remove the photo
piggy-photo-expected = Please send a photo (tap 📎 and choose a picture), or press «Skip».
piggy-photo-received = 📷 Photo received.
piggy-need-number = Please type a number, for example: 120.
piggy-need-amount = Please type the amount in digits, for example: 1.500.000 or 1,5 triệu.
piggy-count-invalid = «{ $text }» is not a number. Please type it again, for example: 120.
piggy-count-negative = A count cannot be negative. Please type it again.
piggy-count-fraction = A count is a whole number, for example: 120.
piggy-count-too_large = That number is too large. Please check it and type it again.
piggy-count-too-small = At least { $min }, please. Type it again.
piggy-amount-invalid = «{ $text }» is not an amount. Please type it again, for example: 1.500.000 or 1,5 triệu.
piggy-amount-negative = An amount cannot be negative. Please type it again.
piggy-amount-too_large = That amount is too large. Please check it and type it again.
piggy-amount-fraction = Amounts are whole đồng, with no fractions. Please type it again, for example: 1.500.000 or 1,5 triệu.
piggy-amount-ambiguous = Did you mean <b>{ $million }</b> ({ $text } million) or { $int } đồng { $frac } hào?
piggy-amount-ambiguous-other = Did you mean <b>{ $million }</b> ({ $text } million)?
btn-piggy-million = ✅ { $million } ({ $text } million)
btn-piggy-hao = { $int } đồng { $frac } hào
piggy-amount-large = ⚠️ <b>{ $amount }</b> is a very large amount for one opening. Please check it.
btn-piggy-large-yes = ✅ Yes, the amount is { $amount }
piggy-uses-exceed = ❌ The uses ({ $uses }) are more than the money collected ({ $collected }) by <b>{ $excess }</b>. Please enter the uses again.
piggy-figures =
    • Unit: <b>{ $unit }</b>
    • Opened on: { $date }
    • Banks opened: { $opened }
    • Collected: <b>{ $collected }</b>
    <b>Used for:</b>
    • Scholarships: { $scholarshipCount }, { $scholarshipAmount }
    • Books and school supplies: { $supplies }
    • Into the fund: { $fund }
    • Other: { $other }
    • Left: { $left }
    • Photo: { $photo }
piggy-photo-yes = yes
piggy-photo-no = no
piggy-opening-confirm = Please check the opening:
piggy-correct-confirm = Please check (old → new):
piggy-no-changes = (Nothing changed yet.)
btn-piggy-send = ✅ Send the report
btn-piggy-save-correction = ✅ Save the changes
piggy-opening-saved = ✅ The opening of { $date } is recorded: <b>{ $collected }</b> collected. A coordinator will review it.
piggy-opening-corrected = ✅ The changes to the opening of { $date } are saved (<b>{ $collected }</b> collected). A coordinator will look at it again.
piggy-warning-opened_more_than_handed_out = ⚠️ More banks have been opened than were handed out.
piggy-warning-unusual_amount = ⚠️ An unusually large amount; a coordinator will check it closely.
piggy-totals =
    📊 <b>Piggy-bank totals</b>
    <b>{ $unit }</b> and the units under it · school year { $year }
    • Drives: { $drives } · openings: { $openings } (to review: { $pending })
    • Banks handed out: { $handed } · opened: { $opened }
    • Collected: <b>{ $collected }</b>
    • Scholarships: { $scholarshipCount }, { $scholarshipAmount }
    • Books and school supplies: { $supplies }
    • Into the fund: { $fund }
    • Other: { $other }
    • Left: { $left }
piggy-totals-by-unit = <b>By unit:</b>
piggy-totals-unit-line = • { $unit }: handed out { $handed }, opened { $opened }, collected { $collected } ({ $n ->
        [one] 1 opening
       *[other] { $openings } openings
    })
piggy-totals-missing = <b>No drive reported yet</b> ({ $count } units):
piggy-totals-missing-line = • { $unit }
piggy-totals-all-reported = ✅ Every unit has reported a drive.
piggy-totals-more = … and { $count } more units.
piggy-review-none = Nothing is waiting for review in { $year }.
piggy-review-title = 📝 <b>To review</b>: { $count } openings (school year { $year }).
piggy-review-more = … and { $count } more. Review these, then press «To review» again.
piggy-review-item = 📝 <b>Opening</b> · school year { $year } · { $status }
btn-piggy-photo = 📷 See the photo
piggy-photo-caption = 📷 { $unit } — opening of { $date }
piggy-photo-none = This opening has no photo.
btn-piggy-approve = ✅ Approve
btn-piggy-needs-correction = ✏️ Needs correction
piggy-approved-short = Approved
piggy-approved-by-you = ✅ The opening of { $date } of <b>{ $unit }</b> is approved. The reporter has been told.
piggy-ask-comment = What needs correcting in the opening of { $date } of <b>{ $unit }</b>? Type a comment for the reporter.
piggy-comment-empty = Please type a few words on what needs correcting.
piggy-comment-too-long = That comment is too long (at most { $max } characters). Please shorten it.
piggy-sent-back-by-you = ✏️ Sent back to the reporter for correction: the opening of { $date } of <b>{ $unit }</b>.
piggy-already-approved = This opening is already approved.
piggy-notice-needs-correction =
    ✏️ The opening of { $date } of <b>{ $unit }</b> needs correction.
    The coordinator's comment: «{ $comment }»
btn-piggy-fix-now = ✏️ Correct it now
piggy-notice-approved = ✅ The opening of { $date } of <b>{ $unit }</b> ({ $collected } collected) is approved.
piggy-notice-submitted = 📝 <b>{ $name }</b> has sent the opening of { $date } of <b>{ $unit }</b>: { $collected } collected.
piggy-notice-corrected = ✏️ <b>{ $name }</b> has corrected the opening of { $date } of <b>{ $unit }</b>: { $collected } collected.
btn-piggy-review-one = 📝 Look and review
errors-drive_exists = «{ $unit }» already has a piggy-bank drive for { $year }.
errors-drive_not_found = That piggy-bank drive was not found.
errors-opening_not_found = That opening was not found.
errors-uses_exceed_collected = The uses are more than the money collected.
errors-date_in_future = That day has not come yet. Please type the date again.
errors-date_before_drive = That day is before the drive started. Please type the date again.
errors-opening_approved = This opening is approved and can no longer be corrected. If something is wrong, please tell a coordinator.
errors-opening_changed = This opening has been corrected since; please look at it again.

## Sponsorship cases (Ba đỡ đầu)
sponsor-notice-not-attending = ⚠️ <b>{ $name }</b> reports that { $pupil } (born { $year }) of <b>{ $unit }</b> is <b>not attending school</b>. The sponsorship case is now «at risk».
sponsor-notice-flagged = ⚠️ <b>{ $name }</b> flagged a problem about { $pupil } (born { $year }) of <b>{ $unit }</b>. The sponsorship case is now «at risk».
sponsor-notice-dropped-out = 🚫 <b>{ $name }</b> reports that { $pupil } (born { $year }) of <b>{ $unit }</b> has <b>dropped out</b>.
sponsor-reminder-due = 📋 A check-in on <b>{ $pupil }</b> ({ $unit }) is due — { $date }. It takes a minute.
sponsor-reminder-late = 📋 The check-in on <b>{ $pupil }</b> ({ $unit }) is { $days ->
    [one] one day
   *[other] { $days } days
} late (due { $date }). Please check in when you can.
btn-sponsor-view-case = 📄 View the case
btn-sponsor-check-in-now = ✅ Check in now
sponsor-status-ACTIVE = 🟢 Followed
sponsor-status-AT_RISK = 🟠 At risk
sponsor-status-DROPPED_OUT = 🔴 Dropped out
sponsor-status-RETURNED = 🔵 Back in school
sponsor-status-COMPLETED = 🎓 Finished the level
sponsor-status-TRANSFERRED = ↪️ Handed to another unit
sponsor-circ-POOR_HOUSEHOLD = Poor or near-poor household
sponsor-circ-ORPHAN = Orphan
sponsor-circ-DISABILITY = Disability
sponsor-circ-FAR_FROM_SCHOOL = Lives far from school
sponsor-circ-ETHNIC_MINORITY_AREA = Ethnic-minority area
sponsor-circ-OTHER = Other circumstances
sponsor-support-MONEY = Money each month
sponsor-support-SUPPLIES = Books and school supplies
sponsor-support-TUTORING = Tutoring
sponsor-support-BICYCLE = A bicycle
sponsor-support-OTHER = Other support
sponsor-studies-4 = Good
sponsor-studies-3 = Fair
sponsor-studies-2 = Average
sponsor-studies-1 = Weak
sponsor-pupil-anonymised = (personal data deleted)

## Sponsorship — check-ins and status
sponsor-checkin-ask-attending =
    📋 Check-in for <b>{ $pupil }</b> (due { $date })

    Is the pupil going to school?
btn-sponsor-checkin-yes = ✅ Yes
btn-sponsor-checkin-no = ❌ No
btn-sponsor-checkin-picked = 👉 { $label }
sponsor-checkin-ask-support = { $months ->
    [one] Did this month's support of <b>{ $amount }</b> arrive?
   *[other] Did the support for these { $months } months — <b>{ $amount }</b> ({ $monthly } a month) — arrive?
}
sponsor-checkin-ask-studies = How are the pupil's studies going?
sponsor-checkin-ask-flag = Anything to flag? Type a short note (for example: the family is struggling more, the pupil often misses school), or press «Nothing to flag». A note marks the case «at risk» and tells the coordinators.
sponsor-checkin-flag-now = Your note so far: { $note }
btn-sponsor-checkin-nothing = 👍 Nothing to flag
btn-sponsor-checkin-keep-note = Keep my note
sponsor-checkin-flag-empty = Please type a few words, or press «Nothing to flag».
sponsor-checkin-flag-too-long = The note is too long (at most { $max } characters). Please shorten it.
sponsor-checkin-confirm = Please check the check-in for <b>{ $pupil }</b> (due { $date }):
sponsor-checkin-line-attending = • Going to school: { $answer }
sponsor-checkin-line-support = • Support arrived: { $answer }
sponsor-checkin-line-studies = • Studies: { $answer }
sponsor-checkin-line-flag = • To flag: { $answer }
sponsor-checkin-yes = yes
sponsor-checkin-no = no
sponsor-checkin-nothing = nothing
btn-sponsor-checkin-save = ✅ Save the check-in
sponsor-checkin-saved = ✅ Check-in saved. The next one is due on <b>{ $date }</b>.
sponsor-checkin-at-risk = 🟠 The case is now marked «at risk».
sponsor-checkin-still-at-risk = 🟠 The case stays «at risk».
sponsor-checkin-told = { $count ->
    [0] No coordinator could be reached — please tell them yourself.
    [one] One coordinator has been told.
   *[other] { $count } coordinators have been told.
}
sponsor-status-none = This case cannot change status any more (now: { $status }).
sponsor-status-ask =
    Change the status of <b>{ $pupil }</b>
    Now: { $status }

    Please choose the new status:
sponsor-status-ask-why-dropped = Why did the pupil leave school? Please type a few words (required).
sponsor-status-ask-where-transferred = To which unit or school is the case handed, and why? Please type a few words (required).
sponsor-status-ask-note = New status: { $status }. Add a short note if you like, or press «Skip».
sponsor-status-reason-now = What you typed so far: { $reason }
btn-sponsor-status-keep-reason = Keep what I typed
sponsor-status-reason-required = This status needs a reason. Please type a few words.
sponsor-status-note-empty = Please type a few words, or press «Skip».
sponsor-status-reason-too-long = That is too long (at most { $max } characters). Please shorten it.
sponsor-status-confirm =
    Please check:
    • Pupil: <b>{ $pupil }</b>
    • Status: { $from } → <b>{ $to }</b>
    • Reason or note: { $reason }
sponsor-status-no-reason = (none)
btn-sponsor-status-save = ✅ Save the status
sponsor-status-saved = ✅ Saved: <b>{ $pupil }</b> — { $status }.
sponsor-status-told = { $count ->
    [0] No coordinator could be reached — please tell them yourself.
    [one] One coordinator has been told.
   *[other] { $count } coordinators have been told.
}

## Sponsorship — cases and lists
cmd-cases = Sponsored pupils
cmd-sponsorkinds = Kinds of sponsor
btn-sponsor = 🤝 Sponsored pupils
help-sponsor = /cases — sponsored pupils: open a case for a pupil at risk of dropping out, check in regularly, follow them until they finish
help-sponsor-coordinator = In /cases: the sponsorship figures of the units you coordinate, their cases and the overdue check-ins.
help-sponsor-admin = /sponsorkinds — kinds of sponsor: add, hide or show again
btn-sponsor-home = 🤝 Sponsored pupils
btn-sponsor-new-case = ➕ Open a case
btn-sponsor-overview = 📊 { $unit }
btn-sponsor-kinds = 🏷 Kinds of sponsor
btn-sponsor-case-n = { $n }
sponsor-home-title = 🤝 <b>Sponsored pupils</b>
sponsor-home-none = You are not following any sponsorship case yet. Press «➕ Open a case» to start one.
sponsor-home-mine = The pupils you follow ({ $count }):
sponsor-home-line = • <b>{ $pupil }</b> — { $status } · check-in { $date }
sponsor-home-line-closed = • <b>{ $pupil }</b> — { $status }
sponsor-home-late = ⏰ { $days ->
    [one] 1 day late
   *[other] { $days } days late
}
sponsor-home-more = … and { $count ->
    [one] 1 more case
   *[other] { $count } more cases
}
sponsor-home-coordinator = 📊 Figures for the units you coordinate: press a unit below.
sponsor-stats-title =
    📊 <b>Sponsored pupils</b>
    <b>{ $unit }</b> · school year { $year }
sponsor-stats-status-line = { $status }: <b>{ $count }</b>
sponsor-stats-figures =
    📁 Cases in all: <b>{ $total }</b>
    🆕 New cases this school year: <b>{ $opened }</b>
    🏫 Share still in school: <b>{ $share }</b>
    ⏰ Overdue check-ins: <b>{ $overdue }</b>
    🎁 Support given this school year: <b>{ $support }</b>
sponsor-stats-support-line = • { $kind }: { $amount }
sponsor-stats-share = { $percent }%
sponsor-stats-share-none = —
btn-sponsor-list = 📋 List of cases
btn-sponsor-overdue = ⏰ Overdue check-ins ({ $count })
btn-sponsor-year = 📅 School year { $year }
btn-sponsor-stats = 📊 Figures
sponsor-list-title = 📋 <b>Sponsorship cases — { $unit }</b> ({ $count ->
    [one] 1 case
   *[other] { $count } cases
})
sponsor-list-line = { $n }. { $pupil } · grade { $grade } · { $unit } — { $status }
sponsor-list-late = ⏰ { $days ->
    [one] 1 day late
   *[other] { $days } days late
}
sponsor-list-more = … and { $count ->
    [one] 1 more case
   *[other] { $count } more cases
}
sponsor-list-hint = Press a number to open that case. The list shows only the pupils' initials.
sponsor-list-none = No sponsorship case in <b>{ $unit }</b> yet.
sponsor-overdue-title = ⏰ <b>Overdue check-ins — { $unit }</b> ({ $count ->
    [one] 1 case
   *[other] { $count } cases
})
sponsor-overdue-line = { $n }. <b>{ $owner }</b> — { $pupil }, { $unit }: due { $date }, { $days ->
    [one] 1 day late
   *[other] { $days } days late
}
sponsor-overdue-owner-unknown = (follower unknown)
sponsor-overdue-more = … and { $count ->
    [one] 1 more case
   *[other] { $count } more cases
}
sponsor-overdue-none = 👍 No overdue check-ins in <b>{ $unit }</b>.
sponsor-card-title = 🤝 <b>Sponsorship case no. { $id }</b>
sponsor-card-pupil = 👧 Pupil: <b>{ $pupil }</b>
sponsor-card-school = 🏫 { $school } · grade { $grade }
sponsor-card-grade = 🏫 Grade { $grade }
sponsor-card-unit = 📍 { $unit }
sponsor-card-circumstances = 🏠 Circumstances: { $list }
sponsor-card-note = 📝 { $note }
sponsor-card-sponsor = 🤝 Sponsor: { $name } ({ $kind })
sponsor-card-sponsor-kind = 🤝 Sponsor: { $kind }
sponsor-card-support = 🎁 Support: { $list }
sponsor-card-support-money = { $amount } a month
sponsor-card-support-item = { $kind } ({ $amount })
sponsor-card-separator = {"; "}
sponsor-card-started = 📅 Started: { $date }
sponsor-card-status = Status: { $status }
sponsor-card-reason = Reason: { $reason }
sponsor-card-owner = 👤 Followed by: { $name }
sponsor-card-interval = ⏱ Check-in { $months ->
    [one] every month
   *[other] every { $months } months
}
sponsor-card-next = 📋 Next check-in: { $date }
sponsor-card-late = ⏰ { $days ->
    [one] 1 day late
   *[other] { $days } days late
}
sponsor-card-last = 🗒 Last check-in ({ $date }): { $answers }
sponsor-card-attending = attending school
sponsor-card-not-attending = not attending school
sponsor-card-support-arrived = support arrived
sponsor-card-support-missing = support did not arrive
sponsor-card-studies = studies: { $studies }
sponsor-card-flag = ⚠️ Flagged: { $note }
sponsor-card-no-check-in = 🗒 No check-in yet.
sponsor-card-masked = 🔒 The pupil's name, school and circumstances are visible only to the person following the case and to coordinators.
sponsor-card-anonymised = 🗑 The personal data of this case was deleted on request; only the figures are kept for the totals.
btn-sponsor-do-check-in = ✅ Check in
btn-sponsor-change-status = 🔄 Change status
btn-sponsor-interval = ⏱ Check-in interval
btn-sponsor-history = 📜 History
btn-sponsor-delete = 🗑 Delete personal data
sponsor-interval-ask = ⏱ Case no. { $id }: how often would you like to check in?
btn-sponsor-interval-option = { $months ->
    [one] Every month
    [3] Every 3 months (each term)
   *[other] Every { $months } months
}
sponsor-interval-set = ✅ From now on, check-in { $months ->
    [one] every month
   *[other] every { $months } months
}. Next one: { $date }.
sponsor-history-title = 📜 <b>History of case no. { $id }</b>
sponsor-history-line = { $date } · { $who }: { $what }
sponsor-history-someone = (unknown)
sponsor-history-opened = opened the case
sponsor-history-status = status { $from } → { $to }
sponsor-history-reason = (reason: { $reason })
sponsor-history-check-in = checked in
sponsor-history-interval = check-in { $months ->
    [one] every month
   *[other] every { $months } months
}
sponsor-history-interval-changed = changed the check-in interval
sponsor-history-anonymised = deleted the personal data
sponsor-history-earlier = … { $count ->
    [one] 1 earlier entry not shown
   *[other] { $count } earlier entries not shown
}
sponsor-delete-confirm =
    🗑 <b>Delete the personal data of case no. { $id }?</b>
    Deleted for good: the pupil's name, initials and year of birth, the school, the circumstances, the notes, the reasons for status changes and the sponsor's name.
    Kept for the totals: the unit, the grade, the status, the money and items given, the answers of the check-ins.
    The deletion is recorded in the audit log and <b>cannot be undone</b>.
btn-sponsor-delete-yes = 🗑 Delete the personal data
btn-sponsor-delete-keep = ↩️ No, keep it
sponsor-delete-done = ✅ The personal data of case no. { $id } has been deleted. The figures are kept for the totals.
sponsor-kinds-title = 🏷 <b>Kinds of sponsor</b> (chosen when a case is opened; hidden kinds stay on older cases):
sponsor-kinds-line = • { $vi } / { $en }
sponsor-kinds-line-hidden = • <s>{ $vi } / { $en }</s> (hidden)
btn-sponsor-kinds-hide = 🙈 Hide: { $name }
btn-sponsor-kinds-show = 👁 Show again: { $name }
btn-sponsor-kinds-add = ➕ Add a kind
btn-sponsor-kinds-save = ✅ Save this kind
sponsor-kinds-hidden = 🙈 «{ $name }» is hidden: it is no longer offered for new cases.
sponsor-kinds-shown = 👁 «{ $name }» is offered for new cases again.
sponsor-kinds-ask-vi = What is the kind of sponsor called in <b>Vietnamese</b>? (for example: Đồn biên phòng)
sponsor-kinds-ask-en = And «{ $vi }» in <b>English</b>? (for example: A border-guard post)
sponsor-kinds-name-invalid = A name needs 2 to 80 characters. Please type it again.
sponsor-kinds-confirm =
    Add this kind of sponsor:
    🇻🇳 <b>{ $vi }</b>
    🇬🇧 <b>{ $en }</b>
sponsor-kinds-added = ✅ Added the kind of sponsor «{ $vi }» / «{ $en }».
errors-case_not_found = This sponsorship case was not found.
errors-case_closed = This case is no longer followed (finished, handed over, dropped out or its data deleted), so nothing more can be recorded. If the pupil is back in school, please change the case's status first.
errors-consent_required = The consent of the pupil's parent or guardian is needed before the case can be saved.
errors-pupil_too_young = Born in { NUMBER($year, useGrouping: 0) }, the pupil would be too young. Please check the year of birth.
errors-pupil_too_old = Born in { NUMBER($year, useGrouping: 0) }, the pupil would be past school age. Please check the year of birth.
errors-status_not_allowed = The case cannot move to that status from its current one.
errors-sponsor_kind_exists = There is already a kind of sponsor called «{ $name }».
errors-sponsor_kind_last = At least one kind of sponsor must stay in use.

## Sponsorship — opening a case
sponsor-open-intro = 📋 <b>Open a sponsorship case</b> for a pupil at risk of dropping out. Every step has «Back» and «Cancel» buttons; nothing is saved until you press «Save the case» at the end.
sponsor-open-no-units = You do not belong to a unit that can open sponsorship cases yet. Please ask a coordinator to add you to your branch or committee.
sponsor-open-ask-unit = Which unit follows the pupil?
sponsor-open-more-units = ({ $count ->
    [one] One more unit
   *[other] { $count } more units
}: open that unit's sponsorship page to open a case there.)
sponsor-open-ask-name = 👤 The pupil's full name? For example: Lò Thị Hương.
sponsor-open-name-empty = Please type the pupil's full name.
sponsor-open-name-too_long = That name is too long (at most { $max } characters). Please type it again.
sponsor-open-name-no_letters = «{ $text }» is not a name. Please type the pupil's full name, for example: Lò Thị Hương.
sponsor-open-name-invalid_characters = A name has only letters and spaces, no digits or symbols. Please type it again.
sponsor-open-ask-birth-year = 🎂 In what year was the pupil born? Type 4 digits, for example: 2014.
sponsor-open-birth-year-invalid = «{ $text }» is not a year of birth. Please type 4 digits, for example: 2014.
sponsor-open-birth-year-future = { $year } has not come yet. Please type the year the pupil was born, for example: 2014.
sponsor-open-birth-year-too-young = Born in { $year }, the pupil would be only { $age ->
    [one] { $age } year old
   *[other] { $age } years old
} this year, but sponsorship is for pupils aged { $min } to { $max }. Please check the year of birth and type it again.
sponsor-open-birth-year-too-old = Born in { $year }, the pupil would be { $age ->
    [one] { $age } year old
   *[other] { $age } years old
} this year, but sponsorship is for pupils aged { $min } to { $max }. Please check the year of birth and type it again.
sponsor-open-ask-school = 🏫 Which school does the pupil attend? For example: Mãn Đức Lower Secondary School.
sponsor-open-school-too-short = Please type the school's name in full (at least { $min } characters).
sponsor-open-school-too-long = That name is too long (at most { $max } characters). Please shorten it.
sponsor-open-ask-grade = 📚 Which grade is the pupil in? Press a number, or type it, for example «grade 7» or «7A».
sponsor-open-grade-invalid = There is no grade «{ $text }». Please choose a grade from { $min } to { $max }.
sponsor-open-ask-circumstances = 🏠 What are the pupil's circumstances? Press to tick ✓ every one that applies, then press «Done».
sponsor-open-choose-one = Please tick at least one, then press «Done».
btn-sponsor-open-done = ➡️ Done, next
sponsor-open-ask-circumstance-note = What are the other circumstances? A few words, for example: «parents work far away, lives with her grandmother».
sponsor-open-ask-support-note = What is the other support? A few words, for example: «a warm coat and a helmet».
sponsor-open-note-empty = Please write a few words.
sponsor-open-note-too-long = That note is too long (at most { $max } characters). Please shorten it.
sponsor-open-ask-kind = 🤝 What kind of sponsor is it?
sponsor-open-ask-sponsor-name = The sponsor's name (a person, a family or an organisation)? For example: «The family of Mr Bùi Văn Tâm».
sponsor-open-sponsor-name-too-short = Please type the sponsor's name in full (at least { $min } characters).
sponsor-open-sponsor-name-too-long = That name is too long (at most { $max } characters). Please shorten it.
sponsor-open-ask-support = 🎁 What support does the pupil get? Press to tick ✓ every one, then press «Done».
sponsor-open-ask-MONEY = 💰 How much money does the pupil get each month? For example: 500,000 or 500k.
sponsor-open-ask-SUPPLIES = 📚 Roughly what are the books and school supplies worth? If you do not know, press «0 / None».
sponsor-open-ask-TUTORING = 👩‍🏫 Roughly what is the tutoring worth? If it is free, press «0 / None».
sponsor-open-ask-BICYCLE = 🚲 Roughly what is the bicycle worth? If you do not know, press «0 / None».
sponsor-open-ask-OTHER = 🎁 Roughly what is «{ $note }» worth? If you do not know, press «0 / None».
sponsor-open-money-zero = The monthly amount must be more than 0. If the pupil gets no money, please press «Back» and untick «Money each month».
sponsor-open-money-too-large = { $amount } a month is too much (at most { $max }). Please check it and type it again.
sponsor-open-item-too-large = { $amount } is too much for one-off support (at most { $max }). Please check it and type it again.
sponsor-open-ask-start = 📅 When did the sponsorship start? Type day/month/year, for example: 1/9/2026. Or press «Today».
sponsor-open-date-invalid = I did not understand that date. Please type day/month/year, for example: 1/9/2026.
sponsor-open-date-no-such-day = There is no such day in the calendar. Please type it again.
sponsor-open-date-future = { $date } has not come yet. Please type the day the sponsorship started (today or earlier).
sponsor-open-ask-interval = 🗓 How often should you check in on the pupil? I will remind you when it is due. Usually it is every month.
sponsor-open-interval-1 = Every month
sponsor-open-interval-2 = Every 2 months
sponsor-open-interval-3 = Each term (3 months)
sponsor-open-interval-6 = Every 6 months
sponsor-open-ask-consent = 🔒 Has the pupil's parent or guardian agreed to the pupil's details being recorded? They are a child's personal data, so consent is needed (Decree 13/2023/NĐ-CP).
btn-sponsor-open-consent-yes = ✅ The guardian agreed
btn-sponsor-open-consent-no = Not yet
sponsor-open-consent-missing = The case cannot be saved without the guardian's consent; nothing has been saved. When the family agrees, press «Back» to carry on, or «Cancel».
sponsor-open-summary =
    Please check the sponsorship case:
    • Unit: <b>{ $unit }</b>
    • Pupil: <b>{ $pupil }</b>, born { $year }
    • School: { $school }, grade { $grade }
    • Circumstances: { $circumstances }
    • Sponsor: { $sponsor } ({ $kind })
    • Support:
    { $support }
    • Started on: { $start }
    • Check-ins: { $interval }
    • Guardian: agreed
sponsor-open-summary-support = ◦ { $label }: { $amount }
sponsor-open-with-note = { $label } ({ $note })
sponsor-open-per-month = { $amount } a month
sponsor-open-no-value = no value given
btn-sponsor-open-save = ✅ Save the case
sponsor-open-saved = ✅ The sponsorship case of <b>{ $pupil }</b> is saved. The first check-in is due on { $date }; I will send you a reminder.
sponsor-open-check-again = The answer at this step is not valid; please enter it again.

## Learning models — errors
errors-already_registered = «{ $name }» is already registered with «{ $unit }» for { NUMBER($year, useGrouping: 0) }.
errors-registration_year = Registration is only open for { NUMBER($from, useGrouping: 0) } or { NUMBER($to, useGrouping: 0) }, not for { NUMBER($year, useGrouping: 0) }.
errors-registration_not_found = This registration was not found. Register first, then self-evaluate.
errors-evaluation_not_found = This self-evaluation was not found.
errors-no_criteria_in_force = No { $model ->
        [FAMILY] «Learning family»
        [CLAN] «Learning clan»
        [COMMUNITY] «Learning community»
       *[UNIT] «Learning unit»
    } criteria set is in force for { NUMBER($year, useGrouping: 0) } yet. Please ask an administrator to choose one for this year.
errors-bad_answer = The answer to item { $item } is not valid{ $reason ->
        [points_above_max] : at most { $max } points.
        [negative] : it cannot be negative.
        [not_integer] : points must be a whole number.
        [no_such_item] : the criteria set has no such item.
       *[other] .
    }
errors-evaluation_not_open = This self-evaluation has been sent and can no longer be changed.
errors-evaluation_incomplete = { $count ->
        [one] One item is
       *[other] { $count } items are
    } still unanswered. Please answer every item before sending.
errors-evaluation_not_submitted = This self-evaluation is no longer waiting for review (someone else may have reviewed it).
errors-evaluation_changed = This self-evaluation has just changed; please look at the new version.
errors-self_review = You cannot review a self-evaluation you sent or your own family's. Someone else in the unit will review it.
errors-not_approved = «{ $name }» has not been approved, so it cannot be recognised. Nothing in the list was recognised.
errors-not_recognised = «{ $name }» has not been recognised yet, so there is no certificate.

## Criteria sets
cmd-criteria = Criteria sets of the learning models
criteria-model-family = Learning family
criteria-model-clan = Learning clan
criteria-model-community = Learning community
criteria-model-unit = Learning unit
criteria-years-open = from { $from }
criteria-years-range = { $from }–{ $to }
criteria-list-title = <b>📋 Criteria sets of the learning models</b> — { $year }
criteria-list-model-in-force = <b>{ $model }</b>: in { $year } { $title }, version { $version }, is in force.
criteria-list-model-none = <b>{ $model }</b>: no set chosen for { $year } yet.
criteria-list-set = • { $title }, version { $version }: { $status }
criteria-list-in-force-years = ↳ in force for: { $years }
criteria-list-empty = • No criteria set yet.
criteria-list-how-to-load = To load a new or corrected criteria set, send its <b>.json</b> file here. A correction of a stored set needs a higher version number; a stored version is never overwritten, because evaluations rest on it.
criteria-status-draft = draft, { $count } { $count ->
        [one] item
       *[other] items
    } still unknown ({ $ids }), so it cannot be put in force until completed.
criteria-status-complete = complete, can be put in force.
criteria-status-not-this-year = complete, but not for { $year } (it applies { $years }).
btn-criteria-in-force = ✅ Put in force for { $year }: { $title }, version { $version }
btn-criteria-list = 📋 Criteria sets
criteria-in-force-done = ✅ From now on, { $model } evaluations for { $year } use { $title }, version { $version }.
criteria-in-force-now = This set is in force for { $year }.
criteria-saved = ✅ Criteria set stored:
criteria-already-stored = This criteria set (same version, same content) is already stored; nothing changed:
criteria-summary-model = Model: { $model }
criteria-summary-version = Version: { $version }
criteria-summary-basis = Legal basis: { $basis }
criteria-summary-years = Applies: { $years }
criteria-summary-size = { $groups } groups, { $items } items, { $points } points in all.
criteria-summary-size-no-total = { $groups } groups, { $items } items; the total is not known.
criteria-rejected = ❌ The criteria file has { $count } { $count ->
        [one] error
       *[other] errors
    }; nothing was stored. Please fix and send it again (places count from 0: groups[0] is the first group).
criteria-error-at = • <code>{ $path }</code>: { $reason }
criteria-error-whole = • { $reason }
criteria-more-errors = … and { $count } more.
criteria-error-too_large = The file is too large (at most { $kb } KB).
criteria-error-bad_encoding = The file is not UTF-8. Please save it as «UTF-8» (not «Unicode» or «ANSI»).
criteria-error-bad_json = The file is not valid JSON: error at line { NUMBER($line, useGrouping: 0) }, column { NUMBER($column, useGrouping: 0) }.
criteria-error-missing_field = this field is missing.
criteria-error-unknown_field = unknown field: { $keys }.
criteria-error-bad_value = not a valid value (wrong type, empty or out of range).
criteria-error-duplicate_id = the id «{ $id }» is used twice.
criteria-error-item_points_exceed_group = «{ $id }»: { $points } points, above the group's maximum of { $max }.
criteria-error-groups_exceed_total = the groups add up to { $points } points, above the total of { $max }.
criteria-error-groups_sum_mismatch = the groups add up to { $points } points, not the total of { $max }.
criteria-error-bands_overlap = the grades «{ $a }» and «{ $b }» overlap (at { $at } points).
criteria-error-bands_gap = between the grades «{ $a }» and «{ $b }» there is a gap from { $from } to { $to } points.
criteria-error-bands_gap_top = the top grade «{ $a }» stops at { $from } points, short of the total of { $to }.
criteria-error-bands_out_of_range = the grade «{ $grade }» reaches { $max } points, above the total of { $total }.
criteria-error-band_empty = the grade «{ $grade }» holds no points (from { $min } to { $max }).
criteria-error-duplicate_grade = the grade «{ $grade }» appears twice.
criteria-error-years_reversed = the last year { NUMBER($to, useGrouping: 0) } comes before the first year { NUMBER($from, useGrouping: 0) }.
criteria-error-unknown_without_flag = «{ $id }» has no text; if its text is not known, add "unknown": true.
criteria-error-in_force_incomplete = the set says "in_force" but still lacks: { $ids }. Complete it, or mark it "draft".
criteria-error-number_without_min = the number item «{ $id }» needs its least value "min".
criteria-error-no_items = the group «{ $id }» has no items.
errors-criteria_version_exists = The criteria set «{ $key }» version { $version } is already stored with other content, and a stored version is never overwritten. Please send it with a higher version.
errors-criteria_draft = The criteria set «{ $key }» version { $version } is a draft (still lacking: { $ids }), so it cannot be put in force.
errors-criteria_wrong_model = The criteria set «{ $key }» version { $version } is for another model.
errors-criteria_wrong_year = The criteria set «{ $key }» version { $version } does not apply to { $year }.
criteria-status-draft-marked = a draft (the file says "draft"), so it cannot be put in force.
criteria-status-no-rule = The grading rule (the recognition threshold) is missing too.
criteria-summary-status = Status: { $status }
btn-criteria-menu = 📐 Learning criteria sets

## Learning models (Gia đình / Dòng họ / Cộng đồng / Đơn vị học tập)
learning-model-FAMILY = Learning family
learning-model-CLAN = Learning clan
learning-model-COMMUNITY = Learning community
learning-model-UNIT = Learning unit
learning-status-NONE = ⚪ Not evaluated yet
learning-status-IN_PROGRESS = ✏️ Self-evaluation in progress
learning-status-SUBMITTED = 📨 Sent, waiting for review
learning-status-RETURNED = ↩️ Returned for a fix
learning-status-APPROVED = ✅ Approved
learning-status-REJECTED = ❌ Not approved
learning-status-RECOGNISED = 🏅 Recognised

## Learning models — review and recognition
btn-learning-review-home = 🏡 Learning models
btn-learning-review-queue = 📋 Waiting for review
btn-learning-review-approve = ✅ Approve
btn-learning-review-return = ↩️ Return for a fix
btn-learning-review-reject = ❌ Reject
btn-learning-review-details = 📄 Details
btn-learning-review-send-RETURNED = ↩️ Send it back
btn-learning-review-send-REJECTED = ❌ Send: rejected
btn-learning-review-fix = ✏️ Fix the self-evaluation
learning-review-grade-none = not reached
learning-review-queue-title = 📋 <b>Waiting for review — { $unit }, { $year }</b>: { $count ->
        [one] one self-evaluation
       *[other] { $count } self-evaluations
    }. Look at each, then press ✅ Approve, ↩️ Return for a fix or ❌ Reject.
learning-review-queue-none = ✅ No self-evaluation is waiting for review in <b>{ $unit }</b> for { $year }.
learning-review-queue-more = … and { $count } more. Review these, then press «Waiting for review» to see the next ones.
learning-review-item-title = { $model } { $year }: <b>{ $name }</b>
learning-review-item-village = 📍 { $village }
learning-review-item-unit = 🏘 { $unit }
learning-review-item-score = 📊 { $total }/{ $max } points — { $grade }
learning-review-item-missed = { $count ->
        [0] ✔️ Every item earned its full points
        [one] ⚠️ One item did not earn its full points
       *[other] ⚠️ { $count } items did not earn their full points
    }
learning-review-item-submitted = 📨 Sent on { $date }
learning-review-item-status = Status: { $status }
learning-review-item-last-comment = 💬 Returned before with the comment: <i>{ $comment }</i>
learning-review-approved-short = ✅ Approved
learning-review-notified = { $notified ->
        [0] (Nobody could be told through the bot; please tell the people who registered it in person.)
        [one] One person has been told.
       *[other] { $notified } people have been told.
    }
learning-review-approved-by-you = ✅ You approved the «{ $model }» self-evaluation of <b>{ $name }</b>: { $total }/{ $max } points — { $grade }. { learning-review-notified }
learning-review-returned-by-you = ↩️ You returned the «{ $model }» self-evaluation of <b>{ $name }</b> for a fix. { learning-review-notified }
learning-review-rejected-by-you = ❌ You rejected the «{ $model }» self-evaluation of <b>{ $name }</b>. { learning-review-notified }
learning-review-ask-comment-RETURNED = ↩️ Returning the self-evaluation of <b>{ $name }</b> for a fix.
    Please type briefly what needs fixing — the people who registered it will read this.
learning-review-ask-comment-REJECTED = ❌ Rejecting the self-evaluation of <b>{ $name }</b>.
    Please type the reason — the people who registered it will read this.
learning-review-comment-empty = Please type a few words so that they know why.
learning-review-comment-too-long = That comment is too long: at most { $max } characters, you typed { $length }. Please shorten it.
learning-review-confirm-RETURNED = Return the self-evaluation of <b>{ $name }</b> for a fix, with the comment:
    <i>{ $comment }</i>
    Press «Send it back» to send it, or ⬅️ to write it again.
learning-review-confirm-REJECTED = Reject the self-evaluation of <b>{ $name }</b>, with the reason:
    <i>{ $comment }</i>
    Press «Send: rejected» to send it, or ⬅️ to write it again.
btn-learning-recognise-all = 🏅 Recognise all { $count }
btn-learning-recognise-one = 🏅 { $n }
learning-recognise-title = 🏅 <b>To recognise — { $unit }, { $year }</b>: { $count ->
        [one] one approved self-evaluation
       *[other] { $count } approved self-evaluations
    }.
learning-recognise-line = { $n }. <b>{ $name }</b> — { $model }, { $unit }, { $grade }
learning-recognise-more = … and { $count } more («Recognise all» recognises these too).
learning-recognise-hint = Press 🏅 with a number to recognise one, or «Recognise all».
learning-recognise-none = No approved self-evaluation is waiting for recognition in <b>{ $unit }</b> for { $year }.
learning-recognise-changed = The list has just changed (newly approved or already recognised), so nothing was recognised. Please look at the list below again.
learning-recognise-done = 🏅 { $count } recognised. { learning-review-notified }
learning-recognise-done-one = 🏅 <b>{ $name }</b> is recognised. { learning-review-notified }
learning-notice-reviewed-approved = ✅ The «{ $model }» { $year } self-evaluation of <b>{ $name }</b> ({ $unit }) is approved: { $total }/{ $max } points — { $grade }. The association above will consider it for recognition.
learning-notice-reviewed-returned = ↩️ The «{ $model }» { $year } self-evaluation of <b>{ $name }</b> ({ $unit }) was returned for a fix.
    The reviewer's comment: <i>{ $comment }</i>
    Press the button below to fix it and send it again.
learning-notice-reviewed-rejected = ❌ The «{ $model }» { $year } self-evaluation of <b>{ $name }</b> ({ $unit }) was not approved.
    Reason: <i>{ $comment }</i>
learning-notice-recognised = 🏅 Congratulations! <b>{ $name }</b> ({ $unit }) is recognised as a «{ $title }» for { $year }.

## Learning models — self-evaluation
learning-eval-no-criteria = No «{ $model }» criteria set is in force for { $year } yet, so the self-evaluation cannot start. The coordinators or the administrator must first choose the criteria for this year; once they have, press this button again and you can begin.
learning-eval-not-open = This self-evaluation is at «{ $status }», so its answers can no longer be changed. Here it is:
learning-eval-intro =
    📝 <b>{ $title }</b>
    { $model }: <b>{ $name }</b> — { $unit }, { $year }
    Legal basis: { $basis }
    { $items } items, { $max } points in all. I ask them one by one; answer with the buttons.
    💾 Progress is saved after each answer: you can stop (⏸ Pause) and come back later with the same ✏️ Continue button.
learning-eval-intro-resume = ▶️ { $done } of { $items } items answered. Carrying on at item { $item }.
learning-eval-intro-returned =
    ↩️ This self-evaluation was returned for a fix. The reviewer's comment: «{ $comment }»
    Your earlier answers are kept: press «↩️ Keep» for each one that needs no change.
learning-eval-group = <b>Group { $group }. { $title }</b> (up to { $max } points)
learning-eval-item = <b>Item { $item }</b> ({ $points } points): { $text }
learning-eval-item-number = Type a number. The item is met ({ $points } points) from { $min } up.
learning-eval-item-points-typed = Press a button or type the points, from 0 to { $max }.
learning-eval-item-evidence = 💡 Evidence: { $hint }
learning-eval-item-now = Saved answer: <b>{ $answer }</b>
learning-eval-item-note = 📝 Note: { $note }
learning-eval-item-photo = 📷 A photo is attached as evidence.
learning-eval-evidence-pending = (the note/photo will be saved with your answer)
learning-eval-score = Score so far: <b>{ $total }/{ $max }</b>
learning-eval-answer-yes = Yes
learning-eval-answer-no = No
learning-eval-answer-points = { $value }/{ $max } points
learning-eval-not-a-number = «{ $text }» is not a number. Please press a button or type a number, e.g. 8.
learning-eval-negative = It cannot be negative. Please type 0 or more.
learning-eval-points-above-max = Item { $item } has at most { $max } points. Please press a button or type a number from 0 to { $max }.
learning-eval-type-number = Please press a button or type a number. (A photo you send is saved as evidence.)
learning-eval-press-button = Please press one of the buttons above.
learning-eval-evidence-ask = 📎 Evidence for item { $item }: type a short note (at most { $max } characters) or send a photo (a caption is welcome). If you have none, press «Skip».
learning-eval-evidence-empty = The note is empty. Please type a few words, send a photo, or press «Skip».
learning-eval-evidence-too-long = The note is too long (at most { $max } characters). Please shorten it.
learning-eval-evidence-not-text = Please type a note or send a photo (stickers and files are not taken).
learning-eval-evidence-will-save = 📎 Got it. The evidence will be saved with your answer to item { $item }.
learning-eval-evidence-saved = 📎 Evidence saved for item { $item }.
learning-eval-paused = ⏸ Saved: { $done } of { $items } items answered. Come back any time with ✏️ Continue to carry on where you stopped.
learning-eval-stopped = Stopped. The answers given so far ({ $done } of { $items } items) stay saved; press ✏️ Continue to carry on where you stopped.
learning-eval-result =
    📊 <b>Self-evaluation result — { $name }</b>
    Total: <b>{ $total }/{ $max }</b>
    Grade: <b>{ $grade }</b>
learning-eval-no-grade = below the threshold
learning-eval-missed-title = Items short of full points ({ $count }):
learning-eval-missed-line = • { $item } ({ $earned }/{ $points }): { $text }
learning-eval-missed-none = 🎉 Every item earned its full points.
learning-eval-unanswered = { $count } { $count ->
        [one] item is
       *[other] items are
    } not answered yet.
learning-eval-result-ask = Submit it for review, or change an answer?
learning-eval-result-ask-rest = Please answer the remaining items before submitting.
learning-eval-pick = ✏️ Which item do you want to change? Press its number:
learning-eval-pick-line = <b>{ $item }</b> · { $answer } · { $text }
learning-eval-not-answered = not answered
learning-eval-submitted = 📨 The self-evaluation of <b>{ $name }</b> ({ $total }/{ $max }, { $grade }) was submitted for review.
learning-eval-told = { $count ->
        [0] No reviewer could be told; please tell your branch directly.
        [one] One reviewer was told.
       *[other] { $count } reviewers were told.
    }
btn-learning-eval-yes = ✅ Yes (+{ $points })
btn-learning-eval-no = ❌ No
btn-learning-eval-keep = ↩️ Keep: { $answer }
btn-learning-eval-evidence = 📎 Add a note or photo
btn-learning-eval-pause = ⏸ Pause
btn-learning-eval-continue = ✏️ Continue the self-evaluation
btn-learning-eval-submit = 📨 Submit for review
btn-learning-eval-change = ✏️ Change an answer
btn-learning-eval-later = ⏸ Later
btn-learning-eval-rest = ▶️ Answer the remaining items
btn-learning-eval-review = 📄 Look and review
learning-notice-submitted = 📨 <b>{ $by }</b> submitted the { $model } self-evaluation of <b>{ $name }</b> ({ $unit }, { $year }): <b>{ $total }/{ $max }</b> — { $grade }. Please look and review.
learning-notice-submitted-again = 📨 <b>{ $by }</b> fixed and resubmitted the { $model } self-evaluation of <b>{ $name }</b> ({ $unit }, { $year }): <b>{ $total }/{ $max }</b> — { $grade }. Please look and review.

## Learning models — home and registration
cmd-learning = Learning families, clans, communities and units
btn-learning = 📚 Learning models
help-learning = /learning — learning families: register at the start of the year, self-evaluate against the criteria at the end
help-learning-reporter = In /learning: register families, clans, communities and units of your unit on their behalf; the figures by year, and what waits for review or recognition.
btn-learning-home = 📚 Learning models
btn-learning-register = ➕ Register
btn-learning-self-evaluate = ✏️ Self-evaluate: { $name }
btn-learning-continue = ▶️ Continue: { $name }
btn-learning-view = 📄 View: { $name }
btn-learning-unit-stats = 📊 { $unit }
learning-home-title = 📚 <b>Learning models — { $year }</b>
learning-home-none = You have not registered anything for this year yet. Press «➕ Register» to register your family (or another family).
learning-home-mine = Registered ({ $count }):
learning-home-line = • { $model }: <b>{ $name }</b> — { $status }
learning-home-year = ({ $year })
learning-home-score = — { $total }/{ $max } points, { $grade }
learning-home-no-grade = below the recognition level
learning-home-more = … and { $count } more.
learning-home-units = Figures of the units you follow:

learning-stats-title = 📊 <b>Learning models — { $unit }, { $year }</b>
learning-stats-model =
    <b>{ $model }</b>: { $registered } registered
      • Self-evaluated: { $selfEvaluated } ({ $selfEvaluatedPercent })
      • Approved: { $approved } ({ $approvedPercent })
      • Recognised: { $recognised } ({ $recognisedPercent })
learning-stats-not-started = Branches with no registration yet: { $count }/{ $branches }
learning-stats-branch-line = • { $unit }
learning-stats-more = … and { $count } more branches.
learning-stats-all-started = All { $branches } branches have registrations.
btn-learning-list = 📋 Registrations
btn-learning-queue = 📥 Reviews
btn-learning-to-recognise = 🏅 Recognise
btn-learning-year-previous = ◀️ { $year }
btn-learning-year-next = { $year } ▶️
learning-stats-list-title = 📋 <b>Registrations { $year } — { $unit }</b> ({ $count }):
learning-stats-list-line = { $n }. <b>{ $name }</b> ({ $model }, { $unit }) — { $status }
learning-stats-list-more = … and { $count } more.
learning-stats-list-none = { $unit } has no registration for { $year }.
learning-stats-list-hint = Press a number to self-evaluate (✏️) or to see the self-evaluation (📄).
btn-learning-n-evaluate = ✏️ { $n }
btn-learning-n-view = 📄 { $n }

learning-card-title = 📄 <b>Self-evaluation no. { $id }</b>
learning-card-family = { $model }: the family of <b>{ $name }</b>
learning-card-name = { $model }: <b>{ $name }</b>
learning-card-village = Village: { $village }
learning-card-members = Members: { $count }
learning-card-unit = Unit: { $unit } — { $year }
learning-card-set = Criteria: { $title } (version { $version })
learning-card-status = Status: { $status }
learning-card-total = Total: <b>{ $total }/{ $max }</b>
learning-card-answered = { $done } of { $all } items answered.
learning-card-grade = Result: <b>{ $grade }</b>
learning-card-no-grade = Result: below the recognition level
learning-card-groups = By group:
learning-card-group-line = • { $group }: { $total }/{ $max }
learning-card-missed = Items not met:
learning-card-missed-line = • { $id } { $text }
learning-card-comment = 💬 The reviewer's comment: { $comment }
btn-learning-card-continue = ▶️ Continue the self-evaluation
btn-learning-approve = ✅ Approve
btn-learning-return = ↩️ Return for a fix
btn-learning-reject = ❌ Reject
btn-learning-card-recognise = 🏅 Recognise

learning-reg-intro = ➕ <b>Registering a learning model</b>. Every step has ⬅️ Back and ✖️ Cancel; nothing is saved until you press «Save the registration».
learning-reg-ask-kind = Whom are you registering?
learning-reg-kind-own = 🏠 My own family
learning-reg-kind-FAMILY = 👪 A family of my unit (on their behalf)
learning-reg-kind-CLAN = 🌳 A clan
learning-reg-kind-COMMUNITY = 🏘 A community (village, hamlet)
learning-reg-kind-UNIT = 🏫 A unit (school, agency)
learning-reg-ask-unit = With which unit?
learning-reg-more-units = ({ $count } more units are not shown here; please ask that unit's coordinator to register.)
learning-reg-ask-own-head = Registering your family as a <b>Learning family</b>. What is the full name of the head of the household? If it is you, press the button with your name.
learning-reg-ask-name-FAMILY = What is the full name of the head of the household? For example: Bùi Văn An.
learning-reg-ask-name-CLAN = The clan's name? For example: Dòng họ Bùi xóm Đồi.
learning-reg-ask-name-COMMUNITY = The community's name (village, hamlet)? For example: Xóm Đồi.
learning-reg-ask-name-UNIT = The unit's name (school, agency)? For example: Trường Tiểu học Mãn Đức.
learning-reg-ask-village = Which village or hamlet? Type its name, or press «Skip».
learning-reg-ask-address = In which village or hamlet is the unit? Type its name, or press «Skip».
learning-reg-village-too-long = The village's name is too long (at most { $max } characters). Please type it shorter.
learning-reg-village-invalid = Please type the village's name in letters, for example: Xóm Đồi; or press «Skip».
learning-reg-ask-members = How many people are in the family? Press a number, or type it if more than 8.
learning-reg-ask-members-other = How many members? Type a number, or press «Skip».
learning-reg-members-invalid = «{ $text }» is not a number of people. Please type a number, for example: 5.
learning-reg-members-too-many = Too many: at most { $max } people. Please type it again.
learning-reg-ask-year = For which year?
learning-reg-year-this = { $year } (this year)
learning-reg-year-next = { $year }
learning-reg-summary-title = Please check before saving:
learning-reg-summary-own = Model: { $model } (your family)
learning-reg-summary-model = Model: { $model }
learning-reg-summary-head = Head of household: <b>{ $name }</b>
learning-reg-summary-name = Name: <b>{ $name }</b>
learning-reg-summary-village = Village: { $village }
learning-reg-summary-no-village = Village: (not given)
learning-reg-summary-members = Members: { $count }
learning-reg-summary-unit = Unit: { $unit }
learning-reg-summary-year = Year: { $year }
btn-learning-save = ✅ Save the registration
learning-reg-saved = ✅ <b>{ $name }</b> ({ $model }) is registered with { $unit } for { $year }. At the end of the year you self-evaluate against the criteria; you can start now.
btn-learning-start-now = ✏️ Self-evaluate now
learning-reg-already = «<b>{ $name }</b>» is already registered with { $unit } for { $year }, so it is not registered again. Status: { $status }.
learning-reg-check-again = Something in this step is not valid; please enter it again.

## Learning models — the certificate of recognition (a picture)
btn-learning-certificate = 🏅 Certificate
certificate-caption = 🏅 The certificate «{ $title }» { NUMBER($year, useGrouping: 0) } of { $name }. You can save this picture or print it.
certificate-file = certificate
certificate-issuer = Learning Promotion Association, { $unit }
certificate-heading = CERTIFICATE OF RECOGNITION
certificate-lead-FAMILY = This certifies that the family of
certificate-lead-CLAN = This certifies that the clan
certificate-lead-COMMUNITY = This certifies that
certificate-lead-UNIT = This certifies that
certificate-title-lead = has earned the title
certificate-year = for { NUMBER($year, useGrouping: 0) }
certificate-result = Self-evaluation: { $total }/{ $max } points, graded { $grade }, against { $set } ({ $basis }), version { $version }
certificate-result-no-grade = Self-evaluation: { $total }/{ $max } points, against { $set } ({ $basis }), version { $version }
certificate-date = { $day } { $monthName } { NUMBER($year, useGrouping: 0) }
certificate-serial = No. { $id }/{ NUMBER($year, useGrouping: 0) }
certificate-footer = Issued through khuyenhoc-bot

## Reports and deadlines — commands
cmd-report = The unit's half-year and year reports
cmd-deadlines = Deadlines coming up

## Reports — where pre-filled figures come from
report-source-members-total = Bot records: { $count ->
        [one] 1 member
       *[other] { $count } members
    } joined through the bot by { $to }
report-source-members-new = Bot records: { $count ->
        [one] 1 new member
       *[other] { $count } new members
    } joined through the bot from { $from } to { $to }
report-source-units-branches = Bot records: { $count ->
        [one] 1 active branch
       *[other] { $count } active branches
    } in today's unit tree
report-source-units-committees = Bot records: { $count ->
        [one] 1 active school or agency committee
       *[other] { $count } active school and agency committees
    } in today's unit tree
report-source-piggy-drives = Bot records: { $banks ->
        [one] 1 piggy bank
       *[other] { $banks } piggy banks
    } handed out in { $drives ->
        [one] 1 drive
       *[other] { $drives } drives
    } started from { $from } to { $to }
report-source-piggy-openings = Bot records: { $openings ->
        [one] 1 piggy-bank opening
       *[other] { $openings } piggy-bank openings
    } from { $from } to { $to } ({ $approved } approved)
report-source-sponsorship-active = Bot records: { $count ->
        [one] 1 pupil
       *[other] { $count } pupils
    } sponsored on { $to }
report-source-sponsorship-new = Bot records: { $count ->
        [one] 1 pupil
       *[other] { $count } pupils
    } began to be sponsored from { $from } to { $to }
report-source-sponsorship-dropped-out = Bot records: { $count ->
        [one] 1 sponsored pupil
       *[other] { $count } sponsored pupils
    } dropped out from { $from } to { $to }
report-source-sponsorship-returned = Bot records: { $count ->
        [one] 1 sponsored pupil
       *[other] { $count } sponsored pupils
    } came back to school from { $from } to { $to }
report-source-sponsorship-completed = Bot records: { $count ->
        [one] 1 sponsored pupil
       *[other] { $count } sponsored pupils
    } finished their school level from { $from } to { $to }
report-source-sponsorship-support = Bot records: { $money } VND of monthly money that reached the pupils and { $items } VND of one-off support, from { $from } to { $to }
report-source-learning-registered = Bot records: { $count } { $model ->
        [FAMILY] { $count ->
            [one] family
           *[other] families
        }
        [CLAN] { $count ->
            [one] clan
           *[other] clans
        }
        [COMMUNITY] { $count ->
            [one] community
           *[other] communities
        }
       *[UNIT] { $count ->
            [one] unit
           *[other] units
        }
    } registered for the { NUMBER($year, useGrouping: 0) } learning titles
report-source-learning-recognised = Bot records: { $count } of the { $registered } { $model ->
        [FAMILY] families
        [CLAN] clans
        [COMMUNITY] communities
       *[UNIT] units
    } registered for { NUMBER($year, useGrouping: 0) } recognised by { $to }

## Deadlines — reminders and digests
deadline-notice-before = ⏰ <b>{ $name }</b> for { $unit } is due in { $days ->
    [one] one day
   *[other] { $days } days
} ({ $date }). Please complete it and send it on time.
deadline-notice-today = ⏰ <b>{ $name }</b> for { $unit } is due today ({ $date }). Please complete it and send it today.
deadline-notice-overdue = ⏰ <b>{ $name }</b> for { $unit } is { $days ->
    [one] one day
   *[other] { $days } days
} overdue (due { $date }). Please send it as soon as you can.
deadline-notice-event-before = 📅 <b>{ $name }</b> is in { $days ->
    [one] one day
   *[other] { $days } days
} ({ $date }). Please get { $unit }'s activities ready.
deadline-notice-event-today = 📅 Today ({ $date }) is <b>{ $name }</b>. Best wishes to { $unit } for its activities!
deadline-notice-event-overdue = 📅 <b>{ $name }</b> took place on { $date }. Please sum up { $unit }'s activities.
deadline-notice-digest = 📋 <b>{ $name }</b> (due { $date }) — { $count ->
    [one] one unit has
   *[other] { $count } units have
} not sent it yet:
deadline-notice-digest-line = • { $unit }
deadline-notice-digest-more = … and { $count } more
btn-deadline-open-report = 📝 Open the report
btn-deadline-open-learning = ✏️ Open learning models
btn-deadline-who-submitted = 📊 Who has sent it
btn-deadline-learning-figures = 📊 Learning figures
errors-deadline_not_found = This deadline was not found.
errors-deadline_changed = Someone else has just changed this deadline. Please look at it again, then make your change.

## Reports — errors
errors-report_not_found = This report was not found.
errors-report_no_template = There is no report form for this period yet. Please tell an administrator.
errors-report_unit_kind = The report form in use is not meant for «{ $unit }».
errors-report_period_future = The { NUMBER($year, useGrouping: 0) } reporting period has not started yet, so its report cannot be made.
errors-report_not_open = This report has been sent and can no longer be changed. To correct it, please ask a coordinator to reopen it.
errors-report_incomplete = { $count ->
        [one] One figure is still not filled in or confirmed. Please complete it before sending.
       *[other] { $count } figures are still not filled in or confirmed. Please complete them before sending.
    }
errors-report_not_submitted = This report has not been sent, or has already been reopened, so it cannot be reopened.
errors-report_changed = This report has just changed. Please look at the new version.
errors-bad_report_answer = This answer is not valid{ $reason ->
        [negative] : it cannot be negative.
        [too_large] : the number is too large, please check it.
        [not_integer] : it must be a whole number.
        [too_long] : it is longer than { $max } characters.
        [empty] : this field needs a number.
        [wrong_kind] { $kind ->
            [text] : this field needs words.
           *[other] : this field needs a number.
        }
        [no_such_field] : the report form has no such field.
       *[other] .
    }

## Deadlines calendar — in the chat
btn-deadlines = 📅 Deadlines
deadlines-title = 📅 <b>Coming deadlines</b>
deadlines-none = You have no deadline coming up. Have a good day! 🌿
deadlines-more = … and { $count } more.
deadlines-item = 📌 <b>{ $name }</b> — due { $date }, { $when }
deadlines-days-left = { $days ->
        [one] 1 day left
       *[other] { $days } days left
    }
deadlines-days-today = today
deadlines-days-late = { $days ->
        [one] 1 day overdue
       *[other] { $days } days overdue
    }
deadlines-unit-done = ✅ { $unit }: sent
deadlines-unit-missing = ⏳ { $unit }: not sent yet
deadlines-units-count = 📊 { $done }/{ $all } units have sent it
deadlines-units-missing = ⏳ Not yet: { $units }
deadlines-units-missing-more = ⏳ Not yet: { $units } and { $count ->
        [one] one more unit
       *[other] { $count } more units
    }
btn-deadlines-open-report = 📝 Open the report: { $unit }
btn-deadlines-manage = ⚙️ Edit the calendar
deadlines-year-title = ⚙️ <b>Deadlines of { NUMBER($year, useGrouping: 0) }</b>
deadlines-year-hint = Press a deadline to see and edit it.
deadlines-year-none = The calendar has no deadline for { NUMBER($year, useGrouping: 0) }.
btn-deadlines-item = { $date } · { $name }
btn-deadlines-item-off = ⏸ { $date } · { $name }
btn-deadlines-year-previous = ◀️ { NUMBER($year, useGrouping: 0) }
btn-deadlines-year-next = { NUMBER($year, useGrouping: 0) } ▶️
btn-deadlines-year = 🗓 Calendar { NUMBER($year, useGrouping: 0) }
btn-deadlines-edit-date = ✏️ Date
btn-deadlines-edit-name = ✏️ Name
btn-deadlines-edit-steps = ✏️ Reminders
btn-deadlines-turn-off = ⏸ Turn off
btn-deadlines-turn-on = ▶️ Turn on
deadlines-turned-off = ⏸ This deadline is off: no reminders will be sent.
deadlines-turned-on = ▶️ This deadline is on again.
deadlines-saved = ✅ The change is saved.
deadlines-card =
    📅 <b>{ $vi }</b>
    <i>{ $en }</i>
    What is due: { $what }
    Who owes it: { $who }
    Date: <b>{ $date }</b>
    Reminders: { $steps }
    Status: { $state }
deadlines-card-note = 📝 { $note }
deadlines-state-on = 🟢 on
deadlines-state-off = ⏸ off
deadlines-due-report-H1 = the report on the first half of { NUMBER($year, useGrouping: 0) }
deadlines-due-report-YEAR = the report on the year { NUMBER($year, useGrouping: 0) }
deadlines-due-evaluation = the { $model } self-assessment for { NUMBER($year, useGrouping: 0) }
deadlines-due-event = an event (nothing to send)
deadlines-owes = { $kinds } ({ $roles })
deadlines-list-and = { $head } and { $last }
deadlines-steps-before = { $days } { $last ->
        [one] day
       *[other] days
    } before
deadlines-steps-on-day = on the day
deadlines-steps-after = { $days } { $last ->
        [one] day
       *[other] days
    } late
deadlines-steps-none = no reminders
deadlines-names = { $vi } / { $en }
deadlines-ask-date = The new date of «{ $name }» (now { $date })? Please type day/month, for example 15/6 or 15/6/{ NUMBER($year, useGrouping: 0) }.
deadlines-date-invalid = I did not understand this date. Please type day/month, for example 15/6 or 15/6/{ NUMBER($year, useGrouping: 0) }.
deadlines-date-no-such-day = There is no such day in the calendar. Please type it again.
deadlines-ask-name-vi = The new Vietnamese name (now «{ $current }»)?
deadlines-ask-name-en = The new English name (now «{ $current }»)?
deadlines-name-empty = The name cannot be empty. Please type it again.
deadlines-name-too-long = The name is too long (at most { $max } characters). Please make it shorter.
deadlines-ask-steps = On which days should «{ $name }» be reminded? Now: { $steps }.
    Press a choice, or type days from the deadline separated by commas: negative before, 0 on the day, positive after. For example: -7, -3, 0, 3
btn-deadlines-steps-default = Default: 7, 3, 1 days before, on the day, 3, 6, 9 days late
btn-deadlines-steps-day = Only on the day and 1 day before
btn-deadlines-steps-off = No reminders
deadlines-steps-empty = Please type at least one number, for example: -7, -3, 0, 3
deadlines-steps-invalid = I did not understand «{ $text }». Please type whole numbers separated by commas, for example: -7, -3, 0, 3
deadlines-steps-range = Each number must be between -60 and 60 (days from the deadline). Please type again.
deadlines-steps-many = At most 12 reminders. Please leave out a few numbers.
deadlines-confirm-date = Change the date of «{ $name }»:
    { $before } → <b>{ $after }</b>
    Save this change?
deadlines-confirm-name = Change the name:
    { $before }
    → <b>{ $after }</b>
    Save this change?
deadlines-confirm-steps = Change the reminders of «{ $name }»:
    { $before }
    → <b>{ $after }</b>
    Save this change?

## Unit reports in the chat (half-year and year reports)
report-period-H1 = the first half of { NUMBER($year, useGrouping: 0) }
report-period-YEAR = the year { NUMBER($year, useGrouping: 0) }
btn-report-period-H1 = First half of { NUMBER($year, useGrouping: 0) }
btn-report-period-YEAR = Whole year { NUMBER($year, useGrouping: 0) }
report-status-NONE = ⏳ Not started
report-status-DRAFT = 📝 Draft
report-status-SUBMITTED = ✅ Submitted
report-status-REOPENED = ↩️ Reopened for correction
report-value-none = —
report-more-units = … and { $count ->
    [one] one more unit
   *[other] { $count } more units
}
report-home-none = 📝 Half-year and year reports are sent by the <b>reporters</b> or <b>coordinators</b> of a commune association or of a school or agency committee.
    You do not hold that role yet. If you have been asked to do the report, please ask your unit's coordinator to give you the «Reporter» role.
report-home-periods = 📝 <b>Report of { $unit }</b>
    Which period is it for?
report-home-units = 📝 <b>Unit reports</b>
    Which unit are you reporting for?
report-home-follow = 📊 Follow the units in your care: who has submitted, and the summed figures.
btn-report-submissions = 📊 Submissions · { $unit }
btn-report-summed = Σ Summed report · { $unit }
btn-report-home = 📝 Reports
report-intro = 📝 <b>{ $title }</b>
    Unit: { $unit }
    Period: { $period }
report-intro-due = Due: { $due }
report-intro-prefilled = The bot has pre-filled { $count ->
    [one] one figure
   *[other] { $count } figures
} from the records. Go through each part: press ✅ if right, ✏️ to correct. Every answer is saved at once.
report-intro-resume = You have answered { $done }/{ $total } items; carrying on where you stopped.
report-intro-reopened = ↩️ This report was reopened for correction. The coordinator's comment: «{ $comment }»
report-section = <b>Part { $n }/{ $total }. { $title }</b>
report-line = { $n }. { $label }: <b>{ $value }</b>
report-line-overridden = { $n }. { $label }: bot: { $known } · you: <b>{ $value }</b>
report-line-source = ↳ <i>{ $source }</i>
report-section-ask = Are these figures right?
btn-report-confirm = ✅ All correct
btn-report-edit = ✏️ Correct
report-pick-field = ✏️ Which figure do you want to correct? Press its number.
report-ask = <b>{ $n }. { $label }</b>
report-ask-help = <i>{ $help }</i>
report-ask-known = The bot counted: { $value }
report-ask-now = Now: <b>{ $value }</b>
report-ask-hint-count = Please type a number, for example 12.
report-ask-hint-money = Please type the amount, for example 1,500,000, 1.5 million or 500k.
report-ask-hint-text = Please type a few lines, or press «Skip».
btn-report-zero = 0
report-bad-count = «{ $text }» is not a number. Please type it again, for example 12.
report-bad-money = «{ $text }» could not be read as an amount. Please type it again, for example 1,500,000, 1.5 million or 500k.
report-bad-negative = A figure cannot be negative («{ $text }»). Please type it again.
report-bad-not_integer = A count must be a whole number («{ $text }»). Please type it again.
report-bad-too_large = «{ $text }» is larger than possible (at most { $max }). Please check it.
report-bad-too_long = That is too long; please keep it under { $max } characters.
report-bad-empty = Please type something, or press «Skip».
report-summary = 📋 <b>The whole report — { $unit }, { $period }</b>
report-summary-ready = Every figure is in. Check it, then press 📨 Send the report.
report-missing = ⚠️ { $count ->
    [one] One figure is
   *[other] { $count } figures are
} still missing; please fill in:
report-missing-more = … and { $count ->
    [one] one more
   *[other] { $count } more
}
btn-report-submit = 📨 Send the report
btn-report-change = ✏️ Change a part
report-pick-section = ✏️ Which part do you want to change?
report-stopped = ⏸ Stopped. What you entered is saved ({ $done }/{ $total } items). Press «Continue» or type /report to carry on.
btn-report-continue = ✏️ Continue
report-submitted = ✅ The report for { $period } of { $unit } has been sent.
report-submitted-late = ⏰ Sent late: the deadline was { $due }.
report-told = { $count ->
    [0] No coordinator could be told; you may tell them directly.
    [one] One coordinator has been told.
   *[other] { $count } coordinators have been told.
}
report-card-title = 📄 <b>{ $title }</b>
report-card-unit = { $unit } · { $period }
report-card-status = Status: { $status }
report-card-submitted = Sent on { $date }
report-card-late = ⏰ Sent late: the deadline was { $due }
report-card-due = Due: { $due }
report-card-comment = Comment when reopened: “{ $comment }”
btn-report-reopen = ↩️ Reopen for correction
btn-report-open = ✏️ Open the report
btn-report-view = 📄 See the report
btn-report-fix = ✏️ Correct the report
report-subs-title = 📊 <b>Submissions for { $period }</b>
    { $unit }: { $submitted }/{ $total } units have submitted
report-subs-line-SUBMITTED = { $n }. ✅ { $unit } — sent { $date }
report-subs-line-DRAFT = { $n }. 📝 { $unit } — draft
report-subs-line-REOPENED = { $n }. ↩️ { $unit } — reopened for correction
report-subs-line-NONE = { $n }. ⏳ { $unit } — not started
report-subs-late = {" "}· ⏰ late
report-subs-none = No unit in { $unit } owes the report for { $period }.
report-subs-hint = Press a button below to see a submitted report.
btn-report-card = 📄 { $unit }
btn-report-card-n = 📄 { $n }
report-sum-title = Σ <b>Summed report for { $period }</b>
    { $unit }
report-sum-section = <b>{ $title }</b>
report-sum-line = { $label }: <b>{ $value }</b>
report-sum-nothing = No report has been sent yet, so there is nothing to add up.
report-sum-included = ✅ { $count ->
    [one] One report
   *[other] { $count } reports
} added up:
report-sum-missing = ⏳ Not submitted ({ $count ->
    [one] one unit
   *[other] { $count } units
}):
report-sum-unit = • { $unit }
report-sum-all-in = ✅ Every unit has submitted.
report-reopen-ask = ↩️ Reopen the report for { $period } of { $unit } for correction.
    Please type a comment for the reporter: what needs correcting?
report-reopen-empty = Please type a few words so the reporter knows what to correct.
report-reopen-too-long = The comment is { $length } characters long; please keep it under { $max }.
report-reopen-confirm = Reopen the report for { $period } of { $unit } with this comment:
    “{ $comment }”
    The reporter will be told to correct it and send it again.
btn-report-reopen-send = ↩️ Reopen
report-reopen-done = ↩️ The report for { $period } of { $unit } is reopened. { $count ->
    [0] No reporter could be told.
    [one] One reporter has been told.
   *[other] { $count } reporters have been told.
}
report-changed = The report has changed since you looked at it. Here it is as it is now:
report-notice-submitted = 📨 { $name } has sent the report for { $period } of { $unit }.
report-notice-late = ⏰ Sent late: the deadline was { $due }.
report-notice-reopened = ↩️ The report for { $period } of { $unit } was reopened for correction.
    The coordinator's comment: “{ $comment }”
    Please correct it and send it again.

## Deadlines calendar — in the chat (continued)
deadlines-date-far = A deadline of { NUMBER($year, useGrouping: 0) } can only move within a year of it. Please type another date.

## Deadlines calendar — who owes it, new deadlines
btn-deadlines-edit-kinds = ✏️ Units that owe it
btn-deadlines-edit-roles = ✏️ Who is reminded
btn-deadlines-done = ✔️ Done
deadlines-ask-kinds = Which kinds of unit owe «{ $name }»?
    Press to tick or untick (✓ is ticked), then press «Done».
deadlines-ask-roles = At each unit, who should be reminded of «{ $name }»?
    Press to tick or untick (✓ is ticked), then press «Done».
deadlines-kinds-empty = Please tick at least one kind of unit.
deadlines-roles-empty = Please tick at least one role to remind.
deadlines-confirm-kinds = Change the units that owe «{ $name }»:
    { $before }
    → <b>{ $after }</b>
    Save this change?
deadlines-confirm-roles = Change who is reminded of «{ $name }»:
    { $before }
    → <b>{ $after }</b>
    Save this change?
btn-deadlines-new = ➕ Add a deadline
deadlines-new-ask-name-vi = ➕ A new deadline in the { NUMBER($year, useGrouping: 0) } calendar. What is its name in Vietnamese?
deadlines-new-ask-name-en = What is «{ $vi }» in English? If there is no English name, press «Same as Vietnamese».
btn-deadlines-new-same-name = Same as Vietnamese
deadlines-new-ask-what = What is «{ $name }»?
btn-deadlines-new-report-h1 = 📝 Report for the first half of { NUMBER($year, useGrouping: 0) }
btn-deadlines-new-report-year = 📝 Report for the year { NUMBER($year, useGrouping: 0) }
btn-deadlines-new-evaluation = 🏅 Learning-model self-evaluation
btn-deadlines-new-event = 📣 An event (nothing to send)
deadlines-new-ask-model = «{ $name }»: the self-evaluation of which model?
deadlines-new-ask-date = When is «{ $name }» due? Please type day/month, for example: 15/6 or 15/6/{ NUMBER($year, useGrouping: 0) }.
deadlines-new-ask-steps = On which days should «{ $name }» be reminded?
    Press a choice, or type days from the deadline separated by commas: negative before, 0 on the day, positive after. For example: -7, -3, 0, 3
deadlines-new-summary = Please check the new deadline:

    { $card }

    Save it to the calendar?
deadlines-new-saved = ✅ The new deadline is in the calendar.

## Broadcasts: menu and command (lead)
cmd-broadcast = Send an announcement to units
btn-broadcast-home = 📢 Announcements

## Broadcasts: home, list, card, progress, summary, acknowledgements (broadcast-, btn-broadcast-)
broadcast-home =
    📢 <b>Announcements</b>
    Send an announcement to the members of the units you look after, now or at a set time.
btn-broadcast-new = ✍️ New announcement
btn-broadcast-list = 📋 Sent and scheduled
broadcast-list-title = 📋 <b>Your announcements</b>
broadcast-list-item = { $status } { $time } · { $title } · { $recipients ->
        [one] 1 recipient
       *[other] { $recipients } recipients
    }
broadcast-list-none = You have not sent any announcements yet.
btn-broadcast-item = { $status } { $time } · { $title }
broadcast-progress =
    📢 <b>{ $title }</b>
    Recipients: { $recipients }
    ✅ Sent: { $sent }
    🚫 Blocked the bot: { $blocked }
    ⚠️ Failed: { $failed }
    ⏳ Waiting: { $waiting }
    { $bar }
broadcast-acks = 👍 Pressed «Received»: { $acked } / { $of }
btn-broadcast-stop = ⏹ Stop sending
btn-broadcast-card = 📋 Details
broadcast-summary-done = ✅ <b>Announcement sent</b> «{ $title }»
broadcast-summary-cancelled = ⏹ <b>Announcement stopped</b> «{ $title }»
broadcast-summary-figures =
    Recipients: { $recipients }
    ✅ Delivered: { $delivered }
    🚫 Blocked the bot: { $blocked }
    ⚠️ Failed: { $failed }
broadcast-summary-not-sent = ✖️ Not sent (stopped): { $count }
broadcast-summary-waiting = ⏳ Still being sent: { $count }
broadcast-summary-started = Started: { $time }
broadcast-summary-finished = Finished: { $time }
broadcast-summary-cancelled-at = Stopped: { $time }
btn-broadcast-unreached = 👥 Who did not get it
btn-broadcast-remind = 🔔 Remind those who did not press «Received»
btn-broadcast-refresh = 🔄 Refresh
broadcast-card-scheduled = 🕒 Scheduled for <b>{ $time }</b> (Vietnam time)
btn-broadcast-cancel-scheduled = ✖️ Cancel the schedule
broadcast-cancel-ask = Cancel the announcement «{ $title }» scheduled for { $time }? Nobody will receive it.
broadcast-stop-ask = Stop sending «{ $title }»? { $waiting ->
        [one] The 1 person not sent to yet will not receive it.
       *[other] The { $waiting } people not sent to yet will not receive it.
    }
btn-broadcast-yes-cancel = ✅ Yes, stop it
btn-broadcast-no-keep = ⬅️ No, keep it
broadcast-cancelled-scheduled = ✖️ The scheduled announcement is cancelled. Nobody will receive it.
broadcast-stopped = ⏹ Sending stopped. { $count ->
        [one] 1 person not sent to yet will not receive it.
       *[other] { $count } people not sent to yet will not receive it.
    }
broadcast-remind-text = 🔔 A reminder: please read the announcement above and press «Received».
broadcast-reminded = { $count ->
    [0] Nobody to remind: everyone who got it has pressed «Received».
    [one] 🔔 A reminder is queued for 1 person who has not pressed «Received». It will go out in a few minutes.
   *[other] 🔔 A reminder is queued for { $count } people who have not pressed «Received». It will go out in a few minutes.
}
broadcast-unreached-title = 👥 <b>Did not get</b> «{ $title }»: { $count ->
        [one] 1 person
       *[other] { $count } people
    }
broadcast-unreached-line = • { $name } — { $why }
broadcast-unreached-id = Telegram ID { $id }
broadcast-unreached-more = … and { $count } more
broadcast-unreached-none = Everyone got «{ $title }».
broadcast-why-blocked = blocked the bot
broadcast-why-failed = sending failed
broadcast-why-cancelled = sending stopped
broadcast-why-waiting = still waiting
broadcast-ack-thanks = Thank you for confirming!
broadcast-ack-already = You have already confirmed. Thank you!
broadcast-ack-preview = This is only a preview: recipients will press this button to confirm.
btn-broadcast-acked = ✓ Received
broadcast-finished-notice = ✅ «{ $title }» has been sent. The results are in the progress message above.
broadcast-untitled = 📎 (attached file)

## Broadcasts: errors and composing a new announcement (errors-broadcast_, broadcast-compose-, btn-broadcast-compose-, btn-broadcast-ack)
errors-broadcast_not_found = This announcement was not found.
errors-broadcast_empty = The announcement is empty. Please type some text, or send a photo or a file.
errors-broadcast_too_long = The announcement is too long to send. Please shorten it.
errors-broadcast_in_past = That time has already passed. Please choose a time still to come.
errors-broadcast_too_far = An announcement can be scheduled at most a year ahead. Please choose an earlier time.
errors-broadcast_no_recipients = Nobody would receive this announcement: the chosen units have nobody who fits. Please choose other units or other people.
errors-broadcast_finished = This announcement has already been sent or cancelled.
errors-broadcast_no_ack = This announcement did not ask recipients to press «Received», so there is nobody to remind.
errors-broadcast_not_started = This announcement has not started sending yet.
errors-broadcast_already_reminded = You have already reminded those who did not press «Received». Each announcement can be reminded once.
btn-broadcast-ack = ✅ Received
broadcast-compose-ask-content =
    ✍️ <b>New announcement</b>
    Please type the announcement (bold, italics… are kept), or send a photo or a file with a caption. You can also forward a message here.
broadcast-compose-empty = The announcement has no text. Please type it.
broadcast-compose-not-content = Only text, a photo or a file can be sent. Please try again.
broadcast-compose-too-long = The announcement is { $length } characters long, too long to send (the limit is about { $limit } characters). Please shorten it and send it again.
broadcast-compose-split = ℹ️ It is longer than one Telegram message, so it will be sent as { $parts } messages in a row.
broadcast-compose-left = Left; nothing was sent.
broadcast-compose-ask-units = Send to <b>which units</b>? Tap a name to tick or untick it (each unit includes the units under it), then «Continue».
broadcast-compose-ask-parts = Tick the units within <b>{ $unit }</b> that should receive it, then «Done»:
broadcast-compose-units-empty = Please choose at least one unit.
btn-broadcast-compose-parts = 🔽 Only parts of { $unit }
btn-broadcast-compose-next = Continue ➡️
btn-broadcast-compose-parts-done = ✅ Done
broadcast-compose-ask-audience = Send to <b>whom</b> in the chosen units?
btn-broadcast-compose-audience-everyone = 👥 Everyone
btn-broadcast-compose-audience-reporters = 📝 Reporters only
btn-broadcast-compose-audience-coordinators = 🧭 Coordinators only
broadcast-compose-ask-ack = Should recipients press a «✅ Received» button? If so, you will see how many have received it and can remind the others once.
btn-broadcast-compose-ack-yes = ✅ Yes, ask them to press «Received»
btn-broadcast-compose-ack-no = No need
broadcast-compose-preview-title = 👀 Preview — recipients will see exactly this:
broadcast-compose-summary-title = 📋 <b>Check before sending</b>
broadcast-compose-summary-recipients = 👥 Recipients: <b>{ $count }</b>
broadcast-compose-summary-blocked = ⚠️ Of them, { $count ->
        [one] one person has
       *[other] { $count } people have
    } blocked the bot and will not receive it.
broadcast-compose-summary-units = 🏢 Units: { $units }
broadcast-compose-summary-audience = 🎯 Who: { $audience }
broadcast-compose-summary-ack-yes = ✅ Ask to press «Received»: yes
broadcast-compose-summary-ack-no = ✅ Ask to press «Received»: no
broadcast-compose-summary-parts = ✉️ Sent as { $parts } messages in a row
btn-broadcast-compose-send = 📤 Send now
btn-broadcast-compose-schedule = 🕒 Schedule
btn-broadcast-compose-restart = ✏️ Start again
broadcast-compose-ask-when = 🕒 When should it be sent? Choose a button, or type the date and time (Vietnam time), e.g. <code>{ $example }</code> or <code>19:00 30/11</code>.
btn-broadcast-compose-when-today = Tonight { $time }
btn-broadcast-compose-when-tomorrow = Tomorrow { $time }
broadcast-compose-when-invalid = I could not read that date and time. Please type it like <code>30/11/2026 19:00</code> or <code>19:00 30/11</code>.
broadcast-compose-when-no-such-day = That day does not exist in the calendar. Please type it again.
broadcast-compose-confirm-schedule = Schedule the announcement for <b>{ $when }</b> (Vietnam time)?
btn-broadcast-compose-confirm-schedule = ✅ Schedule it
broadcast-compose-scheduled = ✅ Scheduled: the announcement will be sent at <b>{ $when }</b> (Vietnam time). Until then you can cancel it from the list of announcements.
help-broadcast = /broadcast — send an announcement to the members of the units you look after (now or at a set time, optionally asking them to press "Received")

## Stats and exports: menu and commands (lead)
cmd-stats = Figures of your units, with charts
cmd-export = Export figures as an Excel (XLSX) or CSV file

## Stats and exports: in the chat (stats-, export-, btn-stats-, btn-export-)
btn-stats-home = 📊 Figures
btn-stats-show = 📊 See the figures
btn-export-start = 📥 Export a file
help-stats = /stats — the figures of the units you coordinate, with charts; /export — the figures as an Excel (XLSX) or CSV file
stats-data-home = 📊 <b>Figures of the movement</b>
    Would you like to see the figures here in the chat (with charts), or export them as an Excel/CSV file?
stats-pick-unit = 📊 Which unit's figures would you like to see?
stats-pick-period = 📊 <b>{ $unit }</b>
    Which period? To see one unit below on its own, press ⬇️.
btn-stats-down = ⬇️ { $unit }
stats-title = 📊 <b>Figures of { $unit }</b>
    Period: { $period } ({ $from } – { $to })
stats-reports = 📝 Reports: <b>{ $submitted }/{ $owed }</b> { $owed ->
    [one] unit has
   *[other] units have
} submitted
stats-reports-late = { " " }({ $late } late)
stats-reports-all-in = ✅ Every unit has submitted its report.
stats-reports-missing = ⏳ Not yet submitted: { $units }
stats-missing-more = { $units } and { $count ->
    [one] one more unit
   *[other] { $count } more units
}
stats-reports-none-owed = 📝 Reports: no unit owes a report for this period.
stats-piggy = 🐷 Piggy banks: <b>{ $amount }</b> collected at { $openings ->
    [one] one opening
   *[other] { $openings } openings
}
stats-sponsor = 🤝 Sponsorship: <b>{ $active }</b> active { $active ->
    [one] case
   *[other] cases
}; <b>{ $percent }%</b> of the pupils sponsored in the period are still in school ({ $still }/{ $sponsored })
stats-sponsor-no-pupils = 🤝 Sponsorship: <b>{ $active }</b> active { $active ->
    [one] case
   *[other] cases
}
stats-learning = 📚 Learning families: <b>{ $recognised }/{ $registered }</b> registered { $registered ->
    [one] family
   *[other] families
} recognised ({ $percent }%)
stats-learning-none = 📚 Learning families: none registered this year.
stats-scholarships = 🎓 Scholarships: <b>{ $count }</b>, <b>{ $amount }</b> in all
stats-empty = 📭 Nothing has been reported yet for <b>{ $unit }</b> in { $period }. When units record piggy-bank openings, sponsorships or learning families, or submit their reports, the figures will show here.
stats-chart-money-title = Piggy-bank money collected — { $period }
stats-chart-money-series = Collected
stats-chart-money-caption = 🐷 Piggy-bank money collected per unit — { $unit }, { $period }. In all: { $amount }
stats-chart-reports-title = Reports submitted — { $period }
stats-chart-reports-owed = Owed
stats-chart-reports-submitted = Submitted
stats-chart-reports-caption = 📝 Reports submitted per unit — { $unit }, { $period }: { $submitted }/{ $owed }
errors-stats_period_future = The { NUMBER($year, useGrouping: 0) } period has not begun yet, so there are no figures. Please choose a period that is over or under way.
export-ask-kinds = 📥 <b>Export figures as a file</b>
    Which figures do you need? Press to tick or untick (✅), then press «Next».
export-kind-summary = Summed report
export-kind-reports = Each unit's report
export-kind-piggy = Piggy-bank openings
export-kind-sponsorship = Sponsorship cases
export-kind-learning = Learning families
btn-export-next = ➡️ Next
export-kinds-empty = Please tick at least one kind of figures.
export-ask-period = 📥 Figures: { $kinds }
    Which period?
export-ask-unit = 📥 { $period }: which unit's figures? Press a unit's name for the whole unit (with the units below it), or ⬇️ to choose among the units below.
export-ask-unit-in = 📥 <b>{ $unit }</b> — { $period }
    The whole unit, or one unit below it? Press ⬇️ to see smaller units.
btn-export-whole = ✅ All of { $unit }
btn-export-down = ⬇️
export-ask-format = 📥 <b>{ $unit }</b> — { $period }
    Figures: { $kinds }
    Which kind of file? Excel (XLSX) holds every kind, one sheet each; CSV holds one kind.
btn-export-xlsx = 📗 Excel (XLSX)
btn-export-csv = 📄 CSV
export-csv-one-kind = A CSV file holds one kind of figures, and you ticked { $count }. Please choose the kind to export as CSV, or take the Excel file with all of them.
btn-export-csv-kind = 📄 CSV: { $kind }
btn-export-xlsx-all = 📗 Excel (XLSX) with all of them
export-empty = 📭 Nothing has been reported yet for <b>{ $unit }</b> in { $period } ({ $kinds }), so no file was made. You can choose another period.
btn-export-other-period = 📅 Another period
export-progress = ⏳ Preparing the file… { $rows }/{ $total } rows
export-progress-done = ✅ { $rows ->
    [one] One row is
   *[other] { $rows } rows are
} ready; sending the file.
export-caption = 📥 { $unit } — { $period } — { $rows ->
    [one] one row
   *[other] { $rows } rows
} ({ $format })
errors-export_period_future = The { NUMBER($year, useGrouping: 0) } period has not begun yet, so there is nothing to export. Please choose a period that is over or under way.
