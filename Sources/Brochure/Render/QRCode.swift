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

    /// Rectangles (in modules) whose union is exactly the dark modules; they may overlap.
    public func rectangles() -> [(x: Int, y: Int, width: Int, height: Int)] {
        var covered = [Bool](repeating: false, count: size * size)
        var result: [(x: Int, y: Int, width: Int, height: Int)] = []
        for y in 0..<size {
            var x = 0
            while x < size {
                guard dark[y * size + x], !covered[y * size + x] else { x += 1; continue }
                var end = x
                while end < size, dark[y * size + end], !covered[y * size + end] { end += 1 }
                var bottom = y + 1
                while bottom < size, (x..<end).allSatisfy({ dark[bottom * size + $0] }) { bottom += 1 }
                for row in y..<bottom { for column in x..<end { covered[row * size + column] = true } }
                result.append((x, y, end - x, bottom - y))
                x = end
            }
        }
        return result
    }
}

extension PDFCanvas {
    /// Draws the code as vectors in one fill, with the quiet zone inside `box`. Dark modules are
    /// covered by as few rectangles as a greedy pass finds (a run along the row, grown down while
    /// the rows below are dark there too): each one costs cairo's PDF writer real time.
    public func draw(_ code: QRCode, in box: Rect, color: Color = .black) {
        let side = min(box.width, box.height)
        let module = side / Double(code.size + 8)
        let origin = (x: box.x + 4 * module, y: box.y + 4 * module)
        for rect in code.rectangles() {
            cairo_rectangle(cr, origin.x + Double(rect.x) * module, origin.y + Double(rect.y) * module,
                            Double(rect.width) * module, Double(rect.height) * module)
        }
        cairo_set_source_rgb(cr, color.red, color.green, color.blue)
        cairo_fill(cr)
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
