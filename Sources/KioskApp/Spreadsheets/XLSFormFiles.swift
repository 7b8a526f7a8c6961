import Foundation
import KioskCore

/// XLSForm files as staff have them: an `.xlsx` workbook, or one of the text forms pyxform also reads —
/// CSV or a markdown table — where a row whose first cell names a sheet (`survey`, `choices`, …) starts
/// that sheet and the rows under it leave the first cell empty:
///
///     | survey |
///     |        | type    | name | label::English (en) |
///     |        | integer | age  | How old are you?    |
///
/// In the text forms a row's number is its line in the file, so `survey!12` is line 12.
public enum XLSFormFiles {
    public struct Problem: Error, LocalizedError {
        public var message: String
        public var errorDescription: String? { message }
    }

    /// The most a form spreadsheet may weigh before it is even opened.
    static let largestFile = 32 << 20

    public static func read(_ url: URL) throws(Problem) -> Workbook {
        let name = url.lastPathComponent
        let data: Data
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            guard size <= largestFile else {
                throw Problem(message: "\(name) is \(size >> 20) MB, far larger than any form; it was not read")
            }
            data = try Data(contentsOf: url)
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(message: "\(url.path) cannot be read (\((error as NSError).localizedDescription)); check the name and that you may read it")
        }
        switch url.pathExtension.lowercased() {
        case "xlsx":
            do {
                return try XLSXSupport.required().read(data, name: name)
            } catch {
                throw Problem(message: (error as? LocalizedError)?.errorDescription ?? "\(name): \(error)")
            }
        case "csv", "md", "markdown":
            guard let text = String(data: data, encoding: .utf8) else {
                throw Problem(message: "\(name) is not UTF-8 text; save it as 'CSV UTF-8' (Excel) or 'Unicode (UTF-8)' (LibreOffice)")
            }
            return try url.pathExtension.lowercased() == "csv" ? workbook(csv: text, name: name) : workbook(markdown: text)
        case "xls", "ods":
            throw Problem(message: "\(name) is an older or OpenDocument spreadsheet; save it as .xlsx (Excel 2007-365) and import that")
        default:
            throw Problem(message: "\(name) is not a spreadsheet the kiosk reads: use .xlsx, or XLSForm's .csv or .md text forms")
        }
    }

    /// Sheets from rows whose first cell names the sheet they begin.
    static func workbook(rows: [(line: Int, cells: [String])]) -> Workbook {
        var sheets: [Sheet] = []
        for row in rows {
            let first = row.cells.first.map { String($0.trimmingSpaces()) } ?? ""
            if !first.isEmpty {
                sheets.append(Sheet(name: first, rows: []))
                let rest = Array(row.cells.dropFirst())
                if rest.contains(where: { !$0.trimmingSpaces().isEmpty }), !sheets.isEmpty {
                    sheets[sheets.count - 1].rows.append(Sheet.Row(number: row.line, cells: rest))
                }
                continue
            }
            guard !sheets.isEmpty else { continue }
            sheets[sheets.count - 1].rows.append(Sheet.Row(number: row.line, cells: Array(row.cells.dropFirst())))
        }
        return Workbook(sheets)
    }

    static func workbook(csv text: String, name: String) throws(Problem) -> Workbook {
        do {
            let table = try CSVTable(parsing: text)
            return workbook(rows: table.records.map { ($0.line, $0.fields) })
        } catch {
            throw Problem(message: "\(name) is not readable CSV: \(error)")
        }
    }

    static func workbook(markdown text: String) -> Workbook {
        var rows: [(line: Int, cells: [String])] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var body = line.trimmingSpaces()
            guard body.hasPrefix("|") else { continue }
            body = body.dropFirst()
            if body.hasSuffix("|") { body = body.dropLast() }
            let cells = body.split(separator: "|", omittingEmptySubsequences: false).map { String($0.trimmingSpaces()) }
            // The line under a markdown heading row: | --- | --- |
            if cells.allSatisfy({ $0.isEmpty || $0.allSatisfy { "-:".contains($0) } }) && cells.contains(where: { !$0.isEmpty }) { continue }
            rows.append((index + 1, cells))
        }
        return workbook(rows: rows)
    }
}
