import CRM
import Consent
import GuichetTestSupport
import Storage

/// The CRM and the consent records on one test database (SQLite or PostgreSQL).
struct ConsentDatabase {
    let database: TestDatabase
    let owner: DatabaseOwner
    let crm: SQLCRM
    let consent: SQLConsentStore

    static let migrations = MigrationList.joined([SQLCRM.migrations, SQLConsentStore.migrations])

    init(_ engine: Engine) throws {
        database = try TestDatabase(engine)
        owner = try database.open(Self.migrations)
        crm = SQLCRM(owner: owner)
        consent = SQLConsentStore(owner: owner)
    }

    /// The consent records as the next start of the process opens them.
    func reopened() throws -> SQLConsentStore {
        SQLConsentStore(owner: try database.open(Self.migrations))
    }
}
