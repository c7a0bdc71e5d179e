import Foundation
import Storage
import Mail

struct SQLOfficeStore: OfficeStore {
    let executor: SQLExecutor

    func add(name: String, tier: Office.Tier, brochureAddOn: Bool, apidaeMember: Int?, by caller: Caller) throws(CRMError) -> Office {
        guard caller.role == .regionalAdmin else { throw .forbidden("seul l'administrateur régional ajoute des offices") }
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw .invalid(field: "name", reason: "un office a besoin d'un nom") }
        let id = try executor.write { db -> Int64 in
            try SQLContactStore.insertedID(db, "INSERT INTO crm_office (name, tier, brochure_addon, apidae_member) VALUES (?, ?, ?, ?) RETURNING id",
                                           [name, tier.rawValue, brochureAddOn, apidaeMember])
        }
        return Office(id: id, name: name, tier: tier, brochureAddOn: brochureAddOn, apidaeMember: apidaeMember)
    }

    func update(_ office: Office, by caller: Caller) throws(CRMError) -> Office {
        guard caller.role == .regionalAdmin else { throw .forbidden("seul l'administrateur régional change l'offre d'un office et son identifiant de membre") }
        let changed = try executor.write { db in
            return try db.execute("UPDATE crm_office SET tier = ?, brochure_addon = ?, apidae_member = ? WHERE id = ?",
                           [office.tier.rawValue, office.brochureAddOn, office.apidaeMember, office.id])
        }
        guard changed == 1 else { throw .notFound("office \(office.id)") }
        return try self.office(id: office.id, by: caller)
    }

    func all(by caller: Caller) throws(CRMError) -> [Office] {
        try executor.read { db in
            if caller.role == .regionalAdmin {
                return try SQLRow.all(db, "SELECT * FROM crm_office ORDER BY name").map(Self.office)
            }
            return try SQLRow.all(db, "SELECT * FROM crm_office WHERE id = ?", [caller.officeID]).map(Self.office)
        }
    }

    func office(id: Int64, by caller: Caller) throws(CRMError) -> Office {
        guard caller.role == .regionalAdmin || caller.officeID == id else { throw .notFound("office \(id)") }
        let row = try executor.read { db in try SQLRow.one(db, "SELECT * FROM crm_office WHERE id = ?", [id]) }
        guard let row else { throw .notFound("office \(id)") }
        return Self.office(row)
    }

    func receptionPoints(by caller: Caller) throws(CRMError) -> [String] {
        try executor.read(as: caller) { db, tenant in
            try String.all(db, "SELECT name FROM crm_reception_point WHERE office_id = ? ORDER BY position", [tenant.office])
        }
    }

    func setReceptionPoints(_ names: [String], by caller: Caller) throws(CRMError) {
        guard caller.role == .officeAdmin else { throw .forbidden("les points d'accueil sont réglés par l'administrateur de l'office") }
        var seen: Set<String> = []
        let points = names.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
        guard points.allSatisfy({ $0.count <= 80 }) else { throw .invalid(field: "receptionPoints", reason: "80 caractères au plus chacun") }
        try executor.write(as: caller) { db, tenant in
            try db.execute("DELETE FROM crm_reception_point WHERE office_id = ?", [tenant.office])
            for (position, name) in points.enumerated() {
                try tenant.insertRow(db, into: "crm_reception_point", [("name", name), ("position", position)])
            }
        }
    }

    static func office(_ row: SQLRow) -> Office {
        Office(id: row["id"], name: row["name"], tier: Office.Tier(rawValue: row["tier"]) ?? .start,
               brochureAddOn: row["brochure_addon"], apidaeMember: row["apidae_member"])
    }

    // MARK: What the office sets for itself

    func replyTemplate(by caller: Caller) throws(CRMError) -> ReplyComposer {
        let office = try caller.office()
        let row = try executor.read { db in
            try SQLRow.one(db, "SELECT reply_subject, reply_body FROM crm_office WHERE id = ?", [office])
        }
        guard let subject: String = row?["reply_subject"], let body: String = row?["reply_body"] else { return .frenchDefault }
        return (try? ReplyComposer(subject: subject, body: body)) ?? .frenchDefault
    }

    func setReplyTemplate(_ template: ReplyComposer, by caller: Caller) throws(CRMError) {
        let office = try caller.office()
        guard caller.role == .officeAdmin else { throw .forbidden("l'administrateur de l'office règle le modèle de réponse") }
        try executor.write { db in
            try db.execute("UPDATE crm_office SET reply_subject = ?, reply_body = ? WHERE id = ?", [template.subject, template.body, office])
        }
    }

    func branding(by caller: Caller) throws(CRMError) -> OfficeBranding {
        let row = try executor.read(as: caller) { db, tenant in
            try SQLRow.one(db, "SELECT * FROM crm_branding WHERE office_id = ?", [tenant.office])
        }
        guard let row else { return OfficeBranding() }
        return OfficeBranding(logo: row["logo"], primary: row["primary_color"], muted: row["muted_color"], address: row["address"], legal: row["legal"])
    }

    func setBranding(_ branding: OfficeBranding, by caller: Caller) throws(CRMError) {
        guard caller.role == .officeAdmin else { throw .forbidden("l'administrateur de l'office règle la charte graphique") }
        for (field, value) in [("primary", branding.primary), ("muted", branding.muted)] {
            if let value, !(value.count == 7 && value.hasPrefix("#") && UInt32(value.dropFirst(), radix: 16) != nil) {
                throw .invalid(field: field, reason: "une couleur #RRVVBB est attendue")
            }
        }
        if let logo = branding.logo, logo.count > 2_000_000 { throw .invalid(field: "logo", reason: "2 Mo au plus") }
        try executor.write(as: caller) { db, tenant in
            try tenant.delete(db, from: "crm_branding", where: "TRUE", [])
            try tenant.insertRow(db, into: "crm_branding", [("logo", branding.logo), ("primary_color", branding.primary), ("muted_color", branding.muted),
                                                         ("address", branding.address), ("legal", branding.legal)])
        }
    }

    func sender(by caller: Caller) throws(CRMError) -> OfficeSender {
        let row = try executor.read(as: caller) { db, tenant in
            try SQLRow.one(db, "SELECT reply_to, signature FROM crm_sender WHERE office_id = ?", [tenant.office])
        }
        return OfficeSender(replyTo: row?["reply_to"], signature: row?["signature"])
    }

    func setSender(_ sender: OfficeSender, by caller: Caller) throws(CRMError) {
        guard caller.role == .officeAdmin else { throw .forbidden("l'administrateur de l'office règle la signature des réponses") }
        if let address = sender.replyTo, (try? MailAddress(address)) == nil {
            throw .invalid(field: "replyTo", reason: "« \(address) » n'est pas une adresse e-mail")
        }
        if let address = sender.replyTo?.lowercased(), address.hasPrefix("no-reply") || address.hasPrefix("noreply") || address.hasPrefix("ne-pas-repondre") {
            throw .invalid(field: "replyTo", reason: "les visiteurs doivent pouvoir répondre : pas d'adresse no-reply")
        }
        guard (sender.signature ?? "").count <= 1000 else { throw .invalid(field: "signature", reason: "1 000 caractères au plus") }
        try executor.write(as: caller) { db, tenant in
            try db.execute("""
                INSERT INTO crm_sender (office_id, reply_to, signature) VALUES (?, ?, ?)
                ON CONFLICT (office_id) DO UPDATE SET reply_to = excluded.reply_to, signature = excluded.signature
                """, [tenant.office, sender.replyTo, sender.signature])
        }
    }

    func createAPIToken(name: String, by caller: Caller) throws(CRMError) -> String {
        guard caller.role == .officeAdmin else { throw .forbidden("l'administrateur de l'office crée les jetons d'API") }
        let token = "gt_" + Digest.randomHex()
        try executor.write(as: caller) { db, tenant in
            try tenant.insert(db, into: "crm_api_token", [("name", name), ("token_hash", Digest.sha256Hex(token)), ("created_at", Date().timeIntervalSince1970),
                                                         ("created_by", caller.userID)])
        }
        return token
    }

    func apiTokens(by caller: Caller) throws(CRMError) -> [APIToken] {
        guard caller.role == .officeAdmin else { throw .forbidden("l'administrateur de l'office gère les jetons d'API") }
        return try executor.read(as: caller) { db, tenant in
            try SQLRow.all(db, """
                SELECT t.id, t.name, t.created_at, t.revoked_at, u.name AS creator FROM crm_api_token t LEFT JOIN crm_user u ON u.id = t.created_by
                WHERE t.office_id = ? ORDER BY t.created_at DESC, t.id DESC
                """, [tenant.office]).map {
                APIToken(id: $0["id"], name: $0["name"], createdBy: $0["creator"], createdAt: Date(timeIntervalSince1970: $0["created_at"]),
                         revokedAt: ($0["revoked_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
            }
        }
    }

    func revokeAPIToken(id: Int64, by caller: Caller) throws(CRMError) {
        // Another office's token is not found, whoever asks; then only the admin revokes.
        let exists = try executor.read(as: caller) { db, tenant in try tenant.row(db, in: "crm_api_token", id: id) != nil }
        guard exists else { throw .notFound("API token \(id)") }
        guard caller.role == .officeAdmin else { throw .forbidden("l'administrateur de l'office gère les jetons d'API") }
        let changed = try executor.write(as: caller) { db, tenant in
            try tenant.update(db, "crm_api_token", set: "revoked_at = coalesce(revoked_at, ?)", [Date().timeIntervalSince1970], where: "id = ?", [id])
        }
        guard changed == 1 else { throw .notFound("API token \(id)") }
    }

    func caller(forAPIToken token: String) throws(CRMError) -> Caller? {
        let row = try executor.read { db in
            // Revoked tokens, and those made by a user since disabled, no longer act.
            try SQLRow.one(db, """
                SELECT t.office_id, t.name FROM crm_api_token t LEFT JOIN crm_user u ON u.id = t.created_by
                WHERE t.token_hash = ? AND t.revoked_at IS NULL AND coalesce(u.disabled, 0) = 0
                """, [Digest.sha256Hex(token)])
        }
        guard let row else { return nil }
        return Caller(role: .agent, officeID: row["office_id"], userName: "API: " + (row["name"] as String))
    }
}
