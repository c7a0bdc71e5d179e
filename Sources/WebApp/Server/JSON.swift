import CRM
import Foundation
import Hummingbird

enum JSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(value))))
    }

    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: WebContext) async throws -> T {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        do { return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView)) } catch let error as DecodingError {
            throw HTTPError(.badRequest, message: explain(error))
        }
    }

    /// A decoding error as one French sentence naming the field.
    static func explain(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String { keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") }
        return switch error {
        case let .keyNotFound(key, context): "\(path(context.codingPath + [key])) : champ obligatoire."
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            "\(path(context.codingPath).isEmpty ? "corps" : path(context.codingPath)) : \(Self.kind(type)) attendu."
        case let .dataCorrupted(context) where context.codingPath.isEmpty: "Corps JSON illisible."
        case let .dataCorrupted(context): "\(path(context.codingPath)) : valeur incorrecte."
        @unknown default: "Corps JSON incorrect."
        }
    }

    static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "un texte"
        case is Bool.Type: "un booléen (true ou false)"
        case is Int.Type, is Int64.Type: "un nombre entier"
        case is Double.Type: "un nombre"
        default: type is any Collection.Type ? "une liste" : "un objet JSON"
        }
    }
}

extension ByteBuffer {
    init(data: Data) {
        self.init(bytes: data)
    }
}

extension GuichetServices {
    /// What `body` reads for the signed-in caller, on the blocking pool, answered as JSON.
    func json<T: Encodable & Sendable>(_ context: WebContext, status: HTTPResponse.Status = .ok,
                                       _ body: @escaping @Sendable (GuichetServices, Caller) throws -> T) async throws -> Response {
        let caller = try context.requireCaller()
        return try JSON.response(try await blocking.run { [self] in try body(self, caller) }, status: status)
    }
}
