import CRM
import Foundation
import GuichetTestSupport
import Testing

@Suite("Request statistics")
struct StatisticsTests {
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + "T10:00:00Z")! }

    func filled(_ f: TwoOffices) throws {
        let qualified = InformationRequest(date: Self.date("2026-05-12"), contactMode: .counter, responseMode: .email,
                                           stay: .init(from: "2026-07-14", nights: 5), party: .init(size: 4, kind: .family),
                                           originDepartment: "69", originCountry: "FR", themes: ["patrimoine/naturel", "manifestations"])
        var half = qualified
        half.responseMode = nil
        var summer = qualified
        summer.date = Self.date("2026-08-03")
        summer.contactMode = .phone
        summer.originDepartment = nil
        summer.originCountry = "BE"
        summer.themes = ["patrimoine/culturel"]
        for r in [qualified, half, summer] { _ = try f.store.requests.add(r, by: f.agentA) }
        _ = try f.store.requests.add(InformationRequest(date: Self.date("2026-06-20"), contactMode: .counter), by: f.agentA)  // anonymous visit
    }

    @Test(arguments: Engine.available) func officeStatisticsCountMonthsModesOriginsThemesAndQualification(engine: Engine) throws {
        let f = try TwoOffices(engine)
        try filled(f)
        let stats = try f.store.statistics.statistics(from: nil, to: nil, by: f.agentA)
        #expect(stats.requests == 4 && stats.qualified == 2)
        #expect(abs(stats.qualificationRate - 0.5) < 1e-9)
        #expect(stats.byMonth.map(\.key) == ["2026-05", "2026-06", "2026-07", "2026-08"])
        #expect(stats.byMonth.map(\.count) == [2, 1, 0, 1])
        #expect(stats.byContactMode.first == .init("guichet", 3))
        #expect(stats.byOriginCountry.map(\.key) == ["FR", "BE"])
        #expect(stats.byTheme.first == .init("patrimoine", 3))
        let csv = try stats.csv()
        #expect(csv.hasPrefix("rubrique;cle;nombre"))
        #expect(csv.contains("qualification;taux;0.500") && csv.contains("mois;2026-07;0") && csv.contains("theme;patrimoine;3"))
    }

    @Test(arguments: Engine.available) func regionAddsEveryOfficeAndDateWindowFilters(engine: Engine) throws {
        let f = try TwoOffices(engine)
        try filled(f)
        let region = try f.store.statistics.statistics(from: nil, to: nil, by: .regionalAdmin)
        #expect(region.requests == 5)
        // Each office's counts, never a person.
        #expect(region.byOffice.map(\.officeID) == [f.a.id, f.b.id] && region.byOffice.map(\.requests) == [4, 1])
        #expect(region.byOffice.map(\.contacts) == [0, 1])
        #expect(try f.store.statistics.statistics(from: Self.date("2026-06-01"), to: Self.date("2026-09-01"), by: f.agentA).requests == 2)
    }

    @Test(arguments: Engine.available) func contactsAreQualifiedByOneCompleteRequest(engine: Engine) throws {
        // setup: Marie (office B's contact in the fixture) for office A too, one complete and one partial request; Paul, one partial.
        let f = try TwoOffices(engine)
        let marie = try f.store.contacts.add(Contact(email: "marie.dupont@example.org"), by: f.agentA)
        let paul = try f.store.contacts.add(Contact(lastName: "Martin", email: "paul@example.org"), by: f.agentA)
        let complete = InformationRequest(contactID: marie.id, date: Self.date("2026-05-12"), contactMode: .counter, responseMode: .email,
                                          stay: .init(from: "2026-07-14", nights: 5), party: .init(size: 4, kind: .family),
                                          originDepartment: "69", themes: ["manifestations"])
        var partial = complete
        partial.responseMode = nil
        var pauls = partial
        pauls.contactID = paul.id
        for r in [complete, partial, pauls] { _ = try f.store.requests.add(r, by: f.agentA) }
        // MUT
        let stats = try f.store.statistics.statistics(from: nil, to: nil, by: f.agentA)
        // validation: 1 request in 3, 1 contact in 2.
        #expect(stats.contacts == 2 && stats.qualifiedContacts == 1 && abs(stats.contactQualificationRate - 0.5) < 1e-9)
        // New contacts by month: Marie and Paul, this month, as office A recorded them.
        #expect(stats.newContactsByMonth.map(\.count).reduce(0, +) == 2)
        #expect(try stats.csv().contains("qualification;taux contacts;0.500"))
    }

    @Test(arguments: Engine.available) func csvCellsThatWouldRunAsFormulasAreWrittenAsText(engine: Engine) throws {
        // setup: what a visitor or an agent may type into a free field.
        let f = try TwoOffices(engine)
        for typed in ["=HYPERLINK(\"http://x.example\",\"y\")", "+33 6", "-2+3", "@SUM(A1)", "\tcmd"] {
            _ = try f.store.requests.add(InformationRequest(contactMode: .counter, originDepartment: typed), by: f.agentA)
        }
        // MUT
        let csv = try f.store.statistics.statistics(from: nil, to: nil, by: f.agentA).csv()
        let regional = try f.store.statistics.statistics(from: nil, to: nil, by: .regionalAdmin).csv()
        // validation
        for table in [csv, regional] {
            let cells = table.split(whereSeparator: \.isNewline).flatMap { $0.split(separator: ";").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) } }
            #expect(cells.contains("'=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")") || table.contains("'=HYPERLINK"), "\(table)")
            for cell in cells { #expect(!["=", "+", "-", "@", "\t"].contains(where: { cell.hasPrefix($0) }), "formula cell: \(cell)") }
        }
    }
}
