import Foundation

/// The La Poste base of postal codes ("base officielle des codes postaux"):
/// `Code_commune_INSEE;Nom_commune;Code_postal;Ligne_5;Libellé_d_acheminement;coordonnees_gps`,
/// coordinates as "lat,lon" (may be empty). One commune appears once per postal code and
/// locality (Ligne_5); localities are merged.
enum LaPosteCSV {
    static let headerPrefix = "Code_commune_INSEE;Nom_commune;Code_postal"

    static func looksLikeGazetteer(_ data: some Collection<UInt8>) -> Bool {
        var head = data.prefix(64)
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
        return String(decoding: head, as: UTF8.self).hasPrefix(headerPrefix)
    }

    static func parse(_ data: Data, file: String) throws(RecordsError) -> (communes: [Commune], rejected: [RecordsError]) {
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw .unreadableFile(file: file, index: nil, reason: "not UTF-8 or Latin-1 text")
        }
        var seen = Set<String>()
        var communes: [Commune] = []
        var rejected: [RecordsError] = []
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() where index > 0 {
            let fields = line.split(separator: ";", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count >= 3, fields[0].count == 5, fields[2].count == 5, !fields[1].isEmpty else {
                rejected.append(.rejectedRecord(file: file, index: index, id: nil, reason: "expected INSEE code;name;postal code, got \(line.prefix(60))"))
                continue
            }
            guard seen.insert(fields[0] + fields[2]).inserted else { continue }
            var point: GeoPoint?
            if fields.count >= 6, !fields[5].isEmpty { point = GeoPoint(parsing: fields[5]) }
            communes.append(Commune(insee: fields[0], postalCode: fields[2], name: Commune.displayName(fromLaPoste: fields[1]),
                                    latitude: point?.latitude, longitude: point?.longitude))
        }
        return (communes, rejected)
    }
}

extension Commune {
    /// The communes of a La Poste postal-code CSV, one per INSEE code and postal code.
    public static func laPosteGazetteer(at path: String) throws(RecordsError) -> [Commune] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadableFile(file: path, index: nil, reason: error.localizedDescription)
        }
        guard LaPosteCSV.looksLikeGazetteer(data) else {
            throw .unsupportedInput(path: path, reason: "not the La Poste postal-code CSV (\(LaPosteCSV.headerPrefix)…)")
        }
        return try LaPosteCSV.parse(data, file: path).communes
    }
}
