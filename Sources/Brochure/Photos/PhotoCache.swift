import Foundation
import Records

/// Photos by URL in a folder: fetched once, kept as the JPEG or PNG the server sent. A photo that is
/// missing, broken or unreachable is nil — the brochure prints a neutral block, it never fails.
///
/// `@unchecked Sendable`: its one mutable member, the set of URLs that failed, is only touched
/// under `lock`; files are written atomically (a concurrent reader sees the whole photo or none).
public final class PhotoCache: @unchecked Sendable {
    public let folder: URL
    let fetcher: HTTPFetcher
    private var failed: Set<String> = []
    private let lock = NSLock()

    public init(folder: String, fetcher: HTTPFetcher = HTTPFetcher()) throws(BrochureError) {
        self.folder = URL(fileURLWithPath: folder)
        self.fetcher = fetcher
        do { try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true) } catch {
            throw .fetch(url: folder, reason: "cannot create the photo cache folder: \(error.localizedDescription)")
        }
    }

    /// The photo (JPEG or PNG) for `url`, from the folder or fetched into it; nil when none can be had.
    public func photo(for url: String) -> Data? {
        let file = folder.appendingPathComponent(Self.fileName(for: url))
        if let cached = try? Data(contentsOf: file) { return cached }
        lock.lock()
        let knownBad = failed.contains(url)
        lock.unlock()
        guard !knownBad else { return nil }
        do {
            let data = try fetcher.get(url)
            // Only real, printable pictures are kept.
            guard let format = ImageFormat(of: data), format != .svg else { throw BrochureError.invalidImage(reason: "not a photo") }
            _ = try ImageFormat.pixelSize(of: data, format: format)
            try data.write(to: file, options: .atomic)
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
        let gate = DispatchSemaphore(value: max(1, concurrency))
        let group = DispatchGroup()
        let queue = DispatchQueue(label: "guichet.photos", attributes: .concurrent)
        for (i, url) in urls.enumerated() {
            guard let url else { continue }
            gate.wait()
            queue.async(group: group) {
                defer { gate.signal() }
                results.set(i, self.photo(for: url))
            }
        }
        group.wait()
        return results.values
    }

    /// A stable file name for a URL (FNV-1a, 64 bits twice): a cache key, not a security measure.
    static func fileName(for url: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in url.utf8 {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b &* 0x100_0000_01b3) ^ UInt64(byte)
        }
        return String(a, radix: 16) + String(b, radix: 16) + ".img"
    }
}
