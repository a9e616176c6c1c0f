import Foundation

/// Writes output files whole or not at all: data goes to a temporary file beside the target, then is renamed.
public enum AtomicFile {
    /// Writes `data` to `url` atomically.
    ///
    /// - Throws: the file system's error; the target is then unchanged and no temporary file is left behind.
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: tmp)
            try replace(at: url, with: tmp)
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }

    /// Writes `text` as UTF-8 to `url` atomically.
    ///
    /// - Throws: the file system's error; the target is then unchanged.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Moves the finished file `source` to `url`, replacing what is there.
    ///
    /// `rename(2)` when both are on one file system; otherwise a copy to a temporary file beside the target
    /// and a rename.
    ///
    /// - Throws: the file system's error.
    public static func replace(at url: URL, with source: URL) throws {
        if rename(source.path, url.path) == 0 { return }
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try FileManager.default.copyItem(at: source, to: tmp)
            guard rename(tmp.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }
}
