import Foundation
import KioskCore
import SWXMLHash
import ZIPFoundation

/// `.xlsx` files (Office Open XML spreadsheets, as Excel and LibreOffice Calc save them) read into a
/// ``Workbook`` and written from one. The ZIP container is ZIPFoundation's, the XML parts are read with
/// SWXMLHash; only what forms need is read: sheet names and the text of each cell.
///
/// Written files hold every cell as text (inline strings, so a code `01` stays `01`), the heading row in
/// bold and frozen, and columns wide enough to read.
public enum XLSXFile {
    /// Why a file cannot be read as a spreadsheet.
    public struct Problem: Error, LocalizedError, Equatable {
        public var message: String
        public var errorDescription: String? { message }
    }

    /// The most a spreadsheet of forms may unpack to: far above any form, far below what hurts a kiosk.
    static let largestPart: UInt64 = 64 << 20
    static let largestTotal: UInt64 = 256 << 20
    /// The most rows and columns read from one sheet.
    static let largestSheet = (rows: 100_000, columns: 1_000)

    // MARK: Reading

    public static func read(_ data: Data, name: String) throws(Problem) -> Workbook {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw Problem(message: "\(name) is not an .xlsx spreadsheet (it is not a ZIP file); save it from Excel or LibreOffice as 'Excel 2007-365 (.xlsx)'")
        }
        var total: UInt64 = 0
        func part(_ path: String, required: Bool = true) throws(Problem) -> Data? {
            guard let entry = archive[path] else {
                if required { throw Problem(message: "\(name) is not an .xlsx spreadsheet: it has no \(path); save it again as .xlsx") }
                return nil
            }
            total += entry.uncompressedSize
            guard entry.uncompressedSize <= largestPart, total <= largestTotal else {
                throw Problem(message: "\(name) unpacks to more than \(largestTotal >> 20) MB, far more than any form; it was not read")
            }
            var data = Data()
            do {
                _ = try archive.extract(entry, consumer: { chunk in
                    data.append(chunk)
                    if data.count > Int(largestPart) { throw Problem(message: "\(name) holds a part larger than it says; it was not read") }
                })
            } catch let problem as Problem {
                throw problem
            } catch {
                throw Problem(message: "\(name) is damaged (\(path) cannot be unpacked: \(error)); save it again from the spreadsheet program")
            }
            return data
        }
        func xml(_ path: String, required: Bool = true) throws(Problem) -> XMLIndexer? {
            guard let data = try part(path, required: required) else { return nil }
            let parsed = XMLHash.config { $0.detectParsingErrors = true }.parse(data)
            if case .parsingError(let error) = parsed {
                let place = error.line > 0 ? " (line \(error.line), column \(error.column))" : ""
                throw Problem(message: "\(name) is damaged: \(path) is not readable XML\(place); save it again from the spreadsheet program")
            }
            return parsed
        }

        let workbook = try xml("xl/workbook.xml")!
        let relations = try xml("xl/_rels/workbook.xml.rels")!
        var targets: [String: String] = [:]
        for relation in relations["Relationships"]["Relationship"].all {
            guard let id = relation.element?.attribute(by: "Id")?.text, let target = relation.element?.attribute(by: "Target")?.text else { continue }
            targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        let shared = try sharedStrings(try xml("xl/sharedStrings.xml", required: false))
        var sheets: [Sheet] = []
        for sheet in workbook["workbook"]["sheets"]["sheet"].all {
            guard let element = sheet.element, let sheetName = element.attribute(by: "name")?.text else { continue }
            let id = element.attribute(by: "r:id")?.text ?? element.allAttributes.first { $0.key.hasSuffix(":id") }?.value.text
            guard let id, let path = targets[id] else { continue }
            guard let content = try xml(path, required: false) else { continue }
            sheets.append(try readSheet(content, named: sheetName, shared: shared, file: name))
        }
        return Workbook(sheets)
    }

    static func sharedStrings(_ xml: XMLIndexer?) throws(Problem) -> [String] {
        guard let xml else { return [] }
        return xml["sst"]["si"].all.map(text(of:))
    }

    /// The text of a string item: its `t`, or the `t` of each of its runs (phonetic guides left out).
    static func text(of item: XMLIndexer) -> String {
        var out = ""
        for child in item.children {
            switch child.element?.name {
            case "t": out += child.element?.text ?? ""
            case "r": out += child["t"].element?.text ?? ""
            default: break
            }
        }
        return out
    }

