import CSV
import Foundation

extension Statistics {
    /// One CSV table: section, key, count (semicolon-separated with a BOM-less UTF-8 header, as
    /// French spreadsheets open it).
    public func csv() throws -> String {
        let writer = try CSVWriter(stream: .toMemory(), delimiter: ";")
        try writer.writeSafe(row: ["rubrique", "cle", "nombre"])
        try writer.writeSafe(row: ["demandes", "total", String(requests)])
        try writer.writeSafe(row: ["qualification", "demandes qualifiees", String(qualified)])
        try writer.writeSafe(row: ["qualification", "taux", String(format: "%.3f", qualificationRate)])
        try writer.writeSafe(row: ["qualification", "contacts", String(contacts)])
        try writer.writeSafe(row: ["qualification", "contacts qualifies", String(qualifiedContacts)])
        try writer.writeSafe(row: ["qualification", "taux contacts", String(format: "%.3f", contactQualificationRate)])
        for office in byOffice {
            try writer.writeSafe(row: ["office \(office.officeID)", "demandes", String(office.requests)])
            try writer.writeSafe(row: ["office \(office.officeID)", "contacts", String(office.contacts)])
            try writer.writeSafe(row: ["office \(office.officeID)", "taux", String(format: "%.3f", office.qualificationRate)])
        }
        for (section, counts) in [("mois", byMonth), ("mode de contact", byContactMode), ("departement d'origine", byOriginDepartment),
                                  ("pays d'origine", byOriginCountry), ("theme", byTheme), ("sous-theme", bySubTheme),
                                  ("mode de reponse", byResponseMode), ("type de demande", byRequestType), ("point d'accueil", byReceptionPoint),
                                  ("hebergement", byAccommodation), ("zone", byZone), ("type de groupe", byPartyKind), ("nouveaux contacts", newContactsByMonth)] {
            for count in counts { try writer.writeSafe(row: [section, count.key, String(count.count)]) }
        }
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
