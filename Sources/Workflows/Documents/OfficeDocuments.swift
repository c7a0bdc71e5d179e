import Brochure
import CRM
import Foundation

/// The office's own PDF documents: an admin uploads them (PDF only, size-capped, checked by
/// reading it as poppler does, stored once), agents find them and put them in baskets.
public struct OfficeDocuments: Sendable {
    public let crm: any CRMStores
    /// The largest file accepted: a town map or a guide, not a photo archive.
    public static let maxBytes = 10 * 1024 * 1024
    public static let maxPages = 100

    public init(crm: any CRMStores) { self.crm = crm }

    /// Checks and stores a PDF for the caller's office; nothing is stored when it is refused.
    public func upload(title: String, fileName: String, data: Data, by caller: Caller) throws -> OfficeDocument {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 120 else { throw CRMError.invalid(field: "title", reason: "un titre de 1 à 120 caractères") }
        guard !data.isEmpty else { throw CRMError.invalid(field: "file", reason: "le fichier est vide") }
        guard data.count <= Self.maxBytes else {
            throw CRMError.invalid(field: "file", reason: "le fichier dépasse \(Self.maxBytes / 1024 / 1024) Mo")
        }
        let pages: Int
        do { pages = try PDFPages(data: data, budget: BrochureMaker.documentBudget).count } catch {
            throw CRMError.invalid(field: "file", reason: Self.refusal(error))
        }
        guard pages <= Self.maxPages else { throw CRMError.invalid(field: "file", reason: "plus de \(Self.maxPages) pages") }
        let document = OfficeDocument(title: title, fileName: Self.fileName(fileName, title: title),
                                      sha256: Digest.sha256Hex(data), size: data.count, pages: pages)
        return try crm.documents.add(document, data: data, by: caller)
    }

    /// Why a file is refused, in the admin's words.
    static func refusal(_ error: BrochureError) -> String {
        switch error {
        case let .oversizedPDF(excess):
            let detail = switch excess {
            case let .stream(_, limit): "le contenu d'une page dépasse \(limit >> 20) Mo une fois décompressé"
            case let .content(limit): "le contenu des pages dépasse \(limit >> 20) Mo une fois décompressé"
            case let .images(limit): "les images dépassent \(limit >> 20) Mo une fois décompressées"
            }
            return "ce PDF est trop lourd à imprimer : \(detail). Enregistrez-le de nouveau (« Réduire la taille du fichier ») ou découpez-le."
        default:
            return "ce n'est pas un PDF lisible (\(error))"
        }
    }

    public func list(matching text: String? = nil, by caller: Caller) throws -> [OfficeDocument] {
        try crm.documents.documents(matching: text?.trimmingCharacters(in: .whitespaces), by: caller)
    }

    public func file(id: Int64, by caller: Caller) throws -> (document: OfficeDocument, data: Data) {
        (try crm.documents.document(id: id, by: caller), try crm.documents.data(id: id, by: caller))
    }

    /// Removes the document. Baskets that named it skip it from then on.
    public func remove(id: Int64, by caller: Caller) throws {
        try crm.documents.remove(id: id, by: caller)
    }

    /// The basket's documents that still exist, in the basket's order (their bytes are not read).
    public func documents(of basket: Basket, by caller: Caller) throws -> [OfficeDocument] {
        try basket.documentIDs.compactMap { id in
            do { return try crm.documents.document(id: id, by: caller) } catch CRMError.notFound { return nil }
        }
    }

    /// The same with their bytes, for attaching and printing.
    public func files(of basket: Basket, by caller: Caller) throws -> [(document: OfficeDocument, data: Data)] {
        try documents(of: basket, by: caller).map { ($0, try crm.documents.data(id: $0.id, by: caller)) }
    }

    /// A safe attachment name ending in .pdf: the uploaded name without its folders, accents or
    /// anything but plain ASCII letters, digits and a few signs; else the title's.
    static func fileName(_ uploaded: String, title: String) -> String {
        var stem = uploaded.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        if stem.lowercased().hasSuffix(".pdf") { stem.removeLast(4) }
        if stem.trimmingCharacters(in: .whitespaces).isEmpty { stem = title }
        let folded = stem.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "fr_FR"))
        let cleaned = String(folded.map { $0.isASCII && ($0.isLetter || $0.isNumber || " -_.()".contains($0)) ? $0 : "-" }.prefix(80))
            .trimmingCharacters(in: .whitespaces)
        return (cleaned.isEmpty ? "document" : cleaned) + ".pdf"
    }
}
