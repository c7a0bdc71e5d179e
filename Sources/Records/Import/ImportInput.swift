import Foundation
import ZIPFoundation

/// One file to import, in the order an export must be applied.
struct ImportInput {
    var url: URL
    /// How the file is named in messages: the path given, or "export.zip!objets_modifies-1.json".
    var displayName: String
    /// Named explicitly on the command line (an unsupported file is then an error, not a skip).
    var explicit: Bool
    var size: Int
    /// How many zips it is inside (0: given as it is).
    var depth = 0

    /// Files of an export in the order they must be applied: communes and labels first, then
    /// objects (objets_modifies-2 before -10), selections, deletions last.
    static func exportOrder(_ a: ImportInput, _ b: ImportInput) -> Bool {
        let (ra, rb) = (rank(a.url.lastPathComponent), rank(b.url.lastPathComponent))
        if ra != rb { return ra < rb }
        return a.displayName.compare(b.displayName, options: .numeric) == .orderedAscending
    }

    static func rank(_ name: String) -> Int {
        let n = name.lowercased()
        if n.hasPrefix("communes") { return 0 }
        if n.hasPrefix("elements_reference") { return 1 }
        if n.contains("selection") { return 3 }
        if n.hasPrefix("objets_supprimes") || n.contains("deletion") { return 4 }
        return 2
    }
}

/// Expands what was given to `guichet import` into files; unpacks zips into a temporary folder,
/// within `ZipLimits`.
final class InputExpander {
    private(set) var temporaryFolders: [URL] = []
    let fileManager = FileManager()
    private var unpacker: ZipUnpacker
    /// Files of folders and zips that are not Apidae data (not JSON or CSV, linked objects), with why.
    private(set) var passedOver: [String] = []

    init(limits: ZipLimits = ZipLimits()) { unpacker = ZipUnpacker(limits: limits) }

    deinit {
        for folder in temporaryFolders { try? fileManager.removeItem(at: folder) }
    }

    /// `depth`: how many zips `path` is inside.
    func expand(_ path: String, depth: Int = 0) throws(RecordsError) -> [ImportInput] {
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unsupportedInput(path: path, reason: "no such file or folder")
        }
        let url = URL(fileURLWithPath: path)
        if isDirectory.boolValue {
            return folderFiles(url, displayPrefix: path.hasSuffix("/") ? path : path + "/", depth: depth)
        }
        if url.pathExtension.lowercased() == "zip" {
            guard depth < unpacker.limits.nesting else {
                throw .unsupportedInput(path: path, reason: "a zip inside \(depth) zips (at most \(unpacker.limits.nesting) levels)")
            }
            let folder = fileManager.temporaryDirectory.appendingPathComponent("guichet-import-\(UUID().uuidString)")
            do { try fileManager.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw .unsupportedInput(path: path, reason: "cannot unpack the zip: \(error.localizedDescription)")
            }
            temporaryFolders.append(folder)
            try unpacker.unpack(url, to: folder, name: path)
            return folderFiles(folder, displayPrefix: path + "!", depth: depth + 1)
        }
        return [ImportInput(url: url, displayName: path, explicit: true, size: Self.size(url))]
    }

    private func folderFiles(_ folder: URL, displayPrefix: String, depth: Int) -> [ImportInput] {
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
        guard let walker = fileManager.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                  options: [.skipsHiddenFiles]) else { return [] }
        var inputs: [ImportInput] = []
        for case let url as URL in walker {
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            if path.contains("/__MACOSX") { continue }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let ext = url.pathExtension.lowercased()
            let relative = path.hasPrefix(base) ? String(path.dropFirst(base.count + 1)) : url.lastPathComponent
            guard ["json", "csv", "zip"].contains(ext) else {
                passedOver.append("\(displayPrefix + relative): not JSON, CSV or a zip")
                continue
            }
            // Objects linked to the project's records but outside its selections: never the project's own.
            if url.lastPathComponent.lowercased().hasPrefix("objets_lies") {
                passedOver.append("\(displayPrefix + relative): linked objects, not the project's records")
                continue
            }
            inputs.append(ImportInput(url: url, displayName: displayPrefix + relative, explicit: false, size: Self.size(url), depth: depth))
        }
        return inputs.sorted(by: ImportInput.exportOrder)
    }

    static func size(_ url: URL) -> Int {
        (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
    }
}
