import Foundation
import Storage

/// The consent records on the process's database owner (`consent_` tables, `consent-N` migrations).
/// Events are protected by triggers: an UPDATE or DELETE of one aborts (but the erasure of a person's
/// events with an office, once recorded in `consent_erasure`).
public struct SQLConsentStore: ConsentStore {
    public let owner: DatabaseOwner

    public init(owner: DatabaseOwner) {
        self.owner = owner
    }

    /// The consent records alone on a SQLite file, for tools and tests.
    public init(path: String) throws(ConsentError) {
        do {
            self.init(owner: try DatabaseOwner.open(.sqlite(path: path), migrations: Self.migrations))
        } catch {
            throw .storage("cannot open \(path): \(error)")
        }
    }

    func read<T>(_ body: (any SQLSession) throws -> T) throws(ConsentError) -> T {
        do { return try owner.read(body) } catch { throw Self.consentError(error) }
    }

    func write<T>(_ body: (any SQLSession) throws -> T) throws(ConsentError) -> T {
        do { return try owner.write(body) } catch { throw Self.consentError(error) }
    }

    static func consentError(_ error: any Error) -> ConsentError {
        if let error = error as? ConsentError { return error }
        if let error = error as? StorageError, case let .unavailable(reason) = error { return .unavailable(reason) }
        return .storage("\(error)")
    }

    public func storedSecret() throws(ConsentError) -> Data {
        try write { db in
            if let hex = try String.one(db, "SELECT secret FROM consent_secret WHERE id = 1"), let data = Data(hex: hex) { return data }
            var generator = SystemRandomNumberGenerator()
            let secret = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
            try db.execute("INSERT INTO consent_secret (id, secret) VALUES (1, ?)", [secret.map { String(format: "%02x", $0) }.joined()])
            return secret
        }
    }

