import KioskTestSupport
import Foundation
import KioskCore
import Testing

/// A kiosk form as an XLSForm workbook and back, without files (the `.xlsx` adapter has its own tests).
@Suite struct XLSFormConversionTests {
    init() { ShippedLanguages.install() }

    func survey(_ rows: [[String]], choices: [[String]] = [], settings: [[String]] = []) -> Workbook {
        var sheets = [Sheet(name: "survey", cells: rows)]
        if !choices.isEmpty { sheets.append(Sheet(name: "choices", cells: choices)) }
        if !settings.isEmpty { sheets.append(Sheet(name: "settings", cells: settings)) }
        return Workbook(sheets)
    }

    @Test func everyShippedFormGoesOutAndComesBackWithTheSameContentHash() throws {
        for url in try shippedFormURLs() {
            let form = try #require(QuestionnaireLoader.load(yaml: try String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent).questionnaire)
            let workbook = XLSFormExport.workbook(for: form)
            #expect(workbook.sheets.map(\.name) == ["survey", "choices", "settings", "bands", "referrals", "support", "examples"])
            let back = try XLSFormImport().convert(workbook, source: "\(form.id).xlsx", fallbackID: form.id)
            #expect(back.form.contentHash == form.contentHash, "\(form.id): \(back.notes)")
            #expect(back.notes.isEmpty, "\(form.id): \(back.notes)")
            #expect(back.form.examples.map(\.name) == form.examples.map(\.name))
            #expect(back.form.examples.map(\.answers) == form.examples.map(\.answers), "the form's own checks come back too")
            #expect(back.form.examples.map(\.expectedReferrals) == form.examples.map(\.expectedReferrals))
            #expect(back.form.examples.map(\.expectedBands) == form.examples.map(\.expectedBands))
            #expect(back.form.examples.map(\.expectedScores) == form.examples.map(\.expectedScores))
        }
    }

    @Test func typesLanguagesGroupsAndConditionsAreConverted() throws {
        let workbook = survey([
            ["type", "name", "label::Swedish (sv)", "label::English (en)", "hint::Swedish (sv)", "hint::English (en)", "required", "relevant", "constraint", "parameters", "calculation"],
            ["select_one yn", "hurt", "Skadad?", "Hurt?", "", "", "yes", "", "", "", ""],
            ["begin_group", "g", "Senaste året", "Last year", "", "", "", "", "", "", ""],
            ["select_multiple where", "where", "Var?", "Where?", "Välj alla", "Pick all", "", "${hurt} = 'yes'", "", "", ""],
            ["integer", "times", "Hur många gånger?", "How many times?", "", "", "yes", "selected(${where}, 'home') and not(${hurt} = 'no')", ". >= 0 and . <= 50", "", ""],
            ["end_group", "", "", "", "", "", "", "", "", "", ""],
            ["range", "fear", "Rädsla", "Fear", "", "", "yes", "${times} > 2 or ${where} != ''", "", "start=0 end=4 step=1", ""],
            ["note", "thanks", "Tack", "Thanks", "", "", "", "", "", "", ""],
            ["select_one level", "often", "Hur ofta?", "How often?", "", "", "yes", "", "", "", ""],
            ["calculate", "total", "Summa", "Total", "", "", "", "", "", "", "${hurt} + ${often}"],
        ], choices: [
            ["list_name", "name", "label::Swedish (sv)", "label::English (en)"],
            ["yn", "yes", "Ja", "Yes"], ["yn", "no", "Nej", "No"],
            ["where", "home", "Hemma", "At home"], ["where", "work", "På jobbet", "At work"], ["where", "dont_know", "Vet inte", "Don't know"],
            ["level", "0", "Aldrig", "Never"], ["level", "1", "Ibland", "Sometimes"], ["level", "2", "Ofta", "Often"],
        ], settings: [["form_id", "form_title", "default_language"], ["Test Form", "Testformulär", "Swedish (sv)"]])
        let result = try XLSFormImport().convert(workbook, source: "test.xlsx", fallbackID: "x")
        let form = result.form
        #expect(form.id == "test-form")
        #expect(form.languages == [.swedish, .english])
        #expect(form.questions.map(\.id) == ["hurt", "where", "times", "fear", "thanks", "often"])
        #expect(form.questions.map(\.typeName) == ["yes_no", "multiple_choice", "number", "scale", "info", "single_choice"])
        #expect(form.question("where")?.stem?.values[.english] == "Last year", "a group's label is the stem of the questions in it")
        #expect(form.question("fear")?.stem == nil)
        #expect(form.question("where")?.showIf?.source == "hurt = yes")
        #expect(form.question("times")?.showIf?.source == "where has home and not (hurt = no)")
        #expect(form.question("fear")?.showIf?.source == "times > 2 or answered(where)")
        #expect(form.question("times")?.numericRange == 0...50)
        #expect(form.question("where")?.choices.map(\.code) == ["home", "work"], "the kiosk offers don't know itself")
        #expect(form.question("where")?.isRequired == false, "XLSForm's default: not required")
        #expect(form.question("often")?.choices.map(\.score) == [0, 1, 2], "numbered choices that a sum adds score their numbers")
        #expect(form.score("total")?.items == ["hurt", "often"])
        #expect(result.notes.contains { $0.description.hasPrefix("choices!6:") && $0.message.contains("dont_know") })
        #expect(result.yaml.hasPrefix("# Imported by 'kiosk forms import xlsform' from test.xlsx."))
    }

