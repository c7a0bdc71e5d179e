import Brochure
import Records
import Foundation
import GuichetTestSupport
import Testing

/// A real HTTP server on loopback serving a folder, with /redirect?to=URL (Support/Python/http_server.py).
final class LocalHTTPServer {
    let process = Process()
    let port: Int
    let folder: URL

    init(folder: URL) throws {
        self.folder = folder
        port = 20_000 + Int(ProcessInfo.processInfo.processIdentifier % 20_000) + Int.random(in: 0..<500)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = TestData.repository.appendingPathComponent("Tests/Support/Python/http_server.py").path
        process.arguments = ["python3", script, String(port), folder.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let probe = HTTPFetcher(timeout: 1, policy: Self.loopback)
        for _ in 0..<100 {
            if (try? probe.get(url("/"))) != nil { return }
            usleep(50_000)
        }
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// The tests' photo server is on loopback: allowed by name, as a configuration would.
    static let loopback = FetchPolicy(allowedHosts: ["127.0.0.1"])

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
        let cache = try PhotoCache(folder: t.folder.appendingPathComponent("cache").path, fetcher: HTTPFetcher(timeout: 3, policy: LocalHTTPServer.loopback))
        // MUT + validation
        #expect(cache.photo(for: server.url("/photo.jpg")) == jpeg)
        try FileManager.default.removeItem(at: served.appendingPathComponent("photo.jpg"))
        #expect(cache.photo(for: server.url("/photo.jpg")) == jpeg)  // from the folder now
        #expect(cache.photo(for: server.url("/missing.jpg")) == nil)  // 404
        #expect(cache.photo(for: server.url("/broken.jpg")) == nil)  // not a JPEG
        #expect(cache.photo(for: "http://127.0.0.1:9/unreachable.jpg") == nil)  // nothing listens
        #expect(throws: RecordsError.self) { try HTTPFetcher(timeout: 3, policy: LocalHTTPServer.loopback).get(server.url("/missing.jpg")) }
    }

    @Test func manyPhotosAreFetchedTogetherInOrder() throws {
        let t = try TemporaryStore()
        let served = t.folder.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        let photos = try (0..<12).map { i in try Fixtures.jpeg(width: 40 + i, height: 30) }
        for (i, photo) in photos.enumerated() { try photo.write(to: served.appendingPathComponent("p\(i).jpg")) }
        let server = try LocalHTTPServer(folder: served)
        let cache = try PhotoCache(folder: t.folder.appendingPathComponent("cache").path, fetcher: HTTPFetcher(timeout: 3, policy: LocalHTTPServer.loopback))
        var urls: [String?] = (0..<12).map { server.url("/p\($0).jpg") }
        urls.insert(nil, at: 3)
        urls.append(server.url("/missing.jpg"))
        let fetched = cache.photos(for: urls, concurrency: 4)
        #expect(fetched.count == 14)
        #expect(fetched[3] == nil && fetched[13] == nil)
        #expect(Array(fetched[0..<3]) + Array(fetched[4..<13]) == photos.map { Optional($0) })
    }

    @Test func recordPhotoURLsNeverReachThisMachineOrOtherSchemes() throws {
        // setup: a photo really served on loopback, and what a hostile record could name.
        let t = try TemporaryStore()
        let served = t.folder.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        try Fixtures.jpeg().write(to: served.appendingPathComponent("photo.jpg"))
        let server = try LocalHTTPServer(folder: served)
        let strict = HTTPFetcher(timeout: 3, policy: FetchPolicy())
        let port = server.port
        func reason(_ fetcher: HTTPFetcher, _ url: String) -> String {
            do { _ = try fetcher.get(url); return "fetched" } catch { return error.description }
        }
        // MUT + validation: the default policy refuses loopback by address and by name, and every other scheme.
        #expect(reason(strict, server.url("/photo.jpg")).contains("not on the public internet"))
        #expect(reason(strict, "http://localhost:\(port)/photo.jpg").contains("not on the public internet"))
        #expect(reason(strict, "http://[::1]:\(port)/photo.jpg") != "fetched")
        #expect(reason(strict, "http://0x7f000001:\(port)/photo.jpg") != "fetched")
        for url in ["gopher://127.0.0.1:\(port)/_GET%20/", "file:///etc/passwd", "dict://127.0.0.1:\(port)/", "ftp://127.0.0.1:\(port)/"] {
            #expect(reason(strict, url).contains("only http and https"), "\(url)")
        }
        // An allowed host that redirects to a host not allowed (same machine): refused at the redirect.
        let allowed = HTTPFetcher(timeout: 3, policy: LocalHTTPServer.loopback)
        #expect(reason(allowed, server.url("/photo.jpg")) == "fetched")
        #expect(reason(allowed, server.url("/redirect?to=http://localhost:\(port)/photo.jpg")).contains("not on the public internet"))
        #expect(reason(allowed, server.url("/redirect?to=file:///etc/passwd")).contains("only http and https"))
        #expect(reason(allowed, server.url("/redirect?to=/photo.jpg")) == "fetched")  // a relative redirect on the allowed host
    }

    @Test func addressesOfTheLocalNetworkAreNotPublic() {
        for local: [UInt8] in [[127, 0, 0, 1], [10, 1, 2, 3], [172, 16, 0, 1], [192, 168, 1, 1], [169, 254, 169, 254], [100, 64, 0, 1],
                                 [0, 0, 0, 0], [224, 0, 0, 1], [255, 255, 255, 255]] {
            #expect(!FetchPolicy.isPublic(local), "\(local)")
        }
        let loopback6: [UInt8] = Array(repeating: 0, count: 15) + [1]
        let mapped: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF, 127, 0, 0, 1]
        let linkLocal: [UInt8] = [0xFE, 0x80] + Array(repeating: 0, count: 13) + [1]
        let uniqueLocal: [UInt8] = [0xFD, 0x12] + Array(repeating: 0, count: 14)
        for address in [loopback6, mapped, linkLocal, uniqueLocal] { #expect(!FetchPolicy.isPublic(address), "\(address)") }
        #expect(FetchPolicy.isPublic([93, 184, 215, 14]) && FetchPolicy.isPublic([0x2A, 0x00, 0x14, 0x50] + Array(repeating: 0, count: 12)))
    }
}
