import Foundation

/// Runs the `guichet` executable built beside the tests, in `directory`, and returns its exit
/// status and everything it printed (standard output and error together).
public func runGuichet(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:],
                       removing removed: [String] = []) throws -> (status: Int32, output: String) {
    guard let executable = TestData.guichetExecutable else { throw TestSupportError("the guichet executable was not built") }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
    for name in removed { environment[name] = nil }
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
