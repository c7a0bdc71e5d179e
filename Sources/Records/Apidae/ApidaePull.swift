import Foundation

/// The first half of an API sync: every page of the configured selections written to a staging
/// folder, then the selections' identifiers. Nothing touches the cache here; the pages are applied
/// afterwards as one generation.
public struct ApidaePull: Sendable {
    public let client: ApidaeClient

    public init(client: ApidaeClient) { self.client = client }

    /// What was fetched: the page files in order, the ids they hold, and the ids the selections
    /// hold according to `list-identifiants`.
    public struct Staged: Sendable {
        public var folder: URL
        public var pages: [URL]
        public var numFound: Int
        public var pageIDs: Set<Int>
        public var selectionIDs: Set<Int>
    }

    public struct Progress: Sendable {
        public var pages: Int
        public var records: Int
        public var numFound: Int
    }

    /// Fetches every page into `folder`: the first alone (it says how many objects there are),
    /// the others `configuration.parallelPages` at a time (Apidae answers a page in a few hundred
    /// milliseconds: one at a time, a region's million records would take an hour). Every page
    /// must hold what `numFound` announced: a short page, a `numFound` that changes or objects that
    /// repeat stop the pull with the reason, before anything is applied.
    public func stage(into folder: URL, progress: (@Sendable (Progress) -> Void)? = nil) throws(RecordsError) -> Staged {
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw .sync("cannot create the staging folder \(folder.path): \(error.localizedDescription)")
        }
        let size = client.configuration.pageSize
        let first = try client.page(first: 0, count: size)
        var staged = Staged(folder: folder, pages: [], numFound: first.numFound, pageIDs: [], selectionIDs: [])
        // Each page goes to its file as it arrives; only its ids stay in memory.
        var pages = [Fetched(file: try Self.write(first, index: 0, in: folder), ids: first.ids, numFound: first.numFound)]
        let expected = (first.numFound + size - 1) / size
        if expected > 1, !first.ids.isEmpty {
            let fetched = Slots<Result<Fetched, RecordsError>>(count: expected - 1)
            let done = Tally()
            let failures = Tally()
            // A page that failed after its tries stops the asking.
            forEachBounded(expected - 1, limit: client.configuration.parallelPages, stop: { failures.value > 0 }) { [client] slot in
                let index = slot + 1
                let result: Result<Fetched, RecordsError>
                do throws(RecordsError) {
                    let page = try client.page(first: index * size, count: size)
                    result = .success(Fetched(file: try Self.write(page, index: index, in: folder), ids: page.ids, numFound: page.numFound))
                } catch {
                    result = .failure(error)
                    _ = failures.next()
                }
                fetched.set(slot, result)
                let n = done.next()
                progress?(Progress(pages: n + 1, records: min(first.numFound, (n + 1) * size), numFound: first.numFound))
            }
            for result in fetched.values {
                switch result {
                case .success(let page)?: pages.append(page)
                case .failure(let error)?: throw error
                case nil: throw .sync("a page was not fetched")
                }
            }
        }
        // The pages must be whole, as announced: deletions are decided from them and from the
        // identifiers, so a short page, a count that changed or objects that repeat stop the pull
        // (the cache is not touched; the next pull finds the selections settled).
        for (index, page) in pages.enumerated() {
            guard page.numFound == staged.numFound else {
                throw .sync("the search announced \(staged.numFound) objects, then \(page.numFound) (first=\(index * size)): the selections changed during the pull; try again")
            }
            let before = staged.pageIDs.count
            staged.pageIDs.formUnion(page.ids)
            guard staged.pageIDs.count == before + page.ids.count else {
                throw .sync("the search answered objects already received for first=\(index * size): its pagination does not advance")
            }
            let expectedCount = min(size, staged.numFound - index * size)
            guard page.ids.count == expectedCount else {
                throw .sync("the search answered \(page.ids.count) objects for first=\(index * size), \(expectedCount) expected of \(staged.numFound): a page is missing objects")
            }
            staged.pages.append(page.file)
        }
        progress?(Progress(pages: staged.pages.count, records: staged.pageIDs.count, numFound: staged.numFound))
        staged.selectionIDs = try client.identifiers()
        return staged
    }

    /// A page on disk: its file and the ids it holds.
    struct Fetched: Sendable {
        var file: URL
        var ids: [Int]
        var numFound: Int
    }

    static func write(_ page: ApidaeClient.Page, index: Int, in folder: URL) throws(RecordsError) -> URL {
        let file = folder.appendingPathComponent(String(format: "page-%06d.json", index + 1))
        do { try page.data.write(to: file) } catch { throw .sync("cannot write \(file.path): \(error.localizedDescription)") }
        return file
    }
}
