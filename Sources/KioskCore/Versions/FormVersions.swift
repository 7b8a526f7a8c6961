import Foundation

/// Rules between versions of a form: stored answers keep their meaning when a form is edited.
///
/// A question id keeps its type, and a choice code keeps its meaning, in every version that has stored
/// answers. Renaming is done with `replaces:`; removing a question or a choice is always allowed (old
/// answers stay in summaries and exports under their id and code).
public enum FormVersions {
    /// Problems of `form` against the versions `stored` answers were given with, located in `form`'s file.
    public static func check(_ form: Questionnaire, against stored: [Questionnaire], file: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var reported = Set<String>()
        for old in stored where old.id == form.id {
            for question in form.questions {
                if let replaced = question.replaces, let previous = old.question(replaced), previous.typeName != question.typeName,
                   reported.insert("replaces:\(question.id)").inserted {
                    diagnostics.append(Diagnostic(
                        .error, file: file, at: question.location,
                        "question '\(question.id)' replaces '\(replaced)', which was a \(previous.typeName) question, but '\(question.id)' is \(question.typeName)",
                        fix: "a question can only take over answers of the same type: remove 'replaces', or keep the type"))
                }
                guard let previous = old.question(question.id) else { continue }
                if previous.typeName != question.typeName, reported.insert("type:\(question.id)").inserted {
                    diagnostics.append(Diagnostic(
                        .error, file: file, at: question.location,
                        "question '\(question.id)' was a \(previous.typeName) question in a version with stored answers, but is now \(question.typeName)",
                        fix: "a question id keeps its type: give this question a new id, and 'replaces: \(question.id)' only if it asks the same thing"))
                    continue
                }
                for choice in question.choices {
                    guard let before = previous.choice(choice.code), reported.insert("choice:\(question.id):\(choice.code)").inserted else { continue }
                    if before.score != choice.score {
                        diagnostics.append(Diagnostic(
                            .error, file: file, at: choice.location ?? question.location,
                            "choice '\(choice.code)' of question '\(question.id)' scored \(before.score.map(String.init) ?? "nothing") in a version with stored answers, but now scores \(choice.score.map(String.init) ?? "nothing")",
                            fix: "stored scores would no longer match: give the choice a new code, or keep its score"))
                    } else if meaningChanged(before.text, choice.text) {
                        diagnostics.append(Diagnostic(
                            .error, file: file, at: choice.location ?? question.location,
                            "choice '\(choice.code)' of question '\(question.id)' says something else than in a version with stored answers (\"\(before.text.text(in: .swedish))\" → \"\(choice.text.text(in: .swedish))\")",
                            fix: "a code keeps its meaning: give the new choice a new code (old answers keep theirs); correcting spelling in one language is fine"))
                    }
                }
            }
        }
        return diagnostics
    }

    /// Whether a choice's text changed beyond a spelling fix: every language it had changed a lot.
    static func meaningChanged(_ before: LocalizedText, _ after: LocalizedText) -> Bool {
        let languages = Set(before.values.keys).intersection(after.values.keys)
        guard !languages.isEmpty else { return false }
        return languages.allSatisfy { language in
            let a = (before.values[language] ?? "").lowercased()
            let b = (after.values[language] ?? "").lowercased()
            return editDistance(a, b) > max(2, max(a.count, b.count) / 3)
        }
    }

