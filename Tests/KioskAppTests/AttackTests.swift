import Foundation
import KioskApp
import KioskCore
import KioskStore
import SeededRandom
import Testing

/// Attacks on what the kiosk publishes, on generated small sites: an attacker who knows exactly how the
/// kiosk publishes reasons with whole numbers over every table of every summary, split every way the
/// kiosk allows, and must not be able to work out any count from 1 to K−1, nor that everyone in a group
/// gave the same answer. `KIOSK_ATTACK_SITES` (default 24) sets how many sites; `Scripts/attack-sites.sh`
/// runs thousands.
@Suite(.serialized) struct AttackTests {
    static let siteCount = Int(ProcessInfo.processInfo.environment["KIOSK_ATTACK_SITES"] ?? "") ?? 24
    static let seed = UInt64(ProcessInfo.processInfo.environment["KIOSK_ATTACK_SEED"] ?? "") ?? 991
    static let minimum = Publication.defaultMinimum
    static let method = CellKeyMethod.standard

    /// A store with `siteCount` small sites of the seven questions: 3–40 interviews each over two quarters,
    /// mostly women, yes answers as common as the förbund report.
    static func sites() throws -> (SessionHarness, Questionnaire) {
        let harness = try SessionHarness()
        let form = try shippedForm("violence-seven")
        var random = SeededRandom(seed: seed)
        let yes = ["q1": 0.35, "q2": 0.2, "q3": 0.08, "q4": 0.1, "q5": 0.08, "q6": 0.25, "q7": 0.4]
        let ages = ["16-24", "25-34", "35-44", "45-54", "55-64", "65+"]
        for site in 0..<siteCount {
            let size = 3 + Int(random.next() % 38)
            for _ in 0..<size {
                var answers: Answers = [:]
                for (question, share) in yes {
                    let roll = random.unit()
                    answers[question] = roll < 0.03 ? .declined : roll < 0.03 + share ? .choice("yes") : .choice("no")
                }
                answers["asked-before"] = random.unit() < 0.4 ? .choice("yes") : .choice("no")
                let g = random.unit()
                answers["gender"] = g < 0.6 ? .choice("kvinna") : g < 0.95 ? .choice("man") : g < 0.98 ? .choice("annan") : .declined
                answers["age"] = .choice(ages[Int(random.next() % 6)])
                let day = Day(year: 2026, month: 1 + Int(random.next() % 6), day: 1 + Int(random.next() % 28))
                let id = try harness.store.beginInterview(form: form, language: .swedish, site: "Site \(site)", day: day)
                try harness.store.save(answers.keys.sorted().map { .saved(questionID: $0, answer: answers[$0]!) }, interview: id, form: form)
                _ = try harness.store.complete(interview: id, assessment: form.assess(answers), form: form, day: day)
            }
        }
        return (harness, form)
    }

    /// Every table of one summary (published) with its true counts, by section key.
    struct Release {
        var published: SummaryReport
        var truth: [[String]: GroupCounts]
    }

    static func release(_ harness: SessionHarness, _ form: Questionnaire, by: [SummaryDimension]) throws -> Release {
        let options = SummaryOptions(groupBy: by, minimumCell: minimum)
        let truth = try harness.store.groupedCounts(formID: form.id, options: options)
        let report = SummaryReport(form: form, language: .swedish, options: options, counts: truth)
        return Release(published: report, truth: truth)
    }

    /// The true table behind a published one (the same rows and columns).
    static func trueTable(_ table: SummaryReport.Table, section raw: GroupCounts, form: Questionnaire) -> [[Int]] {
        // Rebuild from a summary of the true counts whose perturbation is switched off by reading tallies.
        let columns = SummaryReport.columnKeys
        func count(_ values: [String: Tally]?) -> [Int] { columns.map { values?[$0]?.count ?? 0 } }
        switch table.id {
        case "interviews": return [count(raw.interviews)]
        case "referrals": return table.table.rows.map { count(raw.referrals[$0.key]) }
        case "coverage":
            return table.table.rows.map { $0.key == "complete" ? count(raw.interviews) : count(raw.coverage[$0.key]) }
        case "declined": return table.table.rows.map { count(raw.answers[$0.key]?[Answer.declinedCode]) }
        default:
            if form.score(table.id) != nil {
                let totals = count(raw.interviews)
                var scored = Array(repeating: 0, count: columns.count)
                for (value, byGender) in raw.scores[table.id] ?? [:] where value != GroupCounts.notScored {
                    for (i, n) in count(byGender).enumerated() { scored[i] += n }
                }
                return table.table.rows.map { row in
                    row.key == GroupCounts.notScored ? zip(totals, scored).map { $0 - $1 } : count(raw.bands[table.id]?[row.key])
                }
            }
            let totals = count(raw.interviews)
            let asked = count(raw.asked[table.id])
            return table.table.rows.map { row in
                row.key == "not_asked" ? zip(totals, asked).map { $0 - $1 } : count(raw.answers[table.id]?[row.key])
            }
        }
    }

