import Dispatch
import Foundation

extension Importer {
    /// Streams the tourist objects of the array at `start` into the cache, batch by batch.
    func importObjects(_ scanner: JSONScanner, arrayAt start: Int, input: ImportInput, state: inout RunState) throws {
        var pending: [Range<Int>] = []
        var firstIndex = 0
        do {
            try scanner.forEachElement(ofArrayAt: start) { range in
                pending.append(range)
                if pending.count == batchSize {
                    try importRecords(pending, scanner: scanner, firstIndex: firstIndex, input: input, state: &state)
                    firstIndex += pending.count
                    pending.removeAll(keepingCapacity: true)
                }
            }
        } catch let failure as JSONScanner.Failure {
            try importRecords(pending, scanner: scanner, firstIndex: firstIndex, input: input, state: &state)
            state.report.reject(.unreadableFile(file: input.displayName, index: firstIndex + pending.count,
                                                reason: "\(failure.reason) (byte \(failure.offset)); the records before it were imported"))
            return
        }
        try importRecords(pending, scanner: scanner, firstIndex: firstIndex, input: input, state: &state)
    }

    /// Decodes one batch on every core, then writes it in one transaction.
    func importRecords(_ ranges: [Range<Int>], scanner: JSONScanner, firstIndex: Int, input: ImportInput,
                       state: inout RunState) throws(RecordsError) {
        guard !ranges.isEmpty else { return }
        let labels = try store.referenceLabels(type: "MoyenCommunicationType")
        let results = DecodeResults(count: ranges.count)
        let bytes = scanner.bytes
        let source = input.displayName
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, ranges.count / 64 + 1))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var i = worker
            while i < ranges.count {
                let raw = Data(bytes[ranges[i]])
                do throws(TouristObject.DecodeFailure) {
                    let object = try TouristObject.decode(json: raw, labels: labels)
                    results.set(i, .success(ImportedRecord(object: object, raw: raw, source: source)))
                } catch {
                    results.set(i, .failure(error))
                }
                i += workers
            }
        }
        var records: [ImportedRecord] = []
        records.reserveCapacity(ranges.count)
        for (offset, result) in results.values.enumerated() {
            switch result {
            case .success(let record): records.append(record)
            case .failure(let failure):
                state.report.reject(.rejectedRecord(file: input.displayName, index: firstIndex + offset, id: failure.id, reason: failure.reason))
            case .none: break
            }
        }
        state.report.add(try store.upsert(records))
        progress?(ImportProgress(bytesDone: state.doneBefore + (ranges.last?.upperBound ?? 0), bytesTotal: state.total,
                                 records: state.report.inserted + state.report.updated + state.report.unchanged, file: input.displayName))
    }
}

/// Slots written by the decoding workers, each slot by exactly one worker.
final class DecodeResults: @unchecked Sendable {
    var values: [Result<ImportedRecord, TouristObject.DecodeFailure>?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<ImportedRecord, TouristObject.DecodeFailure>) {
        values.withUnsafeMutableBufferPointer { $0[i] = value }
    }
}
