import Dispatch
import Foundation

/// Imports Apidae files into the cache: API answers (`objetsTouristiques` envelope, possibly
/// without the key), bare export arrays, export folders and their `.zip`, `communes.json`,
/// `elements_reference.json`, `selections.json`, `objets_supprimes.json`, and the La Poste CSV.
///
/// A broken record is reported with file, index, id and reason and the others are imported.
/// Records are written in batches, one transaction each: a crash leaves the cache as it was before
/// the batch under way.
public final class Importer {
    let store: RecordStore
    public var batchSize: Int
    public var progress: (@Sendable (ImportProgress) -> Void)?
    /// When the cache's modification dates were read beforehand (`RecordStore.modificationDates()`):
    /// a record whose `dateModification` is not newer is counted unchanged without being decoded —
    /// a sync where little changed spends its transaction on what changed.
    public var cachedDates: [Int: Double]?
    /// What the zips given may unpack to.
    public var zipLimits = ZipLimits()

    public init(store: RecordStore, batchSize: Int = 2000) {
        self.store = store
        self.batchSize = batchSize
    }

    /// Imports every path in order and reconciles communes at the end.
    /// Throws only for a path that cannot be read at all; record-level problems are in the report.
    public func importPaths(_ paths: [String]) throws(RecordsError) -> ImportReport {
        let expander = InputExpander(limits: zipLimits)
        var inputs: [ImportInput] = []
        for path in paths { inputs += try expander.expand(path) }

        var state = RunState(total: inputs.reduce(0) { $0 + $1.size }, writer: BatchWriter(store: store))
        try store.loadingWithoutNameOrder { () throws(RecordsError) in
            defer { state.writer.waitUntilIdle() }
            for input in inputs {
                try importFile(input, expander: expander, state: &state)
            }
            try state.finishWrites()
        }
        state.report.skipped += expander.passedOver
        // Nothing written that names a commune: the gazetteer and the records' communes are as they were.
        if state.report.inserted + state.report.updated + state.report.communes > 0 { try store.reconcileCommunes() }
        return state.report
    }

    struct RunState {
        var report = ImportReport()
        var total: Int
        var doneBefore = 0
        /// Writes the records' batches, across files: the next file is read and decoded meanwhile.
        let writer: BatchWriter

        /// Waits for the records' writes under way: any other write of the import comes after them
        /// (a deletion list after the records it deletes).
        mutating func finishWrites() throws(RecordsError) {
            try writer.finish(collectingInto: &report)
        }
    }

