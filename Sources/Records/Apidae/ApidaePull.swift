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

    /// Fetches every page into `folder`. A page that repeats objects already received, or more
    /// pages than `numFound` allows, stops the pull with an error (a pagination that never ends).
    public func stage(into folder: URL, progress: (@Sendable (Progress) -> Void)? = nil) throws(RecordsError) -> Staged {
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw .sync("cannot create the staging folder \(folder.path): \(error.localizedDescription)")
        }
        let size = client.configuration.pageSize
        var staged = Staged(folder: folder, pages: [], numFound: 0, pageIDs: [], selectionIDs: [])
        var first = 0
        while true {
            let page = try client.page(first: first, count: size)
            if staged.pages.isEmpty { staged.numFound = page.numFound }
            guard !page.ids.isEmpty else { break }
            let fresh = Set(page.ids).subtracting(staged.pageIDs)
            guard !fresh.isEmpty else {
                throw .sync("the API answered objects already received for first=\(first): its pagination does not advance")
            }
            guard page.ids.count <= size else {
                throw .sync("the API answered \(page.ids.count) objects for a page of \(size)")
            }
            let file = folder.appendingPathComponent(String(format: "page-%06d.json", staged.pages.count + 1))
            do { try page.data.write(to: file) } catch { throw .sync("cannot write \(file.path): \(error.localizedDescription)") }
            staged.pages.append(file)
            staged.pageIDs.formUnion(page.ids)
            progress?(Progress(pages: staged.pages.count, records: staged.pageIDs.count, numFound: staged.numFound))
            first += size
            if first >= max(staged.numFound, page.numFound) { break }
            guard staged.pages.count <= staged.numFound / size + 2 else {
                throw .sync("more pages than the \(staged.numFound) objects announced allow: the pagination never ends")
            }
        }
        staged.selectionIDs = try client.identifiers()
        return staged
    }
}
