/// The tables of one section of a summary, counted but not yet published: what the section's numbers
/// are made from, so that they can be drawn again as a whole.
struct SectionTables {
    struct Unpublished {
        var id: String
        var title: String
        var table: CountTable
    }

    var interviews: Unpublished
    var questions: [Unpublished]
    var scores: [Unpublished]
    var referrals: Unpublished?
    var declined: Unpublished?
    var coverage: Unpublished

    init(raw: GroupCounts, form: Questionnaire, formerVersions: [Questionnaire], language: Language, phrases: Phrasebook,
         columns: [CountTable.Heading]) {
        let totals = SummaryReport.columnKeys.map { raw.interviews[$0] ?? .zero }
        func unpublished(_ id: String, _ title: String, rows: [CountTable.Heading], counts: [[Tally]], addsUp: Bool) -> Unpublished {
            Unpublished(id: id, title: title,
                        table: CountTable(rows: rows, columns: columns, counts: counts, columnTotals: totals, rowsAddUp: addsUp))
        }
        func byColumn(_ values: [String: Tally]?) -> [Tally] { SummaryReport.columnKeys.map { values?[$0] ?? .zero } }
            let interviews = unpublished("interviews", Phrasebook(language).text("tables.interviews_title"),
                                     rows: [.init(key: "complete", label: Phrasebook(language).text("tables.completed"))],
                                     counts: [totals], addsUp: true)
            var questions: [Unpublished] = []
            var declinedRows: [(CountTable.Heading, [Tally])] = []
            for (question, removed) in SummaryReport.questionsToSummarize(form: form, former: formerVersions, answered: Set(raw.answers.keys)) {
                if case .freeText = question.kind { continue }
                var given = raw.answers[question.id] ?? [:]
                var askedCounts = raw.asked[question.id] ?? [:]
                if let replaced = question.replaces {
                    for (answer, byGender) in raw.answers[replaced] ?? [:] {
                        for (gender, n) in byGender { given[answer, default: [:]][gender, default: .zero] += n }
                    }
                    for (gender, n) in raw.asked[replaced] ?? [:] { askedCounts[gender, default: .zero] += n }
                }
                let title = question.text.text(in: language) + (removed ? (Phrasebook(language).text("tables.removed")) : "")
                var rows: [(CountTable.Heading, [Tally])] = []
                switch question.kind {
                case .yesNo, .singleChoice, .multipleChoice, .scale:
                    var keys: [(String, String)] = question.choices.map { ($0.code, $0.text.text(in: language)) }
                    if case .scale(let low, let high, _, _) = question.kind {
                        keys = (low...max(low, high)).map { value in
                            (String(value), question.scaleLabels?.first { $0.value == value }.map { "\(value) \($0.text.text(in: language))" } ?? String(value))
                        }
                    }
                    for (code, label) in keys { rows.append((.init(key: code, label: label), byColumn(given[code]))) }
                    // Answers the current form no longer has are kept under their code: never dropped.
                    for code in given.keys.sorted() where !keys.contains(where: { $0.0 == code }) && !Answer.reservedCodes.contains(code) {
                        rows.append((.init(key: code, label: code), byColumn(given[code])))
                    }
                case .number(let low, let high, _):
                    for band in SummaryReport.numberBands(low: low, high: high) {
                        var sums = Array(repeating: Tally.zero, count: columns.count)
                        for (value, byGender) in given {
                            guard let n = Int(value), band.range.contains(n) else { continue }
                            for (i, column) in SummaryReport.columnKeys.enumerated() { sums[i] += byGender[column] ?? .zero }
                        }
                        rows.append((.init(key: band.key, label: band.key), sums))
                    }
                case .info, .freeText:
                    continue
                }
                rows.append((.init(key: Answer.declinedCode, label: phrases.declinedLabel), byColumn(given[Answer.declinedCode])))
                if question.allowsDontKnow || given[Answer.dontKnowCode] != nil {
                    rows.append((.init(key: Answer.dontKnowCode, label: phrases.dontKnowLabel), byColumn(given[Answer.dontKnowCode])))
                }
                if !question.isRequired || given[Answer.skippedCode] != nil {
                    rows.append((.init(key: Answer.skippedCode, label: phrases.skippedLabel), byColumn(given[Answer.skippedCode])))
                }
                let asked = byColumn(askedCounts)
                let notAsked = zip(totals, asked).map { $0 - $1 }
                if question.showIf != nil || notAsked.contains(where: { $0.count > 0 }) {
                    rows.append((.init(key: "not_asked", label: phrases.notAskedLabel), notAsked))
                }
                var addsUp = true
                if case .multipleChoice = question.kind { addsUp = false }
                questions.append(unpublished(question.id, title, rows: rows.map(\.0), counts: rows.map(\.1), addsUp: addsUp))
                declinedRows.append((.init(key: question.id, label: "\(question.id): \(question.text.text(in: language))"), byColumn(given[Answer.declinedCode])))
            }
            let referrals = form.referrals.isEmpty ? nil : unpublished(
                "referrals", Phrasebook(language).text("tables.referrals_title"),
                rows: form.referrals.map { .init(key: $0.id, label: $0.message.text(in: language).firstSentence) },
                counts: form.referrals.map { byColumn(raw.referrals[$0.id]) }, addsUp: false)
            let declined = declinedRows.isEmpty ? nil : unpublished(
                "declined", Phrasebook(language).text("tables.declined_title"),
                rows: declinedRows.map(\.0), counts: declinedRows.map(\.1), addsUp: false)
            var scores: [Unpublished] = []
            for score in form.scores {
                let rows = SummaryReport.scoreRows(score, raw: raw, totals: totals, phrases: phrases, language: language)
                let addsUp = SummaryReport.columnKeys.indices.allSatisfy { c in rows.map { $0.1[c].count }.reduce(0, +) == totals[c].count }
                scores.append(unpublished(score.id, score.label.text(in: language), rows: rows.map(\.0), counts: rows.map(\.1), addsUp: addsUp))
            }
            // Whether the questions were asked at all, by gender: they are the figures that show men being
            // asked less often than women. A section withholds them as it withholds the rest.
            var coverageRows: [(CountTable.Heading, [Tally])] = [(.init(key: "complete", label: phrases.coverageLabel(nil)), totals)]
            for kind in Coverage.allCases {
                coverageRows.append((.init(key: kind.rawValue, label: phrases.coverageLabel(kind)), byColumn(raw.coverage[kind.rawValue])))
            }
            let coverage = unpublished("coverage", phrases.coverageTitle, rows: coverageRows.map(\.0),
                                        counts: coverageRows.map(\.1), addsUp: false)
        self.interviews = interviews
        self.questions = questions
        self.scores = scores
        self.referrals = referrals
        self.declined = declined
        self.coverage = coverage
    }

