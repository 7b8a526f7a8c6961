import KioskCore
import Testing

/// The attacker of AttackTests is only worth something if it catches what a real one would: these are
/// the classic disclosures, each of which it must find.
struct IntegerReasoningTests {
    @Test func aSuppressedCellIsWorkedOutFromAnExactTotal() {
        // Published exactly: total 10, one part 7, the other suppressed (0…4 allowed).
        var reasoning = IntegerReasoning()
        let total = reasoning.variable([10])
        let known = reasoning.variable([7])
        let hidden = reasoning.variable(Array(0...4))
        reasoning.sum(total, of: [known, hidden])
        #expect(reasoning.isWorkedOut(hidden, truth: 3))
    }

    @Test func twoOverlappingTablesGiveAwayTheirDifference() {
        // The whole is 12 exactly, one section 9 exactly: the other section is 3.
        var reasoning = IntegerReasoning()
        let whole = reasoning.variable([12])
        let first = reasoning.variable([9])
        let second = reasoning.variable(Array(0...20))
        reasoning.sum(whole, of: [first, second])
        #expect(reasoning.isWorkedOut(second, truth: 3))
    }

    @Test func aPerturbedTotalLeavesASmallPartOpen() {
        let method = CellKeyMethod.standard
        var reasoning = IntegerReasoning()
        let total = reasoning.published(10, method: method)
        let known = reasoning.published(7, method: method)
        let hidden = reasoning.published(3, method: method)
        reasoning.sum(total, of: [known, hidden])
        #expect(!reasoning.isWorkedOut(hidden, truth: 3))
    }

    @Test func boundsAloneCanPinACount() {
        // A published zero (0…2) beside a part that must be at least its total: the zero is 0.
        var reasoning = IntegerReasoning()
        let total = reasoning.variable([5])
        let big = reasoning.variable([5, 6])
        let small = reasoning.variable([0, 1, 2])
        reasoning.sum(total, of: [big, small])
        #expect(reasoning.isWorkedOut(small, truth: 0))
    }

    @Test func aContradictionIsNoDisclosure() {
        var reasoning = IntegerReasoning()
        let total = reasoning.variable([1])
        let part = reasoning.variable([5])
        reasoning.sum(total, of: [part])
        #expect(!reasoning.isWorkedOut(part, truth: 5))
    }
}
