import Brochure
import Foundation
import GuichetTestSupport
import Testing

@Suite("PDF rendering through cairo and Pango",
       .enabled(if: Fixtures.fontsInstalled, "Fonts/files is empty: run scripts/fonts.sh"),
       .enabled(if: Fixtures.toolsInstalled, "poppler-utils and libjpeg-turbo-progs are needed (scripts/system-packages.sh)"))
struct RenderTests {
    let fonts: FontLibrary
    let folder: TemporaryStore

    init() throws {
        fonts = try FontLibrary(folder: Fixtures.fonts, required: ["Lato"])
        folder = try TemporaryStore()
    }

    var a4: (width: Double, height: Double) { (PDFCanvas.points(mm: 210), PDFCanvas.points(mm: 297)) }

    @Test func frenchTextKeepsItsAccentsWithOnlyEmbeddedFontsFromTheFolder() throws {
        // setup
        let path = folder.folder.appendingPathComponent("text.pdf").path
        let canvas = try PDFCanvas(path: path, width: a4.width, height: a4.height)
        // MUT
        _ = canvas.draw("Château de la Châtelleraie", style: TextStyle(size: 22, bold: true),
                        in: Rect(x: 50, y: 50, width: 400, height: 40), fonts: fonts)
        _ = canvas.draw("Hébergement <i>été</i> comme hiver : « l’accueil » à Saint-Étienne, œuvre et façade.",
                        markup: true, style: TextStyle(alignment: .justify), in: Rect(x: 50, y: 100, width: 480, height: 200),
                        fonts: fonts)
        try canvas.finish()
        Fixtures.keep(path)
        // validation
        let extracted = try text("pdftotext", ["-enc", "UTF-8", path, "-"])
        for expected in ["Château de la Châtelleraie", "été", "Saint-Étienne", "œuvre", "« l’accueil »"] {
            #expect(extracted.contains(expected), "\(expected) in \(extracted)")
        }
        let fontLines = try text("pdffonts", [path]).split(separator: "\n").dropFirst(2)
        #expect(!fontLines.isEmpty)
        for line in fontLines {
            #expect(line.contains("Lato"), "\(line)")
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            #expect(columns.count >= 5 && columns[columns.count - 5] == "yes", "not embedded: \(line)")  // emb
            #expect(columns[columns.count - 4] == "yes", "not subset: \(line)")  // sub
        }
    }

    @Test func jpegIsEmbeddedWithoutReencoding() throws {
        let jpeg = try Fixtures.jpeg()
        let path = folder.folder.appendingPathComponent("photo.pdf").path
        let canvas = try PDFCanvas(path: path, width: a4.width, height: a4.height)
        try canvas.drawJPEG(jpeg, in: Rect(x: 40, y: 40, width: 300, height: 120), fit: .cover)
        try canvas.drawJPEG(jpeg, in: Rect(x: 40, y: 200, width: 300, height: 300), fit: .contain)
        try canvas.finish()
        Fixtures.keep(path)
        #expect(try text("pdfimages", ["-list", path]).contains("jpeg"))
        let prefix = folder.folder.appendingPathComponent("extracted").path
        _ = try run("pdfimages", ["-j", path, prefix])
        let extracted = try Data(contentsOf: URL(fileURLWithPath: prefix + "-000.jpg"))
        #expect(extracted == jpeg)
    }

    @Test func longTextNeverLeavesItsBox() throws {
        let words = (0..<5000).map { ["randonnée", "châtaigneraie", "été", "refuge", "lac", "sentier"][$0 % 6] }
        let long = words.joined(separator: " ")
        let path = folder.folder.appendingPathComponent("long.pdf").path
        let canvas = try PDFCanvas(path: path, width: a4.width, height: a4.height)
        let box = Rect(x: 50, y: 50, width: 200, height: 120)
        let ellipsized = canvas.draw(long, style: TextStyle(alignment: .justify), in: box, fonts: fonts)
        #expect(ellipsized.ellipsized)
        #expect(ellipsized.height <= box.height)
        let flowed = canvas.draw(long, style: TextStyle(), in: Rect(x: 300, y: 50, width: 200, height: 120), fonts: fonts,
                                 overflow: .flow)
        let remainder = try #require(flowed.remainder)
        #expect(flowed.height <= 120)
        #expect(long.hasSuffix(remainder))
        #expect(remainder.count < long.count && remainder.count > long.count / 2)
        try canvas.finish()
        Fixtures.keep(path)
        // Only what shows is in the file: about two boxes' worth of words, not 5,000.
        let extracted = try text("pdftotext", ["-enc", "UTF-8", path, "-"])
        let shown = extracted.split(whereSeparator: \.isWhitespace).count
        #expect(shown > 20 && shown < 200, "\(shown) words in the PDF")
        #expect(extracted.contains("…"))
    }

