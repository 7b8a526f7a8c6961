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
        let noMen = try #require(csv.rows.first { $0["table"] == "humiliated" && $0["row"] == "no" && $0["gender"] == "total" })
        #expect(abs((Int(noMen["count"] ?? "") ?? 0) - 9) <= 2, "9, moved a little")
        let annan = try #require(csv.rows.first { $0["table"] == "interviews" && $0["gender"] == "annan" }?["count"])
        #expect(annan != "2" && annan != "1", "two 'annan' interviews are never published as 2")
        #expect(csv.rows.allSatisfy { ($0["count"] ?? "").allSatisfy(\.isNumber) }, "every count is a number")
        #expect(csv.rows.allSatisfy { $0["count"] != "1" && $0["count"] != "2" }, "1 and 2 never appear")
    }

    @Test func theExcelVariantHasABOMSemicolonsAndDecimalCommas() throws {
        let harness = try filled()
        let text = SummaryReports.csv(try report(harness), excel: true)
        #expect(text.hasPrefix("\u{FEFF}form_id;table;"))
        let csv = try CSV<Named>(string: String(text.dropFirst()).replacingOccurrences(of: "\r\n", with: "\n"), delimiter: .semicolon)
        let share = try #require(csv.rows.first { $0["table"] == "humiliated" && $0["row"] == "yes" && $0["gender"] == "total" }?["share"])
        #expect(share.hasPrefix("0,") && share.count == 6, "about 14 of 23 interviews, with a decimal comma: \(share)")
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
        #expect(html.contains("cellnyckelmetoden"), "the report says what its numbers are")
        #expect(html.contains("@media print"))
        #expect(SummaryHTML.escape("<b>\"x\" & 'y'</b>") == "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;")
    }

    @Test func aMarkupCharacterJoinedByACombiningMarkIsEscapedToo() {
        // "<" with U+0338 is one Character ("≮"), and '"' with U+0301 another: compared as characters they
        // would pass unescaped and open a tag or end an attribute.
        let hostile = "<\u{338}script>x</script\u{301}>\"\u{301} onload=\"y"
        let escaped = SummaryHTML.escape(hostile)
        #expect(!escaped.unicodeScalars.contains("<") && !escaped.unicodeScalars.contains("\""), "\(escaped.unicodeScalars.map { String($0) })")
        #expect(escaped.hasPrefix("&lt;\u{338}script&gt;"))
    }

    @Test func theTerminalSummaryHasBarsThatFitTheWidth() throws {
        let harness = try filled()
        let text = SummaryReports.text(try report(harness), width: 100)
        #expect(text.contains("█"))
        for line in text.split(separator: "\n") where line.contains("█") { #expect(line.count <= 100, "\(line)") }
        #expect(text.contains("Varje antal är slumpvis justerat lite"))
        #expect(SummaryReports.bar(0.5, width: 10) == "█████")
        #expect(SummaryReports.bar(0.0625, width: 2) == "▏")
    }

    @Test func theHTMLReportShowsNoInternalIdsAndNoChartOfHiddenBars() throws {
        var counts = GroupCounts()
        counts.interviews = ["kvinna": 10]
        counts.asked = ["q": ["kvinna": 10]]
        counts.answers = ["q": ["a": ["kvinna": 0], "b": ["kvinna": 0]]]
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
        #expect(!html.contains("<svg"), "every bar is zero: no chart")
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
        func content(_ csv: CSV<Named>) -> [String] {
            csv.rows.map { row in first.header.dropFirst().map { row[$0] ?? "" }.joined(separator: ",") }.sorted()
        }
        #expect(content(first) == content(second), "the answers are changed the same way in every export: nothing averages out")
        let women = first.rows.filter { $0["gender"] == "kvinna" }
        #expect(women.count == 6 && women.allSatisfy { $0["quarter"] == "2026-Q4" })
        #expect(women.allSatisfy { ["yes", "no", "declined", "dont_know"].contains($0["humiliated"] ?? "") })
        #expect(first.rows.allSatisfy { row in
            let items = ["humiliated", "afraid", "raped", "kicked"].map { row[$0] ?? "" }
            let answered = items.filter { $0 == "yes" || $0 == "no" }.count
            return (row["score_hark"] == "") == (answered < 4)
        }, "the score is worked out from the exported answers (not scored unless all four are answered)")
    }

    @Test func aRowExportChangesAboutOneAnswerInFiveTheSameWayEveryTime() throws {
        let form = try shippedForm("hark")
        let question = try #require(form.question("afraid"))
        var changed = 0
        for key in 0..<4000 {
            let recordKey = UInt32(key) &* 2_654_435_761
            let once = ResponseExport.perturbed(.choice("no"), of: question, questionID: "afraid", recordKey: recordKey)
            #expect(once == ResponseExport.perturbed(.choice("no"), of: question, questionID: "afraid", recordKey: recordKey))
            if once != .choice("no") { changed += 1 }
        }
        #expect(abs(Double(changed) / 4000 - ResponseExport.changeShare) < 0.03, "\(changed) of 4000")
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

    @Test func anExportToADeviceWritesIntoItAndLeavesTheDeviceInPlace() throws {
        // `-o /dev/null` once renamed a finished file over the device, which broke the machine.
        let file = try ExportFile(path: "/dev/null")
        try file.write("thrown away")
        try file.write(Data([1, 2, 3]))
        try file.finish()
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "/dev").allSatisfy { !$0.hasSuffix(".part") })
    }
}

