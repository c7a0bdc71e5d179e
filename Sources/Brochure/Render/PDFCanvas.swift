import CCairo
import CPango
import CRsvg
import Foundation

/// A PDF file being drawn, page after page, in points (1/72 inch). Owns the cairo surface and
/// context; `finish()` writes the file and reports cairo's status.
public final class PDFCanvas {
    let surface: OpaquePointer
    /// The context drawing goes to: the page's, or a recording's while `reusable` records.
    var cr: OpaquePointer
    let pageContext: OpaquePointer
    /// Drawings recorded once and painted again on each page (see `reusable`).
    var recordings: [String: OpaquePointer] = [:]
    public let width: Double
    public let height: Double
    /// Pango contexts by font library and language; the libraries are kept alive with them.
    var contexts: [String: OpaquePointer] = [:]
    var fontLibraries: [FontLibrary] = []
    /// Recently laid-out texts (see `cachedLayout`).
    var layouts: [LayoutKey: OpaquePointer] = [:]
    /// Images drawn on many pages (a logo), decoded once for the document (see `drawSVG`, `drawPNG`).
    var svgHandles: [Data: UnsafeMutablePointer<RsvgHandle>] = [:]
    var pngSurfaces: [Data: OpaquePointer] = [:]
    /// Between `beginDocument` and `endDocument`: the content is tagged.
    public internal(set) var isTagged = false
    /// Structure elements (and links) open on the page.
    var openElements = 0
    /// Bookmarks waiting for the end of the document (see `bookmark`).
    var pendingBookmarks: [PendingBookmark] = []
    var pendingTagged = false
    /// The alternative text of each figure tagged so far, in drawing order (see `PDFAccessibility`).
    public internal(set) var figureAlternatives: [String] = []
    /// The file being written.
    public let path: String

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
        self.path = path
        self.cr = cr
        self.pageContext = cr
        self.width = width
        self.height = height
    }

    deinit {
        releaseLayouts()
        for context in contexts.values { g_object_unref(UnsafeMutableRawPointer(context)) }
        for recording in recordings.values { cairo_surface_destroy(recording) }
        for handle in svgHandles.values { g_object_unref(UnsafeMutableRawPointer(handle)) }
        for image in pngSurfaces.values { cairo_surface_destroy(image) }
        cairo_destroy(pageContext)
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
        addPendingBookmarks()
        cairo_show_page(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairo(operation: "write PDF", status: String(cString: cairo_status_to_string(status)))
        }
    }

    /// Draws what `body` draws inside `area`, recording it the first time under `key` and painting
    /// the recording afterwards: the PDF then holds it once (a form XObject) however many pages
    /// show it — a page header, a legal mention.
    ///
    /// Inside an open structure element of a tagged document it is drawn again instead: cairo 1.16
    /// fails there (an assertion, or "invalid tag nesting" when the file is written).
    public func reusable(_ key: String, area: Rect, _ body: () throws(BrochureError) -> Void) throws(BrochureError) {
        if isTagged && openElements > 0 { return try body() }
        if let recording = recordings[key] {
            cairo_set_source_surface(cr, recording, 0, 0)
            cairo_paint(cr)
            return
        }
        var extents = cairo_rectangle_t(x: area.x, y: area.y, width: area.width, height: area.height)
        guard let recording = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents) else {
            throw .cairo(operation: "create recording", status: "no surface")
        }
        let recorder = cairo_create(recording)!
        cr = recorder
        defer {
            cr = pageContext
            cairo_destroy(recorder)
        }
        try body()
        let status = cairo_status(recorder)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(recording)
            throw .cairo(operation: "record \(key)", status: String(cString: cairo_status_to_string(status)))
        }
        recordings[key] = recording
        cairo_set_source_surface(pageContext, recording, 0, 0)
        cairo_paint(pageContext)
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
