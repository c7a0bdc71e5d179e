import Foundation
import ZIPFoundation

/// What a zip may unpack to: an export is a few hundred megabytes of JSON, never gigabytes of
/// spaces (a 1 MB zip of one 1 GiB file took the server from 85 MB to 1.1 GB) nor zips inside
/// zips thousands deep (a 432 KB file left 1.25 GB of folders).
public struct ZipLimits: Sendable, Hashable {
    /// All the files of one import's zips together, unpacked.
    public var totalBytes: Int
    /// One file, unpacked: the importer reads a JSON file whole.
    public var fileBytes: Int
    /// Zips inside zips: a zip given is level 1, a zip inside it level 2.
    public var nesting: Int

    public init(totalBytes: Int = 4 << 30, fileBytes: Int = 512 << 20, nesting: Int = 2) {
        self.totalBytes = totalBytes; self.fileBytes = fileBytes; self.nesting = max(1, nesting)
    }
}

/// Unpacks a zip entry by entry, as streams through a small buffer, counting what comes out against
/// the limits as it comes (a zip's declared sizes are the sender's word, so the bytes are counted,
/// not trusted); an entry whose path would leave the folder is refused.
struct ZipUnpacker {
    let limits: ZipLimits
    /// Bytes unpacked so far by this import (all its zips).
    private(set) var unpacked = 0

    init(limits: ZipLimits) { self.limits = limits }

    mutating func unpack(_ zip: URL, to folder: URL, name: String) throws(RecordsError) {
        let archive: Archive
        do { archive = try Archive(url: zip, accessMode: .read) } catch {
            throw .unsupportedInput(path: name, reason: "not a zip file (\(error))")
        }
        let root = folder.standardizedFileURL.path
        for entry in archive {
            let target = folder.appendingPathComponent(entry.path).standardizedFileURL
            guard target.path.hasPrefix(root + "/") else {
                throw .unsupportedInput(path: name, reason: "an entry's path leaves the zip's folder: \(entry.path.prefix(120))")
            }
            switch entry.type {
            case .directory:
                try create(target, name: name)
            case .symlink:
                continue  // a link could point anywhere: an export holds none
            case .file:
                try create(target.deletingLastPathComponent(), name: name)
                try write(entry, of: archive, to: target, name: name)
            }
        }
    }

    private func create(_ folder: URL, name: String) throws(RecordsError) {
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw .unsupportedInput(path: name, reason: "cannot unpack: \(error.localizedDescription)")
        }
    }

    private mutating func write(_ entry: Entry, of archive: Archive, to target: URL, name: String) throws(RecordsError) {
        let display = "\(name)!\(entry.path)"
        guard FileManager.default.createFile(atPath: target.path, contents: nil), let handle = try? FileHandle(forWritingTo: target) else {
            throw .unsupportedInput(path: display, reason: "cannot write the unpacked file")
        }
        defer { try? handle.close() }
        var file = 0
        var total = unpacked
        let limits = limits
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { chunk in
                file += chunk.count
                total += chunk.count
                if file > limits.fileBytes { throw Excess.file }
                if total > limits.totalBytes { throw Excess.total }
                try handle.write(contentsOf: chunk)
            }
        } catch Excess.file {
            try? FileManager.default.removeItem(at: target)
            throw .unsupportedInput(path: display, reason: "unpacks to more than \(limits.fileBytes >> 20) MB (the most one file may hold)")
        } catch Excess.total {
            try? FileManager.default.removeItem(at: target)
            throw .unsupportedInput(path: name, reason: "unpacks to more than \(limits.totalBytes >> 20) MB in all (the most an import may unpack)")
        } catch {
            throw .unsupportedInput(path: display, reason: "cannot unpack: \(error)")
        }
        unpacked = total
    }

    enum Excess: Error { case file, total }
}
