import Foundation
import KioskApp
import KioskCore
import KioskServer
import KioskStore

/// Where this kiosk hands its interviews in: the server's address (never a password) and the password
/// file, kept as settings in the data directory (`kiosk server set`).
public enum ServerSettings {
    static let urlKey = "server_url"
    static let passwordFileKey = "server_password_file"
    static let purgeKey = "server_purge_after_days"

    /// Saves the address (checked first), the password file and the organisation; audited.
    public static func save(url: String, passwordFile: String?, organisation: String?, store: AnswerStore, day: Day) throws {
        let address = try ServerAddress(url)
        if let passwordFile { _ = try address.password(file: passwordFile, environment: [:]) }
        try store.setSetting(urlKey, to: address.description, day: day)
        try store.setSetting(passwordFileKey, to: passwordFile.map { URL(fileURLWithPath: $0).standardizedFileURL.path }, day: day)
        if let organisation, !organisation.isEmpty {
            try store.setSetting(AnswerStore.organisationKey, to: organisation, day: day)
            // The kiosk's interviews so far belong to it too (a label of the kiosk, not of a person).
            try store.labelUnlabelled(organisation: organisation)
        } else if organisation != nil {
            try store.setSetting(AnswerStore.organisationKey, to: nil, day: day)
        }
        try store.audit(.serverSet, detail: address.host, day: day)
    }

    /// The address to use: `url` when given, else the saved one.
    public static func address(_ url: String?, store: AnswerStore?) throws -> ServerAddress {
        if let url { return try ServerAddress(url) }
        guard let saved = try store?.setting(urlKey) else { throw ServerError.notConfigured }
        return try ServerAddress(saved)
    }

    /// The password: `passwordFile` when given, else the saved file, else `PGPASSWORD` or `~/.pgpass`.
    public static func password(for address: ServerAddress, passwordFile: String?, store: AnswerStore?,
                                environment: [String: String]) throws -> String? {
        let file = try passwordFile ?? store?.setting(passwordFileKey)
        return try address.password(file: file, environment: environment)
    }

