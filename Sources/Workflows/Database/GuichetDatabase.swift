import CRM
import Consent
import Foundation
import Records
import Storage

/// The process's one database: every module's migrations in one list (the record cache, the CRM,
/// consent), run once at start on the engine the location names.
public enum GuichetDatabase {
    public static var migrations: MigrationList {
        .joined([RecordStore.migrations, SQLCRM.migrations, SQLConsentStore.migrations])
    }

    /// Opens and migrates the database. `connections`: PostgreSQL connections this process may hold.
    public static func open(_ location: DatabaseLocation, connections: Int = 12) throws(StorageError) -> DatabaseOwner {
        try DatabaseOwner.open(location, migrations: migrations, connections: connections)
    }
}
