import Foundation
import GRDB

struct SQLiteStatisticsStore: StatisticsStore {
    let executor: SQLiteExecutor

    func statistics(from: Date?, to: Date?, by caller: Caller) throws(CRMError) -> Statistics {
        let range: StatementArguments = [from?.timeIntervalSince1970, from?.timeIntervalSince1970, to?.timeIntervalSince1970, to?.timeIntervalSince1970]
        let condition = "(? IS NULL OR date >= ?) AND (? IS NULL OR date < ?)"
        if caller.role == .regionalAdmin {
            let rows = try executor.read { db in try Row.fetchAll(db, sql: "SELECT * FROM crm_request WHERE \(condition)", arguments: range) }
            return Statistics(scope: .region, requests: rows.map(SQLiteRequestStore.request))
        }
        let tenant = try Tenant(caller)
        let rows = try executor.read { db in try tenant.rows(db, in: "crm_request", where: condition, range, orderBy: "date") }
        return Statistics(scope: .office(tenant.office), requests: rows.map(SQLiteRequestStore.request))
    }
}
