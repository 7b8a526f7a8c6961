import Foundation
import KioskCore
@testable import KioskStore
import Testing

/// The counts summaries are built from: completed interviews only, by gender and the chosen splits.
@Suite struct CountsTests {
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
        #expect(counts.interviews == ["kvinna": 2, "man": 1, "declined": 1])
        #expect(counts.answers["q1"]?["no"] == ["kvinna": 2, "man": 1])
        #expect(counts.answers["q1"]?["yes"] == ["declined": 1])
        #expect(counts.answers["q2"]?["declined"] == ["declined": 1])
        #expect(counts.answers["who"]?["partner"] == ["kvinna": 2, "man": 1, "declined": 1])
        #expect(counts.asked["q2"] == ["declined": 1])
        #expect(counts.referrals["flag"] == ["declined": 1])
        #expect(counts.scores["total"]?["2"] == ["kvinna": 2, "man": 1])
        #expect(counts.scores["total"]?["3"] == ["declined": 1])
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
        let byMonth = try store.groupedCounts(formID: form.id, options: SummaryOptions(groupBy: [.period(.month)], from: Day(year: 2026, month: 4, day: 1)))
        #expect(byMonth.keys.sorted { $0.lexicographicallyPrecedes($1) } == [["2026-04"]])
        #expect(byMonth[["2026-04"]]?.interviews == ["man": 2])
        let sizes = try store.combinationSizes(formID: form.id, dimensions: [.site], from: nil, to: Day(year: 2026, month: 4, day: 10))
        #expect(sizes == [["man", "Norr"]: 2])
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
}
