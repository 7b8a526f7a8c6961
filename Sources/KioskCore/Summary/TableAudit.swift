/// What a reader who knows exactly how the kiosk publishes can conclude from one published table.
///
/// Every published number stands for the few true counts the perturbation table allows (a published 3
/// for 1 … 5, a published 0 for 0 … 2), and the true counts are tied together: a row's cells make its
/// total, a single-choice column's cells make the column's total, the columns make the grand total. Now
/// and then those ties leave a number only one possible value: a row published as 0 whose two cells are
/// published as 3 can only be 1 + 1. The audit finds every number that is pinned like that to a value
/// below the minimum K — and every cell pinned to 0 in a column that may have people in it, which would
/// show that everyone in the column answered alike.
///
/// Reasoning: each number's range of possible values is narrowed by the sums until nothing changes;
/// then counts satisfying every sum are searched for, each search steering away from the values already
/// seen, until every number that may be below K has been seen with two values — or shown to have only
/// one. A search that runs out of steps counts as pinned (the audit errs on the reader's side).
public enum TableAudit {
    /// A number in a table.
    public enum Position: Hashable, Sendable, CustomStringConvertible {
        case cell(row: Int, column: Int)
        case rowTotal(Int)
        case columnTotal(Int)
        case grandTotal

        public var description: String {
            switch self {
            case .cell(let row, let column): return "cell \(row),\(column)"
            case .rowTotal(let row): return "row total \(row)"
            case .columnTotal(let column): return "column total \(column)"
            case .grandTotal: return "grand total"
            }
        }
    }

    /// The numbers of `table` (as published) that can be worked out to be a single value below
    /// `minimum`, or a single 0 in a column that may have people. A withheld table reveals nothing.
    public static func pinned(in table: PublishedTable, method: CellKeyMethod, minimum: Int, searchSteps: Int = 5_000) -> [Position] {
        guard let model = Model(table, method: method) else { return [] }
        var ranges = model.ranges
        guard model.narrow(&ranges) else { return [] }  // The true counts always satisfy every sum.
        // Each consistent set of counts proves a value possible for every number at once.
        var seen = ranges.map { range -> [Int] in range.low == range.high ? [range.low] : [] }
        func record(_ counts: [Int]) {
            for (variable, value) in counts.enumerated() where !seen[variable].contains(value) { seen[variable].append(value) }
        }
        func search(_ trial: [Model.Range]) -> Model.Search {
            let result = model.solution(trial, avoiding: seen, steps: searchSteps)
            if case .found(let counts) = result { record(counts) }
            return result
        }
        guard case .found = search(ranges) else { return [] }
        /// The value `variable` must have, if it can have only one (out of steps: the one seen).
        func only(_ variable: Int) -> Int? {
            guard seen[variable].count == 1, let value = seen[variable].first else { return nil }
            let range = ranges[variable]
            if range.low == range.high { return value }
            for other in [Model.Range(low: range.low, high: value - 1), Model.Range(low: value + 1, high: range.high)] where other.low <= other.high {
                var trial = ranges
                trial[variable] = other
                switch search(trial) {
                case .found: return nil
                case .none: continue
                case .outOfSteps: return value
                }
            }
            return value
        }
        /// Whether the column (or table) whose total is `total` may have people in it.
        func mayHavePeople(_ total: Int) -> Bool {
            if seen[total].contains(where: { $0 > 0 }) { return true }
            guard ranges[total].high > 0 else { return false }
            var trial = ranges
            trial[total].low = max(1, trial[total].low)
            switch search(trial) {
            case .found, .outOfSteps: return true
            case .none: return false
            }
        }
        var pinned: [Position] = []
        for (position, variable) in model.positions where ranges[variable].low < minimum {
            guard let value = only(variable) else { continue }
            if value > 0 {
                if value < minimum { pinned.append(position) }
            } else if case .cell(_, let column) = position, mayHavePeople(model.columnTotals[column]) {
                pinned.append(position)
            } else if case .rowTotal = position, mayHavePeople(model.grandTotal) {
                pinned.append(position)
            }
        }
        return pinned
    }

    /// The numbers and the sums between them.
    struct Model {
        /// The true counts a published number allows: always an unbroken range.
        struct Range: Equatable {
            var low: Int
            var high: Int
        }

        var ranges: [Range] = []
        /// `total` is the sum of `parts`.
        var sums: [(total: Int, parts: [Int])] = []
        /// `part` is at most `whole` (a multiple-choice cell and its column's total).
        var atMost: [(part: Int, whole: Int)] = []
        var positions: [(Position, Int)] = []
        var columnTotals: [Int] = []
        var grandTotal = 0

