@testable import Brochure
import Foundation
import GuichetTestSupport
import Records
import Testing

@Suite("Long brochures drawn in two halves at once read and print as one",
       .enabled(if: Fixtures.fontsInstalled && Fixtures.toolsInstalled, "fonts (scripts/fonts.sh) and poppler-utils are needed"))
struct BrochureHalvesTests {
    static func render(_ layout: String, _ records: [BrochureRecord], named name: String, halvesFrom: Int = 24,
                       appendix: [PDFPages] = [], in t: TemporaryStore) throws -> (path: String, rendered: RenderedBrochure) {
        let path = t.folder.appendingPathComponent(name).path
        var renderer = BrochureRenderer(layout: try Layout.named(layout, in: LayoutTests.folder),
                                        fonts: try FontLibrary(folder: Fixtures.fonts, required: ["Lato"]), language: "fr",
                                        branding: Branding(office: "Office de Tourisme du Lac d'Annecy", legal: "SPL, immatriculation IM074100001"))
        renderer.halvesFrom = halvesFrom
        renderer.appendix = appendix
        let rendered = try renderer.render(records, to: path)
        Fixtures.keep(path)
        return (path, rendered)
    }

    /// Every page drawn by poppler at low resolution, in grey.
    static func pictures(_ path: String, in t: TemporaryStore) throws -> [Data] {
        let prefix = t.folder.appendingPathComponent(UUID().uuidString).path
        _ = try text("pdftoppm", ["-r", "24", "-gray", "-png", path, prefix])
        let folder = t.folder.path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasPrefix(URL(fileURLWithPath: prefix).lastPathComponent) }.sorted()
        return try files.map { try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)) }
    }

    @Test func aSheetBrochureDrawnInHalvesIsTheOneDrawnWhole() throws {
        // setup: 30 records, one sheet each
        let t = try TemporaryStore()
        let records = try AccessibleBrochureTests.records(30, in: t)
        // MUT
        let (halves, rendered) = try Self.render("fiche-a4", records, named: "halves.pdf", in: t)
        let (whole, _) = try Self.render("fiche-a4", records, named: "whole.pdf", halvesFrom: .max, in: t)
        // validation: drawn in two halves (each with its font subsets), yet the same pages, pixel for pixel,
        // the same text, links, bookmarks and structure as the brochure drawn whole.
        #expect(rendered.pages == 30)
        let fonts = { (path: String) in try text("pdffonts", [path]).split(separator: "\n").count - 2 }
        #expect(try fonts(halves) == 2 * (try fonts(whole)))
        #expect(try Self.pictures(halves, in: t) == (try Self.pictures(whole, in: t)))
        #expect(try text("pdftotext", ["-enc", "UTF-8", halves, "-"]) == (try text("pdftotext", ["-enc", "UTF-8", whole, "-"])))
        #expect(try PopplerReading.links(in: halves) == (try PopplerReading.links(in: whole)))
        #expect(try PopplerReading.links(in: halves).allSatisfy { $0.count == 4 })
        let outline = try PopplerReading.outline(in: halves)
        #expect(outline.map(\.title) == records.map(\.name))
        #expect(outline.map(\.page) == Array(1...30))
        let figures = try PopplerReading.figures(in: halves)
        #expect(figures.map(\.alt) == records.flatMap { [$0.photoAlt, "QR code: \($0.qrURL)"] })
        #expect(figures.enumerated().filter { $0.offset % 2 == 0 }.map(\.element.page) == Array(0..<30))
        // The same tree (the annotations it names have other object numbers).
        let tree = { (path: String) in
            try text("pdfinfo", ["-struct", path]).split(separator: "\n").map { $0.contains("Object ") ? "Object" : String($0) }
        }
        #expect(try tree(halves) == (try tree(whole)))
        // Each page and each link has a key of its own in the structure's parent tree, and the tree has them all.
        let file = String(decoding: try Data(contentsOf: URL(fileURLWithPath: halves)), as: Unicode.ASCII.self)
        let keys = { (name: String) in
            file.components(separatedBy: "/\(name) ").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        }
        let pageKeys = keys("StructParents"), linkKeys = keys("StructParent")
        #expect(pageKeys.count == 30 && linkKeys.count == 120)
        #expect(Set(pageKeys + linkKeys).count == 150 && Set(pageKeys + linkKeys) == Set(0..<150))
        let nums = try #require(file.components(separatedBy: "/Nums [").last?.prefix { $0 != "]" })
        let entries = nums.split(whereSeparator: \.isWhitespace)
        #expect(stride(from: 0, to: entries.count, by: 4).compactMap { Int(entries[$0]) } == Array(0..<150))
        let info = try text("pdfinfo", [halves])
        #expect(info.contains("Tagged:          yes") && info.contains("Title:           Votre sélection — Office de Tourisme du Lac d'Annecy"))
    }

    @Test func aListBrochureInHalvesNumbersItsPagesInOrderAndEndsWithItsAppendix() throws {
        // setup: 8 records a page → 25 pages, then a 2-page office document
        let t = try TemporaryStore()
        let records = try AccessibleBrochureTests.records(200, in: t)
        let (appendixPath, _) = try Self.render("fiche-a4", Array(records.prefix(2)), named: "appendix.pdf", in: t)
        let appendix = try PDFPages(data: try Data(contentsOf: URL(fileURLWithPath: appendixPath)))
        // MUT
        let (path, rendered) = try Self.render("liste-a4", records, named: "list.pdf", appendix: [appendix], in: t)
        // validation: 25 list pages numbered 1/25 … 25/25 in order, the records in order, the appendix last.
        #expect(rendered.pages == 27)
        #expect(try text("pdfinfo", [path]).contains("Pages:           27"))
        let pages = try (1...27).map { try text("pdftotext", ["-enc", "UTF-8", "-f", "\($0)", "-l", "\($0)", path, "-"]) }
        for (i, page) in pages.prefix(25).enumerated() {
            #expect(page.contains("— \(i + 1)/25"), "page \(i + 1)")
            for record in records[(i * 8)..<min(records.count, (i + 1) * 8)] { #expect(page.contains(record.name), "\(record.name) on page \(i + 1)") }
        }
        #expect(pages[25].contains(records[0].name) && pages[26].contains(records[1].name))
        #expect(try PopplerReading.outline(in: path).map(\.page) == records.indices.map { $0 / 8 + 1 })
    }

    @Test func aBookmarkWhoseTitleSaysStreamOrEndobjStillJoins() throws {
        // setup: the last record of the first half and the first of the second named with the words
        // that end a PDF object's dictionary, in plain ASCII (cairo writes those titles as literal strings)
        let t = try TemporaryStore()
        var records = try AccessibleBrochureTests.records(26, in: t)
        records[12].name = "Bar Livestream endobj"
        records[13].name = "Studio stream endobj"
        // MUT
        let (path, _) = try Self.render("fiche-a4", records, named: "titles.pdf", in: t)
        // validation: joined (two sets of font subsets), every bookmark, in order, to its page.
        let (whole, _) = try Self.render("fiche-a4", records, named: "whole.pdf", halvesFrom: .max, in: t)
        let fonts = { (path: String) in try text("pdffonts", [path]).split(separator: "\n").count - 2 }
        #expect(try fonts(path) == 2 * (try fonts(whole)))
        let outline = try PopplerReading.outline(in: path)
        #expect(outline.map(\.title) == records.map(\.name))
        #expect(outline.map(\.page) == Array(1...26))
    }

    @Test func aShortBrochureIsDrawnWhole() throws {
        // setup
        let t = try TemporaryStore()
        let records = try AccessibleBrochureTests.records(23, in: t)
        // MUT
        let (path, rendered) = try Self.render("fiche-a4", records, named: "short.pdf", in: t)
        // validation: one set of font subsets.
        #expect(rendered.pages == 23)
        let (whole, _) = try Self.render("fiche-a4", records, named: "whole.pdf", halvesFrom: .max, in: t)
        #expect(try text("pdffonts", [path]).split(separator: "\n").count == (try text("pdffonts", [whole]).split(separator: "\n").count))
    }

    @Test func aDictionaryOfAnySizeIsReadToItsEnd() throws {
        // setup: a structure root naming 20,000 elements (a 2,000-page brochure's), then a stream object
        let kids = (1...20_000).map { "\($0) 0 R" }.joined(separator: " ")
        let text = "1 0 obj\n<< /Type /StructTreeRoot\n   /K [ \(kids) ]\n>>\nendobj\n2 0 obj\n<< /Length 3 >>\nstream\nabc\nendstream\nendobj\n"
        let bytes = Array(text.utf8)
        // MUT
        let (root, stream) = bytes.withUnsafeBufferPointer { pdf in
            let table = PDFObjectTable(pdf, xref: pdf.count)  // no table there: only the object reader is used
            return (table.dictionary(at: 0).map { String(decoding: bytes[$0], as: UTF8.self) }, table.dictionary(at: text.utf8.count - 52))
        }
        // validation: the whole root; a stream object is not a dictionary.
        #expect(try PDFDictionaryText.references("/K", in: #require(root)).count == 20_000)
        #expect(stream == nil)
    }

    @Test func referencesAreRenumberedOutsideStringsAndParentKeysMoved() throws {
        // setup: a dictionary with references, a string and a comment that look like references, numbers
        let object = "12 0 obj\n<< /Type /Page % 1 0 R\n   /Parent 1 0 R /Contents 20 0 R\n   /A << /URI (https://x.fr/a%201 0 R\\)) >>\n"
            + "   /Title <FEFF0031> /MediaBox [ 0 0 595.275591 841.889764 ] /StructParents 4 /K [ 3 7 0 R ] /N -2 >>\nstream\nxx 1 0 R\nendstream\nendobj\n"
        let bytes = Array(object.utf8)
        let references = PDFReferences(object: { $0 == 1 ? 1 : $0 + 100 }, parentKey: { $0 + 50 })
        // MUT
        let (value, end) = try bytes.withUnsafeBufferPointer { pdf in
            try references.rewrite(pdf, from: 8, limit: pdf.count)
        }
        // validation: references renumbered, the page's parent-tree key moved; strings, comment, numbers and the stream untouched.
        #expect(String(decoding: value, as: UTF8.self) == "\n<< /Type /Page % 1 0 R\n   /Parent 1 0 R /Contents 120 0 R\n   /A << /URI (https://x.fr/a%201 0 R\\)) >>\n"
            + "   /Title <FEFF0031> /MediaBox [ 0 0 595.275591 841.889764 ] /StructParents 54 /K [ 3 107 0 R ] /N -2 >>")
        #expect(String(decoding: bytes[end...], as: UTF8.self).hasPrefix("\nstream\nxx 1 0 R"))
    }
}
