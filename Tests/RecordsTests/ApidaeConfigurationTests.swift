import Foundation
import GuichetTestSupport
import Records
import Testing

@Suite("Apidae configuration from a file and the environment")
struct ApidaeConfigurationTests {
    @Test func aFileThenTheEnvironmentAndTheKeyNeverShown() throws {
        // setup
        let t = try TemporaryStore()
        let file = try t.file("apidae.env", """
            # the region's project
            GUICHET_APIDAE_PROJECT=1234
            KEY="s3cr3t-key"
            GUICHET_APIDAE_SELECTIONS=49063, 49070
            GUICHET_APIDAE_SYNC_AT=02:15
            """)
        // MUT
        let configuration = try #require(try ApidaeConfiguration.load(file: file, environment: ["GUICHET_APIDAE_SELECTIONS": "1"]))
        // validation: the environment wins; defaults; the key never in the description.
        #expect(configuration.projectID == 1234 && configuration.apiKey == "s3cr3t-key" && configuration.selections == [1])
        #expect(configuration.apiURL == ApidaeConfiguration.defaultURL && configuration.exportHosts == ["export.apidae-tourisme.com"])
        #expect(configuration.nightlyAt == (2, 15) && configuration.pageSize == 200)
        #expect(!configuration.description.contains("s3cr3t"))
        // Not configured at all: nil. Half configured or wrong: an error naming the setting.
        #expect(try ApidaeConfiguration.load(environment: [:]) == nil)
        for (environment, setting) in [(["GUICHET_APIDAE_KEY": "k"], "GUICHET_APIDAE_PROJECT"), (["GUICHET_APIDAE_PROJECT": "12"], "GUICHET_APIDAE_KEY"),
                                       (["GUICHET_APIDAE_PROJECT": "12", "GUICHET_APIDAE_KEY": "k", "GUICHET_APIDAE_SELECTIONS": "a,b"], "GUICHET_APIDAE_SELECTIONS"),
                                       (["GUICHET_APIDAE_PROJECT": "12", "GUICHET_APIDAE_KEY": "k", "GUICHET_APIDAE_URL": "file:///etc"], "GUICHET_APIDAE_URL")] {
            #expect { _ = try ApidaeConfiguration.load(environment: environment) } throws: { "\($0)".contains(setting) && !"\($0)".contains("k\"") }
        }
    }

    @Test func aNotificationIsImportedOnlyForThisProjectFromTheExportHost() throws {
        let configuration = ApidaeConfiguration(projectID: 1234, apiKey: "k")
        func notification(_ fields: [String: String]) throws -> ExportNotification {
            try ExportNotification(form: ["projetId": "1234", "statut": "SUCCESS", "ponctuel": "false", "reinitialisation": "true",
                                          "urlRecuperation": "https://export.apidae-tourisme.com/exports/1234_x.zip",
                                          "urlConfirmation": "https://api.apidae-tourisme.com/api/v002/export/confirmation?hash=1234_x"]
                                         .merging(fields) { $1 })
        }
        #expect(try notification([:]).refusal(for: configuration) == nil && notification([:]).fullReplacement)
        #expect(try notification(["projetId": "99"]).refusal(for: configuration)?.contains("not this region's project") == true)
        #expect(try notification(["statut": "ERROR"]).refusal(for: configuration)?.contains("failed") == true)
        #expect(try notification(["urlRecuperation": "http://169.254.169.254/latest/meta-data"]).refusal(for: configuration) != nil)
        #expect(try notification(["urlConfirmation": "http://127.0.0.1:22/"]).refusal(for: configuration) != nil)
        // Apidae's failed export comes without a zip: recorded with Apidae's word, not refused as malformed.
        #expect(try ExportNotification(form: ["projetId": "1234", "statut": "ERROR"]).refusal(for: configuration)?.contains("failed") == true)
        #expect(try ExportNotification(form: ["projetId": "1234", "statut": "SUCCESS"]).refusal(for: configuration)?.contains("no urlRecuperation") == true)
        #expect(throws: RecordsError.self) { try ExportNotification(form: ["name": "x"]) }
        // An export is known by its address without query or fragment.
        #expect(try notification(["urlRecuperation": "https://export.apidae-tourisme.com/exports/1234_x.zip?x=1#y"]).exportKey
                == "https://export.apidae-tourisme.com/exports/1234_x.zip")
    }
}
