import Foundation

extension Importer {
    /// Decodes each element of a reference file; a bad element is rejected, the others kept.
    func decodeAll<T: Decodable>(_ type: T.Type, _ scanner: JSONScanner, _ start: Int, _ input: ImportInput,
                                 _ state: inout RunState) throws -> [T] {
        var values: [T] = []
        var index = 0
        try scanner.forEachElement(ofArrayAt: start) { range in
            do {
                values.append(try JSONDecoder().decode(T.self, from: Data(scanner.bytes[range])))
            } catch let error as DecodingError {
                state.report.reject(.rejectedRecord(file: input.displayName, index: index, id: nil, reason: error.reason))
            }
            index += 1
        }
        return values
    }
}

struct ReferenceDTO: Decodable {
    var elementReferenceType: String
    var id: Int
    var labels: ApidaeText
    enum CodingKeys: String, CodingKey { case elementReferenceType, id }
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        elementReferenceType = try c.decode(String.self, forKey: .elementReferenceType)
        id = try c.decode(Int.self, forKey: .id)
        labels = try ApidaeText(from: decoder)
    }
    var element: ReferenceElement { ReferenceElement(id: id, type: elementReferenceType, labels: labels.text) }
}

struct SelectionDTO: Decodable {
    var id: Int
    var nom: String?
    var libelle: ApidaeText?
    var objetsTouristiques: [Ref]
    struct Ref: Decodable { var id: Int }
    var selection: Selection {
        Selection(id: id, name: nom ?? libelle?.text.text("fr") ?? "Sélection \(id)", objectIds: objetsTouristiques.map(\.id))
    }
}

struct ApidaeCommuneDTO: Decodable {
    var id: Int
    var code: String?
    var nom: String?
    var codePostal: String?
    var commune: ApidaeCommune? {
        code.map { ApidaeCommune(apidaeId: id, insee: $0, name: nom, postalCode: codePostal) }
    }
}
