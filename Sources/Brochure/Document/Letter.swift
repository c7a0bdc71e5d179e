import Foundation

/// A letter to post with a brochure, laid out for a window envelope: the recipient's address sits
/// where a DL or C5/6 envelope's right-hand window shows it (NF EN ISO 269 / La Poste: window
/// 100 × 45 mm, 20 mm from the right edge, 50 mm from the top).
public struct Letter: Sendable, Hashable {
    public var sender: [String]
    /// Up to six lines, the last the town (and the country abroad).
    public var recipient: [String]
    /// "Annecy, le 29 novembre 2026".
    public var placeAndDate: String
    public var subject: String
    public var body: String
    public var language: String

    public init(sender: [String], recipient: [String], placeAndDate: String, subject: String, body: String, language: String = "fr") {
        self.sender = sender; self.recipient = recipient; self.placeAndDate = placeAndDate; self.subject = subject; self.body = body
        self.language = language
    }

    /// The window, on an A4 page folded in three, in points.
    public static let window = Rect(x: PDFCanvas.points(mm: 210 - 20 - 100), y: PDFCanvas.points(mm: 50),
                                    width: PDFCanvas.points(mm: 100), height: PDFCanvas.points(mm: 45))
}

/// Prints a `Letter` on A4 with the office's branding: its logo and address top left, the
/// recipient in the envelope's window, then the date, the subject and the text (continued on
/// further pages when long).
public struct LetterRenderer: Sendable {
    public let fonts: FontLibrary
    public let branding: Branding

    public init(fonts: FontLibrary, branding: Branding) { self.fonts = fonts; self.branding = branding }

    public func render(_ letter: Letter, to path: String) throws(BrochureError) -> Int {
        try fonts.exclusive { () throws(BrochureError) -> Int in try renderAlone(letter, to: path) }
    }

    private func renderAlone(_ letter: Letter, to path: String) throws(BrochureError) -> Int {
        let width = PDFCanvas.points(mm: 210), height = PDFCanvas.points(mm: 297), margin = PDFCanvas.points(mm: 20)
        let canvas = try PDFCanvas(path: path, width: width, height: height)
        let language = letter.language
        let body = TextStyle(size: 11, language: language)
        var y = margin
        if let logo = branding.logo {
            do { try canvas.drawImage(logo, in: Rect(x: margin, y: y, width: PDFCanvas.points(mm: 45), height: PDFCanvas.points(mm: 18)), fit: .contain,
                                      anchor: .leading) } catch .invalidImage {}
            y += PDFCanvas.points(mm: 20)
        }
        _ = canvas.draw(letter.sender.joined(separator: "\n"), style: TextStyle(size: 9.5, color: branding.muted, language: language),
                        in: Rect(x: margin, y: y, width: PDFCanvas.points(mm: 80), height: PDFCanvas.points(mm: 30)), fonts: fonts)
        // The recipient inside the window, with a few millimetres of play all round.
        let inset = PDFCanvas.points(mm: 4)
        let window = Letter.window
        _ = canvas.draw(letter.recipient.prefix(6).joined(separator: "\n"), style: TextStyle(size: 11, language: language),
                        in: Rect(x: window.x + inset, y: window.y + inset, width: window.width - 2 * inset, height: window.height - 2 * inset), fonts: fonts)
        y = window.y + window.height + PDFCanvas.points(mm: 12)
        var right = TextStyle(size: 11, language: language)
        right.alignment = .right
        y += canvas.draw(letter.placeAndDate, style: right, in: Rect(x: margin, y: y, width: width - 2 * margin, height: 20), fonts: fonts).height + 14
        y += canvas.draw(letter.subject, style: TextStyle(size: 11, bold: true, language: language),
                         in: Rect(x: margin, y: y, width: width - 2 * margin, height: 40), fonts: fonts).height + 14
        var pages = 1
        var rest: String? = letter.body
        while let text = rest {
            let fit = canvas.draw(text, style: body, in: Rect(x: margin, y: y, width: width - 2 * margin, height: height - margin - y), fonts: fonts,
                                  overflow: .flow)
            rest = fit.remainder
            if rest != nil {
                try canvas.newPage()
                pages += 1
                y = margin
            }
        }
        try canvas.finish()
        return pages
    }
}
