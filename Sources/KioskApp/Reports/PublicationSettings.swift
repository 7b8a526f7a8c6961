import KioskCore
import KioskStore

/// The kiosk's configuration of the Cell Key Method: the maximum deviation D and the smallest count
/// above zero that is ever published. Staff see and set them with `kiosk publication`; they are never
/// printed with the figures.
///
/// They can be changed only until something has been published: the same counts perturbed with a new
/// table would be a second, different look at them, and two looks narrow down what one hides.
public enum PublicationSettings {
    static let maximumDeviationKey = "ckm_maximum_deviation"
    static let smallestPublishedKey = "ckm_smallest_published"

    /// The values allowed for D and for the smallest published count.
    public static let deviations = 1...5
    public static let smallestCounts = 2...5

    /// Why the settings cannot be changed.
    public struct Refusal: Error, Sendable {
        public enum Reason: Sendable, Equatable {
            case alreadyPublished(Int)
            case outOfRange
        }

        public var reason: Reason

        public func message(in language: Language) -> String {
            let sv = language == .swedish
            switch reason {
            case .alreadyPublished(let count):
                return sv
                    ? "inställningarna kan inte ändras: kiosken har redan publicerat \(count == 1 ? "en gång" : "\(count) gånger"), och samma antal med nya tillägg skulle ge en andra bild av dem som tillsammans med den första avslöjar mer; behåll inställningarna, eller börja om med en ny databas"
                    : "the settings cannot be changed: the kiosk has already published \(count == 1 ? "once" : "\(count) times"), and the same counts with new amounts added would give a second view that, together with the first, reveals more; keep the settings, or start again with a new database"
            case .outOfRange:
                return sv
                    ? "den största avvikelsen ska vara \(deviations.lowerBound)–\(deviations.upperBound) och det minsta publicerade antalet \(smallestCounts.lowerBound)–\(smallestCounts.upperBound)"
                    : "the maximum deviation must be \(deviations.lowerBound)–\(deviations.upperBound) and the smallest published count \(smallestCounts.lowerBound)–\(smallestCounts.upperBound)"
            }
        }
    }

    /// The method as configured (the standard one unless set).
    public static func method(_ store: AnswerStore) throws -> CellKeyMethod {
        let standard = CellKeyMethod.standard
        let deviation = try store.setting(maximumDeviationKey).flatMap(Int.init) ?? standard.maximumDeviation
        let smallest = try store.setting(smallestPublishedKey).flatMap(Int.init) ?? standard.smallestPublished
        return CellKeyMethod(maximumDeviation: deviation, smallestPublished: smallest)
    }

    /// Sets the method, while nothing has been published; audited.
    public static func set(maximumDeviation: Int, smallestPublished: Int, store: AnswerStore, day: Day) throws {
        guard deviations.contains(maximumDeviation), smallestCounts.contains(smallestPublished) else {
            throw Refusal(reason: .outOfRange)
        }
        let published = try store.releaseCount()
        guard published == 0 else { throw Refusal(reason: .alreadyPublished(published)) }
        try store.setSetting(maximumDeviationKey, to: String(maximumDeviation), day: day)
        try store.setSetting(smallestPublishedKey, to: String(smallestPublished), audit: .publicationChanged, day: day)
    }

    /// What staff see: the parameters and how many publications the release log holds.
    public static func description(_ store: AnswerStore, language: Language) throws -> String {
        let method = try method(store)
        let published = try store.releaseCount()
        let sv = language == .swedish
        let lines = sv ? [
            "Metod: cell key (SCB:s metod för befolkningsstatistik)",
            "Största avvikelse (D): ±\(method.maximumDeviation)",
            "Minsta publicerade antal över noll: \(method.smallestPublished) (1–\(method.smallestPublished - 1) visas aldrig)",
            "Publiceringar i loggen: \(published)" + (published > 0 ? " (inställningarna kan inte längre ändras)" : ""),
        ] : [
            "Method: cell key (Statistics Sweden's method for population statistics)",
            "Maximum deviation (D): ±\(method.maximumDeviation)",
            "Smallest published count above zero: \(method.smallestPublished) (1–\(method.smallestPublished - 1) never appear)",
            "Publications in the log: \(published)" + (published > 0 ? " (the settings can no longer be changed)" : ""),
        ]
        var text = lines.joined(separator: "\n") + "\n"
        let releases = try store.allReleases()
        if !releases.isEmpty {
            text += "\n" + (sv ? "DAG         SLAG       FORMULÄR          UPPDELNING        MÅNADER" : "DAY         KIND       FORM              SPLIT             MONTHS") + "\n"
            for release in releases {
                let months = release.months.keys.sorted()
                let span = months.isEmpty ? "–" : months.first! == months.last! ? months.first! : "\(months.first!) … \(months.last!)"
                text += [release.day, release.kind, release.formID, release.split.isEmpty ? "–" : release.split, span]
                    .enumerated().map { $0.offset < 4 ? $0.element.padding(toLength: [12, 11, 18, 18][$0.offset], withPad: " ", startingAt: 0) : $0.element }
                    .joined() + "\n"
            }
        }
        return text
    }
}
