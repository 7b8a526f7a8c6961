import KioskTestSupport
import KioskCore
import SeededRandom
import Testing

/// The audit of one published table: which numbers a reader who knows the method can pin down.
struct TableAuditTests {
    init() { ShippedLanguages.install() }

    let method = CellKeyMethod.standard

    /// A yes/no table by two genders, as published (`nil`: withheld).
    func table(_ cells: [[Int]], rows: [Int], columns: [Int], grand: Int, addsUp: Bool = true) -> PublishedTable {
        PublishedTable(
            rows: cells.indices.map { .init(key: "r\($0)", label: "") },
            columns: columns.indices.map { .init(key: "c\($0)", label: "") },
            cells: cells.map { $0.map { .count($0) } }, rowTotals: rows.map { .count($0) },
            columnTotals: columns.map { .count($0) }, grandTotal: .count(grand), rowsAddUp: addsUp)
    }

    @Test func aRowPublishedAsZeroWithTwoCellsPublishedAsThreeIsOnePlusOne() {
        // Found by the attack tests: yes 1 + 1 (published 3, 3), the row's total 2 published as 0.
        let published = table([[3, 3], [13, 7]], rows: [0, 20], columns: [14, 6], grand: 25)
        let pinned = TableAudit.pinned(in: published, method: method, minimum: 5)
        #expect(pinned.contains(.cell(row: 0, column: 0)))
        #expect(pinned.contains(.cell(row: 0, column: 1)))
    }

    @Test func anOrdinaryTableRevealsNothing() {
        let published = table([[3, 4], [13, 7]], rows: [8, 20], columns: [16, 11], grand: 27)
        #expect(TableAudit.pinned(in: published, method: method, minimum: 5).isEmpty)
    }

    @Test func bigExactlyKnownCountsAreNoDisclosure() {
        // Columns at their extremes pin large counts only: 38 and 62 are not small.
        let published = table([[40, 64]], rows: [100], columns: [40, 64], grand: 98)
        let pinned = TableAudit.pinned(in: published, method: method, minimum: 5)
        #expect(pinned.isEmpty, "\(pinned)")
    }

    @Test func aZeroPinnedInAColumnWithPeopleShowsEveryoneAnsweredAlike() {
        // Column 0: total 3 published as 5 (3…7)? No: published 3 means 1…5; cells 0 (0…2) and 5 (3…7),
        // total published 3 → the second cell is 3…5, so total ≥ 3 and ≤ 5 … pinned only at the extreme:
        // total published 3 (≤ 5), second cell published 7 (≥ 5): second = 5, first = 0 — all answered r1.
        let published = table([[0, 0], [7, 3]], rows: [0, 9], columns: [3, 3], grand: 8)
        let pinned = TableAudit.pinned(in: published, method: method, minimum: 5)
        #expect(pinned.contains(.cell(row: 0, column: 0)))
    }

    @Test func aWithheldTableRevealsNothing() {
        let withheld = Publication.withheld(CountTable(
            rows: [.init(key: "r", label: "")], columns: [.init(key: "c", label: "")],
            counts: [[Tally(count: 1, key: 9)]], columnTotals: [Tally(count: 1, key: 9)], rowsAddUp: true))
        #expect(TableAudit.pinned(in: withheld, method: method, minimum: 5).isEmpty)
    }

    @Test func everyPublishedSectionHasBeenDrawnUntilNoTableRevealsAnything() throws {
        // Many small random sections: whatever their first draw, what is published passes the audit.
        var random = SeededRandom(seed: 17)
        var counts: [[String]: GroupCounts] = [:]
        for site in 0..<300 {
            var group = GroupCounts()
            var key: UInt32 = UInt32(truncatingIfNeeded: random.next())
            func one() -> Tally { key = key &* 747796405 &+ 2891336453; return .one(key) }
            for _ in 0..<(4 + Int(random.next() % 12)) {
                let gender = ["kvinna", "man", "annan"][Int(random.next() % 3)]
                let person = one()
                group.interviews[gender, default: .zero] += person
                for question in ["q1", "q2"] {
                    group.asked[question, default: [:]][gender, default: .zero] += person
                    let answer = random.unit() < 0.3 ? "yes" : "no"
                    group.answers[question, default: [:]][answer, default: [:]][gender, default: .zero] += person
                }
            }
            counts[["Site \(site)"]] = group
        }
        let form = try validForm("""
            id: t
            title: T
            languages: [sv]
            questions:
              - {id: q1, type: yes_no, text: Ett}
              - {id: q2, type: yes_no, text: Två}
              - id: gender
                type: single_choice
                breakdown: gender
                text: Kön
                choices: [{code: kvinna, text: Kvinna}, {code: man, text: Man}, {code: annan, text: Annan}]
            """)
        let report = SummaryReport(form: form, language: .swedish, options: SummaryOptions(groupBy: [.site], minimumCell: 5), counts: counts)
        var shown = 0
        for group in report.groups where group.interviews.table.grandTotal != .belowMinimum {
            shown += 1
            for table in group.tables {
                #expect(TableAudit.pinned(in: table.table, method: method, minimum: 5).isEmpty, "\(group.label) \(table.id)")
            }
        }
        #expect(shown > 200)
    }
}
