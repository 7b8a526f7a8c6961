import Foundation
@testable import KioskApp
import KioskCore
import KioskStore
import SwiftCSV
import Testing

/// Summaries and exports written to files: CSV read back by a CSV parser, HTML, rows and bundles.
@Suite struct ExportTests {
    /// Stores `count` completed HARK interviews with these answers, on `day` at `site`.
    static func store(_ count: Int, _ answers: Answers, in store: AnswerStore, site: String? = nil, day: Day = testDay) throws {
        let form = try shippedForm("hark")
        for _ in 0..<count {
            let id = try store.beginInterview(form: form, language: .swedish, site: site, day: day)
            try store.save(answers.keys.sorted().map { .saved(questionID: $0, answer: answers[$0]!) }, interview: id, form: form)
            _ = try store.complete(interview: id, assessment: form.assess(answers), form: form, day: day)
        }
    }

    static let woman: Answers = ["humiliated": .choice("yes"), "afraid": .choice("no"), "raped": .declined, "kicked": .choice("no"), "gender": .choice("kvinna")]
    static let man: Answers = ["humiliated": .choice("no"), "afraid": .choice("no"), "raped": .choice("no"), "kicked": .dontKnow, "gender": .choice("man")]

    func filled() throws -> SessionHarness {
        let harness = try SessionHarness()
        try Self.store(12, Self.woman, in: harness.store, site: "Norr")
        try Self.store(9, Self.man, in: harness.store, site: "Norr")
        try Self.store(2, Self.woman.merging(["gender": .choice("annan")]) { $1 }, in: harness.store, site: "Syd")
        return harness
    }

    func report(_ harness: SessionHarness, options: SummaryOptions = SummaryOptions()) throws -> SummaryReport {
        try SummaryReports.summary(of: try shippedForm("hark"), store: harness.store, language: .swedish, options: options)
    }

