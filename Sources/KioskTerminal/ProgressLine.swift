import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress note on standard error, only when it is a terminal ("Räknar… 12000").
public final class ProgressLine: Sendable {
    let enabled = isatty(STDERR_FILENO) == 1
    let label: String
    private let last = Mutex(Date.distantPast)

    public init(label: String) {
        self.label = label
        if enabled { FileHandle.standardError.write(Data("\(label)…".utf8)) }
    }

    /// Shows a count, at most a few times a second.
    public func update(_ count: Int) {
        guard enabled, due() else { return }
        FileHandle.standardError.write(Data("\r\(label)… \(count)".utf8))
    }

    /// Shows a count out of a total ("Skickar… 1200 / 5000").
    public func update(_ count: Int, of total: Int) {
        guard enabled, due() || count == total else { return }
        FileHandle.standardError.write(Data("\r\(label)… \(count) / \(total)".utf8))
    }

    private func due() -> Bool {
        last.withLock { last in
            guard Date().timeIntervalSince(last) > 0.2 else { return false }
            last = Date()
            return true
        }
    }

    /// Removes the line.
    public func done() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

extension Screen {
    /// The width of the terminal on standard output for a report (100 when it is not a terminal).
    public static var reportWidth: Int {
        var size = winsize()
        guard isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 else { return 100 }
        return Int(size.ws_col)
    }
}
