import CCairo
import CRsvg
import Foundation

extension PDFCanvas {
    public enum Fit: String, Sendable, Codable { case cover, contain }
    public enum Anchor: Sendable { case center, leading }

    /// Draws a JPEG, PNG or SVG into `box`. JPEGs are embedded as-is (no re-encoding), PNGs decoded
    /// by cairo, SVGs drawn as vectors. `cover` fills the box and crops, `contain` fits inside.
    /// - Throws: `invalidImage` for anything else or a damaged file; nothing is drawn then.
    public func drawImage(_ data: Data, in box: Rect, fit: Fit, anchor: Anchor = .center) throws(BrochureError) {
        guard let format = ImageFormat(of: data) else { throw .invalidImage(reason: "neither JPEG, PNG nor SVG") }
        switch format {
        case .jpeg: try drawJPEG(data, in: box, fit: fit, anchor: anchor)
        case .png: try drawPNG(data, in: box, fit: fit, anchor: anchor)
        case .svg: try drawSVG(data, in: box, anchor: anchor)
        }
    }

    /// Draws a JPEG into `box`, embedded as-is in the PDF: cairo is handed the file's bytes as the
    /// image's JPEG data.
    public func drawJPEG(_ data: Data, in box: Rect, fit: Fit, anchor: Anchor = .center) throws(BrochureError) {
        let size = try JPEGSize(data)
        // The PDF takes its pixels from the JPEG data; the surface only stands for it. A 1×1
        // surface spares allocating, and cairo snapshotting, a full-size bitmap per photo; the
        // transformation below maps that unit square onto the photo's place.
        guard let image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1) else {
            throw .invalidImage(reason: "cairo could not make a surface")
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
        paint(image, width: Double(size.width), height: Double(size.height), in: box, fit: fit, anchor: anchor, unit: true)
        try check("draw JPEG")
    }

