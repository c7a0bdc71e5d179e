import Brochure
import Foundation
import GuichetTestSupport
import Records
import Testing

@Suite("A5 booklet with contents",
       .enabled(if: TestData.available, "shared test data not found: set GUICHET_TESTDATA or place it at ../shared/data"),
       .enabled(if: Fixtures.fontsInstalled && Fixtures.toolsInstalled, "fonts (scripts/fonts.sh) and poppler-utils are needed"))
struct BookletTests {
    static func normalized(_ s: some StringProtocol) -> String {
        // pdftotext joins words hyphenated at a line end ("Font-" + "Turbat" → "FontTurbat").
        s.replacingOccurrences(of: "-", with: "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func contentsPageNumbersMatchWhereRecordsStand() throws {
        // setup: the 69 records of two shared files, one with a 5,000-word description
        let t = try TemporaryStore()
        _ = try t.importing([TestData.path("apidae/GeotrekCE-Geotrek-admin__sitra-multilang-10.06.14.shared.json"),
                             TestData.path("apidae/hotentic-apidae-engine-rails__hot_fr_en.json")])
        var records = try allObjects(t.store).map { BrochureRecord(object: $0, language: "fr", photo: nil) }
        records[3].description = Array(repeating: "randonnée en été au refuge", count: 1250).joined(separator: " ")
        let layout = try Layout.named("livret-a5", in: LayoutTests.folder)
        let fonts = try FontLibrary(folder: Fixtures.fonts, required: ["Lato"])
        let path = t.folder.appendingPathComponent("livret.pdf").path
        // MUT
        let rendered = try BrochureRenderer(layout: layout, fonts: fonts, language: "fr", branding: Branding(office: "Office de Tourisme des Écrins"))
            .render(records, to: path)
        Fixtures.keep(path)
        // validation
        let pageLine = try text("pdfinfo", [path]).split(separator: "\n").first { $0.hasPrefix("Pages:") }
        #expect(pageLine?.split(separator: " ").last.map(String.init) == String(rendered.pages))
        #expect(rendered.contents.filter { $0.level == 1 }.count == records.count)
        let cover = try text("pdftotext", ["-enc", "UTF-8", "-f", "1", "-l", "1", path, "-"])
        #expect(cover.contains("Office de Tourisme des Écrins") && cover.contains("Votre sélection"))
        let lastTocPage = (rendered.contents.map(\.page).min() ?? 3) - 1
        let toc = try text("pdftotext", ["-enc", "UTF-8", "-layout", "-f", "2", "-l", "\(lastTocPage)", path, "-"])
        #expect(toc.contains("Sommaire"))
        var pageTexts: [Int: String] = [:]
        for entry in rendered.contents {
            let pageText = try pageTexts[entry.page] ?? Self.normalized(text("pdftotext", ["-enc", "UTF-8", "-f", "\(entry.page)", "-l", "\(entry.page)", path, "-"]))
            pageTexts[entry.page] = pageText
            #expect(pageText.contains(Self.normalized(entry.title)), "\(entry.title) not on page \(entry.page)")
        }
        // The contents print those numbers: a short title's line ends with its page.
        let tocLines = toc.split(separator: "\n").map { Self.normalized($0) }
        for entry in rendered.contents where entry.title.count < 30 && entry.level == 1 {
            #expect(tocLines.contains { $0.hasPrefix(Self.normalized(entry.title)) && $0.hasSuffix(" \(entry.page)") }, "\(entry.title)")
        }
        // Categories group their records; the very long description flowed on, whole, through the
        // following pages, each continuation headed by the record's name.
        #expect(Set(rendered.contents.filter { $0.level == 0 }.map(\.title)).count == rendered.contents.filter { $0.level == 0 }.count)
        let all = Self.normalized(try text("pdftotext", ["-enc", "UTF-8", path, "-"]))
        #expect(all.components(separatedBy: "randonnée en été au refuge").count - 1 == 1250)
        let continued = Self.normalized("\(records[3].name) (suite)")
        #expect(all.components(separatedBy: continued).count - 1 >= 8)
    }

    func allObjects(_ store: RecordStore) throws -> [TouristObject] {
        var ids: [Int] = []
        try store.forEachIndexRow { ids.append($0.id) }
        return try ids.map { try store.object(id: $0) }
    }
}
