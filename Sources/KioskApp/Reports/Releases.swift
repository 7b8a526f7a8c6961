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

    static func message(_ close: ReleaseCheck.TooClose, language: Language) -> String {
        let what = kindName(close.kind, language: language)
        if language == .english {
            return "this would differ from the \(what) published on \(close.day) by \(counted(close.difference, "interview")), and at least \(close.minimum) are needed, or the few in between could be worked out by comparing the two; publish the same period as then, a period that has ended (such as last month), or wait until \(close.minimum - close.difference) more interviews are completed"
        }
        let interviews = close.difference == 1 ? "1 intervju" : "\(close.difference) intervjuer"
        return "det här skulle skilja sig från \(what) som publicerades \(close.day) med bara \(interviews), och minst \(close.minimum) behövs, annars går de få däremellan att räkna fram genom att jämföra de två; publicera samma period som då, en period som har tagit slut (till exempel förra månaden), eller vänta tills \(close.minimum - close.difference) intervjuer till är genomförda"
    }

    static func kindName(_ kind: String, language: Language) -> String {
        let english = language == .english
        switch kind {
        case "responses": return english ? "row export" : "radexporten"
        case "bundle": return english ? "bundle" : "paketet"
        default: return english ? "summary" : "sammanställningen"
        }
    }
}
