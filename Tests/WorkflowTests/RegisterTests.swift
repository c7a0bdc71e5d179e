import Brochure
import CRM
import Consent
import Foundation
import GuichetTestSupport
import Testing
import Workflows

@Suite("The register of processing activities: proposed, kept by the office, printed and exported",
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct RegisterTests {
    struct Office {
        let t: TemporaryStore
        let crm: SQLCRM
        let admin: Caller
        let use: RegisterOfProcessing

        init() throws {
            t = try TemporaryStore()
            crm = try SQLCRM(path: t.store.path)
            let office = try crm.offices.add(name: "Office de Tourisme du Lac d'Annecy", tier: .premium, brochureAddOn: false, apidaeMember: 1001, by: .regionalAdmin)
            admin = Caller(role: .officeAdmin, officeID: office.id, userName: "Claire Admin")
            let store = try SQLConsentStore(path: t.store.path)
            try store.setPartners(["Station de Tignes", "Musée Savoisien"], officeID: office.id)
            let desk = ConsentDesk(crm: crm, store: store, keys: try ConsentKeys(secret: try store.storedSecret()), mail: nil, publicURL: "https://g.example.org")
            let root = TestData.repository
            use = RegisterOfProcessing(desk: desk, brochures: try BrochureMaker(
                records: t.store, layoutsFolder: root.appendingPathComponent("Layouts").path, brandingFolder: root.appendingPathComponent("Branding").path,
                fontsFolder: root.appendingPathComponent("Fonts/files").path, photos: nil))
            try crm.retention.setPolicy(RetentionPolicy(inactiveYears: 2, warningDays: 15, action: .delete, messageDays: 180), by: admin)
        }
    }

    @Test func theProposedRegisterSaysWhatGuichetDoesThenTheOfficeKeepsItsOwn() throws {
        let f = try Office()
        // MUT 1: before any save, Guichet's proposal, from the office's own settings.
        let proposed = try f.use.current(by: f.admin)
        #expect(proposed.updatedAt == nil && proposed.processings.count == 4)
        #expect(proposed.processings[0].retention.hasPrefix("2 ans après le dernier échange") && proposed.processings[0].retention.contains("suppression"))
        #expect(proposed.processings[2].recipients.contains("Station de Tignes, Musée Savoisien"))
        // MUT 2: the admin names the referent and adds a processing.
        var kept = proposed
        kept.referent = "Claire Admin, dpo@ot-annecy.example, 04 50 00 00 00"
        kept.processings.append(.init(name: "Billetterie des visites guidées", purpose: "Vendre les visites", legalBasis: "Contrat", persons: "Clients",
                                      data: "Identité, coordonnées, paiement", recipients: "Prestataire de paiement", transfers: "Aucun",
                                      retention: "10 ans (comptabilité)", security: "Paiement chez le prestataire"))
        try f.use.save(kept, by: f.admin)
        let saved = try f.use.current(by: f.admin)
        #expect(saved.processings.count == 5 && saved.updatedBy == "Claire Admin" && saved.referent.contains("dpo@ot-annecy.example"))
        #expect(try f.crm.audit.entries(AuditFilter(action: .registerChanged), by: f.admin).count == 1)
        #expect(try f.crm.registers.updates(by: .regionalAdmin).map(\.officeID) == [f.admin.officeID!])
        // The CSV: one row per processing.
        let csv = try f.use.csv(by: f.admin).split(separator: "\n")
        #expect(csv.count == 6 && csv[0].hasPrefix("traitement;finalite;base_legale") && csv[5].hasPrefix("Billetterie des visites guidées;"))
        // Refused: no processing, an agent.
        #expect(throws: CRMError.self) { try f.use.save(ProcessingRegister(referent: "", processings: []), by: f.admin) }
        #expect(throws: CRMError.self) { try f.use.save(kept, by: Caller.agent(of: f.admin.officeID!, name: "Léa")) }
    }

    @Test(.enabled(if: hasTool("pdftotext"), "poppler-utils missing"))
    func thePDFReadsAsTheRegister() throws {
        let f = try Office()
        // MUT
        let pdf = try f.use.pdf(by: f.admin)
        // validation: the text of every page, in order.
        let text = String(decoding: try run("pdftotext", ["-layout", "-", "-"], input: pdf), as: UTF8.self)
        #expect(pdf.starts(with: Data("%PDF".utf8)))
        for expected in ["Registre des activités de traitement", "Office de Tourisme du Lac d'Annecy", "Responsable du traitement", "À désigner",
                         "Accueil et demandes d'information", "Base légale", "Informations des partenaires", "Station de Tignes",
                         "Statistiques de fréquentation", "Mesures de sécurité"] {
            #expect(text.contains(expected), "\(expected) missing from the PDF")
        }
        let pages = String(decoding: try run("pdfinfo", ["-"], input: pdf), as: UTF8.self)
        #expect(pages.contains("Pages:") && !pages.contains("Pages:          1\n"), "the register takes more than a page")
        if let folder = ProcessInfo.processInfo.environment["GUICHET_TEST_OUTPUT"] {
            try pdf.write(to: URL(fileURLWithPath: folder).appendingPathComponent("registre.pdf"))
        }
    }
}
