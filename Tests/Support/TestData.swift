import DemoData
import Foundation
import Records

/// The shared public data the tests read in place: `$GUICHET_TESTDATA`, else `../shared/data`
/// beside the repository. A fresh clone has neither; tests on it are then skipped, saying so.
public enum TestData {
    public static let root: URL? = {
        if let env = ProcessInfo.processInfo.environment["GUICHET_TESTDATA"], !env.isEmpty {
            let url = URL(fileURLWithPath: env)
            return FileManager.default.fileExists(atPath: url.appendingPathComponent("apidae").path) ? url : nil
        }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shared = repository.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: shared.appendingPathComponent("apidae").path) ? shared : nil
    }()

    public static var available: Bool { root != nil }

    /// Why the shared data is missing where it must be found: `GUICHET_TESTDATA` set to a folder
    /// without `apidae/` (a typo skips every test on real data), or a CI run (`CI=true`) without
    /// it. nil when it is found, or simply absent on a developer's fresh clone.
    public static var problem: String? {
        let environment = ProcessInfo.processInfo.environment
        if let named = environment["GUICHET_TESTDATA"], !named.isEmpty, root == nil {
            return "GUICHET_TESTDATA=\(named) has no apidae/ folder: the tests on real data would be skipped"
        }
        if environment["CI"] == "true", root == nil {
            return "CI=true but the shared data is missing (../shared/data or GUICHET_TESTDATA): the tests on real data would be skipped"
        }
        return nil
    }

    /// This repository's folder.
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `guichet` executable `swift test` built beside the tests, if any.
    public static var guichetExecutable: URL? {
        let candidates = [".build/debug/guichet", ".build/release/guichet"].map { repository.appendingPathComponent($0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
    public static let skipReason = "shared test data not found: set GUICHET_TESTDATA or place it at ../shared/data"

    public static func path(_ relative: String) -> String {
        (root ?? URL(fileURLWithPath: "/nonexistent")).appendingPathComponent(relative).path
    }

    public static let apidae = "apidae"
    public static let gazetteer = "gazetteer/jaco60-zipcodes__laposte_hexasmal.csv"
}

/// A fresh cache in its own temporary folder, removed when released: a SQLite file in the folder,
/// or a PostgreSQL database of its own.
public final class TemporaryStore {
    public let folder: URL
    public let store: RecordStore
    /// The PostgreSQL database, kept for as long as the store.
    private let database: TestDatabase?

    public init(_ engine: Engine = .sqlite) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        switch engine {
        case .sqlite:
            database = nil
            store = try RecordStore(path: folder.appendingPathComponent("cache.sqlite").path)
        case .postgres:
            let database = try TestDatabase(.postgres)
            self.database = database
            store = try RecordStore(owner: database.open(RecordStore.migrations))
        }
    }

    /// Writes `text` to a file in the folder and returns its path.
    public func file(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Writes a generated Apidae export of `records` records into the folder and returns its path.
    public func demoExport(records: Int, perFile: Int = 10_000, name: String = "demo") throws -> String {
        let export = folder.appendingPathComponent(name)
        var generator = DemoGenerator(records: records)
        generator.recordsPerFile = perFile
        try generator.write(to: export)
        return export.path
    }

    public func importing(_ paths: [String]) throws -> ImportReport {
        try Importer(store: store, batchSize: 3).importPaths(paths)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

/// A minimal valid Apidae v002 export record.
public func sampleRecord(id: Int, name: String = "Gîte du Lac", type: String = "HEBERGEMENT_LOCATIF",
                         modified: String = "2024-03-01T10:00:00.000+0000", member: Int = 1001,
                         coordinates: (lon: Double, lat: Double)? = (6.1294, 45.8992), extra: String = "") -> String {
    let geo = coordinates.map { ",\"geolocalisation\":{\"valide\":true,\"geoJson\":{\"type\":\"Point\",\"coordinates\":[\($0.lon),\($0.lat)]}}" } ?? ""
    return """
    {"type":"\(type)","id":\(id),"nom":{"libelleFr":"\(name)","libelleEn":"\(name) (en)"},
     "gestion":{"dateCreation":"2020-01-01T08:00:00.000+0000","dateModification":"\(modified)",
                "membreProprietaire":{"id":\(member),"nom":"Office \(member)"}},
     "localisation":{"adresse":{"codePostal":"74000","commune":{"id":14,"code":"74010","nom":"Annecy","codePostal":"74000"}}\(geo)}\(extra)}
    """
}
