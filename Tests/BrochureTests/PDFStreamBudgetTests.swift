import Brochure
import Foundation
import GuichetTestSupport
import Testing

@Suite("A PDF's streams measured before drawing: a bomb is refused in milliseconds, real files pass")
struct PDFStreamBudgetTests {
    @Test func aPageOf200MBOfOperatorsIsRefusedWithoutDecodingItWhole() throws {
        // setup: 200 MB of "q Q" in one FlateDecode content stream (a few hundred KB on disk).
        let bomb = TestPDF.heavy(decodedBytes: 200 << 20)
        #expect(bomb.count < 1 << 20)
        // MUT
        let clock = ContinuousClock()
        var refusal: PDFStreamBudget.Excess?
        let spent = clock.measure {
            do throws(PDFStreamBudget.Excess) { _ = try PDFStreamBudget().check(bomb) } catch { refusal = error }
        }
        // validation: the stream's bound, named with its object; and poppler never sees the file.
        #expect(refusal == .stream(object: "4 0", limit: 16 << 20))
        #expect(throws: BrochureError.oversizedPDF(.stream(object: "4 0", limit: 16 << 20))) {
            _ = try PDFPages(data: bomb, budget: PDFStreamBudget())
        }
        print("PDFStreamBudget: 200 MB bomb refused after \(spent)")
    }

    @Test func pagesThatAddUpPastTheTotalAreRefusedToo() throws {
        let budget = PDFStreamBudget(streamBytes: 3 << 20, contentBytes: 5 << 20, imageBytes: 1 << 20)
        #expect(try budget.check(TestPDF.heavy(decodedBytes: 2 << 20)).contentBytes == 2 << 20)
        #expect(throws: PDFStreamBudget.Excess.stream(object: "4 0", limit: 3 << 20)) { _ = try budget.check(TestPDF.heavy(decodedBytes: 4 << 20)) }
        // Three pages of 2 MB each: every stream within its bound, the total past it.
        let three = TestPDF.heavy(decodedBytes: 2 << 20, pages: 3)
        #expect(try PDFStreamBudget().check(three).contentBytes == 6 << 20)
        #expect(throws: PDFStreamBudget.Excess.content(limit: 5 << 20)) { _ = try budget.check(three) }
    }

    @Test func ordinaryDocumentsPass() throws {
        let plain = TestPDF.make(["Plan de la ville", "Horaires des navettes"])
        let measured = try PDFStreamBudget().check(plain)
        #expect(measured.streams == 2 && measured.contentBytes == 0, "uncompressed streams are what they are on disk")
        #expect(try PDFPages(data: plain, budget: PDFStreamBudget()).count == 2)
    }
}
