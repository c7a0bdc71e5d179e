import Foundation
import GuichetTestSupport
import Testing
@testable import WebApp

@Suite("Interface texts in French and English")
struct InterfaceTextTests {
    @Test func everyKeyHasBothLanguages() {
        let french = Set(UIText.allFrench.keys), english = Set(UIText.allEnglish.keys)
        #expect(french.count > 50)
        #expect(french.subtracting(english).isEmpty, "missing in English: \(french.subtracting(english).sorted())")
        #expect(english.subtracting(french).isEmpty, "missing in French: \(english.subtracting(french).sorted())")
    }

    @Test func everyKeyTheTemplatesUseExists() throws {
        // setup: every `{{t.key}}` (or `{{#t.key}}`…) of the templates.
        let folder = TestData.repository.appendingPathComponent("Sources/WebApp/Templates")
        var used: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /\{\{[#^\/&]?\s*t\.([A-Za-z0-9_]+)/) { used.insert(String(match.1)) }
        }
        // validation
        #expect(used.count > 50, "no template key was found: the pattern is wrong")
        #expect(used.subtracting(UIText.allFrench.keys).isEmpty, "templates use unknown keys: \(used.subtracting(UIText.allFrench.keys).sorted())")
    }
}
