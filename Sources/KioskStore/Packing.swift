import Foundation

/// One stored answer row: a question, how it was answered (`choice`, `number`, `text`, `declined`,
/// `dont_know`, `skipped`) and the value (a choice code, a number, the text; empty for the others).
/// A multiple-choice answer is one row per picked choice.
public struct AnswerRow: Sendable, Hashable {
    public var question: String
    public var kind: String
    public var value: String

    public init(question: String, kind: String, value: String) {
        self.question = question
        self.kind = kind
        self.value = value
    }
}

/// One stored score of a completed interview (`value` and `band` nil when too few items were answered).
package struct ScoreRow: Sendable, Hashable {
    package var id: String
    package var value: Int?
    package var answeredItems: Int
    package var totalItems: Int
    package var band: String?

    package init(id: String, value: Int?, answeredItems: Int, totalItems: Int, band: String?) {
        self.id = id
        self.value = value
        self.answeredItems = answeredItems
        self.totalItems = totalItems
        self.band = band
    }
}

/// What a completed interview's answers led to: its scores and the referral rules they met.
package struct InterviewResults: Sendable, Hashable {
    package var scores: [ScoreRow] = []
    package var fired: [String] = []

    package init(scores: [ScoreRow] = [], fired: [String] = []) {
        self.scores = scores
        self.fired = fired
    }
}

/// The words a packed interview refers to by number (question, choice, score, band and rule ids), each
/// numbered once per database in the `term` table and never renumbered.
package protocol TermNumbering {
    /// The number of `text`, numbering it if it is new.
    mutating func number(_ text: String) throws -> Int
}

/// Reads the words back from their numbers.
package protocol TermReading {
    func text(_ number: Int) throws -> String?
}

/// A packed interview that cannot be read back: the file was damaged or written by a different program.
package struct PackingError: Error, Equatable {
    package var reason: String
}

