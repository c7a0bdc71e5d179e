import ArgumentParser
import Brochure
import Foundation
import Records
import Workflows

struct BrochureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brochure",
        abstract: "Render cached records into a printable PDF brochure.",
        discussion: "Records print in the order given; unknown ids are reported and skipped. Each record's first photo is fetched once into --photo-cache; a missing, broken or unreachable photo prints as a neutral block."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var home: HomeOptions
    @Option(help: "Record ids, comma-separated, in print order.") var ids: String
    @Option(help: "Layout name (a file of --layouts).") var layout = "fiche-a4"
    @Option(help: "Language: fr, en, de, nl, it, es (French where a text is missing).") var lang = "fr"
    @Option(help: "Member (office) id: its branding comes from --branding/ID.yaml.") var member: Int?
    @Option(help: "Folder of member branding files (default: Branding/ of Guichet's home).") var branding: String?
    @Option(help: "Office name, replacing the member's.") var office: String?
    @Option(help: "Folder of layout files (default: Layouts/ of Guichet's home).") var layouts: String?
    @Option(help: "Folder of fonts (default: Fonts/files/ of Guichet's home, filled by scripts/fonts.sh).") var fonts: String?
    @Option(help: "Folder where photos fetched by URL are kept.") var photoCache = "photo-cache"
    @Option(help: "none (one page per sheet, for screens and email) or booklet (two pages per side in saddle-stitch order, to print double-sided and fold).")
    var imposition: Imposition = .none
    @Flag(help: "Print without photos (neutral blocks), fetching nothing.") var noPhotos = false
    @Option(name: .shortAndLong, help: "The PDF to write.") var output: String

    func run() throws {
        let numbers = try ids.split(separator: ",").map { text -> Int in
            guard let id = Int(text.trimmingCharacters(in: .whitespaces)) else { throw ValidationError("--ids: \"\(text)\" is not a record id") }
            return id
        }
        guard !numbers.isEmpty else { throw ValidationError("--ids: the selection is empty") }
        let resources = [branding, layouts, fonts].contains(nil) ? try home.locate() : nil
        let brandingFolder = branding ?? resources!.branding
        let maker = try BrochureMaker(records: try RecordStore(owner: database.open()), layoutsFolder: layouts ?? resources!.layouts,
                                      brandingFolder: brandingFolder, fontsFolder: fonts ?? resources!.fonts,
                                      photos: noPhotos ? nil : try PhotoCache(folder: photoCache))
        if let member, try Branding.forMember(String(member), in: brandingFolder) == nil {
            printError("member \(member) has no branding file in \(brandingFolder)/: printing without logo")
        }
        var signature = try maker.branding(member: member, office: "Office de Tourisme")
        if let office { signature.office = office }
        let result = try maker.render(ids: numbers, layout: layout, language: lang, branding: signature, imposition: imposition)
        for id in result.unknown { printError("unknown record \(id): skipped") }
        try result.pdf.write(to: URL(fileURLWithPath: output))
        print("wrote \(output): \(result.names.count) records on \(result.pages) pages")
    }
}

extension Imposition: ExpressibleByArgument {}
