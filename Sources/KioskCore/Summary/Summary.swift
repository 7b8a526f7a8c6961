/// An anonymized summary of one form's completed interviews, ready to publish: counts and shares per
/// question and answer, always split by gender, every count perturbed by the Cell Key Method.
///
/// Swedish public statistics about people are split by sex (förordning 2001:100, 14 §), so every table
/// has one column per gender value and a total. The JSON form of this type is the documented export
/// schema (`schema: kiosk-summary`, `version: 3`; see README, "Summary JSON").
public struct SummaryReport: Sendable, Hashable, Codable {
    public var schema = "kiosk-summary"
    public var version = 3
    /// How the numbers are made safe to publish, said with them: "cell key" (each is perturbed; parts
    /// need not add up to totals).
    public var method = "cell key"
    public var formID: String
    public var title: String
    public var language: Language
    public var options: SummaryOptions
    /// The gender columns of every table.
    public var columns: [CountTable.Heading]
    /// Whether the form asks for gender (if not, every count is under "not stated").
    public var hasGenderBreakdown: Bool
    /// One section per combination of the split values (one section when not split).
    public var groups: [Group]

    /// One combination of split values and its tables.
    public struct Group: Sendable, Hashable, Codable {
        /// Dimension name → value (`age_band` → `16-24`); empty when the summary is not split.
        public var key: [String: String]
        public var label: String
        /// Completed interviews per gender.
        public var interviews: Table
        /// Interviews in which each referral rule fired.
        public var referrals: Table?
        /// How many declined each question.
        public var declined: Table?
        /// Whether the questions were asked at all: completed, started and not finished, not asked and why.
        public var coverage: Table?
        /// One table per question: interviews per answer.
        public var questions: [Table]
        /// One table per named score: interviews per band (or value).
        public var scores: [Table]
    }

    /// A published table with what it is about.
    public struct Table: Sendable, Hashable, Codable {
        public var id: String
        public var title: String
        public var table: PublishedTable
    }

    enum CodingKeys: String, CodingKey {
        case schema, version, method
        case formID = "form_id"
        case title, language, options, columns
        case hasGenderBreakdown = "has_gender_breakdown"
        case groups
    }
}

extension SummaryReport {
    /// The gender column keys, in order: the three categories, declined, not stated.
    public static let columnKeys = Breakdown.genderCodes + [Answer.declinedCode, GroupCounts.notStated]

