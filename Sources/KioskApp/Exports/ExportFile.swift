import Foundation

/// A file an export is written to: first to a hidden temporary file beside it (readable by the owner
/// only), renamed into place when complete, so a failed or killed export never leaves half a file under
/// the name staff asked for. `-` writes to standard output instead, and a device or pipe is written to directly.
public final class ExportFile {
    public let path: String
    private let temporaryPath: String?
    private let handle: FileHandle
    private var buffer = Data()
    private var finished = false

    /// Why an export file cannot be written.
    public enum Problem: Error, LocalizedError, Equatable {
        case cannotCreate(String, String)
        case cannotWrite(String, String)

        public var errorDescription: String? {
            switch self {
            case .cannotCreate(let path, let reason):
                return "the export file \(path) cannot be created (\(reason)); choose another place with -o"
            case .cannotWrite(let path, let reason):
                return "the export file \(path) could not be written (\(reason)); nothing was left under that name"
            }
        }
    }

    public init(path: String) throws(Problem) {
        self.path = path
        if path == "-" {
            temporaryPath = nil
            handle = FileHandle.standardOutput
            return
        }
        // A device or a pipe (/dev/null, /dev/stdout, a named pipe) is written to as it is: renaming a
        // finished file over it would replace the device itself.
        var status = stat()
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFCHR || (status.st_mode & S_IFMT) == S_IFIFO {
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .cannotCreate(path, String(cString: strerror(errno))) }
            temporaryPath = nil
            handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).part").path
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .cannotCreate(path, String(cString: strerror(errno))) }
        temporaryPath = temporary
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Appends bytes (a spreadsheet), buffered.
    public func write(_ data: Data) throws(Problem) {
        buffer.append(data)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Appends text (UTF-8), buffered.
    public func write(_ text: String) throws(Problem) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws(Problem) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            abandon()
            throw .cannotWrite(path, error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left, makes it durable and gives the file its name.
    public func finish() throws(Problem) {
        try flush()
        guard let temporaryPath, !finished else { return }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            abandon()
            throw .cannotWrite(path, error.localizedDescription)
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            abandon()
            throw .cannotWrite(path, reason)
        }
        finished = true
    }

    /// Removes the unfinished temporary file.
    public func abandon() {
        if let temporaryPath, !finished { unlink(temporaryPath) }
        finished = true
    }

    deinit { if !finished { abandon() } }
}
