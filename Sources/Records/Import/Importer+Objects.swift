import Dispatch
import Foundation

extension Importer {
    /// Streams the tourist objects of the array at `start` into the cache, batch by batch. While
    /// one batch is written (one transaction), the next one is decoded on the other cores.
    func importObjects(_ scanner: JSONScanner, arrayAt start: Int, input: ImportInput, state: inout RunState) throws {
        var pending: [Range<Int>] = []
        var firstIndex = 0
        func flush() throws {
            guard !pending.isEmpty else { return }
            let records = decode(pending, scanner: scanner, firstIndex: firstIndex, input: input, state: &state)
            try state.writer.submit(records, collectingInto: &state.report)
            progress?(ImportProgress(bytesDone: state.doneBefore + (pending.last?.upperBound ?? 0), bytesTotal: state.total,
                                     records: state.report.inserted + state.report.updated + state.report.unchanged + records.count,
                                     file: input.displayName))
            firstIndex += pending.count
            pending.removeAll(keepingCapacity: true)
        }
        do {
            try scanner.forEachElement(ofArrayAt: start) { range in
                if let cachedDates, let (id, modified) = Self.stamp(scanner, range), let cached = cachedDates[id], modified <= cached {
                    state.report.unchanged += 1
                    state.report.seen.append(id)
                    return
                }
                pending.append(range)
                if pending.count == batchSize { try flush() }
            }
            try flush()
        } catch let failure as JSONScanner.Failure {
            try flush()
            state.report.reject(.unreadableFile(file: input.displayName, index: firstIndex,
                                                reason: "\(failure.reason) (byte \(failure.offset)); the records before it were imported"))
        }
    }

    /// A record's id and `gestion.dateModification` (seconds since 1970), read without decoding it.
    static func stamp(_ scanner: JSONScanner, _ range: Range<Int>) -> (Int, Double)? {
        guard let members = try? scanner.members(ofObjectAt: range.lowerBound),
              let idRange = members.first(where: { $0.key == "id" })?.value,
              let id = Int(String(decoding: scanner.bytes[idRange], as: UTF8.self)),
              let gestion = members.first(where: { $0.key == "gestion" })?.value,
              let date = (try? scanner.members(ofObjectAt: gestion.lowerBound))?.first(where: { $0.key == "dateModification" })?.value,
              date.count > 2,
              let modified = ApidaeTimestamp.parse(String(decoding: scanner.bytes[(date.lowerBound + 1)..<(date.upperBound - 1)], as: UTF8.self))
        else { return nil }
        return (id, modified.timeIntervalSince1970)
    }

    /// Decodes one batch on every core; rejected records go to the report.
    func decode(_ ranges: [Range<Int>], scanner: JSONScanner, firstIndex: Int, input: ImportInput, state: inout RunState) -> [ImportedRecord] {
        let results = Slots<Result<ImportedRecord, TouristObject.DecodeFailure>>(count: ranges.count)
        let bytes = scanner.bytes
        let source = input.displayName
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, ranges.count / 64 + 1))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var i = worker
            while i < ranges.count {
                do throws(TouristObject.DecodeFailure) {
                    results.set(i, .success(try ImportedRecord.decode(raw: bytes[ranges[i]], source: source)))
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
            case .success(let record):
                records.append(record)
                state.report.seen.append(record.id)
            case .failure(let failure):
                state.report.reject(.rejectedRecord(file: input.displayName, index: firstIndex + offset, id: failure.id, reason: failure.reason))
            case .none: break
            }
        }
        return records
    }
}

/// Writes batches on a queue of its own, in order, so decoding the next batches — of the same
/// file or the next — overlaps. Any other write of the import waits for them first (`finish`).
///
/// Up to four batches wait or are under way: the decoding threads run ahead while the writer
/// waits for the disk at a checkpoint, and the writer finds a batch ready when it ends one (1 M
/// records: it waited 3.1–3.3 s in all for the next batch with one at a time, 2.0–2.6 s with four).
///
/// `@unchecked Sendable`: `outcomes` and `failed` are behind `lock`; `queue` runs one batch at a time.
final class BatchWriter: @unchecked Sendable {
    let store: RecordStore
    let queue = DispatchQueue(label: "guichet.import.writer")
    let group = DispatchGroup()
    /// Written only by the batch under way, or while none is (`forgetCommunes`).
    let communes = ApidaeCommuneMemo()
    /// Batches queued or under way.
    private let slots = DispatchSemaphore(value: 4)
    private let lock = NSLock()
    private var outcomes: [Result<BatchOutcome, RecordsError>] = []
    private var failed = false

    init(store: RecordStore) { self.store = store }

    /// Adds the outcomes of the batches written so far to the report (throwing the first failure),
    /// then queues `records` once a slot is free.
    func submit(_ records: [ImportedRecord], collectingInto report: inout ImportReport) throws(RecordsError) {
        try collect(into: &report)
        // Inside a generation (one transaction on this thread) the batch is written here: the
        // transaction's connection is this thread's.
        if store.isInGeneration {
            report.add(try store.upsert(records, communes: communes))
            return
        }
        slots.wait()
        queue.async(group: group) { [store] in
            defer { self.slots.signal() }
            // A batch after a failed one is not written: the import stops at the failure.
            guard !self.lock.withLock({ self.failed }) else { return }
            let result: Result<BatchOutcome, RecordsError>
            do throws(RecordsError) { result = .success(try store.upsert(records, communes: self.communes)) } catch { result = .failure(error) }
            self.lock.withLock {
                if case .failure = result { self.failed = true }
                self.outcomes.append(result)
            }
        }
    }

    /// After the import changed `apidae_commune`, with no batch under way (`finish` first).
    func forgetCommunes() { communes.forget() }

    /// Waits for the batches under way, if any (an import that stops on an error writes nothing after).
    func waitUntilIdle() { group.wait() }

    /// Waits for the batches under way and adds their outcomes to the report.
    func finish(collectingInto report: inout ImportReport) throws(RecordsError) {
        group.wait()
        try collect(into: &report)
    }

    private func collect(into report: inout ImportReport) throws(RecordsError) {
        let done = lock.withLock { () -> [Result<BatchOutcome, RecordsError>] in
            defer { outcomes.removeAll() }
            return outcomes
        }
        for outcome in done {
            switch outcome {
            case .success(let o): report.add(o)
            case .failure(let e): throw e
            }
        }
    }
}
