import Foundation
import GuichetTestSupport

enum Fixtures {
    /// `Fonts/files`, filled by scripts/fonts.sh.
    static let fonts = TestData.repository.appendingPathComponent("Fonts/files").path
    static var fontsInstalled: Bool {
        FileManager.default.fileExists(atPath: fonts + "/Lato-Regular.ttf")
    }
    static var toolsInstalled: Bool { ["pdftotext", "pdffonts", "pdfimages", "cjpeg"].allSatisfy(hasTool) }

    /// Copies a rendered file to `$GUICHET_TEST_OUTPUT`, when set, to look at it.
    static func keep(_ path: String) {
        guard let folder = ProcessInfo.processInfo.environment["GUICHET_TEST_OUTPUT"] else { return }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let target = URL(fileURLWithPath: folder).appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent)
        try? FileManager.default.removeItem(at: target)
        try? FileManager.default.copyItem(atPath: path, toPath: target.path)
    }

    /// A real PNG (a colour gradient with transparency), written by Python's zlib.
    static func png(width: Int = 120, height: Int = 60) throws -> Data {
        let script = """
        import struct, sys, zlib
        w, h = \(width), \(height)
        rows = b"".join(b"\\x00" + bytes(v for x in range(w) for v in (x * 255 // w, 90, 200, 255 if x < w // 2 else 128)) for y in range(h))
        def chunk(kind, data): return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        sys.stdout.buffer.write(b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
                                + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
        """
        return try run("python3", ["-c", script])
    }

    /// A real JPEG (a colour gradient), encoded by libjpeg's cjpeg from a PPM.
    static func jpeg(width: Int = 160, height: Int = 100) throws -> Data {
        var ppm = Data("P6\n\(width) \(height)\n255\n".utf8)
        for y in 0..<height {
            for x in 0..<width { ppm.append(contentsOf: [UInt8(x * 255 / width), UInt8(y * 255 / height), 140]) }
        }
        return try run("cjpeg", ["-quality", "85"], input: ppm)
    }
}
