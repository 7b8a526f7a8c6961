import KioskTestSupport
import Foundation
import KioskCore
import Testing

/// The one form writer: whatever it writes, the loader reads back to the same form.
@Suite struct QuestionnaireWriterTests {
    init() { ShippedLanguages.install() }

    /// Writes `form`, reads it back (it must load without a diagnostic) and returns what was read.
    func roundTrip(_ form: Questionnaire, comments: QuestionnaireWriter.Comments = .init()) throws -> (Questionnaire, String) {
        let yaml = QuestionnaireWriter.yaml(for: form, comments: comments)
        let loaded = QuestionnaireLoader.load(yaml: yaml, file: "\(form.id).yaml")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)\n\(yaml)")
        return (try #require(loaded.questionnaire), yaml)
    }

    @Test func everyShippedFormWrittenAndReadBackHasTheSameContentHashAndExamples() throws {
        for url in try shippedFormURLs() {
            let form = try #require(QuestionnaireLoader.load(yaml: try String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent).questionnaire)
            let (back, _) = try roundTrip(form)
            #expect(back.contentHash == form.contentHash, "\(form.id)")
            #expect(back.canonicalDefinition == form.canonicalDefinition, "\(form.id)")
            #expect(back.examples.map(\.name) == form.examples.map(\.name), "\(form.id)")
            #expect(back.examples.map(\.answers) == form.examples.map(\.answers), "\(form.id)")
            #expect(back.examples.map(\.expectedReferrals) == form.examples.map(\.expectedReferrals), "\(form.id)")
            #expect(back.examples.map(\.expectedBands) == form.examples.map(\.expectedBands), "\(form.id)")
        }
    }

    @Test func aFormUsingSharedPartsIsWrittenOutInFullAndKeepsItsContent() throws {
        let yaml = """
        id: every-part
        title: {sv: "Alla delar: \\"citat\\" och # tecken", en: Every part}
        languages: [sv, en]
        intro:
          sv: |-
            Första raden.

              Indragen rad.
          en: "Ends with a space "
        defaults: {required: false, keys: letters}
        stems:
          weeks: {sv: Under de senaste två veckorna, en: Over the last two weeks}
        choice_sets:
          often:
            - {code: "0", text: {sv: Aldrig, en: Never}, score: 0}
            - {code: "1", text: {sv: Ibland, en: Sometimes}, score: 1}
        allow_free_text: true
        questions:
          - {id: gender, type: single_choice, breakdown: gender, text: {sv: Kön, en: Gender}, choices: [{code: kvinna, text: {sv: Kvinna, en: Woman}}, {code: man, text: {sv: Man, en: Man}}]}
          - {id: a1, type: single_choice, stem: weeks, text: {sv: Oro, en: Worry}, choices: often}
          - {id: a2, type: single_choice, stem: weeks, text: {sv: Sömn, en: Sleep}, choices: often, show_if: "a1 = '1' or not answered(a1)"}
          - {id: y, type: yes_no, item_score: {yes: 2, no: 0}, dont_know: false, text: {sv: "Ja: eller nej?", en: "Yes: or no?"}}
          - id: s
            type: scale
            min: 0
            max: 3
            min_label: {sv: Inte alls, en: Not at all}
            max_label: {sv: Mycket, en: Very}
            labels: {0: {sv: Noll, en: Zero}, 1: {sv: Ett, en: One}, 2: {sv: Två, en: Two}, 3: {sv: Tre, en: Three}}
            text: {sv: Skala, en: Scale}
          - {id: n, type: number, min: 0, max: 120, unit: {sv: år, en: years}, replaces: age, text: {sv: Ålder, en: Age}}
          - {id: note, type: free_text, exported: false, text: {sv: Övrigt, en: Other}}
          - {id: i, type: info, text: {sv: "\\ttabb och \\\\ snedstreck", en: "tab and backslash"}}
        scores:
          - id: total
            label: {sv: Summa, en: Total}
            sum: [a1, a2, y]
            min_answered: 2
            bands: [{id: low, from: 0, to: 1, label: {sv: Låg, en: Low}}, {id: high, from: 2, to: 4, label: {sv: Hög, en: High}}]
            bands_for:
              - when: gender = man
                bands: [{id: low, from: 0, to: 2, label: {sv: Låg, en: Low}}, {id: high, from: 3, to: 4, label: {sv: Hög, en: High}}]
        support:
          - {id: line, text: {sv: Linjen 020-50 50 50, en: The line 020-50 50 50}}
          - {id: men, text: {sv: För män, en: For men}, for_gender: [man]}
        general_support: [line]
        referrals:
          - {id: high, when: "total >= 3", level: urgent, message: {sv: Följ upp, en: Follow up}, support: [line, men]}
        examples:
          - {name: "high: both", answers: {gender: man, a1: "1", a2: "1", y: "yes"}, expect: {referrals: [], bands: {total: low}, scores: {total: 4}}}
          - {name: none, answers: {}, expect: {referrals: [], bands: {total: not_scored}, shown: [a2], not_shown: []}}
        """
        // The example "high: both" is deliberately wrong about its referral; only reading matters here.
        let loaded = QuestionnaireLoader.load(yaml: yaml, file: "every-part.yaml", runExamples: false)
        #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics)")
        let form = try #require(loaded.questionnaire)
        let written = QuestionnaireWriter.yaml(for: form)
        let back = try #require(QuestionnaireLoader.load(yaml: written, file: "every-part.yaml", runExamples: false).questionnaire, "\(written)")
        #expect(back.contentHash == form.contentHash, "\(written)")
        #expect(back.examples.map(\.answers) == form.examples.map(\.answers))
        #expect(back.examples.map(\.expectedScores) == form.examples.map(\.expectedScores))
        #expect(back.examples.map(\.expectedShown) == form.examples.map(\.expectedShown))
        #expect(!written.contains("stems:") && !written.contains("choice_sets:") && !written.contains("defaults:"), "shared parts are written where they are used")
        #expect(written.contains("      Indragen rad.") || written.contains("Indragen rad"), "a text of several lines keeps its inner indentation")
    }

