/// Every phrase of the kiosk's own words, by key, with the placeholders its text must use. A language
/// file (``LanguagePackLoader``) must give each of these phrases with exactly these placeholders; the
/// ``Phrasebook`` asks for them by key. Adding a phrase is a code change (here, in the Phrasebook, and in
/// every shipped language file); adding a language is only a file.
public enum PhraseCatalog {
    /// Key → the names of its placeholders.
    public static let placeholders: [String: [String]] = {
        var table: [String: [String]] = [:]
        for line in listing.split(separator: "\n") {
            let parts = line.split(separator: " ").map(String.init)
            guard let key = parts.first else { continue }
            table[key] = Array(parts.dropFirst())
        }
        return table
    }()

    /// The keys in the order of the listing (the order of the shipped files).
    public static let keys: [String] = listing.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }

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
    """
}
