import Brochure
import CRM
import Foundation
import Records

/// A record as the agent checks it before handing it out, without leaving the search: its
/// description, contacts, opening periods with their dates, prices, photo and owner, in the
/// language asked (French when the record has nothing in it, and said so). Only records of the
/// office's scope: another's answers as unknown.
public struct RecordDetail: Sendable, Codable, Hashable {
    public var id: Int
    public var name: String
    public var type: String
    public var typeLabel: String
    public var address: [String]
    public var description: String?
    public var phone: String?
    public var email: String?
    public var website: String?
    /// The periods in words ("Du 10 au 13 décembre 2026"), then Apidae's text.
    public var periods: String?
    public var opening: String?
    public var prices: String?
    public var free: Bool
    public var photoURL: String?
    public var owner: String?
    /// The texts came in French because the record has none in the language asked.
    public var frenchFallback: Bool

    /// The record `id` for `office`, in `language`.
    public static func load(id: Int, language: String, for office: Office, in records: RecordStore) throws -> RecordDetail {
        guard try RecordScope.outside([id], for: office, in: records).isEmpty else { throw WorkflowError.unknownRecord(id) }
        let o = try records.object(id: id)
        let summary = try records.summaries(ids: [id], language: language).first
        func text(_ t: LocalizedText) -> String? { t.text(language).flatMap { $0.isEmpty ? nil : $0 } }
        let description = [text(o.shortDescription), text(o.longDescription)].compactMap { $0 }.joined(separator: "\n\n")
        let commune = [o.address.postalCode, summary?.communeName ?? o.address.commune?.name].compactMap { $0 }.joined(separator: " ")
        let asked = [o.name, o.shortDescription, o.longDescription]
        let fallback = language != "fr" && !asked.contains { !($0.values[language] ?? "").isEmpty }
        return RecordDetail(id: o.id, name: o.name(language), type: o.type.apidaeCode, typeLabel: o.type.labelFr,
                            address: o.address.lines + (commune.isEmpty ? [] : [commune]),
                            description: description.isEmpty ? nil : description,
                            phone: o.first(.phone), email: o.first(.email), website: o.first(.website),
                            periods: PeriodText.describe(o.openingPeriods, language: language, limit: 8), opening: text(o.openingText),
                            prices: text(o.priceText), free: o.isFree ?? false, photoURL: o.photoURL, owner: o.owner?.name,
                            frenchFallback: fallback)
    }
}
