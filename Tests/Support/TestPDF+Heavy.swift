import CZStream
import Foundation

extension TestPDF {
    /// A one-page PDF whose content stream is `operators` repeated to `decodedBytes`, compressed
    /// (FlateDecode): the shape of the "PDF bomb" an insider uploaded — 204 KB on disk for 200 MB of
    /// `q Q`, 21 s to draw. Compressed as a stream, never held whole.
    /// `pages` pages, each with such a stream.
    public static func heavy(decodedBytes: Int, operators: String = "q Q\n", pages: Int = 1) -> Data {
        let chunk = Array(String(repeating: operators, count: max(1, (1 << 20) / operators.utf8.count)).utf8)
        var stream = z_stream()
        _ = czlib_deflate_init(&stream, 9)
        defer { deflateEnd(&stream) }
        var compressed: [UInt8] = []
        var out = [UInt8](repeating: 0, count: 256 * 1024)
        var left = decodedBytes
        func pump(_ flush: Int32) {
            repeat {
                out.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    _ = deflate(&stream, flush)
                }
                compressed += out[0..<(out.count - Int(stream.avail_out))]
            } while stream.avail_out == 0
        }
        while left > 0 {
            let n = min(left, chunk.count)
            chunk.withUnsafeBufferPointer { input in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(n)
                pump(Z_NO_FLUSH)
            }
            left -= n
        }
        pump(Z_FINISH)
        var pdf = Data("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        func object(_ body: Data) {
            offsets.append(pdf.count)
            pdf += Data("\(offsets.count) 0 obj\n".utf8) + body + Data("\nendobj\n".utf8)
        }
        object(Data("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        let kids = (0..<pages).map { "\(3 + 2 * $0) 0 R" }.joined(separator: " ")
        object(Data("<< /Type /Pages /Kids [\(kids)] /Count \(pages) >>".utf8))
        for page in 0..<pages {
            object(Data("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents \(4 + 2 * page) 0 R >>".utf8))
            object(Data("<< /Length \(compressed.count) /Filter /FlateDecode >>\nstream\n".utf8) + Data(compressed) + Data("\nendstream".utf8))
        }
        let xref = pdf.count
        var tail = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { tail += String(format: "%010d 00000 n \n", offset) }
        tail += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return pdf + Data(tail.utf8)
    }
}
