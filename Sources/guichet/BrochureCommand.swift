import ArgumentParser
import Brochure
import Foundation
import Records

struct BrochureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brochure",
        abstract: "Render cached records into a printable PDF brochure.",
        discussion: "Records print in the order given; unknown ids are reported and skipped. Each record's first photo is fetched once into --photo-cache; a missing, broken or unreachable photo prints as a neutral block."
    )

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Record ids, comma-separated, in print order.") var ids: String
    @Option(help: "Layout name (a file of --layouts).") var layout = "fiche-a4"
    @Option(help: "Language: fr, en, de, nl, it, es (French where a text is missing).") var lang = "fr"
    @Option(help: "Member (office) id: its branding comes from --branding/ID.yaml.") var member: String?
    @Option(help: "Folder of member branding files (office name, logo, colours, address, legal mention).") var branding = "Branding"
    @Option(help: "Office name, replacing the member's.") var office: String?
    @Option(help: "Folder of layout files.") var layouts = "Layouts"
    @Option(help: "Folder of fonts (filled by scripts/fonts.sh).") var fonts = "Fonts/files"
    @Option(help: "Folder where photos fetched by URL are kept.") var photoCache = "photo-cache"
    @Flag(help: "Print without photos (neutral blocks), fetching nothing.") var noPhotos = false
    @Option(name: .shortAndLong, help: "The PDF to write.") var output: String

    func run() throws {
        let wanted = ids.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let numbers = try wanted.map { text -> Int in
            guard let id = Int(text) else { throw ValidationError("--ids: \"\(text)\" is not a record id") }
            return id
        }
        guard !numbers.isEmpty else { throw ValidationError("--ids: the selection is empty") }
        let store = try RecordStore(path: database.path)
        let communes = Dictionary(uniqueKeysWithValues: try store.summaries(ids: numbers).map { ($0.id, $0.communeName) })
        let photos = noPhotos ? nil : try PhotoCache(folder: photoCache)
        var records: [BrochureRecord] = []
        for id in numbers {
            let object: TouristObject
            do { object = try store.object(id: id) } catch {
                guard case .unknownRecord = error else { throw error }
                printError("unknown record \(id): skipped")
                continue
            }
            let photo = object.illustrations.first.flatMap { photos?.photo(for: $0.sheetUrl ?? $0.url) }
            records.append(BrochureRecord(object: object, language: lang, photo: photo, communeName: communes[id] ?? nil))
        }
        guard !records.isEmpty else { throw ValidationError("none of the ids is in the cache: nothing to print") }
        var signature = Branding(office: "Office de Tourisme")
        if let member {
            if let found = try Branding.forMember(member, in: branding) { signature = found } else {
                printError("member \(member) has no branding file in \(branding)/: printing without logo")
            }
        }
        if let office { signature.office = office }
        let renderer = BrochureRenderer(layout: try Layout.named(layout, in: layouts),
                                        fonts: try FontLibrary(folder: fonts, required: ["Lato"]), language: lang, branding: signature)
        let rendered = try renderer.render(records, to: output)
        print("wrote \(output): \(records.count) records on \(rendered.pages) pages")
    }
}
