import Foundation
import GRDB

/// The CRM in SQLite (GRDB), in the same file as the record cache or its own.
public final class SQLiteCRMStore: CRMStore {
    let pool: DatabasePool
    public let path: String

    public init(path: String) throws(CRMError) {
        self.path = path
        do {
            var config = Configuration()
            config.busyMode = .timeout(10)
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
            pool = try DatabasePool(path: path, configuration: config)
            try Self.migrator.migrate(pool)
        } catch {
            throw .storage("cannot open \(path): \(error)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(CRMError) -> T {
        do { return try pool.read(body) } catch let error as CRMError { throw error } catch { throw .storage("\(error)") }
    }

    func write<T>(_ body: (Database) throws -> T) throws(CRMError) -> T {
        do { return try pool.write(body) } catch let error as CRMError { throw error } catch { throw .storage("\(error)") }
    }

    // MARK: Offices

    public func addOffice(name: String, tier: Office.Tier, brochureAddOn: Bool, apidaeMember: Int?, by caller: Caller) throws(CRMError) -> Office {
        guard caller.role == .regionalAdmin else { throw .forbidden("only the regional admin adds offices") }
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw .invalid(field: "name", reason: "an office needs a name") }
        let id = try write { db -> Int64 in
            try db.execute(sql: "INSERT INTO crm_office (name, tier, brochure_addon, apidae_member) VALUES (?, ?, ?, ?)",
                           arguments: [name, tier.rawValue, brochureAddOn, apidaeMember])
            return db.lastInsertedRowID
        }
        return Office(id: id, name: name, tier: tier, brochureAddOn: brochureAddOn, apidaeMember: apidaeMember)
    }

    public func offices(by caller: Caller) throws(CRMError) -> [Office] {
        try read { db in
            let rows: [Row]
            if caller.role == .regionalAdmin {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM crm_office ORDER BY name")
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM crm_office WHERE id = ?", arguments: [caller.officeID])
            }
            return rows.map(Self.office)
        }
    }

    public func office(id: Int64, by caller: Caller) throws(CRMError) -> Office {
        guard caller.role == .regionalAdmin || caller.officeID == id else { throw .notFound("office \(id)") }
        let row = try read { db in try Row.fetchOne(db, sql: "SELECT * FROM crm_office WHERE id = ?", arguments: [id]) }
        guard let row else { throw .notFound("office \(id)") }
        return Self.office(row)
    }

    static func office(_ row: Row) -> Office {
        Office(id: row["id"], name: row["name"], tier: Office.Tier(rawValue: row["tier"]) ?? .start,
               brochureAddOn: row["brochure_addon"], apidaeMember: row["apidae_member"])
    }
}
