import Foundation
import Records
import Testing

@Suite("Folding, dates and timestamps")
struct TextAndDateTests {
    @Test func foldingIgnoresAccentsCaseAndLigatures() {
        #expect(TextFolding.tokens("Saint-Étienne") == ["saint", "etienne"])
        #expect(TextFolding.tokens("L'ŒNOLOGIE à Çà-et-Là") == ["l", "oenologie", "a", "ca", "et", "la"])
        #expect(TextFolding.tokens("St Étienne, Ste-Foy") == ["saint", "etienne", "sainte", "foy"])
        #expect(TextFolding.fold("Straße Ærø") == "strasse aero")
    }

    @Test func labelKeysGiveTheirLanguage() throws {
        // The usual two-letter suffixes and the others (lowercased) read the same way.
        let json = #"{"libelleFr":"Lac","libelleEn":"Lake","libelleNl":"Meer","libelleZhCn":"湖","libelle":"x","libelleÉs":"Lago"}"#
        let decoded = try TouristObject.decode(json: Data(#"{"id":1,"type":"HOTELLERIE","nom":\#(json)}"#.utf8))
        #expect(decoded.name.values == ["fr": "Lac", "en": "Lake", "nl": "Meer", "zhcn": "湖", "és": "Lago"])
    }

    @Test func quotedTextsParseBackToThemselves() throws {
        // Plain texts (appended whole) and texts needing escapes (quote, backslash, controls, emoji).
        for text in ["Lac d'Annecy — Été", "", "a \"b\" c", "back\\slash", "line\nbreak\ttab\r", "\u{01}\u{1F}", "🏔️ Mont-Blanc"] {
            var json = ""
            JSONValue.appendQuoted(text, to: &json)
            #expect(try JSONParser.parse(Array(json.utf8)) == .string(text), "\(json)")
        }
    }

    @Test func apidaeTimestampsWithoutColonInOffsetParse() throws {
        let date = try #require(ApidaeTimestamp.parse("2014-05-23T07:48:12.006+0000"))
        #expect(ApidaeTimestamp.canonical(date) == "2014-05-23T07:48:12.006Z")
        let paris = try #require(ApidaeTimestamp.parse("2014-05-23T09:48:12+02:00"))
        #expect(ApidaeTimestamp.canonical(paris) == "2014-05-23T07:48:12.000Z")
        #expect(ApidaeTimestamp.parse("23/05/2014") == nil)
    }

    @Test func calendarDaysRoundTrip() throws {
        for n in stride(from: -800_000, to: 800_000, by: 997) {
            let day = CalendarDay(daysSinceEpoch: n)
            #expect(day.daysSinceEpoch == n)
        }
        #expect(CalendarDay(iso: "2024-02-29")?.slotOfYear == 59)
        #expect(CalendarDay(iso: "2023-02-29") == nil)
    }
}

