import KioskTestSupport
import Foundation
import KioskCore
import Testing

/// The forms in Questionnaires/ that ship with the kiosk.
func shippedFormURLs() throws -> [URL] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let directory = root.appendingPathComponent("Questionnaires")
    return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "yaml" }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
}

/// One shipped form, loaded (it must be valid).
func shippedCoreForm(_ id: String) throws -> Questionnaire {
    let url = try #require(try shippedFormURLs().first { $0.lastPathComponent == "\(id).yaml" })
    return try #require(QuestionnaireLoader.load(yaml: try String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent).questionnaire)
}

@Suite struct ShippedFormsTests {
    init() { ShippedLanguages.install() }

    func loadShipped(_ name: String) throws -> LoadedQuestionnaire {
        let url = try #require(try shippedFormURLs().first { $0.lastPathComponent == name })
        return QuestionnaireLoader.load(yaml: try String(contentsOf: url, encoding: .utf8), file: "Questionnaires/\(name)")
    }

    @Test func everyShippedFormIsValidWithoutWarnings() throws {
        let urls = try shippedFormURLs()
        #expect(urls.count >= 4)
        for url in urls {
            let loaded = QuestionnaireLoader.load(yaml: try String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
            #expect(loaded.diagnostics.isEmpty, "\(url.lastPathComponent): \(loaded.diagnostics)")
            let form = try #require(loaded.questionnaire)
            #expect(form.languages == [.swedish, .english])
            for language in form.languages {
                let source = form.source?.values[language] ?? ""
                #expect(!source.isEmpty, "\(form.id) says where its wording in '\(language)' comes from")
            }
            #expect(!form.examples.isEmpty)
            let covered = Set(form.examples.flatMap { form.assess($0.answers).referrals.map(\.id) })
            #expect(covered == Set(form.referrals.map(\.id)), "\(form.id): every rule has an example that fires it")
            #expect(form.breakdownQuestion(.gender) != nil, "\(form.id) can be split by gender")
        }
    }

    @Test func theSevenQuestionsAreVerbatimForOneToFourAndMarkedLocalForFiveToSeven() throws {
        let form = try #require(try loadShipped("violence-seven.yaml").questionnaire)
        let verbatim = [
            "q1": "Har du blivit hotad, kontrollerad, förnedrad, trakasserad eller liknande av en närstående?",
            "q2": "Har du blivit slagen, sparkad, knuffad eller skadad på något annat sätt av en närstående?",
            "q3": "Har du känt press att mot din vilja delta i eller se på sexuella handlingar av en närstående?",
            "q4": "Har du varit utsatt för verbala, psykiska och/eller fysiska sexuella kränkningar av en närstående?",
        ]
        for (id, text) in verbatim {
            #expect(form.question(id)?.text.text(in: .swedish) == text)
            #expect(form.question(id)?.source?.text(in: .swedish).hasPrefix("Ordagrant") == true)
        }
        for id in ["q5", "q6", "q7"] {
            #expect(form.question(id)?.source?.text(in: .swedish).hasPrefix("LOKAL FORMULERING") == true)
            #expect(form.question(id)?.source?.text(in: .english).hasPrefix("LOCAL WORDING") == true)
        }
        #expect(form.breakdownQuestion(.ageBand) != nil)
    }

    @Test func aYesAboutBeingSubjectedAndAYesAboutUsingViolenceGetDifferentSupport() throws {
        let form = try #require(try loadShipped("violence-seven.yaml").questionnaire)
        let subjected = try #require(form.referrals.first { $0.id == "subjected" })
        let used = try #require(form.referrals.first { $0.id == "used-violence" })
        let subjectedSupport = subjected.support.compactMap { form.supportEntry($0)?.text.text(in: .swedish) }.joined()
        let usedSupport = used.support.compactMap { form.supportEntry($0)?.text.text(in: .swedish) }.joined()
        #expect(subjectedSupport.contains("020-50 50 50"))
        #expect(subjectedSupport.contains("112"))
        #expect(usedSupport.contains("020-555 666"))
        #expect(!usedSupport.contains("020-50 50 50"))
        for id in ["q1", "q2", "q3", "q4"] {
            var answers: Answers = [:]
            for q in ["q1", "q2", "q3", "q4", "q5", "q6", "q7"] { answers[q] = .choice("no") }
            answers[id] = .choice("yes")
            #expect(form.assess(answers).referrals.map(\.id) == ["subjected"])
        }
    }

    @Test func theFollowUpIsLabelledAsALocalExampleNotTheNNSInstrument() throws {
        let form = try #require(try loadShipped("participant-followup.yaml").questionnaire)
        #expect(form.title.text(in: .swedish).contains("lokalt exempel"))
        #expect(form.source?.text(in: .swedish).contains("Inte NNS") == true)
        #expect(form.questions.contains { if case .scale = $0.kind { return true } else { return false } })
    }

    @Test func theScreenersScoreAsPublished() throws {
        let hark = try #require(try loadShipped("hark.yaml").questionnaire)
        #expect(hark.assess(["humiliated": .choice("yes"), "afraid": .choice("yes"), "raped": .choice("no"), "kicked": .choice("yes")]).score("hark")?.value == 3)
        let pvs = try #require(try loadShipped("pvs.yaml").questionnaire)
        #expect(pvs.assess(["hurt": .choice("no"), "safe": .choice("not-safe"), "previous-partner": .choice("no")]).score("pvs")?.value == 1)
        #expect(pvs.assess(["hurt": .choice("no"), "safe": .choice("safe"), "previous-partner": .choice("no")]).score("pvs")?.value == 0)
    }
}
