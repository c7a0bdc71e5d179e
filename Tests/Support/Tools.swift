import Foundation

/// Runs a command-line tool (pdftotext, pdffonts, pdfimages, cjpeg) and returns its standard output.
public func run(_ tool: String, _ arguments: [String], input: Data? = nil) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    let stdin = Pipe()
    if input != nil { process.standardInput = stdin }
    try process.run()
    if let input {
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return data
}

public func text(_ tool: String, _ arguments: [String]) throws -> String {
    String(decoding: try run(tool, arguments), as: UTF8.self)
}

public func hasTool(_ name: String) -> Bool {
    ProcessInfo.processInfo.environment["PATH", default: "/usr/bin"].split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
}

