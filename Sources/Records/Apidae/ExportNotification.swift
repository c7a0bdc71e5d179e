import Foundation

/// What Apidae POSTs (form fields) when a project's export is ready.
public struct ExportNotification: Sendable, Hashable {
    public var projectID: Int?
    /// `SUCCESS` or `ERROR`.
    public var succeeded: Bool
    /// A one-off export (else periodic).
    public var oneOff: Bool
    /// Replaces the project's records (else differential: modified objects and deletions).
    public var fullReplacement: Bool
    /// The zip's address; Apidae sends none when its export failed (`statut=ERROR`).
    public var exportURL: String?
    public var confirmationURL: String?

    public init(projectID: Int?, succeeded: Bool, oneOff: Bool, fullReplacement: Bool, exportURL: String?, confirmationURL: String?) {
        self.projectID = projectID; self.succeeded = succeeded; self.oneOff = oneOff; self.fullReplacement = fullReplacement
        self.exportURL = exportURL; self.confirmationURL = confirmationURL
    }

    /// Reads the form's fields (`projetId`, `statut`, `ponctuel`, `reinitialisation`,
    /// `urlRecuperation`, `urlConfirmation`); a form with none of them is not a notification.
    public init(form: [String: String]) throws(RecordsError) {
        guard form["projetId"] != nil || form["statut"] != nil || form["urlRecuperation"] != nil else {
            throw .sync("not an Apidae export notification (no projetId, statut or urlRecuperation)")
        }
        let url = form["urlRecuperation"]?.trimmingCharacters(in: .whitespaces)
        func flag(_ name: String) -> Bool { ["true", "1", "oui", "yes"].contains((form[name] ?? "").lowercased()) }
        self.init(projectID: form["projetId"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
                  succeeded: (form["statut"] ?? "").uppercased() == "SUCCESS", oneOff: flag("ponctuel"), fullReplacement: flag("reinitialisation"),
                  exportURL: url.flatMap { $0.isEmpty ? nil : $0 }, confirmationURL: form["urlConfirmation"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The export's identity: its address without query or fragment (`?x=1` added to an old
    /// address is the same export).
    public var exportKey: String? { exportURL.map(Self.key) }

    public static func key(_ url: String) -> String {
        String(url.prefix { $0 != "?" && $0 != "#" })
    }

    /// Why this notification is not imported for `configuration`, or nil when it is.
    public func refusal(for configuration: ApidaeConfiguration) -> String? {
        guard projectID == configuration.projectID else {
            return "project \(projectID.map(String.init) ?? "missing"), not this region's project \(configuration.projectID)"
        }
        guard succeeded else { return "Apidae reports the export failed (statut ERROR)" }
        guard let exportURL else { return "the notification has no urlRecuperation" }
        guard let host = FetchPolicy.host(of: exportURL), configuration.exportHosts.contains(host) else {
            return "the zip's address is not on an export host the configuration names (GUICHET_APIDAE_EXPORT_HOSTS)"
        }
        if let confirmationURL, configuration.exportPolicy.host(of: confirmationURL) == nil {
            return "the confirmation address is not on the Apidae API or an export host"
        }
        return nil
    }
}
