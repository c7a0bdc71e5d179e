import Foundation
import GuichetTestSupport
import CRM
import Records
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

    /// The lists the desk shows besides its own words: record types, the regional categories and
    /// themes, the shipped layouts, the script's words — each in English too.
    @Test func theDesksListsHaveTheirEnglishWords() {
        for type in ObjectType.known { #expect(type.labelEn != type.apidaeCode && type.labelEn != type.labelFr, "\(type)") }
        for category in Category.all { #expect(category.label("en") != category.label, "\(category.slug)") }
        for theme in Theme.regional {
            #expect(Theme.english[theme.key] != nil, "\(theme.key)")
            for sub in theme.subThemes { #expect(Theme.english["\(theme.key)/\(sub.key)"] != nil, "\(theme.key)/\(sub.key)") }
        }
        for layout in ["fiche-a4", "liste-a4", "livret-a5", "guide-a4"] { #expect(BasketController.englishLayoutNames[layout] != nil, "\(layout)") }
        let french = UIText.script(.fr), english = UIText.script(.en)
        let keys = { (json: String) in Set(((try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: String] ?? [:]).keys) }
        #expect(keys(french) == keys(english) && keys(french).count > 20)
    }
}
