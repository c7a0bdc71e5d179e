import Foundation
import GuichetTestSupport
import Testing

@Suite("guichet consent: ask one person again, show the record",
       .enabled(if: TestData.guichetExecutable != nil, "the guichet executable was not built beside the tests"),
       .enabled(if: SMTPTestServer.available, "\(SMTPTestServer.skipReason)"))
struct ConsentCommandTests {
    @Test func aReOptInReachesTheMailServerAndTheRecordShowsItPending() throws {
        // setup: an office and a contact recorded from the command line.
        let office = try CommandLineOffice()
        let (t, server, guichet) = (office.folder, office.server, office.guichet)
        let file = try t.file("request.json", """
            {"contact": {"firstName": "Marie", "lastName": "Dupont", "email": "marie@example.org"}, "contactMode": "salon"}
            """)
        #expect(try guichet(["request", "add", "--office", "1", "--json", file]).status == 0)
        // MUT
        let asked = try guichet(["consent", "ask", "--office", "1", "--email", "marie@example.org", "--purpose", "own", "--purpose", "partners",
                                 "--context", "Salon du randonneur, Lyon"])
        let shown = try guichet(["consent", "show", "--office", "1", "--email", "marie@example.org"])
        let stranger = try guichet(["consent", "show", "--office", "1", "--email", "nobody@example.org"])
        // validation
        #expect(asked.status == 0 && asked.output.contains(": sent"), "\(asked.output)")
        let mail = try #require(try server.messages().first)
        #expect(mail.text.contains("Salon du randonneur, Lyon") && mail.text.contains("https://guichet.example.org/consent/confirm/"))
        #expect(shown.status == 0 && shown.output.contains("own\temail\tpending") && shown.output.contains("partners\temail\tpending"), "\(shown.output)")
        #expect(stranger.status != 0 && stranger.output.contains("nobody@example.org"))
    }
}
