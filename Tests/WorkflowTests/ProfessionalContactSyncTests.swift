import CRM
import Consent
import Foundation
import GuichetTestSupport
import Records
import Testing
import Workflows

@Suite("Professional contacts from Apidae entities", .enabled(if: hasTool("python3"), "python3 runs the Apidae stand-in"))
struct ProfessionalContactSyncTests {
    typealias F = ApidaeSyncFixture

    static func entity(_ id: Int, name: String, email: String?, phone: String, member: Int = 80, type: String = "STRUCTURE", day: Int = 1) -> Data {
        var means = ["{\"type\":{\"elementReferenceType\":\"MoyenCommunicationType\",\"id\":201},\"coordonnees\":{\"fr\":\"\(phone)\"}}"]
        if let email { means.append("{\"type\":{\"elementReferenceType\":\"MoyenCommunicationType\",\"id\":204},\"coordonnees\":{\"fr\":\"\(email)\"}}") }
        return Data(sampleRecord(id: id, name: name, type: type, modified: String(format: "2026-01-%02dT10:00:00.000+0000", day), member: member,
                                 extra: ",\"informations\":{\"moyensCommunication\":[\(means.joined(separator: ","))]}").utf8)
    }

    @Test func entitiesBecomeB2BContactsOfTheirOfficeWithApidaeWinningOnItsOwnFields() throws {
        // setup: the office owning member 80's entities; a regional mapping; two entities sharing an
        // address, one hotel (not an entity) and an entity of another member in the selection.
        let f = try F()
        let crm = try SQLCRM(path: f.t.store.path)
        let office = try crm.offices.add(name: "OT Aix-les-Bains", tier: .premium, brochureAddOn: false, apidaeMember: 80, by: .regionalAdmin)
        let consentStore = try SQLConsentStore(path: f.t.store.path)
        let desk = ConsentDesk(crm: crm, store: consentStore, keys: try ConsentDesk.keys(store: consentStore), mail: nil, publicURL: "http://127.0.0.1:8080")
        let map = try ProfessionalContactMap(text: "office;category;selection\n*;Hôtellerie;77\n")
        let contacts = ProfessionalContactSync(desk: desk, map: map)
        var selection = [Self.entity(501, name: "SARL Les Pins", email: "contact@lespins.fr", phone: "04 79 00 00 01"),
                         Self.entity(502, name: "SAS Les Pins Gestion", email: "CONTACT@lespins.fr", phone: "04 79 00 00 02"),
                         Self.entity(503, name: "Camping du Lac", email: "lac@camping.fr", phone: "04 79 00 00 03"),
                         Self.entity(504, name: "Hôtel des Pins", email: "hotel@lespins.fr", phone: "04 79 00 00 04", type: "HOTELLERIE"),
                         Self.entity(505, name: "Ailleurs SA", email: "x@ailleurs.fr", phone: "04 50 00 00 05", member: 999)]
        try f.standIn.load(objects: selection, selections: [1: [], 77: [501, 502, 503, 504, 505]])
        let agent = Caller.agent(of: office.id)
        // MUT
        let changed = try contacts.run(client: ApidaeClient(configuration: f.standIn.configuration(selections: [1])))
        // validation: two contacts (the shared address merged), B2B, in the category, each asked to confirm.
        let list = try crm.contacts.search(nil, by: agent)
        #expect(changed == 3 && list.count == 2, "\(list.map(\.displayName))")
        let pins = try #require(try crm.contacts.contact(email: "contact@lespins.fr", by: agent))
        #expect(pins.kind == .professional && pins.category == "Hôtellerie" && pins.company != nil)
        #expect(try crm.apidaeContacts.links(contactID: pins.id, by: agent).map(\.structureID).sorted() == [501, 502])
        #expect(try ContactPage(desk: desk).load(contactID: pins.id, by: agent).apidae.count == 2, "the contact page says where it comes from")
        let asked = try consentStore.events(officeID: office.id, subject: desk.keys.subject(email: "lac@camping.fr"))
        #expect(asked.contains { $0.kind == .asked && $0.mode == .apidaeSync })
        // MUT: Guichet adds a mobile and edits the website; Apidae changes the camping's phone, drops 501 and 503's entity leaves.
        let camping = try #require(try crm.contacts.contact(email: "lac@camping.fr", by: agent))
        var edited = camping
        edited.mobile = "06 00 00 00 00"
        try crm.contacts.update(edited, by: agent)
        selection[2] = Self.entity(503, name: "Camping du Lac", email: "lac@camping.fr", phone: "04 79 99 99 99", day: 5)
        try f.standIn.load(objects: selection, selections: [1: [], 77: [502, 503, 504, 505]])
        _ = try contacts.run(client: ApidaeClient(configuration: f.standIn.configuration(selections: [1])))
        // validation: Apidae's change overwrote, Guichet's addition stayed, the gone entity is flagged, its contact kept.
        let after = try crm.contacts.contact(id: camping.id, by: agent)
        #expect(after.phone == "04 79 99 99 99" && after.mobile == "06 00 00 00 00")
        let links = try crm.apidaeContacts.links(by: agent)
        #expect(links.first { $0.structureID == 501 }?.leftAt != nil && links.first { $0.structureID == 503 }?.leftAt == nil)
        #expect(try crm.contacts.search(nil, by: agent).count == 2)
        // Another office sees none of them.
        let other = try crm.offices.add(name: "OT Chambéry", tier: .premium, brochureAddOn: false, apidaeMember: 81, by: .regionalAdmin)
        #expect(try crm.contacts.search(nil, by: .agent(of: other.id)).isEmpty && crm.apidaeContacts.links(by: .agent(of: other.id)).isEmpty)
    }
}
