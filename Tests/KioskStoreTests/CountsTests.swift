import KioskTestSupport
import Foundation
import GRDB
import KioskCore
@testable import KioskStore
import Testing

/// The counts summaries are built from: completed interviews only, by gender and the chosen splits.
@Suite struct CountsTests {
    init() { ShippedLanguages.install() }

    func fill(_ store: AnswerStore, form: Questionnaire) throws {
        let base: Answers = ["q1": .choice("no"), "who": .choices(["partner", "family"]), "level": .number(2)]
        for gender in ["kvinna", "kvinna", "man"] {
            var answers = base
            answers["gender"] = .choice(gender)
            try storeCompletedInterview(store, form: form, answers: answers)
        }
        var flagged = base
        flagged["q1"] = .choice("yes")
        flagged["q2"] = .declined
        flagged["gender"] = .declined
        try storeCompletedInterview(store, form: form, answers: flagged)
        let unfinished = try store.beginInterview(form: form, language: .swedish, site: nil, day: testDay)
        try store.save([.saved(questionID: "q1", answer: .choice("yes")), .saved(questionID: "gender", answer: .choice("man"))], interview: unfinished, form: form)
    }

    @Test func countsCoverCompletedInterviewsOnlySplitByGender() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        try fill(store, form: form)
        let all = try store.groupedCounts(formID: form.id, options: SummaryOptions())
        #expect(Array(all.keys) == [[]])
        let counts = try #require(all[[]])
        #expect(counts.interviews.mapValues(\.count) == ["kvinna": 2, "man": 1, "declined": 1])
        #expect(counts.answers["q1"]?["no"]?.mapValues(\.count) == ["kvinna": 2, "man": 1])
        #expect(counts.answers["q1"]?["yes"]?.mapValues(\.count) == ["declined": 1])
        #expect(counts.answers["q2"]?["declined"]?.mapValues(\.count) == ["declined": 1])
        #expect(counts.answers["who"]?["partner"]?.mapValues(\.count) == ["kvinna": 2, "man": 1, "declined": 1])
        #expect(counts.asked["q2"]?.mapValues(\.count) == ["declined": 1])
        #expect(counts.referrals["flag"]?.mapValues(\.count) == ["declined": 1])
        #expect(counts.scores["total"]?["2"]?.mapValues(\.count) == ["kvinna": 2, "man": 1])
        #expect(counts.scores["total"]?["3"]?.mapValues(\.count) == ["declined": 1])
    }

    @Test func countsSplitBySiteAndPeriodAndKeepToTheDateRange() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let answers: Answers = ["q1": .choice("no"), "who": .skipped, "level": .number(1), "gender": .choice("man")]
        for (site, day) in [("Norr", Day(year: 2026, month: 1, day: 5)), ("Norr", Day(year: 2026, month: 4, day: 9)), ("Syd", Day(year: 2026, month: 4, day: 30))] {
            let id = try store.beginInterview(form: form, language: .swedish, site: site, day: day)
            try store.save(answers.keys.sorted().map { .saved(questionID: $0, answer: answers[$0]!) }, interview: id, form: form)
            _ = try store.complete(interview: id, assessment: form.assess(answers), form: form, day: day)
        }
        let bySiteAndQuarter = try store.groupedCounts(formID: form.id, options: SummaryOptions(groupBy: [.site, .period(.quarter)]))
        #expect(Set(bySiteAndQuarter.keys) == [["Norr", "2026-Q1"], ["Norr", "2026-Q2"], ["Syd", "2026-Q2"]])
        let byMonth = try store.groupedCounts(formID: form.id, options: SummaryOptions(groupBy: [.period(.month)], from: Month(year: 2026, month: 4)))
        #expect(byMonth.keys.sorted { $0.lexicographicallyPrecedes($1) } == [["2026-04"]])
        #expect(byMonth[["2026-04"]]?.interviews.mapValues(\.count) == ["man": 2])
        let sizes = try store.combinationSizes(formID: form.id, dimensions: [.site], from: nil, to: Month(year: 2026, month: 3))
        #expect(sizes == [["man", "Norr"]: 1])
    }

    @Test func rowsForExportComeInAFreshRandomOrder() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        for level in 1...5 {
            try storeCompletedInterview(store, form: form, answers: ["q1": .choice("no"), "who": .skipped, "level": .number(level), "gender": .choice("man")])
        }
        var orders: Set<[Int]> = []
        for _ in 0..<10 {
            var order: [Int] = []
            try store.forEachResponse(formID: form.id, from: nil, to: nil) { row in
                order.append(Int(row.answers["level"]?.first?.value ?? "") ?? 0)
                #expect(row.gender == "man")
                #expect(row.answers["who"]?.first?.kind == "skipped")
            }
            #expect(order.sorted() == [1, 2, 3, 4, 5])
            orders.insert(order)
        }
        #expect(orders.count > 1, "the order changes between exports")
    }

    @Test func keptCountsAgreeWithAnIndependentCountOfRandomInterviews() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        var random = SystemRandomNumberGenerator()
        let reserved: [Answer] = [.declined, .dontKnow]
        // The oracle: what the test itself stored, counted here answer by answer.
        var expected: [[String]: [String: [String: [String: Int]]]] = [:]
        var completed = 0
        for n in 0..<150 {
            var answers: Answers = [:]
            answers["q1"] = Bool.random(using: &random) ? .choice("yes") : (n % 9 == 0 ? reserved.randomElement()! : .choice("no"))
            if answers["q1"] == .choice("yes") { answers["q2"] = Bool.random() ? .choice("yes") : .declined }
            answers["who"] = [.choices(["partner"]), .choices(["partner", "family"]), .skipped, .declined].randomElement()!
            answers["level"] = n % 7 == 0 ? .dontKnow : .number(Int.random(in: 1...5))
            if n % 5 != 0 { answers["gender"] = [.choice("kvinna"), .choice("man"), .choice("annan"), .declined].randomElement()! }
            let day = Day(year: 2025 + n % 2, month: 1 + n % 12, day: 1 + n % 28)
            let site = ["Norr", "Syd", nil].randomElement()!
            let id = try store.beginInterview(form: form, language: .swedish, site: site, day: day)
            try store.save(answers.keys.sorted().map { .saved(questionID: $0, answer: answers[$0]!) }, interview: id, form: form)
            if n % 11 == 0 { continue }  // left in progress: never counted
            _ = try store.complete(interview: id, assessment: form.assess(answers), form: form, day: day)
            guard Month(day) >= Month(year: 2025, month: 3) else { continue }
            completed += 1
            let key = [site ?? "", "\(day.year)-Q\((day.month + 2) / 3)"]
            let gender: String = switch answers["gender"] {
            case .choice(let code)?: code
            case .declined?: Answer.declinedCode
            default: GroupCounts.notStated
            }
            for (question, answer) in answers {
                let values: [String] = switch answer {
                case .choice(let code): [code]
                case .choices(let codes): codes
                case .number(let n): [String(n)]
                case .declined: ["declined"]
                case .dontKnow: ["dont_know"]
                case .skipped: ["skipped"]
                case .text: []
                }
                for value in values { expected[key, default: [:]][question, default: [:]][value, default: [:]][gender, default: 0] += 1 }
            }
        }
        let options = SummaryOptions(groupBy: [.site, .period(.quarter)], from: Month(year: 2025, month: 3))
        let counts = try store.groupedCounts(formID: form.id, options: options, multipleChoice: ["who"])
        #expect(!expected.isEmpty)
        let found = counts.mapValues { $0.answers.mapValues { $0.mapValues { $0.mapValues(\.count) } } }
        #expect(found == expected)
        #expect(counts.values.reduce(0) { $0 + $1.interviews.values.map(\.count).reduce(0, +) } == completed)
        #expect(try store.recountedCounts(formID: form.id, options: options, multipleChoice: ["who"]) == counts)
    }
}