    @discardableResult
    public func record(_ events: [ConsentEvent], spending nonce: String?) throws(ConsentError) -> Bool {
        try write { db in
            if let nonce {
                guard try Int.one(db, "SELECT count(*) FROM consent_spent_token WHERE nonce = ?", [nonce]) == 0 else { return false }
                try db.execute("INSERT INTO consent_spent_token (nonce, at) VALUES (?, ?)", [nonce, Date().timeIntervalSince1970])
            }
            for e in events {
                try db.execute("""
                    INSERT INTO consent_event (office_id, subject, purpose, channel, kind, mode, context, agent, ip_address, user_agent,
                                               wording_version, wording_hash, at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [e.officeID, e.subject, e.purpose.rawValue, e.channel.rawValue, e.kind.rawValue, e.mode.rawValue, e.context,
                                     e.agent, e.ipAddress, e.userAgent, e.wordingVersion, e.wordingHash, e.at.timeIntervalSince1970])
            }
            return true
        }
    }

    public func events(officeID: Int64, subject: String) throws(ConsentError) -> [ConsentEvent] {
        try read { db in
            try SQLRow.all(db, "SELECT * FROM consent_event WHERE office_id = ? AND subject = ? ORDER BY at, id", [officeID, subject])
                .map(Self.event)
        }
    }

    public func states(officeID: Int64, purpose: Purpose, channel: Channel) throws(ConsentError) -> [String: ConsentState] {
        try read { db in
            let events = try SQLRow.all(db, """
                SELECT * FROM consent_event WHERE office_id = ? AND ((purpose = ? AND channel = ?) OR kind = 'objected')
                """, [officeID, purpose.rawValue, channel.rawValue]).map(Self.event)
            var states = Dictionary(grouping: events, by: \.subject).mapValues { ConsentState.derive($0, purpose: purpose, channel: channel) }
            for key in try String.all(db, "SELECT key FROM consent_suppression WHERE office_id = ?", [officeID]) {
                states[key] = .objected
            }
            return states
        }
    }

    public func partnerOffices(officeID: Int64) throws(ConsentError) -> [Int64] {
        try read { db in
            try Int64.all(db, "SELECT partner_office_id FROM consent_partner_office WHERE office_id = ? ORDER BY partner_office_id", [officeID])
        }
    }

    public func setPartnerOffices(_ offices: [Int64], officeID: Int64) throws(ConsentError) {
        try write { db in
            try db.execute("DELETE FROM consent_partner_office WHERE office_id = ?", [officeID])
            for partner in Set(offices) where partner != officeID {
                try db.execute("INSERT INTO consent_partner_office (office_id, partner_office_id) VALUES (?, ?)", [officeID, partner])
            }
        }
    }

    public func offices(namingPartner officeID: Int64) throws(ConsentError) -> [Int64] {
        try read { db in
            try Int64.all(db, "SELECT office_id FROM consent_partner_office WHERE partner_office_id = ? ORDER BY office_id", [officeID])
        }
    }

    public func erase(subject: String, officeID: Int64) throws(ConsentError) -> Int {
        try write { db in
            try db.execute("INSERT INTO consent_erasure (office_id, subject, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                           [officeID, subject, Date().timeIntervalSince1970])
            return try db.execute("DELETE FROM consent_event WHERE office_id = ? AND subject = ?", [officeID, subject])
        }
    }

    public func leavers(officeID: Int64, since: Date) throws(ConsentError) -> Set<String> {
        try read { db in
            Set(try String.all(db, """
                SELECT DISTINCT subject FROM consent_event WHERE office_id = ? AND kind IN ('withdrawn', 'objected') AND at >= ?
                """, [officeID, since.timeIntervalSince1970]))
        }
    }

    static func event(_ row: SQLRow) -> ConsentEvent {
        ConsentEvent(id: row["id"], officeID: row["office_id"], subject: row["subject"], purpose: Purpose(rawValue: row["purpose"]) ?? .own,
                     channel: Channel(rawValue: row["channel"]) ?? .email, kind: ConsentEvent.Kind(rawValue: row["kind"]) ?? .asked,
                     mode: CollectionMode(rawValue: row["mode"]) ?? .counter, context: row["context"], agent: row["agent"],
                     ipAddress: row["ip_address"], userAgent: row["user_agent"], wordingVersion: row["wording_version"],
                     wordingHash: row["wording_hash"], at: Date(timeIntervalSince1970: row["at"]))
    }

    public func suppress(_ keys: [String], officeID: Int64) throws(ConsentError) {
        try write { db in
            for key in keys {
                try db.execute("INSERT INTO consent_suppression (office_id, key, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                               [officeID, key, Date().timeIntervalSince1970])
            }
        }
    }

    public func isSuppressed(_ key: String, officeID: Int64) throws(ConsentError) -> Bool {
        try read { db in
            try Int.one(db, "SELECT count(*) FROM consent_suppression WHERE office_id = ? AND key = ?", [officeID, key]) ?? 0 > 0
        }
    }

    public func unansweredAsks(before: Date) throws(ConsentError) -> [ConsentEvent] {
        try read { db in
            try SQLRow.all(db, """
                SELECT e.* FROM consent_event e WHERE e.kind = 'asked' AND e.at < ? AND NOT EXISTS (
                    SELECT 1 FROM consent_event l WHERE l.office_id = e.office_id AND l.subject = e.subject
                    AND ((l.purpose = e.purpose AND l.channel = e.channel) OR l.kind = 'objected') AND (l.at > e.at OR (l.at = e.at AND l.id > e.id)))
                ORDER BY e.id
                """, [before.timeIntervalSince1970]).map(Self.event)
        }
    }

    public func setWording(officeID: Int64, purpose: Purpose, text: String) throws(ConsentError) -> Wording {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .invalid(field: "wording", reason: "le texte montré à la personne est nécessaire") }
        return try write { db in
            let current = try SQLRow.one(db, """
                SELECT version, text FROM consent_wording WHERE office_id = ? AND purpose = ? ORDER BY version DESC LIMIT 1
                """, [officeID, purpose.rawValue])
            if let current, (current["text"] as String) == text { return Wording(officeID: officeID, purpose: purpose, version: current["version"], text: text) }
            let wording = Wording(officeID: officeID, purpose: purpose, version: (current?["version"] as Int? ?? 0) + 1, text: text)
            try db.execute("INSERT INTO consent_wording (office_id, purpose, version, text, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           [officeID, purpose.rawValue, wording.version, text, wording.hash, Date().timeIntervalSince1970])
            return wording
        }
    }

    public func wording(officeID: Int64, purpose: Purpose) throws(ConsentError) -> Wording? {
        try read { db in
            try SQLRow.one(db, "SELECT version, text FROM consent_wording WHERE office_id = ? AND purpose = ? ORDER BY version DESC LIMIT 1",
                             [officeID, purpose.rawValue])
                .map { Wording(officeID: officeID, purpose: purpose, version: $0["version"], text: $0["text"]) }
        }
    }

    public func partners(officeID: Int64) throws(ConsentError) -> [String] {
        try read { db in try String.all(db, "SELECT name FROM consent_partner WHERE office_id = ? ORDER BY position", [officeID]) }
    }

    public func setPartners(_ names: [String], officeID: Int64) throws(ConsentError) {
        let names = names.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        try write { db in
            try db.execute("DELETE FROM consent_partner WHERE office_id = ?", [officeID])
            for (position, name) in names.enumerated() {
                try db.execute("INSERT INTO consent_partner (office_id, name, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", [officeID, name, position])
            }
        }
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
