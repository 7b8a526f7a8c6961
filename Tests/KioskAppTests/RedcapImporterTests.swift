import Foundation
@testable import KioskApp
import KioskCore
import Testing

/// The REDCap importer: real dictionaries, and the oddities real files have.
@Suite struct RedcapImporterTests {
    /// Real REDCap dictionaries (from REDCapR's test data), read in place from ../shared/fixtures beside
    /// the repository; the tests that need them are skipped when it is not there.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/fixtures/redcap")
    static let fixturesAvailable = FileManager.default.fileExists(atPath: fixtures.appendingPathComponent("simple.csv").path)
    static let skipped = "needs ../shared/fixtures/redcap beside the repository"

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    static let header = "\"Variable / Field Name\",\"Form Name\",\"Section Header\",\"Field Type\",\"Field Label\",\"Choices, Calculations, OR Slider Labels\",\"Field Note\",\"Text Validation Type OR Show Slider Number\",\"Text Validation Min\",\"Text Validation Max\",Identifier?,\"Branching Logic (Show field only if...)\",\"Required Field?\"\n"

    func convert(_ rows: String, form: String? = nil, freeText: Bool = false) throws -> RedcapImporter.Result {
        try RedcapImporter(allowFreeText: freeText).convert(Self.header + "record_id,f,,text,ID,,,,,,,,\n" + rows, formName: form, source: "test.csv")
    }

    @Test(.enabled(if: fixturesAvailable, Comment(rawValue: skipped)))
    func everyFormOfTheShippedDictionariesImportsToAValidForm() throws {
        var imported = 0
        for file in ["simple.csv", "checkboxes-1.csv", "longitudinal.csv"] {
            let text = try Self.fixture(file)
            for name in try RedcapImporter.formNames(in: text) {
                do {
                    let result = try RedcapImporter().convert(text, formName: name, source: file)
                    let reloaded = QuestionnaireLoader.load(yaml: result.yaml, file: "\(name).yaml")
                    #expect(reloaded.isValid, "\(file)/\(name): \(reloaded.diagnostics)")
                    imported += 1
                } catch let failure as RedcapImporter.Failure {
                    #expect(file == "checkboxes-1.csv" && name == "form_1", "\(file)/\(name): \(failure.message)")
                }
            }
        }
        #expect(imported == 13)
    }

    @Test(.enabled(if: fixturesAvailable, Comment(rawValue: skipped)))
    func identifiersTheRecordIDDatesAndContactFieldsAreDropped() throws {
        let result = try RedcapImporter().convert(try Self.fixture("simple.csv"), formName: "demographics", source: "simple.csv")
        let ids = result.form.questions.map(\.id)
        for dropped in ["record_id", "name_first", "name_last", "address", "telephone", "email", "dob", "age"] {
            #expect(!ids.contains(dropped), "\(dropped)")
        }
        #expect(result.notes.contains { $0.line == 2 && $0.message.contains("record id") })
        #expect(result.notes.contains { $0.line == 3 && $0.message.contains("marked as an identifier") })
        #expect(!result.yaml.contains("First Name"))
        let sex = try #require(result.form.question("sex"))
        #expect(sex.breakdown == .gender)
        #expect(sex.choices.map(\.code) == ["kvinna", "man"])
    }

    @Test func typesAreConverted() throws {
        let result = try convert("""
            a,f,,radio,"Radio","1, One | 2, Two",,,,,,,y
            b,f,,dropdown,"Drop","x, X|y, Y",,,,,,,
            c,f,,checkbox,"Check","1, A|2, B|3, C",,,,,,,
            d,f,,yesno,"Yes or no",,,,,,,,
            e,f,,truefalse,"True or false",,,,,,,,
            g,f,,text,"Count",,"Whole times",integer,0,20,,,
            h,f,,slider,"Mood","Sad | So-so | Happy",,,,,,,
            i,f,,descriptive,"<b>Read this</b> &amp; go on",,,,,,,,
            j,f,,notes,"Anything else?",,,,,,,,
            """)
        let form = result.form
        #expect(form.question("a")?.typeName == "single_choice")
        #expect(form.question("a")?.isRequired == true)
        #expect(form.question("b")?.choices.map(\.code) == ["x", "y"])
        #expect(form.question("c")?.typeName == "multiple_choice")
        #expect(form.question("d")?.typeName == "yes_no" && form.question("e")?.typeName == "yes_no")
        #expect(form.question("g")?.numericRange == 0...20)
        #expect(form.question("g")?.help?.text(in: .swedish) == "Whole times")
        #expect(form.question("h")?.numericRange == 0...100)
        if case .scale(_, _, let low, let high)? = form.question("h")?.kind {
            #expect(low?.text(in: .swedish) == "Sad" && high?.text(in: .swedish) == "Happy")
        }
        #expect(form.question("i")?.typeName == "info")
        #expect(form.question("i")?.text.text(in: .swedish) == "Read this & go on")
        #expect(form.question("j") == nil)
        #expect(result.notes.contains { $0.message.contains("'j' is free text") && $0.message.contains("--allow-free-text") })
        let withText = try convert("j,f,,notes,\"Anything else?\",,,,,,,,\n", freeText: true)
        #expect(withText.form.question("j")?.typeName == "free_text")
        #expect(withText.form.allowsFreeText)
    }

