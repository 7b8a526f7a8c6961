/// A table of counts before publication: rows (answers, rules, score bands …) by gender columns.
public struct CountTable: Sendable, Hashable {
    /// A row or column heading: a stable key and a label for people.
    public struct Heading: Sendable, Hashable, Codable {
        public var key: String
        public var label: String

        public init(key: String, label: String) {
            self.key = key
            self.label = label
        }
    }

    public var rows: [Heading]
    public var columns: [Heading]
    /// `counts[row][column]`.
    public var counts: [[Int]]
    /// The base of each column: the completed interviews of that gender.
    public var columnTotals: [Int]
    /// Whether every interview falls in exactly one row, so a column's counts add up to its total
    /// (not so for multiple choice, or a list of referral rules).
    public var rowsAddUp: Bool

    public init(rows: [Heading], columns: [Heading], counts: [[Int]], columnTotals: [Int], rowsAddUp: Bool) {
        self.rows = rows
        self.columns = columns
        self.counts = counts
        self.columnTotals = columnTotals
        self.rowsAddUp = rowsAddUp
    }

    public var rowTotals: [Int] { counts.map { $0.reduce(0, +) } }
    public var grandTotal: Int { columnTotals.reduce(0, +) }
}

/// One published number: a count, a count below the minimum ("<K"), or a count hidden so that a small
/// one cannot be worked out from the totals ("..").
public enum PublishedCount: Sendable, Hashable, Codable {
    case count(Int)
    case belowMinimum
    case hidden

    /// The number, when published.
    public var value: Int? {
        if case .count(let n) = self { return n }
        return nil
    }

    /// As printed: the number, "<K" or "..".
    public func text(minimum: Int) -> String {
        switch self {
        case .count(let n): return String(n)
        case .belowMinimum: return "<\(minimum)"
        case .hidden: return ".."
        }
    }

    /// In JSON: the number, or the string `below_minimum` or `hidden`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let n = try? container.decode(Int.self) {
            self = .count(n)
            return
        }
        switch try container.decode(String.self) {
        case "below_minimum": self = .belowMinimum
        case "hidden": self = .hidden
        case let other:
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a published count: \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .count(let n): try container.encode(n)
        case .belowMinimum: try container.encode("below_minimum")
        case .hidden: try container.encode("hidden")
        }
    }
}

/// A table as it may be published: every count at least the minimum, or zero, or suppressed.
public struct PublishedTable: Sendable, Hashable, Codable {
    public var rows: [CountTable.Heading]
    public var columns: [CountTable.Heading]
    public var cells: [[PublishedCount]]
    public var rowTotals: [PublishedCount]
    public var columnTotals: [PublishedCount]
    public var grandTotal: PublishedCount
    public var rowsAddUp: Bool

    /// A cell's share of its column's interviews, when both are published.
    public func share(row: Int, column: Int) -> Double? {
        guard let count = cells[row][column].value, let base = columnTotals[column].value, base > 0 else { return nil }
        return Double(count) / Double(base)
    }

    /// A row total's share of all interviews, when both are published.
    public func totalShare(row: Int) -> Double? {
        guard let count = rowTotals[row].value, let base = grandTotal.value, base > 0 else { return nil }
        return Double(count) / Double(base)
    }

    enum CodingKeys: String, CodingKey {
        case rows, columns, cells
        case rowTotals = "row_totals"
        case columnTotals = "column_totals"
        case grandTotal = "grand_total"
        case rowsAddUp = "rows_add_up"
    }
}

/// Small-cell suppression with secondary suppression.
///
/// Method (documented in README, "Small counts"): every count from 1 to K−1 is replaced by "<K"
/// (primary suppression); zeros are shown. Then, for every sum a reader can form from the table — each
/// row with its total, each column with its total when the rows add up, and the column totals with the
/// grand total — no sum may have exactly one hidden member, or that member could be worked out by
/// subtraction. While one has, the smallest other count in that sum that is not yet hidden is hidden
/// too ("..", secondary suppression), preferring counts above zero. Column totals (interviews per
/// gender) are decided once for all tables of a summary, so the same base is never shown in one table
/// and hidden in another. The grand total is always shown unless it is itself below K, in which case
/// nothing of the table is shown.
public enum Suppression {
    /// The smallest minimum cell count allowed.
    public static let lowestMinimum = 3
    /// The default minimum cell count.
    public static let defaultMinimum = 5

