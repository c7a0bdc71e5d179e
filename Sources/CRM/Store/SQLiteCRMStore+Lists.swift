import Foundation
import GRDB

extension SQLiteCRMStore {
    public func replyTemplate(by caller: Caller) throws(CRMError) -> ReplyComposer {
        let office = try caller.office()
        let row = try read { db in try Row.fetchOne(db, sql: "SELECT reply_subject, reply_body FROM crm_office WHERE id = ?", arguments: [office]) }
        guard let subject: String = row?["reply_subject"], let body: String = row?["reply_body"] else { return .frenchDefault }
        return (try? ReplyComposer(subject: subject, body: body)) ?? .frenchDefault
    }

    public func setReplyTemplate(_ template: ReplyComposer, by caller: Caller) throws(CRMError) {
        let office = try caller.office()
        guard caller.role == .officeAdmin else { throw .forbidden("the office admin sets the reply template") }
        try write { db in
            try db.execute(sql: "UPDATE crm_office SET reply_subject = ?, reply_body = ? WHERE id = ?", arguments: [template.subject, template.body, office])
        }
    }

    public func themes() throws(CRMError) -> [Theme] {
        try read { db in
            let subs = try Row.fetchAll(db, sql: "SELECT * FROM crm_sub_theme ORDER BY label")
            return try Row.fetchAll(db, sql: "SELECT * FROM crm_theme ORDER BY position").map { row in
                let key: String = row["key"]
                return Theme(key: key, label: row["label"],
                             subThemes: subs.filter { $0["theme"] == key }.map { Theme.SubTheme(key: $0["key"], label: $0["label"]) })
            }
        }
    }

    public func addSubTheme(theme: String, label: String, by caller: Caller) throws(CRMError) -> Theme.SubTheme {
        guard caller.role == .regionalAdmin else { throw .forbidden("the regional admin edits the sub-themes") }
        let label = label.trimmingCharacters(in: .whitespaces)
        let key = Self.slug(label)
        guard !key.isEmpty else { throw .invalid(field: "label", reason: "a sub-theme needs a name") }
        guard try themes().contains(where: { $0.key == theme }) else { throw .notFound("theme \(theme)") }
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO crm_sub_theme (theme, key, label) VALUES (?, ?, ?)", arguments: [theme, key, label])
        }
        return Theme.SubTheme(key: key, label: label)
    }

    public func criteria(by caller: Caller) throws(CRMError) -> [Criterion] {
        let office = try caller.office()
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM crm_criterion WHERE office_id = ? ORDER BY name", arguments: [office])
                .map { Criterion(name: $0["name"], choices: Self.decode($0["choices"]) ?? []) }
        }
    }

    public func setCriterion(_ criterion: Criterion, by caller: Caller) throws(CRMError) {
        let office = try caller.office()
        guard caller.role == .officeAdmin else { throw .forbidden("the office admin defines the office's criteria") }
        let name = criterion.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw .invalid(field: "name", reason: "a criterion needs a name") }
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO crm_criterion (office_id, name, choices) VALUES (?, ?, ?)",
                           arguments: [office, name, Self.json(criterion.choices)])
        }
    }

    /// Themes and criteria of a request checked against the lists.
    func validate(_ request: InformationRequest, by caller: Caller) throws(CRMError) {
        let themes = try themes()
        for named in request.themes {
            let parts = named.split(separator: "/", maxSplits: 1).map(String.init)
            guard let theme = themes.first(where: { $0.key == parts.first }),
                  parts.count == 1 || theme.subThemes.contains(where: { $0.key == parts[1] }) else {
                throw .invalid(field: "themes", reason: "unknown theme \"\(named)\" (see the regional list)")
            }
        }
        guard !request.extra.isEmpty else { return }
        let criteria = Dictionary(uniqueKeysWithValues: try criteria(by: caller).map { ($0.name, $0) })
        for (name, value) in request.extra {
            guard let criterion = criteria[name] else { throw .invalid(field: "extra.\(name)", reason: "not one of the office's criteria") }
            guard criterion.choices.isEmpty || criterion.choices.contains(value) else {
                throw .invalid(field: "extra.\(name)", reason: "\"\(value)\" is not one of \(criterion.choices.joined(separator: ", "))")
            }
        }
    }

    /// "Lacs et rivières" → "lacs-et-rivieres".
    static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
        return folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).joined(separator: "-")
    }
}
