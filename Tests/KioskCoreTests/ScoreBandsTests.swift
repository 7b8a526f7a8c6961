import KioskTestSupport
import KioskCore
import Testing

/// Bands and rules a form author cannot get wrong silently: every value a score can have lies in exactly
/// one band, and bands may depend on the participant (a cut-off that differs by gender).
@Suite struct ScoreBandsTests {
    init() { ShippedLanguages.install() }

    /// Three yes/no items: the score can be 0–3.
    func form(bands: String, extra: String = "") -> String {
        """
        id: test
        title: {sv: T, en: T}
        languages: [sv, en]
        questions:
          - {id: a, type: yes_no, text: {sv: a, en: a}}
          - {id: b, type: yes_no, text: {sv: b, en: b}}
          - {id: c, type: yes_no, text: {sv: c, en: c}}
          - id: gender
            type: single_choice
            breakdown: gender
            text: {sv: Kön, en: Gender}
            choices:
              - {code: kvinna, text: {sv: Kvinna, en: Woman}}
              - {code: man, text: {sv: Man, en: Man}}
              - {code: annan, text: {sv: Annat, en: Other}}
        scores:
          - id: total
            label: {sv: S, en: S}
            sum: [a, b, c]
        \(bands)
        \(extra)
        """
    }

    @Test func aGapBetweenBandsIsAnErrorWhoseHintClosesIt() {
        let loaded = load(form(bands: """
                bands:
                  - {id: low, from: 0, to: 0, label: {sv: L, en: L}}
                  - {id: high, from: 2, to: 3, label: {sv: H, en: H}}
            """))
        let errors = loaded.diagnostics.errors
        #expect(errors.map(\.message) == ["score 'total' has no band for 1, between band 'low' (ending at 0) and band 'high' (starting at 2)"])
        #expect(errors.first?.fix == "write 'from: 1' in band 'high', or 'to: 1' in band 'low'")
        #expect(errors.first?.location?.line == 22, "at the band after the gap")
    }

