import Foundation
import GuichetTestSupport

/// Runs a command-line tool (pdftotext, pdffonts, pdfimages, cjpeg) and returns its standard output.
func run(_ tool: String, _ arguments: [String], input: Data? = nil) throws -> Data {
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

func text(_ tool: String, _ arguments: [String]) throws -> String {
    String(decoding: try run(tool, arguments), as: UTF8.self)
}

func hasTool(_ name: String) -> Bool {
    ProcessInfo.processInfo.environment["PATH", default: "/usr/bin"].split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
}

enum Fixtures {
    /// `Fonts/files`, filled by scripts/fonts.sh.
    static let fonts = TestData.repository.appendingPathComponent("Fonts/files").path
    static var fontsInstalled: Bool {
        FileManager.default.fileExists(atPath: fonts + "/Lato-Regular.ttf")
    }
    static var toolsInstalled: Bool { ["pdftotext", "pdffonts", "pdfimages", "cjpeg"].allSatisfy(hasTool) }

    /// Copies a rendered file to `$GUICHET_TEST_OUTPUT`, when set, to look at it.
    static func keep(_ path: String) {
        guard let folder = ProcessInfo.processInfo.environment["GUICHET_TEST_OUTPUT"] else { return }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let target = URL(fileURLWithPath: folder).appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent)
        try? FileManager.default.removeItem(at: target)
        try? FileManager.default.copyItem(atPath: path, toPath: target.path)
    }

    /// A real JPEG (a colour gradient), encoded by libjpeg's cjpeg from a PPM.
    static func jpeg(width: Int = 160, height: Int = 100) throws -> Data {
        var ppm = Data("P6\n\(width) \(height)\n255\n".utf8)
        for y in 0..<height {
            for x in 0..<width { ppm.append(contentsOf: [UInt8(x * 255 / width), UInt8(y * 255 / height), 140]) }
        }
        return try run("cjpeg", ["-quality", "85"], input: ppm)
    }
}