    @Test func qrCodeIsDrawnAsASharpOneBitStencil() throws {
        let code = try QRCode("https://www.apidae-tourisme.com/consulter-offre/898922")
        #expect(code.size >= 25 && code.size % 4 == 1)
        #expect(code.isDark(x: 0, y: 0) && code.isDark(x: 6, y: 6) && !code.isDark(x: 7, y: 7))  // finder pattern
        let path = folder.folder.appendingPathComponent("qr.pdf").path
        let canvas = try PDFCanvas(path: path, width: a4.width, height: a4.height)
        let side = Double(code.size + 8) * 4  // 4 pt a module
        canvas.draw(code, in: Rect(x: 50, y: 50, width: side, height: side))
        try canvas.finish()
        // One image: a stencil, a pixel a module, one bit, not smoothed when scaled.
        let images = try text("pdfimages", ["-list", path]).split(separator: "\n").dropFirst(2).map { $0.split(separator: " ") }
        #expect(images.count == 1)
        let image = try #require(images.first)
        #expect(image[2] == "stencil" && image[3] == "\(code.size)" && image[4] == "\(code.size)" && image[7] == "1" && image[9] == "no")
        // Rendered (4 pixels a point), the centre of each module and of each gap between two is dark
        // exactly where the code says: the lines neither miss a module nor spill into the next.
        let pgm = try run("pdftoppm", ["-gray", "-r", "288", "-x", "0", "-y", "0", "-W", "1200", "-H", "1200", path])
        let header = String(decoding: pgm.prefix(20), as: UTF8.self).split(whereSeparator: \.isWhitespace)
        let width = try #require(Int(header[1]))
        let pixels = Array(pgm.suffix(width * (try #require(Int(header[2])))))
        func isDark(_ xPoints: Double, _ yPoints: Double) -> Bool { pixels[Int(yPoints * 4) * width + Int(xPoints * 4)] < 128 }
        let origin = 50.0 + 16
        for y in 0..<code.size {
            for x in 0..<code.size {
                #expect(isDark(origin + Double(x) * 4 + 2, origin + Double(y) * 4 + 2) == code.isDark(x: x, y: y), "module \(x),\(y)")
                if x + 1 < code.size {  // the edge between two modules, 0.5 pt either side
                    #expect(isDark(origin + Double(x + 1) * 4 - 0.5, origin + Double(y) * 4 + 2) == code.isDark(x: x, y: y))
                    #expect(isDark(origin + Double(x + 1) * 4 + 0.5, origin + Double(y) * 4 + 2) == code.isDark(x: x + 1, y: y))
                }
            }
        }
    }

    @Test func missingFontFamilyIsRefusedByName() {
        #expect(throws: BrochureError.missingFont(family: "Nonexistent Sans", folder: Fixtures.fonts)) {
            try FontLibrary(folder: Fixtures.fonts, required: ["Lato", "Nonexistent Sans"])
        }
    }

    @Test func brokenPhotoIsAnImageError() throws {
        let canvas = try PDFCanvas(path: folder.folder.appendingPathComponent("broken.pdf").path, width: 200, height: 200)
        #expect(throws: BrochureError.invalidImage(reason: "not a JPEG file")) {
            try canvas.drawJPEG(Data("GIF89a…".utf8), in: Rect(x: 0, y: 0, width: 50, height: 50), fit: .cover)
        }
    }
}
