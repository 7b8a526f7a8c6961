import Foundation
import KioskCore

/// An attacker who knows how the kiosk publishes (the perturbation table, the splits, which parts add up
/// to which totals) and reasons with whole numbers over everything published: the true counts behind the
/// published ones, tied together by the sums that hold between them. A count is *worked out* when only
/// one value is consistent with all of it.
///
/// Variables are true counts, each with the values its published number allows; constraints say that one
/// variable is the sum of others. Reasoning: bounds propagation to a fixpoint, then, for a count in
/// question, a search for a consistent solution in which it has another value.
struct IntegerReasoning {
    private(set) var domains: [[Int]] = []
    private(set) var sums: [(total: Int, parts: [Int])] = []
    /// The most search steps spent looking for another solution before giving up (an unproven count is
    /// treated as worked out, so the tests err on the attacker's side).
    var searchLimit = 20_000

    /// A variable whose value is one of `values`; returns its index.
    mutating func variable(_ values: [Int]) -> Int {
        domains.append(values.sorted())
        return domains.count - 1
    }

    /// A true count published as `published` under `method`.
    mutating func published(_ published: Int, method: CellKeyMethod) -> Int {
        variable(Self.possible.counts(publishedAs: published, method: method))
    }

    /// What each published value allows, worked out once per value (the table is the same for every cell).
    final class PossibleCounts: @unchecked Sendable {
        private var known: [CellKeyMethod: [Int: [Int]]] = [:]
        private let lock = NSLock()

        func counts(publishedAs value: Int, method: CellKeyMethod) -> [Int] {
            lock.lock()
            defer { lock.unlock() }
            if let counts = known[method]?[value] { return counts }
            let counts = method.possibleCounts(publishedAs: value)
            known[method, default: [:]][value] = counts
            return counts
        }
    }

    static let possible = PossibleCounts()

    /// `total` equals the sum of `parts`.
    mutating func sum(_ total: Int, of parts: [Int]) {
        sums.append((total, parts))
    }

    /// Narrows every domain by the sums until nothing changes; false when they cannot all hold.
    static func propagate(_ domains: inout [[Int]], _ sums: [(total: Int, parts: [Int])]) -> Bool {
        var changed = true
        var rounds = 0
        while changed && rounds < 200 {
            changed = false
            rounds += 1
            for constraint in sums {
                let partsMin = constraint.parts.map { domains[$0].first ?? 0 }.reduce(0, +)
                let partsMax = constraint.parts.map { domains[$0].last ?? 0 }.reduce(0, +)
                let total = domains[constraint.total]
                let narrowedTotal = total.filter { $0 >= partsMin && $0 <= partsMax }
                if narrowedTotal.isEmpty { return false }
                if narrowedTotal.count != total.count { domains[constraint.total] = narrowedTotal; changed = true }
                let totalMin = narrowedTotal.first!, totalMax = narrowedTotal.last!
                for part in constraint.parts {
                    let own = domains[part]
                    let othersMin = partsMin - (own.first ?? 0), othersMax = partsMax - (own.last ?? 0)
                    let narrowed = own.filter { $0 >= totalMin - othersMax && $0 <= totalMax - othersMin }
                    if narrowed.isEmpty { return false }
                    if narrowed.count != own.count { domains[part] = narrowed; changed = true }
                }
            }
        }
        return true
    }

    /// Whether some assignment of every variable satisfies every sum, starting from `domains`.
    func solvable(_ domains: [[Int]], steps: inout Int) -> Bool? {
        var domains = domains
        guard Self.propagate(&domains, sums) else { return false }
        guard let open = domains.indices.filter({ domains[$0].count > 1 }).min(by: { domains[$0].count < domains[$1].count }) else {
            return true
        }
        for value in domains[open] {
            steps += 1
            if steps > searchLimit { return nil }
            var trial = domains
            trial[open] = [value]
            switch solvable(trial, steps: &steps) {
            case true?: return true
            case nil: return nil
            case false?: continue
            }
        }
        return false
    }

    /// What the attacker can say about a count.
    enum Verdict: Equatable {
        /// Another value is consistent with everything published.
        case open
        /// Only the true value is.
        case workedOut
        /// The search ran out of steps before finding another value (treated as worked out).
        case undecided
    }

    /// What can be said of `variable` (truly `truth`) from everything published.
    func verdict(_ variable: Int, truth: Int) -> Verdict {
        var narrowed = domains
        guard Self.propagate(&narrowed, sums) else { return .open }
        var undecided = false
        for value in narrowed[variable] where value != truth {
            var trial = narrowed
            trial[variable] = [value]
            var steps = 0
            switch solvable(trial, steps: &steps) {
            case true?: return .open
            case nil: undecided = true
            case false?: continue
            }
        }
        return undecided ? .undecided : .workedOut
    }

    /// Whether the value of `variable` (truly `truth`) can be worked out; a search that runs out of
    /// steps counts as worked out, so the tests err on the attacker's side.
    func isWorkedOut(_ variable: Int, truth: Int) -> Bool {
        verdict(variable, truth: truth) != .open
    }
}
