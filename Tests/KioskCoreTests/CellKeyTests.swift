import KioskTestSupport
import KioskCore
import SeededRandom
import Testing

/// The Cell Key Method: what a published number may be, and that the same interviews always give it.
struct CellKeyTests {
    init() { ShippedLanguages.install() }

    let method = CellKeyMethod.standard

    func randomTallies(_ count: Int, seed: UInt64 = 7) -> [Tally] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in Tally(count: Int(random.next() % 120), key: UInt32(truncatingIfNeeded: random.next())) }
    }

    @Test func zeroIsAlwaysPublishedAsZero() {
        for key in [UInt32(0), 1, 12345, .max] {
            #expect(method.publish(Tally(count: 0, key: key)) == 0)
        }
    }

    @Test func aCountIsMovedAtMostDAndNeverPublishedAsOneOrTwo() {
        for tally in randomTallies(20_000) {
            let published = method.publish(tally)
            #expect(abs(published - tally.count) <= method.maximumDeviation, "\(tally.count) → \(published)")
            #expect(published == 0 || published >= method.smallestPublished, "\(tally.count) → \(published)")
        }
    }

    @Test func theSameInterviewsAlwaysGiveTheSameNumber() {
        for tally in randomTallies(500) {
            #expect(method.publish(tally) == method.publish(Tally(count: tally.count, key: tally.key)))
        }
    }

    @Test func differentInterviewsOfTheSameCountGetEveryPossibleValue() {
        var random = SeededRandom(seed: 3)
        for n in [1, 2, 3, 4, 10, 57] {
            var seen: Set<Int> = []
            for _ in 0..<2_000 { seen.insert(method.publish(Tally(count: n, key: UInt32(truncatingIfNeeded: random.next())))) }
            #expect(seen == Set(method.distribution(for: n).map(\.value)), "n = \(n): \(seen.sorted())")
        }
    }

    @Test func everyDistributionIsAProbabilityAndRightOnAverageWhereTheTableAllows() {
        for n in 0...300 {
            let outcomes = method.distribution(for: n)
            let total = outcomes.map(\.chance).reduce(0, +)
            #expect(abs(total - 1) < 1e-9, "n = \(n)")
            #expect(outcomes.allSatisfy { $0.chance > 0 }, "n = \(n)")
            let mean = outcomes.map { Double($0.value) * $0.chance }.reduce(0, +)
            // Exactly right unless every allowed value lies on one side of n (n = 3: only 3, 4 and 5 are
            // within D and allowed), and then never off by more than a quarter.
            let bothSides = outcomes.contains { $0.value < n } && outcomes.contains { $0.value > n }
            #expect(abs(mean - Double(n)) < (bothSides || n == 0 ? 0.01 : 0.25), "n = \(n): mean \(mean) \(outcomes)")
        }
    }

    @Test func theTrueCountIsTheLikeliestValueOnceItMayBePublished() {
        for n in method.smallestPublished...200 {
            let outcomes = method.distribution(for: n)
            let likeliest = outcomes.max { $0.chance < $1.chance }!
            #expect(likeliest.value == n, "n = \(n): likeliest \(likeliest.value)")
        }
    }

    @Test func aPublishedZeroMayStandForZeroOneOrTwoAndAThreeForOneToFive() {
        #expect(method.possibleCounts(publishedAs: 0) == [0, 1, 2])
        #expect(method.possibleCounts(publishedAs: 3) == [1, 2, 3, 4, 5])
        #expect(method.possibleCounts(publishedAs: 40) == [38, 39, 40, 41, 42])
    }

    @Test func theCountsBehindAnyPublishedValueFormAnUnbrokenRange() {
        // The audit of published tables reasons with ranges; a gap would make it miss a disclosure.
        for method in [CellKeyMethod.standard, .init(maximumDeviation: 1, smallestPublished: 2), .init(maximumDeviation: 4, smallestPublished: 5)] {
            for value in 0...300 {
                let counts = method.possibleCounts(publishedAs: value)
                guard let first = counts.first, let last = counts.last else { continue }
                #expect(counts == Array(first...last), "\(method) \(value): \(counts)")
            }
        }
    }

    @Test func theKeysOfDisjointGroupsAddUpSoATotalIsTheSameHoweverItIsMade() {
        let parts = randomTallies(5, seed: 11)
        let forwards = parts.total()
        let backwards = parts.reversed().total()
        #expect(forwards == backwards)
        #expect(method.publish(forwards) == method.publish(backwards))
        #expect((forwards - parts[0]) == parts.dropFirst().total())
    }

    @Test func theSettingsStayWithinSensibleBounds() {
        #expect(CellKeyMethod(maximumDeviation: 0, smallestPublished: 1) == CellKeyMethod(maximumDeviation: 1, smallestPublished: 2))
        #expect(CellKeyMethod(maximumDeviation: 99, smallestPublished: 99) == CellKeyMethod(maximumDeviation: 10, smallestPublished: 10))
    }
}
