import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GuichetTestSupport
import Testing

@Suite("The server's log never holds a person's data",
       .enabled(if: TestData.guichetExecutable != nil, "the guichet executable was not built beside the tests"),
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct ServerLogTests {
    /// A browser without redirects: cookies and the form token by hand.
    final class Browser: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        let base: String
        var cookies: [String: String] = [:]
        lazy var session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: nil)

        init(port: Int) { base = "http://127.0.0.1:\(port)" }

        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }

        func send(_ method: String, _ path: String, form: String? = nil) async throws -> (status: Int, body: String, location: String?) {
            var request = URLRequest(url: URL(string: base + path)!)
            request.httpMethod = method
            request.httpShouldHandleCookies = false
            request.setValue(cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "), forHTTPHeaderField: "Cookie")
            if let form {
                request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
                request.httpBody = Data(form.utf8)
            }
            let (data, response) = try await session.data(for: request)
            let http = response as! HTTPURLResponse
            for case let (name as String, value as String) in http.allHeaderFields where name.lowercased() == "set-cookie" {
                for cookie in value.components(separatedBy: ", ") {
                    let pair = cookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1) ?? []
                    if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
                }
            }
            return (http.statusCode, String(decoding: data, as: UTF8.self), http.value(forHTTPHeaderField: "Location"))
        }

        static func token(in page: String) -> String {
            guard let start = page.range(of: "name=\"_csrf\" value=\"") else { return "" }
            return String(page[start.upperBound...].prefix { $0 != "\"" })
        }
    }

    @Test func recordingViewingExportingAndErasingAPersonLeavesNoTraceInTheLog() async throws {
        let t = try TemporaryStore()
        let server = try ServerProcess(in: t.folder)
        defer { server.stop() }
        let browser = Browser(port: server.port)
        // MUT: sign in, record a visitor, search for them, view, export, erase — and a failing request with their name.
        let login = try await browser.send("GET", "/login")
        let signedIn = try await browser.send("POST", "/login", form: "_csrf=\(Browser.token(in: login.body))&email=admin%40annecy.demo&password=guichet-demo")
        #expect(signedIn.status == 303 && browser.cookies["guichet_session"] != nil, "\(signedIn)")
        let csrf = Browser.token(in: try await browser.send("GET", "/requests/new").body)
        let saved = try await browser.send("POST", "/requests", form: "_csrf=\(csrf)&contactMode=guichet&firstName=Wolfgang&lastName=Verschwinden"
                                           + "&email=wolfgang.verschwinden%40example.de&phone=%2B49+171+5550199&notes=Allergie+gegen+Walnuesse")
        let request = try #require(saved.location, "\(saved.status) \(saved.body.prefix(300))")
        let page = try await browser.send("GET", request).body
        let contact = try #require(page.range(of: "/contacts/").map { String(page[$0.upperBound...].prefix { $0.isNumber }) })
        _ = try await browser.send("GET", "/api/search?q=Verschwinden")
        _ = try await browser.send("GET", "/contacts/\(contact)")
        _ = try await browser.send("GET", "/contacts/\(contact)/export")
        _ = try await browser.send("POST", "/contacts/\(contact)", form: "_csrf=\(csrf)&email=Verschwinden-ist-keine-Adresse")
        let erased = try await browser.send("POST", "/contacts/\(contact)/erase", form: "_csrf=\(csrf)&confirm=EFFACER")
        #expect(erased.status == 303)
        server.stop()
        // validation: the whole log, searched.
        let text = server.log.text
        #expect(text.contains("Guichet stopped"))
        for secret in ["Wolfgang", "Verschwinden", "wolfgang.verschwinden", "5550199", "Walnuesse"] {
            #expect(!text.contains(secret), "the log holds \"\(secret)\": \(text)")
        }
    }
}