    /// The section as published: nothing of it when it has fewer (published) interviews than `minimum`;
    /// otherwise every number perturbed, drawn again as a whole while some table would let a reader who
    /// knows the method work out a count below `minimum` (see `TableAudit`). A section that never gets
    /// a clean draw (not seen in practice) shows nothing, like a small one.
    func published(key: [String: String], label: String, method: CellKeyMethod, minimum: Int) -> SummaryReport.Group {
        published(key: key, label: label, method: method, minimum: minimum, from: 0).group
    }

    /// The same, trying draws from `firstRound` on (a split summary draws a section again when adding
    /// the sections up would reveal a small count; see `SplitAudit`); also which draw it is.
    func published(key: [String: String], label: String, method: CellKeyMethod, minimum: Int,
                   from firstRound: Int) -> (group: SummaryReport.Group, round: Int) {
        let total = interviews.table.grandTotal
        var round = firstRound
        var withheld = (total.count > 0 && method.publish(total) < minimum) || round >= Publication.draws
        var group = published(key: key, label: label, method: method, round: round, withheld: withheld)
        while !withheld && !group.revealsNothing(method: method, minimum: minimum) {
            round += 1
            withheld = round >= Publication.draws
            group = published(key: key, label: label, method: method, round: round, withheld: withheld)
        }
        return (group, round)
    }

    private func published(key: [String: String], label: String, method: CellKeyMethod, round: Int, withheld: Bool) -> SummaryReport.Group {
        func publish(_ table: Unpublished) -> SummaryReport.Table {
            SummaryReport.Table(id: table.id, title: table.title,
                                table: withheld ? Publication.withheld(table.table) : Publication.publish(table.table, method: method, round: round))
        }
        return SummaryReport.Group(key: key, label: label, interviews: publish(interviews), referrals: referrals.map(publish),
                                   declined: declined.map(publish), coverage: publish(coverage),
                                   questions: questions.map(publish), scores: scores.map(publish))
    }
}
