import Foundation
import KioskCore

/// An exclusive lock on one interview, held by the kiosk process conducting it.
///
/// A `flock` on an empty file named after the interview's random id, in `locks/` of the data directory.
/// The kernel releases it when the process ends in any way (crash, kill, power-off, `exec` of a fresh
/// kiosk), so an in-progress interview whose lock is free was left behind and can be offered for resume,
/// while one whose lock is held belongs to another running kiosk and is left alone.
final class InterviewLock: @unchecked Sendable {
    let path: String
    private var descriptor: Int32

    /// Takes the lock, or returns `nil` when another process (or another lock here) holds it.
    static func take(_ path: String) throws(StoreError) -> InterviewLock? {
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .lockFailed(path: path, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        return InterviewLock(path: path, descriptor: fd)
    }

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Releases the lock; with `removingFile`, the interview is finished and its lock file goes.
    func release(removingFile: Bool) {
        guard descriptor >= 0 else { return }
        if removingFile { unlink(path) }
        close(descriptor)
        descriptor = -1
    }

    deinit { release(removingFile: false) }
}

extension AnswerStore {
    var lockDirectory: URL { directory.appendingPathComponent("locks", isDirectory: true) }

    func lockPath(_ interviewID: String) -> String {
        lockDirectory.appendingPathComponent("\(interviewID).lock").path
    }

    /// Takes the lock of an interview for this store, or returns false when another process holds it.
    func claim(_ interviewID: String) throws(StoreError) -> Bool {
        if locks.withLock({ $0[interviewID] != nil }) { return true }
        do {
            try FileManager.default.createDirectory(at: lockDirectory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .lockFailed(path: lockDirectory.path, reason: Self.reason(error))
        }
        guard let lock = try InterviewLock.take(lockPath(interviewID)) else { return false }
        locks.withLock { $0[interviewID] = lock }
        return true
    }

    /// Lets go of an interview's lock (the interview stays as it is).
    public func release(_ interviewID: String) {
        let lock = locks.withLock { $0.removeValue(forKey: interviewID) }
        lock?.release(removingFile: false)
    }

    /// Lets go of an interview's lock and removes its file: the interview is finished.
    func finishLock(_ interviewID: String) {
        let lock = locks.withLock { $0.removeValue(forKey: interviewID) }
        if let lock {
            lock.release(removingFile: true)
        } else {
            unlink(lockPath(interviewID))
        }
    }

    /// The in-progress interviews no running kiosk is conducting (left by a crash, a killed process,
    /// a power cut, a closed terminal, or a pause). Their locks are taken for this store, so two kiosks
    /// starting at once never pick up the same one; `release` one to leave it for later.
    public func orphanedInterviews() throws(StoreError) -> [InterviewRecord] {
        var orphans: [InterviewRecord] = []
        for record in try interviews(status: .inProgress).sorted(by: { ($0.startedDay ?? $0.month) < ($1.startedDay ?? $1.month) }) {
            if locks.withLock({ $0[record.id] != nil }) { continue }
            guard try claim(record.id) else { continue }
            // The kiosk conducting it may have finished it between the listing and the lock.
            if try interview(record.id)?.status == .inProgress {
                orphans.append(record)
            } else {
                finishLock(record.id)
            }
        }
        return orphans
    }
}
