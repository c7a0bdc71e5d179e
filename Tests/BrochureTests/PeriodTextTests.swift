@testable import Brochure
import Foundation
import GuichetTestSupport
import Records
import Testing

@Suite("Dates in words in the brochure: a multi-day event prints its whole period")
struct PeriodTextTests {
    static func day(_ iso: String) -> CalendarDay { CalendarDay(iso: iso)! }

    @Test(arguments: [
        ("fr", "2026-12-10", "2026-12-13", false, "Du 10 au 13 décembre 2026"),
        ("fr", "2026-07-14", "2026-07-14", false, "Le 14 juillet 2026"),
        ("fr", "2026-11-28", "2026-12-03", false, "Du 28 novembre au 3 décembre 2026"),
        ("fr", "2026-12-28", "2027-01-03", false, "Du 28 décembre 2026 au 3 janvier 2027"),
        ("fr", "2026-04-01", "2026-09-30", true, "Du 1 avril au 30 septembre (chaque année)"),
        ("en", "2026-12-10", "2026-12-13", false, "From 10 to 13 December 2026"),
        ("de", "2026-12-10", "2026-12-13", false, "Vom 10 bis 13 Dezember 2026"),
        ("nl", "2026-12-10", "2026-12-13", false, "Van 10 tot 13 december 2026"),
        ("it", "2026-12-10", "2026-12-13", false, "Dal 10 al 13 dicembre 2026"),
        ("es", "2026-12-10", "2026-12-13", false, "Del 10 al 13 diciembre 2026"),
    ])
    func aPeriodIsSaidInTheBrochuresLanguage(language: String, start: String, end: String, everyYear: Bool, expected: String) {
        #expect(PeriodText.describe(OpeningPeriod(start: Self.day(start), end: Self.day(end), everyYear: everyYear), language: language) == expected)
    }

    @Test func anEventsRecordPrintsItsDatesInsteadOfItsFirstDayOnly() throws {
        // setup: Apidae's text says only the first day, as the issue saw.
        var event = TouristObject(id: 7, type: .feteEtManifestation, name: LocalizedText(["fr": "Marché de Noël"]),
                                  openingText: LocalizedText(["fr": "Le 10/12/2026"]),
                                  openingPeriods: [OpeningPeriod(start: Self.day("2026-12-10"), end: Self.day("2026-12-13"))])
        // MUT
        let record = BrochureRecord(object: event, language: "fr", photo: nil)
        // validation
        #expect(record.opening == "Du 10 au 13 décembre 2026")
        // A text that says more than a date is kept after the dates.
        event.openingText = LocalizedText(["fr": "Tous les jours de 10 h à 19 h"])
        #expect(BrochureRecord(object: event, language: "fr", photo: nil).opening == "Du 10 au 13 décembre 2026\nTous les jours de 10 h à 19 h")
    }

    @Test func onlyThePeriodsMeetingTheDatesSearchedArePrinted() {
        let periods = [OpeningPeriod(start: Self.day("2026-07-01"), end: Self.day("2026-07-05")),
                       OpeningPeriod(start: Self.day("2026-08-10"), end: Self.day("2026-08-12")),
                       OpeningPeriod(start: Self.day("2026-04-01"), end: Self.day("2026-10-31"), everyYear: true)]
        let august = PeriodText.Window(from: Self.day("2026-08-01"), to: Self.day("2026-08-15"))
        #expect(PeriodText.describe(periods, language: "fr", window: august) == "Du 1 avril au 31 octobre (chaque année) ; Du 10 au 12 août 2026")
        #expect(PeriodText.describe(periods, language: "fr")?.contains("juillet") == true)
        // A window none meets: every period (better than none).
        let december = PeriodText.Window(from: Self.day("2026-12-01"), to: Self.day("2026-12-31"))
        #expect(PeriodText.describe(Array(periods.prefix(2)), language: "fr", window: december)?.contains("juillet") == true)
    }
}
