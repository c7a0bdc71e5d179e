import Foundation

/// A real SMTP server on loopback for the tests (aiosmtpd, `Tests/Support/Python/smtp_server.py`):
/// keeps each accepted message as a file, refuses recipients starting with "refuse".
public final class SMTPTestServer: @unchecked Sendable {
    public let port: Int
    public let folder: URL
    let process: Process

    /// The Python with aiosmtpd: `$GUICHET_PYTHON`, else `.venv-tools/bin/python` (scripts/python-tools.sh).
    public static var python: String? {
        if let python = ProcessInfo.processInfo.environment["GUICHET_PYTHON"] { return python }
        let local = TestData.repository.appendingPathComponent(".venv-tools/bin/python").path
        return FileManager.default.isExecutableFile(atPath: local) ? local : nil
    }

    public static var available: Bool { python != nil }
    public static let skipReason = "aiosmtpd not installed: run scripts/python-tools.sh (or set GUICHET_PYTHON)"

    public init() throws {
        guard let python = Self.python else { throw TestSupportError(Self.skipReason) }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [TestData.repository.appendingPathComponent("Tests/Support/Python/smtp_server.py").path, "--dir", folder.path]
        port = try startReportingPort(process, name: "SMTP test server")
    }

    deinit {
        // The test runner's children ignore SIGTERM: stop it for sure.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// The messages received so far, oldest first, decoded by Python's `email` package.
    public func messages() throws -> [ReceivedMail] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }.sorted()
        return try files.map { file in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.python!)
            process.arguments = [TestData.repository.appendingPathComponent("Tests/Support/Python/read_mail.py").path, folder.appendingPathComponent(file).path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return try JSONDecoder().decode(ReceivedMail.self, from: data)
        }
    }
}

public struct ReceivedMail: Decodable, Sendable {
    public var from: String
    public var to: String
    public var subject: String
    public var messageId: String
    public var date: String
    public var text: String
    /// The HTML alternative, when the message has one.
    public var html: String?
    public var attachments: [Attachment]
    /// RFC 8058's headers, on marketing messages.
    public var listUnsubscribe: String?
    public var replyTo: String?
    public var listUnsubscribePost: String?

    public struct Attachment: Decodable, Sendable {
        public var name: String?
        public var type: String
        public var base64: String
        public var data: Data { Data(base64Encoded: base64) ?? Data() }
    }
}

public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
