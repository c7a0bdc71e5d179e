import CRM
import Foundation
import GuichetTestSupport
import Testing

@Suite("Themes, Qualif+ criteria and reply templates")
struct ListTests {
    @Test(arguments: Engine.available) func requestThemesComeFromTheRegionalListWhichTheRegionalAdminExtends(engine: Engine) throws {
        let f = try TwoOffices(engine)
        #expect(try f.store.lists.themes().map(\.key).prefix(3) == ["hebergements", "manifestations", "activites"])
        #expect(throws: CRMError.invalid(field: "themes", reason: "thème inconnu « activites/canyoning » (voir la liste régionale)")) {
            try f.store.requests.add(InformationRequest(contactMode: .counter, themes: ["activites/canyoning"]), by: f.agentA)
        }
        #expect(throws: CRMError.self) { try f.store.lists.addSubTheme(theme: "activites", label: "Canyoning", by: f.adminA) }
        let added = try f.store.lists.addSubTheme(theme: "activites", label: "Canyoning", by: .regionalAdmin)
        #expect(added.key == "canyoning")
        #expect(try f.store.requests.add(InformationRequest(contactMode: .counter, themes: ["activites/canyoning", "services"]), by: f.agentA).themes.count == 2)
        #expect(try f.store.lists.addSubTheme(theme: "patrimoine", label: "Églises romanes", by: .regionalAdmin).key == "eglises-romanes")
    }

    @Test(arguments: Engine.available) func officeCriteriaCheckRequestsAndStayPrivate(engine: Engine) throws {
        let f = try TwoOffices(engine)
        try f.store.lists.setCriterion(Criterion(name: "Venu pour", choices: ["lac", "montagne"]), by: f.adminA)
        #expect(throws: CRMError.self) { try f.store.lists.setCriterion(Criterion(name: "x"), by: f.agentA) }
        #expect(try f.store.requests.add(InformationRequest(contactMode: .counter, extra: ["Venu pour": "lac"]), by: f.agentA).extra == ["Venu pour": "lac"])
        #expect(throws: CRMError.invalid(field: "extra.Venu pour", reason: "« mer » n'est pas parmi lac, montagne")) {
            try f.store.requests.add(InformationRequest(contactMode: .counter, extra: ["Venu pour": "mer"]), by: f.agentA)
        }
        #expect(throws: CRMError.self) { try f.store.requests.add(InformationRequest(contactMode: .counter, extra: ["Venu pour": "lac"]), by: f.agentB) }
        #expect(try f.store.lists.criteria(by: f.agentB).isEmpty)
    }

    @Test(arguments: Engine.available) func eachOfficeHasItsOwnReplyTemplate(engine: Engine) throws {
        let f = try TwoOffices(engine)
        let adminB = Caller(role: .officeAdmin, officeID: f.b.id, userName: "Admin B")
        try f.store.offices.setReplyTemplate(try ReplyComposer(subject: "Chambéry vous répond", body: "Bonjour {prenom},\n{fiches}\n{agent}"), by: adminB)
        #expect(try f.store.offices.replyTemplate(by: f.agentB).subject == "Chambéry vous répond")
        #expect(try f.store.offices.replyTemplate(by: f.agentA) == .frenchDefault)
        #expect(throws: CRMError.self) { try f.store.offices.setReplyTemplate(.frenchDefault, by: f.agentB) }
    }
}
