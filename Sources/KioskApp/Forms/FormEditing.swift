import Foundation
import KioskCore
import KioskStore

/// Creating and editing form files safely: only a valid file is ever installed, atomically, and the
/// previous file is kept in `history/` beside the forms.
public enum FormEditing {
    /// Where earlier versions of edited forms are kept.
    public static func historyDirectory(_ forms: URL) -> URL {
        forms.appendingPathComponent("history", isDirectory: true)
    }

    /// The marker of the error lines the editor shows at the top of a form being corrected.
    static let errorMarker = "# !! "

    /// Why a form cannot be created or installed.
    public struct Problem: Error, LocalizedError {
        public var message: String
        public var errorDescription: String? { message }
        public init(_ message: String) { self.message = message }
    }

    /// A commented starter form that validates as it is.
    public static func starterForm(id: String) -> String {
        """
        # A new form. Every line starting with '#' is a comment: the kiosk ignores it.
        # Edit the texts, add questions, then run:  kiosk forms validate
        # The format is described in README.md, "Writing a form".

        id: \(id)
        title:
          sv: Nytt formulär
          en: New form
        languages: [sv, en]
        source:
          sv: Lokalt formulär
          en: Local form
        intro:
          sv: Några frågor. Du kan alltid svara ”vill inte svara”.
          en: A few questions. You can always decline.

        questions:
          # A yes/no question. Its id is stable: answers are stored under it.
          - id: q1
            type: yes_no
            text:
              sv: Har du fått det stöd du behöver?
              en: Have you received the support you need?

          # Asked only when the answer to q1 is no.
          - id: q2
            type: single_choice
            show_if: q1 = no
            text:
              sv: Vad har saknats mest?
              en: What has been missing most?
            choices:
              - {code: contact, text: {sv: Kontakt med personal, en: Contact with staff}}
              - {code: information, text: {sv: Information, en: Information}}
              - {code: other, text: {sv: Något annat, en: Something else}}

          # Summaries are always split by gender.
          - id: gender
            type: single_choice
            breakdown: gender
            text:
              sv: Vilket kön har du? (för statistiken)
              en: What is your gender? (for the statistics)
            choices:
              - {code: kvinna, text: {sv: Kvinna, en: Woman}}
              - {code: man, text: {sv: Man, en: Man}}
              - {code: annan, text: {sv: Annat, en: Other}}

        support:
          - id: contact
            text:
              sv: Din kontaktperson hör av sig inom en vecka.
              en: Your contact person will get in touch within a week.

        referrals:
          # Flags a referral for follow-up when the condition holds.
          - id: needs-support
            when: q1 = no
            level: routine
            message:
              sv: Deltagaren saknar stöd. Boka ett samtal.
              en: The participant lacks support. Book a conversation.
            support: [contact]

        examples:
          # 'kiosk forms validate' checks that these answers give these results.
          - name: a yes gives no referral
            answers: {q1: yes, gender: kvinna}
            expect: {referrals: []}
          - name: a no gives the referral
            answers: {q1: no, q2: contact, gender: man}
            expect: {referrals: [needs-support]}

        """
    }

