/// Fills ``GroupCounts`` group by group from counted rows, the same way whoever did the counting — this
/// kiosk's SQLite store or the central PostgreSQL server — so the same interviews always give the same
/// counts, and so the same published summary.
public struct CountsCollector: Sendable {
    public private(set) var groups: [[String]: GroupCounts] = [:]

    public init() {}

    /// Completed interviews.
    public mutating func interviews(_ group: [String], gender: String?, _ tally: Tally) {
        groups[group, default: GroupCounts()].interviews[GroupCounts.genderColumn(gender), default: .zero] += tally
    }

    /// Answer rows of completed interviews, as stored: a choice code or number with its kind, or a
    /// reserved kind (declined, don't know, skipped) with no value.
    public mutating func answer(_ group: [String], question: String, kind: String, value: String?, gender: String?, _ tally: Tally) {
        let answer = (kind == "choice" || kind == "number") ? (value ?? "") : kind
        groups[group, default: GroupCounts()].answers[question, default: [:]][answer, default: [:]][GroupCounts.genderColumn(gender), default: .zero] += tally
    }

    /// Interviews that answered `question` at all (one each, however many choices).
    public mutating func asked(_ group: [String], question: String, gender: String?, _ tally: Tally) {
        groups[group, default: GroupCounts()].asked[question, default: [:]][GroupCounts.genderColumn(gender), default: .zero] += tally
    }

    /// For the questions that take one answer, "asked" is the sum of the answer counts: no second count.
    public mutating func deriveAsked(except multipleChoice: Set<String>) {
        for key in groups.keys {
            for (question, byAnswer) in groups[key]!.answers where !multipleChoice.contains(question) {
                var asked: [String: Tally] = [:]
                for byGender in byAnswer.values { for (gender, n) in byGender { asked[gender, default: .zero] += n } }
                groups[key]!.asked[question] = asked
            }
        }
    }

    /// Completed interviews in which a referral rule fired.
    public mutating func referral(_ group: [String], rule: String, gender: String?, _ tally: Tally) {
        groups[group, default: GroupCounts()].referrals[rule, default: [:]][GroupCounts.genderColumn(gender), default: .zero] += tally
    }

    /// A score's value (nil: not scored) and band at completion.
    public mutating func score(_ group: [String], score: String, value: String?, band: String?, gender: String?, _ tally: Tally) {
        let column = GroupCounts.genderColumn(gender)
        var counts = groups[group, default: GroupCounts()]
        counts.scores[score, default: [:]][value ?? GroupCounts.notScored, default: [:]][column, default: .zero] += tally
        if let band { counts.bands[score, default: [:]][band, default: [:]][column, default: .zero] += tally }
        groups[group] = counts
    }

    /// A score's value alone (nil: not scored), for counts that have it apart from the band.
    public mutating func scoreValue(_ group: [String], score: String, value: String?, gender: String?, _ tally: Tally) {
        groups[group, default: GroupCounts()].scores[score, default: [:]][value ?? GroupCounts.notScored, default: [:]][GroupCounts.genderColumn(gender), default: .zero] += tally
    }

    /// A score's band alone.
    public mutating func scoreBand(_ group: [String], score: String, band: String, gender: String?, _ tally: Tally) {
        groups[group, default: GroupCounts()].bands[score, default: [:]][band, default: [:]][GroupCounts.genderColumn(gender), default: .zero] += tally
    }

    /// Interviews started and not finished.
    public mutating func unfinished(_ group: [String], gender: String?, _ tally: Tally) {
        groups[group, default: GroupCounts()].coverage[Coverage.unfinished.rawValue, default: [:]][GroupCounts.genderColumn(gender), default: .zero] += tally
    }

    /// Records that the questions were not asked, and why.
    public mutating func notAsked(_ group: [String], reason: String, gender: String?, _ tally: Tally) {
        groups[group, default: GroupCounts()].coverage[reason, default: [:]][GroupCounts.genderColumn(gender), default: .zero] += tally
    }
}
