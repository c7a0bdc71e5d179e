import Brochure
import CRM
import Foundation
import GRDB
import GuichetTestSupport
import Mail
import Records
import Testing
import Workflows

@Suite("Office documents: checked on upload, in the basket, printed after the records, sent as files of their own",
       .enabled(if: SMTPTestServer.available, "\(SMTPTestServer.skipReason)"),
       .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                "fonts missing: run scripts/fonts.sh"))
struct OfficeDocumentTests {
    typealias Desk = ReplyWorkflowTests.Desk

    func pdf(_ data: Data, in desk: Desk, _ name: String) throws -> (pages: Int, text: String, sizes: [String]) {
        let file = desk.t.folder.appendingPathComponent(name)
        try data.write(to: file)
        let info = String(decoding: try run("pdfinfo", ["-l", "100", file.path]), as: UTF8.self)
        let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        let sizes = info.split(separator: "\n").filter { $0.hasPrefix("Page ") && $0.contains("size:") }
            .map { String($0.split(separator: ":", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces) }
        return (pages, String(decoding: try run("pdftotext", ["-enc", "UTF-8", file.path, "-"]), as: UTF8.self), sizes)
    }

    /// The insider's file: 204 KB whose one page inflates to 200 MB of `q Q` (21 s to print, and
    /// eight prints at once held every shared thread). Refused at upload with the reason in French;
    /// one stored before the check is refused at printing, before poppler reads it.
    @Test func aDocumentWhoseStreamsInflatePastTheBoundIsRefusedAtUploadAndAtPrint() throws {
        // setup
        let desk = try Desk()
        let admin = Caller(role: .officeAdmin, officeID: desk.office.id, userName: "Claire")
        let bomb = TestPDF.heavy(decodedBytes: 200 << 20)
        // MUT 1: the upload.
        var reason = ""
        do { _ = try OfficeDocuments(crm: desk.crm).upload(title: "Plan", fileName: "plan.pdf", data: bomb, by: admin) } catch let CRMError.invalid(field, why) {
            #expect(field == "file"); reason = why
        }
        // validation 1: refused, saying why and what to do; nothing stored.
        #expect(reason.contains("trop lourd") && reason.contains("16 Mo"), "\(reason)")
        #expect(try OfficeDocuments(crm: desk.crm).list(by: admin).isEmpty)
        // MUT 2: stored before the check existed (written straight to the store), then printed.
        let stored = try desk.crm.documents.add(OfficeDocument(title: "Ancien plan", fileName: "plan.pdf", sha256: Digest.sha256Hex(bomb),
                                                               size: bomb.count, pages: 1), data: bomb, by: admin)
        let data = try OfficeDocuments(crm: desk.crm).file(id: stored.id, by: desk.agent).data
        var printed: BrochureError?
        do { _ = try desk.maker().render(ids: desk.ids, layout: "fiche-a4", language: "fr", branding: Branding(office: "OT"), appending: [data]) }
        catch let error as BrochureError { printed = error }
        // validation 2: refused when the file is opened, before any page is drawn.
        #expect(printed == .oversizedPDF(.stream(object: "4 0", limit: 16 << 20)))
    }

    @Test func anUploadIsARealPDFUnderTheCapStoredOnceAndOnlyByTheAdmin() throws {
        // setup
        let desk = try Desk()
        let admin = Caller(role: .officeAdmin, officeID: desk.office.id, userName: "Claire")
        let documents = OfficeDocuments(crm: desk.crm)
        let map = TestPDF.make(["Plan de la ville", "Parkings et navettes"])
        // MUT + validation: a real PDF is kept with its page count and a plain file name.
        let stored = try documents.upload(title: "  Plan de la ville 2026 ", fileName: "C:\\Bureau\\Plan été (v2).PDF", data: map, by: admin)
        #expect(stored.title == "Plan de la ville 2026" && stored.pages == 2 && stored.fileName == "Plan ete (v2).pdf" && stored.size == map.count)
        #expect(try documents.file(id: stored.id, by: desk.agent).data == map)
        // Refused, and nothing stored: not a PDF, a broken PDF, too big, the same file again, an agent.
        let refusals: [(String, Data, Caller)] = [
            ("not a PDF", Data("<html>plan</html>".utf8), admin),
            ("broken", Data("%PDF-1.4\nnothing here\n%%EOF".utf8), admin),
            ("too big", Data("%PDF-1.4\n".utf8) + Data(count: OfficeDocuments.maxBytes), admin),
            ("again", map, admin),
            ("agent", TestPDF.make(["Tarifs"]), desk.agent),
        ]
        for (what, data, caller) in refusals {
            #expect(throws: CRMError.self, "\(what)") { _ = try documents.upload(title: "X", fileName: "x.pdf", data: data, by: caller) }
        }
        #expect(try documents.list(by: desk.agent).map(\.id) == [stored.id])
        #expect(try documents.list(matching: "PLAN", by: desk.agent).count == 1 && documents.list(matching: "tarif", by: desk.agent).isEmpty)
        // Another office uploading the same file: its own document, the bytes kept once.
        let other = try desk.crm.offices.add(name: "Grand Chambéry", tier: .premium, brochureAddOn: false, apidaeMember: 1002, by: .regionalAdmin)
        let theirs = try documents.upload(title: "Plan", fileName: "plan.pdf", data: map, by: Caller(role: .officeAdmin, officeID: other.id, userName: "Paul"))
        #expect(theirs.id != stored.id && theirs.sha256 == stored.sha256)
        #expect(try Self.storedFiles(desk) == 1)
        try documents.remove(id: stored.id, by: admin)
        #expect(try Self.storedFiles(desk) == 1, "still the other office's")
        try documents.remove(id: theirs.id, by: Caller(role: .officeAdmin, officeID: other.id, userName: "Paul"))
        #expect(try Self.storedFiles(desk) == 0)
    }

    /// How many files the database holds, read from the file itself.
    static func storedFiles(_ desk: Desk) throws -> Int {
        try DatabaseQueue(path: desk.t.store.path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM crm_document_file") ?? -1 }
    }

    @Test func theBrochurePrintsTheDocumentsPagesAfterTheRecordsAtTheirOwnSize() throws {
        // setup: a basket of three records and an A3 town map of two pages.
        let desk = try Desk()
        let admin = Caller(role: .officeAdmin, officeID: desk.office.id, userName: "Claire")
        let map = try OfficeDocuments(crm: desk.crm).upload(title: "Plan", fileName: "plan.pdf",
                                                             data: TestPDF.make(["Plan du centre", "Navettes du lac"], size: (842, 1191)), by: admin)
        let basket = try desk.crm.baskets.save(Basket(recordIDs: desk.ids, documentIDs: [map.id], layout: "liste-a4"), by: desk.agent)
        let brochures = BasketBrochure(crm: desk.crm, maker: try desk.maker())
        // MUT
        let printed = try brochures.render(basket, by: desk.agent)
        let alone = try brochures.render(Basket(documentIDs: [map.id]), by: desk.agent)
        // validation: the records' pages, then the map's two, A3, its text still text (vector, not an image).
        let records = try brochures.render(Basket(recordIDs: desk.ids, layout: "liste-a4"), by: desk.agent)
        let full = try pdf(printed.pdf, in: desk, "full.pdf"), only = try pdf(records.pdf, in: desk, "records.pdf")
        #expect(full.pages == only.pages + 2 && printed.pages == full.pages)
        #expect(full.text.contains("Plan du centre") && full.text.contains("Navettes du lac"))
        #expect(full.sizes.first?.hasPrefix("595.") == true && full.sizes.last?.hasPrefix("842 x 1191") == true, "\(full.sizes)")
        let images = String(decoding: try run("pdfimages", ["-list", desk.t.folder.appendingPathComponent("full.pdf").path]), as: UTF8.self)
        #expect(images.split(separator: "\n").count <= 2, "the appended pages are drawn, not pasted as pictures: \(images)")
        let merged = try pdf(alone.pdf, in: desk, "alone.pdf")
        #expect(merged.pages == 2 && merged.text.contains("Navettes du lac"))
        // A document removed since: the basket skips it.
        try OfficeDocuments(crm: desk.crm).remove(id: map.id, by: admin)
        #expect(try pdf(try brochures.render(basket, by: desk.agent).pdf, in: desk, "after.pdf").pages == only.pages)
    }

    @Test func theReplySendsTheBrochureAndEachDocumentAsFilesOfTheirOwn() throws {
        // setup
        let desk = try Desk()
        let server = try SMTPTestServer()
        let admin = Caller(role: .officeAdmin, officeID: desk.office.id, userName: "Claire")
        let prices = TestPDF.make(["Tarifs 2026"])
        let document = try OfficeDocuments(crm: desk.crm).upload(title: "Tarifs des musées", fileName: "tarifs-musees.pdf", data: prices, by: admin)
        let request = try desk.request()
        _ = try desk.crm.baskets.save(Basket(requestID: request.id, recordIDs: desk.ids, documentIDs: [document.id], layout: "liste-a4"), by: desk.agent)
        let from = try MailAddress("accueil@ot-annecy.example", name: "Office de Tourisme du Lac d'Annecy")
        let workflow = ReplyToRequest(crm: desk.crm, brochures: try desk.maker(),
                                      mail: .init(transport: SMTPTransport(SMTPConfiguration(url: server.url, from: from, startTLS: .never)), from: from))
        // MUT
        let draft = try workflow.draft(requestID: request.id, by: desk.agent)
        let entry = try workflow.run(requestID: request.id, attachBasket: true, by: desk.agent)
        // validation: the draft lists the document; the mail carries the brochure and the document, byte for byte.
        #expect(draft.body.contains("– Tarifs des musées"))
        #expect(entry.state == .sent)
        let mail = try #require(try server.messages().first)
        #expect(mail.attachments.map(\.name) == ["Selection Office de Tourisme du Lac d'Annecy.pdf", "tarifs-musees.pdf"])
        #expect(mail.attachments.last?.data == prices)
        let brochure = try pdf(try #require(mail.attachments.first).data, in: desk, "brochure.pdf")
        #expect(!brochure.text.contains("Tarifs 2026"), "the document goes on its own, not inside the brochure")
    }
}