/// Bundles from several kiosks, merged and suppressed after merging.
@Suite struct BundleTests {
    @Test func mergingBundlesEqualsSummarizingAllTheData() throws {
        let first = try SessionHarness()
        let second = try SessionHarness()
        for (count, answers, site) in [(12, ExportTests.woman, "Norr"), (3, ExportTests.man, "Norr")] {
            try ExportTests.store(count, answers, in: first.store, site: site)
        }
        for (count, answers, site) in [(4, ExportTests.man, "Syd"), (2, ExportTests.woman, "Syd")] {
            try ExportTests.store(count, answers, in: second.store, site: site)
        }
        let form = try shippedForm("hark")
        let bundles = [
            (name: "a.json", bundle: try AggregateBundle.make(store: first.store, formIDs: nil, day: testDay)),
            (name: "b.json", bundle: try AggregateBundle.make(store: second.store, formIDs: nil, day: testDay)),
        ]
        for options in [SummaryOptions(), SummaryOptions(groupBy: [.site]), SummaryOptions(groupBy: [.period(.quarter)], minimumCell: 3)] {
            let merged = SummaryReport(form: form, language: .swedish, options: options, counts: try AggregateBundle.merge(bundles, form: form, options: options))
            // The same interviews in one store: their counts and cell keys add up, so the noise is the same.
            var together = try first.store.groupedCounts(formID: form.id, options: options)
            for (key, counts) in try second.store.groupedCounts(formID: form.id, options: options) { together[key, default: GroupCounts()].add(counts) }
            let direct = SummaryReport(form: form, language: .swedish, options: options, counts: together)
            #expect(merged == direct, "\(options.groupBy)")
        }
        let merged = SummaryReport(form: form, language: .swedish, options: SummaryOptions(), counts: try AggregateBundle.merge(bundles, form: form, options: SummaryOptions()))
        let men = try #require(merged.groups.first?.interviews.table.columnTotals[1].value)
        #expect(abs(men - 7) <= 2 && men >= 3, "the 3 and 4 men of the two kiosks, merged: about 7")
    }

    @Test func aBundleGivenTwiceIsRefused() throws {
        let harness = try SessionHarness()
        try ExportTests.store(5, ExportTests.woman, in: harness.store)
        let bundle = try AggregateBundle.make(store: harness.store, formIDs: nil, day: testDay)
        #expect(throws: AggregateBundle.Problem.self) {
            _ = try AggregateBundle.merge([("a", bundle), ("copy", bundle)], form: try shippedForm("hark"), options: SummaryOptions())
        }
    }

    @Test func theSameKiosksDataUnderANewBundleIdIsRefused() throws {
        let harness = try SessionHarness()
        try ExportTests.store(5, ExportTests.woman, in: harness.store)
        let bundle = try AggregateBundle.make(store: harness.store, formIDs: nil, day: testDay)
        var copy = bundle
        copy.id = UUID().uuidString
        #expect {
            _ = try AggregateBundle.merge([("a", bundle), ("b", copy)], form: try shippedForm("hark"), options: SummaryOptions())
        } throws: { error in
            (error as? AggregateBundle.Problem)?.message.contains("come from the same kiosk") == true
        }
    }

    @Test func negativeOrInconsistentCountsAreRefused() throws {
        let harness = try SessionHarness()
        try ExportTests.store(5, ExportTests.woman, in: harness.store)
        let bundle = try AggregateBundle.make(store: harness.store, formIDs: nil, day: testDay)
        let form = try shippedForm("hark")
        let index = try #require(bundle.forms[0].groups.firstIndex { !$0.counts.interviews.isEmpty })
        var negative = bundle
        negative.forms[0].groups[index].counts.answers["afraid", default: [:]]["yes", default: [:]]["man"] = Tally(count: -3, key: 0)
        #expect { _ = try AggregateBundle.merge([("neg", negative)], form: form, options: SummaryOptions()) } throws: { error in
            (error as? AggregateBundle.Problem)?.message.contains("negative count") == true
        }
        var inflated = bundle
        inflated.forms[0].groups[index].counts.answers["afraid", default: [:]]["yes", default: [:]]["kvinna"] = Tally(count: 40, key: 0)
        #expect { _ = try AggregateBundle.merge([("big", inflated)], form: form, options: SummaryOptions()) } throws: { error in
            (error as? AggregateBundle.Problem)?.message.contains("more answers than there were interviews") == true
        }
    }

    @Test func aBundleIsSealedAndOnlyItsPassphraseOpensIt() throws {
        let harness = try SessionHarness()
        try ExportTests.store(5, ExportTests.woman, in: harness.store)
        let bundle = try AggregateBundle.make(store: harness.store, formIDs: nil, day: testDay)
        let sealed = try bundle.sealed(passphrase: "en lång gemensam fras")
        #expect(!String(decoding: sealed, as: UTF8.self).contains("kvinna"), "nothing readable inside")
        let temp = try TemporaryDirectory()
        let url = temp.url.appendingPathComponent("a.bundle")
        try sealed.write(to: url)
        #expect(try AggregateBundle.read(url, passphrase: "en lång gemensam fras").forms.count == 1)
        #expect(throws: AggregateBundle.Problem.self) { try AggregateBundle.read(url, passphrase: "fel lång fras här") }
        var tampered = sealed
        tampered[tampered.count / 2] ^= 0x01
        try tampered.write(to: url)
        #expect(throws: AggregateBundle.Problem.self) { try AggregateBundle.read(url, passphrase: "en lång gemensam fras") }
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