    /// Decodes a PNG with cairo and draws it.
    /// A small one (a logo: 64 KB at most) is decoded once per document and the PDF holds it once.
    public func drawPNG(_ data: Data, in box: Rect, fit: Fit, anchor: Anchor = .center) throws(BrochureError) {
        if let known = pngSurfaces[data] {
            paint(known, width: Double(cairo_image_surface_get_width(known)), height: Double(cairo_image_surface_get_height(known)),
                  in: box, fit: fit, anchor: anchor)
            return try check("draw PNG")
        }
        _ = try ImageFormat.pixelSize(of: data, format: .png)
        let reader = ByteReader(data)
        // The reader must outlive the C call that reads through the unretained pointer.
        let image = withExtendedLifetime(reader) {
            cairo_image_surface_create_from_png_stream({ closure, buffer, length in
                let reader = Unmanaged<ByteReader>.fromOpaque(closure!).takeUnretainedValue()
                return reader.read(into: buffer!, count: Int(length)) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR
            }, Unmanaged.passUnretained(reader).toOpaque())!
        }
        let status = cairo_surface_status(image)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(image)
            throw .invalidImage(reason: "PNG: \(String(cString: cairo_status_to_string(status)))")
        }
        let kept = data.count <= 64 * 1024
        defer { if !kept { cairo_surface_destroy(image) } }
        if kept { pngSurfaces[data] = image }
        paint(image, width: Double(cairo_image_surface_get_width(image)), height: Double(cairo_image_surface_get_height(image)),
              in: box, fit: fit, anchor: anchor)
        try check("draw PNG")
    }

    /// Draws an SVG as vectors, as large as fits in `box`, keeping its proportions.
    /// A logo repeated on every page is parsed once per document.
    public func drawSVG(_ data: Data, in box: Rect, anchor: Anchor = .center) throws(BrochureError) {
        var error: UnsafeMutablePointer<GError>?
        let handle = try svgHandle(data)
        let ratio = Self.aspectRatio(of: handle)
        let width = min(box.width, box.height * ratio), height = width / ratio
        var viewport = RsvgRectangle(x: anchor == .leading ? box.x : box.x + (box.width - width) / 2,
                                     y: box.y + (box.height - height) / 2, width: width, height: height)
        guard rsvg_handle_render_document(handle, cr, &viewport, &error) != 0 else {
            throw .invalidImage(reason: "SVG: \(Self.consume(error))")
        }
        try check("draw SVG")
    }

    /// The parsed SVG, kept for the document.
    func svgHandle(_ data: Data) throws(BrochureError) -> UnsafeMutablePointer<RsvgHandle> {
        if let known = svgHandles[data] { return known }
        var error: UnsafeMutablePointer<GError>?
        let handle = data.withUnsafeBytes { rsvg_handle_new_from_data($0.bindMemory(to: UInt8.self).baseAddress, gsize($0.count), &error) }
        guard let handle else { throw .invalidImage(reason: "SVG: \(Self.consume(error))") }
        svgHandles[data] = handle
        return handle
    }

    /// Width over height of a JPEG, PNG or SVG (an SVG parsed once per document); nil when the
    /// bytes are none of them.
    public func aspectRatio(ofImage data: Data) -> Double? {
        guard ImageFormat(of: data) == .svg, let handle = try? svgHandle(data) else { return Self.aspectRatio(ofImage: data) }
        return Self.aspectRatio(of: handle)
    }

    /// Width over height of a JPEG, PNG or SVG; nil when the bytes are none of them.
    public static func aspectRatio(ofImage data: Data) -> Double? {
        guard let format = ImageFormat(of: data) else { return nil }
        if let size = try? ImageFormat.pixelSize(of: data, format: format) { return Double(size.width) / Double(size.height) }
        guard format == .svg else { return nil }
        let handle = data.withUnsafeBytes { rsvg_handle_new_from_data($0.bindMemory(to: UInt8.self).baseAddress, gsize($0.count), nil) }
        guard let handle else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
        return aspectRatio(of: handle)
    }

    /// Width over height: the SVG's pixel size, else its view box, else square.
    static func aspectRatio(of handle: UnsafeMutablePointer<RsvgHandle>) -> Double {
        var width = 0.0, height = 0.0
        if rsvg_handle_get_intrinsic_size_in_pixels(handle, &width, &height) != 0, width > 0, height > 0 { return width / height }
        var hasWidth: gboolean = 0, hasHeight: gboolean = 0, hasViewBox: gboolean = 0
        var w = RsvgLength(), h = RsvgLength(), viewBox = RsvgRectangle()
        rsvg_handle_get_intrinsic_dimensions(handle, &hasWidth, &w, &hasHeight, &h, &hasViewBox, &viewBox)
        if hasViewBox != 0, viewBox.width > 0, viewBox.height > 0 { return viewBox.width / viewBox.height }
        return 1
    }

    static func consume(_ error: UnsafeMutablePointer<GError>?) -> String {
        guard let error else { return "unreadable" }
        defer { g_error_free(error) }
        return String(cString: error.pointee.message)
    }

    /// A neutral block where a photo is missing or unreadable.
    public func drawPlaceholder(in box: Rect) {
        fill(box, .placeholder)
    }

    /// - Parameter unit: the surface is a 1×1 stand-in for a `width`×`height` picture.
    func paint(_ image: OpaquePointer, width: Double, height: Double, in box: Rect, fit: Fit, anchor: Anchor, unit: Bool = false) {
        let scale = fit == .cover ? max(box.width / width, box.height / height) : min(box.width / width, box.height / height)
        let drawnWidth = width * scale, drawnHeight = height * scale
        cairo_save(cr)
        cairo_rectangle(cr, box.x, box.y, box.width, box.height)
        cairo_clip(cr)
        cairo_translate(cr, anchor == .leading ? box.x : box.x + (box.width - drawnWidth) / 2, box.y + (box.height - drawnHeight) / 2)
        if unit { cairo_scale(cr, drawnWidth, drawnHeight) } else { cairo_scale(cr, scale, scale) }
        cairo_set_source_surface(cr, image, 0, 0)
        cairo_paint(cr)
        cairo_restore(cr)
    }
}

/// Feeds a byte buffer to cairo's PNG reader.
final class ByteReader {
    let data: Data
    var offset = 0
    init(_ data: Data) { self.data = data }

    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        guard offset + count <= data.count else { return false }
        data.withUnsafeBytes { source in
            buffer.update(from: source.bindMemory(to: UInt8.self).baseAddress! + offset, count: count)
        }
        offset += count
        return true
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
