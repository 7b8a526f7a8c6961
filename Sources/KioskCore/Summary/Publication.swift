/// A table of counts before publication: rows (answers, rules, score bands …) by gender columns, each
/// count with its cell key.
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
    public var counts: [[Tally]]
    /// The base of each column: the completed interviews of that gender.
    public var columnTotals: [Tally]
    /// Whether every interview falls in exactly one row, so a column's counts add up to its total
    /// (not so for multiple choice, or a list of referral rules).
    public var rowsAddUp: Bool

    public init(rows: [Heading], columns: [Heading], counts: [[Tally]], columnTotals: [Tally], rowsAddUp: Bool) {
        self.rows = rows
        self.columns = columns
        self.counts = counts
        self.columnTotals = columnTotals
        self.rowsAddUp = rowsAddUp
    }

    /// Each row's interviews over all columns (the columns are disjoint groups of interviews).
    public var rowTotals: [Tally] { counts.map { $0.total() } }
    public var grandTotal: Tally { columnTotals.total() }
}

/// One published number: a count (perturbed by the Cell Key Method), or nothing of a section with
/// fewer than the minimum of interviews.
public enum PublishedCount: Sendable, Hashable, Codable {
    case count(Int)
    case belowMinimum

    /// The number, when published.
    public var value: Int? {
        if case .count(let n) = self { return n }
        return nil
    }

    /// As printed: the number, or "<K".
    public func text(minimum: Int) -> String {
        switch self {
        case .count(let n): return String(n)
        case .belowMinimum: return "<\(minimum)"
        }
    }

    /// In JSON: the number, or the string `below_minimum`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let n = try? container.decode(Int.self) {
            self = .count(n)
            return
        }
        let text = try container.decode(String.self)
        guard text == "below_minimum" else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a published count: \(text)")
        }
        self = .belowMinimum
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .count(let n): try container.encode(n)
        case .belowMinimum: try container.encode("below_minimum")
        }
    }
}

/// A table as it may be published: every count perturbed, its parts not necessarily adding up.
public struct PublishedTable: Sendable, Hashable, Codable {
    public var rows: [CountTable.Heading]
    public var columns: [CountTable.Heading]
    public var cells: [[PublishedCount]]
    public var rowTotals: [PublishedCount]
    public var columnTotals: [PublishedCount]
    public var grandTotal: PublishedCount
    /// Whether each interview is in exactly one row (true for a single-choice question or a score);
    /// the published parts still need not add up, since every number is perturbed on its own.
    public var rowsAddUp: Bool

    public init(rows: [CountTable.Heading], columns: [CountTable.Heading], cells: [[PublishedCount]], rowTotals: [PublishedCount],
                columnTotals: [PublishedCount], grandTotal: PublishedCount, rowsAddUp: Bool) {
        self.rows = rows
        self.columns = columns
        self.cells = cells
        self.rowTotals = rowTotals
        self.columnTotals = columnTotals
        self.grandTotal = grandTotal
        self.rowsAddUp = rowsAddUp
    }

    /// A cell's share of its column's interviews (both as published), when both are published.
    public func share(row: Int, column: Int) -> Double? {
        guard let count = cells[row][column].value, let base = columnTotals[column].value, base > 0 else { return nil }
        return min(1, Double(count) / Double(base))
    }

    /// A row total's share of all interviews, when both are published.
    public func totalShare(row: Int) -> Double? {
        guard let count = rowTotals[row].value, let base = grandTotal.value, base > 0 else { return nil }
        return min(1, Double(count) / Double(base))
    }

    enum CodingKeys: String, CodingKey {
        case rows, columns, cells
        case rowTotals = "row_totals"
        case columnTotals = "column_totals"
        case grandTotal = "grand_total"
        case rowsAddUp = "rows_add_up"
    }
}

/// How figures are published: every count and total perturbed by the Cell Key Method, and nothing at
/// all of a section whose (published) number of interviews is below the minimum K.
public enum Publication {
    /// The smallest minimum allowed.
    public static let lowestMinimum = 3
    /// The default minimum: sections, row-export groups and the difference between two releases must
    /// have at least this many interviews.
    public static let defaultMinimum = 5

    /// How many times a section is drawn before it is withheld for want of a draw that reveals nothing.
    public static let draws = 32

    /// `table` with every number perturbed, in draw `round` (0 unless an earlier draw of its section
    /// would have let a reader work out a small count; see `TableAudit`). The grand total — whether the
    /// section is shown at all — is always the first draw's.
    public static func publish(_ table: CountTable, method: CellKeyMethod, round: Int = 0) -> PublishedTable {
        let grand = table.grandTotal
        // The same interviews give the same number wherever they appear in the section.
        func draw(_ tally: Tally) -> PublishedCount { .count(method.publish(tally, round: tally == grand ? 0 : round)) }
        return PublishedTable(
            rows: table.rows, columns: table.columns,
            cells: table.counts.map { $0.map(draw) },
            rowTotals: table.rowTotals.map(draw),
            columnTotals: table.columnTotals.map(draw),
            grandTotal: draw(grand),
            rowsAddUp: table.rowsAddUp)
    }

    /// `table` with nothing shown: its section has too few interviews.
    public static func withheld(_ table: CountTable) -> PublishedTable {
        PublishedTable(
            rows: table.rows, columns: table.columns,
            cells: table.counts.map { $0.map { _ in .belowMinimum } },
            rowTotals: table.rows.map { _ in .belowMinimum },
            columnTotals: table.columns.map { _ in .belowMinimum },
            grandTotal: .belowMinimum, rowsAddUp: table.rowsAddUp)
    }
}
