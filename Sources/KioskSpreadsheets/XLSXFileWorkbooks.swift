import Foundation
import KioskApp
import KioskCore

/// The kiosk's `.xlsx` reader and writer (``XLSXFile``) as kiosk-spreadsheets installs it.
public struct XLSXFileWorkbooks: XLSXWorkbooks {
    public init() {}

    public func read(_ data: Data, name: String) throws -> Workbook {
        try XLSXFile.read(data, name: name)
    }

    public func data(for workbook: Workbook) throws -> Data {
        try XLSXFile.data(for: workbook)
    }
}
