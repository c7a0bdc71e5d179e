import Brochure
import Foundation
import GuichetTestSupport
import Testing

/// A real HTTP server on loopback (python3 -m http.server) serving a folder.
final class LocalHTTPServer {
    let process = Process()
    let port: Int
    let folder: URL

    init(folder: URL) throws {
        self.folder = folder
        port = 20_000 + Int(ProcessInfo.processInfo.processIdentifier % 20_000) + Int.random(in: 0..<500)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", folder.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let probe = HTTPFetcher(timeout: 1)
        for _ in 0..<100 {
            if (try? probe.get(url("/"))) != nil { return }
            usleep(50_000)
        }
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    deinit {
        // SIGKILL: the test runner's ignored SIGTERM is inherited by its children.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

@Suite("Photos fetched by URL", .enabled(if: Fixtures.toolsInstalled && hasTool("python3"), "cjpeg and python3 are needed"))
struct PhotoCacheTests {
    @Test func photosAreFetchedOnceAndBadOnesGiveNil() throws {
        // setup
        let t = try TemporaryStore()
        let served = t.folder.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        let jpeg = try Fixtures.jpeg()
        try jpeg.write(to: served.appendingPathComponent("photo.jpg"))
        try Data("<html>not a photo</html>".utf8).write(to: served.appendingPathComponent("broken.jpg"))
        let server = try LocalHTTPServer(folder: served)
        let cache = try PhotoCache(folder: t.folder.appendingPathComponent("cache").path, fetcher: HTTPFetcher(timeout: 3))
        // MUT + validation
        #expect(cache.photo(for: server.url("/photo.jpg")) == jpeg)
        try FileManager.default.removeItem(at: served.appendingPathComponent("photo.jpg"))
        #expect(cache.photo(for: server.url("/photo.jpg")) == jpeg)  // from the folder now
        #expect(cache.photo(for: server.url("/missing.jpg")) == nil)  // 404
        #expect(cache.photo(for: server.url("/broken.jpg")) == nil)  // not a JPEG
        #expect(cache.photo(for: "http://127.0.0.1:9/unreachable.jpg") == nil)  // nothing listens
        #expect(throws: BrochureError.self) { try HTTPFetcher(timeout: 3).get(server.url("/missing.jpg")) }
    }

    @Test func manyPhotosAreFetchedTogetherInOrder() throws {
        let t = try TemporaryStore()
        let served = t.folder.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        let photos = try (0..<12).map { i in try Fixtures.jpeg(width: 40 + i, height: 30) }
        for (i, photo) in photos.enumerated() { try photo.write(to: served.appendingPathComponent("p\(i).jpg")) }
        let server = try LocalHTTPServer(folder: served)
        let cache = try PhotoCache(folder: t.folder.appendingPathComponent("cache").path, fetcher: HTTPFetcher(timeout: 3))
        var urls: [String?] = (0..<12).map { server.url("/p\($0).jpg") }
        urls.insert(nil, at: 3)
        urls.append(server.url("/missing.jpg"))
        let fetched = cache.photos(for: urls, concurrency: 4)
        #expect(fetched.count == 14)
        #expect(fetched[3] == nil && fetched[13] == nil)
        #expect(Array(fetched[0..<3]) + Array(fetched[4..<13]) == photos.map { Optional($0) })
    }
}
