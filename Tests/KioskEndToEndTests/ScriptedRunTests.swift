import Foundation
import KioskCore
import KioskStore
import Testing

/// The real binary with piped input: each line is what a person would type at the next prompt.
@Suite(.serialized) struct ScriptedRunTests {
    /// A full interview for each shipped form, ending with the Enter that clears the result screen.
    static let scripts: [String: [String]] = [
        "violence-seven": ["", "nej", "ja", "nej", "-", "ja", "nej", "*", "", "2", "a", "", ""],
        "hark": ["", "nej", "ja", "-", "nej", "kvinna", "", ""],
        "pvs": ["", "ja", "1,2", "nej", "nej", "2", "", ""],
        "audit-c": ["", "2", "c", "3", "2", "", ""],
        "participant-followup": ["", "6", "4", "5", "2", "1,2", "bra", "ja", "3", "b", "", ""],
    ]

    @Test(arguments: ["violence-seven", "hark", "pvs", "audit-c", "participant-followup"])
    func aScriptedInterviewRunsToTheEndForEveryShippedForm(formID: String) throws {
        let scratch = try Scratch()
        let lines = try #require(Self.scripts[formID])
        let result = try runKiosk(["interview", formID, "--site", "Testby"], input: lines.joined(separator: "\n") + "\n", in: scratch)
        #expect(result.status == 0, "\(result.stderr)\n\(result.stdout.suffix(2000))")
        #expect(result.stdout.contains("Svaren är sparade."))
        #expect(!result.stdout.contains("\u{1B}["), "no escape codes when output is not a terminal")
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        let interviews = try store.interviews()
        #expect(interviews.count == 1)
        #expect(interviews.first?.status == .complete)
        #expect(interviews.first?.site == "Testby")
        #expect(interviews.first?.formID == formID)
    }

    @Test func aParticipantWhoTypesEnAtTheStartAnswersInEnglishAndTheNextStartsInSwedish() throws {
        let scratch = try Scratch()
        // First participant: "en", then English answers; second participant: the Swedish script.
        let lines = ["en", "", "no", "yes", "-", "no", "woman", "", ""] + Self.scripts["hark"]!
        let run = try runKiosk(["interview", "hark"], input: lines.joined(separator: "\n") + "\n", in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Press Enter to start."))
        #expect(run.stdout.contains("Hänvisningskod: "), "the result for staff stays in the staff language")
        let second = try #require(run.stdout.range(of: "Tryck Enter för att rensa skärmen")).upperBound
        #expect(run.stdout[second...].contains("Tryck Enter för att börja."), "the next participant starts in Swedish")
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        #expect(try store.interviews(status: .complete).map(\.language).sorted() == ["en", "sv"])
    }

    @Test func theSevenQuestionsScriptRaisesBothReferralsAndListsThem() throws {
        let scratch = try Scratch()
        let lines = try #require(Self.scripts["violence-seven"])
        let run = try runKiosk(["interview", "violence-seven", "--lang", "en"], input: lines.joined(separator: "\n") + "\n", in: scratch)
        #expect(run.status == 0)
        #expect(run.stdout.contains("URGENT  Referral code: "))
        #expect(run.stdout.contains("Välj att sluta 020-555 666"))
        let table = try runKiosk(["referrals"], in: scratch)
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("KOD        FORMULÄR        REGEL"))
        #expect(table.stdout.contains("violence-seven  subjected"))
        #expect(table.stdout.contains("brådskande"))
        let english = try runKiosk(["referrals", "--lang", "en", "--status", "all"], in: scratch)
        #expect(english.stdout.hasPrefix("CODE       FORM            RULE"))
        #expect(english.stdout.contains("urgent") && english.stdout.contains("open"))
        let closed = try runKiosk(["referrals", "--status", "closed"], in: scratch)
        #expect(closed.stdout == "Inga avslutade hänvisningar.\n")
        let json = try runKiosk(["referrals", "--json"], in: scratch)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(items.map { $0["rule"] as? String }.sorted { ($0 ?? "") < ($1 ?? "") } == ["subjected", "used-violence"])
        for item in items {
            let code = try #require(item["code"] as? String)
            #expect(run.stdout.contains(code), "the code on the result screen is the stored one")
            #expect((try? ReferralCode.parse(code).get()) != nil)
            #expect(item["day"] as? String == Day.todayForTests)
        }
    }

