import Brochure
import Foundation
import GuichetTestSupport
import Testing

@Suite("Pictures too large to decode are refused before decoding")
struct ImageLimitTests {
    /// A PNG of a few dozen bytes whose header declares `width` × `height` pixels (a decompression
    /// bomb: cairo would allocate width × height × 4 bytes before reading a single pixel).
    static func bombPNG(width: UInt32, height: UInt32) -> Data {
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        data.append(contentsOf: Array("IHDR".utf8))
        for value in [width, height] { data.append(contentsOf: withUnsafeBytes(of: value.bigEndian) { Array($0) }) }
        data.append(contentsOf: [8, 6, 0, 0, 0, 0, 0, 0, 0])
        return data
    }

    @Test func aPNGDeclaringBillionsOfPixelsIsNeverDecoded() throws {
        // setup
        let t = try TemporaryStore()
        let canvas = try PDFCanvas(path: t.folder.appendingPathComponent("bomb.pdf").path, width: 595, height: 842)
        let bomb = Self.bombPNG(width: 30_000, height: 30_000)
        // MUT + validation: refused from the header, by the canvas and by the checks logos and photos go through.
        #expect(throws: BrochureError.self) { try canvas.drawPNG(bomb, in: Rect(x: 0, y: 0, width: 100, height: 100), fit: .contain) }
        #expect(throws: BrochureError.self) { try ImageFormat.validated(bomb) }
        #expect(throws: BrochureError.self) { try ImageFormat.validated(Self.bombPNG(width: 1, height: 50_000_000)) }
        #expect(try ImageFormat.validated(try Fixtures.png(width: 120, height: 60)) == .png)
    }

    @Test func anSVGLogoOverTwoMegabytesIsRefused() throws {
        let big = Data(("<svg xmlns=\"http://www.w3.org/2000/svg\">" + String(repeating: "<g/>", count: 600_000) + "</svg>").utf8)
        #expect(throws: BrochureError.self) { try ImageFormat.validated(big) }
    }
}
