import GRDB
import Storage

extension RecordStore {
    /// Identifiers the migrations had before they were numbered like the CRM's ("crm-N-…"):
    /// renamed in place on open, so a cache made before is not migrated twice.
    static let formerMigrationNames = [
        "createTouristObjects": "records-1-tourist-objects", "createGazetteer": "records-2-gazetteer",
        "createReferencesAndSelections": "records-3-references-selections", "createRecordRevision": "records-4-revision",
    ]

    /// One migration per change, registered in order, never edited once landed. Identifiers start
    /// with "records-": the cache may share its file with the CRM, whose migrations are "crm-N-…".
    static var sqliteMigrations: [Migration] {
        var migrator = SQLiteMigrations()
        migrator.registerMigration("records-1-tourist-objects") { db in
            try db.execute(sql: """
                CREATE TABLE tourist_object (
                    id INTEGER PRIMARY KEY,
                    type TEXT NOT NULL,
                    member_id INTEGER,
                    member_name TEXT,
                    name TEXT NOT NULL,
                    names TEXT NOT NULL,
                    search_names TEXT NOT NULL,
                    commune_apidae_id INTEGER,
                    commune_insee TEXT,
                    commune_name TEXT,
                    postal_code TEXT,
                    latitude REAL,
                    longitude REAL,
                    thumbnail_url TEXT,
                    created_at TEXT,
                    modified_at TEXT,
                    format_version TEXT,
                    popularity INTEGER NOT NULL DEFAULT 0,
                    source TEXT
                );
                -- The JSON as imported, apart: result pages and the index read the narrow rows above.
                CREATE TABLE tourist_object_raw (
                    id INTEGER PRIMARY KEY REFERENCES tourist_object(id) ON DELETE CASCADE,
                    raw BLOB NOT NULL
                );
                CREATE TABLE opening_period (
                    object_id INTEGER NOT NULL REFERENCES tourist_object(id) ON DELETE CASCADE,
                    start_day INTEGER NOT NULL,
                    end_day INTEGER NOT NULL,
                    every_year INTEGER NOT NULL,
                    PRIMARY KEY (object_id, start_day, end_day, every_year)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("records-2-gazetteer") { db in
            try db.execute(sql: """
                CREATE TABLE commune (
                    insee TEXT NOT NULL,
                    postal_code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    latitude REAL,
                    longitude REAL,
                    source TEXT NOT NULL,
                    PRIMARY KEY (insee, postal_code)
                ) WITHOUT ROWID;
                CREATE TABLE apidae_commune (
                    apidae_id INTEGER PRIMARY KEY,
                    insee TEXT NOT NULL,
                    name TEXT,
                    postal_code TEXT
                );
                """)
        }
        migrator.registerMigration("records-3-references-selections") { db in
            try db.execute(sql: """
                CREATE TABLE reference_element (
                    id INTEGER PRIMARY KEY,
                    type TEXT NOT NULL,
                    labels TEXT NOT NULL
                );
                CREATE TABLE selection (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    object_ids TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("records-4-revision") { db in
            try db.execute(sql: """
                CREATE TABLE record_revision (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL);
                INSERT INTO record_revision (id, revision) VALUES (1, 0);
                """)
        }
        migrator.registerMigration("records-5-photo-and-project") { db in
            // The photo a brochure prints (fetched ahead of time after a sync, removed with the
            // record) and the Apidae project a sync or an export brought the record from.
            try db.execute(sql: """
                ALTER TABLE tourist_object ADD COLUMN photo_url TEXT;
                ALTER TABLE tourist_object ADD COLUMN apidae_project INTEGER;
                CREATE INDEX tourist_object_project ON tourist_object(apidae_project) WHERE apidae_project IS NOT NULL;
                """)
        }
        migrator.registerMigration("records-6-sync-journal") { db in
            // Every sync (API pull or export notification): what it did, or why it did not.
            try db.execute(sql: """
                CREATE TABLE apidae_sync (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,
                    status TEXT NOT NULL,
                    received_at TEXT NOT NULL,
                    started_at TEXT,
                    finished_at TEXT,
                    project_id INTEGER,
                    full_replacement INTEGER NOT NULL DEFAULT 0,
                    one_off INTEGER NOT NULL DEFAULT 0,
                    export_url TEXT,
                    confirmation_url TEXT,
                    confirmed_at TEXT,
                    added INTEGER NOT NULL DEFAULT 0,
                    updated INTEGER NOT NULL DEFAULT 0,
                    deleted INTEGER NOT NULL DEFAULT 0,
                    rejected INTEGER NOT NULL DEFAULT 0,
                    photos INTEGER NOT NULL DEFAULT 0,
                    contacts INTEGER NOT NULL DEFAULT 0,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    message TEXT
                );
                CREATE INDEX apidae_sync_status ON apidae_sync(status, id);
                CREATE INDEX apidae_sync_export ON apidae_sync(export_url) WHERE export_url IS NOT NULL;
                """)
        }
        migrator.registerMigration("records-7-index-version") { db in
            // What a search index snapshot names: the cache file (a token made once per file: a
            // new file starts its revisions again from 0) and the popularity changes counted apart.
            try db.execute(sql: """
                CREATE TABLE cache_identity (id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL);
                INSERT INTO cache_identity (id, token) VALUES (1, lower(hex(randomblob(16))));
                ALTER TABLE record_revision ADD COLUMN popularity_revision INTEGER NOT NULL DEFAULT 0;
                """)
        }
        migrator.registerMigration("records-8-change-log") { db in
            // Which records each revision changed, so a running search index applies only those
            // (and a snapshot is brought up to date at start-up). Complete after `logged_since`:
            // a change too large to log (or the gazetteer's) empties it and moves that revision.
            // The index on names places a changed record among the others (the nearest record
            // before it in the search index's order: name, then id).
            try db.execute(sql: """
                CREATE TABLE record_change (
                    revision INTEGER NOT NULL,
                    object_id INTEGER NOT NULL,
                    PRIMARY KEY (revision, object_id)
                ) WITHOUT ROWID;
                ALTER TABLE record_revision ADD COLUMN logged_since INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE record_revision ADD COLUMN logged_count INTEGER NOT NULL DEFAULT 0;
                UPDATE record_revision SET logged_since = revision;
                CREATE INDEX tourist_object_name_order ON tourist_object(name, id);
                """)
        }
        migrator.registerMigration("records-9-unresolved-communes") { db in
            // The records still without a commune or a commune name: the reconciliation after
            // each import resolves them, and read them all where they are a handful among 1 M.
            try db.execute(sql: """
                CREATE INDEX tourist_object_unresolved ON tourist_object(id)
                    WHERE commune_insee IS NULL OR commune_name IS NULL;
                """)
        }
        migrator.registerMigration("records-10-sync-export-identity") { db in
            // An export is known by its address without query or fragment, and by its zip's bytes:
            // `?x=1` added to an old address, or the same file under another, is a replay.
            try db.execute(sql: """
                ALTER TABLE apidae_sync ADD COLUMN export_key TEXT;
                ALTER TABLE apidae_sync ADD COLUMN export_sha256 TEXT;
                UPDATE apidae_sync SET export_key = CASE
                    WHEN instr(export_url, '?') > 0 THEN substr(export_url, 1, instr(export_url, '?') - 1)
                    WHEN instr(export_url, '#') > 0 THEN substr(export_url, 1, instr(export_url, '#') - 1)
                    ELSE export_url END
                WHERE export_url IS NOT NULL;
                CREATE INDEX apidae_sync_export_key ON apidae_sync(export_key) WHERE export_key IS NOT NULL;
                CREATE INDEX apidae_sync_export_sha256 ON apidae_sync(export_sha256) WHERE export_sha256 IS NOT NULL;
                """)
        }
        return migrator.list
    }

    /// The cache's migrations on each engine.
    public static var migrations: MigrationList {
        MigrationList(sqlite: sqliteMigrations, postgres: postgresMigrations, renamed: formerMigrationNames.sorted { $0.key < $1.key }.map { (old: $0.key, new: $0.value) })
    }
}
