import Foundation
@testable import KioskApp
import KioskCore
import Testing

/// The given form read on another thread while the database opens: the same form or the same error as
/// reading it then, and only once (a later participant's form is read again, with any edit).
@Suite struct FormPreloadTests {
    @Test func aPreloadedFormIsTheFormReadDirectlyAndIsGivenOnlyOnce() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.write(FormCatalogTests.valid, to: "good.yaml")
        let preload = FormPreload("good", in: temp.url)
        #expect(try preload.take("other", in: temp.url) == nil, "another form is read afresh")
        let form = try #require(try preload.take("good", in: temp.url))
        #expect(form == (try FormCatalog.form("good", in: temp.url)))
        #expect(try preload.take("good", in: temp.url) == nil, "the next participant's form is read again")
    }

    @Test func aBrokenFormGivesTheSameErrorThroughThePreload() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.write(FormCatalogTests.valid.replacingOccurrences(of: "yes_no", with: "yesno"), to: "good.yaml")
        let preload = FormPreload("good", in: temp.url)
        #expect { try preload.take("good", in: temp.url) } throws: { error in
            guard case FormLookupError.invalid("good", let diagnostics)? = error as? FormLookupError else { return false }
            return diagnostics.errors.first?.message.contains("unknown type 'yesno'") == true
        }
    }

    @Test func aMissingFormIsReportedAsWhenReadDirectly() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.write(FormCatalogTests.valid, to: "good.yaml")
        let preload = FormPreload("goood", in: temp.url)
        #expect { try preload.take("goood", in: temp.url) } throws: { error in
            guard case FormLookupError.unknown("goood", let available)? = error as? FormLookupError else { return false }
            return available == ["good"]
        }
    }

    @Test func askingWhetherTheFormFailedLeavesItToBeTaken() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.write(FormCatalogTests.valid, to: "good.yaml")
        let good = FormPreload("good", in: temp.url)
        #expect(good.failure() == nil)
        #expect(good.failure() == nil, "asked twice, still no wait and no error")
        #expect(try good.take("good", in: temp.url) != nil, "the form is still there to take")
        let missing = FormPreload("goood", in: temp.url)
        #expect(missing.failure() is FormLookupError)
    }
}