    /// Whether two parts of forms have the same content (source locations aside).
    static func same<T: Encodable>(_ a: T, _ b: T) -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(a)) == (try? encoder.encode(b))
    }

    /// What changed from `old` to `new`, in words, one line each.
    public static func describeChanges(from old: Questionnaire, to new: Questionnaire, language: Language = .english) -> [String] {
        let lang = new.language(closestTo: language)
        func text(_ t: LocalizedText?) -> String { t?.text(in: lang) ?? "" }
        /// "before" → "after" in a language where they differ (the diff's language when it does).
        func change(_ before: LocalizedText, _ after: LocalizedText) -> String {
            let languages = [lang] + (before.values.keys.map { $0 } + after.values.keys.map { $0 }).sorted()
            let differing = languages.first { before.values[$0] != after.values[$0] } ?? lang
            let tag = differing == lang ? "" : " (\(differing))"
            return "\"\(before.text(in: differing))\" → \"\(after.text(in: differing))\"\(tag)"
        }
        var lines: [String] = []
        if old.title != new.title { lines.append("title changed: \(change(old.title, new.title))") }
        if old.languages != new.languages {
            lines.append("languages changed: \(old.languages.map(\.rawValue).joined(separator: ", ")) → \(new.languages.map(\.rawValue).joined(separator: ", "))")
        }
        if old.intro != new.intro { lines.append("intro text changed") }
        if old.closing != new.closing { lines.append("closing text changed") }
        if old.source != new.source { lines.append("source note changed") }
        for question in new.questions where old.question(question.id) == nil {
            let renamed = question.replaces.map { " (replaces '\($0)')" } ?? ""
            lines.append("question '\(question.id)' added\(renamed): \"\(text(question.text))\"")
        }
        for question in old.questions where new.question(question.id) == nil {
            let by = new.questions.first { $0.replaces == question.id }.map { ", replaced by '\($0.id)'" } ?? ""
            lines.append("question '\(question.id)' removed\(by) (its stored answers stay in summaries and exports)")
        }
        let oldOrder = old.questions.map(\.id).filter { new.question($0) != nil }
        let newOrder = new.questions.map(\.id).filter { old.question($0) != nil }
        if oldOrder != newOrder { lines.append("questions reordered") }
        for question in new.questions {
            guard let before = old.question(question.id) else { continue }
            let what = "question '\(question.id)'"
            if before.typeName != question.typeName { lines.append("\(what): type changed from \(before.typeName) to \(question.typeName)") }
            if before.text != question.text { lines.append("\(what) reworded: \(change(before.text, question.text))") }
            if before.help != question.help { lines.append("\(what): help text changed") }
            if before.source != question.source { lines.append("\(what): source note changed") }
            if before.isRequired != question.isRequired { lines.append("\(what) is now \(question.isRequired ? "required" : "optional")") }
            if before.allowsDontKnow != question.allowsDontKnow { lines.append("\(what): don't know is now \(question.allowsDontKnow ? "offered" : "not offered")") }
            if before.showIf?.source.trimmingSpaces() != question.showIf?.source.trimmingSpaces() {
                lines.append("\(what): shown if changed from \"\(before.showIf?.source ?? "always")\" to \"\(question.showIf?.source ?? "always")\"")
            }
            if before.breakdown != question.breakdown { lines.append("\(what): breakdown changed") }
            if before.numericRange != question.numericRange, let range = question.numericRange {
                lines.append("\(what): range changed to \(range.lowerBound)–\(range.upperBound)")
            }
            for choice in question.choices where before.choice(choice.code) == nil {
                lines.append("\(what): choice '\(choice.code)' added: \"\(text(choice.text))\"")
            }
            for choice in before.choices where question.choice(choice.code) == nil {
                lines.append("\(what): choice '\(choice.code)' removed (stored answers keep it)")
            }
            for choice in question.choices {
                guard let previous = before.choice(choice.code) else { continue }
                if previous.text != choice.text { lines.append("\(what): choice '\(choice.code)' reworded: \(change(previous.text, choice.text))") }
                if previous.score != choice.score {
                    lines.append("\(what): choice '\(choice.code)' score changed from \(previous.score.map(String.init) ?? "none") to \(choice.score.map(String.init) ?? "none")")
                }
            }
        }
        for score in new.scores {
            guard let before = old.score(score.id) else {
                lines.append("score '\(score.id)' added")
                continue
            }
            if before.items != score.items { lines.append("score '\(score.id)': items changed to \(score.items.joined(separator: " + "))") }
            if !same(before.bands, score.bands) { lines.append("score '\(score.id)': bands changed") }
            if before.label != score.label { lines.append("score '\(score.id)': label changed") }
        }
        for score in old.scores where new.score(score.id) == nil { lines.append("score '\(score.id)' removed") }
        for rule in new.referrals {
            guard let before = old.referrals.first(where: { $0.id == rule.id }) else {
                lines.append("referral rule '\(rule.id)' added: when \(rule.when.source) (\(rule.level.rawValue))")
                continue
            }
            if before.when.source != rule.when.source { lines.append("referral rule '\(rule.id)': when changed from \"\(before.when.source)\" to \"\(rule.when.source)\"") }
            if before.level != rule.level { lines.append("referral rule '\(rule.id)': level changed from \(before.level.rawValue) to \(rule.level.rawValue)") }
            if before.message != rule.message { lines.append("referral rule '\(rule.id)': message changed") }
            if before.support != rule.support { lines.append("referral rule '\(rule.id)': support changed to \(rule.support.joined(separator: ", "))") }
        }
        for rule in old.referrals where !new.referrals.contains(where: { $0.id == rule.id }) {
            lines.append("referral rule '\(rule.id)' removed")
        }
        let oldSupport = Dictionary(old.support.map { ($0.id, $0.text) }, uniquingKeysWith: { a, _ in a })
        for entry in new.support {
            if let before = oldSupport[entry.id] {
                if before != entry.text { lines.append("support '\(entry.id)' changed: \"\(text(entry.text))\"") }
            } else {
                lines.append("support '\(entry.id)' added")
            }
        }
        for entry in old.support where !new.support.contains(where: { $0.id == entry.id }) { lines.append("support '\(entry.id)' removed") }
        return lines
    }
}
