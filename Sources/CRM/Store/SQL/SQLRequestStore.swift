import Foundation
import Storage

struct SQLRequestStore: RequestStore {
    let executor: SQLExecutor

    func add(_ request: InformationRequest, by caller: Caller) throws(CRMError) -> InformationRequest {
        if let contactID = request.contactID { _ = try SQLContactStore(executor: executor).contact(id: contactID, by: caller) }
        if let size = request.party?.size, size < 1 || size > 10_000 { throw .invalid(field: "party.size", reason: "de 1 à 10 000") }
        if let nights = request.stay?.nights, nights < 0 || nights > 365 { throw .invalid(field: "stay.nights", reason: "de 0 à 365") }
        try SQLThemeStore(executor: executor).validate(request, by: caller)
        if let point = request.receptionPoint, try !SQLOfficeStore(executor: executor).receptionPoints(by: caller).contains(point) {
            throw .invalid(field: "receptionPoint", reason: "« \(point) » n'est pas un point d'accueil de l'office")
        }
        let id = try executor.write(as: caller) { db, tenant -> Int64 in
            // The request names the office's contact; the row holds the shared person behind it.
            let person = try request.contactID.map { ref -> Int64 in
                guard let person = try tenant.person(db, ref: ref) else { throw CRMError.notFound("contact \(ref)") }
                return person
            }
            let id = try tenant.insert(db, into: "crm_request", [
                ("agent", caller.userName), ("contact_id", person), ("date", request.date.timeIntervalSince1970),
                ("contact_mode", request.contactMode.rawValue), ("response_mode", request.responseMode?.rawValue), ("subject", request.subject),
                ("stay", JSONColumn.encode(request.stay)), ("party", JSONColumn.encode(request.party)),
                ("origin_department", request.originDepartment), ("origin_country", request.originCountry),
                ("themes", JSONColumn.encode(request.themes)), ("extra", JSONColumn.encode(request.extra)), ("notes", request.notes),
                ("status", request.status.rawValue), ("request_type", request.requestType?.rawValue), ("reception_point", request.receptionPoint),
                ("client_entry_id", request.entryID), ("origin_commune", request.originCommune),
            ])
            if let person {
                try tenant.update(db, "crm_contact_profile", set: "last_interaction_at = \(db.dialect.greatest("coalesce(last_interaction_at, 0)", "?"))",
                                  [request.date.timeIntervalSince1970], where: "contact_id = ?", [person])
            }
            return id
        }
        return try self.request(id: id, by: caller)
    }

    func request(id: Int64, by caller: Caller) throws(CRMError) -> InformationRequest {
        let row = try executor.read(as: caller) { db, tenant in try tenant.requestRows(db, where: "r.id = ?", [id], orderBy: "r.id").first }
        guard let row else { throw .notFound("request \(id)") }
        return Self.request(row)
    }

    func request(entryID: String, by caller: Caller) throws(CRMError) -> InformationRequest? {
        try executor.read(as: caller) { db, tenant in
            try tenant.requestRows(db, where: "r.client_entry_id = ?", [entryID], orderBy: "r.id", limit: 1).first.map(Self.request)
        }
    }

    func list(contactID: Int64?, by caller: Caller) throws(CRMError) -> [InformationRequest] {
        try executor.read(as: caller) { db, tenant in
            try tenant.requestRows(db, where: "CAST(? AS BIGINT) IS NULL OR r.contact_id = (SELECT contact_id FROM crm_contact_profile WHERE office_id = r.office_id AND ref = ?)",
                                   [contactID, contactID], orderBy: "r.date DESC", limit: 1000).map(Self.request)
        }
    }

    func setStatus(_ status: InformationRequest.Status, requestID: Int64, by caller: Caller) throws(CRMError) {
        let changed = try executor.write(as: caller) { db, tenant in
            try tenant.update(db, "crm_request", set: "status = ?", [status.rawValue], where: "id = ?", [requestID])
        }
        guard changed == 1 else { throw .notFound("request \(requestID)") }
    }

    static func request(_ row: SQLRow) -> InformationRequest {
        // The office's reference for the person; rows read for the statistics alone (aggregates: no
        // request leaves them) group by the shared person instead.
        InformationRequest(id: row["id"], officeID: row["office_id"], agent: row["agent"],
                           contactID: row.hasColumn("contact_ref") ? row["contact_ref"] : row["contact_id"],
                           date: Date(timeIntervalSince1970: row["date"]),
                           contactMode: InformationRequest.ContactMode(rawValue: row["contact_mode"]) ?? .counter,
                           responseMode: (row["response_mode"] as String?).flatMap(InformationRequest.ContactMode.init(rawValue:)),
                           subject: row["subject"], stay: JSONColumn.decode(row["stay"]), party: JSONColumn.decode(row["party"]),
                           originDepartment: row["origin_department"], originCountry: row["origin_country"],
                           themes: JSONColumn.decode(row["themes"]) ?? [], extra: JSONColumn.decode(row["extra"]) ?? [:], notes: row["notes"],
                           status: InformationRequest.Status(rawValue: row["status"]) ?? .open,
                           requestType: (row["request_type"] as String?).flatMap(InformationRequest.RequestType.init(rawValue:)),
                           receptionPoint: row["reception_point"], entryID: row["client_entry_id"],
                           originCommune: row["origin_commune"])
    }
}
