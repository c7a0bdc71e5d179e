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
    /// The modules as a one-bit image, a pixel a module (cairo's A1: bits in 32-bit words in the
    /// machine's order).
    func stencil() -> OpaquePointer? {
        guard let image = cairo_image_surface_create(CAIRO_FORMAT_A1, Int32(size), Int32(size)) else { return nil }
        cairo_surface_flush(image)
        guard cairo_surface_status(image) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(image) else {
            cairo_surface_destroy(image)
            return nil
        }
        let stride = Int(cairo_image_surface_get_stride(image))
        for y in 0..<size {
            let row = UnsafeMutableRawPointer(data + y * stride)
            for x in 0..<size where dark[y * size + x] {
                let word = row.load(fromByteOffset: x / 32 * 4, as: UInt32.self)
                #if _endian(little)
                let bit = UInt32(1) << UInt32(x % 32)
                #else
                let bit = UInt32(1) << UInt32(31 - x % 32)
                #endif
                row.storeBytes(of: word | bit, toByteOffset: x / 32 * 4, as: UInt32.self)
            }
        }
        cairo_surface_mark_dirty(image)
        return image
    }
}

extension PDFCanvas {
    /// Draws the code with the quiet zone inside `box`, as a one-bit stencil a pixel a module,
    /// scaled without smoothing (`/ImageMask`, `/Interpolate false`): modules with sharp edges at
    /// any printer's resolution. Drawn as vectors — one line per run of modules — it took a third
    /// of a brochure's time: cairo measures a link's area from the exact outline of the strokes in it.
    public func draw(_ code: QRCode, in box: Rect, color: Color = .black) {
        let side = min(box.width, box.height)
        let module = side / Double(code.size + 8)
        guard let stencil = code.stencil() else { return }
        defer { cairo_surface_destroy(stencil) }
        let pattern = cairo_pattern_create_for_surface(stencil)
        defer { cairo_pattern_destroy(pattern) }
        cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST)
        cairo_save(cr)
        cairo_translate(cr, box.x + 4 * module, box.y + 4 * module)
        cairo_scale(cr, module, module)
        cairo_set_source_rgb(cr, color.red, color.green, color.blue)
        cairo_mask(cr, pattern)
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
