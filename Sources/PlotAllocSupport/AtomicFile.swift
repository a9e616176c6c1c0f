import Foundation

/// Writes output files whole or not at all.
///
/// A regular file (new, existing, or the target of a symbolic link, which is kept) is written to a temporary file
/// `.NAME.UUID.tmp` beside it, flushed to disk, given the mode of the file it replaces, and renamed over it. A
/// device, a FIFO or an open descriptor (`-`, `/dev/stdout`) is written through, in place (see ``OutputTarget``).
/// Every write error is reported, a full disk (`ENOSPC`) included.
///
/// Temporary files: each is listed while it exists, so that ``removeTemporaryFiles()`` (called when a second stop
/// signal ends the process at once) leaves none behind; ones left by a process killed outright (`kill -9`, power
/// loss) are removed by the next write to the same file once they are more than ``staleAge`` seconds old.
public enum AtomicFile {
    /// Age in seconds beyond which a leftover `.NAME.UUID.tmp` beside NAME is removed by the next write to NAME.
    public static let staleAge: TimeInterval = 600

    /// Why a write failed: the path and the system's reason (e.g. "No space left on device").
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The output path as given.
        public var path: String
        /// The reason, one line.
        public var reason: String
        /// `path: reason`.
        public var description: String { "\(path): \(reason)" }
    }

    /// Writes `data` to `url` (see the type's description).
    ///
    /// - Throws: ``Failure``; a regular file is then unchanged and no temporary file is left behind (a device or
    ///   descriptor may have taken part of the data).
    public static func write(_ data: Data, to url: URL) throws {
        try write(data, to: url.path)
    }

    /// Writes `text` as UTF-8 to `url`.
    ///
    /// - Throws: ``Failure``, as ``write(_:to:)-(Data,URL)``.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url.path)
    }

    /// Writes `data` to `path` (`-` is standard output).
    ///
    /// - Throws: ``Failure``, as ``write(_:to:)-(Data,URL)``, and when the path cannot be resolved
    ///   (``OutputTarget/resolve(_:)``).
    public static func write(_ data: Data, to path: String) throws(Failure) {
        try emit(to: path) { fd throws(Failure) in
            if let failure = data.withUnsafeBytes({ writeAll(fd, $0, path: path) }) { throw failure }
        }
    }

    /// Moves (or copies) the finished file `source` to `path`, after `prefix`, replacing what is there; `source`
    /// is removed.
    ///
    /// A regular target on the same file system with no prefix is a `rename(2)` of `source`; otherwise the bytes
    /// are copied (to a temporary file beside a regular target, then renamed; straight into a device or
    /// descriptor).
    ///
    /// - Throws: ``Failure``.
    public static func move(_ source: URL, to path: String, prefix: Data = Data()) throws(Failure) {
        defer { unlink(source.path) }
        if prefix.isEmpty, case .regular(let target)? = try? OutputTarget.resolve(path) {
            var old = stat()
            let mode = stat(target, &old) == 0 ? old.st_mode & 0o7777 : defaultMode()
            chmod(source.path, mode)
            if rename(source.path, target) == 0 { return }
        }
        let input = open(source.path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw Failure(path: path, reason: "cannot read \(source.path): \(errorText())") }
        defer { close(input) }
        try emit(to: path) { fd throws(Failure) in
            if let failure = prefix.withUnsafeBytes({ writeAll(fd, $0, path: path) }) { throw failure }
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Failure(path: path, reason: "cannot read \(source.path): \(errorText())")
                }
                if n == 0 { return }
                let failure = buffer.withUnsafeBytes {
                    writeAll(fd, UnsafeRawBufferPointer(rebasing: $0[0..<n]), path: path)
                }
                if let failure { throw failure }
            }
        }
    }

    /// A fresh temporary file path under the system's temporary directory, listed for
    /// ``removeTemporaryFiles()`` until ``forget(_:)``; for writers that need a path (GLPK's).
    /// Leftover `plotalloc-UUID.EXT` files there older than ``staleAge`` (a process killed outright) are removed.
    public static func scratchFile(extension ext: String) -> URL {
        let dir = FileManager.default.temporaryDirectory
        removeStale(in: dir.path, prefix: "plotalloc-", suffix: ".\(ext)")
        let url = dir.appendingPathComponent("plotalloc-\(UUID().uuidString).\(ext)")
        Registry.shared.add(url.path)
        return url
    }

    /// Removes `url` (if present) and drops it from the list of temporary files.
    public static func forget(_ url: URL) {
        unlink(url.path)
        Registry.shared.remove(url.path)
    }

    /// Removes every temporary file this process is writing, and blocks new ones: the last act of a process that
    /// is about to exit at once (a second stop signal). Safe from any thread.
    public static func removeTemporaryFiles() {
        Registry.shared.closeAndRemoveAll()
    }

    /// Creates and removes a probe file in `directory`; the system's reason when that fails, else `nil`.
    public static func probe(directory: String) -> String? {
        let path = (directory as NSString).appendingPathComponent(".plotalloc-probe.\(UUID().uuidString).tmp")
        let fd = Registry.shared.create(path)
        guard fd >= 0 else { return fd == Registry.exiting ? "the process is exiting" : errorText() }
        close(fd)
        unlink(path)
        Registry.shared.remove(path)
        return nil
    }

    // MARK: - Implementation

    /// Opens `path`'s target for writing, runs `body` with the descriptor, and finishes (rename or close).
    private static func emit(to path: String, _ body: (Int32) throws(Failure) -> Void) throws(Failure) {
        let target: OutputTarget
        do { target = try OutputTarget.resolve(path) } catch {
            throw Failure(path: path, reason: "\(error.what); expected \(error.expected)")
        }
        switch target {
        case .descriptor(let fd):
            try body(fd)
        case .special(let p):
            let fd = open(p, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw Failure(path: path, reason: errorText()) }
            do { try body(fd) } catch { close(fd); throw error }
            guard close(fd) == 0 else { throw Failure(path: path, reason: errorText()) }
        case .regular(let p):
            try replace(p, shownAs: path, body)
        }
    }

    /// Writes a temporary file beside `target` with `body`, flushes it and renames it over `target`.
    private static func replace(_ target: String, shownAs path: String,
                                _ body: (Int32) throws(Failure) -> Void) throws(Failure) {
        let dir = OutputTarget.directory(of: target)
        let name = (target as NSString).lastPathComponent
        removeStale(in: dir, prefix: ".\(name).", suffix: ".tmp")
        let tmp = (dir as NSString).appendingPathComponent(".\(name).\(UUID().uuidString).tmp")
        var old = stat()
        let existing = stat(target, &old) == 0
        let fd = Registry.shared.create(tmp)
        guard fd >= 0 else {
            throw Failure(path: path, reason: fd == Registry.exiting ? "the process is exiting" : errorText())
        }
        defer { Registry.shared.remove(tmp) }
        do throws(Failure) {
            try body(fd)
            guard fsync(fd) == 0 else { throw Failure(path: path, reason: errorText()) }
            fchmod(fd, existing ? old.st_mode & 0o7777 : defaultMode())
            if existing && geteuid() == 0 { _ = fchown(fd, old.st_uid, old.st_gid) }
            guard close(fd) == 0 else { unlink(tmp); throw Failure(path: path, reason: errorText()) }
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        guard rename(tmp, target) == 0 else {
            let reason = errorText()
            unlink(tmp)
            throw Failure(path: path, reason: reason)
        }
    }

    /// Writes all of `bytes` to `fd`, retrying short writes and interruptions; the failure, or `nil`.
    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) -> Failure? {
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return Failure(path: path, reason: errorText())
            }
            offset += n
        }
        return nil
    }

    /// Removes our regular files `PREFIX` + UUID + `SUFFIX` in `dir` older than ``staleAge`` (left by a process
    /// killed outright).
    private static func removeStale(in dir: String, prefix: String, suffix: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        let now = Date().timeIntervalSince1970
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(suffix) {
            let middle = entry.dropFirst(prefix.count).dropLast(suffix.count)
            guard middle.count == 36, UUID(uuidString: String(middle)) != nil else { continue }
            let path = (dir as NSString).appendingPathComponent(entry)
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(),
                  now - TimeInterval(info.st_mtim.tv_sec) > staleAge else { continue }
            unlink(path)
        }
    }

    /// 0666 less the process's umask: the mode `open(2)` gives a new file.
    private static func defaultMode() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return 0o666 & ~mask
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }

    /// The temporary files this process is writing.
    private final class Registry: @unchecked Sendable {
        static let shared = Registry()
        private let lock = NSLock()
        private var paths: Set<String> = []
        private var closed = false

        /// What ``create(_:)`` returns once the process is exiting.
        static let exiting: Int32 = -2

        /// Lists `path` and creates it (new, mode 0600, open for writing) in one step under the lock, so that
        /// ``closeAndRemoveAll()`` never misses a file being created; ``exiting`` once the process is exiting,
        /// -1 (and `errno`) when `open(2)` fails.
        func create(_ path: String) -> Int32 {
            lock.lock()
            defer { lock.unlock() }
            guard !closed else { return Self.exiting }
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 { paths.insert(path) }
            return fd
        }

        /// Lists `path` (a file another writer will create); `false` once the process is exiting.
        @discardableResult
        func add(_ path: String) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            guard !closed else { return false }
            paths.insert(path)
            return true
        }

        func remove(_ path: String) {
            lock.lock()
            paths.remove(path)
            lock.unlock()
        }

        /// Removes every listed file and refuses new ones; the lock is kept, so no writer lists or creates a
        /// file after this (the process exits next).
        func closeAndRemoveAll() {
            lock.lock()
            closed = true
            for p in paths { unlink(p) }
        }
    }
}
