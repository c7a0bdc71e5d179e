import Foundation
import GRDB

struct SQLiteStatisticsStore: StatisticsStore {
    let executor: SQLiteExecutor

    func statistics(from: Date?, to: Date?, by caller: Caller) throws(CRMError) -> Statistics {
        let range: StatementArguments = [from?.timeIntervalSince1970, from?.timeIntervalSince1970, to?.timeIntervalSince1970, to?.timeIntervalSince1970]
        let condition = "(? IS NULL OR date >= ?) AND (? IS NULL OR date < ?)"
        // New contacts by month, from the offices' own profiles.
        let contactRange = "(? IS NULL OR created_at >= ?) AND (? IS NULL OR created_at < ?)"
        func newContacts(_ db: Database, office: Int64?) throws -> [Statistics.Count] {
            Statistics.months(of: try Double.fetchAll(db, sql: "SELECT created_at FROM crm_contact_profile WHERE (? IS NULL OR office_id = ?) AND \(contactRange)",
                                                      arguments: [office, office] + range).map(Date.init(timeIntervalSince1970:)))
        }
        if caller.role == .regionalAdmin {
            return try executor.read { db in
                var stats = Statistics(scope: .region, requests: try Row.fetchAll(db, sql: "SELECT * FROM crm_request WHERE \(condition)", arguments: range)
                    .map(SQLiteRequestStore.request))
                stats.newContactsByMonth = try newContacts(db, office: nil)
                return stats
            }
        }
        let tenant = try Tenant(caller)
        return try executor.read { db in
            var stats = Statistics(scope: .office(tenant.office), requests: try tenant.rows(db, in: "crm_request", where: condition, range, orderBy: "date")
                .map(SQLiteRequestStore.request))
            stats.newContactsByMonth = try newContacts(db, office: tenant.office)
            return stats
        }
    }
}
