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

extension PDFCanvas {
    /// Draws the code as vector squares in one fill, with the quiet zone inside `box`.
    public func draw(_ code: QRCode, in box: Rect, color: Color = .black) {
        let side = min(box.width, box.height)
        let module = side / Double(code.size + 8)
        let origin = (x: box.x + 4 * module, y: box.y + 4 * module)
        for y in 0..<code.size {
            for x in 0..<code.size where code.isDark(x: x, y: y) {
                cairo_rectangle(cr, origin.x + Double(x) * module, origin.y + Double(y) * module, module, module)
            }
        }
        cairo_set_source_rgb(cr, color.red, color.green, color.blue)
        cairo_fill(cr)
    }
}
