import Brochure
import CRM
import Foundation
import Records

/// Turns record ids into a PDF with the office's branding: what the `brochure` command, the reply
/// and (later) the web basket share.
public struct BrochureMaker: Sendable {
    public let records: RecordStore
    public let layoutsFolder: String
    public let brandingFolder: String
    public let fonts: FontLibrary
    /// nil: no photo is fetched (neutral blocks).
    public let photos: PhotoCache?

    public init(records: RecordStore, layoutsFolder: String = "Layouts", brandingFolder: String = "Branding",
                fontsFolder: String = "Fonts/files", photos: PhotoCache?) throws {
        self.records = records; self.layoutsFolder = layoutsFolder; self.brandingFolder = brandingFolder
        self.fonts = try FontLibrary(folder: fontsFolder, required: ["Lato"])
        self.photos = photos
    }

    public struct Result: Sendable {
        public var pdf: Data
        public var pages: Int
        /// The records printed, in order, with their names in the brochure's language.
        public var names: [String]
        /// Ids not in the cache, skipped.
        public var unknown: [Int]
    }

    /// The records in print order; unknown ids are reported, not fatal; none at all is an error.
    public func records(_ ids: [Int], language: String, window: PeriodText.Window? = nil) throws -> (records: [BrochureRecord], unknown: [Int]) {
        guard !ids.isEmpty else { throw WorkflowError.emptySelection }
        let communes = Dictionary(uniqueKeysWithValues: try records.summaries(ids: ids).map { ($0.id, $0.communeName) })
        var objects: [TouristObject] = [], unknown: [Int] = []
        for id in ids {
            do { objects.append(try records.object(id: id)) } catch {
                guard case .unknownRecord = error else { throw error }
                unknown.append(id)
            }
        }
        let urls = objects.map(\.photoURL)
        let photos = self.photos?.photos(for: urls) ?? Array(repeating: nil, count: objects.count)
        let result = zip(objects, photos).map { object, photo in
            BrochureRecord(object: object, language: language, photo: photo, communeName: communes[object.id] ?? nil, window: window)
        }
        guard !result.isEmpty else { throw WorkflowError.noKnownRecord(ids) }
        return (result, unknown)
    }

    /// The member's branding file when there is one, else the office name alone.
    public func branding(member: Int?, office: String) throws -> Branding {
        if let member, let found = try Branding.forMember(String(member), in: brandingFolder) {
            return found
        }
        return Branding(office: office)
    }

    /// An office's brochure branding: what its admin set in the CRM, else its member's file, else
    /// its name alone.
    public func branding(for office: Office, own: OfficeBranding) throws -> Branding {
        var branding = try branding(member: office.apidaeMember, office: office.name)
        if let logo = own.logo { branding.logo = logo }
        if let hex = own.primary, let color = Color(hex: hex) { branding.primary = color }
        if let hex = own.muted, let color = Color(hex: hex) { branding.muted = color }
        if let address = own.address { branding.address = address }
        if let legal = own.legal { branding.legal = legal }
        return branding
    }

    /// What an office's document may decode to (checked at upload, and again at each print for
    /// documents stored before the check existed).
    public static let documentBudget = PDFStreamBudget()

    /// The records as a brochure, then the pages of `appending` (the office's PDF documents).
    /// `imposition`: `.booklet` lays the pages two-up in saddle-stitch order for the office's
    /// printer (the email's brochure stays `.none`).
    /// `window`: the dates the agent searched; each record prints its periods meeting them.
    public func render(ids: [Int], layout: String, language: String, branding: Branding, appending documents: [Data] = [],
                       imposition: Imposition = .none, window: PeriodText.Window? = nil) throws -> Result {
        let (printed, unknown) = try records(ids, language: language, window: window)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        var renderer = BrochureRenderer(layout: try Layout.named(layout, in: layoutsFolder), fonts: fonts, language: language, branding: branding)
        renderer.appendix = try documents.map { data throws(BrochureError) in try PDFPages(data: data, budget: Self.documentBudget) }
        renderer.accessible = imposition == .none  // an imposed booklet is for the printer: its tags would not survive
        let rendered = try renderer.render(printed, to: file.path)
        var pdf = try Data(contentsOf: file)
        var pages = rendered.pages
        if imposition == .booklet {
            let imposed = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-\(UUID().uuidString).pdf")
            defer { try? FileManager.default.removeItem(at: imposed) }
            pages = try fonts.exclusive { () throws(BrochureError) in try Imposition.impose(try PDFPages(data: pdf), to: imposed.path) }
            pdf = try Data(contentsOf: imposed)
        }
        return Result(pdf: pdf, pages: pages, names: printed.map(\.name), unknown: unknown)
    }

    /// Documents alone, one after the other in one PDF (a basket with no record).
    public func merge(_ documents: [Data]) throws -> Result {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        let pages = try PDFCanvas.merge(try documents.map { data throws(BrochureError) in try PDFPages(data: data, budget: Self.documentBudget) }, to: file.path)
        return Result(pdf: try Data(contentsOf: file), pages: pages, names: [], unknown: [])
    }
}
