import Foundation
import Records

/// Writes a deterministic Apidae export folder of realistic records: `communes.json`,
/// `elements_reference.json` and `objets_modifies/objets_modifies-N.json` (10,000 records a file),
/// in format v002 as Apidae exports it (communes by Apidae id only, communication types by id).
public struct DemoGenerator {
    public var records: Int
    public var seed: UInt64
    /// Communes to place records in; the built-in regional list when empty.
    public var communes: [Commune]
    public var recordsPerFile = 10_000
    /// Events and periods are spread over the two years from this day.
    public var firstDay = CalendarDay(year: 2026, month: 1, day: 1)!

    public static let members: [(id: Int, name: String)] = [
        (1001, "Office de Tourisme du Lac d'Annecy"), (1002, "Office de Tourisme Grand Chambéry"),
        (1003, "Office de Tourisme Aix-les-Bains Riviera des Alpes"), (1004, "Grenoble Alpes Tourisme"),
        (1005, "Office de Tourisme de la Vallée de Chamonix"), (1006, "Office de Tourisme Auvergne Volcan Sancy"),
        (1007, "Office de Tourisme Pays d'Aurillac"), (1008, "Office de Tourisme Drôme Provençale"),
    ]

    public init(records: Int, seed: UInt64 = 2026, communes: [Commune] = []) {
        self.records = records
        self.seed = seed
        let located = communes.filter { $0.location != nil && DemoCommunes.regionDepartments.contains(String($0.insee.prefix(2))) }
        self.communes = located.isEmpty ? DemoCommunes.builtIn : Self.onePerInsee(located)
    }

    /// Writes the folder; returns the files written.
    @discardableResult
    public func write(to folder: URL) throws -> [URL] {
        let fm = FileManager.default
        let objects = folder.appendingPathComponent("objets_modifies")
        try fm.createDirectory(at: objects, withIntermediateDirectories: true)
        var written = [folder.appendingPathComponent("communes.json"), folder.appendingPathComponent("elements_reference.json")]
        try Data(communesJSON().utf8).write(to: written[0])
        try Data(Self.referencesJSON.utf8).write(to: written[1])
        var rng = SplitMix64(seed: seed)
        var start = 0
        var fileNumber = 1
        while start < records {
            let end = min(records, start + recordsPerFile)
            var w = JSONWriter()
            w.out.reserveCapacity((end - start) * 1600)
            w.raw("[")
            for n in start..<end {
                if n > start { w.raw(",\n") }
                writeRecord(n, into: &w, rng: &rng)
            }
            w.raw("]\n")
            let url = objects.appendingPathComponent("objets_modifies-\(fileNumber).json")
            try Data(w.out.utf8).write(to: url)
            written.append(url)
            start = end
            fileNumber += 1
        }
        return written
    }

    /// Apidae's own commune id for the i-th commune.
    static func apidaeCommuneId(_ i: Int) -> Int { 40_000 + i }

    func communesJSON() -> String {
        var w = JSONWriter()
        w.raw("[")
        for (i, c) in communes.enumerated() {
            if i > 0 { w.raw(",\n") }
            w.raw("{\"id\":\(Self.apidaeCommuneId(i)),\"code\":")
            w.string(c.insee)
            w.raw(",\"nom\":")
            w.string(c.name)
            w.raw(",\"pays\":{\"elementReferenceType\":\"Pays\",\"id\":532},\"codePostal\":")
            w.string(c.postalCode)
            w.raw("}")
        }
        w.raw("]\n")
        return w.out
    }

    static let referencesJSON = """
        [{"elementReferenceType":"MoyenCommunicationType","id":201,"libelleFr":"Téléphone","libelleEn":"Telephone","libelleDe":"Telefon"},
        {"elementReferenceType":"MoyenCommunicationType","id":204,"libelleFr":"Mél","libelleEn":"E-mail","libelleDe":"E-Mail"},
        {"elementReferenceType":"MoyenCommunicationType","id":205,"libelleFr":"Site web (URL)","libelleEn":"Website","libelleDe":"Webseite"}]

        """

    static func onePerInsee(_ communes: [Commune]) -> [Commune] {
        var seen = Set<String>()
        return communes.sorted { ($0.insee, $0.postalCode) < ($1.insee, $1.postalCode) }.filter { seen.insert($0.insee).inserted }
    }
}
