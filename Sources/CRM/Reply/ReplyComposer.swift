import Foundation

/// Fills a per-office reply template. Merge fields: `{civilite}`, `{prenom}`, `{nom}`,
/// `{fiches}` (the basket's record names, one per line), `{office}`, `{agent}`. Unknown fields are
/// refused, so a typo in a template is caught before a visitor reads "{prenon}".
public struct ReplyComposer: Sendable, Hashable {
    public var subject: String
    public var body: String

    public static let fields = ["civilite", "prenom", "nom", "fiches", "office", "agent"]

    public static let frenchDefault = ReplyComposer(
        checked: (), subject: "Votre demande d'information — {office}",
        body: """
        Bonjour {civilite} {nom},

        Suite à votre demande, vous trouverez ci-joint la documentation sur :
        {fiches}

        Nous restons à votre disposition pour préparer votre séjour.

        Bien cordialement,
        {agent}
        {office}
        """)

    public init(subject: String, body: String) throws(CRMError) {
        for (name, text) in [("subject", subject), ("body", body)] {
            for field in Self.placeholders(in: text) where !Self.fields.contains(field) {
                throw .invalid(field: name, reason: "champ de fusion inconnu {\(field)} (connus : \(Self.fields.map { "{\($0)}" }.joined(separator: ", ")))")
            }
        }
        self.subject = subject
        self.body = body
    }

    private init(checked: (), subject: String, body: String) {
        self.subject = subject
        self.body = body
    }

    public func compose(contact: Contact?, recordNames: [String], office: String, agent: String) -> (subject: String, body: String) {
        let values = [
            "civilite": contact?.civility ?? "", "prenom": contact?.firstName ?? "", "nom": contact?.lastName ?? contact?.company ?? "",
            "fiches": recordNames.map { "– \($0)" }.joined(separator: "\n"), "office": office, "agent": agent,
        ]
        func fill(_ text: String) -> String {
            var out = text
            for (key, value) in values { out = out.replacingOccurrences(of: "{\(key)}", with: value) }
            // "Bonjour  ," when a name is missing: collapse the doubled spaces.
            while out.contains("  ") { out = out.replacingOccurrences(of: "  ", with: " ") }
            return out.replacingOccurrences(of: " ,", with: ",")
        }
        return (fill(subject), fill(body))
    }

    static func placeholders(in text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }
}