    static func readSheet(_ xml: XMLIndexer, named sheetName: String, shared: [String], file: String) throws(Problem) -> Sheet {
        var rows: [Sheet.Row] = []
        var nextRow = 1
        for row in xml["worksheet"]["sheetData"]["row"].all {
            let number = (row.element?.attribute(by: "r")?.text).flatMap { Int($0) } ?? nextRow
            nextRow = number + 1
            guard number <= largestSheet.rows else {
                throw Problem(message: "the sheet '\(sheetName)' of \(file) has more than \(largestSheet.rows) rows; a form needs far fewer")
            }
            var cells: [String] = []
            var nextColumn = 0
            for cell in row["c"].all {
                guard let element = cell.element else { continue }
                let column = (element.attribute(by: "r")?.text).flatMap(columnIndex(of:)) ?? nextColumn
                nextColumn = column + 1
                guard column < largestSheet.columns else {
                    throw Problem(message: "the sheet '\(sheetName)' of \(file) has more than \(largestSheet.columns) columns; a form needs far fewer")
                }
                let value: String
                switch element.attribute(by: "t")?.text {
                case "s":
                    guard let index = cell["v"].element.flatMap({ Int($0.text) }), shared.indices.contains(index) else {
                        throw Problem(message: "\(file) is damaged: a cell of the sheet '\(sheetName)' (row \(number)) points to a text that is not there")
                    }
                    value = shared[index]
                case "inlineStr":
                    value = text(of: cell["is"])
                case "b":
                    value = cell["v"].element?.text == "1" ? "TRUE" : "FALSE"
                default:
                    value = cell["v"].element?.text ?? ""
                }
                if cells.count < column { cells += Array(repeating: "", count: column - cells.count) }
                if cells.count == column { cells.append(value) } else { cells[column] = value }
            }
            rows.append(Sheet.Row(number: number, cells: cells))
        }
        return Sheet(name: sheetName, rows: rows)
    }

    /// `C12` → 2 (columns from 0).
    static func columnIndex(of reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 || letters > 3 ? nil : index - 1
    }

    /// 2 → `C`.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let rest = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + rest))) + name
            n = (n - 1) / 26
        }
        return name
    }

    // MARK: Writing

    public static func data(for workbook: Workbook) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        let sheets = workbook.sheets.enumerated()
        try add("[Content_Types].xml", declaration + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            \(sheets.map { "<Override PartName=\"/xl/worksheets/sheet\($0.offset + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())\
            </Types>
            """)
        try add("_rels/.rels", declaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        try add("xl/workbook.xml", declaration + """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets>\(sheets.map { "<sheet name=\"\(escaped($0.element.name))\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined())</sheets>\
            </workbook>
            """)
        try add("xl/_rels/workbook.xml.rels", declaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            \(sheets.map { "<Relationship Id=\"rId\($0.offset + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0.offset + 1).xml\"/>" }.joined())\
            <Relationship Id="rId\(workbook.sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """)
        try add("xl/styles.xml", declaration + """
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
            <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
            <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
            <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf></cellXfs>\
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
            </styleSheet>
            """)
        for (index, sheet) in sheets {
            try add("xl/worksheets/sheet\(index + 1).xml", declaration + sheetXML(sheet))
        }
        guard let data = archive.data else { throw Problem(message: "the spreadsheet could not be put together") }
        return data
    }

    static func sheetXML(_ sheet: Sheet) -> String {
        let width = sheet.rows.map(\.cells.count).max() ?? 0
        var columns = ""
        for column in 0..<width {
            let longest = sheet.rows.compactMap { $0.cells.indices.contains(column) ? $0.cells[column] : nil }
                .map { $0.split(separator: "\n").map(\.count).max() ?? 0 }.max() ?? 0
            columns += "<col min=\"\(column + 1)\" max=\"\(column + 1)\" width=\"\(min(max(longest, 8) + 2, 60))\" customWidth=\"1\"/>"
        }
        var xml = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        xml += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        if !columns.isEmpty { xml += "<cols>\(columns)</cols>" }
        xml += "<sheetData>"
        for row in sheet.rows {
            xml += "<row r=\"\(row.number)\">"
            for (column, value) in row.cells.enumerated() where !value.isEmpty {
                let style = row.number == 1 ? 1 : 2
                xml += "<c r=\"\(columnName(column))\(row.number)\" s=\"\(style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escaped(value))</t></is></c>"
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// Text for XML content and attributes.
    static func escaped(_ text: String) -> String {
        escaping(text) { scalar in
            markupEntity(scalar) ?? {
                switch scalar {
                case "\r": "&#13;"
                case "\n", "\t": nil
                // XML 1.0 cannot hold other control characters; form texts never have them.
                default: scalar.value < 0x20 ? "" : nil
                }
            }()
        }
    }
}
