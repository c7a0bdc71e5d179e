import Foundation
import Records

/// Photos by URL in a folder: fetched once, kept as the JPEG or PNG the server sent. A photo that is
/// missing, broken or unreachable is nil — the brochure prints a neutral block, it never fails.
/// The folder is bounded (`maxBytes`): past it, the photos used least recently go first (a photo's
/// file date is moved on each use).
///
/// `@unchecked Sendable`: its mutable members (URLs that failed, the bytes the folder holds) are
/// only touched under `lock`; files are written atomically (a concurrent reader sees the whole
/// photo or none).
public final class PhotoCache: @unchecked Sendable {
    public let folder: URL
    let fetcher: HTTPFetcher
    /// The folder's bound; eviction brings it back to 90 % of it.
    public let maxBytes: Int
    private var failed: Set<String> = []
    /// The bytes in the folder, counted on first need and kept up to date after.
    private var usage: Int?
    private let lock = NSLock()
    public static let defaultMaxBytes = 2 << 30

    /// `GUICHET_PHOTO_CACHE_MB`, else 2 GiB.
    public static func configuredMaxBytes(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        environment["GUICHET_PHOTO_CACHE_MB"].flatMap(Int.init).map { max(1, $0) << 20 } ?? defaultMaxBytes
    }

    public init(folder: String, fetcher: HTTPFetcher = HTTPFetcher(), maxBytes: Int = PhotoCache.configuredMaxBytes()) throws(BrochureError) {
        self.folder = URL(fileURLWithPath: folder)
        self.fetcher = fetcher
        self.maxBytes = maxBytes
        do { try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true) } catch {
            throw .fetch(url: folder, reason: "cannot create the photo cache folder: \(error.localizedDescription)")
        }
    }

    /// The photo (JPEG or PNG) for `url`, from the folder or fetched into it; nil when none can be had.
    public func photo(for url: String) -> Data? {
        let file = self.file(for: url)
        if let cached = try? Data(contentsOf: file) {
            try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: file.path)  // used: kept longest
            return cached
        }
        return fetch(url, into: file)
    }

    /// Whether the folder holds the photo of `url`.
    public func holds(_ url: String) -> Bool { FileManager.default.fileExists(atPath: file(for: url).path) }

    private func fetch(_ url: String, into file: URL) -> Data? {
        lock.lock()
        let knownBad = failed.contains(url)
        lock.unlock()
        guard !knownBad else { return nil }
        do {
            let data = try fetcher.get(url)
            // Only real, printable pictures are kept (and none past the pixel cap).
            guard let format = ImageFormat(of: data), format != .svg else { throw BrochureError.invalidImage(reason: "not a photo") }
            _ = try ImageFormat.pixelSize(of: data, format: format)
            try data.write(to: file, options: .atomic)
            added(data.count)
            return data
        } catch {
            lock.lock()
            failed.insert(url)
            lock.unlock()
            return nil
        }
    }

    /// The photos of `urls`, fetched `concurrency` at a time, each found in the folder or fetched
    /// into it; nil where none could be had. A brochure of many records waits for its slowest few
    /// photos, not for the sum of them.
    public func photos(for urls: [String?], concurrency: Int = 8) -> [Data?] {
        let results = Slots<Data>(count: urls.count)
        forEachBounded(urls.count, limit: concurrency) { i in
            if let url = urls[i] { results.set(i, self.photo(for: url)) }
        }
        return results.values
    }

    /// What fetching photos ahead of time did.
    public struct Prefetch: Sendable, Equatable {
        public var fetched = 0
        public var alreadyHeld = 0
        public var failed = 0
        public init() {}
    }

    /// Fetches the photos of `urls` the folder does not hold yet, `concurrency` at a time (after a
    /// sync: printing at the counter then never waits on the network); `progress` after each one.
    public func prefetch(_ urls: [String], concurrency: Int = 4, progress: (@Sendable (Int) -> Void)? = nil) -> Prefetch {
        let distinct = Array(Set(urls)).sorted()
        let outcomes = Slots<Int>(count: distinct.count)  // 0 held, 1 fetched, 2 failed
        let finished = Tally()
        forEachBounded(distinct.count, limit: concurrency) { i in
            let file = self.file(for: distinct[i])
            if FileManager.default.fileExists(atPath: file.path) {
                outcomes.set(i, 0)
            } else {
                outcomes.set(i, self.fetch(distinct[i], into: file) == nil ? 2 : 1)
            }
            let n = finished.next()
            progress?(n)
        }
        var report = Prefetch()
        for outcome in outcomes.values {
            switch outcome {
            case 1: report.fetched += 1
            case 2: report.failed += 1
            default: report.alreadyHeld += 1
            }
        }
        return report
    }

    /// Removes the photos of `urls` (those of deleted records); returns how many were held.
    @discardableResult
    public func remove(_ urls: [String]) -> Int {
        var removed = 0
        for url in Set(urls) {
            let file = self.file(for: url)
            guard let size = Self.size(of: file), (try? FileManager.default.removeItem(at: file)) != nil else { continue }
            removed += 1
            added(-size)
        }
        return removed
    }

    /// The bytes the folder holds.
    public var bytesHeld: Int {
        lock.lock()
        defer { lock.unlock() }
        return currentUsage()
    }

    private func added(_ bytes: Int) {
        lock.lock()
        usage = currentUsage() + bytes
        let over = usage! > maxBytes
        lock.unlock()
        if over { evict() }
    }

    /// Under `lock`.
    private func currentUsage() -> Int {
        if let usage { return usage }
        let total = entries().reduce(0) { $0 + $1.size }
        usage = total
        return total
    }

    /// Removes the photos used least recently until the folder holds at most 90 % of `maxBytes`.
    /// Returns how many went.
    @discardableResult
    public func evict() -> Int {
        lock.lock()
        defer { lock.unlock() }
        var files = entries()
        var total = files.reduce(0) { $0 + $1.size }
        let target = maxBytes / 10 * 9
        guard total > maxBytes else { usage = total; return 0 }
        files.sort { $0.used < $1.used }
        var removed = 0
        for entry in files where total > target {
            guard (try? FileManager.default.removeItem(at: entry.url)) != nil else { continue }
            total -= entry.size
            removed += 1
        }
        usage = total
        return removed
    }

    private func entries() -> [(url: URL, size: Int, used: Date)] {
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey]
        let urls = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: keys)) ?? []
        return urls.filter { $0.pathExtension == "img" }.compactMap { url in
            guard let values = try? url.resourceValues(forKeys: Set(keys)), let size = values.fileSize else { return nil }
            return (url, size, values.contentModificationDate ?? .distantPast)
        }
    }

    private static func size(of file: URL) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.intValue
    }

    private func file(for url: String) -> URL { folder.appendingPathComponent(Self.fileName(for: url)) }

    /// A stable file name for a URL (FNV-1a, 64 bits twice): a cache key, not a security measure.
    public static func fileName(for url: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in url.utf8 {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b &* 0x100_0000_01b3) ^ UInt64(byte)
        }
        return String(a, radix: 16) + String(b, radix: 16) + ".img"
    }
}
