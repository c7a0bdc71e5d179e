/// What can go wrong while laying out and rendering a brochure.
public enum BrochureError: Error, CustomStringConvertible, Equatable {
    /// A cairo call failed; `status` is cairo's own wording.
    case cairo(operation: String, status: String)
    case fontFolder(path: String, reason: String)
    case missingFont(family: String, folder: String)
    case invalidImage(reason: String)
    case qrCode(text: String)
    case fetch(url: String, reason: String)
    /// A file given as a PDF that poppler cannot read as one.
    case invalidPDF(reason: String)
    /// A PDF whose streams decode to more than a renderer should ever be asked to draw.
    case oversizedPDF(PDFStreamBudget.Excess)

    public var description: String {
        switch self {
        case let .cairo(operation, status): "cairo \(operation): \(status)"
        case let .fontFolder(path, reason): "font folder \(path): \(reason)"
        case let .missingFont(family, folder):
            "font family \"\(family)\" not found in \(folder) (run scripts/fonts.sh; see Fonts/fonts.manifest)"
        case let .invalidImage(reason): "image: \(reason)"
        case let .qrCode(text): "cannot encode a QR code for \(text.prefix(80))"
        case let .fetch(url, reason): "fetching \(url): \(reason)"
        case let .invalidPDF(reason): "not a readable PDF: \(reason)"
        case let .oversizedPDF(excess): "PDF too heavy to draw: \(excess)"
        }
    }
}
