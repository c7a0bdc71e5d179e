import Foundation
import GRDB
import Storage

/// An entry of an export's `elements_reference.json`.
public struct ReferenceElement: Sendable, Hashable {
    public var id: Int
    public var type: String
    public var labels: LocalizedText
    public init(id: Int, type: String, labels: LocalizedText) { self.id = id; self.type = type; self.labels = labels }
}

/// An entry of an export's `selections.json`: a named list of object ids.
public struct Selection: Sendable, Hashable {
    public var id: Int
    public var name: String
    public var objectIds: [Int]
    public init(id: Int, name: String, objectIds: [Int]) { self.id = id; self.name = name; self.objectIds = objectIds }
}

extension RecordStore {
    public func upsert(references: [ReferenceElement]) throws(RecordsError) {
        try write { db in
            for r in references {
                try db.execute("""
                    INSERT INTO reference_element (id, type, labels) VALUES (?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET type = excluded.type, labels = excluded.labels
                    """, [r.id, r.type, Self.namesJSON(r.labels)])
            }
        }
    }

    /// French labels of the reference elements of one type, by id.
    public func referenceLabels(type: String) throws(RecordsError) -> [Int: String] {
        try read { db in
            var labels: [Int: String] = [:]
            for row in try SQLRow.all(db, "SELECT id, labels FROM reference_element WHERE type = ?", [type]) {
                let values = (try? JSONDecoder().decode([String: String].self, from: Data((row[1] as String).utf8))) ?? [:]
                if let label = LocalizedText(values).text("fr") { labels[row[0]] = label }
            }
            return labels
        }
    }

    public func upsert(selections: [Selection]) throws(RecordsError) {
        try write { db in
            for s in selections {
                try db.execute("""
                    INSERT INTO selection (id, name, object_ids) VALUES (?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, object_ids = excluded.object_ids
                    """, [s.id, s.name, s.objectIds.map(String.init).joined(separator: ",")])
            }
        }
    }

    public func selections() throws(RecordsError) -> [Selection] {
        try read { db in
            try SQLRow.all(db, "SELECT id, name, object_ids FROM selection ORDER BY id").map { row in
                Selection(id: row[0], name: row[1], objectIds: (row[2] as String).split(separator: ",").compactMap { Int($0) })
            }
        }
    }
}
