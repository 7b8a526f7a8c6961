import KioskTestSupport
import KioskCore
import Testing

/// Building a publishable summary from raw counts: every answer row, split by gender, small counts hidden.
@Suite struct SummaryTests {
    let form: Questionnaire

    init() throws {
        ShippedLanguages.install()
        form = try validForm("""
            id: test
            title: {sv: Test, en: Test}
            languages: [sv, en]
            questions:
              - {id: q1, type: yes_no, text: {sv: Fråga, en: Question}}
              - {id: q2, type: yes_no, text: {sv: Två, en: Two}, show_if: q1 = yes}
              - id: who
                type: multiple_choice
                text: {sv: Vem, en: Who}
                choices:
                  - {code: a, text: {sv: A, en: A}}
                  - {code: b, text: {sv: B, en: B}}
              - {id: months, type: number, min: 0, max: 59, text: {sv: Månader, en: Months}}
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
                label: {sv: Summa, en: Total}
                sum: [q1, q2]
                bands:
                  - {id: low, from: 0, to: 0, label: {sv: Låg, en: Low}}
                  - {id: high, from: 1, to: 2, label: {sv: Hög, en: High}}
            referrals:
              - {id: flag, when: q1 = yes, level: routine, message: {sv: Följ upp. Mer text., en: Follow up. More.}}
            """)
    }

    var counts: GroupCounts {
        var counts = GroupCounts()
        counts.interviews = ["kvinna": 30, "man": 20, "annan": 2]
        counts.asked = ["q1": ["kvinna": 30, "man": 20, "annan": 2], "q2": ["kvinna": 12, "man": 6, "annan": 1]]
        counts.answers = [
            "q1": ["yes": ["kvinna": 12, "man": 6, "annan": 1], "no": ["kvinna": 15, "man": 14, "annan": 1], "declined": ["kvinna": 3]],
            "q2": ["yes": ["kvinna": 10, "man": 6, "annan": 1], "no": ["kvinna": 2]],
            "who": ["a": ["kvinna": 20, "man": 10], "b": ["kvinna": 25, "man": 12, "annan": 2], "gone": ["man": 7]],
            "months": ["3": ["kvinna": 10], "12": ["kvinna": 20, "man": 20, "annan": 2]],
        ]
        counts.referrals = ["flag": ["kvinna": 12, "man": 6, "annan": 1]]
        counts.scores = ["total": ["0": ["kvinna": 18, "man": 14, "annan": 1], "2": ["kvinna": 12, "man": 6, "annan": 1]]]
        counts.bands = ["total": ["low": ["kvinna": 18, "man": 14, "annan": 1], "high": ["kvinna": 12, "man": 6, "annan": 1]]]
        return counts
    }

    func table(_ report: SummaryReport, _ id: String) throws -> PublishedTable {
        try #require(report.groups.first?.questions.first { $0.id == id }?.table)
    }

    /// What the Cell Key Method publishes for `n` interviews written as a literal (the key the literal gives).
    func published(_ n: Int) -> PublishedCount { .count(CellKeyMethod.standard.publish(Tally(integerLiteral: n))) }


    @Test func everyTableHasTheGenderColumnsAndTheSameBases() throws {
        let report = SummaryReport(form: form, language: .swedish, options: SummaryOptions(), counts: [[]: counts])
        #expect(report.columns.map(\.key) == ["kvinna", "man", "annan", "declined", "not_stated"])
        let interviews = try #require(report.groups.first?.interviews.table)
        #expect(near(interviews.grandTotal, 52))
        #expect(interviews.columnTotals[2] == published(2), "two 'annan' interviews are published as 0, 3 or 4, never 2")
        #expect(interviews.columnTotals[2].value != 2)
        #expect(near(interviews.columnTotals[0], 30))
        let q1 = try table(report, "q1")
        #expect(q1.rows.map(\.key) == ["yes", "no", "declined", "dont_know"])
        #expect(q1.columnTotals == interviews.columnTotals, "the same bases, with the same noise, in every table")
    }

    @Test func aConditionalQuestionCountsThoseNotAsked() throws {
        let report = SummaryReport(form: form, language: .english, options: SummaryOptions(), counts: [[]: counts])
        let q2 = try table(report, "q2")
        #expect(q2.rows.last?.key == "not_asked")
        #expect(near(q2.rowTotals.last, 52 - 19))
    }

    @Test func multipleChoiceRowsNeedNotAddUpAndRemovedChoicesAreKept() throws {
        let report = SummaryReport(form: form, language: .english, options: SummaryOptions(), counts: [[]: counts])
        let who = try table(report, "who")
        #expect(!who.rowsAddUp)
        #expect(who.rows.map(\.key).prefix(3) == ["a", "b", "gone"])
        #expect(near(who.rowTotals[2], 7))
    }

