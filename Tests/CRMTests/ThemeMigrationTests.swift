import Foundation
import Storage
import GuichetTestSupport
import Testing
@testable import CRM

@Suite("The regional theme list of the offices' charter replaces the first one, requests and campaigns moved")
struct ThemeMigrationTests {
    @Test func requestsCampaignsAndAddedSubThemesFollowTheirThemes() throws {
        // setup: a database as the first list left it, with a sub-theme the regional admin had added.
        let t = try TemporaryStore()
        let old = try DatabaseOwner.open(.sqlite(path: t.store.path), migrations: SQLCRM.migrations, upTo: "crm-13-register")
        try old.write { db in
            try db.execute("INSERT INTO crm_office (id, name, tier) VALUES (1, 'Office', 'PREMIUM')")
            try db.execute("INSERT INTO crm_sub_theme (theme, key, label) VALUES ('nature', 'canyoning', 'Canyoning')")
            for (id, themes) in [(1, #"["nature/randonnee","nature/lacs","nature"]"#), (2, #"["hebergement/camping","evenements"]"#),
                                 (3, #"["nature/canyoning","pratique","transports"]"#)] {
                try db.execute("INSERT INTO crm_request (id, office_id, agent, date, contact_mode, themes) VALUES (?, 1, 'Léa', 0, 'guichet', ?)",
                               [id, themes])
            }
            try db.execute("""
                INSERT INTO crm_campaign (office_id, name, purpose, re_opt_in, subject, body, segment, rate_per_minute, state, created_by, created_at)
                VALUES (1, 'C', 'marketing', 0, 's', 'b', '{"themes":["sports","restauration"],"criteria":{},"origins":[],"languages":[]}', 60, 'draft', 'x', 0)
                """)
        }
        // MUT: opening the CRM runs the migration.
        let crm = try SQLCRM(path: t.store.path)
        // validation
        let agent = Caller.agent(of: 1, name: "Léa")
        let themes = try crm.lists.themes()
        #expect(themes.map(\.label) == ["Hébergements", "Manifestations", "Activités et loisirs", "Patrimoine", "Gastronomie", "Services pratiques",
                                        "Demande spécifique"])
        #expect(Set(themes.first { $0.key == "patrimoine" }?.subThemes.map(\.key) ?? []) == ["culturel", "naturel", "canyoning"])
        #expect(try crm.requests.request(id: 1, by: agent).themes == ["activites/sportives", "patrimoine/naturel"])
        #expect(try crm.requests.request(id: 2, by: agent).themes == ["hebergements/plein-air", "manifestations"])
        #expect(try crm.requests.request(id: 3, by: agent).themes == ["patrimoine/canyoning", "services"])
        #expect(try crm.campaigns.list(by: agent).first?.segment.themes == ["activites/sportives", "gastronomie/restauration"])
    }
}
