import CCairo
import Foundation

/// What makes a PDF usable on a screen and by a screen reader: structure tags in reading order,
/// links, bookmarks (the outline), document metadata. cairo 1.16 writes the tags, links and
/// outline; what it cannot write (the document's language, figures' alternative text) is added by
/// `PDFAccessibility` once the file is written.
extension PDFCanvas {
    /// The structure element `name` ("Document", "Sect", "H1", "P", "L", "LI", "Figure"…)
    /// around what `body` draws. Only on the page (a recording is not tagged).
    public func tagged<T>(_ name: String, _ body: () throws(BrochureError) -> T) throws(BrochureError) -> T {
        guard isTagged, cr == pageContext else { return try body() }
        cairo_tag_begin(cr, name, nil)
        openElements += 1
        defer {
            openElements -= 1
            cairo_tag_end(cr, name)
        }
        return try body()
    }

    /// Starts and ends the tagged document. Its "Document" element, the root every other element
    /// goes in, is added when the file is completed (`PDFAccessibility`): cairo 1.16 cannot paint a
    /// recording (the page header drawn once, see `reusable`) inside an open element, so the
    /// elements are written directly under the structure's root and gathered afterwards.
    public func beginDocument() { isTagged = true }

    public func endDocument() { isTagged = false }

    /// A figure (a photo, a QR code) with the text a screen reader says instead.
    public func figure<T>(alt: String, _ body: () throws(BrochureError) -> T) throws(BrochureError) -> T {
        guard isTagged, cr == pageContext else { return try body() }
        figureAlternatives.append(alt)
        return try tagged("Figure", body)
    }

    /// What `body` draws becomes a link to `uri` (http(s), mailto:, tel:).
    public func link<T>(uri: String, _ body: () throws(BrochureError) -> T) throws(BrochureError) -> T {
        guard isTagged, cr == pageContext else { return try body() }
        return try linked("uri='\(Self.attributeString(uri))'", body)
    }

    /// What `body` draws becomes a link to `page` (1-based) of this document, at `y` points from the top.
    public func link<T>(page: Int, y: Double = 0, _ body: () throws(BrochureError) -> T) throws(BrochureError) -> T {
        guard isTagged, cr == pageContext else { return try body() }
        return try linked("page=\(page) pos=[0 \(Int(y))]", body)
    }

    private func linked<T>(_ attributes: String, _ body: () throws(BrochureError) -> T) throws(BrochureError) -> T {
        cairo_tag_begin(cr, CAIRO_TAG_LINK, attributes)
        openElements += 1
        defer {
            openElements -= 1
            cairo_tag_end(cr, CAIRO_TAG_LINK)
        }
        return try body()
    }

    /// Adds a bookmark under `parent` (nil: at the top) to `page` (1-based) at `y` points from the
    /// top; returns its number, for children. Bookmarks go into the file when it is finished (a
    /// document printed untagged has none: `isTagged` false).
    @discardableResult
    public func bookmark(_ title: String, page: Int, y: Double = 0, parent: Int? = nil, open: Bool = false) -> Int {
        pendingTagged = pendingTagged || isTagged
        pendingBookmarks.append(PendingBookmark(title: title, page: page, y: y, parent: parent, open: open))
        return pendingBookmarks.count - 1
    }

    struct PendingBookmark {
        var title: String
        var page: Int
        var y: Double
        var parent: Int?
        var open: Bool
    }

    func addPendingBookmarks() {
        guard pendingTagged else { pendingBookmarks.removeAll(); return }
        var ids: [Int32] = []
        for b in pendingBookmarks {
            let parent = b.parent.map { ids[$0] } ?? Int32(CAIRO_PDF_OUTLINE_ROOT)
            ids.append(cairo_pdf_surface_add_outline(surface, parent, b.title, "page=\(b.page) pos=[0 \(Int(b.y))]",
                                                     b.open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : cairo_pdf_outline_flags_t(0)))
        }
        pendingBookmarks.removeAll()
    }

    /// The document's title, author, subject, keywords and creator (cairo dates it).
    public func setMetadata(title: String, author: String, subject: String, creator: String = "Guichet") {
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, subject)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, creator)
    }

    /// A string inside a cairo attribute: quotes and backslashes escaped.
    static func attributeString(_ text: String) -> String {
        text.replacingEach(["\\": "\\\\", "'": "\\'"])
    }
}
