import CCairo
import Foundation

extension PDFCanvas {
    public enum Fit: String, Sendable, Codable { case cover, contain }

    /// Draws a JPEG into `box`, embedded as-is in the PDF (no re-encoding: cairo is handed the
    /// file's bytes as the image's JPEG data). `cover` fills the box and crops, `contain` fits inside.
    public func drawJPEG(_ data: Data, in box: Rect, fit: Fit) throws(BrochureError) {
        let size = try JPEGSize(data)
        guard let image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(size.width), Int32(size.height)) else {
            throw .invalidImage(reason: "cairo could not make a \(size.width)×\(size.height) surface")
        }
        defer { cairo_surface_destroy(image) }
        let copy = malloc(data.count)!
        data.withUnsafeBytes { _ = memcpy(copy, $0.baseAddress!, data.count) }
        let status = cairo_surface_set_mime_data(image, CAIRO_MIME_TYPE_JPEG, copy.assumingMemoryBound(to: UInt8.self),
                                                 UInt(data.count), { free($0) }, copy)
        guard status == CAIRO_STATUS_SUCCESS else {
            free(copy)
            throw .cairo(operation: "attach JPEG data", status: String(cString: cairo_status_to_string(status)))
        }
        paint(image, width: Double(size.width), height: Double(size.height), in: box, fit: fit)
        try check("draw JPEG")
    }

    /// A neutral block where a photo is missing or unreadable.
    public func drawPlaceholder(in box: Rect) {
        fill(box, .placeholder)
    }

    func paint(_ image: OpaquePointer, width: Double, height: Double, in box: Rect, fit: Fit) {
        let scale = fit == .cover ? max(box.width / width, box.height / height) : min(box.width / width, box.height / height)
        let drawnWidth = width * scale, drawnHeight = height * scale
        cairo_save(cr)
        cairo_rectangle(cr, box.x, box.y, box.width, box.height)
        cairo_clip(cr)
        cairo_translate(cr, box.x + (box.width - drawnWidth) / 2, box.y + (box.height - drawnHeight) / 2)
        cairo_scale(cr, scale, scale)
        cairo_set_source_surface(cr, image, 0, 0)
        cairo_paint(cr)
        cairo_restore(cr)
    }
}

/// The pixel size of a JPEG, read from its start-of-frame marker.
struct JPEGSize {
    var width: Int
    var height: Int

    init(_ data: Data) throws(BrochureError) {
        let b = [UInt8](data)
        guard b.count > 4, b[0] == 0xFF, b[1] == 0xD8 else { throw .invalidImage(reason: "not a JPEG file") }
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { throw .invalidImage(reason: "damaged JPEG marker at byte \(i)") }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                height = Int(b[i + 5]) << 8 | Int(b[i + 6])
                width = Int(b[i + 7]) << 8 | Int(b[i + 8])
                guard width > 0, height > 0 else { throw .invalidImage(reason: "JPEG without a size") }
                return
            }
            i += 2 + length
        }
        throw .invalidImage(reason: "JPEG without a frame header")
    }
}
