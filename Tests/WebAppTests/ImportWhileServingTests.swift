import CRM
import Foundation
import GuichetTestSupport
import Records
import Testing
import WebApp
import Workflows

@Suite("An import into the file the server writes to",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct ImportWhileServingTests {
    @Test func deskWritesAndAnImportShareTheFileWithoutBusyErrors() async throws {
        // setup: the demo desk, and 3,000 more records to import into the same file meanwhile.
        let desk = try await Desk.make()
        let export = try desk.t.demoExport(records: 3000, name: "more")
        let agent = try #require(try desk.services.crm.users.all(by: .regionalAdmin).first { $0.email == "agent@annecy.demo" })
        var ids: [Int] = []
        try desk.services.records.forEachIndexRow { ids.append($0.id) }
        let services = desk.services
        // MUT: the import (its own store, as `guichet import` would open it) and 40 desk writes at once.
        async let imported = Task.detached { try Importer(store: RecordStore(path: services.records.path), batchSize: 200).importPaths([export]) }.value
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (i, id) in ids.prefix(20).enumerated() {
                group.addTask { _ = try services.draftBasket.add(recordID: id, by: agent.caller) }
                group.addTask {
                    _ = try services.recordRequest.run(.init(contact: Contact(lastName: "Visiteur \(i)", email: "visiteur\(i)@example.org"),
                                                             request: InformationRequest(contactMode: .counter)), by: agent.caller)
                }
            }
            try await group.waitForAll()
        }
        let report = try await imported
        // validation
        #expect(report.inserted > 0 && report.rejected == 0)
        #expect(try services.draftBasket.current(by: agent.caller).recordIDs.count == 20)
        #expect(try services.crm.contacts.search("visiteur", by: agent.caller).count == 20)
    }
}
