import Foundation
import Hummingbird
import Records

/// A request's query string, read and checked in one place: each reader names the parameter in
/// its French error (400) when the value is missing, malformed or out of bounds.
struct QueryInput {
    let parameters: Parameters

    init(_ request: Request) { parameters = request.uri.queryParameters }

    /// Text, trimmed; nil when absent (an error when `required`).
    func text(_ name: String, max: Int, required: Bool = false) throws -> String? {
        guard let value = parameters.get(name) else {
            if required { throw HTTPError(.badRequest, message: "\(name) : paramètre obligatoire") }
            return nil
        }
        // Counted as JSON Schema's maxLength counts: Unicode code points.
        guard value.unicodeScalars.count <= max else { throw HTTPError(.badRequest, message: "\(name) : \(max) caractères au plus") }
        return value
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = parameters.get(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw HTTPError(.badRequest, message: "\(name) : nombre entier de \(range.lowerBound) à \(range.upperBound) attendu")
        }
        return value
    }

    /// A number above `lower` and at most `upper`.
    func number(_ name: String, above lower: Double, upTo upper: Double) throws -> Double? {
        guard let text = parameters.get(name) else { return nil }
        guard let value = Double(text), value > lower, value <= upper else {
            throw HTTPError(.badRequest, message: "\(name) : nombre de \(Int(lower)) (exclu) à \(Int(upper)) attendu")
        }
        return value
    }

    /// A date; an empty value counts as absent only when `emptyIsAbsent` (a page's form left blank).
    func day(_ name: String, emptyIsAbsent: Bool = false) throws -> CalendarDay? {
        guard let text = parameters.get(name), !(text.isEmpty && emptyIsAbsent) else { return nil }
        guard let day = CalendarDay(iso: text) else { throw HTTPError(.badRequest, message: "\(name) : date AAAA-MM-JJ attendue") }
        return day
    }

    func choice(_ name: String, in allowed: [String]) throws -> String? {
        guard let value = parameters.get(name) else { return nil }
        guard allowed.contains(value) else { throw HTTPError(.badRequest, message: "\(name) : \(allowed.joined(separator: ", ")) attendu") }
        return value
    }

    func all(_ name: String) -> [String] { parameters.getAll(name) }
}