        init?(_ table: PublishedTable, method: CellKeyMethod) {
            func add(_ count: PublishedCount, _ position: Position) -> Int? {
                guard let value = count.value else { return nil }
                let counts = method.possibleCounts(publishedAs: value)
                guard let low = counts.first, let high = counts.last else { return nil }
                ranges.append(Range(low: low, high: high))
                positions.append((position, ranges.count - 1))
                return ranges.count - 1
            }
            var cells: [[Int]] = []
            for (r, row) in table.cells.enumerated() {
                var variables: [Int] = []
                for (c, count) in row.enumerated() {
                    guard let variable = add(count, .cell(row: r, column: c)) else { return nil }
                    variables.append(variable)
                }
                cells.append(variables)
            }
            var rowTotals: [Int] = []
            for (r, count) in table.rowTotals.enumerated() {
                guard let variable = add(count, .rowTotal(r)) else { return nil }
                rowTotals.append(variable)
            }
            for (c, count) in table.columnTotals.enumerated() {
                guard let variable = add(count, .columnTotal(c)) else { return nil }
                columnTotals.append(variable)
            }
            guard let grand = add(table.grandTotal, .grandTotal) else { return nil }
            grandTotal = grand
            for (r, total) in rowTotals.enumerated() { sums.append((total, cells[r])) }
            sums.append((grand, columnTotals))
            if table.rowsAddUp {
                for (c, total) in columnTotals.enumerated() { sums.append((total, cells.map { $0[c] })) }
                sums.append((grand, rowTotals))
            } else {
                for (c, total) in columnTotals.enumerated() {
                    for row in cells { atMost.append((row[c], total)) }
                }
                for total in rowTotals { atMost.append((total, grand)) }
            }
            index()
        }

        /// For each number, the constraints it takes part in: sums by index, then `atMost` by index
        /// after the sums.
        var constraintsOf: [[Int]] = []

        mutating func index() {
            constraintsOf = Array(repeating: [], count: ranges.count)
            for (i, sum) in sums.enumerated() {
                constraintsOf[sum.total].append(i)
                for part in sum.parts { constraintsOf[part].append(i) }
            }
            for (i, pair) in atMost.enumerated() {
                constraintsOf[pair.part].append(sums.count + i)
                constraintsOf[pair.whole].append(sums.count + i)
            }
        }

        /// Narrows every range by the constraints until nothing changes (only those of `changed`, when
        /// given, to begin with); false when they cannot all hold.
        func narrow(_ ranges: inout [Range], changed: Int? = nil) -> Bool {
            let count = sums.count + atMost.count
            var queued = [Bool](repeating: changed == nil, count: count)
            var queue: [Int] = changed == nil ? Array(0..<count) : constraintsOf[changed!]
            if let changed { for c in constraintsOf[changed] { queued[c] = true } }
            func update(_ variable: Int, _ range: Range) {
                ranges[variable] = range
                for c in constraintsOf[variable] where !queued[c] {
                    queued[c] = true
                    queue.append(c)
                }
            }
            var next = 0
            while next < queue.count {
                let c = queue[next]
                next += 1
                queued[c] = false
                if c >= sums.count {
                    let (part, whole) = atMost[c - sums.count]
                    if ranges[part].high > ranges[whole].high { update(part, Range(low: ranges[part].low, high: ranges[whole].high)) }
                    if ranges[whole].low < ranges[part].low { update(whole, Range(low: ranges[part].low, high: ranges[whole].high)) }
                    guard ranges[part].low <= ranges[part].high, ranges[whole].low <= ranges[whole].high else { return false }
                    continue
                }
                let (total, parts) = sums[c]
                var low = 0, high = 0
                for part in parts {
                    low += ranges[part].low
                    high += ranges[part].high
                }
                let newTotal = Range(low: max(ranges[total].low, low), high: min(ranges[total].high, high))
                guard newTotal.low <= newTotal.high else { return false }
                if newTotal != ranges[total] { update(total, newTotal) }
                for part in parts {
                    let own = ranges[part]
                    let newPart = Range(low: max(own.low, newTotal.low - (high - own.high)),
                                        high: min(own.high, newTotal.high - (low - own.low)))
                    guard newPart.low <= newPart.high else { return false }
                    if newPart != own {
                        update(part, newPart)
                        low += newPart.low - own.low
                        high += newPart.high - own.high
                    }
                }
            }
            return true
        }

        enum Search {
            case found([Int])
            case none
            case outOfSteps
        }

        /// Counts within `ranges` that satisfy every sum, searched for depth first, trying for each
        /// number first the values not in `avoiding` (so each search proves as much new as it can).
        func solution(_ ranges: [Range], avoiding seen: [[Int]], steps: Int) -> Search {
            var budget = steps
            return solution(ranges, avoiding: seen, changed: nil, budget: &budget)
        }

        private func solution(_ ranges: [Range], avoiding seen: [[Int]], changed: Int?, budget: inout Int) -> Search {
            var ranges = ranges
            guard narrow(&ranges, changed: changed) else { return .none }
            var open: Int?
            for (variable, range) in ranges.enumerated() where range.low < range.high {
                if open == nil || range.high - range.low < ranges[open!].high - ranges[open!].low { open = variable }
            }
            guard let variable = open else { return .found(ranges.map(\.low)) }
            let values = Array(ranges[variable].low...ranges[variable].high)
            let ordered = values.filter { !seen[variable].contains($0) } + values.filter { seen[variable].contains($0) }
            for value in ordered {
                budget -= 1
                if budget < 0 { return .outOfSteps }
                var trial = ranges
                trial[variable] = Range(low: value, high: value)
                switch solution(trial, avoiding: seen, changed: variable, budget: &budget) {
                case .found(let counts): return .found(counts)
                case .none: continue
                case .outOfSteps: return .outOfSteps
                }
            }
            return .none
        }
    }
}
