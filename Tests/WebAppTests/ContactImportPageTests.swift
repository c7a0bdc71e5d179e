import CRM
import Foundation
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebApp

@Suite("Contact import pages: the file, the columns, the report",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct ContactImportPageTests {
    @Test func anOfficeAdminChecksTheColumnsThenImports() async throws {
        let desk = try await Desk.make()
        let crm = desk.services.crm
        let annecy = Caller(role: .officeAdmin, officeID: 1, userName: "test")
        let csv = "Courriel;Prénom;Nom;Remarque\r\nines@example.fr;Inès;Lefort;vu au salon\r\nbad-address;Marc;Erreur;\r\n"
        let data = Data([0xEF, 0xBB, 0xBF] + Array(csv.utf8)).base64EncodedString()
        @Sendable func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
        try await desk.server.application().test(.router) { client in
            let admin = try await Desk.signIn(client, "admin@annecy.demo")
            var form = admin.headers
            form[.contentType] = "application/x-www-form-urlencoded"
            let start = String(buffer: try await client.execute(uri: "/admin/import-contacts", method: .get, headers: admin.headers).body)
            #expect(start.contains("id=\"import-file\"") && start.contains("value=\"salon\" selected"))
            let fields = "_csrf=\(admin.csrf)&data=\(encoded(data))&mode=salon&context=\(encoded("Salon Destination Montagnes, Lyon"))&purpose=own"
            // MUT 1: the preview guesses the columns.
            let preview = try await client.execute(uri: "/admin/import-contacts/preview", method: .post, headers: form, body: ByteBuffer(string: fields))
            let page = String(buffer: preview.body)
            #expect(preview.status == .ok && page.contains("<option value=\"email\" selected>") && page.contains("<option value=\"firstName\" selected>"))
            #expect(page.contains("Inès") && page.contains("2 lignes"), "\(page)")
            // MUT 2: the import, the comment column left out.
            let done = try await client.execute(uri: "/admin/import-contacts", method: .post, headers: form,
                                                body: ByteBuffer(string: fields + "&column0=email&column1=firstName&column2=lastName&column3=ignore"))
            let report = String(buffer: done.body)
            #expect(done.status == .ok && report.contains("id=\"import-report\"") && report.contains("« bad-address » n&#39;est pas une adresse e-mail")
                    || report.contains("« bad-address » n'est pas une adresse e-mail"), "\(report)")
            let ines = try #require(try crm.contacts.contact(email: "ines@example.fr", by: annecy))
            #expect(ines.firstName == "Inès" && ines.notes?.contains("vu au salon") != true && ines.notes?.contains("Salon Destination Montagnes") == true)
            // No file: a clear refusal, nothing written.
            let empty = try await client.execute(uri: "/admin/import-contacts/preview", method: .post, headers: form,
                                                 body: ByteBuffer(string: "_csrf=\(admin.csrf)&data=&mode=salon&context=x"))
            #expect(empty.status == .unprocessableContent)
        }
    }
}
