/// A brochure layout, read from a file of `Layouts/` (YAML or JSON): page, margins, how records
/// are placed, and the blocks shown for each record. Adding a layout needs no code.
public struct Layout: Sendable, Hashable {
    public var name: String
    public var page: PageSize
    /// Millimetres.
    public var margins: Margins
    public var mode: Mode
    /// Records per page in `list` mode.
    public var recordsPerPage: Int
    public var blocks: [Block]
    /// `{office}`, `{address}`, `{page}`, `{pages}` are replaced; the member's legal mention
    /// prints under it.
    public var footer: String?
    /// Millimetres of branding band at the top of every page (logo, office name, address); none when 0.
    public var header: Double = 0
    /// Columns the records flow through in `booklet` mode.
    public var columns: Int = 1
    /// Millimetres between columns.
    public var columnGap: Double = 6

    public enum Mode: String, Sendable, Hashable, Codable {
        /// One record per page.
        case sheet
        /// Several records per page, one row each.
        case list
        /// A booklet: cover, table of contents, records grouped by category, page numbers.
        case booklet
    }

    /// Booklet cover title (the office name is printed above it); a translated default when nil.
    public var coverTitle: String?

    public struct PageSize: Sendable, Hashable {
        /// Millimetres.
        public var width: Double
        public var height: Double
        public static let named: [String: PageSize] = [
            "A4": PageSize(width: 210, height: 297), "A5": PageSize(width: 148, height: 210),
            "A3": PageSize(width: 297, height: 420),
        ]
    }

    public struct Margins: Sendable, Hashable, Codable {
        public var top: Double
        public var right: Double
        public var bottom: Double
        public var left: Double
    }

    /// What is shown of a record, in order.
    public enum Block: Sendable, Hashable {
        /// Millimetres high; `cover` crops to fill, `contain` fits inside.
        case photo(height: Double, fit: PDFCanvas.Fit)
        /// Point size.
        case title(size: Double)
        case type
        /// At most `lines` lines (0: as many as the page holds).
        case description(lines: Int)
        case practical
        case opening
        case prices
        /// Millimetres square.
        case qr(size: Double)
    }
}
