import Foundation
import KioskCore
import KioskStore

/// An aggregate bundle: one kiosk's counts by form version, gender, age band, site and month — no rows,
/// no answers of anyone — for the förbund's coordinator to merge with other kiosks' bundles. The counts
/// are not yet perturbed (that is done after merging, with the cell keys the bundle carries), so a bundle
/// is a confidential file: it is sealed with a bundle passphrase (AES-GCM, key by scrypt) that the
/// kiosks and the coordinator share, and it is readable by its owner only.
public struct AggregateBundle: Codable, Sendable {
    public var schema = "kiosk-bundle"
    public var version = 2
    /// A random id, so the same bundle is never counted twice in a merge.
    public var id: String
    /// The kiosk's own random id (one per data directory), so the same kiosk's interviews are never
    /// counted twice under two bundle ids.
    public var kiosk: String
    /// The day the bundle was made.
    public var made: String
    public var forms: [FormCounts]

    /// One form's versions and counts.
    public struct FormCounts: Codable, Sendable {
        public var formID: String
        /// Every version the counts refer to, with its full definition (so the coordinator needs no form file).
        public var versions: [Version]
        public var groups: [Group]

        enum CodingKeys: String, CodingKey {
            case formID = "form_id"
            case versions, groups
        }
    }

    /// A form version: its content hash and canonical definition.
    public struct Version: Codable, Sendable {
        public var hash: String
        public var definition: String
    }

    /// Counts of one version for one combination of age band, site and month (the version is empty for
    /// counts of interviews that were not finished or not asked, which have no version's answers).
    public struct Group: Codable, Sendable {
        public var version: String
        public var ageBand: String
        public var site: String
        /// The organisation (förbund); absent in bundles from kiosks before it was recorded.
        public var organisation: String?
        public var month: String
        public var counts: GroupCounts

        enum CodingKeys: String, CodingKey {
            case version
            case ageBand = "age_band"
            case site, organisation, month, counts
        }
    }

    /// Why bundles cannot be made or merged.
    public struct Problem: Error, LocalizedError {
        public var message: String
        public var errorDescription: String? { message }
        public init(message: String) { self.message = message }
    }

    /// The setting that holds this kiosk's own id.
    static let kioskIDKey = "kiosk_id"

    /// This data directory's kiosk id (made once).
    public static func kioskID(of store: AnswerStore, day: Day) throws -> String {
        if let id = try store.setting(kioskIDKey) { return id }
        let id = UUID().uuidString.lowercased()
        try store.setSetting(kioskIDKey, to: id, day: day)
        return id
    }