    /// Writes a new starter form `ID.yaml` into `forms`; refuses an existing id or file.
    public static func create(id: String, in forms: URL) throws -> URL {
        let text = starterForm(id: id)
        let loaded = QuestionnaireLoader.load(yaml: text, file: "\(id).yaml")
        guard loaded.isValid else {
            throw Problem(loaded.diagnostics.errors.first.map { "'\(id)' cannot be a form id: \($0.message); \($0.fix ?? "")" } ?? "'\(id)' cannot be a form id")
        }
        if let catalog = try? FormCatalog.load(from: forms), catalog.files.contains(where: { $0.loaded.questionnaire?.id == id }) {
            throw Problem("a form with the id '\(id)' already exists; edit it with 'kiosk forms edit \(id)'")
        }
        let url = forms.appendingPathComponent("\(id).yaml")
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw Problem("\(FormCatalog.displayPath(for: url)) already exists; choose another id")
        }
        try FileManager.default.createDirectory(at: forms, withIntermediateDirectories: true)
        try install(text, at: url, previous: nil, history: historyDirectory(forms), day: Day.today())
        return url
    }

    /// Checks edited text: the form's own rules, the id it must keep, and the versions with stored answers.
    public static func check(_ text: String, file: String, expectedID: String, stored: [Questionnaire]) -> LoadedQuestionnaire {
        var loaded = QuestionnaireLoader.load(yaml: text, file: file)
        if let form = loaded.questionnaire {
            if form.id != expectedID {
                loaded.diagnostics.append(Diagnostic(.error, file: file, at: loaded.idLocation,
                    "the form id changed from '\(expectedID)' to '\(form.id)'", fix: "keep 'id: \(expectedID)'; a form id never changes (make a new form with 'kiosk forms new')"))
            }
            loaded.diagnostics += FormVersions.check(form, against: stored, file: file)
        }
        return loaded
    }

    /// The text with the error lines a previous round put at the top removed.
    public static func strippingErrorHeader(_ text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        while let first = lines.first, first.hasPrefix(errorMarker) || first == errorMarker.trimmingCharacters(in: .whitespaces) {
            lines.removeFirst()
        }
        return lines.joined(separator: "\n")
    }

    /// The text with its errors listed as comments at the top, lines counted as they will then be.
    public static func withErrorHeader(_ text: String, diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.errors
        let header = [errorMarker + "This form has \(counted(errors.count, "error")). Fix \(errors.count == 1 ? "it" : "them"), save and close; these lines go away by themselves."]
        let shift = header.count + errors.count
        let lines = errors.map { diagnostic -> String in
            let place = diagnostic.location.map { "line \($0.line + shift), column \($0.column): " } ?? ""
            return errorMarker + place + diagnostic.message + (diagnostic.fix.map { " — \($0)" } ?? "")
        }
        return (header + lines).joined(separator: "\n") + "\n" + text
    }

    /// Installs `text` as the form file at `url`: the file there now goes to `history/` (named by the day
    /// and its version), then the new text is written beside it and renamed over it.
    public static func install(_ text: String, at url: URL, previous: Questionnaire?, history: URL, day: Day) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: url.path) {
            try fm.createDirectory(at: history, withIntermediateDirectories: true)
            let stem = url.deletingPathExtension().lastPathComponent
            let version = previous.map { String($0.contentHash.prefix(12)) } ?? "unknown"
            var target = history.appendingPathComponent("\(stem).\(day).\(version).yaml")
            var n = 2
            while fm.fileExists(atPath: target.path) {
                target = history.appendingPathComponent("\(stem).\(day).\(version).\(n).yaml")
                n += 1
            }
            try fm.copyItem(at: url, to: target)
        }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).new")
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: temporary)
            throw Problem("\(FormCatalog.displayPath(for: url)) could not be replaced (\(reason)); the form is unchanged")
        }
    }

    /// Every version of a form that can be compared: stored with interviews, kept in history, and the
    /// current file. Oldest first; each with where it comes from.
    /// With `showingCounts` false (no staff passphrase given), how many interviews each version has is not
    /// said: only staff may know how many people answered.
    public static func knownVersions(of id: String, forms: URL, store: AnswerStore?, showingCounts: Bool = true) -> [(form: Questionnaire, origin: String)] {
        var result: [(Questionnaire, String)] = []
        var seen = Set<String>()
        if let store, let list = try? store.formVersionList(formID: id) {
            for entry in list {
                guard let form = try? store.formVersion(hash: entry.hash), seen.insert(entry.hash).inserted else { continue }
                let counts = showingCounts ? ", \(counted(entry.interviews, "interview"))" : " (how many interviews: with the staff passphrase, 'kiosk forms versions \(id) --counts')"
                result.append((form, "used from \(entry.firstDay)\(counts)"))
            }
        }
        let history = historyDirectory(forms)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: history.path)) ?? [])
            .filter { $0.hasPrefix("\(id).") && $0.hasSuffix(".yaml") }.sorted()
        for name in files {
            let file = FormCatalog.read(history.appendingPathComponent(name))
            guard let form = file.loaded.questionnaire, form.id == id, seen.insert(form.contentHash).inserted else { continue }
            result.append((form, "history/\(name)"))
        }
        if let current = try? FormCatalog.load(from: forms).files.first(where: { $0.loaded.questionnaire?.id == id }),
           let form = current.loaded.questionnaire, seen.insert(form.contentHash).inserted {
            result.append((form, "\(current.displayPath) (current)"))
        } else if let current = try? FormCatalog.load(from: forms).files.first(where: { $0.loaded.questionnaire?.id == id })?.loaded.questionnaire,
                  let index = result.firstIndex(where: { $0.0.contentHash == current.contentHash }) {
            result[index].1 += " = current file"
        }
        return result
    }
}
