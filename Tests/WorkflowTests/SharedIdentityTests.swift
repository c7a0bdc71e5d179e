import CRM
import Consent
import Foundation
import GuichetTestSupport
import Testing
import Workflows

@Suite("Sharing between offices: only with the partners' consent, only to the offices it names, stopped by a withdrawal")
struct SharedIdentityTests {
    struct Region {
        let t: TemporaryStore
        let crm: SQLCRM
        let desk: ConsentDesk
        let agentA: Caller, agentB: Caller, agentC: Caller
        let personA: Contact, personB: Contact, personC: Contact

        init() throws {
            t = try TemporaryStore()
            crm = try SQLCRM(path: t.store.path)
            let a = try crm.offices.add(name: "Office de Tourisme du Lac d'Annecy", tier: .premium, brochureAddOn: false, apidaeMember: 1001, by: .regionalAdmin)
            let b = try crm.offices.add(name: "Office de Tourisme Grand Chambéry", tier: .start, brochureAddOn: false, apidaeMember: 1002, by: .regionalAdmin)
            let c = try crm.offices.add(name: "Grenoble Alpes Tourisme", tier: .premium, brochureAddOn: false, apidaeMember: 1004, by: .regionalAdmin)
            agentA = .agent(of: a.id, name: "Léa"); agentB = .agent(of: b.id, name: "Hugo"); agentC = .agent(of: c.id, name: "Inès")
            let store = try SQLConsentStore(path: t.store.path)
            desk = ConsentDesk(crm: crm, store: store, keys: try ConsentKeys(secret: try store.storedSecret()), mail: nil, publicURL: "https://g.example.org")
            // Annecy names Chambéry (not Grenoble) among its partner offices.
            try store.setPartnerOffices([b.id], officeID: a.id)
            personA = try crm.contacts.add(Contact(civility: "Mme", firstName: "Odile", lastName: "Partagée", email: "odile@example.org",
                                                   phone: "06 10 20 30 40", postalCode: "74000", notes: "note de l'office A"), by: agentA)
            // Chambéry and Grenoble know her by her address only.
            personB = try crm.contacts.add(Contact(email: "odile@example.org"), by: agentB)
            personC = try crm.contacts.add(Contact(email: "odile@example.org"), by: agentC)
        }

        func confirmPartners() throws -> String {
            let asked = try AskConsent(desk: desk).run(contactID: personA.id, purposes: [.partners], mode: .counter, context: nil, by: agentA)
            let text = try #require(asked.confirmation?.text)
            let link = try #require(text.split(whereSeparator: \.isNewline).first { $0.contains("/consent/confirm/") })
            try ConfirmConsent(desk: desk).confirm(token: String(link.split(separator: "/").last!), ipAddress: nil, userAgent: nil)
            return text
        }
    }

    @Test func aPartnerOfficeSeesTheIdentityOnlyWhileTheConsentHolds() throws {
        let r = try Region()
        let share = SharedIdentity(desk: r.desk)
        // Before any consent: nothing shared.
        #expect(try share.shares(contactID: r.personB.id, by: r.agentB).isEmpty)
        // MUT 1: she confirms the partners' box with Annecy (the email named Chambéry).
        let email = try r.confirmPartners()
        #expect(email.contains("Office de Tourisme Grand Chambéry"))
        let shares = try share.shares(contactID: r.personB.id, by: r.agentB)
        #expect(shares.count == 1 && shares[0].office == "Office de Tourisme du Lac d'Annecy")
        let fields = Dictionary(uniqueKeysWithValues: shares.first?.fields.map { ($0.name, $0.value) } ?? [])
        #expect(fields["lastName"] == "Partagée" && fields["phone"] == "06 10 20 30 40" && fields["notes"] == nil, "identity only, not A's notes")
        #expect(try share.shares(contactID: r.personC.id, by: r.agentC).isEmpty, "Grenoble is not named")
        // MUT 2: she withdraws (her email's unsubscribe link): the sharing stops at once.
        let link = try #require(email.split(whereSeparator: \.isNewline).first { $0.contains("/consent/unsubscribe/") })
        try Unsubscribe(desk: r.desk).run(token: String(link.split(separator: "/").last!), ipAddress: nil, userAgent: nil)
        #expect(try share.shares(contactID: r.personB.id, by: r.agentB).isEmpty)
    }

    /// The sequence an attacker in a partner office tried: an address X they control confirms the
    /// sharing office's partners' box; they record a request for a person the sharing office knows
    /// (who never consented), then edit their own profile's email to X.
    @Test func aReceivingOfficeCannotOpenSharingByEditingItsOwnProfilesEmail() throws {
        let r = try Region()
        // setup: X confirms Annecy's partners' box (as through Annecy's public form).
        let x = try r.crm.contacts.add(Contact(email: "x-attaquant@example.net"), by: r.agentA)
        let asked = try AskConsent(desk: r.desk).run(contactID: x.id, purposes: [.partners], mode: .webForm, context: nil, by: r.agentA)
        let link = try #require(asked.confirmation?.text.split(whereSeparator: \.isNewline).first { $0.contains("/consent/confirm/") })
        try ConfirmConsent(desk: r.desk).confirm(token: String(link.split(separator: "/").last!), ipAddress: nil, userAgent: nil)
        // Marie, known to Annecy, never consented; Chambéry records her, then edits its profile's email to X.
        _ = try r.crm.contacts.add(Contact(civility: "Mme", firstName: "Marie", lastName: "Dupont", email: "marie.dupont40@example.org",
                                           country: "FR"), by: r.agentA)
        var marie = try r.crm.contacts.add(Contact(email: "marie.dupont40@example.org"), by: r.agentB)
        marie.email = "x-attaquant@example.net"
        try r.crm.contacts.update(marie, by: r.agentB)
        // MUT
        let shares = try SharedIdentity(desk: r.desk).shares(contactID: marie.id, by: r.agentB)
        // validation: nothing of Annecy's profile of Marie.
        #expect(shares.isEmpty)
    }

    @Test func anOfficeThatDoesNotHoldThePersonGetsNothing() throws {
        let r = try Region()
        _ = try r.confirmPartners()
        let stranger = Caller.agent(of: 99, name: "x")
        #expect(throws: CRMError.self) { _ = try r.crm.contacts.sharedProfiles(of: r.personA.id, offices: [r.agentA.officeID!], by: stranger) }
    }
}
