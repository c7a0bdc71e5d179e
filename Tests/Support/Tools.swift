import Foundation

/// Runs a command-line tool (pdftotext, pdffonts, pdfimages, cjpeg) and returns its standard
/// output; a tool that fails (exit status not 0) throws, with what it wrote on standard error.
public func run(_ tool: String, _ arguments: [String], input: Data? = nil) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let output = Pipe()
    process.standardOutput = output
    let errors = Pipe()
    process.standardError = errors
    let stdin = Pipe()
    if input != nil { process.standardInput = stdin }
    try process.run()
    if let input {
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
    }
    // Standard error is read on its own thread so that neither pipe can fill up and block the tool.
    let said = ErrorOutput()
    Thread { said.keep(errors.fileHandleForReading.readDataToEndOfFile()) }.start()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw TestSupportError("\(tool) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): "
                               + String(decoding: said.wait(), as: UTF8.self))
    }
    return data
}

/// A tool's standard error, kept by its reader thread: written once, then read after `wait()`.
private final class ErrorOutput: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private var data = Data()

    func keep(_ data: Data) {
        self.data = data
        ready.signal()
    }

    func wait() -> Data {
        ready.wait()
        return data
    }
}

public func text(_ tool: String, _ arguments: [String]) throws -> String {
    String(decoding: try run(tool, arguments), as: UTF8.self)
}

public func hasTool(_ name: String) -> Bool {
    ProcessInfo.processInfo.environment["PATH", default: "/usr/bin"].split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
}

