import GRDB
import Storage

extension SQLCRM {
    /// SQLite's migrations, one per change, in order (GRDB's API, as they were written).
    /// Identifiers start with "crm-": the CRM shares its file with the record cache, whose
    /// migrations have their own names.
    static var sqliteMigrations: [Migration] {
        var migrator = SQLiteMigrations()
        migrator.registerMigration("crm-1-offices-contacts-requests-baskets-outbox") { db in
            try db.execute(sql: """
                CREATE TABLE crm_office (
                    id INTEGER PRIMARY KEY, name TEXT NOT NULL, tier TEXT NOT NULL CHECK (tier IN ('START', 'PREMIUM')),
                    brochure_addon INTEGER NOT NULL DEFAULT 0, apidae_member INTEGER);
                CREATE TABLE crm_contact (
                    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, company TEXT, civility TEXT, first_name TEXT, last_name TEXT,
                    email TEXT, phone TEXT, mobile TEXT, address TEXT, postal_code TEXT, commune TEXT, department TEXT,
                    country TEXT, language TEXT, category TEXT, birth_date TEXT, notes TEXT,
                    created_at REAL NOT NULL, last_interaction_at REAL);
                CREATE INDEX crm_contact_email ON crm_contact (lower(email));
                CREATE TABLE crm_contact_owner (
                    contact_id INTEGER NOT NULL REFERENCES crm_contact(id) ON DELETE CASCADE,
                    office_id INTEGER NOT NULL REFERENCES crm_office(id),
                    since REAL NOT NULL, PRIMARY KEY (contact_id, office_id)) WITHOUT ROWID;
                CREATE INDEX crm_contact_owner_office ON crm_contact_owner (office_id);
                CREATE TABLE crm_request (
                    id INTEGER PRIMARY KEY, office_id INTEGER NOT NULL REFERENCES crm_office(id), agent TEXT NOT NULL,
                    contact_id INTEGER REFERENCES crm_contact(id), date REAL NOT NULL, contact_mode TEXT NOT NULL,
                    response_mode TEXT, subject TEXT, stay TEXT, party TEXT, origin_department TEXT, origin_country TEXT,
                    themes TEXT NOT NULL DEFAULT '[]', extra TEXT NOT NULL DEFAULT '{}', notes TEXT,
                    status TEXT NOT NULL DEFAULT 'open');
                CREATE INDEX crm_request_office ON crm_request (office_id, date);
                CREATE INDEX crm_request_contact ON crm_request (contact_id);
                CREATE TABLE crm_basket (
                    id INTEGER PRIMARY KEY, office_id INTEGER NOT NULL REFERENCES crm_office(id),
                    request_id INTEGER REFERENCES crm_request(id), agent TEXT NOT NULL, record_ids TEXT NOT NULL,
                    layout TEXT NOT NULL, language TEXT NOT NULL, note TEXT, updated_at REAL NOT NULL);
                CREATE INDEX crm_basket_office ON crm_basket (office_id, request_id);
                CREATE TABLE crm_outbox (
                    id INTEGER PRIMARY KEY, office_id INTEGER NOT NULL REFERENCES crm_office(id),
                    request_id INTEGER REFERENCES crm_request(id), idempotency_key TEXT NOT NULL,
                    recipient TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, purpose TEXT NOT NULL,
                    state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
                    created_at REAL NOT NULL, sent_at REAL);
                CREATE UNIQUE INDEX crm_outbox_key ON crm_outbox (office_id, idempotency_key);
                CREATE INDEX crm_outbox_office ON crm_outbox (office_id, state);
                CREATE TABLE crm_outbox_attachment (
                    outbox_id INTEGER NOT NULL REFERENCES crm_outbox(id) ON DELETE CASCADE, position INTEGER NOT NULL,
                    file_name TEXT NOT NULL, content_type TEXT NOT NULL, data BLOB NOT NULL,
                    PRIMARY KEY (outbox_id, position)) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("crm-2-users") { db in
            try db.execute(sql: """
                CREATE TABLE crm_user (
                    id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL,
                    office_id INTEGER REFERENCES crm_office(id), password_hash TEXT NOT NULL,
                    disabled INTEGER NOT NULL DEFAULT 0, created_at REAL NOT NULL);
                """)
        }
        migrator.registerMigration("crm-3-contact-merges") { db in
            try db.execute(sql: """
                ALTER TABLE crm_contact ADD COLUMN merged_into INTEGER REFERENCES crm_contact(id);
                CREATE TABLE crm_contact_merge (
                    id INTEGER PRIMARY KEY, kept_id INTEGER NOT NULL REFERENCES crm_contact(id),
                    merged_id INTEGER NOT NULL REFERENCES crm_contact(id), office_id INTEGER NOT NULL REFERENCES crm_office(id),
                    by_user TEXT NOT NULL, at REAL NOT NULL, merged_snapshot TEXT NOT NULL);
                CREATE INDEX crm_contact_names ON crm_contact (lower(last_name), lower(first_name), postal_code);
                """)
        }
        migrator.registerMigration("crm-4-themes-criteria-templates") { db in
            try db.execute(sql: """
                CREATE TABLE crm_theme (key TEXT PRIMARY KEY, label TEXT NOT NULL, position INTEGER NOT NULL);
                CREATE TABLE crm_sub_theme (
                    theme TEXT NOT NULL REFERENCES crm_theme(key), key TEXT NOT NULL, label TEXT NOT NULL,
                    PRIMARY KEY (theme, key)) WITHOUT ROWID;
                CREATE TABLE crm_criterion (
                    office_id INTEGER NOT NULL REFERENCES crm_office(id), name TEXT NOT NULL, choices TEXT NOT NULL,
                    PRIMARY KEY (office_id, name)) WITHOUT ROWID;
                ALTER TABLE crm_office ADD COLUMN reply_subject TEXT;
                ALTER TABLE crm_office ADD COLUMN reply_body TEXT;
                """)
            for (position, theme) in Theme.firstRegionalList.enumerated() {
                try db.execute(sql: "INSERT INTO crm_theme (key, label, position) VALUES (?, ?, ?)", arguments: [theme.key, theme.label, position])
                for sub in theme.subThemes {
                    try db.execute(sql: "INSERT INTO crm_sub_theme (theme, key, label) VALUES (?, ?, ?)", arguments: [theme.key, sub.key, sub.label])
                }
            }
        }
        migrator.registerMigration("crm-5-web-drafts-saved-searches-branding-tokens") { db in
            try db.execute(sql: """
                ALTER TABLE crm_basket ADD COLUMN user_id INTEGER REFERENCES crm_user(id);
                CREATE INDEX crm_basket_draft ON crm_basket (office_id, user_id) WHERE request_id IS NULL;
                CREATE TABLE crm_saved_search (
                    id INTEGER PRIMARY KEY, office_id INTEGER NOT NULL REFERENCES crm_office(id), user_id INTEGER,
                    owner TEXT NOT NULL, name TEXT NOT NULL, query TEXT NOT NULL, shared INTEGER NOT NULL);
                CREATE TABLE crm_branding (
                    office_id INTEGER PRIMARY KEY REFERENCES crm_office(id), logo BLOB, primary_color TEXT, muted_color TEXT,
                    address TEXT, legal TEXT);
                CREATE TABLE crm_api_token (
                    id INTEGER PRIMARY KEY, office_id INTEGER NOT NULL REFERENCES crm_office(id), name TEXT NOT NULL,
                    token_hash TEXT NOT NULL UNIQUE, created_at REAL NOT NULL);
                """)
        }
        migrator.registerMigration("crm-6-outbox-backoff") { db in
            try db.execute(sql: "ALTER TABLE crm_outbox ADD COLUMN next_attempt_at REAL")
        }
        migrator.registerMigration("crm-7-contact-profiles") { db in
            try migrateToContactProfiles(db)
        }
        migrator.registerMigration("crm-8-sessions") { db in
            try db.execute(sql: """
                CREATE TABLE crm_session (
                    id_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES crm_user(id) ON DELETE CASCADE,
                    csrf TEXT NOT NULL, created_at REAL NOT NULL, last_seen_at REAL NOT NULL) WITHOUT ROWID;
                CREATE INDEX crm_session_user ON crm_session (user_id);
                """)
        }
        migrator.registerMigration("crm-9-user-events-invitations-token-owners") { db in
            try db.execute(sql: """
                CREATE TABLE crm_user_event (
                    id INTEGER PRIMARY KEY, office_id INTEGER REFERENCES crm_office(id), user_id INTEGER NOT NULL REFERENCES crm_user(id),
                    by_user TEXT NOT NULL, at REAL NOT NULL, what TEXT NOT NULL);
                CREATE INDEX crm_user_event_office ON crm_user_event (office_id, at);
                CREATE TABLE crm_invitation (
                    token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES crm_user(id) ON DELETE CASCADE,
                    expires_at REAL NOT NULL, used_at REAL) WITHOUT ROWID;
                ALTER TABLE crm_api_token ADD COLUMN created_by INTEGER REFERENCES crm_user(id);
                ALTER TABLE crm_api_token ADD COLUMN revoked_at REAL;
                """)
        }
        migrator.registerMigration("crm-10-campaigns") { db in
            try db.execute(sql: """
                CREATE TABLE crm_campaign (
                    id INTEGER PRIMARY KEY, office_id INTEGER NOT NULL REFERENCES crm_office(id), name TEXT NOT NULL,
                    purpose TEXT NOT NULL, re_opt_in INTEGER NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,
                    basket_id INTEGER REFERENCES crm_basket(id), segment TEXT NOT NULL, rate_per_minute INTEGER NOT NULL,
                    state TEXT NOT NULL, created_by TEXT NOT NULL, created_at REAL NOT NULL, launched_at REAL);
                CREATE INDEX crm_campaign_office ON crm_campaign (office_id, created_at);
                CREATE TABLE crm_campaign_attachment (
                    campaign_id INTEGER PRIMARY KEY REFERENCES crm_campaign(id) ON DELETE CASCADE,
                    file_name TEXT NOT NULL, content_type TEXT NOT NULL, data BLOB NOT NULL);
                CREATE TABLE crm_campaign_exclusion (
                    campaign_id INTEGER NOT NULL REFERENCES crm_campaign(id) ON DELETE CASCADE,
                    contact_id INTEGER NOT NULL REFERENCES crm_contact(id), reason TEXT NOT NULL,
                    PRIMARY KEY (campaign_id, contact_id)) WITHOUT ROWID;
                ALTER TABLE crm_outbox ADD COLUMN html TEXT;
                ALTER TABLE crm_outbox ADD COLUMN unsubscribe_url TEXT;
                ALTER TABLE crm_outbox ADD COLUMN campaign_id INTEGER REFERENCES crm_campaign(id);
                ALTER TABLE crm_outbox ADD COLUMN paced INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX crm_outbox_campaign ON crm_outbox (campaign_id, state) WHERE campaign_id IS NOT NULL;
                CREATE INDEX crm_outbox_paced ON crm_outbox (paced, state) WHERE paced = 1;
                """)
        }
        migrator.registerMigration("crm-11-audit") { db in
            // Kept as written: an UPDATE or DELETE aborts. Ids only, never the data itself.
            try db.execute(sql: """
                CREATE TABLE crm_audit (
                    id INTEGER PRIMARY KEY, office_id INTEGER REFERENCES crm_office(id), user_id INTEGER, user_name TEXT NOT NULL,
                    role TEXT NOT NULL, action TEXT NOT NULL, contact_id INTEGER, object_id INTEGER, detail TEXT, at REAL NOT NULL);
                CREATE INDEX crm_audit_office ON crm_audit (office_id, at);
                CREATE TRIGGER crm_audit_no_update BEFORE UPDATE ON crm_audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER crm_audit_no_delete BEFORE DELETE ON crm_audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        migrator.registerMigration("crm-12-retention") { db in
            try db.execute(sql: """
                CREATE TABLE crm_retention (
                    office_id INTEGER PRIMARY KEY REFERENCES crm_office(id), inactive_years INTEGER NOT NULL, warning_days INTEGER NOT NULL,
                    action TEXT NOT NULL CHECK (action IN ('anonymise', 'delete')), message_days INTEGER NOT NULL);
                ALTER TABLE crm_contact_profile ADD COLUMN retention_warned_at REAL;
                """)
        }
        migrator.registerMigration("crm-13-register") { db in
            try db.execute(sql: """
                CREATE TABLE crm_register (
                    office_id INTEGER PRIMARY KEY REFERENCES crm_office(id), referent TEXT NOT NULL, processings TEXT NOT NULL,
                    updated_at REAL NOT NULL, updated_by TEXT NOT NULL);
                """)
        }
        migrator.registerMigration("crm-14-regional-themes") { db in
            try migrateToRegionalThemes(db)
        }
        migrator.registerMigration("crm-15-request-type-reception-points") { db in
            try db.execute(sql: """
                ALTER TABLE crm_request ADD COLUMN request_type TEXT;
                ALTER TABLE crm_request ADD COLUMN reception_point TEXT;
                CREATE TABLE crm_reception_point (
                    office_id INTEGER NOT NULL REFERENCES crm_office(id), name TEXT NOT NULL, position INTEGER NOT NULL,
                    PRIMARY KEY (office_id, name)) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("crm-16-reply-sender") { db in
            try db.execute(sql: """
                CREATE TABLE crm_sender (office_id INTEGER PRIMARY KEY REFERENCES crm_office(id), reply_to TEXT, signature TEXT);
                ALTER TABLE crm_outbox ADD COLUMN from_name TEXT;
                ALTER TABLE crm_outbox ADD COLUMN reply_to TEXT;
                """)
        }
        migrator.registerMigration("crm-17-contact-website") { db in
            try db.execute(sql: "ALTER TABLE crm_contact_profile ADD COLUMN website TEXT")
        }
        migrator.registerMigration("crm-18-office-documents") { db in
            // Files once by content; each office's documents point at them; baskets hold document ids.
            try db.execute(sql: """
                CREATE TABLE crm_document_file (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
                CREATE TABLE crm_document (
                    id INTEGER PRIMARY KEY, office_id INTEGER NOT NULL REFERENCES crm_office(id), title TEXT NOT NULL, file_name TEXT NOT NULL,
                    sha256 TEXT NOT NULL REFERENCES crm_document_file(sha256), size INTEGER NOT NULL, pages INTEGER NOT NULL, created_at REAL NOT NULL,
                    UNIQUE (office_id, sha256));
                ALTER TABLE crm_basket ADD COLUMN document_ids TEXT NOT NULL DEFAULT '[]';
                """)
        }
        migrator.registerMigration("crm-19-web-forms") { db in
            try db.execute(sql: """
                CREATE TABLE crm_web_form (office_id INTEGER PRIMARY KEY REFERENCES crm_office(id), key TEXT NOT NULL UNIQUE,
                                           origins TEXT NOT NULL DEFAULT '[]');
                """)
        }
        migrator.registerMigration("crm-20-apidae-contacts") { db in
            // Professional contacts synced from Apidae entities: one row per office and entity.
            try db.execute(sql: """
                CREATE TABLE crm_apidae_contact (
                    office_id INTEGER NOT NULL REFERENCES crm_office(id),
                    structure_id INTEGER NOT NULL,
                    contact_id INTEGER NOT NULL REFERENCES crm_contact(id),
                    category TEXT NOT NULL,
                    synced TEXT NOT NULL,
                    synced_at REAL NOT NULL,
                    left_at REAL,
                    PRIMARY KEY (office_id, structure_id)
                );
                CREATE INDEX crm_apidae_contact_contact ON crm_apidae_contact(contact_id);
                """)
        }
        migrator.registerMigration("crm-21-request-entry-ids") { db in
            // Entries made offline on a device carry the device's id: recorded once per office.
            try db.execute(sql: """
                ALTER TABLE crm_request ADD COLUMN client_entry_id TEXT;
                CREATE UNIQUE INDEX crm_request_entry ON crm_request(office_id, client_entry_id) WHERE client_entry_id IS NOT NULL;
                """)
        }
        migrator.registerMigration("crm-22-request-origin-commune") { db in
            // Where an anonymous visitor comes from, below the département (a quick entry's first field).
            try db.execute(sql: "ALTER TABLE crm_request ADD COLUMN origin_commune TEXT")
        }
        migrator.registerMigration("crm-23-contact-profile-refs") { db in
            try migrateToProfileRefs(db)
        }
        migrator.registerMigration(claimTimes.identifier) { db in try db.execute(sql: claimTimes.sqlite) }
        migrator.registerMigration(attempts.identifier) { db in try db.execute(sql: attempts.sqlite) }
        migrator.registerMigration(emailOrder.identifier) { db in try db.execute(sql: emailOrder.script) }
        migrator.registerMigration(pacedClaims.identifier) { db in try db.execute(sql: pacedClaims.script) }
        return migrator.list
    }

    /// The regional list of `000_…` replaces the first one: requests and campaign segments move to
    /// the new keys (`Theme.moved`); sub-themes the regional admin had added follow their theme.
    static func migrateToRegionalThemes(_ db: Database) throws {
        let seeded = Set(Theme.firstRegionalList.flatMap { t in t.subThemes.map { "\(t.key)/\($0.key)" } })
        let added = try Row.fetchAll(db, sql: "SELECT theme, key, label FROM crm_sub_theme ORDER BY theme, key")
            .filter { !seeded.contains("\($0["theme"] as String)/\($0["key"] as String)") }
        try db.execute(sql: "DELETE FROM crm_sub_theme; DELETE FROM crm_theme")
        for (position, theme) in Theme.regional.enumerated() {
            try db.execute(sql: "INSERT INTO crm_theme (key, label, position) VALUES (?, ?, ?)", arguments: [theme.key, theme.label, position])
            for sub in theme.subThemes {
                try db.execute(sql: "INSERT INTO crm_sub_theme (theme, key, label) VALUES (?, ?, ?)", arguments: [theme.key, sub.key, sub.label])
            }
        }
        for row in added {
            let moved = Theme.moved("\(row["theme"] as String)/\(row["key"] as String)").split(separator: "/").map(String.init)
            guard moved.count == 2 else { continue }
            try db.execute(sql: "INSERT OR IGNORE INTO crm_sub_theme (theme, key, label) VALUES (?, ?, ?)", arguments: [moved[0], moved[1], row["label"] as String])
        }
        func move(_ keys: [String]) -> [String] {
            var seen: Set<String> = []
            return keys.map(Theme.moved).filter { seen.insert($0).inserted }
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, themes FROM crm_request WHERE themes <> '[]'") {
            let keys: [String] = JSONColumn.decode(row["themes"]) ?? []
            try db.execute(sql: "UPDATE crm_request SET themes = ? WHERE id = ?", arguments: [JSONColumn.encode(move(keys)) ?? "[]", row["id"] as Int64])
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, segment FROM crm_campaign") {
            guard var segment: Campaign.Segment = JSONColumn.decode(row["segment"]), !segment.themes.isEmpty else { continue }
            segment.themes = move(segment.themes)
            try db.execute(sql: "UPDATE crm_campaign SET segment = ? WHERE id = ?", arguments: [JSONColumn.encode(segment) ?? "{}", row["id"] as Int64])
        }
    }

    /// Each office names its contacts by references of its own (`ref`), never by the shared
    /// person's id, which told an office that another one knew the person first. The office that
    /// recorded the person first keeps the id it had as its reference (its links and bookmarks
    /// hold); every other office's profile gets a new one (its older audit entries, which nothing
    /// may change, keep the id they were written with). New
    /// references come from one count for the region (`crm_contact_ref`), above every id used.
    static func migrateToProfileRefs(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE crm_contact_profile ADD COLUMN ref INTEGER;
            CREATE TABLE crm_contact_ref (ref INTEGER PRIMARY KEY AUTOINCREMENT);
            INSERT INTO crm_contact_ref (ref) SELECT max(id) FROM crm_contact HAVING max(id) IS NOT NULL;
            DELETE FROM crm_contact_ref;
            UPDATE crm_contact_profile SET ref = contact_id;
            """)
        let later = try Row.fetchAll(db, sql: """
            SELECT p.office_id, p.contact_id FROM crm_contact_profile p
            WHERE EXISTS (SELECT 1 FROM crm_contact_profile q WHERE q.contact_id = p.contact_id
                          AND (q.created_at < p.created_at OR (q.created_at = p.created_at AND q.office_id < p.office_id)))
            ORDER BY p.contact_id, p.office_id
            """)
        for row in later {
            let office: Int64 = row["office_id"], person: Int64 = row["contact_id"]
            let ref = try Tenant.newRef(db.session)
            try db.execute(sql: "UPDATE crm_contact_profile SET ref = ? WHERE office_id = ? AND contact_id = ?", arguments: [ref, office, person])
        }
        try db.execute(sql: "CREATE UNIQUE INDEX crm_contact_profile_ref ON crm_contact_profile (office_id, ref)")
    }

    /// Each office keeps its own profile of a person: what it collected itself. The office that
    /// recorded the person first keeps every field it had; an office that found the person by email
    /// keeps the email. The shared row keeps only the identity (email) and the merge history.
    static func migrateToContactProfiles(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE crm_contact_profile (
                contact_id INTEGER NOT NULL REFERENCES crm_contact(id) ON DELETE CASCADE,
                office_id INTEGER NOT NULL REFERENCES crm_office(id),
                kind TEXT NOT NULL, company TEXT, civility TEXT, first_name TEXT, last_name TEXT, email TEXT, phone TEXT, mobile TEXT,
                address TEXT, postal_code TEXT, commune TEXT, department TEXT, country TEXT, language TEXT, category TEXT,
                birth_date TEXT, notes TEXT, created_at REAL NOT NULL, last_interaction_at REAL,
                PRIMARY KEY (contact_id, office_id)) WITHOUT ROWID;
            CREATE INDEX crm_contact_profile_office ON crm_contact_profile (office_id, last_interaction_at);
            CREATE INDEX crm_contact_profile_email ON crm_contact_profile (office_id, lower(email));
            CREATE INDEX crm_contact_profile_names ON crm_contact_profile (office_id, lower(last_name), lower(first_name), postal_code);
            """)
        // The contact columns as they were then (later ones, e.g. website, came with their own migration).
        let personal = ["company", "civility", "first_name", "last_name", "phone", "mobile", "address", "postal_code", "commune", "department",
                        "country", "language", "category", "birth_date", "notes"]
        let owners = try Row.fetchAll(db, sql: """
            SELECT o.contact_id, o.office_id, o.since FROM crm_contact_owner o JOIN crm_contact c ON c.id = o.contact_id
            WHERE c.merged_into IS NULL ORDER BY o.contact_id, o.since, o.office_id
            """)
        var first: Set<Int64> = []
        for owner in owners {
            let contact: Int64 = owner["contact_id"], office: Int64 = owner["office_id"]
            let collected = first.insert(contact).inserted
            let fields = collected ? personal.joined(separator: ", ") : personal.map { "NULL AS \($0)" }.joined(separator: ", ")
            try db.execute(sql: """
                INSERT INTO crm_contact_profile (contact_id, office_id, kind, email, \(personal.joined(separator: ", ")), created_at, last_interaction_at)
                SELECT id, ?, kind, lower(email), \(fields), CASE WHEN ? THEN created_at ELSE ? END,
                       (SELECT max(date) FROM crm_request r WHERE r.contact_id = crm_contact.id AND r.office_id = ?)
                FROM crm_contact WHERE id = ?
                """, arguments: [office, collected, owner["since"] as Double, office, contact])
        }
        try db.execute(sql: "UPDATE crm_contact SET email = lower(email), " + personal.map { "\($0) = NULL" }.joined(separator: ", ")
                           + ", last_interaction_at = NULL")
        try db.execute(sql: "DROP TABLE crm_contact_owner")
    }
}
