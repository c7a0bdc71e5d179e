import CCairo
import CPango
import Foundation

/// A PDF file being drawn, page after page, in points (1/72 inch). Owns the cairo surface and
/// context; `finish()` writes the file and reports cairo's status.
public final class PDFCanvas {
    let surface: OpaquePointer
    let cr: OpaquePointer
    public let width: Double
    public let height: Double
    /// Pango contexts by font library and language; the libraries are kept alive with them.
    var contexts: [String: OpaquePointer] = [:]
    var fontLibraries: [FontLibrary] = []

    public init(path: String, width: Double, height: Double) throws(BrochureError) {
        guard let surface = cairo_pdf_surface_create(path, width, height) else {
            throw .cairo(operation: "create PDF surface", status: "no surface")
        }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw .cairo(operation: "create PDF \(path)", status: String(cString: cairo_status_to_string(status)))
        }
        self.surface = surface
        self.cr = cr
        self.width = width
        self.height = height
    }

    deinit {
        for context in contexts.values { g_object_unref(UnsafeMutableRawPointer(context)) }
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    /// Millimetres to points.
    public static func points(mm: Double) -> Double { mm * 72 / 25.4 }

    /// Throws when cairo has recorded an error on the context.
    func check(_ operation: String) throws(BrochureError) {
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairo(operation: operation, status: String(cString: cairo_status_to_string(status)))
        }
    }

    public func newPage() throws(BrochureError) {
        cairo_show_page(cr)
        try check("show page")
    }

    /// Ends the last page and writes the file.
    public func finish() throws(BrochureError) {
        cairo_show_page(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairo(operation: "write PDF", status: String(cString: cairo_status_to_string(status)))
        }
    }

    public func fill(_ rect: Rect, _ color: Color) {
        cairo_set_source_rgb(cr, color.red, color.green, color.blue)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cr)
    }
}

public struct Rect: Sendable, Hashable {
    public var x, y, width, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
}

public struct Color: Sendable, Hashable {
    public var red, green, blue: Double
    public init(red: Double, green: Double, blue: Double) { self.red = red; self.green = green; self.blue = blue }

    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let placeholder = Color(red: 0.85, green: 0.87, blue: 0.89)
}