/// The compact byte form of an interview's answers and results, one column each in the interview's row
/// (instead of a row per answer, score and rule): about two bytes per answer. Each entry is the question's
/// term number then one number holding the kind (low three bits) and its payload (a choice's term number,
/// a text's byte length followed by its UTF-8 bytes; a number follows zig-zag coded); numbers are LEB128 varints.
/// Self-describing through the term table, so it reads back without the form definition.
package enum Packing {
    private static let kinds = ["choice", "number", "text", "declined", "dont_know", "skipped"]

    package static func packAnswers<T: TermNumbering>(_ rows: [AnswerRow], terms: inout T) throws -> Data {
        var bytes = Data()
        for row in rows {
            guard let kind = kinds.firstIndex(of: row.kind) else { throw PackingError(reason: "unknown answer kind '\(row.kind)'") }
            appendVarint(UInt64(try terms.number(row.question)), to: &bytes)
            switch row.kind {
            case "choice":
                appendVarint(UInt64(try terms.number(row.value)) << 3 | UInt64(kind), to: &bytes)
            case "number":
                guard let n = Int64(row.value) else { throw PackingError(reason: "the number '\(row.value)' is not a whole number") }
                // The number follows as a varint of its own: every Int64 fits.
                appendVarint(UInt64(kind), to: &bytes)
                appendVarint(zigzag(n), to: &bytes)
            case "text":
                let utf8 = Array(row.value.utf8)
                appendVarint(UInt64(utf8.count) << 3 | UInt64(kind), to: &bytes)
                bytes.append(contentsOf: utf8)
            default:
                appendVarint(UInt64(kind), to: &bytes)
            }
        }
        return bytes
    }

    package static func unpackAnswers(_ data: Data, terms: some TermReading) throws -> [AnswerRow] {
        var reader = Reader(bytes: data)
        var rows: [AnswerRow] = []
        while !reader.isAtEnd {
            let question = try reader.term(terms)
            let tagged = try reader.varint()
            let kind = Int(tagged & 7), payload = tagged >> 3
            guard kind < kinds.count else { throw PackingError(reason: "unknown answer kind \(kind)") }
            switch kinds[kind] {
            case "choice": rows.append(AnswerRow(question: question, kind: "choice", value: try reader.term(terms, number: payload)))
            case "number": rows.append(AnswerRow(question: question, kind: "number", value: String(unzigzag(try reader.varint()))))
            case "text": rows.append(AnswerRow(question: question, kind: "text", value: try reader.text(length: payload)))
            default: rows.append(AnswerRow(question: question, kind: kinds[kind], value: ""))
            }
        }
        return rows
    }

    /// Scores as: score term, 1, value + 1 (0: unscored), answered items, total items, band term + 1 (0: none);
    /// fired rules as: rule term, 0.
    package static func packResults<T: TermNumbering>(_ results: InterviewResults, terms: inout T) throws -> Data {
        var bytes = Data()
        for score in results.scores {
            appendVarint(UInt64(try terms.number(score.id)), to: &bytes)
            appendVarint(1, to: &bytes)
            appendVarint(score.value.map { zigzag(Int64($0)) + 1 } ?? 0, to: &bytes)
            appendVarint(UInt64(max(0, score.answeredItems)), to: &bytes)
            appendVarint(UInt64(max(0, score.totalItems)), to: &bytes)
            appendVarint(try score.band.map { UInt64(try terms.number($0)) + 1 } ?? 0, to: &bytes)
        }
        for rule in results.fired {
            appendVarint(UInt64(try terms.number(rule)), to: &bytes)
            appendVarint(0, to: &bytes)
        }
        return bytes
    }

    package static func unpackResults(_ data: Data, terms: some TermReading) throws -> InterviewResults {
        var reader = Reader(bytes: data)
        var results = InterviewResults()
        while !reader.isAtEnd {
            let id = try reader.term(terms)
            switch try reader.varint() {
            case 0: results.fired.append(id)
            case 1:
                let value = try reader.varint()
                let answered = try reader.varint(), total = try reader.varint()
                let band = try reader.varint()
                results.scores.append(ScoreRow(
                    id: id, value: value == 0 ? nil : Int(unzigzag(value - 1)), answeredItems: Int(clamping: answered),
                    totalItems: Int(clamping: total), band: band == 0 ? nil : try reader.term(terms, number: band - 1)))
            case let tag: throw PackingError(reason: "unknown result kind \(tag)")
            }
        }
        return results
    }

    // MARK: Numbers

    static func appendVarint(_ value: UInt64, to bytes: inout Data) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    static func zigzag(_ n: Int64) -> UInt64 { UInt64(bitPattern: (n << 1) ^ (n >> 63)) }
    static func unzigzag(_ n: UInt64) -> Int64 { Int64(bitPattern: n >> 1) ^ -Int64(bitPattern: n & 1) }

    private struct Reader {
        let bytes: Data
        var offset: Int

        init(bytes: Data) {
            self.bytes = bytes
            offset = bytes.startIndex
        }

        var isAtEnd: Bool { offset >= bytes.endIndex }

        mutating func varint() throws -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard offset < bytes.endIndex, shift < 64 else { throw PackingError(reason: "a number is cut off or too long") }
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }

        mutating func term(_ terms: some TermReading) throws -> String {
            try term(terms, number: try varint())
        }

        func term(_ terms: some TermReading, number: UInt64) throws -> String {
            guard number <= UInt64(Int.max), let text = try terms.text(Int(number)) else {
                throw PackingError(reason: "word number \(number) is not in the term table")
            }
            return text
        }

        mutating func text(length: UInt64) throws -> String {
            guard length <= UInt64(bytes.endIndex - offset) else { throw PackingError(reason: "a text is cut off") }
            let end = offset + Int(length)
            defer { offset = end }
            return String(decoding: bytes[offset..<end], as: UTF8.self)
        }
    }
}
