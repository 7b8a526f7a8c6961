/// What a reader can conclude by putting a split summary beside the unsplit one of the same months:
/// every number of the whole is the sum of the same number in the sections (each interview is in
/// exactly one section). Each published number stands for the few true counts the perturbation table
/// allows; the sum narrows them. When the sum leaves a number — a section's or the whole's — one
/// possible value from 1 to K−1, the sections involved are drawn again (see ``SummaryReport``).
///
/// Reasoning: interval bounds from the sum, applied to each number's set of possible values, until
/// nothing changes. It is the sum's own reasoning, not every combination with the tables' inner sums
/// (`TableAudit` covers those within a section).
enum SplitAudit {
    /// The possible true values of one published number.
    typealias Values = [Int]

    /// The sections (indices into `sections`) that must be drawn again so that no number of the whole or
    /// of a section can be worked out to be from 1 to `minimum − 1` by adding the sections up.
    static func sectionsToRedraw(whole: SummaryReport.Group, sections: [SummaryReport.Group], method: CellKeyMethod,
                                 minimum: Int) -> Set<Int> {
        var redraw = Set<Int>()
        let withheldRange = Array(0...(minimum + method.maximumDeviation))
        func values(_ count: PublishedCount?) -> Values {
            switch count {
            case .count(let n)?: return method.possibleCounts(publishedAs: n)
            case .belowMinimum?: return withheldRange
            // A row a section does not show: none of its interviews gave that answer.
            case nil: return [0]
            }
        }
        for (id, wholeTable) in tables(of: whole) {
            let parts = sections.map { tables(of: $0)[id] }
            for position in positions(of: wholeTable) {
                let total = values(number(at: position, in: wholeTable))
                let terms = parts.map { part in part.map { values(number(at: position, in: $0)) } ?? [0] }
                guard let solved = narrow(total: total, terms: terms) else { continue }
                let pinned = { (set: Values) in set.count == 1 && set[0] > 0 && set[0] < minimum }
                if pinned(solved.total) {
                    // The whole is worked out: every section with people in this number is drawn again.
                    for (i, term) in solved.terms.enumerated() where (term.last ?? 0) > 0 { redraw.insert(i) }
                }
                for (i, term) in solved.terms.enumerated() where pinned(term) { redraw.insert(i) }
            }
        }
        return redraw
    }

    /// Narrows `total = Σ terms` to a fixed point; nil when no counts satisfy it (never for true counts).
    static func narrow(total: Values, terms: [Values]) -> (total: Values, terms: [Values])? {
        var total = total, terms = terms
        var changed = true
        while changed {
            changed = false
            guard !total.isEmpty, terms.allSatisfy({ !$0.isEmpty }) else { return nil }
            let lows = terms.map { $0.first! }, highs = terms.map { $0.last! }
            let low = lows.reduce(0, +), high = highs.reduce(0, +)
            let newTotal = total.filter { $0 >= low && $0 <= high }
            if newTotal != total { total = newTotal; changed = true }
            guard let totalLow = total.first, let totalHigh = total.last else { return nil }
            for i in terms.indices {
                let atLeast = totalLow - (high - highs[i]), atMost = totalHigh - (low - lows[i])
                let newTerm = terms[i].filter { $0 >= atLeast && $0 <= atMost }
                if newTerm != terms[i] { terms[i] = newTerm; changed = true }
            }
        }
        return (total, terms)
    }

    /// A group's tables by id.
    static func tables(of group: SummaryReport.Group) -> [String: PublishedTable] {
        var all: [SummaryReport.Table] = [group.interviews] + group.questions + group.scores
        if let referrals = group.referrals { all.append(referrals) }
        if let declined = group.declined { all.append(declined) }
        if let coverage = group.coverage { all.append(coverage) }
        return Dictionary(all.map { ($0.id, $0.table) }, uniquingKeysWith: { first, _ in first })
    }

    /// A number of a table, by row and column keys (so tables whose rows differ line up).
    enum Position: Hashable {
        case cell(row: String, column: String)
        case rowTotal(String)
        case columnTotal(String)
        case grandTotal
    }

    static func positions(of table: PublishedTable) -> [Position] {
        var result: [Position] = [.grandTotal]
        for row in table.rows {
            result.append(.rowTotal(row.key))
            for column in table.columns { result.append(.cell(row: row.key, column: column.key)) }
        }
        for column in table.columns { result.append(.columnTotal(column.key)) }
        return result
    }

    /// The number at `position` in `table`; nil when the table has no such row or column (a count of 0).
    static func number(at position: Position, in table: PublishedTable) -> PublishedCount? {
        func row(_ key: String) -> Int? { table.rows.firstIndex { $0.key == key } }
        func column(_ key: String) -> Int? { table.columns.firstIndex { $0.key == key } }
        switch position {
        case .grandTotal: return table.grandTotal
        case .rowTotal(let key): return row(key).map { table.rowTotals[$0] }
        case .columnTotal(let key): return column(key).map { table.columnTotals[$0] }
        case .cell(let rowKey, let columnKey):
            guard let r = row(rowKey), let c = column(columnKey) else { return nil }
            return table.cells[r][c]
        }
    }
}
