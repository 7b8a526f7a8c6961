import Foundation
import KioskCore

/// Reading and writing `.xlsx` workbooks. Only kiosk-spreadsheets implements it (module KioskSpreadsheets,
/// with the ZIP and XML libraries): the XML library brings libxml2 and ICU, whose loading alone cost the
/// kiosk about 0.6 ms at every start (BENCHMARKS.md). The kiosk hands the few commands that read or write
/// an `.xlsx` file to kiosk-spreadsheets beside it, which runs the same commands with this installed.
public protocol XLSXWorkbooks: Sendable {
    /// The workbook in `data`; `name` is the file's name for messages.
    func read(_ data: Data, name: String) throws -> Workbook
    /// The workbook as the bytes of an `.xlsx` file.
    func data(for workbook: Workbook) throws -> Data
}

/// The `.xlsx` implementation in this program, if it has one.
public enum XLSXSupport {
    nonisolated(unsafe) private static var installed: (any XLSXWorkbooks)?

    /// Done once by kiosk-spreadsheets (and by tests) before anything else.
    public static func install(_ workbooks: any XLSXWorkbooks) { installed = workbooks }

    /// The implementation; `nil` in the kiosk itself.
    public static var current: (any XLSXWorkbooks)? { installed }

    /// This program has no `.xlsx` implementation (a command the kiosk did not hand over reached one).
    public struct Missing: Error, LocalizedError {
        public var errorDescription: String? {
            HelperProgram.spreadsheets.missingMessage(in: .english)
        }
    }

    /// The implementation, for a command that reads or writes `.xlsx`: in practice only reached in
    /// kiosk-spreadsheets, since the kiosk hands those commands over before parsing them.
    public static func required() throws(Missing) -> any XLSXWorkbooks {
        guard let installed else { throw Missing() }
        return installed
    }
}
