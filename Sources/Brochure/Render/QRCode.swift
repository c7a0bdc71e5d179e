import CCairo
import CQREncode

/// A QR code as a matrix of dark modules (libqrencode, error correction M).
public struct QRCode: Sendable, Hashable {
    public let size: Int
    public let dark: [Bool]

    public init(_ text: String) throws(BrochureError) {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { throw .qrCode(text: text) }
        defer { QRcode_free(code) }
        size = Int(code.pointee.width)
        dark = (0..<(size * size)).map { code.pointee.data[$0] & 1 == 1 }
    }

    public func isDark(x: Int, y: Int) -> Bool { dark[y * size + x] }
}

extension QRCode {
    /// The dark modules row by row, as runs of adjacent modules (in modules): exactly the dark modules.
    public func runs() -> [(x: Int, y: Int, length: Int)] {
        var result: [(x: Int, y: Int, length: Int)] = []
        for y in 0..<size {
            var x = 0
            while x < size {
                guard dark[y * size + x] else { x += 1; continue }
                var end = x
                while end < size, dark[y * size + end] { end += 1 }
                result.append((x, y, end - x))
                x = end
            }
        }
        return result
    }
}

extension PDFCanvas {
    /// Draws the code as vectors in one stroke, with the quiet zone inside `box`: each run of dark
    /// modules along a row is a line one module thick with square ends cut at the modules' edges.
    /// Two points a run, where a rectangle takes four and a close (cairo 1.16 writes a path of
    /// several rectangles as `m l l l h`): the code was 17 of a brochure page's 20 KB of content,
    /// most of cairo's number printing and compression.
    public func draw(_ code: QRCode, in box: Rect, color: Color = .black) {
        let side = min(box.width, box.height)
        let module = side / Double(code.size + 8)
        let origin = (x: box.x + 4 * module, y: box.y + 4 * module)
        for run in code.runs() {
            let y = origin.y + (Double(run.y) + 0.5) * module
            cairo_move_to(cr, origin.x + Double(run.x) * module, y)
            cairo_line_to(cr, origin.x + Double(run.x + run.length) * module, y)
        }
        cairo_save(cr)
        cairo_set_line_width(cr, module)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        cairo_set_source_rgb(cr, color.red, color.green, color.blue)
        cairo_stroke(cr)
        cairo_restore(cr)
    }
}

extension QRCode {
    /// The code as an SVG document (one path, quiet zone included), for web pages and other renderers.
    public var svg: String {
        var path = ""
        for y in 0..<size {
            for x in 0..<size where isDark(x: x, y: y) { path += "M\(x + 4) \(y + 4)h1v1h-1z" }
        }
        let side = size + 8
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" shape-rendering=\"crispEdges\"><path d=\"\(path)\"/></svg>"
    }
}
