import Foundation
import KioskCore
import KioskStore

/// The release log: every summary shown or written, row export and bundle is noted with the interviews it
/// counts (per month), and a new one whose interviews differ from an earlier one's by fewer than K is
/// refused, with the reason — so no two publications can be put side by side to single out a few people.
public enum Releases {
    /// A publication refused, in one plain sentence with what to do.
    public struct Refusal: Error, LocalizedError {
        public var message: String
        public var errorDescription: String? { message }
        public init(message: String) { self.message = message }
    }

    /// The split as written in the log (`gender+age_band+quarter`).
    public static func split(_ dimensions: [SummaryDimension]) -> String {
        (["gender"] + dimensions.map(\.description)).joined(separator: "+")
    }

    /// Checks that publishing `months` (completed interviews per month) of `formID` is allowed, and notes it.
    public static func publish(kind: String, formID: String, split: String, months: [String: Int], store: AnswerStore,
                               minimum: Int, language: Language, day: Day, auditDetail: String?) throws {
        let earlier = try store.releases(formID: formID).map { (day: $0.day, kind: $0.kind, months: $0.months) }
        if let close = ReleaseCheck.tooClose(months, earlier: earlier, minimum: minimum) {
            throw Refusal(message: message(close, language: language))
        }
        try store.recordRelease(ReleaseRecord(day: day.description, kind: kind, formID: formID, split: split, months: months),
                                auditDetail: auditDetail)
    }

    public static func message(_ close: ReleaseCheck.TooClose, language: Language) -> String {
        let what = kindName(close.kind, language: language)
        let phrases = Phrasebook(language)
        let interviews = close.difference == 1 ? phrases.text("releases.one_interview")
            : phrases.text("releases.interviews", ["count": String(close.difference)])
        return phrases.text("releases.too_close", ["what": what, "day": close.day, "difference": interviews,
                                                   "minimum": String(close.minimum), "more": String(close.minimum - close.difference)])
    }

    static func kindName(_ kind: String, language: Language) -> String {
        switch kind {
        case "responses": return Phrasebook(language).text("releases.row_export")
        case "bundle": return Phrasebook(language).text("releases.bundle")
        default: return Phrasebook(language).text("releases.summary")
        }
    }
}
