@testable import KioskApp
import KioskCore
import KioskTestSupport
import Testing

/// Errors staff see are plain sentences in their language.
struct PlainMessagesTests {
    @Test func aMissingSpreadsheetHelperIsSaidInTheStaffsLanguage() throws {
        ShippedLanguages.install()
        let swedish = try #require(PlainMessages.message(for: XLSXSupport.Missing(), in: .swedish))
        let english = try #require(PlainMessages.message(for: XLSXSupport.Missing(), in: .english))
        #expect(swedish == HelperProgram.spreadsheets.missingMessage(in: .swedish))
        #expect(english == HelperProgram.spreadsheets.missingMessage(in: .english))
        #expect(swedish != english)
        #expect(swedish.contains(HelperProgram.spreadsheets.path), "it says where it looked")
    }
}
