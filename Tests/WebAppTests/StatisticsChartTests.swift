import CRM
import Foundation
import Testing
import WebApp
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("The statistics' charts: standalone SVG, well-formed whatever the labels")
struct StatisticsChartTests {
    @Test func chartsAreWellFormedSVGAndSayTheirValues() {
        let months = [Statistics.Count("2026-06", 4), Statistics.Count("2026-07", 0), Statistics.Count("2026-08", 9)]
        let themes = [Statistics.Count("patrimoine", 3), Statistics.Count("vins <rouges> & \"bio\"", 1)]
        for svg in [StatisticsChart.months(months), StatisticsChart.bars(themes), StatisticsChart.months(Array(months.prefix(1)))] {
            #expect(XMLParser(data: Data(svg.utf8)).parse(), "not well-formed: \(svg.prefix(200))")
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        }
        #expect(StatisticsChart.months(months).contains("2026-07 : 0"))
        #expect(StatisticsChart.bars(themes).contains("patrimoine : 3"))
        #expect(StatisticsChart.bars(themes).contains("vins &lt;rouges&gt; &amp; &quot;bio&quot;"))
    }
}
