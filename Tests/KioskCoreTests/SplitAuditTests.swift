@testable import KioskCore
import KioskTestSupport
import Testing

/// A split summary beside the unsplit one: the sections add up to the whole, and that sum must not pin
/// a small count.
struct SplitAuditTests {
    init() { ShippedLanguages.install() }

    let method = CellKeyMethod.standard

    @Test func twoSectionsPublishedAsThreeUnderAWholePublishedAsZeroAreWorkedOut() throws {
        // The whole is 2 (published 0: 0, 1 or 2); two sections are 1 each (published 3: 1 to 5) and the
        // rest 0 (published 0). Added up: the whole is at least 2, so exactly 2, and each section exactly 1.
        let zero = method.possibleCounts(publishedAs: 0), three = method.possibleCounts(publishedAs: 3)
        let solved = try #require(SplitAudit.narrow(total: zero, terms: [three, three, zero, zero, zero]))
        #expect(solved.total == [2])
        #expect(solved.terms[0] == [1] && solved.terms[1] == [1])
        #expect(solved.terms[2] == [0])
    }

    @Test func aSumThatLeavesRoomPinsNothing() throws {
        let zero = method.possibleCounts(publishedAs: 0), three = method.possibleCounts(publishedAs: 3)
        let solved = try #require(SplitAudit.narrow(total: three, terms: [three, zero, zero]))
        #expect(solved.terms[0].count > 1 && solved.total.count > 1)
    }

    @Test func aSummarySplitBySiteNeverLetsTheSumPinASmallCount() {
        // Many small sites, a rare answer: whatever the record keys, the published split passes the audit.
        var random = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var collector = CountsCollector()
            for site in 0..<12 {
                let people = 5 + Int.random(in: 0..<6, using: &random)
                for person in 0..<people {
                    let tally = Tally.one(UInt32.random(in: .min ... .max, using: &random))
                    let rare = person == 0 && site < 2
                    collector.interviews(["Site \(site)"], gender: rare ? "annan" : "kvinna", tally)
                    collector.answer(["Site \(site)"], question: "q", kind: "choice", value: rare ? "yes" : "no", gender: rare ? "annan" : "kvinna", tally)
                }
            }
            collector.deriveAsked(except: [])
            let counts = collector.groups
            let form = Self.form
            let options = SummaryOptions(groupBy: [.site], minimumCell: 5)
            let split = SummaryReport(form: form, language: .swedish, options: options, counts: counts)
            var wholeRaw = GroupCounts()
            for raw in counts.values { wholeRaw.add(raw) }
            let whole = SummaryReport(form: form, language: .swedish, options: SummaryOptions(groupBy: [], minimumCell: 5), counts: [[]: wholeRaw])
            #expect(SplitAudit.sectionsToRedraw(whole: whole.groups[0], sections: split.groups, method: method, minimum: 5).allSatisfy {
                split.groups[$0].interviews.table.grandTotal == .belowMinimum
            })
        }
    }

    static let form: Questionnaire = {
        QuestionnaireLoader.load(yaml: """
            id: t
            title: {sv: T}
            languages: [sv]
            questions:
              - id: q
                type: yes_no
                text: {sv: Fråga}
              - id: gender
                type: single_choice
                breakdown: gender
                text: {sv: Kön}
                choices:
                  - {code: kvinna, text: {sv: Kvinna}}
                  - {code: man, text: {sv: Man}}
                  - {code: annan, text: {sv: Annat}}
            """, file: "t.yaml").questionnaire!
    }()
}
