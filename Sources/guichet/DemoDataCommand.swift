import ArgumentParser
import DemoData
import Foundation
import Records

struct DemoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "Write a deterministic Apidae export folder of realistic demo records."
    )

    @Option(help: "How many records.") var records = 5000
    @Option(help: "The folder to write (created).") var out: String
    @Option(help: "La Poste postal-code CSV: place records in real communes of the region.") var gazetteer: String?
    @Option(help: "Seed: the same seed writes the same records.") var seed: UInt64 = 2026

    func run() throws {
        let communes = try gazetteer.map { try Commune.laPosteGazetteer(at: $0) } ?? []
        let generator = DemoGenerator(records: records, seed: seed, communes: communes)
        let files = try generator.write(to: URL(fileURLWithPath: out))
        print("wrote \(records) records in \(files.count - 2) files, \(generator.communes.count) communes, to \(out)")
    }
}
