import ArgumentParser
import Foundation
import Records
import Search

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the cached records as the counter does (text, types, categories, radius, dates, owner)."
    )

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Words typed: each a prefix of a word of the name, any language.") var q = ""
    @Option(name: .customLong("type"), help: "Apidae type (repeatable), e.g. HOTELLERIE.") var types: [String] = []
    @Option(name: .customLong("category"), help: "Regional category (repeatable): \(Category.all.map(\.slug).joined(separator: ", ")).")
    var categories: [String] = []
    @Option(help: "Centre: commune name, postal code, INSEE code or \"lat,lon\".") var near: String?
    @Option(help: "Radius in km around --near.") var radius: Double?
    @Option(help: "Date window start, YYYY-MM-DD.") var from: String?
    @Option(help: "Date window end, YYYY-MM-DD.") var to: String?
    @Option(help: "Only the records owned by this Apidae member id.") var member: Int?
    @Flag(help: "All records of the region (the default when no --member is given).") var all = false
    @Option(help: "Language of the names: fr, en, de, nl, it, es.") var lang = "fr"
    @Option(help: "Results per page.") var limit = 20
    @Option(help: "Results to skip.") var offset = 0
    @Flag(help: "Print the JSON the HTTP API serves.") var json = false

    func validate() throws {
        if all && member != nil { throw ValidationError("--member and --all exclude each other") }
    }

    func run() throws {
        let engine = try SearchEngine(store: try RecordStore(owner: database.open()))
        var query = SearchQuery(text: q, member: all ? nil : member, language: lang, offset: offset, limit: limit)
        for t in types {
            let type = ObjectType(apidae: t.uppercased())
            guard ObjectType.known.contains(type) else { throw SearchError.unknownType(t) }
            query.types.insert(type)
        }
        for c in categories {
            guard let category = Category.named(c) else { throw SearchError.unknownCategory(c) }
            query.categories.append(category)
        }
        query.from = try from.map(Self.day)
        query.to = try to.map(Self.day)
        query.radiusKm = radius
        let centre = try near.map { try engine.resolvePlace($0) }
        let response = try engine.search(query, centre: centre)
        if json {
            print(try Output.json(response))
        } else {
            print(Output.table(response))
        }
    }

    static func day(_ text: String) throws -> CalendarDay {
        guard let day = CalendarDay(iso: text), text.count == 10 else { throw SearchError.invalidDate(text) }
        return day
    }
}

struct CommunesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "communes",
        abstract: "Commune autocomplete: by name (accents ignored, \"st etienne\"), postal code or INSEE code."
    )

    @OptionGroup var database: DatabaseOptions
    @Option(help: "What was typed.") var q: String
    @Option(help: "How many communes.") var limit = 10
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let directory = CommuneDirectory(try RecordStore(owner: database.open()).allCommunes())
        let found = directory.search(q, limit: limit)
        if json {
            print(try Output.json(found))
        } else {
            for c in found {
                let position = c.location.map { String(format: "%.4f,%.4f", $0.latitude, $0.longitude) } ?? "-"
                print("\(c.insee)  \(c.postalCode)  \(c.name)  \(position)")
            }
        }
    }
}

enum Output {
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func table(_ r: SearchResponse) -> String {
        var lines: [String] = []
        let shown = r.results.isEmpty ? 0 : r.offset + 1
        lines.append("\(r.total) records (\(shown)–\(r.offset + r.results.count)) in \(r.tookMs) ms"
            + (r.centre.map { " around \($0.label)" + ($0.radiusKm.map { " within \($0) km" } ?? "") } ?? ""))
        for c in r.corrections { lines.append("“\(c.typed)” matched nothing; searched \(c.used.joined(separator: ", "))") }
        for hit in r.results {
            let distance = hit.distanceKm.map { String(format: " %6.1f km", $0) } ?? ""
            let place = [hit.commune, hit.postalCode].compactMap { $0 }.joined(separator: " ")
            lines.append("\(String(hit.id).padding(toLength: 9, withPad: " ", startingAt: 0)) \(hit.typeLabel.padding(toLength: 24, withPad: " ", startingAt: 0)) \(hit.name) — \(place)\(distance)")
        }
        if !r.facets.isEmpty {
            lines.append("by type: " + r.facets.map { "\($0.label) \($0.count)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
