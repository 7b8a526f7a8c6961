import Foundation
import KioskCore

extension Day {
    /// Today in the machine's time zone. Only the day is ever stored.
    public static func today() -> Day {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}
