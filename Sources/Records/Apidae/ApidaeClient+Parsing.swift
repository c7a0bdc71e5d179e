import Foundation

extension ApidaeClient {
    /// A search answer checked whole (one cut short is retried) and read for its count and ids.
    static func parsePage(_ data: Data) throws(RecordsError) -> Page {
        let bytes = [UInt8](data)
        let scanner = JSONScanner(bytes: bytes)
        var start = 0
        scanner.skipWhitespace(&start)
        do {
            guard scanner.kind(at: start) == .object else { throw unreadable("the search answer is not a JSON object") }
            _ = try scanner.endOfValue(from: start)
            let members = try scanner.members(ofObjectAt: start)
            var numFound: Int?
            var ids: [Int] = []
            for (key, value) in members {
                switch key {
                case "numFound":
                    numFound = Int(String(decoding: bytes[value], as: UTF8.self))
                case "objetsTouristiques":
                    _ = try scanner.forEachElement(ofArrayAt: value.lowerBound) { element in
                        guard let id = try scanner.members(ofObjectAt: element.lowerBound).first(where: { $0.key == "id" })
                            .flatMap({ Int(String(decoding: bytes[$0.value], as: UTF8.self)) }) else { return }
                        ids.append(id)
                    }
                default: continue
                }
            }
            // Apidae always counts (`numFound: 0` for an empty search): without it nothing says the pages are whole.
            guard let numFound else { throw RecordsError.sync("the search answered without numFound: the pages cannot be known whole") }
            return Page(data: data, numFound: numFound, ids: ids)
        } catch let error as RecordsError {
            throw error
        } catch let failure as JSONScanner.Failure {
            throw unreadable("\(failure.reason) at byte \(failure.offset) of \(bytes.count)")
        } catch {
            throw unreadable("\(error)")
        }
    }

    /// The objects of a search answer already checked by `parsePage`.
    static func decodeObjects(_ data: Data) -> [TouristObject] {
        let bytes = [UInt8](data)
        let scanner = JSONScanner(bytes: bytes)
        var start = 0
        scanner.skipWhitespace(&start)
        guard let array = try? scanner.members(ofObjectAt: start).first(where: { $0.key == "objetsTouristiques" }) else { return [] }
        var objects: [TouristObject] = []
        _ = try? scanner.forEachElement(ofArrayAt: array.value.lowerBound) { element in
            if let object = try? TouristObject.decode(json: Data(bytes[element])) { objects.append(object) }
        }
        return objects
    }

    /// `{"numFound": N, "objetTouristiqueIds": [1, 2]}` (no list when nothing is found).
    static func parseIdentifiers(_ data: Data) throws(RecordsError) -> (ids: [Int], numFound: Int?) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw unreadable("the list-identifiants answer is not a JSON object (\(data.count) bytes)")
        }
        let numFound = (object["numFound"] as? NSNumber)?.intValue
        switch object["objetTouristiqueIds"] {
        case let list as [Any]:
            let ids = list.compactMap { ($0 as? NSNumber)?.intValue }
            guard ids.count == list.count else { throw .sync("list-identifiants answered an id that is not a number") }
            return (ids, numFound)
        case nil:
            return ([], numFound)
        default:
            throw .sync("list-identifiants answered objetTouristiqueIds that is not a list of ids")
        }
    }

    /// An answer that cannot be read (cut short, not JSON): tried again like a lost connection.
    static func unreadable(_ reason: String) -> RecordsError {
        .fetch(url: "Apidae API", reason: "unreadable answer: \(reason)", retryable: true)
    }
}
