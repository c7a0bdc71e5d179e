import Foundation
import Storage

struct SQLCampaignStore: CampaignStore {
    let executor: SQLExecutor

    func save(_ campaign: Campaign, by caller: Caller) throws(CRMError) -> Campaign {
        guard !campaign.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw .invalid(field: "name", reason: "obligatoire") }
        guard (1...3600).contains(campaign.ratePerMinute) else { throw .invalid(field: "ratePerMinute", reason: "entre 1 et 3 600 messages par minute") }
        guard campaign.purpose != .serviceReply else { throw .invalid(field: "purpose", reason: "une campagne sert aux communications de l'office ou de ses partenaires") }
        if let basketID = campaign.basketID { _ = try SQLBasketStore(executor: executor).basket(id: basketID, by: caller) }
        let values: [(String, (any SQLBindable)?)] = [
            ("name", campaign.name), ("purpose", campaign.purpose.rawValue), ("re_opt_in", campaign.reOptIn), ("subject", campaign.subject),
            ("body", campaign.body), ("basket_id", campaign.basketID), ("segment", JSONColumn.encode(campaign.segment) ?? "{}"),
            ("rate_per_minute", campaign.ratePerMinute),
        ]
        let id = try executor.write(as: caller) { db, tenant -> Int64? in
            guard campaign.id != 0 else {
                return try tenant.insert(db, into: "crm_campaign", values + [("state", "draft"), ("created_by", caller.userName),
                                                                               ("created_at", Date().timeIntervalSince1970)])
            }
            let changed = try tenant.update(db, "crm_campaign", set: values.map { "\($0.0) = ?" }.joined(separator: ", "),
                                            SQLArguments(values.map(\.1)), where: "id = ? AND state = 'draft'", [campaign.id])
            return changed == 1 ? campaign.id : nil
        }
        guard let id else {
            _ = try self.campaign(id: campaign.id, by: caller)  // another office's or absent: notFound
            throw .invalid(field: "state", reason: "une campagne lancée ne se modifie plus")
        }
        return try self.campaign(id: id, by: caller)
    }

    func campaign(id: Int64, by caller: Caller) throws(CRMError) -> Campaign {
        let row = try executor.read(as: caller) { db, tenant in try tenant.row(db, in: "crm_campaign", id: id) }
        guard let row else { throw .notFound("campaign \(id)") }
        return Self.campaign(row)
    }

    func list(by caller: Caller) throws(CRMError) -> [Campaign] {
        try executor.read(as: caller) { db, tenant in
            try tenant.rows(db, in: "crm_campaign", orderBy: "created_at DESC, id DESC", limit: 500).map(Self.campaign)
        }
    }

    func contacts(in segment: Campaign.Segment, by caller: Caller) throws(CRMError) -> [Contact] {
        let (condition, arguments) = Self.condition(segment, executor.owner.dialect)
        return try executor.read(as: caller) { db, tenant in
            try tenant.contactRows(db, where: condition, arguments).map(SQLContactStore.contact)
        }
    }

    func launch(_ campaignID: Int64, attachment: OutboxEntry.Attachment?, excluded: [Campaign.Exclusion],
                by caller: Caller) throws(CRMError) -> Campaign {
        let launched = try executor.write(as: caller) { db, tenant -> Bool in
            guard try tenant.update(db, "crm_campaign", set: "state = 'sending', launched_at = ?", [Date().timeIntervalSince1970],
                                    where: "id = ? AND state = 'draft'", [campaignID]) == 1 else { return false }
            if let attachment {
                try db.execute("INSERT INTO crm_campaign_attachment (campaign_id, file_name, content_type, data) VALUES (?, ?, ?, ?)",
                               [campaignID, attachment.fileName, attachment.contentType, attachment.data])
            }
            for exclusion in excluded {
                guard let person = try tenant.person(db, ref: exclusion.contactID) else { continue }
                try db.execute("""
                    INSERT INTO crm_campaign_exclusion (campaign_id, contact_id, reason) VALUES (?, ?, ?)
                    ON CONFLICT (campaign_id, contact_id) DO UPDATE SET reason = excluded.reason
                    """,
                               [campaignID, person, exclusion.reason])
            }
            return true
        }
        guard launched else {
            _ = try campaign(id: campaignID, by: caller)
            throw .invalid(field: "state", reason: "la campagne est déjà lancée")
        }
        return try campaign(id: campaignID, by: caller)
    }

    func exclusions(campaignID: Int64, by caller: Caller) throws(CRMError) -> [Campaign.Exclusion] {
        _ = try campaign(id: campaignID, by: caller)
        return try executor.read(as: caller) { db, tenant in
            try SQLRow.all(db, """
                SELECT ref, reason FROM (SELECT \(tenant.refSQL(of: "e.contact_id")) AS ref, e.reason FROM crm_campaign_exclusion e WHERE e.campaign_id = ?)
                WHERE ref IS NOT NULL ORDER BY ref
                """, [campaignID]).map { Campaign.Exclusion(contactID: $0["ref"], reason: $0["reason"]) }
        }
    }

    func counts(campaignID: Int64, by caller: Caller) throws(CRMError) -> Campaign.Counts {
        _ = try campaign(id: campaignID, by: caller)
        return try executor.read(as: caller) { db, tenant in
            var counts = Campaign.Counts()
            counts.excluded = try Int.one(db, "SELECT count(*) FROM crm_campaign_exclusion WHERE campaign_id = ?", [campaignID]) ?? 0
            let rows = try SQLRow.all(db, "SELECT state, count(*) AS n FROM crm_outbox WHERE office_id = ? AND campaign_id = ? GROUP BY state",
                                        [tenant.office, campaignID])
            for row in rows {
                let n: Int = row["n"]
                switch OutboxEntry.State(rawValue: row["state"]) ?? .written {
                case .written, .sending, .retry: counts.waiting += n
                case .sent: counts.sent += n
                case .withheld: counts.withheld += n
                case .refused, .failed, .interrupted: counts.failed += n
                }
            }
            return counts
        }
    }

    func recipients(campaignID: Int64, by caller: Caller) throws(CRMError) -> [String] {
        _ = try campaign(id: campaignID, by: caller)
        return try executor.read(as: caller) { db, tenant in
            try String.all(db, "SELECT DISTINCT recipient FROM crm_outbox WHERE office_id = ? AND campaign_id = ?",
                                [tenant.office, campaignID])
        }
    }

    /// The segment as a condition on the office's profiles (`p`) and their requests to the office.
    static func condition(_ segment: Campaign.Segment, requireEmail: Bool = true, _ dialect: SQLDialect) -> (String, SQLArguments) {
        var clauses = requireEmail ? ["p.email IS NOT NULL AND p.email <> ''"] : ["TRUE"]
        var arguments: SQLArguments = []
        let ownRequest = "SELECT 1 FROM crm_request r WHERE r.contact_id = p.contact_id AND r.office_id = p.office_id"
        func list(_ values: [String]) -> String { values.map { _ in "?" }.joined(separator: ", ") }
        if let kind = segment.kind {
            clauses.append("p.kind = ?"); arguments += [kind.rawValue]
        }
        let languages = segment.languages.map { $0.lowercased().prefix(2) }.map(String.init)
        if !languages.isEmpty {
            clauses.append("substr(lower(p.language), 1, 2) IN (\(list(languages)))"); arguments += SQLArguments(languages)
        }
        let origins = segment.origins.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
        if !origins.isEmpty {
            let inList = list(origins)
            clauses.append("""
                (upper(p.department) IN (\(inList)) OR upper(p.country) IN (\(inList))
                 OR EXISTS (\(ownRequest) AND (upper(r.origin_department) IN (\(inList)) OR upper(r.origin_country) IN (\(inList)))))
                """)
            for _ in 0..<4 { arguments += SQLArguments(origins) }
        }
        if let since = segment.interactedSince {
            clauses.append("coalesce(p.last_interaction_at, p.created_at) >= ?"); arguments += [since.timeIntervalSince1970]
        }
        if let before = segment.interactedBefore {
            clauses.append("coalesce(p.last_interaction_at, p.created_at) < ?"); arguments += [before.timeIntervalSince1970]
        }
        if !segment.themes.isEmpty {
            // "patrimoine" holds for "patrimoine" and any "patrimoine/…"; "patrimoine/naturel" only for itself.
            let each = segment.themes.map { _ in "(t.value = ? OR substr(t.value, 1, length(?) + 1) = ? || '/')" }.joined(separator: " OR ")
            clauses.append("EXISTS (\(ownRequest.replacingOccurrences(of: "crm_request r", with: "crm_request r, \(dialect.jsonArray("r.themes", as: "t"))")) AND (\(each)))")
            for theme in segment.themes { arguments += [theme, theme, theme] }
        }
        for (name, value) in segment.criteria.sorted(by: { $0.key < $1.key }) {
            clauses.append("EXISTS (\(ownRequest.replacingOccurrences(of: "crm_request r", with: "crm_request r, \(dialect.jsonObject("r.extra", as: "e"))")) AND e.key = ? AND e.value = ?)")
            arguments += [name, value]
        }
        return (clauses.joined(separator: " AND "), arguments)
    }

    static func campaign(_ row: SQLRow) -> Campaign {
        Campaign(id: row["id"], officeID: row["office_id"], name: row["name"],
                 purpose: OutboxEntry.Purpose(rawValue: row["purpose"]) ?? .marketing, reOptIn: row["re_opt_in"], subject: row["subject"],
                 body: row["body"], basketID: row["basket_id"], segment: JSONColumn.decode(row["segment"]) ?? Campaign.Segment(),
                 ratePerMinute: row["rate_per_minute"], state: Campaign.State(rawValue: row["state"]) ?? .draft, createdBy: row["created_by"],
                 createdAt: Date(timeIntervalSince1970: row["created_at"]),
                 launchedAt: (row["launched_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
