import CRM
import Foundation

/// A campaign as its pages word it, in French or English, and its form read back.
enum CampaignLabels {
    static func purpose(_ campaign: Campaign, _ language: UILanguage) -> String {
        let fr = language == .fr
        let purpose = campaign.purpose == .partnerMarketing ? (fr ? "Partenaires" : "Partners") : (fr ? "Office" : "Office")
        return campaign.reOptIn ? (fr ? "Re-consentement · " : "Re-opt-in · ") + purpose : purpose
    }

    static func state(_ campaign: Campaign, _ language: UILanguage) -> String {
        switch (campaign.state, language) {
        case (.draft, .fr): "Brouillon"
        case (.draft, .en): "Draft"
        case (.sending, .fr): "Lancée"
        case (.sending, .en): "Launched"
        }
    }

    /// Why contacts were left out, most frequent first.
    static func reasons(_ reasons: [String: Int], _ language: UILanguage) -> [[String: Any]] {
        reasons.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ["reason": reason($0.key, language), "count": $0.value] }
    }

    static func reason(_ code: String, _ language: UILanguage) -> String {
        let fr = language == .fr
        return switch code {
        case "suppressed": fr ? "Opposés ou effacés (liste d'exclusion)" : "Objected or erased (suppression list)"
        case "objected": fr ? "Opposés à tout envoi" : "Objected to any message"
        case "refused": fr ? "Ont refusé" : "Refused"
        case "withdrawn": fr ? "Ont retiré leur accord" : "Withdrew their agreement"
        case "pending": fr ? "N'ont pas encore confirmé" : "Have not confirmed yet"
        case "no-consent": fr ? "Sans accord confirmé (particuliers)" : "No confirmed agreement (private persons)"
        case "already-confirmed": fr ? "Ont déjà confirmé" : "Already confirmed"
        default: fr ? "Registre illisible" : "Records unreadable"
        }
    }

    /// The draft's fields for `campaign.mustache`.
    static func form(_ c: Campaign, themes: [Theme], _ language: UILanguage) -> [String: Any] {
        let day = { (date: Date?) in date.map { $0.formatted(.iso8601.year().month().day()) } ?? "" }
        let chosen = Set(c.segment.themes)
        let themeRows: [[String: Any]] = themes.map { theme in
            ["key": theme.key, "label": theme.label, "on": chosen.contains(theme.key),
             "subs": theme.subThemes.map { sub -> [String: Any] in
                 let key = "\(theme.key)/\(sub.key)"
                 return ["key": key, "label": sub.label, "on": chosen.contains(key)]
             }]
        }
        return [
            "id": c.id, "name": c.name, "partners": c.purpose == .partnerMarketing, "reOptIn": c.reOptIn, "subject": c.subject, "body": c.body,
            "draft": c.state == .draft, "purposeLabel": purpose(c, language), "stateLabel": state(c, language), "hasBrochure": c.basketID != nil,
            "rate": c.ratePerMinute, "themes": themeRows,
            "criteria": c.segment.criteria.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n"),
            "origins": c.segment.origins.joined(separator: ", "), "languages": c.segment.languages.joined(separator: ", "),
            "kindAll": c.segment.kind == nil, "kindB2C": c.segment.kind == .individual, "kindB2B": c.segment.kind == .professional,
            "since": day(c.segment.interactedSince), "before": day(c.segment.interactedBefore),
        ]
    }

    /// The form's fields written to the draft; a bad date or rate says which field.
    static func apply(_ form: Form, to c: inout Campaign) throws {
        func list(_ text: String?) -> [String] {
            (text ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
        }
        func day(_ field: String) throws -> Date? {
            guard let text = form[field], !text.isEmpty else { return nil }
            guard let date = try? Date(text + "T00:00:00Z", strategy: .iso8601) else {
                throw CRMError.invalid(field: field, reason: "une date AAAA-MM-JJ")
            }
            return date
        }
        c.name = form["name"] ?? c.name
        c.purpose = form["purpose"] == "partners" ? .partnerMarketing : .marketing
        if !c.reOptIn {
            c.subject = form["subject"] ?? c.subject
            c.body = (form["body"] ?? c.body).replacingOccurrences(of: "\r\n", with: "\n")
        }
        if let rate = form["rate"], !rate.isEmpty {
            guard let value = Int(rate) else { throw CRMError.invalid(field: "rate", reason: "un nombre de messages par minute") }
            c.ratePerMinute = value
        }
        var criteria: [String: String] = [:]
        for line in (form["criteria"] ?? "").split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else { throw CRMError.invalid(field: "criteria", reason: "une ligne « critère=valeur » par critère") }
            criteria[parts[0]] = parts[1]
        }
        c.segment = Campaign.Segment(themes: form.all("theme"), criteria: criteria, origins: list(form["origins"]), languages: list(form["languages"]),
                                     kind: Contact.Kind(rawValue: form["kind"] ?? ""), interactedSince: try day("since"),
                                     interactedBefore: try day("before"))
    }
}
