import Foundation
import Storage

struct SQLStatisticsStore: StatisticsStore {
    let executor: SQLExecutor

    func statistics(from: Date?, to: Date?, by caller: Caller) throws(CRMError) -> Statistics {
        let range: SQLArguments = [from?.timeIntervalSince1970, from?.timeIntervalSince1970, to?.timeIntervalSince1970, to?.timeIntervalSince1970]
        let condition = "(CAST(? AS DOUBLE PRECISION) IS NULL OR date >= ?) AND (CAST(? AS DOUBLE PRECISION) IS NULL OR date < ?)"
        // New contacts by month, from the offices' own profiles.
        let contactRange = "(CAST(? AS DOUBLE PRECISION) IS NULL OR created_at >= ?) AND (CAST(? AS DOUBLE PRECISION) IS NULL OR created_at < ?)"
        func newContacts(_ db: any SQLSession, office: Int64?) throws -> [Statistics.Count] {
            Statistics.months(of: try Double.all(db, "SELECT created_at FROM crm_contact_profile WHERE (CAST(? AS BIGINT) IS NULL OR office_id = ?) AND \(contactRange)",
                                                      [office, office] + range).map(Date.init(timeIntervalSince1970:)))
        }
        if caller.role == .regionalAdmin {
            return try executor.read { db in
                var stats = Statistics(scope: .region, requests: try SQLRow.all(db, "SELECT * FROM crm_request WHERE \(condition)", range)
                    .map(SQLRequestStore.request))
                stats.newContactsByMonth = try newContacts(db, office: nil)
                return stats
            }
        }
        let tenant = try Tenant(caller)
        return try executor.read { db in
            var stats = Statistics(scope: .office(tenant.office), requests: try tenant.rows(db, in: "crm_request", where: condition, range, orderBy: "date")
                .map(SQLRequestStore.request))
            stats.newContactsByMonth = try newContacts(db, office: tenant.office)
            return stats
        }
    }
}
