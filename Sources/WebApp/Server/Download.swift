import Foundation
import Hummingbird

/// A file the app hands over (a brochure, a letter, a register, an export, a CSV): its type, its
/// name, shown in the browser or saved (the security middleware marks it `no-store`, as every answer).
enum Download {
    static func pdf(_ data: Data, name: String) -> Response { file(data, type: "application/pdf", name: name, inline: true) }

    static func csv(_ text: String, name: String) -> Response {
        file(Data(text.utf8), type: "text/csv; charset=utf-8", name: name, inline: false)
    }

    static func file(_ data: Data, type: String, name: String, inline: Bool) -> Response {
        Response(status: .ok, headers: [.contentType: type, .contentDisposition: "\(inline ? "inline" : "attachment"); filename=\"\(name)\""],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
