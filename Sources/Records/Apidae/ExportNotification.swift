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
    public var exportURL: String
    public var confirmationURL: String?

    public init(projectID: Int?, succeeded: Bool, oneOff: Bool, fullReplacement: Bool, exportURL: String, confirmationURL: String?) {
        self.projectID = projectID; self.succeeded = succeeded; self.oneOff = oneOff; self.fullReplacement = fullReplacement
        self.exportURL = exportURL; self.confirmationURL = confirmationURL
    }

    /// Reads the form's fields (`projetId`, `statut`, `ponctuel`, `reinitialisation`,
    /// `urlRecuperation`, `urlConfirmation`); a notification without a zip URL is refused.
    public init(form: [String: String]) throws(RecordsError) {
        guard let url = form["urlRecuperation"]?.trimmingCharacters(in: .whitespaces), !url.isEmpty else {
            throw .sync("the notification has no urlRecuperation")
        }
        func flag(_ name: String) -> Bool { ["true", "1", "oui", "yes"].contains((form[name] ?? "").lowercased()) }
        self.init(projectID: form["projetId"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
                  succeeded: (form["statut"] ?? "").uppercased() == "SUCCESS", oneOff: flag("ponctuel"), fullReplacement: flag("reinitialisation"),
                  exportURL: url, confirmationURL: form["urlConfirmation"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Why this notification is not imported for `configuration`, or nil when it is.
    public func refusal(for configuration: ApidaeConfiguration) -> String? {
        guard projectID == configuration.projectID else {
            return "project \(projectID.map(String.init) ?? "missing"), not this region's project \(configuration.projectID)"
        }
        guard succeeded else { return "Apidae reports the export failed (statut ERROR)" }
        guard let host = FetchPolicy.host(of: exportURL), configuration.exportHosts.contains(host) else {
            return "the zip's address is not on an export host the configuration names (GUICHET_APIDAE_EXPORT_HOSTS)"
        }
        if let confirmationURL, configuration.exportPolicy.host(of: confirmationURL) == nil {
            return "the confirmation address is not on the Apidae API or an export host"
        }
        return nil
    }
}