    /// Builds the summary of `form` from raw counts per group, every count perturbed. Answers to a
    /// question another replaces (`replaces:`) count for the new one; questions earlier versions had and
    /// `form` no longer has get tables of their own (from `formerVersions`), so editing never drops data.
    public init(form: Questionnaire, language requested: Language, options: SummaryOptions, counts: [[String]: GroupCounts],
                formerVersions: [Questionnaire] = []) {
        let language = form.language(closestTo: requested)
        let phrases = Phrasebook(language)
        let genderQuestion = form.breakdownQuestion(.gender)
        let columns: [CountTable.Heading] = Self.columnKeys.map { key in
            switch key {
            case Answer.declinedCode: return .init(key: key, label: phrases.declinedLabel)
            case GroupCounts.notStated: return .init(key: key, label: phrases.notStatedLabel)
            default: return .init(key: key, label: genderQuestion?.choice(key)?.text.text(in: language) ?? key)
            }
        }
        let minimum = options.minimumCell
        let method = options.method
        var sections: [(tables: SectionTables, key: [String: String], label: String)] = []
        for key in counts.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            guard let raw = counts[key] else { continue }
            let tables = SectionTables(raw: raw, form: form, formerVersions: formerVersions, language: language,
                                       phrases: phrases, columns: columns)
            let ageBandQuestion = form.breakdownQuestion(.ageBand)
            let parts = zip(options.groupBy, key).map { dimension, value -> String in
                if value.isEmpty { return phrases.notStatedLabel }
                guard case .ageBand = dimension else { return value }
                if value == Answer.declinedCode { return phrases.declinedLabel }
                if let choice = ageBandQuestion?.choice(value) { return choice.text.text(in: language) }
                return value
            }
            let label = key.isEmpty ? (Phrasebook(language).text("summary_core.all")) : parts.joined(separator: " · ")
            sections.append((tables, Dictionary(uniqueKeysWithValues: zip(options.groupBy.map(\.description), key)), label))
        }
        var draws = sections.map { $0.tables.published(key: $0.key, label: $0.label, method: method, minimum: minimum, from: 0) }
        if sections.count > 1 {
            // Side by side with the unsplit summary of the same months, the sections add up to the whole:
            // a section is drawn again while that sum would reveal a small count (and withheld if no
            // draw avoids it). The whole is drawn as the unsplit summary draws it.
            var wholeRaw = GroupCounts()
            for raw in counts.values { wholeRaw.add(raw) }
            let whole = SectionTables(raw: wholeRaw, form: form, formerVersions: formerVersions, language: language,
                                      phrases: phrases, columns: columns)
                .published(key: [:], label: "", method: method, minimum: minimum)
            for _ in 0...Publication.draws {
                let redraw = SplitAudit.sectionsToRedraw(whole: whole, sections: draws.map(\.group), method: method, minimum: minimum)
                if redraw.isEmpty { break }
                for i in redraw where draws[i].round < Publication.draws {
                    draws[i] = sections[i].tables.published(key: sections[i].key, label: sections[i].label, method: method,
                                                             minimum: minimum, from: draws[i].round + 1)
                }
            }
        }
        var groups = draws.map(\.group)
        if groups.isEmpty {
            // No interviews at all: one empty section, so the report says so rather than nothing.
            let empty = SummaryReport(form: form, language: requested, options: options, counts: [options.groupBy.map { _ in "" }: GroupCounts()])
            groups = empty.groups
        }
        self.init(formID: form.id, title: form.title.text(in: language), language: language, options: options,
                  columns: columns, hasGenderBreakdown: genderQuestion != nil, groups: groups)
    }

    /// The questions to make tables of: the form's (answer-taking, not the gender split), then questions
    /// with answers that only earlier versions have (newest definition first), marked as removed.
    static func questionsToSummarize(form: Questionnaire, former: [Questionnaire], answered: Set<String>) -> [(Question, removed: Bool)] {
        var result: [(Question, Bool)] = form.questions.filter { $0.takesAnswer && $0.breakdown != .gender }.map { ($0, false) }
        let replaced = Set(form.questions.compactMap(\.replaces))
        var seen = Set(form.questions.map(\.id)).union(replaced)
        for version in former.reversed() {
            for question in version.questions where question.takesAnswer && question.breakdown == nil
                && answered.contains(question.id) && !seen.contains(question.id) {
                seen.insert(question.id)
                result.append((question, true))
            }
        }
        return result
    }

    /// The rows of a score's table: one per band (the band each interview was given, which may depend on
    /// more than the value), or one per value when the score has no bands; then "not scored" for the
    /// interviews whose score has no value (or that a form version without the score never scored), so
    /// every completed interview lands in exactly one row. A stored band the form no longer has keeps its
    /// id as a row; a value in no band (an old version's gap) gets a row of its own.
    static func scoreRows(_ score: ScoreDefinition, raw: GroupCounts, totals: [Tally], phrases: Phrasebook,
                          language: Language) -> [(CountTable.Heading, [Tally])] {
        func byColumn(_ values: [String: Tally]?) -> [Tally] { columnKeys.map { values?[$0] ?? .zero } }
        let values = raw.scores[score.id] ?? [:]
        var rows: [(CountTable.Heading, [Tally])] = []
        var scored = Array(repeating: Tally.zero, count: columnKeys.count)
        for (value, byGender) in values where value != GroupCounts.notScored {
            for (c, n) in byColumn(byGender).enumerated() { scored[c] += n }
        }
        if score.bands.isEmpty {
            for value in values.keys.compactMap(Int.init).sorted() {
                rows.append((.init(key: String(value), label: String(value)), byColumn(values[String(value)])))
            }
        } else {
            let given = raw.bands[score.id] ?? [:]
            let varies = !score.bandVariants.isEmpty
            var inBands = Array(repeating: Tally.zero, count: columnKeys.count)
            var ids = score.bands.map(\.id)
            ids += given.keys.filter { !ids.contains($0) }.sorted()
            for id in ids {
                let counts = byColumn(given[id])
                for (c, n) in counts.enumerated() { inBands[c] += n }
                guard let band = score.bands.first(where: { $0.id == id }) else {
                    rows.append((.init(key: id, label: id), counts))
                    continue
                }
                let text = band.label.text(in: language)
                let range = band.from == band.to ? String(band.from) : "\(band.from)–\(band.to)"
                rows.append((.init(key: id, label: varies ? text : "\(range) \(text)"), counts))
            }
            let outside = zip(scored, inBands).map { $0 - $1 }
            if outside.contains(where: { $0.count > 0 }) {
                rows.append((.init(key: "no_band", label: phrases.noBandLabel), outside))
            }
        }
        let notScored = zip(totals, scored).map { $0 - $1 }
        rows.append((.init(key: GroupCounts.notScored, label: phrases.notScoredLabel), notScored))
        return rows
    }

    /// Up to six equal ranges covering a number question's range (`0-9`, `10-19`, …).
    public static func numberBands(low: Int, high: Int) -> [(key: String, range: ClosedRange<Int>)] {
        let span = max(1, high - low + 1)
        let width = max(1, (span + 5) / 6)
        return stride(from: low, through: high, by: width).map { start in
            let end = min(high, start + width - 1)
            return (start == end ? String(start) : "\(start)-\(end)", start...end)
        }
    }
}

extension String {
    /// The text up to the end of its first sentence (for short labels).
    var firstSentence: String {
        guard let end = firstIndex(where: { $0 == "." || $0 == "!" || $0 == "?" }) else { return self }
        return String(self[...end])
    }
}

extension SummaryReport.Group {
    /// Every table of the section.
    public var tables: [SummaryReport.Table] {
        [interviews] + questions + scores + [referrals, declined, coverage].compactMap { $0 }
    }

    /// Whether no table of the section lets a reader who knows the method work out a count below
    /// `minimum` (or that everyone in a column answered alike).
    func revealsNothing(method: CellKeyMethod, minimum: Int) -> Bool {
        tables.allSatisfy { TableAudit.pinned(in: $0.table, method: method, minimum: minimum).isEmpty }
    }
}
