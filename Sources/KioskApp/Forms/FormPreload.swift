import Foundation
import KioskCore
import Synchronization

/// A form read and checked on a thread of its own while the kiosk opens its database, so that the first
/// interview's form is ready sooner: the two took about as long as each other, one after the other, in
/// every start (BENCHMARKS.md). The result, form or error, is the same as ``FormCatalog/form(_:in:)``'s,
/// and is taken once: a later participant's form is read again, with any edit since.
public final class FormPreload: Sendable {
    public let id: String
    public let directory: URL
    private let result = Mutex<Result<Questionnaire, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)
    private let taken = Atomic<Bool>(false)

    /// Starts reading the form `id` in `directory`.
    public init(_ id: String, in directory: URL) {
        self.id = id
        self.directory = directory
        Thread.detachNewThread { [self] in
            let read = Result { try FormCatalog.form(id, in: directory) }
            result.withLock { $0 = read }
            done.signal()
        }
    }

    /// Why the form cannot be used (waiting for it if it is still being read), or `nil` when it can. The
    /// form stays to be taken.
    public func failure() -> (any Error)? {
        done.wait()
        done.signal()
        guard case .failure(let error)? = result.withLock({ $0 }) else { return nil }
        return error
    }

    /// The form (waiting for it if it is still being read) the first time it is asked for `id` in
    /// `directory`; `nil` after that, or for another form, so that it is read afresh.
    func take(_ id: String, in directory: URL) throws -> Questionnaire? {
        guard id == self.id, directory == self.directory, !taken.exchange(true, ordering: .acquiringAndReleasing) else { return nil }
        done.wait()
        return try result.withLock { $0 }?.get()
    }
}
