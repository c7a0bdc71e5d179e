@testable import Brochure
import Foundation
import GuichetTestSupport
import Records
import Testing

@Suite("Brochures on a screen: links, bookmarks, metadata, tags; on the office printer: the folded booklet",
       .enabled(if: Fixtures.fontsInstalled && Fixtures.toolsInstalled, "fonts (scripts/fonts.sh) and poppler-utils are needed"))
struct AccessibleBrochureTests {
    /// Demo records (each with a phone, an email and a website), in print order.
    static func records(_ count: Int, in t: TemporaryStore) throws -> [BrochureRecord] {
        _ = try t.importing([try t.demoExport(records: count)])
        var ids: [Int] = []
        try t.store.forEachIndexRow { ids.append($0.id) }
        return try ids.sorted().map { BrochureRecord(object: try t.store.object(id: $0), language: "fr", photo: try Fixtures.jpeg()) }
    }

    static func render(_ layout: String, _ records: [BrochureRecord], in t: TemporaryStore) throws -> (path: String, rendered: RenderedBrochure) {
        let path = t.folder.appendingPathComponent("\(layout).pdf").path
        let rendered = try BrochureRenderer(layout: try Layout.named(layout, in: LayoutTests.folder),
                                            fonts: try FontLibrary(folder: Fixtures.fonts, required: ["Lato"]), language: "fr",
                                            branding: Branding(office: "Office de Tourisme du Lac d'Annecy")).render(records, to: path)
        Fixtures.keep(path)
        return (path, rendered)
    }

    /// The strings of `key` in the file's dictionaries: `(text)` or `<FEFF…>` (UTF-16).
    static func strings(_ key: String, in path: String) throws -> [String] {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = String(decoding: bytes, as: Unicode.ASCII.self)
        var found: [String] = []
        var rest = text[...]
        while let range = rest.range(of: key + " ") {
            let after = rest[range.upperBound...]
            if after.hasPrefix("(") {
                found.append(String(after.dropFirst().prefix { $0 != ")" }))
            } else if after.hasPrefix("<FEFF") {
                let hex = after.dropFirst(5).prefix { $0 != ">" }
                let units = stride(from: 0, to: hex.count - 3, by: 4).compactMap {
                    UInt16(hex[hex.index(hex.startIndex, offsetBy: $0)..<hex.index(hex.startIndex, offsetBy: $0 + 4)], radix: 16)
                }
                found.append(String(decoding: units, as: UTF16.self))
            }
            rest = after
        }
        return found
    }

    @Test func aSheetLinksItsWebsitesEmailsPhonesAndQRCodes() throws {
        // setup
        let t = try TemporaryStore()
        let records = try Self.records(3, in: t)
        // MUT
        let (path, _) = try Self.render("fiche-a4", records, in: t)
        // validation: every website, email and phone is a link; the QR code is one too.
        let uris = try Self.strings("/URI", in: path)
        for r in records {
            #expect(uris.contains { $0.hasPrefix("tel:+33") && $0.count == 16 }, "\(r.phone ?? "")")
            #expect(uris.contains("mailto:" + (r.email ?? "?")))
            #expect(uris.filter { $0 == r.website }.count == 2, "the website and the QR code")
        }
        // One bookmark per record; the title, author, creator, language; tagged, with alternative text.
        #expect(try Self.strings("/Title", in: path).filter { title in records.contains { $0.name == title } }.count == records.count)
        let info = try text("pdfinfo", [path])
        #expect(info.contains("Title:           Votre sélection — Office de Tourisme du Lac d'Annecy"))
        #expect(info.contains("Author:          Office de Tourisme du Lac d'Annecy") && info.contains("Creator:         Guichet"))
        #expect(info.contains("Tagged:          yes"))
        #expect(try Self.strings("/Lang", in: path) == ["fr"])
        let alternatives = try Self.strings("/Alt", in: path)
        #expect(alternatives.filter { alt in records.contains { $0.name == alt } }.count == records.count, "each photo says its record")
        #expect(alternatives.filter { $0.hasPrefix("QR code: ") }.count == records.count)
        // The reading order: for each record its photo, its name as a heading, then its text and contact list.
        let structure = try text("pdfinfo", ["-struct", path])
        #expect(structure.hasPrefix("Document\n  Figure\n  H1 (block)\n  P (block)"))
        #expect(structure.components(separatedBy: "  L (block)").count - 1 == records.count)
        #expect(structure.components(separatedBy: "Link (inline)").count - 1 == records.count * 4)
    }

