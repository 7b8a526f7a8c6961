/// A spreadsheet as the form converters see it: named sheets of rows of text cells. The `.xlsx`,
/// CSV and markdown adapters read into it and write from it; the converters never touch a file.
public struct Workbook: Hashable, Sendable {
    public var sheets: [Sheet]

    public init(_ sheets: [Sheet]) { self.sheets = sheets }

    /// The sheet named `name`, compared without case (Excel treats sheet names so).
    public func sheet(_ name: String) -> Sheet? {
        sheets.first { $0.name.lowercased() == name.lowercased() }
    }
}

/// One sheet: its rows, the first being the column headings. Row numbers are the spreadsheet's own
/// (1 = the headings), so a message can say `survey!12`.
public struct Sheet: Hashable, Sendable {
    public var name: String
    public var rows: [Row]

    public struct Row: Hashable, Sendable {
        /// The row's number in the spreadsheet (1-based).
        public var number: Int
        public var cells: [String]

        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }

        public var isBlank: Bool { cells.allSatisfy { $0.trimmingSpaces().isEmpty } }
    }

    public init(name: String, rows: [Row]) {
        self.name = name
        self.rows = rows
    }

    /// A sheet from plain rows, numbered from 1.
    public init(name: String, cells: [[String]]) {
        self.name = name
        self.rows = cells.enumerated().map { Row(number: $0.offset + 1, cells: $0.element) }
    }

    /// The column headings as written (the first row).
    public var headings: [String] { rows.first?.cells ?? [] }

    /// The rows under the headings that hold anything.
    public var records: [Record] {
        let columns = headings.map { String($0.trimmingSpaces()) }
        return rows.dropFirst().filter { !$0.isBlank }.map { Record(sheet: name, row: $0.number, columns: columns, cells: $0.cells) }
    }
}

/// One row under the headings, read by column name.
public struct Record: Sendable {
    public var sheet: String
    public var row: Int
    let columns: [String]
    let cells: [String]

    /// Where the row is, as spreadsheets write it: `survey!12`.
    public var place: String { "\(sheet)!\(row)" }

    /// The cell under the heading `column` (compared without case), trimmed; "" when there is none.
    public subscript(column: String) -> String {
        let wanted = column.lowercased()
        guard let index = columns.firstIndex(where: { $0.lowercased() == wanted }), index < cells.count else { return "" }
        return String(cells[index].trimmingSpaces())
    }

    /// Every heading with its cell as written (texts keep their spaces), for columns like `label::Svenska (sv)`.
    public var cellsByHeading: [(heading: String, value: String)] {
        columns.enumerated().map { ($0.element, $0.offset < cells.count ? cells[$0.offset] : "") }
    }
}