    /// Adds one published table to `reasoning`: its cells, row totals, column totals (shared per section)
    /// and grand total, and the sums between them. Returns the cell variables.
    static func add(_ table: PublishedTable, columnTotals: [Int], to reasoning: inout IntegerReasoning) -> [[Int]] {
        var cells: [[Int]] = []
        for (r, row) in table.cells.enumerated() {
            let variables = row.map { reasoning.published($0.value ?? 0, method: method) }
            cells.append(variables)
            let total = reasoning.published(table.rowTotals[r].value ?? 0, method: method)
            reasoning.sum(total, of: variables)
        }
        if table.rowsAddUp {
            for c in columnTotals.indices { reasoning.sum(columnTotals[c], of: cells.map { $0[c] }) }
        } else {
            for c in columnTotals.indices {
                for row in cells {
                    // A part of a column never exceeds it: total = part + rest.
                    let rest = reasoning.variable(Array(0...200))
                    reasoning.sum(columnTotals[c], of: [row[c], rest])
                }
            }
        }
        return cells
    }

    @Test func noTableOfAnySectionGivesAwayASmallCountOrThatEveryoneAnsweredAlike() throws {
        let (harness, form) = try Self.sites()
        var disclosures: [String] = []
        var checked = 0, homogeneous = 0
        for split in [[SummaryDimension](), [.site], [.ageBand], [.period(.quarter)], [.site, .period(.quarter)]] {
            let release = try Self.release(harness, form, by: split)
            for group in release.published.groups {
                let keyParts = split.map { group.key[$0.description] ?? "" }
                guard let raw = release.truth[keyParts] ?? (split.isEmpty ? release.truth[[]] : nil) else { continue }
                if group.interviews.table.grandTotal == .belowMinimum { continue }
                let tables = [group.interviews] + group.questions + group.scores + [group.referrals, group.declined, group.coverage].compactMap { $0 }
                for table in tables {
                    var reasoning = IntegerReasoning()
                    let columnTotals = table.table.columnTotals.map { reasoning.published($0.value ?? 0, method: Self.method) }
                    let grand = reasoning.published(table.table.grandTotal.value ?? 0, method: Self.method)
                    reasoning.sum(grand, of: columnTotals)
                    let cells = Self.add(table.table, columnTotals: columnTotals, to: &reasoning)
                    let truth = Self.trueTable(table, section: raw, form: form)
                    for (r, row) in cells.enumerated() {
                        for (c, variable) in row.enumerated() {
                            let value = truth[r][c]
                            guard value > 0 && value < Self.minimum else { continue }
                            checked += 1
                            let verdict = reasoning.verdict(variable, truth: value)
                            if verdict != .open {
                                if ProcessInfo.processInfo.environment["KIOSK_ATTACK_DEBUG"] != nil {
                                    print("DEBUG", group.label, table.id, "truth", truth, "cells", table.table.cells.map { $0.map { $0.value ?? -1 } },
                                          "rows", table.table.rowTotals.map { $0.value ?? -1 }, "cols", table.table.columnTotals.map { $0.value ?? -1 },
                                          "grand", table.table.grandTotal.value ?? -1, "addsUp", table.table.rowsAddUp)
                                }
                                disclosures.append("\(split) \(group.label) \(table.id) \(table.table.rows[r].key) \(table.table.columns[c].key) = \(value) (\(verdict))")
                            }
                        }
                    }
                    // Everyone of a gender gave the same answer: can it be shown that the other rows are 0?
                    guard table.table.rowsAddUp, table.id != "interviews" else { continue }
                    for c in table.table.columns.indices {
                        let column = truth.map { $0[c] }
                        guard column.reduce(0, +) > 0, let only = column.firstIndex(where: { $0 > 0 }),
                              column.enumerated().allSatisfy({ $0.offset == only || $0.element == 0 }) else { continue }
                        homogeneous += 1
                        var proof = reasoning
                        let others = proof.variable(Array(0...400))
                        proof.sum(others, of: cells.enumerated().filter { $0.offset != only }.map { $0.element[c] })
                        if proof.isWorkedOut(others, truth: 0) {
                            disclosures.append("\(split) \(group.label) \(table.id): every \(table.table.columns[c].key) answered \(table.table.rows[only].key)")
                        }
                    }
                }
            }
        }
        #expect(checked > 100, "small counts to protect: \(checked)")
        #expect(homogeneous > 0, "groups where everyone answered alike: \(homogeneous)")
        #expect(disclosures.isEmpty, "\(disclosures.count) disclosures, for example: \(disclosures.prefix(5))")
    }

