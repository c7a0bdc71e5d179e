import Brochure
import Foundation
import GuichetTestSupport
import Records
import Testing

@Suite("Brochures of the shared Apidae records",
       .enabled(if: TestData.available, "shared test data not found: set GUICHET_TESTDATA or place it at ../shared/data"),
       .enabled(if: Fixtures.fontsInstalled && Fixtures.toolsInstalled, "fonts (scripts/fonts.sh) and poppler-utils are needed"))
struct BrochureOnSharedDataTests {
    static let objects: [TouristObject] = {
        guard let t = try? TemporaryStore(),
              (try? t.importing([TestData.path("apidae/hotentic-apidae-engine-rails__hot_fr_en.json"),
                                 TestData.path("apidae/GeotrekCE-Geotrek-admin__sitra-multilang-10.06.14.shared.json")])) != nil
        else { return [] }
        return [898922, 526457, 227332, 436660].compactMap { try? t.store.object(id: $0) }
    }()

    @Test(arguments: ["fiche-a4", "liste-a4", "livret-a5", "guide-a4"], ["fr", "en", "de", "nl"])
    func rendersRealRecordsInEveryLayoutAndLanguage(_ layoutName: String, _ language: String) throws {
        // setup
        let t = try TemporaryStore()
        let layout = try Layout.named(layoutName, in: LayoutTests.folder)
        let fonts = try FontLibrary(folder: Fixtures.fonts, required: ["Lato"])
        let photo = try Fixtures.jpeg()
        let records = Self.objects.enumerated().map { i, o in
            BrochureRecord(object: o, language: language, photo: i == 1 ? nil : photo)  // one without photo
        }
        let path = t.folder.appendingPathComponent("\(layoutName)-\(language).pdf").path
        // MUT
        let pages = try BrochureRenderer(layout: layout, fonts: fonts, language: language, branding: Branding(office: "Office de Tourisme de Démo"))
            .render(records, to: path).pages
        Fixtures.keep(path)
        // validation
        switch layout.mode {
        case .sheet: #expect(pages == 4)
        case .list: #expect(pages == 1)
        case .booklet: #expect(pages >= 3)  // cover, contents, records
        }
        let pageLine = try text("pdfinfo", [path]).split(separator: "\n").first { $0.hasPrefix("Pages:") }
        #expect(pageLine?.split(separator: " ").last.map(String.init) == String(pages))
        let extracted = try text("pdftotext", ["-enc", "UTF-8", path, "-"])
        #expect(extracted.contains("La Châtelleraie"))
        #expect(extracted.contains(Self.objects[1].name(language)))
        #expect(extracted.contains("Office de Tourisme de Démo"))
        if layoutName == "fiche-a4" {
            let label = ["fr": "Tarifs", "en": "Prices", "de": "Preise", "nl": "Prijzen"][language]!
            #expect(extracted.contains(label))
        }
        #expect(try text("pdfimages", ["-list", path]).contains("jpeg"))
        let embedded = try text("pdffonts", [path]).split(separator: "\n").dropFirst(2)
        #expect(!embedded.isEmpty, "pdffonts listed no font")
        for line in embedded { #expect(line.contains("Lato"), "\(line)") }
    }
}
