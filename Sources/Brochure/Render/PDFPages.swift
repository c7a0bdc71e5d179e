import CCairo
import CPoppler
import Foundation

/// A PDF file read by poppler: checked to be a real, readable PDF, and its pages drawn onto a
/// `PDFCanvas` as vector content (poppler's cairo output, the way it prints). Owns the document.
public final class PDFPages {
    private let document: OpaquePointer
    public let count: Int

    /// Reads `data`; anything that is not a PDF poppler opens without a password, with at least one
    /// page, is refused with the reason. With a `budget` (a file from outside: an office's
    /// document), a file whose streams decode past it is refused before poppler reads it.
    public init(data: Data, budget: PDFStreamBudget? = nil) throws(BrochureError) {
        guard data.starts(with: Array("%PDF-".utf8)) else { throw .invalidPDF(reason: "the file does not start as a PDF does (%PDF-)") }
        if let budget {
            do { _ = try budget.check(data) } catch { throw .oversizedPDF(error) }
        }
        let bytes = data.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        defer { g_bytes_unref(bytes) }
        var error: UnsafeMutablePointer<GError>?
        guard let document = poppler_document_new_from_bytes(bytes, nil, &error) else {
            let reason = error.map { String(cString: $0.pointee.message) } ?? "unreadable"
            if let error { g_error_free(error) }
            throw .invalidPDF(reason: reason)
        }
        self.document = document
        count = Int(poppler_document_get_n_pages(document))
        guard count > 0 else { throw .invalidPDF(reason: "the document has no page") }
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(document)) }

    /// The size of page `index` (from 0) in points.
    public func size(page index: Int) -> (width: Double, height: Double) {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return (595.28, 841.89) }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var width = 0.0, height = 0.0
        poppler_page_get_size(page, &width, &height)
        return (width, height)
    }

    /// Draws page `index` on `cr` at the origin, at its own size, as it prints.
    func draw(page index: Int, on cr: OpaquePointer) throws(BrochureError) {
        guard let page = poppler_document_get_page(document, Int32(index)) else { throw .invalidPDF(reason: "page \(index + 1) unreadable") }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        cairo_save(cr)
        poppler_page_render_for_printing(page, cr)
        cairo_restore(cr)
    }
}

extension PDFCanvas {
    /// Writes the documents one after the other into one PDF at `path`; returns its page count.
    @discardableResult
    public static func merge(_ documents: [PDFPages], to path: String) throws(BrochureError) -> Int {
        guard let first = documents.first else { throw .invalidPDF(reason: "no document to merge") }
        let size = first.size(page: 0)
        let canvas = try PDFCanvas(path: path, width: size.width, height: size.height)
        for (i, document) in documents.enumerated() { try canvas.append(document, replacingCurrent: i == 0) }
        try canvas.finish()
        return documents.reduce(0) { $0 + $1.count }
    }

    /// Adds every page of `pages` after the canvas's current page, each at its own size (a town
    /// map in A3 stays A3). `replacingCurrent`: the current page is still blank and takes the first.
    public func append(_ pages: PDFPages, replacingCurrent: Bool = false) throws(BrochureError) {
        for index in 0..<pages.count {
            if index > 0 || !replacingCurrent { try newPage() }
            let size = pages.size(page: index)
            cairo_pdf_surface_set_size(surface, size.width, size.height)
            try pages.draw(page: index, on: cr)
            try check("draw page \(index + 1) of an appended PDF")
        }
    }
}
