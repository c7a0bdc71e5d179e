import Foundation
import Records

/// The Apidae stand-in on loopback (`Tests/Support/Python/apidae_standin.py`, Python's standard
/// library only): the search and identifiers API over a dataset the test loads, export zips and
/// photos from its folder, the confirmation URL, and faults on demand.
public final class ApidaeStandIn: @unchecked Sendable {
    public let port: Int
    public let folder: URL
    let process: Process
    public static let projectID = 4242
    public static let apiKey = "stand-in-key-0123"
    let control: HTTPFetcher

    public init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-apidae-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestData.repository.appendingPathComponent("Tests/Support/Python/apidae_standin.py").path, "--dir", folder.path]
        port = try startReportingPort(process, name: "Apidae stand-in")
        control = HTTPFetcher(timeout: 60, maxBytes: 500_000_000, policy: FetchPolicy(allowedHosts: ["127.0.0.1"]))
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The configuration a region would write, pointed at the stand-in (pauses between tries short).
    public func configuration(selections: [Int] = [], professionalContacts: String? = nil, attempts: Int = 3, timeout: Int = 10) -> ApidaeConfiguration {
        ApidaeConfiguration(apiURL: baseURL, projectID: Self.projectID, apiKey: Self.apiKey, selections: selections, exportHosts: ["127.0.0.1"],
                            professionalContacts: professionalContacts, timeout: timeout, attempts: attempts, retryPause: 0.05)
    }

    /// Serves `objects` (raw JSON objects), in `selections` (id → object ids).
    public func load(objects: [Data], selections: [Int: [Int]] = [:]) throws {
        let file = folder.appendingPathComponent("dataset-\(UUID().uuidString).json")
        var array = Data("[".utf8)
        for (i, object) in objects.enumerated() {
            if i > 0 { array.append(UInt8(ascii: ",")) }
            array.append(object)
        }
        array.append(UInt8(ascii: "]"))
        try array.write(to: file)
        try send("/_dataset", ["projectId": Self.projectID, "apiKey": Self.apiKey, "objectsFile": file.path,
                               "selections": Dictionary(uniqueKeysWithValues: selections.map { (String($0.key), $0.value) })])
    }

    /// The next `times` calls under `path` fail with `mode` (500, 404, slow, reset, truncate, loop, notzip,
    /// short, nonumfound, changenumfound).
    public func fault(_ path: String, _ mode: String, times: Int = 1, seconds: Double = 5) throws {
        try send("/_fault", ["path": path, "mode": mode, "times": times, "seconds": seconds])
    }

    public struct Call: Decodable, Sendable {
        public var method: String
        public var path: String
        public var first: Int?
        public var count: Int?
        public var range: String?
        public var query: String?
    }

    public func calls() throws -> [Call] {
        try JSONDecoder().decode([Call].self, from: try control.get(baseURL + "/_calls"))
    }

    /// Puts a file where `/exports/NAME` serves it; returns its URL.
    public func export(_ name: String, _ data: Data) throws -> String {
        try data.write(to: folder.appendingPathComponent("exports/\(name)"))
        return baseURL + "/exports/\(name)"
    }

    /// Puts a photo where `/photos/NAME` serves it; returns its URL.
    public func photo(_ name: String, _ data: Data) throws -> String {
        try data.write(to: folder.appendingPathComponent("photos/\(name)"))
        return baseURL + "/photos/\(name)"
    }

    /// `urlConfirmation` as Apidae sends it.
    public func confirmationURL(_ hash: String) -> String { baseURL + "/api/v002/export/confirmation?hash=\(hash)" }

    /// The hashes of the confirmations received, in order.
    public func confirmations() throws -> [String] {
        try calls().filter { $0.path == "/api/v002/export/confirmation" }.compactMap { call in
            call.query.flatMap { URLComponents(string: "?" + $0)?.queryItems?.first { $0.name == "hash" }?.value }
        }
    }

    func send(_ path: String, _ spec: [String: Any]) throws {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: spec), as: UTF8.self)
        let answer = try control.fetch(baseURL + path, form: [("spec", json)])
        guard answer.status == 200 else { throw TestSupportError("stand-in \(path): HTTP \(answer.status)") }
    }
}
