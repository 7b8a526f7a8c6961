import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress note on standard error, only when it is a terminal ("Räknar… 12000").
public final class ProgressLine {
    let enabled = isatty(STDERR_FILENO) == 1
    let label: String
    private var last = Date.distantPast

    public init(label: String) {
        self.label = label
        if enabled { FileHandle.standardError.write(Data("\(label)…".utf8)) }
    }

    /// Shows a count, at most a few times a second.
    public func update(_ count: Int) {
        guard enabled, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        FileHandle.standardError.write(Data("\r\(label)… \(count)".utf8))
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
