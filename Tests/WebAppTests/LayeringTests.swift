import Foundation
import GuichetTestSupport
import Testing

@Suite("The layers: controllers reach the stores only through Workflows' use cases")
struct LayeringTests {
    /// A controller parses, calls one use case and presents: a store called from a controller is a
    /// rule of the office or of consent written where no other entry point (the command line, the
    /// API) can share it.
    @Test func noControllerCallsAStore() throws {
        let folder = TestData.repository.appendingPathComponent("Sources/WebApp/Controllers")
        let storeCall = /\bcrm\.[a-zA-Z]+\.[a-zA-Z]+\(|consent\.store\b|services\.records\.[a-zA-Z]+\(|= services\.records\b/
        var found: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(storeCall) {
                found.append("\(name):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }
}
