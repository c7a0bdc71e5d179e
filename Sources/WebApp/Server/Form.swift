import Foundation
import Hummingbird

/// A URL-encoded form (or query string): fields by name, repeated fields kept in order.
struct Form: Sendable {
    private(set) var pairs: [(String, String)] = []

    init(_ text: String) {
        for part in text.split(separator: "&") where !part.isEmpty {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            pairs.append((decode(kv[0]), kv.count > 1 ? decode(kv[1]) : ""))
        }
    }

    mutating func append(_ name: String, _ value: String) { pairs.append((name, value)) }

    static func read(_ request: Request, context: WebContext) async throws -> Form {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return Form(String(buffer: body))
    }

    subscript(_ name: String) -> String? {
        pairs.first { $0.0 == name }.map(\.1).flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// The field as sent, empty included (nil only when absent): an emptied field clears a value.
    func sent(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1).filter { !$0.isEmpty } }

    func int(_ name: String) -> Int? { self[name].flatMap { Int($0) } }
}
