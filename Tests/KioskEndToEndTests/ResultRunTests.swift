import Foundation
import KioskStore
import Testing

/// Results staff cannot miss or misread, through the built binary.
@Suite(.serialized) struct ResultRunTests {
    /// A form where one yes raises one urgent and eight routine referrals, each with support lines.
    static let crowded: String = {
        var rules = ["  - {id: danger, when: q1 = yes, level: urgent, message: {sv: Fråga om säkerheten i dag.}, support: [akut, line]}"]
        for i in 1...8 {
            rules.append("  - {id: routine-\(i), when: q1 = yes, level: routine, message: {sv: Följ upp del \(i) av uppföljningen inom en vecka.}, support: [line]}")
        }
        return """
            id: crowded
            title: Många hänvisningar
            languages: [sv]
            questions:
              - {id: q1, type: yes_no, text: Har något hänt?}
            support:
              - {id: akut, text: "Vid akut fara: ring 112."}
              - {id: line, text: "En stödlinje med ett långt namn och ett telefonnummer 020-00 00 00."}
            referrals:
            \(rules.joined(separator: "\n"))
            """
    }()

    @Test func onAnEightyByTwentyFourTerminalTheUrgentReferralIsVisibleAtThePrompt() throws {
        let scratch = try Scratch()
        let forms = scratch.path("forms")
        try FileManager.default.createDirectory(atPath: forms, withIntermediateDirectories: true)
        try Self.crowded.write(toFile: forms + "/crowded.yaml", atomically: true, encoding: .utf8)
        let terminal = try PseudoTerminal(["interview", "crowded"], in: scratch, environment: ["KIOSK_FORMS_DIR": forms], rows: 24, columns: 80)
        try terminal.expect("Tryck Enter för att börja.")
        terminal.line("")
        try terminal.expect("Svar: ")
        terminal.line("ja")
        try terminal.expect("Nummer eller Enter: ")
        terminal.line("")
        try terminal.expect("Enter: ")
        let screen = terminal.visibleScreen(rows: 24, columns: 80).joined(separator: "\n")
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        let urgent = try #require(try store.referrals().first { $0.level == .urgent })
        #expect(screen.contains("BRÅDSKANDE \(urgent.displayCode) (danger) · Vid akut fara: ring 112."), "\(screen)")
        terminal.line("")
    }

    @Test func closingAClosedReferralIsRefusedAndSaysHowItWasClosed() throws {
        let scratch = try Scratch()
        let hark = ["", "nej", "ja", "nej", "nej", "kvinna", "", ""].joined(separator: "\n") + "\n"
        #expect(try runKiosk(["interview", "hark"], input: hark, in: scratch).status == 0)
        let list = try runKiosk(["referrals", "--lang", "en"], in: scratch)
        let code = try #require(list.stdout.firstMatch(of: /([0-9A-Z]{4}-[0-9A-Z]{4})/)?.1)
        #expect(try runKiosk(["referrals", "close", String(code), "--outcome", "not-reached"], in: scratch).status == 0)
        let again = try runKiosk(["referrals", "close", String(code), "--outcome", "guided-to-support", "--lang", "en"], in: scratch)
        #expect(again.status == 1)
        #expect(again.stderr.contains("referral \(code) is already closed (could not be reached, on "), "\(again.stderr)")
        #expect(again.stderr.contains("first run 'kiosk referrals reopen \(code)'"))
        let closed = try runKiosk(["referrals", "list", "--status", "closed", "--lang", "en"], in: scratch)
        #expect(closed.stdout.contains("could not be reached"))
    }

    @Test func inputThatEndsMidInterviewStillRaisesWhatTheAnswersDecided() throws {
        let scratch = try Scratch()
        let run = try runKiosk(["interview", "hark"], input: "\nnej\nja\n", in: scratch)
        #expect(run.status == 1)
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        let raised = try store.referrals()
        #expect(Set(raised.map(\.ruleID)) == ["afraid-now", "positive-screen"])
        #expect(raised.allSatisfy { $0.origin == .unfinished })
        for referral in raised { #expect(run.stdout.contains(referral.displayCode), "staff see the codes before the kiosk moves on") }
        let list = try runKiosk(["referrals"], in: scratch)
        #expect(list.stdout.contains("oavslutad intervju"))
        let summary = try runKiosk(["summary", "hark", "--min-cell", "3"], in: scratch)
        #expect(summary.stdout.contains("Inga genomförda intervjuer"), "summaries count only completed interviews")
    }
}
