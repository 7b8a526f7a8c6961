import KioskTestSupport
import KioskCore
import Testing

/// The words on the screen agree with their numbers, in both languages.
struct PhrasebookTests {
    init() { ShippedLanguages.install() }

    @Test func oneSavedAnswerIsSingularInSwedishAndEnglish() {
        #expect(Phrasebook(ShippedLanguages.swedish).unfinishedDescription(form: "HARK", day: "2026-11-25", answers: 1).contains("1 svar sparat."))
        #expect(Phrasebook(ShippedLanguages.swedish).unfinishedDescription(form: "HARK", day: "2026-11-25", answers: 3).contains("3 svar sparade."))
        #expect(Phrasebook(ShippedLanguages.english).unfinishedDescription(form: "HARK", day: "2026-11-25", answers: 1).contains("1 answer saved."))
        #expect(Phrasebook(ShippedLanguages.english).unfinishedDescription(form: "HARK", day: "2026-11-25", answers: 3).contains("3 answers saved."))
    }

    @Test func withOneChoiceTheHintSaysJustOne() {
        #expect(Phrasebook(ShippedLanguages.swedish).menuProblem("x", count: 1).contains("Skriv 1, eller q"))
        #expect(Phrasebook(ShippedLanguages.swedish).menuProblem("x", count: 4).contains("Skriv 1–4, eller q"))
        #expect(Phrasebook(ShippedLanguages.english).reviewProblem("9", count: 1).contains("Type 1, or press Enter"))
    }
}
