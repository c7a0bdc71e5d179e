import Foundation
import GuichetTestSupport
import Records
import Testing

@Suite("A record's name in the language asked, the French one said when it stands in")
struct NameFallbackTests {
    @Test(arguments: Engine.available) func aSummarySaysWhenItsNameIsTheFrenchOne(engine: Engine) throws {
        // setup: a record named in French and English only.
        let t = try TemporaryStore(engine)
        _ = try t.importing([try t.file("a.json", "[" + sampleRecord(id: 7, name: "Gîte du Lac") + "]")])
        // MUT
        let english = try #require(try t.store.summaries(ids: [7], language: "en").first)
        let german = try #require(try t.store.summaries(ids: [7], language: "de").first)
        let french = try #require(try t.store.summaries(ids: [7], language: "fr").first)
        // validation
        #expect(english.name == "Gîte du Lac (en)" && english.frenchFallback == false)
        #expect(german.name == "Gîte du Lac" && german.frenchFallback == true)
        #expect(french.frenchFallback == nil)
    }
}
