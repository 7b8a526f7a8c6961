import Foundation
import KioskCore
import KioskServer
import KioskStore

/// Errors as the one plain sentence a person reads, in the language of the screens (`--lang`).
public enum PlainMessages {
    /// The sentence for `error` in `language`, or `nil` for an error that is not the kiosk's own (it is
    /// then shown as it is).
    public static func message(for error: any Error, in language: Language) -> String? {
        let sv = language != .english
        switch error {
        case let error as StoreError:
            return error.message(in: language)
        case let refusal as PublicationSettings.Refusal:
            return refusal.message(in: language)
        case let error as ServerError:
            return error.message(in: language)
        case let failure as InterviewSession.StorageFailure:
            let reason = message(for: failure.underlying, in: language) ?? failure.underlying.localizedDescription
            return sv ? "svaret kunde inte sparas: \(reason)" : "the answer could not be saved: \(reason)"
        case let error as FormLookupError:
            guard sv else { return error.localizedDescription }
            switch error {
            case .unknown(let id, let available):
                var text = "det finns inget formulär med id '\(Phrasebook.excerpt(id))'"
                if let suggestion = closestMatch(to: id, among: available) { text += "; menade du '\(suggestion)'?" }
                return text + " Formulären är: \(available.joined(separator: ", ")) (se 'kiosk forms list')"
            case .invalid(let id, let diagnostics):
                let list = diagnostics.errors.map { "  \($0)" }.joined(separator: "\n")
                return "formuläret '\(id)' har fel och kan inte användas förrän de är rättade:\n\(list)"
            }
        case let error as FormsDirectoryError:
            guard sv else { return error.localizedDescription }
            switch error {
            case .missing(let path):
                return "formulärmappen '\(path)' finns inte; kör kiosken från projektmappen (där Questionnaires/ finns), eller ange --forms-dir MAPP eller KIOSK_FORMS_DIR"
            case .notADirectory(let path):
                return "'\(path)' är en fil, inte en formulärmapp; ange mappen med .yaml-formulären med --forms-dir"
            case .unreadable(let path, let reason):
                return "formulärmappen '\(path)' kan inte läsas (\(reason)); kontrollera behörigheterna"
            }
        case let error as LocalizedError:
            return error.errorDescription
        default:
            return nil
        }
    }
}