    @Test func eachFigureSaysWhatItShowsInReadingOrder() throws {
        // setup
        let t = try TemporaryStore()
        let records = try Self.records(4, in: t)
        // MUT
        let (path, _) = try Self.render("fiche-a4", records, in: t)
        // validation: read back by poppler, each page's photo says its record and its QR code its address
        // (the first version matched them by page and marked content: QR codes got other pages' texts).
        let figures = try PopplerReading.figures(in: path)
        #expect(figures.map(\.alt) == records.flatMap { [$0.photoAlt, "QR code: \($0.qrURL)"] })
        #expect(figures.enumerated().filter { $0.offset % 2 == 0 }.map(\.element.page) == Array(0..<records.count))
    }

    @Test func aBookletHasAnOutlineMirroringItsContentsAndTheContentsLinkToThePages() throws {
        // setup
        let t = try TemporaryStore()
        let records = try Self.records(12, in: t)
        // MUT
        let (path, rendered) = try Self.render("livret-a5", records, in: t)
        // validation: the outline holds every contents entry; the contents page links to the pages.
        let titles = try Self.strings("/Title", in: path)
        for entry in rendered.contents { #expect(titles.contains(entry.title), "\(entry.title)") }
        let structure = try text("pdfinfo", ["-struct", path])
        #expect(structure.components(separatedBy: "TOCI").count - 1 == rendered.contents.count)
        let bytes = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: Unicode.ASCII.self)
        #expect(bytes.components(separatedBy: "/S /GoTo").count - 1 + bytes.components(separatedBy: "/Subtype /Link").count - 1 >= rendered.contents.count)
        #expect(try text("pdfinfo", [path]).contains("Tagged:          yes"))
    }

    @Test func saddleStitchOrderFoldsIntoReadingOrder() {
        // 6 pages → 8 (two blanks), two sheets: front 8|1, back 2|7, front 6|3, back 4|5.
        let sides = Imposition.saddleStitch(pages: 6).map { [$0.left.map { $0 + 1 }, $0.right.map { $0 + 1 }] }
        #expect(sides == [[nil, 1], [2, nil], [6, 3], [4, 5]])
        #expect(Imposition.saddleStitch(pages: 16).count == 8 && Imposition.saddleStitch(pages: 1).count == 2)
    }

    @Test func anImposedBookletPrintsTwoPagesPerSideInFoldingOrder() throws {
        // setup: a booklet of 12 records
        let t = try TemporaryStore()
        let (path, rendered) = try Self.render("livret-a5", try Self.records(12, in: t), in: t)
        let imposed = t.folder.appendingPathComponent("imposed.pdf").path
        // MUT
        let sides = try Imposition.impose(try PDFPages(data: try Data(contentsOf: URL(fileURLWithPath: path))), to: imposed)
        Fixtures.keep(imposed)
        // validation: A4 landscape sides, a multiple of 4 pages; the footers' page numbers read in saddle-stitch order.
        let total = (rendered.pages + 3) / 4 * 4
        #expect(sides == total / 2)
        let info = try text("pdfinfo", [imposed])
        #expect(info.contains("Pages:           \(sides)") && info.contains("839.055 x 595.276 pts"))
        let expected = Imposition.saddleStitch(pages: rendered.pages)
        for (i, side) in expected.enumerated() {
            let numbers = try text("pdftotext", ["-enc", "UTF-8", "-layout", "-f", "\(i + 1)", "-l", "\(i + 1)", imposed, "-"])
                .components(separatedBy: "Annecy — ").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
            // The cover (page 1) has no page footer.
            let wanted = [side.left, side.right].compactMap { $0 }.map { $0 + 1 }.filter { $0 != 1 }
            #expect(numbers == wanted, "side \(i + 1)")
        }
    }

    @Test func phoneNumbersBecomeE164Links() {
        #expect(ContactLinks.phone("04 79 00 00 01") == "tel:+33479000001")
        #expect(ContactLinks.phone("+33 (0)4 50 45 00 33") == "tel:+33450450033")
        #expect(ContactLinks.phone("0033 6 12 34 56 78") == "tel:+33612345678")
        #expect(ContactLinks.phone("+41 22 123 45 67") == "tel:+41221234567")
        #expect(ContactLinks.phone("12 34") == nil && ContactLinks.phone("00 00 00 00 00") == nil)
        #expect(ContactLinks.website("www.lac-annecy.com") == "https://www.lac-annecy.com")
        #expect(ContactLinks.website("javascript:alert(1)") == nil && ContactLinks.email("a b@c.fr") == nil)
    }
}
