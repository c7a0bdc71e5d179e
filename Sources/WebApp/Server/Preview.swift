import Foundation
import Workflows

/// A page of a PDF as a PNG, by poppler's `pdftoppm`, stopped after `timeout` seconds.
enum Preview {
    /// Page `number` (from 1); one past the last is an error.
    static func page(_ number: Int, of pdf: Data, dpi: Int = 60, timeout: TimeInterval = 20) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-preview-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf")
        try pdf.write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftoppm", "-png", "-r", String(dpi), "-f", String(number), "-l", String(number), "-singlefile", input.path,
                             folder.appendingPathComponent("page").path]
        process.standardError = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            done.wait()
            throw WorkflowError.timedOut("the preview (pdftoppm)")
        }
        guard process.terminationStatus == 0, let png = FileManager.default.contents(atPath: folder.appendingPathComponent("page.png").path) else {
            throw PreviewError()
        }
        return png
    }

    struct PreviewError: Error, CustomStringConvertible {
        var description: String { "aperçu impossible (pdftoppm)" }
    }
}