    /// Which column totals (interviews per gender) to hide in every table: those below `minimum`, and
    /// another when only one would be hidden (it could be worked out from the grand total).
    public static func hiddenColumnTotals(_ totals: [Int], minimum: Int) -> Set<Int> {
        var hidden = Set(totals.indices.filter { totals[$0] > 0 && totals[$0] < minimum })
        if hidden.count == 1 {
            let candidates = totals.indices.filter { !hidden.contains($0) }
            if let next = candidates.min(by: { rank(totals[$0]) < rank(totals[$1]) }) { hidden.insert(next) }
        }
        return hidden
    }

    /// Publishes `table` with counts below `minimum` suppressed and enough others hidden that none can be
    /// recovered. `hiddenColumns` comes from ``hiddenColumnTotals(_:minimum:)`` of the summary.
    public static func publish(_ table: CountTable, minimum: Int, hiddenColumns: Set<Int>) -> PublishedTable {
        let rowCount = table.rows.count
        let columnCount = table.columns.count
        let grand = table.grandTotal
        if grand > 0 && grand < minimum {
            return PublishedTable(
                rows: table.rows, columns: table.columns,
                cells: Array(repeating: Array(repeating: .belowMinimum, count: columnCount), count: rowCount),
                rowTotals: Array(repeating: .belowMinimum, count: rowCount),
                columnTotals: Array(repeating: .belowMinimum, count: columnCount),
                grandTotal: .belowMinimum, rowsAddUp: table.rowsAddUp)
        }
        // Every published value gets an index: cells first, then row totals, then column totals.
        let rowTotals = table.rowTotals
        func cell(_ r: Int, _ c: Int) -> Int { r * columnCount + c }
        func rowTotal(_ r: Int) -> Int { rowCount * columnCount + r }
        func columnTotal(_ c: Int) -> Int { rowCount * columnCount + rowCount + c }
        var values = table.counts.flatMap { $0 } + rowTotals + table.columnTotals
        if values.count < columnTotal(columnCount) { values += Array(repeating: 0, count: columnTotal(columnCount) - values.count) }
        var primary = Set<Int>()
        for index in 0..<columnTotal(0) where values[index] > 0 && values[index] < minimum { primary.insert(index) }
        var hidden = primary
        for c in hiddenColumns where c < columnCount {
            hidden.insert(columnTotal(c))
            if values[columnTotal(c)] < minimum { primary.insert(columnTotal(c)) }
        }

        // The sums a reader can form; column totals may only be hidden by the summary-wide decision.
        var sums: [[Int]] = (0..<rowCount).map { r in (0..<columnCount).map { cell(r, $0) } + [rowTotal(r)] }
        if table.rowsAddUp {
            sums += (0..<columnCount).map { c in (0..<rowCount).map { cell($0, c) } + [columnTotal(c)] }
            sums.append((0..<rowCount).map(rowTotal))
        }
        let fixed = Set((0..<columnCount).map(columnTotal))
        var changed = true
        while changed {
            changed = false
            for sum in sums where sum.filter(hidden.contains).count == 1 {
                let candidates = sum.filter { !hidden.contains($0) && !fixed.contains($0) }
                guard let pick = candidates.min(by: { rank(values[$0]) < rank(values[$1]) }) else { continue }
                hidden.insert(pick)
                changed = true
            }
        }

        func published(_ index: Int) -> PublishedCount {
            if primary.contains(index) { return .belowMinimum }
            if hidden.contains(index) { return .hidden }
            return .count(values[index])
        }
        return PublishedTable(
            rows: table.rows, columns: table.columns,
            cells: (0..<rowCount).map { r in (0..<columnCount).map { published(cell(r, $0)) } },
            rowTotals: (0..<rowCount).map { published(rowTotal($0)) },
            columnTotals: (0..<columnCount).map { published(columnTotal($0)) },
            grandTotal: .count(grand), rowsAddUp: table.rowsAddUp)
    }

    /// Order of preference for a complementary suppression: the smallest count above zero first, zeros last.
    private static func rank(_ value: Int) -> Int { value == 0 ? Int.max : value }
}