    @Test func rowsThatCannotBeConvertedAreListedWithSheetAndRow() throws {
        let workbook = survey([
            ["type", "name", "label"],
            ["text", "full_name", "Your name?"],
            ["date", "dob", "Date of birth"],
            ["geopoint", "where", "Where are you?"],
            ["image", "photo", "A photo"],
            ["text", "comment", "Anything else?"],
            ["select_one yn", "ok", "OK?"],
            ["begin_repeat", "kids", "Children"],
            ["integer", "kid_age", "Age"],
            ["end_repeat", "", ""],
            ["calculate", "c", "", ],
            ["rank", "r", "Rank these"],
            ["select_one missing", "m", "Missing list"],
            ["integer", "Bad Name!", "Bad"],
        ], choices: [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]])
        let result = try XLSFormImport(defaultLanguage: .english).convert(workbook, source: "t.xlsx", fallbackID: "t")
        #expect(result.form.questions.map(\.id) == ["ok"])
        let places = result.notes.compactMap(\.place)
        for row in 2...14 where row != 7 { #expect(places.contains("survey!\(row)"), "survey!\(row) is reported: \(result.notes)") }
        #expect(result.notes.first { $0.place == "survey!2" }?.message.contains("name") == true)
        #expect(result.notes.first { $0.place == "survey!6" }?.message.contains("--allow-free-text") == true)
    }

    @Test func aRelevantEditedInTheSpreadsheetReplacesTheKioskCondition() throws {
        var form = try shippedCoreForm("violence-seven")
        let index = try #require(form.questions.firstIndex { $0.showIf != nil } ?? form.questions.indices.last)
        form.questions[index].showIf = Condition(source: "q1 = yes", expression: try ExpressionParser.parse("q1 = yes").get())
        form.examples = []
        var workbook = XLSFormExport.workbook(for: form)
        let survey = try #require(workbook.sheets.firstIndex { $0.name == "survey" })
        let relevant = try #require(workbook.sheets[survey].headings.firstIndex(of: "relevant"))
        let row = try #require(workbook.sheets[survey].rows.firstIndex { $0.cells[1] == form.questions[index].id })
        #expect(workbook.sheets[survey].rows[row].cells[relevant] == "${q1} = 'yes'")
        workbook.sheets[survey].rows[row].cells[relevant] = "${q2} = 'yes'"
        let result = try XLSFormImport().convert(workbook, source: "v.xlsx", fallbackID: "v")
        #expect(result.form.questions[index].showIf?.source == "q2 = yes")
        #expect(result.notes.contains { $0.message.contains("was changed in the spreadsheet") })
    }

    @Test func kioskConditionsReadAsXLSFormRelevant() throws {
        let cases = [
            ("q1 = yes", "${q1} = 'yes'"),
            ("any(q1, q2) = yes", "${q1} = 'yes' or ${q2} = 'yes'"),
            ("q1 = yes and (q2 = no or q3 >= 2)", "${q1} = 'yes' and (${q2} = 'no' or ${q3} >= 2)"),
            ("q8 has police", "selected(${q8}, 'police')"),
            ("not answered(q1)", "not(${q1} != '')"),
            ("q2 in (a, b)", "${q2} = 'a' or ${q2} = 'b'"),
        ]
        for (kiosk, xlsform) in cases {
            #expect(XLSFormConditions.relevant(try ExpressionParser.parse(kiosk).get()) == xlsform)
        }
        #expect(XLSFormConditions.relevant(try ExpressionParser.parse("q1 = declined").get()) == nil, "XLSForm has no 'declined'")
        #expect(try XLSFormConditions.kioskCondition("${a} = 'x' and (${b} < 3 or not(selected(${c}, 'y')))").get() == "a = x and (b < 3 or not (c = y))")
        #expect(try XLSFormConditions.kioskCondition("selected(${c}, 'y')", isMultiple: { $0 == "c" }).get() == "c has y")
        #expect((try? XLSFormConditions.kioskCondition("count-selected(${c}) > 1").get()) == nil)
        #expect((try? XLSFormConditions.kioskCondition("${a} = 'x").get()) == nil)
    }
}
