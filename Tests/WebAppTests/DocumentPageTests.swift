import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

@Suite("Office documents over HTTP: the admin's upload, the agents' search and basket",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct DocumentPageTests {
    @Test func anAdminUploadsThePDFItselfAndAgentsPutItInTheirBasket() async throws {
        let desk = try await Desk.make()
        try await desk.server.application().test(.router) { client in
            let admin = try await Desk.signIn(client, "admin@annecy.demo")
            let agent = try await Desk.signIn(client, "agent@annecy.demo")
            func upload(_ data: Data, type: String = "application/pdf", as browser: Desk.Browser, title: String = "Plan%20de%20la%20ville") async throws -> TestResponse {
                var headers = browser.headers
                headers[.contentType] = type
                return try await client.execute(uri: "/api/documents/upload?title=\(title)&name=plan.pdf", method: .post, headers: headers, body: ByteBuffer(bytes: data))
            }
            let map = TestPDF.make(["Plan de la ville"])
            // Refused whole: not the PDF itself, not a PDF, too big, an agent.
            #expect(try await upload(map, type: "application/x-www-form-urlencoded", as: admin).status == .unsupportedMediaType)
            let fake = try await upload(Data("%PDF-1.7 not really".utf8), as: admin)
            #expect(fake.status == .unprocessableContent && String(buffer: fake.body).contains("PDF"), "\(String(buffer: fake.body))")
            #expect(try await upload(Data("%PDF-".utf8) + Data(count: 11 * 1024 * 1024), as: admin).status == .contentTooLarge)
            #expect(try await upload(map, as: agent).status == .forbidden)
            #expect(try await upload(map, as: admin, title: "").status == .unprocessableContent)
            // Stored, listed on the admin's page, found by agents, put in the basket.
            let stored = try await upload(map, as: admin)
            #expect(stored.status == .created)
            let id = try #require(try JSONSerialization.jsonObject(with: Data(buffer: stored.body)) as? [String: Any])["id"] as? Int
            let page = String(buffer: try await client.execute(uri: "/admin/documents", method: .get, headers: admin.headers).body)
            #expect(page.contains("Plan de la ville") && page.contains("/documents/\(id ?? 0)/file.pdf"))
            let found = String(buffer: try await client.execute(uri: "/api/documents?q=ville", method: .get, headers: agent.headers).body)
            #expect(found.contains("\"title\":\"Plan de la ville\""), "\(found)")
            let basket = String(buffer: try await client.execute(uri: "/api/basket/documents", method: .post, headers: agent.headers,
                                                                 body: ByteBuffer(string: "{\"id\": \(id ?? 0)}")).body)
            #expect(basket.contains("\"documents\":[{") && basket.contains("Plan de la ville"), "\(basket)")
            // The draft basket with only the document prints it.
            let printed = try await client.execute(uri: "/basket.pdf", method: .get, headers: agent.headers)
            #expect(printed.status == .ok && Data(buffer: printed.body).starts(with: Array("%PDF-".utf8)))
            let file = try await client.execute(uri: "/documents/\(id ?? 0)/file.pdf", method: .get, headers: agent.headers)
            #expect(Data(buffer: file.body) == map && file.headers[.contentDisposition]?.contains("plan.pdf") == true)
            let emptied = String(buffer: try await client.execute(uri: "/api/basket/documents/\(id ?? 0)", method: .delete, headers: agent.headers).body)
            #expect(emptied.contains("\"documents\":[]"))
        }
    }
}
