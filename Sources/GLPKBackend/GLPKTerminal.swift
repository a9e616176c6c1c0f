internal import CGLPK
import Foundation

/// Collects what GLPK prints during one call (the tail, for error messages) and, when asked, echoes it to standard
/// error. GLPK's own output never reaches standard output, whatever `msg_lev` says (some of its cut generators and
/// writers print regardless of it).
final class GLPKTerminal {
    let echo: Bool
    private(set) var tail = ""

    init(echo: Bool) { self.echo = echo }

    func write(_ text: String) {
        if echo {   // POSIX write: Foundation's FileHandle.write crashes on a closed or full standard error
            var bytes = Array(text.utf8)
            _ = bytes.withUnsafeMutableBytes { Foundation.write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
        tail += text
        if tail.count > 2000 { tail = String(tail.suffix(1000)) }
    }

    /// The last non-empty line GLPK printed, or a placeholder.
    var lastLine: String {
        tail.split(separator: "\n").last.map(String.init) ?? "(GLPK printed nothing)"
    }

    /// Routes this thread's GLPK terminal output to `self` until ``uninstall()``; call again after `glp_free_env`.
    func install() {
        glp_term_hook(glpkTerminalHook, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Restores GLPK's default terminal output for this thread.
    func uninstall() {
        glp_term_hook(nil, nil)
    }
}

/// The C-convention terminal hook: forwards to the ``GLPKTerminal`` passed as `info` and suppresses GLPK's printing.
let glpkTerminalHook: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32 = { info, text in
    if let info, let text {
        Unmanaged<GLPKTerminal>.fromOpaque(info).takeUnretainedValue().write(String(cString: text))
    }
    return 1
}
