import Foundation
import KioskCore
@testable import KioskStore
import Testing

/// The counts summaries are built from: completed interviews only, by gender.
@Suite struct CountsTests {
    @Test func countsCoverCompletedInterviewsOnlySplitByGender() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
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

        let counts = try store.counts(formID: form.id)
        #expect(counts.interviews == ["kvinna": 2, "man": 1, "declined": 1])
        #expect(counts.answers["q1"]?["no"] == ["kvinna": 2, "man": 1])
        #expect(counts.answers["q1"]?["yes"] == ["declined": 1])
        #expect(counts.answers["q2"]?["declined"] == ["declined": 1])
        #expect(counts.answers["who"]?["partner"] == ["kvinna": 2, "man": 1, "declined": 1])
        #expect(counts.asked["q2"] == ["declined": 1])
        #expect(counts.referrals["flag"] == ["declined": 1])
    }
}
