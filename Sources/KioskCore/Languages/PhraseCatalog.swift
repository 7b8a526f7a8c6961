/// Every phrase of the kiosk's own words, by key, with the placeholders its text must use. A language
/// file (``LanguagePackLoader``) must give each of these phrases with exactly these placeholders; the
/// ``Phrasebook`` asks for them by key. Adding a phrase is a code change (here, in the Phrasebook, and in
/// every shipped language file); adding a language is only a file.
public enum PhraseCatalog {
    /// Key → the names of its placeholders.
    public static let placeholders: [String: [String]] = {
        var table: [String: [String]] = [:]
        for parts in lines {
            guard let key = parts.first else { continue }
            table[key] = Array(parts.dropFirst())
        }
        return table
    }()

    /// The keys in the order of the listing (the order of the shipped files).
    public static let keys: [String] = lines.compactMap(\.first)

    /// The listing's lines as words, split on bytes (splitting by `Character` was a tenth of a kiosk's start).
    private static let lines: [[String]] = listing.utf8.split(separator: UInt8(ascii: "\n")).map { line in
        line.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
    }

    /// One phrase per line: its key, then its placeholders.
    private static let listing = """
    language_offer code
    progress number total
    progress_up_to number total
    key.back
    key.help
    key.decline
    key.dont_know
    key.abort
    key.hide
    keys_explained
    for_staff
    answer_prompt
    continue_prompt
    start_prompt
    first_question
    no_help
    current_answer answer
    you_answered answer
    multiple_choice_numbers
    multiple_choice_letters
    age_hint
    optional_hint
    scale_hint low high
    number_hint min max
    number_hint_unit min max unit
    free_text_hint
    decline_tip key
    range first last
    key_word.letter
    key_word.number
    problem.empty decline_tip
    problem.unknown_choice text key_word range
    problem.ambiguous_letters text labels
    problem.ambiguous_numbers text labels
    problem.number_not_a_key text key_word range
    problem.age_outside age range decline_tip
    problem.not_a_number text decline_tip
    problem.out_of_range number low high
    problem.dont_know_not_offered decline_tip
    problem.text_too_long count maximum
    staff_only_title
    staff_key_prompt
    words.staff
    words.yes
    answer.yes
    answer.no
    answer.free_text
    answer.declined
    answer.dont_know
    answer.none
    not_stated
    not_asked
    coverage.title
    coverage.completed
    coverage.unfinished
    coverage.companion
    coverage.no_interpreter
    coverage.declined_to_start
    coverage.other
    not_asked.title
    not_asked.gender_question
    not_asked.gender_not_known
    not_asked.recorded
    not_asked.hint
    choose_number count
    not_scored_label
    no_band_label
    review.title
    review.instruction_save
    review.instruction_result
    review.prompt
    review.problem_save text range
    review.problem_result text range
    saved
    preview.banner
    preview.not_saved
    preview.no_code
    result.title
    result.no_referrals
    result.referral_code
    result.support
    result.scores
    result.level_urgent
    result.level_routine
    result.items_answered answered total
    result.not_scored answered total
    result.support_for_everyone
    result.unfinished_title
    result.unfinished_status
    result.no_referrals_unfinished
    result.hand_over_prompt
    result.from_unfinished
    result.from_completed
    clear_instruction
    clear_prompt
    abort.question
    abort.leave_start_question
    abort.prompt
    abort.done
    abort.input_ended
    locked.needs_passphrase
    locked.leave
    unfinished.title
    unfinished.description_one form day
    unfinished.description_many form day count
    unfinished.resume
    unfinished.discard
    unfinished.later
    unfinished.choose
    unfinished.discarded
    unfinished.discard_question
    unfinished.discard_prompt
    unfinished.kept_urgent rule
    unfinished.kept_routine rule
    neutral_title
    passphrase.prompt
    passphrase.new_prompt
    passphrase.repeat_prompt
    passphrase.bundle_prompt
    passphrase.bundle_not_given
    passphrase.wrong
    passphrase.wait seconds
    passphrase.wrong_three_times
    passphrase.not_given
    passphrase.differ
    passphrase.too_short count minimum
    passphrase.derivation_failed
    menu.title
    menu.prompt
    menu.problem text range
    menu.invalid_one
    menu.invalid_many count
    self.intro
    self.thank_you_title
    self.thank_you
    self.support_title
    self.hand_back
    self.needs_passphrase
    draft_language language
    referrals.none_open
    referrals.none_closed
    referrals.none
    referrals.columns
    referrals.columns_all
    referrals.columns_closed
    referrals.status_open
    referrals.status_closed
    referrals.already_closed code outcome day
    referrals.already_open code
    referrals.label_code
    referrals.label_form
    referrals.label_rule
    referrals.label_level
    referrals.label_raised
    referrals.label_from
    referrals.label_status
    referrals.label_outcome
    referrals.label_closed
    outcome.guided-to-support
    outcome.already-in-contact
    outcome.declined
    outcome.not-reached
    code.wrong_length count
    code.invalid_character character
    code.check_failed
    server_error.bad_address text reason
    server_error.password_file path reason
    server_error.unreachable address reason
    server_helper.missing path
    spreadsheet_helper.missing path
    server_error.wrong_password address
    server_error.no_database address
    server_error.not_initialized address
    server_error.newer_schema address server known
    server_error.permission_denied address
    server_error.connection_lost address
    server_error.not_configured
    server_error.failed address state
    server_cmd.schema_exists version
    server_cmd.add_users_hint
    server_cmd.imported
    server_cmd.already_imported
    server_cmd.kiosk_already_imported
    server_cmd.sending
    server_cmd.confirmed confirmed new
    server_cmd.purged purged
    summary_html.form form_id
    summary_html.split_by_gender_and
    summary_html.split_by_gender
    summary_html.made day
    summary_html.method k
    summary_html.total
    server_use.server
    server_use.no_server
    server_use.password_file
    server_use.no_password_file
    server_use.organisation
    server_use.no_organisation
    server_use.waiting
    server_use.purge_after days
    export.wrote_rows rows
    export.to_file output
    export.breakdowns
    export.coarsened minimum
    export.randomised value
    tables.interviews_title
    tables.completed
    tables.removed
    tables.referrals_title
    tables.declined_title
    releases.row_export
    releases.bundle
    releases.summary
    publication.out_of_range lower_bound upper_bound lower_bound2 upper_bound2
    publication.log_header
    follow_up.find code
    follow_up.reopen record
    message.answer_not_saved reason
    summary_core.all
    redcap.woman
    redcap.other
    summary.no_gender_question
    summary.declined
    summary.not_stated
    summary.total
    summary.no_interviews
    summary.method_line k
    summary.too_few_line minimum
    summary.period_all
    summary.period_from from
    summary.period_to to
    summary.period_between from to
    export_cmd.counting
    export_cmd.wrote_summary output
    export_cmd.exporting
    store.cannot_create_directory path reason
    store.not_writable path
    store.disk_full path
    store.corrupt path
    store.newer_schema path
    store.busy path
    store.io_error path
    store.not_found what
    store.already_closed code
    store.no_database directory
    store.lock_failed path reason
    store.failed path code
    store.empty_database path
    store.not_kiosk_database path
    store.damaged path
    store.vanished path
    store.missing path
    export_cmd.wrote_bundle forms interviews output
    publication.already_published times
    publication.once
    publication.times count
    publication.method
    publication.deviation deviation
    publication.smallest smallest largest_hidden
    publication.in_log count
    publication.in_log_fixed count
    server_cmd.schema_created steps
    server_cmd.user_kiosk name
    server_cmd.user_reporter name
    forms_dir.missing path
    forms_dir.not_a_directory path
    forms_dir.unreadable path reason
    form.unknown id forms
    form.unknown_suggest id suggestion forms
    form.invalid id
    follow_up.closed code outcome
    releases.too_close what day difference minimum more
    releases.one_interview
    releases.interviews count
    redcap.man
    """
}
