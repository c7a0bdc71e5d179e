import CRM
import Consent
import DemoData
import Foundation
import Records
import Storage
import Workflows

/// `guichet serve --demo` on an empty database: demo records, a region with two offices (one
/// START, one PREMIUM), an admin and an agent per office, a regional admin, and a season of
/// requests so the statistics have something to show.
public enum DemoSeed {
    public struct Account: Sendable {
        public var email: String
        public var password: String
        public var role: String
        public var office: String
    }

    public static let password = "guichet-demo"

    /// Seeds what is missing; returns the demo accounts (empty when the database already had users).
    public static func seed(database: DatabaseOwner, records count: Int, log: (String) -> Void) throws -> [Account] {
        // Nodes started together on an empty database: one fills it, the others wait and find it filled.
        let lock = try database.lock("demo-seed", waitingAtMost: 900)
        return try withExtendedLifetime(lock) { try fill(database: database, records: count, log: log) }
    }

    static func fill(database: DatabaseOwner, records count: Int, log: (String) -> Void) throws -> [Account] {
        let store = try RecordStore(owner: database)
        if try store.countsByType().values.reduce(0, +) == 0 {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-demo-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            log("generating \(count) demo records…")
            try DemoGenerator(records: count).write(to: folder)
            let report = try Importer(store: store).importPaths([folder.path])
            log("imported \(report.inserted) demo records")
        }
        let crm = SQLCRM(owner: database)
        guard try crm.users.all(by: .regionalAdmin).isEmpty else { return [] }
        let lake = try crm.offices.add(name: "Office de Tourisme du Lac d'Annecy", tier: .premium, brochureAddOn: false, apidaeMember: 1001, by: .regionalAdmin)
        let city = try crm.offices.add(name: "Office de Tourisme Grand Chambéry", tier: .start, brochureAddOn: false, apidaeMember: 1002, by: .regionalAdmin)
        var accounts: [Account] = []
        func add(_ email: String, _ name: String, _ role: Caller.Role, _ office: Office?) throws {
            _ = try crm.users.add(email: email, name: name, role: role, officeID: office?.id, password: password, by: .regionalAdmin)
            accounts.append(Account(email: email, password: password, role: role.rawValue, office: office?.name ?? "région"))
        }
        try add("region@guichet.demo", "Administration régionale", .regionalAdmin, nil)
        try add("admin@annecy.demo", "Claire Admin", .officeAdmin, lake)
        try add("agent@annecy.demo", "Léa Martin", .agent, lake)
        try add("admin@chambery.demo", "Paul Admin", .officeAdmin, city)
        try add("agent@chambery.demo", "Hugo Bernard", .agent, city)
        try seedRequests(crm, office: lake, agent: "Léa Martin")
        try seedConsents(crm, consent: SQLConsentStore(owner: database), office: lake, agent: "Léa Martin")
        return accounts
    }

    /// Every third demo contact confirmed, at the counter, that they want the office's messages: a
    /// campaign has someone to write to. The events say they are demo data.
    static func seedConsents(_ crm: SQLCRM, consent: SQLConsentStore, office: Office, agent: String) throws {
        let keys = try Workflows.ConsentDesk.keys(store: consent)
        let contacts = try crm.contacts.search(nil, by: Caller(role: .agent, officeID: office.id, userName: agent)).sorted { $0.id < $1.id }
        var events: [ConsentEvent] = []
        for (i, contact) in contacts.enumerated() where i % 3 == 0 {
            guard let email = contact.email else { continue }
            let at = contact.createdAt
            for kind in [ConsentEvent.Kind.asked, .confirmed] {
                events.append(ConsentEvent(officeID: office.id, subject: keys.subject(email: email), purpose: .own, channel: .email, kind: kind,
                                           mode: .counter, context: "données de démonstration", agent: kind == .asked ? agent : nil,
                                           at: at.addingTimeInterval(kind == .asked ? 0 : 3600)))
            }
        }
        try consent.record(events, spending: nil)
    }

    /// A season of counter requests, deterministic.
    static func seedRequests(_ crm: SQLCRM, office: Office, agent: String) throws {
        let caller = Caller(role: .agent, officeID: office.id, userName: agent)
        var state: UInt64 = 2026
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let themes = ["activites/sportives", "patrimoine/naturel", "patrimoine/culturel", "hebergements/plein-air", "gastronomie/restauration", "manifestations",
                      "activites", "services"]
        let countries = ["FR", "FR", "FR", "FR", "BE", "CH", "DE", "NL", "GB"]
        let departments = ["74", "73", "69", "38", "75", "13", "01"]
        let modes: [InformationRequest.ContactMode] = [.counter, .counter, .counter, .phone, .email, .web, .fair]
        let parties = InformationRequest.Party.Kind.allCases
        let start = ISO8601DateFormatter().date(from: "2026-01-05T09:00:00Z")!
        let names = [("Marie", "Dupont"), ("Jan", "de Vries"), ("Sophie", "Martin"), ("Lukas", "Schmidt"), ("Emma", "Bernard")]
        for i in 0..<120 {
            let country = countries[next(countries.count)]
            let full = next(3) > 0
            var contactID: Int64?
            if i % 4 == 0 {
                let (first, last) = names[i / 4 % names.count]
                contactID = try crm.contacts.add(Contact(civility: i % 8 == 0 ? "Mme" : "M.", firstName: first, lastName: last,
                                                       email: "\(first.lowercased()).\(last.lowercased().replacingOccurrences(of: " ", with: ""))\(i)@example.org",
                                                       country: country), by: caller).id
            }
            let summer = next(10) < 6 ? 150 + next(100) : next(320)
            _ = try crm.requests.add(InformationRequest(
                contactID: contactID, date: start.addingTimeInterval(Double(summer) * 86400 + Double(next(8 * 3600))),
                contactMode: modes[next(modes.count)], responseMode: full ? .email : nil,
                subject: nil, stay: full ? .init(from: "2026-07-1\(next(9))", nights: 1 + next(10)) : nil,
                party: .init(size: 1 + next(6), kind: full ? parties[next(parties.count)] : nil),
                originDepartment: country == "FR" ? departments[next(departments.count)] : nil, originCountry: country,
                themes: (0..<(1 + next(2))).map { _ in themes[next(themes.count)] }, status: .closed), by: caller)
        }
    }
}
