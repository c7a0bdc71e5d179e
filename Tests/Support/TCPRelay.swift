import Foundation

/// A TCP relay on loopback to a local port (`Tests/Support/Python/tcp_relay.py`): `cut()` drops
/// every relayed connection at once (the database lost to a node), `restore()` listens again on
/// the same port (the database back).
public final class TCPRelay: @unchecked Sendable {
    public let target: Int
    public private(set) var port = 0
    private var process: Process?

    public init(to target: Int) throws {
        self.target = target
        try restore()
    }

    public func restore() throws {
        guard process == nil, let python = SMTPTestServer.python else { throw TestSupportError(SMTPTestServer.skipReason) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [TestData.repository.appendingPathComponent("Tests/Support/Python/tcp_relay.py").path, String(target)]
            + (port == 0 ? [] : [String(port)])
        port = try startReportingPort(process, name: "TCP relay")
        self.process = process
    }

    public func cut() {
        guard let process else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    deinit { cut() }
}