    @Test func sectionsOfTheSameInterviewsSplitDifferentWaysDoNotGiveEachOtherAway() throws {
        let (harness, form) = try Self.sites()
        let whole = try Self.release(harness, form, by: [])
        var disclosures: [String] = []
        var checked = 0
        for split in [[SummaryDimension.site], [.ageBand], [.period(.quarter)]] {
            let parts = try Self.release(harness, form, by: split)
            guard let wholeGroup = whole.published.groups.first, let wholeRaw = whole.truth[[]] else { continue }
            for question in wholeGroup.questions {
                let truthWhole = Self.trueTable(question, section: wholeRaw, form: form)
                for (r, row) in question.table.rows.enumerated() {
                    for c in question.table.columns.indices {
                        // The whole's cell is the sum of the sections' cells (withheld sections: anything).
                        var reasoning = IntegerReasoning()
                        let total = reasoning.published(question.table.cells[r][c].value ?? 0, method: Self.method)
                        var members: [Int] = []
                        var truths: [Int] = []
                        for group in parts.published.groups {
                            guard let table = group.questions.first(where: { $0.id == question.id }),
                                  let rowIndex = table.table.rows.firstIndex(where: { $0.key == row.key }) else { continue }
                            let keyParts = split.map { group.key[$0.description] ?? "" }
                            guard let raw = parts.truth[keyParts] else { continue }
                            let truth = Self.trueTable(table, section: raw, form: form)[rowIndex][c]
                            let variable: Int
                            if case .count(let value) = table.table.cells[rowIndex][c] {
                                variable = reasoning.published(value, method: Self.method)
                            } else {
                                variable = reasoning.variable(Array(0..<Self.minimum + Self.method.maximumDeviation))
                            }
                            members.append(variable)
                            truths.append(truth)
                        }
                        reasoning.sum(total, of: members)
                        for (variable, truth) in zip(members, truths) where truth > 0 && truth < Self.minimum {
                            checked += 1
                            if reasoning.isWorkedOut(variable, truth: truth) {
                                disclosures.append("\(split) \(question.id) \(row.key) \(question.table.columns[c].key) = \(truth)")
                            }
                        }
                        let value = truthWhole[r][c]
                        if value > 0 && value < Self.minimum && reasoning.isWorkedOut(total, truth: value) {
                            disclosures.append("whole \(question.id) \(row.key) \(question.table.columns[c].key) = \(value)")
                        }
                    }
                }
            }
        }
        #expect(checked > 100, "\(checked)")
        #expect(disclosures.isEmpty, "\(disclosures.count) disclosures, for example: \(disclosures.prefix(5))")
    }

    @Test func askedAgainTheSameFiguresNeverChangeSoNothingAveragesAway() throws {
        let (harness, form) = try Self.sites()
        let first = try Self.release(harness, form, by: [.site])
        let second = try Self.release(harness, form, by: [.site])
        #expect(first.published == second.published)
        // The gender totals of a site are the same number in its section of every split that has them.
        let byQuarter = try Self.release(harness, form, by: [.site, .period(.quarter)])
        #expect(byQuarter.published.groups.count > first.published.groups.count)
    }

    @Test func everyPeriodTheKioskWillPublishDiffersFromEveryEarlierOneByNoneOrAtLeastK() throws {
        let (harness, form) = try Self.sites()
        var published: [[String: Int]] = []
        // Try every month-aligned period a coordinator could ask for, in a random order.
        var periods: [(Month, Month)] = []
        for first in 1...6 { for last in first...6 { periods.append((Month(year: 2026, month: first), Month(year: 2026, month: last))) } }
        var random = SeededRandom(seed: Self.seed)
        periods.shuffle(using: &random)
        for (from, to) in periods {
            let options = SummaryOptions(from: from, to: to, minimumCell: Self.minimum)
            do {
                _ = try SummaryReports.summary(of: form, store: harness.store, language: .english, options: options,
                                               publishing: (kind: "summary", day: testDay, audit: nil))
                published.append(try harness.store.monthlyCounts(formID: form.id, from: from, to: to))
            } catch is Releases.Refusal {
                continue
            }
        }
        #expect(published.count > 1)
        for (i, a) in published.enumerated() {
            for b in published[(i + 1)...] {
                let difference = ReleaseCheck.difference(a, b)
                #expect(difference == 0 || difference >= Self.minimum, "two publications differ by \(difference)")
            }
        }
    }
}
