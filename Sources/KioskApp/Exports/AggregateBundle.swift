import Foundation
import KioskCore
import KioskStore

/// An aggregate bundle: one kiosk's counts by form version, gender, age band, site and month — no rows,
/// no answers of anyone — for the förbund's coordinator to merge with other kiosks' bundles. Small
/// counts are not suppressed in a bundle (suppression comes after merging), so bundles are written
/// readable by their owner only and must be moved like any other confidential file.
public struct AggregateBundle: Codable, Sendable {
    public var schema = "kiosk-bundle"
    public var version = 1
    /// A random id, so the same bundle is never counted twice in a merge.
    public var id: String
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

    /// Counts of one version for one combination of age band, site and month.
    public struct Group: Codable, Sendable {
        public var version: String
        public var ageBand: String
        public var site: String
        public var month: String
        public var counts: GroupCounts

        enum CodingKeys: String, CodingKey {
            case version
            case ageBand = "age_band"
            case site, month, counts
        }
    }

    /// Why bundles cannot be merged.
    public struct Problem: Error, LocalizedError {
        public var message: String
        public var errorDescription: String? { message }
    }

    /// A bundle of every form (or the given ones) in `store`.
    public static func make(store: AnswerStore, formIDs: [String]?, day: Day) throws -> AggregateBundle {
        var forms: [FormCounts] = []
        for formID in try formIDs ?? store.formIDs() {
            let options = SummaryOptions(groupBy: [.ageBand, .site, .period(.month)])
            let counts = try store.groupedCounts(formID: formID, options: options, byVersion: true)
            var versions: [Version] = []
            for hash in Set(counts.keys.map { $0[0] }).sorted() {
                guard let form = try store.formVersion(hash: hash) else {
                    throw Problem(message: "the stored definition of a version of '\(formID)' (\(hash.prefix(12))) cannot be read; run 'kiosk doctor'")
                }
                versions.append(Version(hash: hash, definition: String(decoding: form.canonicalDefinition, as: UTF8.self)))
            }
            let groups = counts.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
                Group(version: key[0], ageBand: key[1], site: key[2], month: key[3], counts: counts[key]!)
            }
            if !groups.isEmpty { forms.append(FormCounts(formID: formID, versions: versions, groups: groups)) }
        }
        return AggregateBundle(id: UUID().uuidString.lowercased(), made: day.description, forms: forms)
    }

    /// Reads a bundle file, refusing anything that is not one.
    public static func read(_ url: URL) throws -> AggregateBundle {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw Problem(message: "the bundle \(url.path) cannot be read (\(error.localizedDescription))")
        }
        guard let bundle = try? JSONDecoder().decode(AggregateBundle.self, from: data), bundle.schema == "kiosk-bundle" else {
            throw Problem(message: "\(url.path) is not a kiosk bundle (make one with 'kiosk export bundle')")
        }
        guard bundle.version == 1 else {
            throw Problem(message: "\(url.path) is a version \(bundle.version) bundle, made by a newer kiosk; update this kiosk to merge it")
        }
        return bundle
    }

    /// Merges bundles' counts of one form into counts grouped as `options` says, checking every version:
    /// its definition must match its hash, and its questions must mean what they mean in `form`.
    public static func merge(_ bundles: [(name: String, bundle: AggregateBundle)], form: Questionnaire, options: SummaryOptions) throws -> [[String]: GroupCounts] {
        try mergeWithVersions(bundles, form: form, options: options).counts
    }

    /// Like ``merge(_:form:options:)``, also giving every form version the bundles carry.
    public static func mergeWithVersions(_ bundles: [(name: String, bundle: AggregateBundle)], form: Questionnaire,
                                         options: SummaryOptions) throws -> (counts: [[String]: GroupCounts], versions: [Questionnaire]) {
        var allVersions: [Questionnaire] = []
        var merged: [[String]: GroupCounts] = [:]
        var seen: [String: String] = [:]
        for (name, bundle) in bundles {
            if let first = seen[bundle.id] {
                throw Problem(message: "\(name) is the same bundle as \(first); each bundle may be merged once")
            }
            seen[bundle.id] = name
        }
        let fromMonth = options.from.map { String($0.description.prefix(7)) }
        let toMonth = options.to.map { String($0.description.prefix(7)) }
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
                guard known[group.version] != nil else {
                    throw Problem(message: "\(name): counts refer to an unknown version \(group.version.prefix(12)) of '\(form.id)'; make the bundle again")
                }
                if let fromMonth, group.month < fromMonth { continue }
                if let toMonth, group.month > toMonth { continue }
                let key = options.groupBy.map { dimension -> String in
                    switch dimension {
                    case .ageBand: return group.ageBand
                    case .site: return group.site
                    case .period(let period):
                        guard let day = Day(group.month + "-01") else { return group.month }
                        return SummaryDimension.period(period, of: day)
                    }
                }
                merged[key, default: GroupCounts()].add(group.counts)
            }
        }
        return (merged, allVersions)
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
