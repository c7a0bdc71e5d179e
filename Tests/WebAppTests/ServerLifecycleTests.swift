import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GuichetTestSupport
import Testing

@Suite("The server process: runs with its background services, stops cleanly",
       .enabled(if: TestData.guichetExecutable != nil, "the guichet executable was not built beside the tests"),
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct ServerLifecycleTests {
    @Test func sigtermDrainsAndExitsZero() async throws {
        // setup: a demo server started from another directory than the checkout (it finds its home).
        let t = try TemporaryStore()
        let server = try ServerProcess(in: t.folder, ["--refresh", "1"])
        let (process, log, port) = (server.process, server.log, server.port)
        defer { server.stop() }
        // The background services run (index refresh every second); the server stays up.
        try await Task.sleep(for: .milliseconds(2500))
        #expect(process.isRunning, "the server stopped by itself: \(log.text)")
        let (health, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/health")!)
        #expect(String(decoding: health, as: UTF8.self) == "ok")
        // MUT
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        // validation
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(log.text)")
        #expect(log.wait(for: "Guichet stopped", seconds: 5), "\(log.text)")
    }
}

/// `guichet serve` with demo data on a random port, started and listening.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let log: OutputLog
    let port = 20_000 + Int.random(in: 0..<20_000)

    init(in folder: URL, _ extra: [String] = []) throws {
        process.executableURL = TestData.guichetExecutable
        process.arguments = ["serve", "--db", folder.appendingPathComponent("serve.sqlite").path, "--demo", "--demo-records", "100",
                             "--port", String(port), "--photo-cache", "none"] + extra
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        log = OutputLog(output)
        try process.run()
        guard log.wait(for: "Guichet is listening", seconds: 120) else {
            stop()
            throw TestSupportError("the server never listened: \(log.text)")
        }
    }

    /// SIGTERM, then waits for the process to end.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// What a child process writes, collected as it comes.
final class OutputLog: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let grew = NSCondition()

    init(_ pipe: Pipe) {
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let chunk = handle.availableData
            guard let self, !chunk.isEmpty else { return }
            self.grew.lock()
            self.lock.withLock { self.data.append(chunk) }
            self.grew.broadcast()
            self.grew.unlock()
        }
    }

    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }

    /// Waits until the output holds `needle`; false after `seconds`.
    func wait(for needle: String, seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        grew.lock()
        defer { grew.unlock() }
        while !text.contains(needle) {
            guard grew.wait(until: deadline) else { return text.contains(needle) }
        }
        return true
    }
}