    @Test func theSummaryCountsCompletedInterviewsByGender() throws {
        let scratch = try Scratch()
        let script = try #require(Self.scripts["hark"])
        let man = script.map { $0 == "kvinna" ? "man" : $0 }
        let input = (Array(repeating: script, count: 6) + Array(repeating: man, count: 2)).flatMap { $0 }.joined(separator: "\n") + "\n"
        let run = try runKiosk(["interview", "hark"], input: input, in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try runKiosk(["summary", "hark", "--json", "--min-cell", "3"], in: scratch)
        #expect(json.status == 0, "\(json.stderr)")
        let summary = try JSONDecoder().decode(SummaryReport.self, from: Data(json.stdout.utf8))
        #expect(summary.version == 3 && summary.method == "cell key")
        let group = try #require(summary.groups.first)
        // Six women and two men: every number is moved a little, and 1 and 2 are never published.
        let published = group.interviews.table.columnTotals.compactMap(\.value) + [group.interviews.table.grandTotal.value ?? -1]
        #expect(published.allSatisfy { $0 == 0 || $0 >= 3 }, "\(published)")
        #expect(abs((group.interviews.table.grandTotal.value ?? 0) - 8) <= 2)
        #expect(abs((group.interviews.table.columnTotals[0].value ?? 0) - 6) <= 2)
        let again = try runKiosk(["summary", "hark", "--json", "--min-cell", "3"], in: scratch)
        #expect(again.stdout == json.stdout, "the same interviews always give the same numbers")
        let text = try runKiosk(["summary", "hark", "--min-cell", "3"], in: scratch)
        #expect(text.stdout.contains("cellnyckelmetoden"), "the summary says what its numbers are")
    }

    @Test func inputEndingMidInterviewExitsWithAnErrorAndKeepsNoAnswers() throws {
        let scratch = try Scratch()
        let run = try runKiosk(["interview", "hark"], input: "\nja\nnej\n", in: scratch)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Indata tog slut innan intervjun var klar"))
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        let interview = try #require(try store.interviews().first)
        #expect(interview.status == .aborted)
        #expect(try store.answers(of: interview.id).isEmpty, "the referrals its answers decided are raised; the answers are deleted")
        #expect(try store.referrals().map(\.ruleID) == ["positive-screen"])
    }

    @Test func theMenuStartsWhenNoFormIsGiven() throws {
        let scratch = try Scratch()
        let run = try runKiosk([], input: "2\n\nn\nn\nn\nn\n2\n\n\nq\n", in: scratch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Välj formulär"))
        #expect(run.stdout.contains("HARK"))
        let store = try AnswerStore.open(directory: URL(fileURLWithPath: scratch.dataDir))
        #expect(try store.interviews(status: .complete).count == 1)
    }

    @Test func anUnknownFormOrLanguageIsAPlainError() throws {
        let scratch = try Scratch()
        let unknown = try runKiosk(["interview", "violence-7", "--lang", "en"], in: scratch)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("there is no form with the id 'violence-7'; did you mean 'violence-seven'?"))
        let language = try runKiosk(["interview", "hark", "--lang", "de"], in: scratch)
        #expect(language.status == 64)
        #expect(language.stderr.contains("--lang must be one of en, sv"), "\(language.stderr)")
    }

    @Test func aDataDirectoryThatCannotBeUsedIsOneClearSentence() throws {
        let scratch = try Scratch()
        let file = try scratch.write("not a folder", to: "file")
        let run = try runKiosk(["interview", "hark", "--data-dir", file], input: "\n", in: scratch)
        #expect(run.status == 1)
        #expect(run.stderr.contains("datamappen \(file) kan inte skapas"))
    }

    @Test func aMissingFormsFolderSaysWhereToLook() throws {
        let scratch = try Scratch()
        let run = try runKiosk(["forms", "list"], in: scratch, environment: ["KIOSK_FORMS_DIR": scratch.path("nowhere")])
        #expect(run.status == 1)
        #expect(run.stderr.contains("does not exist") && run.stderr.contains("--forms-dir"))
    }
}

extension Day {
    /// Today as the kiosk writes it, for comparing with what it stored.
    static var todayForTests: String {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!).description
    }
}
