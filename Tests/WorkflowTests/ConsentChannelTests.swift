import CRM
import Consent
import Foundation
import GuichetTestSupport
import Testing
import Workflows

@Suite("Consent by channel: what the person chose at the desk is what the confirmation confirms")
struct ConsentChannelTests {
    @Test func emailAndSMSAskedTogetherAreConfirmedTogether() throws {
        // setup: an office, a visitor, a desk without a mail server (the email waits in the outbox).
        let t = try TemporaryStore()
        let crm = try SQLCRM(path: t.store.path)
        let office = try crm.offices.add(name: "Office de Tourisme du Lac d'Annecy", tier: .premium, brochureAddOn: false, apidaeMember: 1001, by: .regionalAdmin)
        let agent = Caller.agent(of: office.id, name: "Léa Martin")
        let store = try SQLConsentStore(path: t.store.path)
        let desk = ConsentDesk(crm: crm, store: store, keys: try ConsentKeys(secret: try store.storedSecret()), mail: nil, publicURL: "https://g.example.org")
        let contact = try crm.contacts.add(Contact(firstName: "Marie", email: "marie@example.org", mobile: "06 11 22 33 44"), by: agent)
        // MUT: both channels ticked, then the person confirms from the email's link.
        let asked = try AskConsent(desk: desk).run(contactID: contact.id, purposes: [.own], channels: [.sms, .email], mode: .counter, context: nil, by: agent)
        let email = try #require(asked.confirmation)
        let link = try #require(email.text.split(whereSeparator: \.isNewline).first { $0.contains("/consent/confirm/") })
        let token = String(link.split(separator: "/").last ?? "")
        let question = try ConfirmConsent(desk: desk).question(token: token)
        try ConfirmConsent(desk: desk).confirm(token: token, ipAddress: "192.0.2.1", userAgent: "Firefox")
        // validation
        #expect(email.text.contains("Par : e-mail, SMS") && question.channels == [.email, .sms])
        let events = try store.events(officeID: office.id, subject: desk.keys.subject(email: "marie@example.org"))
        #expect(ConsentState.derive(events, purpose: .own, channel: .email) == .confirmed)
        #expect(ConsentState.derive(events, purpose: .own, channel: .sms) == .confirmed)
        #expect(ConsentState.derive(events, purpose: .own, channel: .post) == .none && ConsentState.derive(events, purpose: .partners, channel: .sms) == .none)
    }
}
