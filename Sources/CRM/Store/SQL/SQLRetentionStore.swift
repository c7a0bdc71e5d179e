import Foundation
import Storage

struct SQLRetentionStore: RetentionStore {
    let executor: SQLExecutor

    func policy(by caller: Caller) throws(CRMError) -> RetentionPolicy {
        let row = try executor.read(as: caller) { db, tenant in
            try SQLRow.one(db, "SELECT * FROM crm_retention WHERE office_id = ?", [tenant.office])
        }
        guard let row else { return .standard }
        return RetentionPolicy(inactiveYears: row["inactive_years"], warningDays: row["warning_days"],
                               action: RetentionPolicy.Action(rawValue: row["action"]) ?? .anonymise, messageDays: row["message_days"])
    }

    func setPolicy(_ policy: RetentionPolicy, by caller: Caller) throws(CRMError) {
        guard caller.role == .officeAdmin else { throw .forbidden("la durée de conservation est réglée par l'administrateur de l'office") }
        let policy = try policy.validated()
        try executor.write(as: caller) { db, tenant in
            try db.execute("""
                INSERT INTO crm_retention (office_id, inactive_years, warning_days, action, message_days) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (office_id) DO UPDATE SET inactive_years = excluded.inactive_years, warning_days = excluded.warning_days,
                    action = excluded.action, message_days = excluded.message_days
                """, [tenant.office, policy.inactiveYears, policy.warningDays, policy.action.rawValue, policy.messageDays])
        }
    }

    func inactive(before cutoff: Date, by caller: Caller) throws(CRMError) -> [RetentionCandidate] {
        try executor.read(as: caller) { db, tenant in
            try tenant.contactRows(db, where: "coalesce(p.last_interaction_at, p.created_at) < ?", [cutoff.timeIntervalSince1970],
                                   orderBy: "coalesce(p.last_interaction_at, p.created_at), p.ref").map { row in
                let last = Date(timeIntervalSince1970: (row["last_interaction_at"] as Double?) ?? row["created_at"])
                let warned = (row["retention_warned_at"] as Double?).map(Date.init(timeIntervalSince1970:))
                return RetentionCandidate(contact: SQLContactStore.contact(row), lastInteraction: last,
                                          warnedAt: warned.flatMap { $0 > last ? $0 : nil })
            }
        }
    }

    func markWarned(_ contactID: Int64, at date: Date, by caller: Caller) throws(CRMError) {
        let changed = try executor.write(as: caller) { db, tenant in
            try tenant.update(db, "crm_contact_profile", set: "retention_warned_at = ?", [date.timeIntervalSince1970], where: "ref = ?", [contactID])
        }
        guard changed == 1 else { throw .notFound("contact \(contactID)") }
    }

    func purgeMessages(before date: Date, by caller: Caller) throws(CRMError) -> Int {
        try executor.write(as: caller) { db, tenant in
            let settled = "created_at < ? AND state IN ('sent', 'refused', 'withheld', 'failed') AND (body <> '' OR html IS NOT NULL OR id IN (SELECT outbox_id FROM crm_outbox_attachment))"
            let ids = try Int64.all(db, "SELECT id FROM crm_outbox WHERE office_id = ? AND \(settled)", [tenant.office, date.timeIntervalSince1970])
            guard !ids.isEmpty else { return 0 }
            let list = ids.map(String.init).joined(separator: ",")
            try db.execute("DELETE FROM crm_outbox_attachment WHERE outbox_id IN (\(list))")
            try db.execute("UPDATE crm_outbox SET body = '', html = NULL WHERE id IN (\(list))")
            return ids.count
        }
    }
}