    /// What staff see with `kiosk server show`.
    public static func description(store: AnswerStore, language: Language) throws -> String {
        let url = try store.setting(urlKey)
        let file = try store.setting(passwordFileKey)
        let organisation = try store.setting(AnswerStore.organisationKey)
        let pending = try store.pendingCount()
        var lines = [
            (Phrasebook(language).text("server_use.server")) + (url ?? (Phrasebook(language).text("server_use.no_server"))),
            (Phrasebook(language).text("server_use.password_file")) + (file ?? (Phrasebook(language).text("server_use.no_password_file"))),
            (Phrasebook(language).text("server_use.organisation")) + (organisation ?? (Phrasebook(language).text("server_use.no_organisation"))),
            (Phrasebook(language).text("server_use.waiting")) + String(pending),
        ]
        if let days = try store.setting(purgeKey) {
            lines.append(Phrasebook(language).text("server_use.purge_after", ["days": "\(days)"]))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `kiosk sync`: hand in what the server has not confirmed, then (optionally) delete what it confirmed
/// long enough ago.
public enum SyncRun {
    public static func run(store: AnswerStore, url: String?, passwordFile: String?, purgeAfter: Int?, day: Day,
                           environment: [String: String], progress: @escaping @Sendable (Int, Int) -> Void) throws -> ServerSync.Outcome {
        let address = try ServerSettings.address(url, store: store)
        let password = try ServerSettings.password(for: address, passwordFile: passwordFile, store: store, environment: environment)
        if let purgeAfter { try store.setSetting(ServerSettings.purgeKey, to: String(purgeAfter), day: day) }
        let purge = try purgeAfter ?? store.setting(ServerSettings.purgeKey).flatMap(Int.init)
        let outcome = try ServerCall.wait {
            try await ServerConnection.with(address, password: password) { connection in
                try await ServerSync.push(store: store, connection: connection, day: day, purgeAfter: purge, progress: progress)
            }
        }
        try store.audit(.synced, detail: "\(outcome.confirmed) confirmed, \(outcome.new) new", day: day)
        return outcome
    }
}

/// Summaries counted on the server: the same tables, noise and release rules as local ones.
public enum ServerSummary {
    public static func summary(formID: String, formsDirectory: URL, address: ServerAddress, password: String?, language: Language,
                               options: SummaryOptions, method: CellKeyMethod, publishing: (kind: String, day: Day)?) throws -> SummaryReport {
        let current = try? FormCatalog.form(formID, in: formsDirectory)
        return try ServerCall.wait {
            try await ServerConnection.with(address, password: password) { connection in
                try await summary(formID: formID, current: current, connection: connection, language: language,
                                  options: options, method: method, publishing: publishing)
            }
        }
    }

    /// The summary of `formID` (`current`: the form file, if there is one) from the server's counts,
    /// checked against and noted in the server's release log when `publishing`.
    public static func summary(formID: String, current: Questionnaire?, connection: ServerConnection, language: Language,
                               options: SummaryOptions, method: CellKeyMethod, publishing: (kind: String, day: Day)?) async throws -> SummaryReport {
        var options = options
        options.method = method
        try await ServerSetup.checkVersion(connection)
        let former = try await ServerCounts.formVersions(formID: formID, connection: connection)
        guard let form = current ?? former.last else { throw SummarySource.NothingStored(formID: formID) }
        if let publishing {
            let months = try await ServerCounts.monthlyCounts(formID: formID, from: options.from, to: options.to, connection: connection)
            let earlier = try await ServerCounts.releases(formID: formID, connection: connection)
            if let close = ReleaseCheck.tooClose(months, earlier: earlier, minimum: options.minimumCell) {
                throw Releases.Refusal(message: Releases.message(close, language: language))
            }
            try await ServerCounts.recordRelease(day: publishing.day.description, kind: publishing.kind, formID: formID,
                                                 split: Releases.split(options.groupBy), months: months, connection: connection)
        }
        let counts = try await ServerCounts.groupedCounts(formID: formID, options: options, connection: connection)
        return SummaryReport(form: form, language: language, options: options, counts: counts, formerVersions: former)
    }
}

/// `kiosk server import BUNDLE`: a bundle's counts into the server, for kiosks that never see a network.
public enum BundleImporting {
    /// The bundle's counts as the server keeps them.
    static func rows(_ bundle: AggregateBundle, organisation: String?) -> [ImportedCount] {
        var rows: [ImportedCount] = []
        for form in bundle.forms {
            for group in form.groups {
                let counts = group.counts
                func add(_ kind: String, gender: String, item: String = "", value: String? = nil, band: String? = nil, _ tally: Tally) {
                    guard tally.count > 0 else { return }
                    rows.append(ImportedCount(kind: kind, formID: form.formID, formHash: group.version, organisation: group.organisation ?? organisation,
                                              site: group.site.isEmpty ? nil : group.site, month: group.month,
                                              gender: gender == GroupCounts.notStated ? nil : gender,
                                              ageBand: group.ageBand.isEmpty ? nil : group.ageBand, item: item, value: value, band: band, tally: tally))
                }
                for (gender, tally) in counts.interviews { add("interviews", gender: gender, tally) }
                for (question, byAnswer) in counts.answers {
                    for (answer, byGender) in byAnswer { for (gender, tally) in byGender { add("answer", gender: gender, item: question, value: answer, tally) } }
                }
                for (question, byGender) in counts.asked { for (gender, tally) in byGender { add("asked", gender: gender, item: question, tally) } }
                for (rule, byGender) in counts.referrals { for (gender, tally) in byGender { add("rule", gender: gender, item: rule, tally) } }
                for (score, byValue) in counts.scores {
                    for (value, byGender) in byValue {
                        for (gender, tally) in byGender {
                            add("score", gender: gender, item: score, value: value == GroupCounts.notScored ? nil : value, tally)
                        }
                    }
                }
                for (score, byBand) in counts.bands {
                    for (band, byGender) in byBand { for (gender, tally) in byGender { add("band", gender: gender, item: score, band: band, tally) } }
                }
                for (kind, byGender) in counts.coverage {
                    for (gender, tally) in byGender {
                        add(kind == Coverage.unfinished.rawValue ? "unfinished" : "not_asked", gender: gender,
                            item: kind == Coverage.unfinished.rawValue ? "" : kind, tally)
                    }
                }
            }
        }
        return rows
    }

    public static func run(bundlePath: String, passphrase: String, address: ServerAddress, password: String?,
                           organisation: String?) throws -> ServerCounts.ImportResult {
        let bundle = try AggregateBundle.read(URL(fileURLWithPath: bundlePath), passphrase: passphrase)
        let versions = bundle.forms.flatMap { form in
            form.versions.map { StoredFormVersion(hash: $0.hash, formID: form.formID, definition: $0.definition,
                                                  firstMonth: form.groups.map(\.month).min() ?? "0000-00") }
        }
        let rows = rows(bundle, organisation: organisation)
        return try ServerCall.wait {
            try await ServerConnection.with(address, password: password) { connection in
                try await ServerCounts.importBundle(id: bundle.id, kioskID: bundle.kiosk, organisation: organisation,
                                                   versions: versions, counts: rows, connection: connection)
            }
        }
    }
}
