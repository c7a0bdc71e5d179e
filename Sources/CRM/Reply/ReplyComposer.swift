import Foundation

/// Fills a per-office reply template. Merge fields: `{civilite}`, `{prenom}`, `{nom}`,
/// `{fiches}` (the basket's record names, one per line), `{office}`, `{agent}`, `{signature}` (the
/// office's signature, else the agent and the office). Unknown fields are refused, so a typo in a
/// template is caught before a visitor reads "{prenon}". A template without `{signature}` gets the
/// office's signature under it, unless it already signs with the office's name: one signature.
public struct ReplyComposer: Sendable, Hashable {
    public var subject: String
    public var body: String

    public static let fields = ["civilite", "prenom", "nom", "fiches", "office", "agent", "signature"]

    public static let frenchDefault = ReplyComposer(
        checked: (), subject: "Votre demande d'information — {office}",
        body: """
        Bonjour {civilite} {nom},

        Suite à votre demande, vous trouverez ci-joint la documentation sur :
        {fiches}

        Nous restons à votre disposition pour préparer votre séjour.

        Bien cordialement,
        {signature}
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

    public func compose(contact: Contact?, recordNames: [String], office: String, agent: String,
                        signature: String? = nil) -> (subject: String, body: String) {
        let signature = signature.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        let values = [
            "civilite": contact?.civility ?? "", "prenom": contact?.firstName ?? "", "nom": contact?.lastName ?? contact?.company ?? "",
            "fiches": recordNames.map { "– \($0)" }.joined(separator: "\n"), "office": office, "agent": agent,
            "signature": signature ?? "\(agent)\n\(office)",
        ]
        func fill(_ text: String) -> String {
            var out = text
            for (key, value) in values { out = out.replacingOccurrences(of: "{\(key)}", with: value) }
            // "Bonjour  ," when a name is missing: collapse the doubled spaces.
            while out.contains("  ") { out = out.replacingOccurrences(of: "  ", with: " ") }
            return out.replacingOccurrences(of: " ,", with: ",")
        }
        var text = (fill(subject), fill(body))
        // An older template without {signature}: the office's signature under it, unless it signs already.
        if let signature, !Self.placeholders(in: body).contains("signature") {
            let tail = text.1.split(separator: "\n").suffix(3).joined(separator: "\n")
            if !tail.contains(office), !text.1.hasSuffix(signature) { text.1 += "\n\n" + signature }
        }
        return text
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