    @Test func bandsThatLeaveOutTheLowestOrHighestValueAreErrors() {
        let loaded = load(form(bands: """
                bands:
                  - {id: mid, from: 1, to: 2, label: {sv: M, en: M}}
            """))
        #expect(loaded.diagnostics.errors.map(\.message) == [
            "score 'total' can be 0, below its lowest band 'mid' (from 1)",
            "score 'total' can be 3, above its highest band 'mid' (to 2)",
        ])
        #expect(loaded.diagnostics.errors.map(\.fix) == ["write 'from: 0' in band 'mid'", "write 'to: 3' in band 'mid'"])
    }

    @Test func aBandOutsideThePossibleRangeIsAnError() {
        let loaded = load(form(bands: """
                bands:
                  - {id: every, from: 0, to: 3, label: {sv: A, en: A}}
                  - {id: never, from: 4, to: 9, label: {sv: N, en: N}}
            """))
        #expect(loaded.diagnostics.errors.map(\.message) == ["band 'never' of score 'total' (4–9) can never be reached: the score only takes values from 0 to 3"])
    }

    @Test func overlappingBandsAreAnError() {
        let loaded = load(form(bands: """
                bands:
                  - {id: low, from: 0, to: 2, label: {sv: L, en: L}}
                  - {id: high, from: 2, to: 3, label: {sv: H, en: H}}
            """))
        #expect(loaded.diagnostics.errors.map(\.message) == ["band 'high' of score 'total' (2–3) overlaps band 'low' (0–2)"])
    }

    @Test func aMissingEndOfABandIsSuggestedFromItsNeighbour() {
        let loaded = load(form(bands: """
                bands:
                  - {id: low, from: 0, to: 1, label: {sv: L, en: L}}
                  - {id: high, to: 3, label: {sv: H, en: H}}
            """))
        #expect(loaded.diagnostics.errors.map(\.fix) == ["add a line 'from: 2'"])
        let first = load(form(bands: """
                bands:
                  - {id: low, to: 1, label: {sv: L, en: L}}
                  - {id: high, from: 2, to: 3, label: {sv: H, en: H}}
            """))
        #expect(first.diagnostics.errors.map(\.fix) == ["add a line 'from: 0'"], "the lowest possible score")
        let last = load(form(bands: """
                bands:
                  - {id: low, from: 0, to: 1, label: {sv: L, en: L}}
                  - {id: high, from: 2, label: {sv: H, en: H}}
            """))
        #expect(last.diagnostics.errors.map(\.fix) == ["add a line 'to: 3'"], "the highest possible score")
    }

    @Test func minAnsweredCountsOnlyScoredValuesAndIsChecked() throws {
        // With all three needed, the score cannot be below 0 … but every sum of three answers is 0–3.
        let fine = try validForm(form(bands: """
                min_answered: 3
                bands:
                  - {id: low, from: 0, to: 1, label: {sv: L, en: L}}
                  - {id: high, from: 2, to: 3, label: {sv: H, en: H}}
            """))
        #expect(fine.score("total")?.minAnswered == 3)
        let tooMany = load(form(bands: "    min_answered: 4"))
        #expect(tooMany.diagnostics.errors.map(\.message) == ["'min_answered' of score 'total' is 4, but it sums 3 items"])
    }

    @Test func bandsForSomeParticipantsNeedTheSameBandIds() {
        let loaded = load(form(bands: """
                bands:
                  - {id: below, from: 0, to: 1, label: {sv: U, en: B}}
                  - {id: over, from: 2, to: 3, label: {sv: Ö, en: O}}
                bands_for:
                  - when: gender = man
                    bands:
                      - {id: under, from: 0, to: 2, label: {sv: U, en: B}}
                      - {id: over, from: 3, to: 3, label: {sv: Ö, en: O}}
            """))
        #expect(loaded.diagnostics.errors.map(\.message) == [
            "the bands for 'gender = man' of score 'total' have the bands 'under', 'over', but the score's 'bands' are 'below', 'over'",
        ])
    }

    @Test func bandsForSomeParticipantsPickThemOutByAnswersNotScores() {
        let loaded = load(form(bands: """
                bands:
                  - {id: below, from: 0, to: 1, label: {sv: U, en: B}}
                  - {id: over, from: 2, to: 3, label: {sv: Ö, en: O}}
                bands_for:
                  - when: total >= 1
                    bands:
                      - {id: below, from: 0, to: 2, label: {sv: U, en: B}}
                      - {id: over, from: 3, to: 3, label: {sv: Ö, en: O}}
            """))
        #expect(loaded.diagnostics.errors.map(\.message).contains {
            $0.contains("'when' of the bands for 'total >= 1' of score 'total' uses the score 'total'")
        })
    }

    @Test func aCutOffThatDiffersByGenderGivesEachTheirBand() throws {
        let form = try validForm(form(bands: """
                bands:
                  - {id: below, from: 0, to: 1, label: {sv: Under, en: Below}}
                  - {id: over, from: 2, to: 3, label: {sv: Över, en: Over}}
                bands_for:
                  - when: gender = man
                    bands:
                      - {id: below, from: 0, to: 2, label: {sv: Under för män, en: Below for men}}
                      - {id: over, from: 3, to: 3, label: {sv: Över för män, en: Over for men}}
            """))
        let two: Answers = ["a": .choice("yes"), "b": .choice("yes"), "c": .choice("no")]
        #expect(form.assess(two.merging(["gender": .choice("kvinna")]) { $1 }).score("total")?.band == "over")
        #expect(form.assess(two.merging(["gender": .choice("man")]) { $1 }).score("total")?.band == "below")
        #expect(form.assess(two.merging(["gender": .declined]) { $1 }).score("total")?.band == "over", "everyone not picked out")
    }

    @Test func aRuleThatFiresWhateverTheAnswersWarns() {
        let loaded = load(form(bands: "", extra: """
            referrals:
              - {id: always, when: answered(a) or not answered(a), level: routine, message: {sv: m, en: m}}
            """))
        #expect(loaded.diagnostics.errors.isEmpty)
        #expect(loaded.diagnostics.warnings.map(\.message).contains("referral rule 'always' fires whatever the answers are: no answers make 'answered(a) or not answered(a)' false"))
    }

    @Test func aRuleThatUsedToFireOnNothingAnsweredSaysItNoLongerDoes() {
        let loaded = load(form(bands: "", extra: """
            referrals:
              - {id: none, when: total < 1, level: routine, message: {sv: m, en: m}}
            """))
        #expect(loaded.diagnostics.warnings.contains {
            $0.message.contains("'total < 1' in referral rule 'none' is false when none of the items of 'total' is answered")
        })
    }
}