    @Test func branchingLogicBecomesConditions() throws {
        let result = try convert("""
            a,f,,radio,"A","1, One | 2, Two",,,,,,,
            b,f,,checkbox,"B","1, X|2, Y",,,,,,,
            c,f,,yesno,"C",,,,,,,"[a] = '1' and [b(2)] = '1'",
            d,f,,yesno,"D",,,,,,,"[a] <> ""2"" or ([c] = '0' and [b(1)] = '0')",
            e,f,,text,"E",,,integer,0,10,,"[d] = ''",
            g,f,,text,"G",,,integer,0,10,,"[e] >= 5",
            h,f,,yesno,"H",,,,,,,"datediff([x], 'today', 'd') > 3",
            """)
        let form = result.form
        #expect(form.question("c")?.showIf?.source == "a = 1 and b has 2")
        #expect(form.question("d")?.showIf?.source == "a != 2 or (c = no and not b has 1)")
        #expect(form.question("e")?.showIf?.source == "not answered(d)")
        #expect(form.question("g")?.showIf?.source == "e >= 5")
        #expect(form.question("h")?.showIf == nil)
        #expect(result.notes.contains { $0.line == 9 && $0.message.contains("branching logic of 'h'") })
    }

    @Test func sumCalculationsBecomeScoresAndOthersAreReported() throws {
        let result = try convert("""
            a,f,,radio,"A","0, Never | 1, Sometimes | 2, Often",,,,,,,
            b,f,,radio,"B","0, Never | 1, Sometimes | 2, Often",,,,,,,
            c,f,,yesno,"C",,,,,,,,
            total,f,,calc,"Total","[a] + [b] + [c]",,,,,,,
            ratio,f,,calc,"Ratio","[a]/[b]",,,,,,,
            """)
        let score = try #require(result.form.score("total"))
        #expect(score.items == ["a", "b", "c"])
        #expect(result.form.question("a")?.choice("2")?.score == 2)
        #expect(result.form.assess(["a": .choice("2"), "b": .choice("1"), "c": .choice("yes")]).score("total")?.value == 4)
        #expect(result.notes.contains { $0.message.contains("'ratio'") && $0.message.contains("not a sum") })
    }

    @Test func quotingOdditiesEmptyRowsAndNonASCIITextAreHandled() throws {
        let text = "\u{FEFF}" + Self.header.replacingOccurrences(of: "\n", with: "\r\n")
            + "record_id,f,,text,ID,,,,,,,,\r\n"
            + "\r\n,,,,,,,,,,,,\r\n"
            + "kanslor,f,\"Avsnitt, med komma\",radio,\"Hur mår du \"\"idag\"\"?\nSvara ärligt.\",\"1, Bra | 2, Sådär, ganska | 3, Dåligt\",,,,,,,\r\n"
            + "enkel,f,,yesno,Sa han \"nej\"?,,,,,,,,\r\n"
        let result = try RedcapImporter().convert(text, formName: nil, source: "odd.csv")
        let question = try #require(result.form.question("kanslor"))
        #expect(question.text.text(in: .swedish) == "Hur mår du \"idag\"? Svara ärligt.")
        #expect(question.choices.map(\.code) == ["1", "2", "3"])
        #expect(question.choice("2")?.text.text(in: .swedish) == "Sådär, ganska")
        #expect(result.form.question("enkel")?.text.text(in: .swedish) == "Sa han \"nej\"?")
        #expect(result.form.question("kanslor-section")?.text.text(in: .swedish) == "Avsnitt, med komma")
    }

    @Test(.enabled(if: fixturesAvailable, Comment(rawValue: skipped)))
    func whatCannotBeImportedIsExplained() throws {
        #expect(throws: RedcapImporter.Failure.self) { try RedcapImporter().convert("a,b,c\n1,2,3\n", formName: nil, source: "x.csv") }
        #expect { try RedcapImporter().convert(try Self.fixture("longitudinal.csv"), formName: nil, source: "l.csv") } throws: { error in
            (error as? RedcapImporter.Failure)?.message.contains("choose one with --form: demographics, contact_info") == true
        }
        #expect { try RedcapImporter().convert(try Self.fixture("checkboxes-1.csv"), formName: "form_1", source: "c.csv") } throws: { error in
            (error as? RedcapImporter.Failure)?.message.contains("nothing of the form 'form_1' can be imported") == true
        }
        #expect { try RedcapImporter().convert(Self.header + "a,f,,radio,\"A\",\"1, X\n", formName: nil, source: "broken.csv") } throws: { error in
            (error as? RedcapImporter.Failure)?.message.contains("line 2: a quoted field is never closed") == true
        }
    }

    @Test func csvRecordsKeepTheirLines() throws {
        let table = try CSVTable(parsing: "a,b\n\"x\ny\",2\n\n3,\"4\"\"\"\n")
        #expect(table.records.map(\.line) == [1, 2, 5])
        #expect(table.records[1].fields == ["x\ny", "2"])
        #expect(table.records[2].fields == ["3", "4\""])
    }
}
