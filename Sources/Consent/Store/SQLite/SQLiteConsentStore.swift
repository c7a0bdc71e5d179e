import Foundation
import GRDB

/// The consent records in SQLite, in the same file as the CRM (`consent_` tables, `consent-N`
/// migrations). Events are protected by triggers: an UPDATE or DELETE of one aborts.
public struct SQLiteConsentStore: ConsentStore {
    let pool: DatabasePool

    public init(path: String) throws(ConsentError) {
        do {
            var config = Configuration()
            config.busyMode = .timeout(10)
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
            pool = try DatabasePool(path: path, configuration: config)
            try Self.migrator.migrate(pool)
        } catch {
            throw .storage("cannot open \(path): \(error)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(ConsentError) -> T {
        do { return try pool.read(body) } catch { throw .storage("\(error)") }
    }

    func write<T>(_ body: (Database) throws -> T) throws(ConsentError) -> T {
        do { return try pool.write(body) } catch let error as ConsentError { throw error } catch { throw .storage("\(error)") }
    }

    public func storedSecret() throws(ConsentError) -> Data {
        try write { db in
            if let hex = try String.fetchOne(db, sql: "SELECT secret FROM consent_secret WHERE id = 1"), let data = Data(hex: hex) { return data }
            var generator = SystemRandomNumberGenerator()
            let secret = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
            try db.execute(sql: "INSERT INTO consent_secret (id, secret) VALUES (1, ?)", arguments: [secret.map { String(format: "%02x", $0) }.joined()])
            return secret
        }
    }

    @discardableResult
    public func record(_ events: [ConsentEvent], spending nonce: String?) throws(ConsentError) -> Bool {
        try write { db in
            if let nonce {
                guard try Int.fetchOne(db, sql: "SELECT count(*) FROM consent_spent_token WHERE nonce = ?", arguments: [nonce]) == 0 else { return false }
                try db.execute(sql: "INSERT INTO consent_spent_token (nonce, at) VALUES (?, ?)", arguments: [nonce, Date().timeIntervalSince1970])
            }
            for e in events {
                try db.execute(sql: """
                    INSERT INTO consent_event (office_id, subject, purpose, channel, kind, mode, context, agent, ip_address, user_agent,
                                               wording_version, wording_hash, at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [e.officeID, e.subject, e.purpose.rawValue, e.channel.rawValue, e.kind.rawValue, e.mode.rawValue, e.context,
                                     e.agent, e.ipAddress, e.userAgent, e.wordingVersion, e.wordingHash, e.at.timeIntervalSince1970])
            }
            return true
        }
    }

    public func events(officeID: Int64, subject: String) throws(ConsentError) -> [ConsentEvent] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM consent_event WHERE office_id = ? AND subject = ? ORDER BY at, id", arguments: [officeID, subject])
                .map(Self.event)
        }
    }

    public func states(officeID: Int64, purpose: Purpose, channel: Channel) throws(ConsentError) -> [String: ConsentState] {
        try read { db in
            let events = try Row.fetchAll(db, sql: """
                SELECT * FROM consent_event WHERE office_id = ? AND ((purpose = ? AND channel = ?) OR kind = 'objected')
                """, arguments: [officeID, purpose.rawValue, channel.rawValue]).map(Self.event)
            var states = Dictionary(grouping: events, by: \.subject).mapValues { ConsentState.derive($0, purpose: purpose, channel: channel) }
            for key in try String.fetchAll(db, sql: "SELECT key FROM consent_suppression WHERE office_id = ?", arguments: [officeID]) {
                states[key] = .objected
            }
            return states
        }
    }

    public func partnerOffices(officeID: Int64) throws(ConsentError) -> [Int64] {
        try read { db in
            try Int64.fetchAll(db, sql: "SELECT partner_office_id FROM consent_partner_office WHERE office_id = ? ORDER BY partner_office_id", arguments: [officeID])
        }
    }

    public func setPartnerOffices(_ offices: [Int64], officeID: Int64) throws(ConsentError) {
        try write { db in
            try db.execute(sql: "DELETE FROM consent_partner_office WHERE office_id = ?", arguments: [officeID])
            for partner in Set(offices) where partner != officeID {
                try db.execute(sql: "INSERT INTO consent_partner_office (office_id, partner_office_id) VALUES (?, ?)", arguments: [officeID, partner])
            }
        }
    }

    public func offices(namingPartner officeID: Int64) throws(ConsentError) -> [Int64] {
        try read { db in
            try Int64.fetchAll(db, sql: "SELECT office_id FROM consent_partner_office WHERE partner_office_id = ? ORDER BY office_id", arguments: [officeID])
        }
    }

    public func erase(subject: String, officeID: Int64) throws(ConsentError) -> Int {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO consent_erasure (office_id, subject, at) VALUES (?, ?, ?)",
                           arguments: [officeID, subject, Date().timeIntervalSince1970])
            try db.execute(sql: "DELETE FROM consent_event WHERE office_id = ? AND subject = ?", arguments: [officeID, subject])
            return db.changesCount
        }
    }

    public func leavers(officeID: Int64, since: Date) throws(ConsentError) -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT subject FROM consent_event WHERE office_id = ? AND kind IN ('withdrawn', 'objected') AND at >= ?
                """, arguments: [officeID, since.timeIntervalSince1970]))
        }
    }

    static func event(_ row: Row) -> ConsentEvent {
        ConsentEvent(id: row["id"], officeID: row["office_id"], subject: row["subject"], purpose: Purpose(rawValue: row["purpose"]) ?? .own,
                     channel: Channel(rawValue: row["channel"]) ?? .email, kind: ConsentEvent.Kind(rawValue: row["kind"]) ?? .asked,
                     mode: CollectionMode(rawValue: row["mode"]) ?? .counter, context: row["context"], agent: row["agent"],
                     ipAddress: row["ip_address"], userAgent: row["user_agent"], wordingVersion: row["wording_version"],
                     wordingHash: row["wording_hash"], at: Date(timeIntervalSince1970: row["at"]))
    }

    public func suppress(_ keys: [String], officeID: Int64) throws(ConsentError) {
        try write { db in
            for key in keys {
                try db.execute(sql: "INSERT OR IGNORE INTO consent_suppression (office_id, key, at) VALUES (?, ?, ?)",
                               arguments: [officeID, key, Date().timeIntervalSince1970])
            }
        }
    }

    public func isSuppressed(_ key: String, officeID: Int64) throws(ConsentError) -> Bool {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM consent_suppression WHERE office_id = ? AND key = ?", arguments: [officeID, key]) ?? 0 > 0
        }
    }

    public func unansweredAsks(before: Date) throws(ConsentError) -> [ConsentEvent] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.* FROM consent_event e WHERE e.kind = 'asked' AND e.at < ? AND NOT EXISTS (
                    SELECT 1 FROM consent_event l WHERE l.office_id = e.office_id AND l.subject = e.subject
                    AND ((l.purpose = e.purpose AND l.channel = e.channel) OR l.kind = 'objected') AND (l.at > e.at OR (l.at = e.at AND l.id > e.id)))
                ORDER BY e.id
                """, arguments: [before.timeIntervalSince1970]).map(Self.event)
        }
    }

    public func setWording(officeID: Int64, purpose: Purpose, text: String) throws(ConsentError) -> Wording {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .invalid(field: "wording", reason: "le texte montré à la personne est nécessaire") }
        return try write { db in
            let current = try Row.fetchOne(db, sql: """
                SELECT version, text FROM consent_wording WHERE office_id = ? AND purpose = ? ORDER BY version DESC LIMIT 1
                """, arguments: [officeID, purpose.rawValue])
            if let current, (current["text"] as String) == text { return Wording(officeID: officeID, purpose: purpose, version: current["version"], text: text) }
            let wording = Wording(officeID: officeID, purpose: purpose, version: (current?["version"] as Int? ?? 0) + 1, text: text)
            try db.execute(sql: "INSERT INTO consent_wording (office_id, purpose, version, text, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [officeID, purpose.rawValue, wording.version, text, wording.hash, Date().timeIntervalSince1970])
            return wording
        }
    }

    public func wording(officeID: Int64, purpose: Purpose) throws(ConsentError) -> Wording? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT version, text FROM consent_wording WHERE office_id = ? AND purpose = ? ORDER BY version DESC LIMIT 1",
                             arguments: [officeID, purpose.rawValue])
                .map { Wording(officeID: officeID, purpose: purpose, version: $0["version"], text: $0["text"]) }
        }
    }

    public func partners(officeID: Int64) throws(ConsentError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT name FROM consent_partner WHERE office_id = ? ORDER BY position", arguments: [officeID]) }
    }

    public func setPartners(_ names: [String], officeID: Int64) throws(ConsentError) {
        let names = names.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        try write { db in
            try db.execute(sql: "DELETE FROM consent_partner WHERE office_id = ?", arguments: [officeID])
            for (position, name) in names.enumerated() {
                try db.execute(sql: "INSERT OR IGNORE INTO consent_partner (office_id, name, position) VALUES (?, ?, ?)", arguments: [officeID, name, position])
            }
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("consent-1-events-wordings-tokens-suppression") { db in
            try db.execute(sql: """
                CREATE TABLE consent_secret (id INTEGER PRIMARY KEY CHECK (id = 1), secret TEXT NOT NULL);
                CREATE TABLE consent_wording (
                    office_id INTEGER NOT NULL, purpose TEXT NOT NULL, version INTEGER NOT NULL, text TEXT NOT NULL, sha256 TEXT NOT NULL,
                    created_at REAL NOT NULL, PRIMARY KEY (office_id, purpose, version)) WITHOUT ROWID;
                CREATE TABLE consent_event (
                    id INTEGER PRIMARY KEY, office_id INTEGER NOT NULL, subject TEXT NOT NULL, purpose TEXT NOT NULL, channel TEXT NOT NULL,
                    kind TEXT NOT NULL, mode TEXT NOT NULL, context TEXT, agent TEXT, ip_address TEXT, user_agent TEXT,
                    wording_version INTEGER, wording_hash TEXT, at REAL NOT NULL);
                CREATE INDEX consent_event_subject ON consent_event (office_id, subject, at);
                CREATE TRIGGER consent_event_append_only_update BEFORE UPDATE ON consent_event
                    BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END;
                CREATE TRIGGER consent_event_append_only_delete BEFORE DELETE ON consent_event
                    BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END;
                CREATE TABLE consent_spent_token (nonce TEXT PRIMARY KEY, at REAL NOT NULL) WITHOUT ROWID;
                CREATE TABLE consent_suppression (office_id INTEGER NOT NULL, key TEXT NOT NULL, at REAL NOT NULL,
                    PRIMARY KEY (office_id, key)) WITHOUT ROWID;
                CREATE TABLE consent_partner (office_id INTEGER NOT NULL, name TEXT NOT NULL, position INTEGER NOT NULL,
                    PRIMARY KEY (office_id, name)) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("consent-2-erasure") { db in
            // A person erased from an office: their events with it may go (and only theirs).
            try db.execute(sql: """
                CREATE TABLE consent_erasure (office_id INTEGER NOT NULL, subject TEXT NOT NULL, at REAL NOT NULL,
                    PRIMARY KEY (office_id, subject)) WITHOUT ROWID;
                DROP TRIGGER consent_event_append_only_delete;
                CREATE TRIGGER consent_event_append_only_delete BEFORE DELETE ON consent_event
                    WHEN NOT EXISTS (SELECT 1 FROM consent_erasure WHERE office_id = OLD.office_id AND subject = OLD.subject)
                    BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END;
                """)
        }
        migrator.registerMigration("consent-3-partner-offices") { db in
            try db.execute(sql: """
                CREATE TABLE consent_partner_office (office_id INTEGER NOT NULL, partner_office_id INTEGER NOT NULL,
                    PRIMARY KEY (office_id, partner_office_id)) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}

extension Data {
    /// Bytes from lowercase or uppercase hex; nil for anything else.
    init?(hex: String) {
        guard hex.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
