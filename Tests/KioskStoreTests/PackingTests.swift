import Foundation
import Testing
@testable import KioskStore

/// An interview's answers and results packed into bytes read back exactly, stay small, and bytes that are
/// not a packed interview are refused rather than misread.
@Suite struct PackingTests {
    /// Words numbered in memory, as the term table numbers them in a database.
    struct Words: TermNumbering, TermReading {
        var numbers: [String: Int] = [:]
        var texts: [Int: String] = [:]

        mutating func number(_ text: String) throws -> Int {
            if let number = numbers[text] { return number }
            let number = numbers.count + 1
            numbers[text] = number
            texts[number] = text
            return number
        }

        func text(_ number: Int) -> String? { texts[number] }
    }

    @Test func everyKindOfAnswerReadsBackExactlyAndInOrder() throws {
        var words = Words()
        let rows = [
            AnswerRow(question: "q1", kind: "choice", value: "yes"),
            AnswerRow(question: "who", kind: "choice", value: "partner"),
            AnswerRow(question: "who", kind: "choice", value: "family"),
            AnswerRow(question: "level", kind: "number", value: "-12"),
            AnswerRow(question: "big", kind: "number", value: String(Int64.max)),
            AnswerRow(question: "small", kind: "number", value: String(Int64.min)),
            AnswerRow(question: "note", kind: "text", value: "Å ä ö — \u{1F600}\n\"x\""),
            AnswerRow(question: "empty", kind: "text", value: ""),
            AnswerRow(question: "q2", kind: "declined", value: ""),
            AnswerRow(question: "q3", kind: "dont_know", value: ""),
            AnswerRow(question: "q4", kind: "skipped", value: ""),
        ]
        let packed = try Packing.packAnswers(rows, terms: &words)
        #expect(try Packing.unpackAnswers(packed, terms: words) == rows)
        #expect(try Packing.unpackAnswers(Data(), terms: words).isEmpty)
    }

    @Test func scoresUnscoredScoresAndFiredRulesReadBack() throws {
        var words = Words()
        let results = InterviewResults(
            scores: [
                ScoreRow(id: "total", value: 7, answeredItems: 7, totalItems: 7, band: "some"),
                ScoreRow(id: "negative", value: -3, answeredItems: 2, totalItems: 4, band: nil),
                ScoreRow(id: "zero", value: 0, answeredItems: 1, totalItems: 1, band: "none"),
                ScoreRow(id: "unscored", value: nil, answeredItems: 0, totalItems: 5, band: nil),
            ],
            fired: ["subjected", "witnessed"])
        let packed = try Packing.packResults(results, terms: &words)
        #expect(try Packing.unpackResults(packed, terms: words) == results)
    }

    @Test func aSevenQuestionInterviewTakesAboutTwoBytesAnAnswer() throws {
        var words = Words()
        let rows = (1...10).map { AnswerRow(question: "q\($0)", kind: $0 % 4 == 0 ? "declined" : "choice", value: $0 % 4 == 0 ? "" : "yes") }
        #expect(try Packing.packAnswers(rows, terms: &words).count <= 20)
    }

    @Test func bytesThatAreNotAPackedInterviewAreRefused() throws {
        var words = Words()
        let packed = try Packing.packAnswers([AnswerRow(question: "note", kind: "text", value: "ett svar")], terms: &words)
        // Cut off in the middle of the text, an unknown word number, a number that never ends, an unknown kind.
        for damaged in [packed.prefix(packed.count - 2), Data([99, 0]), Data([1, 0xFF, 0xFF]), Data([1, 7])] {
            #expect(throws: PackingError.self) { try Packing.unpackAnswers(Data(damaged), terms: words) }
        }
        #expect(throws: PackingError.self) { try Packing.unpackResults(Data([1, 9]), terms: words) }
        #expect(throws: PackingError.self) {
            var words = Words()
            _ = try Packing.packAnswers([AnswerRow(question: "q", kind: "photo", value: "")], terms: &words)
        }
    }

    @Test func interviewKeysAreTheSixteenBytesOfTheUUIDAndReadBack() {
        let id = UUID().uuidString.lowercased()
        #expect(InterviewKey.key(id).count == 16)
        #expect(InterviewKey.id(InterviewKey.key(id)) == id)
        // Ids from before the kiosk used UUIDs are kept as they were.
        #expect(InterviewKey.id(InterviewKey.key("c1")) == "c1")
    }
}
