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

    /// The most pixels a picture may have (8000 × 5000): a few kilobytes of PNG can declare
    /// 30000 × 30000 pixels, 3.6 GB once decoded. Checked from the header, before anything decodes.
    public static let maxPixels = 40_000_000

    /// The format of a picture a brochure may print: JPEG, PNG or SVG, with a readable header
    /// within `maxPixels`; SVG at most 2 MB (librsvg bounds its own elements and entities).
    public static func validated(_ data: Data) throws(BrochureError) -> ImageFormat {
        guard let format = ImageFormat(of: data) else { throw .invalidImage(reason: "neither JPEG, PNG nor SVG") }
        if format == .svg, data.count > 2_000_000 { throw .invalidImage(reason: "SVG larger than 2 MB") }
        _ = try pixelSize(of: data, format: format)
        return format
    }

    /// The pixel size stored in the file's header, when the format has one there (not SVG).
    /// - Throws: `invalidImage` for a header without a size, or a size over `maxPixels`.
    static func pixelSize(of data: Data, format: ImageFormat) throws(BrochureError) -> (width: Int, height: Int)? {
        guard let size = try headerSize(of: data, format: format) else { return nil }
        guard size.width <= maxPixels, size.height <= maxPixels, size.width * size.height <= maxPixels else {
            throw .invalidImage(reason: "\(size.width) × \(size.height) pixels, more than \(maxPixels / 1_000_000) million")
        }
        return size
    }

    private static func headerSize(of data: Data, format: ImageFormat) throws(BrochureError) -> (width: Int, height: Int)? {
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
