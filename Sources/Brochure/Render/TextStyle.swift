/// How a block of text is set.
public struct TextStyle: Sendable, Hashable {
    public enum Alignment: Sendable, Hashable { case left, center, right, justify }

    public var family: String
    /// Size in points.
    public var size: Double
    public var bold: Bool
    public var italic: Bool
    public var color: Color
    public var alignment: Alignment
    /// Text language, for hyphenation and shaping ("fr", "en"…).
    public var language: String
    /// Justify the last line too: for a paragraph that continues in the next column or page.
    public var justifyLastLine = false

    public init(family: String = "Lato", size: Double = 10, bold: Bool = false, italic: Bool = false,
                color: Color = .black, alignment: Alignment = .left, language: String = "fr") {
        self.family = family; self.size = size; self.bold = bold; self.italic = italic
        self.color = color; self.alignment = alignment; self.language = language
    }

    /// Pango's description string, e.g. "Lato Bold Italic 10".
    var pangoDescription: String {
        [family, bold ? "Bold" : nil, italic ? "Italic" : nil, String(size)].compactMap { $0 }.joined(separator: " ")
    }
}

/// What drawing a text into a box did.
public struct TextFit: Sendable, Hashable {
    /// Height used, in points (never more than the box's).
    public var height: Double
    /// The plain text that did not fit, for the next column or page; nil when everything fit.
    public var remainder: String?
    /// Lines were cut with an ellipsis.
    public var ellipsized: Bool
}
