import Foundation
import GRDB
import KioskCore
@testable import KioskStore
import Testing

/// A fresh data directory under the system's temporary folder, removed when done.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var dataDirectory: URL { url.appendingPathComponent("data") }
    var databasePath: String { dataDirectory.appendingPathComponent(AnswerStore.fileName).path }
}

/// A small form with a gender breakdown, a multiple choice, a scale and a referral rule.
func storeTestForm() throws -> Questionnaire {
    let loaded = QuestionnaireLoader.load(yaml: """
        id: store-test
        title: {sv: T, en: T}
        languages: [sv, en]
        questions:
          - {id: q1, type: yes_no, text: {sv: a, en: a}}
          - {id: q2, type: yes_no, text: {sv: b, en: b}, show_if: q1 = yes}
          - id: who
            type: multiple_choice
            required: false
            text: {sv: c, en: c}
            choices:
              - {code: partner, text: {sv: P, en: P}}
              - {code: family, text: {sv: F, en: F}}
          - {id: level, type: scale, min: 1, max: 5, text: {sv: d, en: d}}
          - id: gender
            type: single_choice
            breakdown: gender
            text: {sv: Kön, en: Gender}
            choices:
              - {code: kvinna, text: {sv: Kvinna, en: Woman}}
              - {code: man, text: {sv: Man, en: Man}}
              - {code: annan, text: {sv: Annat, en: Other}}
        scores:
          - {id: total, label: {sv: S, en: S}, sum: [q1, q2, level]}
        referrals:
          - {id: flag, when: q1 = yes, level: urgent, message: {sv: m, en: m}}
        examples:
          - {name: flags, answers: {q1: yes, q2: no}, expect: {referrals: [flag]}}
        """, file: "store-test.yaml")
    #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics)")
    return try #require(loaded.questionnaire)
}

let testDay = Day(year: 2026, month: 11, day: 25)

/// Stores a whole interview with these answers and completes it.
@discardableResult
func storeCompletedInterview(_ store: AnswerStore, form: Questionnaire, answers: Answers) throws -> (id: String, referrals: [IssuedReferral]) {
    let id = try store.beginInterview(form: form, language: .swedish, site: "Testby", day: testDay)
    let changes = answers.keys.sorted().map { Interview.AnswerChange.saved(questionID: $0, answer: answers[$0]!) }
    try store.save(changes, interview: id, form: form)
    let referrals = try store.complete(interview: id, assessment: form.assess(answers), form: form, day: testDay)
    return (id, referrals)
}