    func importFile(_ input: ImportInput, expander: InputExpander, state: inout RunState) throws(RecordsError) {
        defer { state.doneBefore += input.size }
        if input.url.pathExtension.lowercased() == "zip" {
            for inner in try expander.expand(input.url.path, depth: input.depth) {
                var named = inner
                named.displayName = inner.displayName.replacingOccurrences(of: input.url.path, with: input.displayName)
                try importFile(named, expander: expander, state: &state)
            }
            return
        }
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(input.url) } catch {
            throw .unreadableFile(file: input.displayName, index: nil, reason: "cannot read: \(error)")
        }
        if LaPosteCSV.looksLikeGazetteer(bytes) {
            let (communes, rejected) = try LaPosteCSV.parse(Data(bytes), file: input.displayName)
            try state.finishWrites()
            try store.upsert(communes: communes, source: "laposte")
            state.report.communes += communes.count
            for r in rejected { state.report.reject(r) }
            return
        }
        let scanner = JSONScanner(bytes: bytes)
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        scanner.skipWhitespace(&start)
        let skippedBefore = state.report.skipped.count, rejectedBefore = state.report.problems.count
        defer {
            // Read as Apidae data (records, deletions, communes, labels, selections, an empty answer).
            if state.report.skipped.count == skippedBefore, !state.report.problems.dropFirst(rejectedBefore).contains(where: {
                if case .unreadableFile = $0 { true } else { false }
            }) { state.report.filesRead += 1 }
        }
        do {
            switch scanner.kind(at: start) {
            case .object:
                try importObjectDocument(scanner, at: start, input: input, state: &state)
            case .array:
                try importArray(scanner, at: start, input: input, state: &state)
            default:
                try unsupported(input, "not JSON, not the La Poste CSV", state: &state)
            }
        } catch let failure as JSONScanner.Failure {
            state.report.reject(.unreadableFile(file: input.displayName, index: nil, reason: "\(failure.reason) (byte \(failure.offset))"))
        } catch let error as RecordsError {
            throw error
        } catch {
            throw .unreadableFile(file: input.displayName, index: nil, reason: "\(error)")
        }
    }

    /// `{"query":…, "numFound":…, "objetsTouristiques":[…], "formatVersion":"v002"}`, or one bare object.
    func importObjectDocument(_ scanner: JSONScanner, at start: Int, input: ImportInput, state: inout RunState) throws {
        let members = try scanner.members(ofObjectAt: start)
        let keys = Set(members.map(\.key))
        if let objects = members.first(where: { $0.key == "objetsTouristiques" }) {
            try importObjects(scanner, arrayAt: objects.value.lowerBound, input: input, state: &state)
        } else if keys.contains("numFound") || keys.contains("query") {
            return  // an API answer with no match: the key is absent
        } else if keys.contains("type"), keys.contains("id") {
            let records = decode([start..<(try scanner.endOfValue(from: start))], scanner: scanner, firstIndex: 0,
                                 input: input, state: &state)
            try state.finishWrites()
            state.report.add(try store.upsert(records))
        } else {
            try unsupported(input, "a JSON object that is neither an Apidae API answer nor an object", state: &state)
        }
    }

    func importArray(_ scanner: JSONScanner, at start: Int, input: ImportInput, state: inout RunState) throws {
        var firstElement = start + 1
        scanner.skipWhitespace(&firstElement)
        switch scanner.kind(at: firstElement) {
        case .number:
            var ids: [Int] = []
            try scanner.forEachElement(ofArrayAt: start) { range in
                guard let id = Int(String(decoding: scanner.bytes[range], as: UTF8.self)) else {
                    state.report.reject(.rejectedRecord(file: input.displayName, index: ids.count, id: nil, reason: "deletion list entry is not an integer id"))
                    return
                }
                ids.append(id)
            }
            try state.finishWrites()
            let removed = try store.remove(ids: ids)
            state.report.deleted += removed.count
            state.report.removedPhotos += removed.photoURLs
        case .object:
            let keys = Set(try scanner.members(ofObjectAt: firstElement).map(\.key))
            if keys.contains("elementReferenceType") {
                let refs = try decodeAll(ReferenceDTO.self, scanner, start, input, &state).map(\.element)
                try state.finishWrites()
                try store.upsert(references: refs)
                state.report.references += refs.count
            } else if keys.contains("objetsTouristiques"), keys.contains("nom") || keys.contains("libelle") {
                let selections = try decodeAll(SelectionDTO.self, scanner, start, input, &state).map(\.selection)
                try state.finishWrites()
                try store.upsert(selections: selections)
                state.report.selections += selections.count
            } else if keys.contains("type"), keys.contains("id") || keys.contains("nom") {
                try importObjects(scanner, arrayAt: start, input: input, state: &state)
            } else if keys.contains("code"), keys.contains("nom"), keys.contains("id") {
                let communes = try decodeAll(ApidaeCommuneDTO.self, scanner, start, input, &state).compactMap(\.commune)
                try state.finishWrites()
                try store.upsert(apidaeCommunes: communes)
                state.writer.forgetCommunes()
                state.report.communes += communes.count
            } else {
                try unsupported(input, "a JSON list of objects Guichet does not import (keys: \(keys.sorted().prefix(5).joined(separator: ", ")))", state: &state)
            }
        case .none where firstElement < scanner.bytes.count && scanner.bytes[firstElement] == UInt8(ascii: "]"):
            return  // an empty list: nothing to do
        default:
            try unsupported(input, "a JSON list of values Guichet does not import", state: &state)
        }
    }

    func unsupported(_ input: ImportInput, _ reason: String, state: inout RunState) throws(RecordsError) {
        if input.explicit { throw .unsupportedInput(path: input.displayName, reason: reason) }
        state.report.skipped.append("\(input.displayName): \(reason)")
    }
}
