import Foundation

/// Where an output file of a command goes, resolved from the path the user gave before any work is done.
///
/// - `-`, `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N` name an open file descriptor: the output
///   is written to it, in place (no temporary file, no rename).
/// - An existing file that is not a regular file (a character device such as `/dev/null` or a copy of `/dev/full`,
///   a FIFO), directly or through symbolic links, is written through: opened for writing and written, in place.
/// - Anything else is a regular file, new or existing, replaced whole through a temporary file and a rename
///   (``AtomicFile``). A symbolic link to a regular file is followed: its target is replaced and the link kept.
public enum OutputTarget: Sendable, Hashable {
    /// An open file descriptor (1 for `-` and `/dev/stdout`).
    case descriptor(Int32)
    /// An existing character device or FIFO, at this path (symbolic links resolved).
    case special(path: String)
    /// A regular file, new or existing, at this path (symbolic links resolved; the directory exists).
    case regular(path: String)

    /// Why an output path cannot be used: one line's parts, `what is wrong` and `what was expected`.
    public struct Problem: Error, Sendable, Hashable {
        /// What is wrong, e.g. "directory /tmp/x is not writable".
        public var what: String
        /// What would be right, e.g. "a writable directory".
        public var expected: String
    }

    /// Resolves `path` without touching the file system beyond `lstat`/`stat`/`realpath`.
    ///
    /// - Throws: ``Problem`` for an empty path, a directory, a dangling symbolic link, a block device or a socket,
    ///   or a path whose directory is missing or not a directory.
    public static func resolve(_ path: String) throws(Problem) -> OutputTarget {
        if path.isEmpty { throw Problem(what: "found an empty path", expected: "a file path") }
        if let fd = descriptor(named: path) { return .descriptor(fd) }
        var link = stat()
        guard lstat(path, &link) == 0 else {
            let dir = directory(of: path)
            var d = stat()
            guard stat(dir, &d) == 0 else {
                throw Problem(what: "no directory \(dir)", expected: "a file in an existing directory")
            }
            guard d.st_mode & S_IFMT == S_IFDIR else {
                throw Problem(what: "\(dir) is not a directory", expected: "a file in an existing directory")
            }
            return .regular(path: path)
        }
        var resolved = path
        var info = link
        if link.st_mode & S_IFMT == S_IFLNK {
            guard stat(path, &info) == 0, let real = realPath(path) else {
                throw Problem(what: "\(path) is a symbolic link to a missing file",
                              expected: "a link to an existing file, or a plain path")
            }
            if let fd = descriptor(named: real) { return .descriptor(fd) }
            resolved = real
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular(path: resolved)
        case S_IFDIR: throw Problem(what: "\(path) is a directory", expected: "a file path")
        case S_IFCHR, S_IFIFO: return .special(path: resolved)
        case S_IFBLK:
            throw Problem(what: "\(path) is a block device", expected: "a file, a character device or a FIFO")
        default:
            throw Problem(what: "\(path) is a socket", expected: "a file, a character device or a FIFO")
        }
    }

    /// Resolves `path` and checks that it can be written, before any work: an existing regular file must be
    /// writable by us by its mode bits (as root too: a read-only file, or one only its owner may write, is
    /// refused rather than silently replaced), must not be another user's file in a sticky folder (`/tmp`, mode
    /// 1777), and its folder must take a new file (a probe file is created and removed); a device or FIFO must be
    /// writable by its mode bits; a descriptor must be open for writing.
    ///
    /// - Throws: ``Problem``, as ``resolve(_:)`` and for each of the above.
    public static func checked(_ path: String) throws(Problem) -> OutputTarget {
        let target = try resolve(path)
        switch target {
        case .descriptor(let fd):
            let flags = fcntl(fd, F_GETFL)
            guard flags >= 0, flags & O_ACCMODE != O_RDONLY else {
                throw Problem(what: "file descriptor \(fd) is not open for writing",
                              expected: "an open standard output or a file path")
            }
        case .special(let p):
            var info = stat()
            if stat(p, &info) == 0, !modeAllowsWriting(info) {
                throw Problem(what: "\(p) is not writable (mode \(octal(info.st_mode)), owner uid \(info.st_uid))",
                              expected: "a writable file")
            }
        case .regular(let p):
            var info = stat()
            if stat(p, &info) == 0 {
                if !modeAllowsWriting(info) {
                    throw Problem(
                        what: "\(p) is read-only for us (mode \(octal(info.st_mode)), owner uid \(info.st_uid))",
                        expected: "a file we may write, or a new path")
                }
                var dirInfo = stat()
                let dir = directory(of: p)
                if geteuid() != 0, stat(dir, &dirInfo) == 0, dirInfo.st_mode & S_ISVTX != 0,
                   info.st_uid != geteuid(), dirInfo.st_uid != geteuid() {
                    throw Problem(what: "\(p) belongs to another user (uid \(info.st_uid)) in the sticky folder "
                                    + "\(dir), where only its owner may replace it",
                                  expected: "a file of ours, or a new path")
                }
            }
            let dir = directory(of: p)
            if let reason = AtomicFile.probe(directory: dir) {
                throw Problem(what: "cannot create files in \(dir) (\(reason))", expected: "a writable directory")
            }
        }
        return target
    }

    /// What the file at `path` is, for telling whether two paths name the same file: its device and inode when it
    /// exists (symbolic links followed, hard links equal), otherwise its resolved directory and name; an open
    /// descriptor for `-` and `/dev/stdout`-like names. `nil` when nothing can be said (e.g. a dangling link).
    public static func identity(of path: String) -> FileIdentity? {
        if let fd = descriptor(named: path) { return .descriptor(fd) }
        var info = stat()
        if stat(path, &info) == 0 { return .inode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)) }
        var link = stat()
        if lstat(path, &link) == 0 { return nil }
        guard let dir = realPath(directory(of: path)) else { return nil }
        return .path((dir as NSString).appendingPathComponent((path as NSString).lastPathComponent))
    }

    /// A file's identity (see ``OutputTarget/identity(of:)``).
    public enum FileIdentity: Sendable, Hashable {
        /// An existing file: device and inode.
        case inode(device: UInt64, inode: UInt64)
        /// A file that does not exist yet: its resolved path.
        case path(String)
        /// An open file descriptor.
        case descriptor(Int32)
    }

    /// The descriptor `path` names (`-` and `/dev/stdout` are 1, `/dev/stderr` 2, `/dev/fd/N` and
    /// `/proc/self/fd/N` are N), or `nil`.
    static func descriptor(named path: String) -> Int32? {
        switch path {
        case "-", "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    /// Whether the mode bits let us write a file: the owner's bit when we own it, else the group's when it is one
    /// of our groups, else the others'. Root is held to the bits too (it could write anyway; we would rather not
    /// replace what was made read-only).
    static func modeAllowsWriting(_ info: stat) -> Bool {
        if info.st_uid == geteuid() { return info.st_mode & S_IWUSR != 0 }
        var groups = [gid_t](repeating: 0, count: 256)
        let n = getgroups(Int32(groups.count), &groups)
        if info.st_gid == getegid() || groups.prefix(max(0, Int(n))).contains(info.st_gid) {
            return info.st_mode & S_IWGRP != 0
        }
        return info.st_mode & S_IWOTH != 0
    }

    /// The directory part of `path` (`.` for a bare name).
    static func directory(of path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        return dir.isEmpty ? "." : dir
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    static func octal(_ mode: mode_t) -> String { String(format: "%04o", Int(mode) & 0o7777) }
}
