import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

/// Brochures are drawn on threads of their own: an office printing heavy documents never holds the
/// threads that answer the other offices.
@Suite("Prints never starve other offices: heavy documents refused at upload, drawing on its own threads",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct PrintIsolationTests {
    @Test func theBombIsRefusedAtUploadWithAFrenchReason() async throws {
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            let admin = try await Desk.signIn(client, "admin@annecy.demo")
            var headers = admin.headers
            headers[.contentType] = "application/pdf"
            let refused = try await client.execute(uri: "/api/documents/upload?title=Plan&name=plan.pdf", method: .post, headers: headers,
                                                   body: ByteBuffer(bytes: TestPDF.heavy(decodedBytes: 200 << 20)))
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("trop lourd"), "\(String(buffer: refused.body))")
        }
    }

    @Test func anotherOfficesRequestListAnswersWithinASecondWhileEightHeavyPrintsRun() async throws {
        // setup: a document just within the bounds, yet slow to draw (12 MB of operators, over a second
        // each), in Annecy's agent's basket.
        let desk = try await Desk.make()
        let heavy = TestPDF.heavy(decodedBytes: 12 << 20)
        let admin = Caller(role: .officeAdmin, officeID: 1, userName: "Claire")
        let stored = try desk.services.crm.documents.add(OfficeDocument(title: "Carte lourde", fileName: "carte.pdf", sha256: Digest.sha256Hex(heavy),
                                                                        size: heavy.count, pages: 1), data: heavy, by: admin)
        try await desk.server.application().test(.router) { client in
            let lea = try await Desk.signIn(client, "agent@annecy.demo")
            let paul = try await Desk.signIn(client, "admin@chambery.demo")
            #expect(try await client.execute(uri: "/api/basket/documents", method: .post, headers: lea.headers,
                                             body: ByteBuffer(string: "{\"id\": \(stored.id)}")).status == .ok)
            // MUT: eight prints at once, and Chambéry's request list asked again and again meanwhile.
            let clock = ContinuousClock()
            let started = clock.now
            let (printed, slowest, asked) = try await withThrowingTaskGroup(of: (Int, Duration, Int).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let response = try await client.execute(uri: "/basket.pdf", method: .get, headers: lea.headers)
                        return (response.status == .ok ? 1 : 0, .zero, 0)
                    }
                }
                group.addTask {
                    var slowest = Duration.zero, asked = 0
                    try await Task.sleep(for: .milliseconds(300))  // the prints are under way
                    while clock.now - started < .seconds(6) {
                        let t0 = clock.now
                        #expect(try await client.execute(uri: "/api/requests", method: .get, headers: paul.headers).status == .ok)
                        slowest = max(slowest, clock.now - t0); asked += 1
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    return (0, slowest, asked)
                }
                var printed = 0, slowest = Duration.zero, asked = 0
                for try await (p, s, a) in group { printed += p; slowest = max(slowest, s); asked += a }
                return (printed, slowest, asked)
            }
            // validation: every print made, and the other office never waited a second.
            print("PrintIsolation: 8 prints in \(clock.now - started); Chambéry's list asked \(asked) times, slowest \(slowest)")
            #expect(printed == 8)
            #expect(asked > 10 && slowest <= .seconds(1), "slowest \(slowest) over \(asked) calls")
        }
    }
}

@Suite("The drawing threads: a caller stops waiting at the limit")
struct DrawingLimitTests {
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.lock(); value = true; lock.unlock() }
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    }

    @Test func aDrawingPastTheLimitAnswers503WhileItIsStillDrawing() async throws {
        // setup: a pool whose drawings may take 0.3 s; one that will not end before the test lets it.
        let pool = BlockingPool(threads: 1, drawingThreads: 1, drawingLimit: .milliseconds(300))
        let release = DispatchSemaphore(value: 0)
        let ended = Flag()
        // MUT
        var status: HTTPResponse.Status?
        do {
            _ = try await pool.draw { () -> Int in
                _ = release.wait(timeout: .now() + 60)
                ended.set()
                return 1
            }
        } catch let error as HTTPError { status = error.status }
        // validation: answered 503 while the drawing still runs (no clock involved); then it ends.
        #expect(status == .serviceUnavailable)
        #expect(!ended.isSet)
        release.signal()
        #expect(try await pool.draw(limited: false) { 42 } == 42)
        #expect(ended.isSet)
    }
}
