import KioskTestSupport
import Foundation
import GRDB
import KioskCore
@testable import KioskStore
import Testing

/// Locks decide which in-progress interviews were left behind: never one another kiosk is conducting.
@Suite struct InterviewLockTests {
    init() { ShippedLanguages.install() }

    @Test func anInterviewBeingConductedIsNotOfferedToAnotherKiosk() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let conducting = try AnswerStore.open(directory: temp.dataDirectory)
        let other = try AnswerStore.open(directory: temp.dataDirectory)
        let id = try conducting.beginInterview(form: form, language: .swedish, site: nil, day: testDay)
        try conducting.save([.saved(questionID: "q1", answer: .choice("yes"))], interview: id, form: form)
        #expect(try other.orphanedInterviews().isEmpty)
        conducting.release(id)
        #expect(try other.orphanedInterviews().map(\.id) == [id])
        #expect(try conducting.orphanedInterviews().isEmpty, "the other kiosk now holds it")
    }

    @Test func aStoreClosedWithoutFinishingLeavesItsInterviewForResume() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        var id = ""
        do {
            let crashed = try AnswerStore.open(directory: temp.dataDirectory)
            id = try crashed.beginInterview(form: form, language: .swedish, site: nil, day: testDay)
        }
        let next = try AnswerStore.open(directory: temp.dataDirectory)
        #expect(try next.orphanedInterviews().map(\.id) == [id])
    }

    @Test func finishingAnInterviewRemovesItsLockFile() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let (id, _) = try storeCompletedInterview(store, form: form, answers: ["q1": .choice("no"), "who": .skipped, "level": .number(1), "gender": .declined])
        #expect(!FileManager.default.fileExists(atPath: store.lockPath(id)))
        let aborted = try store.beginInterview(form: form, language: .swedish, site: nil, day: testDay)
        #expect(FileManager.default.fileExists(atPath: store.lockPath(aborted)))
        try store.abort(interview: aborted, day: testDay)
        #expect(!FileManager.default.fileExists(atPath: store.lockPath(aborted)))
    }

    @Test func discardingDeletesTheInterviewAndNotesItInTheAuditLog() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let store = try AnswerStore.open(directory: temp.dataDirectory)
        let id = try store.beginInterview(form: form, language: .swedish, site: nil, day: testDay)
        try store.save([.saved(questionID: "q1", answer: .choice("yes"))], interview: id, form: form)
        store.release(id)
        let next = try AnswerStore.open(directory: temp.dataDirectory)
        #expect(try next.orphanedInterviews().count == 1)
        try next.discard(interview: id, day: testDay)
        #expect(try next.interview(id) == nil)
        #expect(try next.answers(of: id).isEmpty)
        let log = try next.auditLog()
        #expect(log.map(\.action) == ["interview_discarded"])
        #expect(log.first?.day == "2026-11-25")
        #expect(log.first?.detail == nil)
    }

    @Test func anInterviewHeldElsewhereCannotBeDiscarded() throws {
        let temp = try TemporaryDirectory()
        let form = try storeTestForm()
        let conducting = try AnswerStore.open(directory: temp.dataDirectory)
        let other = try AnswerStore.open(directory: temp.dataDirectory)
        let id = try conducting.beginInterview(form: form, language: .swedish, site: nil, day: testDay)
        #expect(throws: StoreError.notFound("the interview to discard")) { try other.discard(interview: id, day: testDay) }
        #expect(try other.interview(id) != nil)
    }
}
