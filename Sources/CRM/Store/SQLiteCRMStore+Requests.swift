import Foundation
import GRDB

extension SQLiteCRMStore {
    public func addRequest(_ request: InformationRequest, by caller: Caller) throws(CRMError) -> InformationRequest {
        let office = try caller.office()
        if let contactID = request.contactID { _ = try contact(id: contactID, by: caller) }
        if let size = request.party?.size, size < 1 || size > 10_000 { throw .invalid(field: "party.size", reason: "must be from 1 to 10,000") }
        if let nights = request.stay?.nights, nights < 0 || nights > 365 { throw .invalid(field: "stay.nights", reason: "must be from 0 to 365") }
        try validate(request, by: caller)
        let id = try write { db -> Int64 in
            try db.execute(sql: """
                INSERT INTO crm_request (office_id, agent, contact_id, date, contact_mode, response_mode, subject, stay, party,
                                         origin_department, origin_country, themes, extra, notes, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [office, caller.userName, request.contactID, request.date.timeIntervalSince1970, request.contactMode.rawValue,
                                 request.responseMode?.rawValue, request.subject, Self.json(request.stay), Self.json(request.party),
                                 request.originDepartment, request.originCountry, Self.json(request.themes), Self.json(request.extra),
                                 request.notes, request.status.rawValue])
            let id = db.lastInsertedRowID
            if let contactID = request.contactID {
                try db.execute(sql: "UPDATE crm_contact SET last_interaction_at = max(coalesce(last_interaction_at, 0), ?) WHERE id = ?",
                               arguments: [request.date.timeIntervalSince1970, contactID])
            }
            return id
        }
        return try self.request(id: id, by: caller)
    }

    public func request(id: Int64, by caller: Caller) throws(CRMError) -> InformationRequest {
        let office = try caller.office()
        let row = try read { db in try Row.fetchOne(db, sql: "SELECT * FROM crm_request WHERE id = ? AND office_id = ?", arguments: [id, office]) }
        guard let row else { throw .notFound("request \(id)") }
        return Self.request(row)
    }

    public func requests(contactID: Int64?, by caller: Caller) throws(CRMError) -> [InformationRequest] {
        let office = try caller.office()
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM crm_request WHERE office_id = ? AND (? IS NULL OR contact_id = ?) ORDER BY date DESC LIMIT 1000
                """, arguments: [office, contactID, contactID]).map(Self.request)
        }
    }

    public func setStatus(_ status: InformationRequest.Status, requestID: Int64, by caller: Caller) throws(CRMError) {
        let office = try caller.office()
        let changed = try write { db -> Int in
            try db.execute(sql: "UPDATE crm_request SET status = ? WHERE id = ? AND office_id = ?", arguments: [status.rawValue, requestID, office])
            return db.changesCount
        }
        guard changed == 1 else { throw .notFound("request \(requestID)") }
    }

    static func request(_ row: Row) -> InformationRequest {
        InformationRequest(id: row["id"], officeID: row["office_id"], agent: row["agent"], contactID: row["contact_id"],
                           date: Date(timeIntervalSince1970: row["date"]),
                           contactMode: InformationRequest.ContactMode(rawValue: row["contact_mode"]) ?? .counter,
                           responseMode: (row["response_mode"] as String?).flatMap(InformationRequest.ContactMode.init(rawValue:)),
                           subject: row["subject"], stay: decode(row["stay"]), party: decode(row["party"]),
                           originDepartment: row["origin_department"], originCountry: row["origin_country"],
                           themes: decode(row["themes"]) ?? [], extra: decode(row["extra"]) ?? [:], notes: row["notes"],
                           status: InformationRequest.Status(rawValue: row["status"]) ?? .open)
    }

    static func json(_ value: (some Encodable)?) -> String? {
        guard let value, let data = try? JSONEncoder().encode(value) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<T: Decodable>(_ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}

extension SQLiteCRMStore {
    public func statistics(from: Date?, to: Date?, by caller: Caller) throws(CRMError) -> Statistics {
        let office = caller.role == .regionalAdmin ? nil : try caller.office()
        let rows = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM crm_request WHERE (? IS NULL OR office_id = ?) AND (? IS NULL OR date >= ?) AND (? IS NULL OR date < ?)
                """, arguments: [office, office, from?.timeIntervalSince1970, from?.timeIntervalSince1970,
                                 to?.timeIntervalSince1970, to?.timeIntervalSince1970])
        }
        return Statistics(scope: office.map { .office($0) } ?? .region, requests: rows.map(Self.request))
    }
}
