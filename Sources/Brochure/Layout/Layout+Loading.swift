import Foundation
import Yams

/// A layout file that cannot be used, with where and why.
public typealias LayoutError = BrochureFileError

/// A brochure configuration file (layout, branding) that cannot be used: the file, the field and
/// the reason.
public struct BrochureFileError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var field: String
    public var reason: String
    public var description: String { "\(file): \(field): \(reason)" }
}

extension Layout {
    /// The layouts shipped in a folder (`Layouts/`), by name (file name without extension).
    public static func available(in folder: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
            .map { String($0.prefix { $0 != "." }) }.sorted()
    }

    /// Loads `name` from `folder` (`NAME.yaml`, `NAME.yml` or `NAME.json`).
    public static func named(_ name: String, in folder: String) throws(LayoutError) -> Layout {
        for ext in ["yaml", "yml", "json"] {
            let path = (folder as NSString).appendingPathComponent("\(name).\(ext)")
            if FileManager.default.fileExists(atPath: path) { return try load(path: path) }
        }
        throw LayoutError(file: folder, field: "name", reason: "no layout \"\(name)\" (available: \(available(in: folder).joined(separator: ", ")))")
    }

    /// Reads and checks one layout file; every problem names the file, the field and the reason.
    public static func load(path: String) throws(LayoutError) -> Layout {
        let file = (path as NSString).lastPathComponent
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw LayoutError(file: file, field: "-", reason: "cannot read the file")
        }
        let node: Node
        do {
            guard let parsed = try Yams.compose(yaml: text) else { throw LayoutError(file: file, field: "-", reason: "empty file") }
            node = parsed
        } catch let error as LayoutError {
            throw error
        } catch {
            throw LayoutError(file: file, field: "-", reason: "not valid YAML/JSON: \(error)")
        }
        return try LayoutReader(file: file, root: node).layout()
    }
}
