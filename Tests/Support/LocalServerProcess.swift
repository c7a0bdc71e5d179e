import Foundation

/// Starts a test server (a Python script of `Tests/Support/Python`) that prints `ready PORT` once
/// listening; returns its port. `name` is how failures call it.
func startReportingPort(_ process: Process, name: String) throws -> Int {
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
        let chunk = output.fileHandleForReading.availableData
        guard !chunk.isEmpty else { throw TestSupportError("the \(name) did not start") }
        line.append(chunk)
    }
    let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard text.hasPrefix("ready "), let port = Int(text.dropFirst(6)) else { throw TestSupportError("the \(name) said \(text)") }
    return port
}
