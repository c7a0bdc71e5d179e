import Foundation
import Records

/// One record as a brochure prints it, in one language (French where a text is missing).
public struct BrochureRecord: Sendable, Hashable {
    public var id: Int
    public var name: String
    public var typeLabel: String
    /// The regional category the booklet groups it under.
    public var group: String
    public var description: String
    public var addressLines: [String]
    public var phone: String?
    public var email: String?
    public var website: String?
    public var opening: String?
    public var prices: String?
    public var isFree: Bool
    /// The JPEG to print, if one could be had; a neutral block otherwise.
    public var photo: Data?
    /// What a screen reader says for the photo: its caption, else the record's name.
    public var photoAlt: String
    /// Where the QR code points: the record's website, else the pattern with `{id}`.
    public var qrURL: String

    /// - Parameter communeName: the commune as the cache resolved it (exports often give only
    ///   Apidae's commune id); the record's own when nil.
    /// `window`: the dates searched; only the periods meeting them are printed (all when none does).
    public init(object o: TouristObject, language: String, photo: Data?, communeName: String? = nil,
                qrPattern: String = "https://www.apidae-tourisme.com/consulter-offre/{id}", window: PeriodText.Window? = nil) {
        id = o.id
        name = o.name(language)
        // The brochure's headings in its language (French for French, English for the others).
        typeLabel = o.type.label(language)
        group = Category.group(of: o.type)?.label(language) ?? o.type.label(language)
        let long = o.longDescription.text(language), short = o.shortDescription.text(language)
        description = [short, long].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n")
            .replacingOccurrences(of: "\r\n", with: "\n")
        let commune = [o.address.postalCode, communeName ?? o.address.commune?.name].compactMap { $0 }.joined(separator: " ")
        addressLines = o.address.lines + (commune.isEmpty ? [] : [commune])
        phone = o.first(.phone)
        email = o.first(.email)
        website = o.first(.website)
        // The dates in words ("Du 10 au 13 décembre 2026") when the record gives them; Apidae's own
        // text after them, unless it only restates a date ("Le 10/12/2026").
        let text = o.openingText.text(language).flatMap { $0.isEmpty ? nil : $0 }
        if let periods = PeriodText.describe(o.openingPeriods, language: language, window: window) {
            let restates = text?.range(of: #"\d{1,2}/\d{1,2}/\d{4}"#, options: .regularExpression) != nil
            opening = [periods, restates ? nil : text].compactMap { $0 }.joined(separator: "\n")
        } else {
            opening = text
        }
        prices = o.priceText.text(language)
        isFree = o.isFree ?? false
        self.photo = photo
        photoAlt = o.illustrations.first?.caption.text(language).flatMap { $0.isEmpty ? nil : $0 } ?? name
        qrURL = website ?? qrPattern.replacingOccurrences(of: "{id}", with: String(o.id))
    }
}
