import Foundation
import GRDB

/// The `term` table inside one transaction: numbers words as packed interviews need them. With `table`
/// "label": the site and organisation labels of interviews, numbered the same way in a table of their own
/// (so that a label no interview has any more can be deleted; a term is kept for good).
package struct DatabaseTerms: TermNumbering {
    let db: Database
    let table: String

    package init(db: Database, table: String = "term") {
        self.db = db
        self.table = table
    }

    package mutating func number(_ text: String) throws -> Int {
        if let number = try Int.fetchOne(db.cachedStatement(sql: "SELECT id FROM \(table) WHERE text = ?"), arguments: [text]) {
            return number
        }
        try db.cachedStatement(sql: "INSERT INTO \(table) (text) VALUES (?)").execute(arguments: [text])
        return Int(db.lastInsertedRowID)
    }
}

/// Every word of the `term` table, read once for a pass over many interviews (a few hundred words).
struct LoadedTerms: TermReading {
    private var texts: [Int: String] = [:]

    init(_ db: Database, table: String = "term") throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT id, text FROM \(table)")
        while let row = try rows.next() { texts[row[0]] = row[1] }
    }

    func text(_ number: Int) -> String? { texts[number] }
}

/// The words of one transaction that touches a single interview, looked up one at a time and kept for the
/// rest of the transaction: an answer's commit reads and writes a dozen words, not the whole table (which
/// holds every question, choice and rule id of every form used here). Lives only inside the transaction, so
/// a word it numbered is never remembered past a rollback.
final class TermLookup: TermReading, TermNumbering {
    private let db: Database
    private var texts: [Int: String] = [:]
    private var numbers: [String: Int] = [:]

    init(_ db: Database) {
        self.db = db
    }

    func text(_ number: Int) throws -> String? {
        if let text = texts[number] { return text }
        guard let text = try String.fetchOne(db.cachedStatement(sql: "SELECT text FROM term WHERE id = ?"), arguments: [number]) else {
            return nil
        }
        remember(text, number)
        return text
    }

    func number(_ text: String) throws -> Int {
        if let number = numbers[text] { return number }
        var terms = DatabaseTerms(db: db)
        let number = try terms.number(text)
        remember(text, number)
        return number
    }

    private func remember(_ text: String, _ number: Int) {
        texts[number] = text
        numbers[text] = number
    }
}

/// How an interview's id (a UUID as text, which the central server also keeps) is stored: its 16 bytes.
package enum InterviewKey {
    /// The stored key of `id`; an id that is not a UUID is kept as its UTF-8 bytes.
    package static func key(_ id: String) -> Data {
        guard let uuid = UUID(uuidString: id) else { return Data(id.utf8) }
        return withUnsafeBytes(of: uuid.uuid) { Data($0) }
    }

    /// The id of a stored key.
    package static func id(_ key: Data) -> String {
        guard key.count == 16 else { return String(decoding: key, as: UTF8.self) }
        let bytes = Array(key)
        let uuid = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        return uuid.uuidString.lowercased()
    }
}
