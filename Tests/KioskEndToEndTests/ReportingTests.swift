import Foundation
import KioskCore
import KioskStore
import SwiftCSV
import Testing

/// Whether a headless Chromium is installed here (Debian's `chromium`).
let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// Referral follow-up, summaries, exports and bundles from the real binary.
@Suite(.serialized) struct ReportingTests {
    /// HARK interviews: 12 women (positive screen), 9 men (negative), as piped input.
    static let script: String = {
        let woman = ["", "ja", "nej", "-", "nej", "kvinna", "", ""]
        let man = ["", "nej", "nej", "nej", "*", "man", "", ""]
        return (Array(repeating: woman, count: 12) + Array(repeating: man, count: 9)).flatMap { $0 }.joined(separator: "\n") + "\n"
    }()

    func filled() throws -> Scratch {
        let scratch = try Scratch()
        let run = try runKiosk(["interview", "hark", "--site", "Norr"], input: Self.script, in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        return scratch
    }

    @Test func referralsAreShownClosedAndReopenedByCode() throws {
        let scratch = try filled()
        let list = try runKiosk(["referrals", "--json"], in: scratch)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 12)
        let code = try #require(items.first?["code"] as? String)
        let show = try runKiosk(["referrals", "show", code.lowercased(), "--lang", "en"], in: scratch)
        #expect(show.status == 0)
        #expect(show.stdout.contains("Positive HARK screen."))
        #expect(show.stdout.contains("Status  open"))
        // One character mistyped: the check character catches it.
        var typo = Array(code)
        typo[0] = typo[0] == "A" ? "B" : "A"
        let wrong = try runKiosk(["referrals", "close", String(typo), "--outcome", "declined"], in: scratch)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("ett tecken är troligen felskrivet"))
        let badOutcome = try runKiosk(["referrals", "close", code, "--outcome", "went home"], in: scratch)
        #expect(badOutcome.status == 64)
        #expect(badOutcome.stderr.contains("no free text"))
        let close = try runKiosk(["referrals", "close", code, "--outcome", "guided-to-support"], in: scratch)
        #expect(close.status == 0, "\(close.stderr)")
        #expect(close.stdout.hasPrefix("Hänvisning \(code) är avslutad: "), "\(close.stdout)")
        #expect(try runKiosk(["referrals"], in: scratch).stdout.split(separator: "\n").count == 12, "header and 11 open")
        let closed = try runKiosk(["referrals", "list", "--status", "closed"], in: scratch)
        #expect(closed.stdout.hasPrefix("KOD"))
        #expect(closed.stdout.contains("UTFALL"))
        #expect(closed.stdout.contains(code) && closed.stdout.contains("lotsad vidare till stöd"), "the outcome in words: \(closed.stdout)")
        #expect(try runKiosk(["referrals", "reopen", code], in: scratch).status == 0)
        let audit = try runKiosk(["audit"], in: scratch)
        #expect(audit.stdout.contains("referral_closed") && audit.stdout.contains("\(code) guided-to-support"))
        #expect(audit.stdout.contains("referral_reopened"))
    }

    @Test func summaryExportsAreWrittenInEveryFormatAndAudited() throws {
        let scratch = try filled()
        for (format, extra) in [("csv", []), ("csv", ["--excel"]), ("json", []), ("html", [])] {
            let path = scratch.path("summary-\(format)\(extra.isEmpty ? "" : "-excel")")
            let run = try runKiosk(["export", "summary", "hark", "--format", format, "-o", path] + extra, in: scratch)
            #expect(run.status == 0, "\(run.stderr)")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("hark"))
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        let excel = try String(contentsOfFile: scratch.path("summary-csv-excel"), encoding: .utf8)
        let parsed = try CSV<Named>(string: String(excel.dropFirst()).replacingOccurrences(of: "\r\n", with: "\n"), delimiter: .semicolon)
        let share = try #require(parsed.rows.first { $0["table"] == "humiliated" && $0["row"] == "yes" && $0["gender"] == "total" }?["share"])
        #expect(share.contains(",") && !share.contains("."), "a decimal comma: \(share)")
        let json = try JSONDecoder().decode(SummaryReport.self, from: Data(contentsOf: URL(fileURLWithPath: scratch.path("summary-json"))))
        #expect(json.schema == "kiosk-summary" && json.version == 3)
        let audit = try runKiosk(["audit"], in: scratch)
        #expect(audit.stdout.components(separatedBy: "export_made").count - 1 == 4)
        let bad = try runKiosk(["export", "summary", "hark", "--format", "pdf", "-o", "x"], in: scratch)
        #expect(bad.status == 64)
        let low = try runKiosk(["summary", "hark", "--min-cell", "2"], in: scratch)
        #expect(low.status == 64 && low.stderr.contains("at least 3"))
    }

    @Test func theTerminalSummarySplitsBySiteAndPeriod() throws {
        let scratch = try filled()
        let run = try runKiosk(["summary", "hark", "--by", "site", "quarter"], in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("== Norr · \(SummaryDimension.period(.quarter, of: Month(Day(Day.todayForTests)!))) =="))
        let empty = try runKiosk(["summary", "hark", "--from", "1999-01", "--to", "1999-12"], in: scratch)
        #expect(empty.stdout.contains("Period: 1999-01–1999-12."))
        #expect(empty.stdout.contains("Inga genomförda intervjuer under perioden."))
    }

    @Test func rowExportsAreAnonymousAndRefusedWhenTooFine() throws {
        let scratch = try filled()
        let path = scratch.path("rows.csv")
        let run = try runKiosk(["export", "responses", "hark", "--format", "csv", "-o", path], in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("Skrev 21 rader till \(path); uppdelning: kön"), "\(run.stderr)")
        let english = try runKiosk(["export", "responses", "hark", "--format", "csv", "-o", path, "--lang", "en"], in: scratch)
        #expect(english.stderr.contains("Wrote 21 rows"), "\(english.stderr)")
        let csv = try CSV<Named>(url: URL(fileURLWithPath: path), delimiter: .comma)
        #expect(csv.rows.count == 21)
        #expect(csv.header == ["row_id", "gender", "site", "quarter", "humiliated", "afraid", "raped", "kicked", "score_hark"])
        let strict = try runKiosk(["export", "responses", "hark", "--format", "json", "-o", scratch.path("rows.json"), "--min-cell", "10"], in: scratch)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("fewer than 10 completed interviews have the gender 'man'"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("rows.json")))
    }

    @Test func bundlesFromTwoKiosksMergeIntoTheSummaryOfBoth() throws {
        let first = try Scratch()
        let second = try Scratch()
        let coordinator = try Scratch()
        let woman = ["", "ja", "nej", "-", "nej", "kvinna", "", ""]
        let man = ["", "nej", "nej", "nej", "*", "man", "", ""]
        func script(_ parts: [[String]]) -> String { parts.flatMap { $0 }.joined(separator: "\n") + "\n" }
        let a = script(Array(repeating: woman, count: 6) + Array(repeating: man, count: 3))
        let b = script(Array(repeating: woman, count: 2) + Array(repeating: man, count: 4))
        #expect(try runKiosk(["interview", "hark", "--site", "Norr"], input: a, in: first).status == 0)
        #expect(try runKiosk(["interview", "hark", "--site", "Syd"], input: b, in: second).status == 0)
        let bundleA = first.path("a.bundle")
        let bundleB = second.path("b.bundle")
        let phrase = "vår gemensamma paketfras\nvår gemensamma paketfras\n"
        #expect(try runKiosk(["export", "bundle", "-o", bundleA], input: phrase, in: first).status == 0)
        #expect(try runKiosk(["export", "bundle", "-o", bundleB], input: phrase, in: second).status == 0)
        #expect(!(try String(contentsOfFile: bundleA, encoding: .utf8)).contains("Norr"), "a bundle is sealed")
        let merged = try runKiosk(["summary", "hark", "--json", "--merge", bundleA, bundleB, "--by", "site"], input: "vår gemensamma paketfras\n", in: coordinator)
        #expect(merged.status == 0, "\(merged.stderr)")
        let report = try JSONDecoder().decode(SummaryReport.self, from: Data(merged.stdout.utf8))
        #expect(report.groups.map(\.label) == ["Norr", "Syd"])
        let norr = try #require(report.groups.first?.interviews.table.grandTotal.value)
        #expect(abs(norr - 9) <= 2)
        let again = try runKiosk(["summary", "hark", "--json", "--merge", bundleA, bundleB, "--by", "site"], input: "vår gemensamma paketfras\n", in: coordinator)
        #expect(again.stdout == merged.stdout, "the same interviews give the same numbers")
        let twice = try runKiosk(["summary", "hark", "--merge", bundleA, bundleA], input: "vår gemensamma paketfras\n", in: coordinator)
        #expect(twice.status == 1 && twice.stderr.contains("the same bundle"), "\(twice.stderr)")
        let wrong = try runKiosk(["summary", "hark", "--merge", bundleA], input: "fel fras som är lång\n", in: coordinator)
        #expect(wrong.status == 1 && wrong.stderr.contains("the bundle passphrase is wrong"))
    }

    @Test(.enabled(if: chromium != nil, "needs Debian's chromium (Scripts/render-html.sh installs it)"))
    func theHTMLSummaryRendersInARealBrowser() throws {
        let scratch = try filled()
        let html = scratch.path("summary.html")
        #expect(try runKiosk(["export", "summary", "hark", "--format", "html", "-o", html], in: scratch).status == 0)
        let pdf = scratch.path("summary.pdf")
        let png = scratch.path("summary.png")
        let browser = try #require(chromium)
        for arguments in [["--print-to-pdf=\(pdf)"], ["--screenshot=\(png)", "--window-size=1100,1600"]] {
            let result = try runProgram(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer"] + arguments + ["file://\(html)"],
                                        in: scratch, timeout: 90)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let pdfData = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(pdfData.prefix(5) == Data("%PDF-".utf8))
        #expect(pdfData.count > 10_000)
        let pngData = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(pngData.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(pngData.count > 20_000, "a page with tables and charts, not a blank one")
    }
}
