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
            let phrases = Phrasebook(language)
            switch reason {
            case .alreadyPublished(let count):
                let times = count == 1 ? phrases.text("publication.once") : phrases.text("publication.times", ["count": String(count)])
                return phrases.text("publication.already_published", ["times": times])
            case .outOfRange:
                return Phrasebook(language).text("publication.out_of_range", ["lower_bound": "\(deviations.lowerBound)", "upper_bound": "\(deviations.upperBound)", "lower_bound2": "\(smallestCounts.lowerBound)", "upper_bound2": "\(smallestCounts.upperBound)"])
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
        let phrases = Phrasebook(language)
        let lines = [
            phrases.text("publication.method"),
            phrases.text("publication.deviation", ["deviation": String(method.maximumDeviation)]),
            phrases.text("publication.smallest", ["smallest": String(method.smallestPublished), "largest_hidden": String(method.smallestPublished - 1)]),
            phrases.text(published > 0 ? "publication.in_log_fixed" : "publication.in_log", ["count": String(published)]),
        ]
        var text = lines.joined(separator: "\n") + "\n"
        let releases = try store.allReleases()
        if !releases.isEmpty {
            text += "\n" + (Phrasebook(language).text("publication.log_header")) + "\n"
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
