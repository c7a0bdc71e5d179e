import Foundation
import GuichetTestSupport
import Records
import Testing
import Workflows

@Suite("Guichet's home: found from any directory")
struct HomeTests {
    @Test func theCheckoutIsFoundWithoutFlagOrEnvironment() throws {
        let home = try GuichetHome.locate(flag: nil, environment: [:], executable: nil)
        #expect(home.folder.standardizedFileURL.path == TestData.repository.standardizedFileURL.path)
        #expect(FileManager.default.fileExists(atPath: home.layouts + "/fiche-a4.yaml"))
    }

    @Test func aNamedHomeWithoutLayoutsIsRefusedByName() {
        #expect(throws: HomeError.self) { try GuichetHome.locate(flag: "/nonexistent/guichet-home", environment: [:], executable: nil) }
        let found = try? GuichetHome.locate(flag: nil, environment: ["GUICHET_HOME": "/nonexistent/guichet-home"], executable: nil)
        #expect(found == nil, "GUICHET_HOME names a folder without Layouts/: no fallback to the checkout")
    }

    @Test(.enabled(if: TestData.guichetExecutable != nil, "the guichet executable was not built beside the tests"),
          .enabled(if: FileManager.default.fileExists(atPath: TestData.repository.appendingPathComponent("Fonts/files/Lato-Regular.ttf").path),
                   "fonts missing: run scripts/fonts.sh"))
    func brochureCommandRunsFromAnotherDirectory() throws {
        // setup: a cache in a folder that holds no Layouts/, Branding/ or Fonts/.
        let t = try TemporaryStore()
        _ = try t.importing([try t.demoExport(records: 5)])
        var ids: [Int] = []
        try t.store.forEachIndexRow { ids.append($0.id) }
        let pdf = t.folder.appendingPathComponent("out.pdf").path
        // MUT
        let made = try runGuichet(["brochure", "--db", t.store.path, "--ids", ids.prefix(2).map(String.init).joined(separator: ","),
                                   "--member", "1001", "--no-photos", "-o", pdf], in: t.folder, removing: ["GUICHET_HOME"])
        let wrong = try runGuichet(["brochure", "--db", t.store.path, "--ids", String(ids[0]), "--home", "/nonexistent/guichet-home",
                                    "--no-photos", "-o", pdf], in: t.folder)
        // validation
        #expect(made.status == 0 && made.output.contains("2 records"), "\(made.output)")
        #expect(try text("pdftotext", [pdf, "-"]).contains("IM074100001"))  // member 1001's branding was found
        #expect(wrong.status != 0 && wrong.output.contains("/nonexistent/guichet-home"), "\(wrong.output)")
    }
}