    @Test func numbersAreShownInRanges() throws {
        let report = SummaryReport(form: form, language: .swedish, options: SummaryOptions(), counts: [[]: counts])
        let months = try table(report, "months")
        #expect(months.rows.map(\.key).prefix(6) == ["0-9", "10-19", "20-29", "30-39", "40-49", "50-59"])
        #expect(near(months.rowTotals[0], 10))
        #expect(near(months.rowTotals[1], 42))
    }

    @Test func headlinesGiveReferralsDeclinedAndScoreBands() throws {
        let report = SummaryReport(form: form, language: .swedish, options: SummaryOptions(), counts: [[]: counts])
        let group = try #require(report.groups.first)
        #expect(group.referrals?.table.rows.map(\.label) == ["Följ upp."])
        #expect(near(group.referrals?.table.rowTotals.first, 19))
        #expect(group.declined?.table.rows.first?.key == "q1")
        #expect(near(group.declined?.table.rowTotals.first, 3))
        let bands = try #require(group.scores.first?.table)
        #expect(bands.rows.map(\.key) == ["low", "high", "not_scored"])
        #expect(near(bands.rowTotals[0], 33) && near(bands.rowTotals[1], 19) && bands.rowTotals[2] == .count(0))
        #expect(bands.rowsAddUp)
        #expect(!group.questions.contains { $0.id == "gender" }, "gender is the columns, not a table")
    }

    @Test func aSectionWithFewerInterviewsThanTheMinimumShowsNothing() throws {
        var few = GroupCounts()
        few.interviews = ["kvinna": 1]
        few.answers = ["q1": ["yes": ["kvinna": 1]]]
        let report = SummaryReport(form: form, language: .swedish, options: SummaryOptions(), counts: [[]: few])
        let group = try #require(report.groups.first)
        #expect(group.interviews.table.grandTotal == .belowMinimum)
        #expect(group.questions.allSatisfy { $0.table.cells.allSatisfy { $0.allSatisfy { $0 == .belowMinimum } } })
    }

    @Test func groupsFollowTheSplitInOrder() throws {
        let options = SummaryOptions(groupBy: [.site])
        let report = SummaryReport(form: form, language: .swedish, options: options, counts: [["Syd"]: counts, ["Norr"]: counts])
        #expect(report.groups.map(\.label) == ["Norr", "Syd"])
        #expect(report.groups.first?.key == ["site": "Norr"])
    }

    @Test func ageBandSectionsAreNamedByTheFormsOwnWordsNotCodes() throws {
        let shipped = try shippedCoreForm("violence-seven")
        let options = SummaryOptions(groupBy: [.ageBand, .site])
        let report = SummaryReport(form: shipped, language: .swedish, options: options,
                                   counts: [["25-34", "Norr"]: counts, ["declined", "Norr"]: counts, ["", "Syd"]: counts])
        #expect(report.groups.map(\.label) == ["Ej angivet · Syd", "25–34 år · Norr", "Vill inte svara · Norr"])
        let english = SummaryReport(form: shipped, language: .english, options: options, counts: [["25-34", "Norr"]: counts])
        #expect(english.groups.map(\.label) == ["25–34 years · Norr"])
        #expect(english.groups.first?.key == ["age_band": "25-34", "site": "Norr"], "the key keeps the code, for machines")
    }

    @Test func withNoInterviewsTheReportSaysSo() throws {
        let report = SummaryReport(form: form, language: .swedish, options: SummaryOptions(), counts: [:])
        #expect(report.groups.count == 1)
        #expect(report.groups.first?.interviews.table.grandTotal == .count(0))
    }

    @Test func periodsAreMonthsQuartersAndYears() {
        let month = Month(year: 2026, month: 11)
        #expect(SummaryDimension.period(.month, of: month) == "2026-11")
        #expect(SummaryDimension.period(.quarter, of: month) == "2026-Q4")
        #expect(SummaryDimension.period(.year, of: month) == "2026")
        #expect(SummaryDimension.period(.quarter, of: Month(year: 2026, month: 3)) == "2026-Q1")
        #expect(PeriodName.months("2026-Q2") == [Month(year: 2026, month: 4), Month(year: 2026, month: 5), Month(year: 2026, month: 6)])
        #expect(PeriodName.months("2026")?.count == 12)
        #expect(PeriodName.months("2026-13") == nil)
    }

    @Test func theSplitsComeFromAFixedCatalogue() {
        #expect(SummaryDimension.isInCatalogue([]))
        #expect(SummaryDimension.isInCatalogue([.ageBand, .period(.quarter)]))
        #expect(SummaryDimension.isInCatalogue([.site, .period(.year)]))
        #expect(!SummaryDimension.isInCatalogue([.ageBand, .site]), "age band and site together are too fine")
        #expect(!SummaryDimension.isInCatalogue([.period(.month), .period(.year)]))
    }
}
