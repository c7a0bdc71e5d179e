import Foundation

/// The picture formats a brochure prints, recognised by their first bytes (never by a file name).
public enum ImageFormat: String, Sendable, Hashable {
    /// Embedded as-is in the PDF.
    case jpeg
    /// Decoded by cairo and compressed losslessly into the PDF.
    case png
    /// Drawn as vectors by librsvg (logos).
    case svg

    public init?(of data: Data) {
        let head = data.prefix(512)
        if head.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if let text = String(data: head, encoding: .utf8) ?? String(data: head, encoding: .isoLatin1),
                  text.range(of: "<svg", options: .caseInsensitive) != nil {
            self = .svg
        } else {
            return nil
        }
    }

    /// The pixel size stored in the file's header, when the format has one there.
    static func pixelSize(of data: Data, format: ImageFormat) throws(BrochureError) -> (width: Int, height: Int)? {
        switch format {
        case .jpeg:
            let size = try JPEGSize(data)
            return (size.width, size.height)
        case .png:
            // The IHDR chunk always comes first: width and height at bytes 16–23.
            let b = [UInt8](data.prefix(24))
            guard b.count == 24, b[12...15].elementsEqual("IHDR".utf8) else { throw .invalidImage(reason: "PNG without a header chunk") }
            let width = b[16...19].reduce(0) { $0 << 8 | Int($1) }, height = b[20...23].reduce(0) { $0 << 8 | Int($1) }
            guard width > 0, height > 0 else { throw .invalidImage(reason: "PNG without a size") }
            return (width, height)
        case .svg:
            return nil
        }
    }
}