    @Test func csvIsRFC4180AndReadsBackWithTheSameNumbers() throws {
        let harness = try filled()
        let summary = try report(harness)
        let text = SummaryReports.csv(summary)
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.hasPrefix("\u{FEFF}"))
        let csv = try CSV<Named>(string: text.replacingOccurrences(of: "\r\n", with: "\n"), delimiter: .comma)
        #expect(csv.header == ["form_id", "table", "table_title", "row", "row_label", "gender", "count", "share"])
        // Every number in the file is the one in the report.
        let humiliated = try #require(summary.groups.first?.questions.first { $0.id == "humiliated" }?.table)
        for (r, row) in humiliated.rows.enumerated() {
            for (c, column) in humiliated.columns.enumerated() {
                let line = csv.rows.first { $0["table"] == "humiliated" && $0["row"] == row.key && $0["gender"] == column.key }
                #expect(line?["count"] == humiliated.cells[r][c].text(minimum: 5))
            }
        }
        let noMen = csv.rows.first { $0["table"] == "humiliated" && $0["row"] == "no" && $0["gender"] == "total" }
        #expect(noMen?["count"] == "9")
        #expect(noMen?["share"] == "0.3913")
        let annan = csv.rows.first { $0["table"] == "interviews" && $0["gender"] == "annan" }
        #expect(annan?["count"] == "<5")
        #expect(csv.rows.allSatisfy { ($0["count"] ?? "").allSatisfy(\.isNumber) || $0["count"] == "<5" || $0["count"] == ".." })
    }

    @Test func theExcelVariantHasABOMSemicolonsAndDecimalCommas() throws {
        let harness = try filled()
        let text = SummaryReports.csv(try report(harness), excel: true)
        #expect(text.hasPrefix("\u{FEFF}form_id;table;"))
        let csv = try CSV<Named>(string: String(text.dropFirst()).replacingOccurrences(of: "\r\n", with: "\n"), delimiter: .semicolon)
        let share = csv.rows.first { $0["table"] == "humiliated" && $0["row"] == "yes" && $0["gender"] == "total" }?["share"]
        #expect(share == "0,6087", "14 of 23 interviews, with a decimal comma")
        let title = csv.rows.first { $0["table"] == "humiliated" }?["table_title"]
        #expect(title?.hasPrefix("Har du under det senaste året blivit förödmjukad") == true, "non-ASCII text survives")
    }

    @Test func htmlIsOneSelfContainedFileWithEscapedText() throws {
        let harness = try filled()
        let html = SummaryHTML.render(try report(harness), day: testDay)
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains("<style>"))
        #expect(html.contains("<svg class=\"chart\""))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"), "nothing is fetched")
        #expect(!html.contains("<link") && !html.contains("src="))
        #expect(html.contains("&lt;5"), "suppressed counts are escaped")
        #expect(html.contains("@media print"))
        #expect(SummaryHTML.escape("<b>\"x\" & 'y'</b>") == "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;")
    }

    @Test func theTerminalSummaryHasBarsThatFitTheWidth() throws {
        let harness = try filled()
        let text = SummaryReports.text(try report(harness), width: 100)
        #expect(text.contains("█"))
        for line in text.split(separator: "\n") where line.contains("█") { #expect(line.count <= 100, "\(line)") }
        #expect(text.contains("<5"))
        #expect(SummaryReports.bar(0.5, width: 10) == "█████")
        #expect(SummaryReports.bar(0.0625, width: 2) == "▏")
    }

    @Test func theHTMLReportShowsNoInternalIdsAndNoChartOfHiddenBars() throws {
        var counts = GroupCounts()
        counts.interviews = ["kvinna": 10]
        counts.asked = ["q": ["kvinna": 10]]
        counts.answers = ["q": ["a": ["kvinna": 2], "b": ["kvinna": 8]]]
        let form = try #require(QuestionnaireLoader.load(yaml: """
            id: t
            title: T
            languages: [sv]
            questions:
              - id: q
                type: single_choice
                text: Fråga
                choices:
                  - {code: a, text: A}
                  - {code: b, text: B}
            """, file: "t.yaml").questionnaire)
        let html = SummaryHTML.render(SummaryReport(form: form, language: .swedish, options: SummaryOptions(minimumCell: 3), counts: [[]: counts]), day: testDay)
        #expect(!html.contains("<small>q</small>"), "no question id beside its heading")
        #expect(html.contains("Fråga"))
        #expect(!html.contains("<svg"), "every bar that is not zero is hidden: no chart")
    }

    @Test func longLabelsWrapSoThatTwoRowsNeverReadTheSame() throws {
        var counts = GroupCounts()
        counts.interviews = ["kvinna": 10]
        counts.answers = ["q": ["a": ["kvinna": 5], "b": ["kvinna": 5]]]
        let form = try #require(QuestionnaireLoader.load(yaml: """
            id: t
            title: T
            languages: [sv]
            questions:
              - id: q
                type: single_choice
                text: Fråga
                choices:
                  - {code: a, text: En mycket lång svarstext som börjar likadant och slutar med ett}
                  - {code: b, text: En mycket lång svarstext som börjar likadant och slutar med två}
            """, file: "t.yaml").questionnaire)
        let text = SummaryReports.text(SummaryReport(form: form, language: .swedish, options: SummaryOptions(), counts: [[]: counts]), width: 100)
        #expect(text.contains("\n  med ett\n") && text.contains("\n  med två\n"), "\(text)")
        #expect(!text.contains("…"))
        #expect(text.contains("  Vill inte svara"))
        #expect(text.contains(" 0 "), "zeros are shown as 0")
    }

    @Test func aSectionWithFewerInterviewsThanTheMinimumSaysSoInsteadOfShowingTables() throws {
        let harness = try filled()
        // Split by site: Norr has 21 interviews, Syd only 2.
        var options = SummaryOptions()
        options.groupBy = [.site]
        let summary = try report(harness, options: options)
        let text = SummaryReports.text(summary, width: 100)
        let syd = try #require(text.range(of: "== Syd ==")).upperBound
        let sydSection = text[syd...]
        #expect(sydSection.contains("Färre än 5 genomförda intervjuer: inget visas"))
        #expect(!sydSection.contains("<5"), "no table of hidden counts for the small section")
        let norr = try #require(text.range(of: "== Norr ==")).upperBound
        #expect(text[norr..<text.range(of: "== Syd ==")!.lowerBound].contains("█"), "the large section still has its tables")
        let html = SummaryHTML.render(summary, day: testDay)
        #expect(html.contains("<p class=\"too-few\">Färre än 5 genomförda intervjuer"))
    }

    @Test func rowExportsCoarsenUntilEveryCombinationIsLargeEnough() throws {
        let harness = try filled()
        let form = try shippedForm("hark")
        // Norr/Syd with only two in Syd: the site goes; 'annan' has two: even gender alone is too fine for K=5.
        #expect(throws: ResponseExport.Refusal.self) {
            _ = try ResponseExport.breakdowns(formID: form.id, store: harness.store, minimum: 5, from: nil, to: nil)
        }
        let atThree = try ResponseExport.breakdowns(formID: form.id, store: harness.store, minimum: 2, from: nil, to: nil)
        #expect(atThree == [.ageBand, .site, .period(.quarter)])
        try Self.store(3, Self.woman.merging(["gender": .choice("annan")]) { $1 }, in: harness.store, site: "Norr")
        let coarse = try ResponseExport.breakdowns(formID: form.id, store: harness.store, minimum: 5, from: nil, to: nil)
        #expect(coarse == [.ageBand, .period(.quarter)], "the site is dropped: Syd has only two")
    }

    @Test func rowExportsHaveFreshIDsAndOnlyCodes() throws {
        let harness = try SessionHarness()
        try Self.store(6, Self.woman, in: harness.store)
        try Self.store(6, Self.man, in: harness.store)
        let form = try shippedForm("hark")
        func export() throws -> String {
            let temp = try TemporaryDirectory()
            let path = temp.url.appendingPathComponent("rows.csv").path
            let file = try ExportFile(path: path)
            _ = try ResponseExport.write(form: form, store: harness.store, format: "csv", minimum: 5, from: nil, to: nil, to: file, progress: { _ in })
            try file.finish()
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        let first = try CSV<Named>(string: try export().replacingOccurrences(of: "\r\n", with: "\n"), delimiter: .comma)
        let second = try CSV<Named>(string: try export().replacingOccurrences(of: "\r\n", with: "\n"), delimiter: .comma)
        #expect(first.header == ["row_id", "gender", "site", "quarter", "humiliated", "afraid", "raped", "kicked", "score_hark"])
        #expect(first.rows.count == 12)
        #expect(Set(first.rows.map { $0["row_id"] ?? "" }).isDisjoint(with: Set(second.rows.map { $0["row_id"] ?? "" })))
        let woman = try #require(first.rows.first { $0["gender"] == "kvinna" })
        #expect(woman["humiliated"] == "yes" && woman["raped"] == "declined")
        #expect(woman["score_hark"] == "", "a declined item leaves HARK not scored: no value, never 0")
        #expect(woman["quarter"] == "2026-Q4")
    }

    @Test func aFailedExportLeavesNothingUnderTheName() throws {
        let temp = try TemporaryDirectory()
        let path = temp.url.appendingPathComponent("out.csv").path
        do {
            let file = try ExportFile(path: path)
            try file.write("half")
            file.abandon()
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path).isEmpty)
        #expect(throws: ExportFile.Problem.self) { try ExportFile(path: temp.url.appendingPathComponent("no/such/dir/x.csv").path) }
    }
}

/// Bundles from several kiosks, merged and suppressed after merging.
@Suite struct BundleTests {
    @Test func mergingBundlesEqualsSummarizingAllTheData() throws {
        let first = try SessionHarness()
        let second = try SessionHarness()
        let both = try SessionHarness()
        for (count, answers, site) in [(12, ExportTests.woman, "Norr"), (3, ExportTests.man, "Norr")] {
            try ExportTests.store(count, answers, in: first.store, site: site)
            try ExportTests.store(count, answers, in: both.store, site: site)
        }
        for (count, answers, site) in [(4, ExportTests.man, "Syd"), (2, ExportTests.woman, "Syd")] {
            try ExportTests.store(count, answers, in: second.store, site: site)
            try ExportTests.store(count, answers, in: both.store, site: site)
        }
        let form = try shippedForm("hark")
        let bundles = [
            (name: "a.json", bundle: try AggregateBundle.make(store: first.store, formIDs: nil, day: testDay)),
            (name: "b.json", bundle: try AggregateBundle.make(store: second.store, formIDs: nil, day: testDay)),
        ]
        for options in [SummaryOptions(), SummaryOptions(groupBy: [.site]), SummaryOptions(groupBy: [.period(.quarter)], minimumCell: 3)] {
            let merged = SummaryReport(form: form, language: .swedish, options: options, counts: try AggregateBundle.merge(bundles, form: form, options: options))
            let direct = try SummaryReports.summary(of: form, store: both.store, language: .swedish, options: options)
            #expect(merged == direct, "\(options.groupBy)")
        }
        // Apart, each kiosk's 3 and 4 men would be suppressed; merged, the 7 men are shown.
        let merged = SummaryReport(form: form, language: .swedish, options: SummaryOptions(), counts: try AggregateBundle.merge(bundles, form: form, options: SummaryOptions()))
        #expect(merged.groups.first?.interviews.table.columnTotals[1] == .count(7))
    }

    @Test func aBundleGivenTwiceIsRefused() throws {
        let harness = try SessionHarness()
        try ExportTests.store(5, ExportTests.woman, in: harness.store)
        let bundle = try AggregateBundle.make(store: harness.store, formIDs: nil, day: testDay)
        #expect(throws: AggregateBundle.Problem.self) {
            _ = try AggregateBundle.merge([("a", bundle), ("copy", bundle)], form: try shippedForm("hark"), options: SummaryOptions())
        }
    }

    @Test func aBundleWhoseVersionDoesNotMatchItsDefinitionIsRefused() throws {
        let harness = try SessionHarness()
        try ExportTests.store(5, ExportTests.woman, in: harness.store)
        var bundle = try AggregateBundle.make(store: harness.store, formIDs: nil, day: testDay)
        bundle.forms[0].versions[0].definition = bundle.forms[0].versions[0].definition.replacingOccurrences(of: "rädd", with: "arg")
        #expect {
            _ = try AggregateBundle.merge([("edited.json", bundle)], form: try shippedForm("hark"), options: SummaryOptions())
        } throws: { error in
            (error as? AggregateBundle.Problem)?.message.contains("does not match its definition") == true
        }
    }

    @Test func aVersionWhereAQuestionMeansSomethingElseIsRefused() throws {
        let harness = try SessionHarness()
        try ExportTests.store(5, ExportTests.woman, in: harness.store)
        let bundle = try AggregateBundle.make(store: harness.store, formIDs: nil, day: testDay)
        var changed = try shippedForm("hark")
        changed.questions[1].kind = .scale(min: 1, max: 5, minLabel: nil, maxLabel: nil)
        #expect {
            _ = try AggregateBundle.merge([("a.json", bundle)], form: changed, options: SummaryOptions())
        } throws: { error in
            (error as? AggregateBundle.Problem)?.message.contains("'afraid' as a yes_no question, but it is scale") == true
        }
    }
}