    /// A bundle of every form (or the given ones) in `store`.
    public static func make(store: AnswerStore, formIDs: [String]?, day: Day) throws -> AggregateBundle {
        var forms: [FormCounts] = []
        for formID in try formIDs ?? store.formIDs() {
            let options = SummaryOptions(groupBy: [.ageBand, .site, .organisation, .period(.month)])
            let counts = try store.groupedCounts(formID: formID, options: options, byVersion: true)
            var versions: [Version] = []
            for hash in Set(counts.keys.map { $0[0] }).sorted() where !hash.isEmpty {
                guard let form = try store.formVersion(hash: hash) else {
                    throw Problem(message: "the stored definition of a version of '\(formID)' (\(hash.prefix(12))) cannot be read; run 'kiosk doctor'")
                }
                versions.append(Version(hash: hash, definition: String(decoding: form.canonicalDefinition, as: UTF8.self)))
            }
            let groups = counts.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
                Group(version: key[0], ageBand: key[1], site: key[2], organisation: key[3].isEmpty ? nil : key[3], month: key[4], counts: counts[key]!)
            }
            if !groups.isEmpty { forms.append(FormCounts(formID: formID, versions: versions, groups: groups)) }
        }
        return AggregateBundle(id: UUID().uuidString.lowercased(), kiosk: try kioskID(of: store, day: day), made: day.description, forms: forms)
    }

    /// Completed interviews per month of `formID` in this bundle (for the release log).
    public func monthlyCounts(formID: String) -> [String: Int] {
        var months: [String: Int] = [:]
        for form in forms where form.formID == formID {
            for group in form.groups {
                months[group.month, default: 0] += group.counts.interviews.values.map(\.count).reduce(0, +)
            }
        }
        return months
    }

    /// The bundle sealed with `passphrase`, ready to write.
    public func sealed(passphrase: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let plain = try encoder.encode(self)
        do {
            return try SealedBox.seal(plain, passphrase: passphrase)
        } catch {
            throw Problem(message: "the bundle passphrase needs at least \(SealedBox.minimumLength) characters (a few words); nothing was written")
        }
    }

    /// Reads a sealed bundle file, refusing anything that is not one, a wrong passphrase and any change.
    public static func read(_ url: URL, passphrase: String) throws -> AggregateBundle {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw Problem(message: "the bundle \(url.path) cannot be read (\(error.localizedDescription))")
        }
        let plain: Data
        do {
            plain = try SealedBox.open(data, passphrase: passphrase)
        } catch .notSealed {
            throw Problem(message: "\(url.path) is not a sealed kiosk bundle (make one with 'kiosk export bundle'; bundles of older kiosks must be made again)")
        } catch {
            throw Problem(message: "\(url.path) cannot be opened: the bundle passphrase is wrong, or the file was changed after it was made")
        }
        guard let bundle = try? JSONDecoder().decode(AggregateBundle.self, from: plain), bundle.schema == "kiosk-bundle" else {
            throw Problem(message: "\(url.path) is not a kiosk bundle (make one with 'kiosk export bundle')")
        }
        guard bundle.version == 2 else {
            throw Problem(message: "\(url.path) is a version \(bundle.version) bundle, made by a \(bundle.version > 2 ? "newer" : "older") kiosk; \(bundle.version > 2 ? "update this kiosk to merge it" : "make it again with this kiosk")")
        }
        return bundle
    }

    /// Merges bundles' counts of one form into counts grouped as `options` says, checking every version
    /// (its definition must match its hash, and its questions must mean what they mean in `form`), every
    /// count (never negative, never more than the interviews it is part of), and that no kiosk's months
    /// are given twice.
    public static func merge(_ bundles: [(name: String, bundle: AggregateBundle)], form: Questionnaire, options: SummaryOptions) throws -> [[String]: GroupCounts] {
        try mergeWithVersions(bundles, form: form, options: options).counts
    }

    /// Like ``merge(_:form:options:)``, also giving every form version the bundles carry.
    public static func mergeWithVersions(_ bundles: [(name: String, bundle: AggregateBundle)], form: Questionnaire,
                                         options: SummaryOptions) throws -> (counts: [[String]: GroupCounts], versions: [Questionnaire]) {
        var allVersions: [Questionnaire] = []
        var merged: [[String]: GroupCounts] = [:]
        var seen: [String: String] = [:]
        var kioskMonths: [String: (name: String, months: Set<String>)] = [:]
        for (name, bundle) in bundles {
            if let first = seen[bundle.id] {
                throw Problem(message: "\(name) is the same bundle as \(first); each bundle may be merged once")
            }
            seen[bundle.id] = name
            let months = Set(bundle.forms.filter { $0.formID == form.id }.flatMap { $0.groups.map(\.month) })
            if let earlier = kioskMonths[bundle.kiosk] {
                let both = earlier.months.intersection(months)
                if !both.isEmpty {
                    throw Problem(message: "\(name) and \(earlier.name) come from the same kiosk and both hold \(both.sorted().prefix(3).joined(separator: ", ")) of '\(form.id)'; merge only the newest bundle of each kiosk")
                }
                kioskMonths[bundle.kiosk] = (earlier.name, earlier.months.union(months))
            } else {
                kioskMonths[bundle.kiosk] = (name, months)
            }
        }
        for (name, bundle) in bundles {
            guard let entry = bundle.forms.first(where: { $0.formID == form.id }) else { continue }
            var known: [String: Questionnaire] = [:]
            for version in entry.versions {
                guard let definition = try? Questionnaire.fromCanonicalDefinition(Data(version.definition.utf8)),
                      definition.contentHash == version.hash else {
                    throw Problem(message: "\(name): the version \(version.hash.prefix(12)) of '\(form.id)' does not match its definition; the bundle is damaged or was edited — make it again")
                }
                if let conflict = conflict(between: definition, and: form) {
                    throw Problem(message: "\(name): version \(version.hash.prefix(12)) of '\(form.id)' \(conflict); summarize it separately")
                }
                known[version.hash] = definition
                allVersions.append(definition)
            }
            for group in entry.groups {
                guard group.version.isEmpty || known[group.version] != nil else {
                    throw Problem(message: "\(name): counts refer to an unknown version \(group.version.prefix(12)) of '\(form.id)'; make the bundle again")
                }
                if let problem = inconsistency(in: group.counts, version: known[group.version]) {
                    throw Problem(message: "\(name): the counts of '\(form.id)' for \(group.month) \(problem); the bundle is damaged or was edited — make it again")
                }
                guard let month = Month(group.month) else {
                    throw Problem(message: "\(name): '\(group.month)' is not a month; the bundle is damaged or was edited — make it again")
                }
                if let from = options.from, month < from { continue }
                if let to = options.to, month > to { continue }
                let key = options.groupBy.map { dimension -> String in
                    switch dimension {
                    case .ageBand: return group.ageBand
                    case .site: return group.site
                    case .organisation: return group.organisation ?? ""
                    // Bundles carry no language (`summary --merge` refuses the split).
                    case .language: return ""
                    case .period(let period): return SummaryDimension.period(period, of: month)
                    }
                }
                merged[key, default: GroupCounts()].add(group.counts)
            }
        }
        return (merged, allVersions)
    }

    /// What is wrong with one group's counts, if anything: a count below zero, or more interviews in a part
    /// than in the whole (answers to a question, a rule, a score, of one gender).
    static func inconsistency(in counts: GroupCounts, version: Questionnaire?) -> String? {
        if counts.allTallies.contains(where: { $0.count < 0 }) { return "hold a negative count" }
        func exceeds(_ part: [String: Tally]) -> Bool {
            part.contains { gender, tally in tally.count > (counts.interviews[gender]?.count ?? 0) }
        }
        for (question, byGender) in counts.asked where exceeds(byGender) { return "say more interviews answered '\(question)' than there were" }
        for (rule, byGender) in counts.referrals where exceeds(byGender) { return "say rule '\(rule)' fired in more interviews than there were" }
        for (question, byAnswer) in counts.answers {
            var multiple = false
            if case .multipleChoice? = version?.question(question)?.kind { multiple = true }
            if multiple {
                for byGender in byAnswer.values where exceeds(byGender) { return "say more interviews answered '\(question)' than there were" }
            } else {
                var sums: [String: Tally] = [:]
                for byGender in byAnswer.values { for (g, t) in byGender { sums[g, default: .zero] += t } }
                if exceeds(sums) { return "give '\(question)' more answers than there were interviews" }
            }
        }
        for (score, byValue) in counts.scores {
            var sums: [String: Tally] = [:]
            for byGender in byValue.values { for (g, t) in byGender { sums[g, default: .zero] += t } }
            if exceeds(sums) { return "give the score '\(score)' to more interviews than there were" }
        }
        return nil
    }

    /// How a version's question or choice means something else than in `form`, if it does.
    static func conflict(between version: Questionnaire, and form: Questionnaire) -> String? {
        for question in version.questions {
            guard let current = form.question(question.id) else { continue }
            if question.typeName != current.typeName {
                return "has '\(question.id)' as a \(question.typeName) question, but it is \(current.typeName) in the form summarized"
            }
        }
        return nil
    }
}
