import Foundation
import KioskTestSupport
import KioskApp
import KioskCore
import KioskStore
import Testing

/// A fresh folder, removed when done.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        ShippedLanguages.install()
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-app-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ text: String, to name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// The repository's shipped forms folder.
let shippedFormsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Questionnaires")

func shippedForm(_ id: String) throws -> Questionnaire {
    try FormCatalog.form(id, in: shippedFormsDirectory)
}

let testDay = Day(year: 2026, month: 11, day: 25)

/// An interview session on a scripted console over a real store in a temporary folder.
struct SessionHarness {
    let temp: TemporaryDirectory
    let store: AnswerStore

    init() throws {
        temp = try TemporaryDirectory()
        store = try AnswerStore.open(directory: temp.url.appendingPathComponent("data"))
    }

    func run(_ form: Questionnaire, _ console: ScriptedConsole, language: Language = .swedish) throws -> InterviewSession.Outcome {
        try InterviewSession(form: form, language: language, site: nil, console: console,
                             recorder: StoreRecorder(store: store), today: { testDay }).run()
    }

    /// The one stored interview (fails the test when there is not exactly one).
    func onlyInterview() throws -> InterviewRecord {
        let all = try store.interviews()
        #expect(all.count == 1, "\(all.count) interviews stored")
        return try #require(all.first)
    }
}

