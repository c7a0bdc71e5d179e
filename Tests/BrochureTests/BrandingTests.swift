import Brochure
import Foundation
import GuichetTestSupport
import Records
import Testing

@Suite("Member branding and pictures",
       .enabled(if: Fixtures.fontsInstalled && Fixtures.toolsInstalled, "fonts (scripts/fonts.sh) and poppler-utils are needed"))
struct BrandingTests {
    static let folder = TestData.repository.appendingPathComponent("Branding").path

    func record(_ id: Int, name: String, photo: Data?) throws -> BrochureRecord {
        let object = try TouristObject.decode(json: Data(sampleRecord(id: id, name: name).utf8))
        return BrochureRecord(object: object, language: "fr", photo: photo)
    }

    func render(_ layoutName: String, _ records: [BrochureRecord], branding: Branding, in t: TemporaryStore) throws -> String {
        let path = t.folder.appendingPathComponent("\(layoutName)-branded.pdf").path
        try BrochureRenderer(layout: try Layout.named(layoutName, in: LayoutTests.folder),
                             fonts: try FontLibrary(folder: Fixtures.fonts, required: ["Lato"]), language: "fr", branding: branding)
            .render(records, to: path)
        Fixtures.keep(path)
        return path
    }

    @Test func memberFileBrandsEveryPageWithVectorLogoAndLegalMention() throws {
        // setup
        let t = try TemporaryStore()
        let branding = try #require(try Branding.forMember("1001", in: Self.folder))
        let records = try [record(1, name: "Gîte du Lac", photo: nil), record(2, name: "Château de Menthon", photo: nil)]
        // MUT
        let path = try render("fiche-a4", records, branding: branding, in: t)
        // validation
        #expect(branding.office == "Office de Tourisme du Lac d'Annecy")
        #expect(branding.primary == Color(hex: "#1F5C8C"))
        for page in 1...2 {
            let text = try text("pdftotext", ["-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)", path, "-"])
            #expect(text.contains("Office de Tourisme du Lac d'Annecy"))
            #expect(text.contains("74000 Annecy"))
            #expect(text.contains("IM074100001"))
        }
        // The SVG logo is drawn as vectors: no picture in the file (the QR codes' one-bit stencils
        // aside, one a page), no font but Lato.
        let images = try text("pdfimages", ["-list", path]).split(separator: "\n").dropFirst(2).map { $0.split(separator: " ") }
        #expect(images.map { $0[2] } == ["stencil", "stencil"])
        let embedded = try text("pdffonts", [path]).split(separator: "\n").dropFirst(2)
        #expect(!embedded.isEmpty, "pdffonts listed no font")
        for line in embedded { #expect(line.contains("Lato"), "\(line)") }
    }

    @Test func pngPhotoAndPngLogoPrint() throws {
        // setup
        let t = try TemporaryStore()
        let png = try Fixtures.png(width: 120, height: 60)
        let branding = Branding(office: "Office de Tourisme de Démo", logo: try Fixtures.png(width: 90, height: 30))
        // MUT
        let path = try render("liste-a4", [try record(1, name: "Gîte du Lac", photo: png)], branding: branding, in: t)
        // validation: both pictures are in the file at their pixel size (PNG is not passed through).
        let listed = try text("pdfimages", ["-list", path]).split(separator: "\n").dropFirst(2).map { $0.split(separator: " ") }
        #expect(listed.contains { $0[3] == "120" && $0[4] == "60" })
        #expect(listed.contains { $0[3] == "90" && $0[4] == "30" })
    }

    @Test func brokenPicturesPrintAsPlaceholders() throws {
        // setup
        let t = try TemporaryStore()
        var truncated = try Fixtures.png()
        truncated = truncated.prefix(truncated.count / 2)
        let records = try [record(1, name: "Gîte du Lac", photo: truncated), record(2, name: "Camping des Pins", photo: Data("GIF89a".utf8))]
        // MUT
        let path = try render("liste-a4", records, branding: Branding(office: "OT", logo: Data("<svg broken".utf8)), in: t)
        // validation
        let text = try text("pdftotext", ["-enc", "UTF-8", path, "-"])
        #expect(text.contains("Gîte du Lac") && text.contains("Camping des Pins"))
    }

    @Test(arguments: [
        ("office: OT\nmotto: hello", "motto", "unknown field"),
        ("logo: x.svg", "office", "missing"),
        ("office: OT\ncolors: {primary: blue}", "colors.primary", "#RRGGBB"),
        ("office: OT\ncolors: {accent: \"#112233\"}", "colors.accent", "unknown colour"),
        ("office: OT\nlogo: nowhere.png", "logo", "cannot read nowhere.png"),
        ("office: OT\nlogo: notes.txt", "logo", "neither JPEG, PNG nor SVG"),
        ("office: [OT", "-", "not valid YAML"),
    ])
    func brokenBrandingFileIsRefusedWithFileFieldAndReason(_ yaml: String, _ field: String, _ reason: String) throws {
        let t = try TemporaryStore()
        _ = try t.file("notes.txt", "not a picture")
        let path = try t.file("2001.yaml", yaml)
        do {
            _ = try Branding.load(path: path)
            Issue.record("accepted a broken branding file")
        } catch {
            #expect(error.file == "2001.yaml")
            #expect(error.field == field)
            #expect(error.reason.contains(reason), "\(error)")
        }
    }

    @Test func memberWithoutFileHasNoBranding() throws {
        #expect(try Branding.forMember("9999", in: Self.folder) == nil)
    }
}
