import KioskCore
import Testing

/// The words on the screen agree with their numbers, in both languages.
struct PhrasebookTests {
    @Test func oneSavedAnswerIsSingularInSwedishAndEnglish() {
        #expect(Phrasebook(.swedish).unfinishedDescription(form: "HARK", day: "2026-11-25", answers: 1).contains("1 svar sparat."))
        #expect(Phrasebook(.swedish).unfinishedDescription(form: "HARK", day: "2026-11-25", answers: 3).contains("3 svar sparade."))
        #expect(Phrasebook(.english).unfinishedDescription(form: "HARK", day: "2026-11-25", answers: 1).contains("1 answer saved."))
        #expect(Phrasebook(.english).unfinishedDescription(form: "HARK", day: "2026-11-25", answers: 3).contains("3 answers saved."))
    }

    @Test func withOneChoiceTheHintSaysJustOne() {
        #expect(Phrasebook(.swedish).menuProblem("x", count: 1).contains("Skriv 1, eller q"))
        #expect(Phrasebook(.swedish).menuProblem("x", count: 4).contains("Skriv 1–4, eller q"))
        #expect(Phrasebook(.english).reviewProblem("9", count: 1).contains("Type 1, or press Enter"))
    }
}
