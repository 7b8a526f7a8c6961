import KioskCore
import PropertyBased
import Testing

/// Small-cell suppression: nothing below K is published, and nothing hidden can be worked out.
@Suite struct SuppressionTests {
    /// What a reader can work out from a published table: repeatedly, any sum with one unknown member.
    /// Returns the hidden values that become known.
    static func recoverable(_ published: PublishedTable, _ table: CountTable) -> [String] {
        let rows = table.rows.count, columns = table.columns.count
        // Known values by position: cells, row totals, column totals, grand total.
        var known: [String: Int] = [:]
        func key(_ kind: String, _ a: Int, _ b: Int = 0) -> String { "\(kind)\(a).\(b)" }
        for r in 0..<rows { for c in 0..<columns { if let v = published.cells[r][c].value { known[key("c", r, c)] = v } } }
        for r in 0..<rows { if let v = published.rowTotals[r].value { known[key("r", r)] = v } }
        for c in 0..<columns { if let v = published.columnTotals[c].value { known[key("t", c)] = v } }
        if let g = published.grandTotal.value { known["g"] = g }
        // Sums: members add up to the total.
        var sums: [(members: [String], total: String)] = (0..<rows).map { r in ((0..<columns).map { key("c", r, $0) }, key("r", r)) }
        if table.rowsAddUp {
            sums += (0..<columns).map { c in ((0..<rows).map { key("c", $0, c) }, key("t", c)) }
            sums.append(((0..<rows).map { key("r", $0) }, "g"))
        }
        sums.append(((0..<columns).map { key("t", $0) }, "g"))
        let initiallyKnown = Set(known.keys)
        var progress = true
        while progress {
            progress = false
            for sum in sums {
                let unknownMembers = sum.members.filter { known[$0] == nil }
                if let total = known[sum.total], unknownMembers.count == 1 {
                    known[unknownMembers[0]] = total - sum.members.compactMap { known[$0] }.reduce(0, +)
                    progress = true
                } else if known[sum.total] == nil, unknownMembers.isEmpty {
                    known[sum.total] = sum.members.compactMap { known[$0] }.reduce(0, +)
                    progress = true
                }
            }
        }
        return known.keys.filter { !initiallyKnown.contains($0) }.sorted()
    }

    static func randomTable(rows: Int, columns: Int, values: [Int], addsUp: Bool) -> CountTable {
        var counts: [[Int]] = []
        var iterator = values.makeIterator()
        for _ in 0..<rows { counts.append((0..<columns).map { _ in iterator.next() ?? 0 }) }
        let totals = (0..<columns).map { c in counts.map { $0[c] }.reduce(0, +) + (addsUp ? 0 : (iterator.next() ?? 3)) }
        return CountTable(
            rows: (0..<rows).map { .init(key: "r\($0)", label: "r\($0)") },
            columns: (0..<columns).map { .init(key: "c\($0)", label: "c\($0)") },
            counts: counts, columnTotals: totals, rowsAddUp: addsUp)
    }

    @Test func randomTablesPublishNothingBelowTheMinimumAndLeakNothing() async {
        await propertyCheck(
            count: 600,
            input: Gen.int(in: 1...7), Gen.int(in: 1...5), Gen.int(in: 0...40).array(of: 40...40), Gen.int(in: 3...8), Gen.bool
        ) { rows, columns, raw, minimum, addsUp in
            // Small counts are what suppression is about: squeeze most values into 0…2K.
            let values = raw.map { $0 % (2 * minimum + 1) }
            let table = Self.randomTable(rows: rows, columns: columns, values: values, addsUp: addsUp)
            let hiddenColumns = Suppression.hiddenColumnTotals(table.columnTotals, minimum: minimum)
            let published = Suppression.publish(table, minimum: minimum, hiddenColumns: hiddenColumns)
            let all = published.cells.flatMap { $0 } + published.rowTotals + published.columnTotals + [published.grandTotal]
            if table.grandTotal >= minimum || table.grandTotal == 0 {
                for value in all { if let n = value.value { #expect(n == 0 || n >= minimum) } }
                #expect(Self.recoverable(published, table).isEmpty, "\(table.counts) → \(published.cells)")
            } else {
                #expect(all.allSatisfy { $0 == .belowMinimum })
            }
            // What is published is the truth: totals agree with the counts.
            #expect(published.grandTotal.value == nil || published.grandTotal.value == table.grandTotal)
            for r in 0..<rows { for c in 0..<columns { if let n = published.cells[r][c].value { #expect(n == table.counts[r][c]) } } }
        }
    }

    @Test func aSingleSmallCellHidesAnotherInItsRowAndColumn() {
        let table = CountTable(
            rows: [.init(key: "yes", label: "Ja"), .init(key: "no", label: "Nej")],
            columns: [.init(key: "kvinna", label: "Kvinna"), .init(key: "man", label: "Man")],
            counts: [[2, 10], [20, 30]], columnTotals: [22, 40], rowsAddUp: true)
        let published = Suppression.publish(table, minimum: 5, hiddenColumns: [])
        #expect(published.cells[0][0] == .belowMinimum)
        #expect(published.cells.flatMap { $0 }.filter { $0 == .hidden }.count >= 1)
        #expect(Self.recoverable(published, table).isEmpty)
        #expect(published.cells[0][0].text(minimum: 5) == "<5")
        #expect(PublishedCount.hidden.text(minimum: 5) == "..")
    }

    @Test func aSmallGenderGroupIsHiddenWithAnotherInEveryTable() {
        #expect(Suppression.hiddenColumnTotals([40, 30, 2, 0, 0], minimum: 5) == [2, 1])
        #expect(Suppression.hiddenColumnTotals([40, 30, 0, 0, 0], minimum: 5).isEmpty)
        #expect(Suppression.hiddenColumnTotals([40, 3, 2, 0, 0], minimum: 5) == [1, 2])
    }

    @Test func tooFewInterviewsPublishNothing() {
        let table = CountTable(rows: [.init(key: "yes", label: "Ja")], columns: [.init(key: "kvinna", label: "Kvinna")],
                               counts: [[3]], columnTotals: [3], rowsAddUp: true)
        let published = Suppression.publish(table, minimum: 5, hiddenColumns: [0])
        #expect(published.grandTotal == .belowMinimum)
        #expect(published.cells == [[.belowMinimum]])
    }
}
