import Foundation
import Storage

struct SQLThemeStore: ThemeStore {
    let executor: SQLExecutor

    func themes() throws(CRMError) -> [Theme] {
        try executor.read { db in
            let subs = try SQLRow.all(db, "SELECT * FROM crm_sub_theme ORDER BY label")
            return try SQLRow.all(db, "SELECT * FROM crm_theme ORDER BY position").map { row in
                let key: String = row["key"]
                return Theme(key: key, label: row["label"],
                             subThemes: subs.filter { $0["theme"] == key }.map { Theme.SubTheme(key: $0["key"], label: $0["label"]) })
            }
        }
    }

    func addSubTheme(theme: String, label: String, by caller: Caller) throws(CRMError) -> Theme.SubTheme {
        guard caller.role == .regionalAdmin else { throw .forbidden("l'administrateur régional modifie les sous-thèmes") }
        let label = label.trimmingCharacters(in: .whitespaces)
        let key = Self.slug(label)
        guard !key.isEmpty else { throw .invalid(field: "label", reason: "un sous-thème a besoin d'un nom") }
        guard try themes().contains(where: { $0.key == theme }) else { throw .notFound("theme \(theme)") }
        try executor.write { db in
            try db.execute("INSERT INTO crm_sub_theme (theme, key, label) VALUES (?, ?, ?) ON CONFLICT (theme, key) DO UPDATE SET label = excluded.label", [theme, key, label])
        }
        return Theme.SubTheme(key: key, label: label)
    }

    func criteria(by caller: Caller) throws(CRMError) -> [Criterion] {
        try executor.read(as: caller) { db, tenant in
            try tenant.rows(db, in: "crm_criterion", orderBy: "name").map { Criterion(name: $0["name"], choices: JSONColumn.decode($0["choices"]) ?? []) }
        }
    }

    func setCriterion(_ criterion: Criterion, by caller: Caller) throws(CRMError) {
        guard caller.role == .officeAdmin else { throw .forbidden("l'administrateur de l'office définit les critères de l'office") }
        let name = criterion.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw .invalid(field: "name", reason: "un critère a besoin d'un nom") }
        try executor.write(as: caller) { db, tenant in
            try tenant.delete(db, from: "crm_criterion", where: "name = ?", [name])
            try tenant.insertRow(db, into: "crm_criterion", [("name", name), ("choices", JSONColumn.encode(criterion.choices))])
        }
    }

    /// Themes and criteria of a request checked against the lists.
    func validate(_ request: InformationRequest, by caller: Caller) throws(CRMError) {
        let themes = try themes()
        for named in request.themes {
            let parts = named.split(separator: "/", maxSplits: 1).map(String.init)
            guard let theme = themes.first(where: { $0.key == parts.first }),
                  parts.count == 1 || theme.subThemes.contains(where: { $0.key == parts[1] }) else {
                throw .invalid(field: "themes", reason: "thème inconnu « \(named) » (voir la liste régionale)")
            }
        }
        guard !request.extra.isEmpty else { return }
        let criteria = Dictionary(uniqueKeysWithValues: try criteria(by: caller).map { ($0.name, $0) })
        for (name, value) in request.extra {
            guard let criterion = criteria[name] else { throw .invalid(field: "extra.\(name)", reason: "ce n'est pas un critère de l'office") }
            guard criterion.choices.isEmpty || criterion.choices.contains(value) else {
                throw .invalid(field: "extra.\(name)", reason: "« \(value) » n'est pas parmi \(criterion.choices.joined(separator: ", "))")
            }
        }
    }

    /// "Lacs et rivières" → "lacs-et-rivieres".
    static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
        return folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).joined(separator: "-")
    }
}
