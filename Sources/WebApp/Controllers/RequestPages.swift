import CRM
import Consent
import Foundation
import Workflows

/// What the request pages show, read from the stores (on the blocking pool).
enum RequestPages {
    /// - Parameter point: the reception point this browser chose last.
    static func formData(_ caller: Caller, _ language: UILanguage, _ services: GuichetServices, point: String? = nil) throws -> [String: Any] {
        let choices = try services.requestDesk.formChoices(by: caller)
        let points = choices.receptionPoints
        let label = { (key: String, french: String) in language == .en ? Theme.english[key] ?? french : french }
        let themes = choices.themes.map { theme in
            ["key": theme.key, "label": label(theme.key, theme.label),
             "subThemes": theme.subThemes.map { ["key": "\(theme.key)/\($0.key)", "label": label("\(theme.key)/\($0.key)", $0.label)] },
             "hasSubThemes": !theme.subThemes.isEmpty] as [String: Any]
        }
        let criteria = choices.criteria.map { c in
            ["name": c.name, "choices": c.choices.map { ["value": $0] }, "free": c.choices.isEmpty] as [String: Any]
        }
        let office = try services.officeNow(of: caller)
        let consentWordings = try Purpose.allCases.map { ["purpose": $0.rawValue, "text": try services.consent.displayedWording($0, office: office)] }
        return [
            "entryId": "desk-" + Digest.randomHex(bytes: 12),
            "consentWordings": consentWordings,
            "consentChannels": Channel.allCases.map { ["value": $0.rawValue, "label": ConsentLabels.channel($0, language), "email": $0 == .email] },
            "themes": themes, "criteria": criteria, "hasCriteria": !criteria.isEmpty, "basketCount": choices.basketCount,
            "modes": InformationRequest.ContactMode.allCases.map {
                ["value": $0.rawValue, "label": DeskLabels.mode($0, language), "checked": $0 == .counter] as [String: Any]
            },
            "parties": InformationRequest.Party.Kind.allCases.map { ["value": $0.rawValue, "label": DeskLabels.party($0, language)] },
            "points": points.map { ["name": $0, "selected": $0 == point] }, "hasPoints": !points.isEmpty,
            "requestTypes": InformationRequest.RequestType.allCases.map { ["value": $0.rawValue, "label": RequestLabels.type($0, language)] },
            "zones": InformationRequest.Stay.Zone.allCases.map { ["value": $0.rawValue, "label": RequestLabels.zone($0, language)] },
            "accommodations": InformationRequest.Stay.Accommodation.allCases.map { ["value": $0.rawValue, "label": RequestLabels.accommodation($0, language)] },
            "countries": DeskLabels.countries.map { ["code": $0.code, "label": language == .fr ? $0.fr : $0.en] },
            "allCountries": Countries.all(language).map { ["code": $0.code, "name": $0.name] },
        ]
    }

    static func row(_ listed: RequestDesk.Listed, _ language: UILanguage) -> [String: Any] {
        let r = listed.request, contact = listed.contact
        var row: [String: Any] = ["id": r.id, "date": day(r.date, language), "contact": contact?.displayName ?? DeskLabels.anonymous(language),
                                  "mode": DeskLabels.mode(r.contactMode, language), "subject": r.subject ?? "",
                                  "status": DeskLabels.status(r.status, language), "agent": r.agent]
        // Incomplete for the 15 % rule: what is missing, said in the list and on the page.
        let missing = DeskLabels.missing(r, language)
        if !missing.isEmpty { row["missing"] = missing }
        // An anonymous visit has no contact page: no key, so no link (an absent id once rendered as "/contacts/nil").
        if let id = r.contactID { row["contactID"] = id }
        return row
    }

    static func page(_ id: Int64, _ caller: Caller, _ language: UILanguage, _ services: GuichetServices) throws -> [String: Any] {
        let shown = try services.requestDesk.show(requestID: id, by: caller)
        let r = shown.listed.request, contact = shown.listed.contact
        let preview = try services.reply.draft(requestID: id, by: caller)
        let replies = shown.replies.map { e -> [String: Any] in
            ["id": e.id, "subject": e.subject, "recipient": e.recipient, "state": DeskLabels.outbox(e.state, language), "stateCode": e.state.rawValue,
             "error": e.lastError ?? "", "attachments": e.attachments.map { ["name": $0.fileName, "size": "\($0.data.count / 1024) Ko"] },
             "mayResend": e.state.mayBeResent, "requestID": id]
        }
        var data = row(shown.listed, language)
        data["request"] = nonEmpty([
            "themes": themeLabels(r.themes, shown.themes).joined(separator: ", "),
            "party": [r.party?.size.map { "\($0) pers." }, r.party?.kind.map { DeskLabels.party($0, language) }].compactMap { $0 }.joined(separator: ", "),
            "origin": [r.originCommune, r.originDepartment, r.originCountry].compactMap { $0 }.joined(separator: ", "),
            "stay": [r.stay?.from, r.stay?.to, r.stay?.nights.map { "\($0) \(language == .fr ? "nuits" : "nights")" }, r.stay?.zone]
                .compactMap { $0 }.joined(separator: " · "),
            "notes": r.notes ?? "", "qualified": Statistics.isQualified(r),
        ])
        if r.subject?.isEmpty ?? true { data["subject"] = nil }
        data["contactEmail"] = contact?.email ?? ""
        data["records"] = shown.records.map { ["id": $0.id, "name": $0.name] }
        data["documents"] = shown.documents.map { ["id": $0.id, "title": $0.title] }
        data["hasDocuments"] = !shown.documents.isEmpty
        data["hasBasket"] = shown.hasBasket
        data["replyPreview"] = ["subject": preview.subject, "body": preview.body, "notice": preview.notice]
        data["replies"] = replies
        data["canReply"] = contact?.email != nil
        data["canPost"] = contact.flatMap(PostalLetter.address(of:)) != nil
        data["smtpMissing"] = services.smtp == nil
        return data
    }

    static func day(_ date: Date, _ language: UILanguage = .fr) -> String {
        date.formatted(.dateTime.day(.twoDigits).month(.twoDigits).year().locale(language.locale))
    }

    /// "patrimoine/naturel" → "Patrimoine / Patrimoine naturel", from the regional list.
    static func themeLabels(_ keys: [String], _ themes: [Theme]) -> [String] {
        keys.map { key in
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            guard let theme = themes.first(where: { $0.key == parts.first }) else { return key }
            guard parts.count == 2 else { return theme.label }
            return theme.label + " / " + (theme.subThemes.first { $0.key == parts[1] }?.label ?? parts[1])
        }
    }

    /// Without its empty texts, so that `{{#field}}` sections hide what the request does not say.
    static func nonEmpty(_ values: [String: Any]) -> [String: Any] {
        values.filter { ($0.value as? String).map { !$0.isEmpty } ?? true }
    }
}