    @Test func textsThatLookLikeYAMLReadBackExactly() throws {
        let tricky = ["yes", "no", "null", "~", "1e3", "0x10", "- a list?", "key: value", "# not a comment", "'single'", "\"double\"",
                      "back\\slash", "trailing space ", " leading space", "two\nlines", "ends with newline\n", "@at", "`tick`", "{brace}", "[bracket]",
                      "% percent", "! bang", "& amp", "* star", "| pipe", "> gt", "ﻣﺮﺣﺒﺎ عربي", "\u{00A0}nbsp"]
        let questions = tricky.enumerated().map { index, text in
            Question(id: "q\(index)", kind: .yesNo(yesScore: 1, noScore: 0), text: LocalizedText([.swedish: text]))
        }
        let form = Questionnaire(id: "tricky", title: LocalizedText([.swedish: "Titel"]), languages: [.swedish], questions: questions)
        let (back, _) = try roundTrip(form)
        #expect(back.questions.map { $0.text.values[.swedish] } == tricky)
        #expect(back.contentHash == form.contentHash)
    }

    @Test func commentsAreWrittenAtTheTopAndAboveTheirQuestionAndChangeNothing() throws {
        let form = try shippedCoreForm("violence-seven")
        let comments = QuestionnaireWriter.Comments(header: ["Imported from test.xlsx", "Check the wording"], beforeQuestion: ["q3": ["survey!4: a note"]])
        let (back, yaml) = try roundTrip(form, comments: comments)
        #expect(yaml.hasPrefix("# Imported from test.xlsx\n# Check the wording\n"))
        let lines = yaml.components(separatedBy: "\n")
        let note = try #require(lines.firstIndex(of: "  # survey!4: a note"))
        #expect(lines[note + 1] == "  - id: q3")
        #expect(back.contentHash == form.contentHash)
    }
}
