/// Whether a new publication may be made, given what was published before: the interviews it counts
/// and the interviews an earlier one counted must be the same, or differ by at least K. Otherwise a reader
/// who puts the two side by side — a period one day or one month longer, the same period after a few
/// late interviews — learns the answers of the few in between.
///
/// Interviews are compared month by month (every period is whole months): a month in one and not the
/// other differs by all its interviews, a month in both by how many have been added since.
public enum ReleaseCheck {
    /// An earlier publication the new one would differ from by too few interviews.
    public struct TooClose: Error, Hashable, Sendable {
        public var day: String
        public var kind: String
        public var difference: Int
        public var minimum: Int
    }

    /// How many interviews two publications differ by, from their counts per month.
    public static func difference(_ new: [String: Int], _ old: [String: Int]) -> Int {
        var total = 0
        for month in Set(new.keys).union(old.keys) {
            total = total.saturatingAdd(abs((new[month] ?? 0) - (old[month] ?? 0)))
        }
        return total
    }

    /// The first earlier publication (`day`, `kind`, counts per month) the new one differs from by more than
    /// nothing and fewer than `minimum` interviews, if any.
    public static func tooClose(_ new: [String: Int], earlier: [(day: String, kind: String, months: [String: Int])],
                                minimum: Int) -> TooClose? {
        for release in earlier {
            let difference = difference(new, release.months)
            if difference > 0 && difference < minimum {
                return TooClose(day: release.day, kind: release.kind, difference: difference, minimum: minimum)
            }
        }
        return nil
    }
}
