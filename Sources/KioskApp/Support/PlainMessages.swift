import Foundation
import KioskCore
import KioskStore

/// Errors as the one plain sentence a person reads, in the language of the screens (`--lang`).
public enum PlainMessages {
    /// The sentence for `error` in `language`, or `nil` for an error that is not the kiosk's own (it is
    /// then shown as it is).
    public static func message(for error: any Error, in language: Language) -> String? {
        switch error {
        case let error as StoreError:
            return error.message(in: language)
        case let refusal as PublicationSettings.Refusal:
            return refusal.message(in: language)
        case let failure as InterviewSession.StorageFailure:
            let reason = message(for: failure.underlying, in: language) ?? failure.underlying.localizedDescription
            return Phrasebook(language).text("message.answer_not_saved", ["reason": "\(reason)"])
        case let error as FormLookupError:
            return error.message(in: language)
        case let error as FormsDirectoryError:
            return error.message(in: language)
        case is XLSXSupport.Missing:
            return HelperProgram.spreadsheets.missingMessage(in: language)
        case let error as LocalizedError:
            return error.errorDescription
        default:
            return nil
        }
    }
}
