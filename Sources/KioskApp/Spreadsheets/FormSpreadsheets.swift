import Foundation
import KioskCore

/// Forms to and from spreadsheets: XLSForm in and out, REDCap out. The conversions are the core's
/// (``XLSFormImport``, ``XLSFormExport``, ``RedcapExport``); this wires them to files.
public enum FormSpreadsheets {
    /// A conversion that cannot be done, in words for staff.
    public struct Problem: Error, LocalizedError, CustomStringConvertible {
        public var message: String
        public init(_ message: String) { self.message = message }
        public var errorDescription: String? { message }
        public var description: String { message }
    }

    /// Reads an XLSForm (`.xlsx`, `.csv`, `.md`) and converts it; the result is already validated.
    public static func importXLSForm(_ url: URL, language: Language, allowFreeText: Bool) throws -> XLSFormImport.Result {
        let workbook = try XLSFormFiles.read(url)
        let importer = XLSFormImport(defaultLanguage: language, allowFreeText: allowFreeText)
        do {
            return try importer.convert(workbook, source: url.lastPathComponent, fallbackID: url.deletingPathExtension().lastPathComponent)
        } catch {
            throw Problem("\(url.lastPathComponent): \(error.message)")
        }
    }

    /// The form as an `.xlsx` XLSForm.
    public static func xlsform(_ form: Questionnaire) throws -> Data {
        try XLSXSupport.required().data(for: XLSFormExport.workbook(for: form))
    }

    /// The form as a REDCap data dictionary (CSV, UTF-8, CRLF lines as REDCap writes them).
    public static func redcapDictionary(_ form: Questionnaire, language: Language) -> String {
        RedcapExport.rows(for: form, language: form.language(closestTo: language)).map(ResponseExport.csvLine).joined()
    }
}
