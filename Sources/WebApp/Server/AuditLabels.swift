import CRM

/// The audit log's actions as the admin page words them.
enum AuditLabels {
    static func action(_ action: AuditEntry.Action, _ language: UILanguage) -> String {
        let fr = language == .fr
        return switch action {
        case .contactViewed: fr ? "Fiche contact consultée" : "Contact page viewed"
        case .contactEdited: fr ? "Fiche contact modifiée" : "Contact edited"
        case .contactExported: fr ? "Données exportées (droit d'accès)" : "Data exported (right of access)"
        case .contactErased: fr ? "Personne effacée" : "Person erased"
        case .contactAnonymised: fr ? "Personne anonymisée (conservation)" : "Person anonymised (retention)"
        case .contactsMerged: fr ? "Doublons fusionnés" : "Duplicates merged"
        case .contactsImported: fr ? "Fichier de contacts importé" : "Contact file imported"
        case .consentWithdrawnHeard: fr ? "Retrait de consentement enregistré" : "Withdrawal recorded"
        case .objectionRecorded: fr ? "Opposition enregistrée" : "Objection recorded"
        case .campaignLaunched: fr ? "Campagne lancée" : "Campaign launched"
        case .retentionRun: fr ? "Purge de conservation" : "Retention run"
        case .userInvited: fr ? "Utilisateur invité" : "User invited"
        case .userDisabled: fr ? "Utilisateur désactivé" : "User disabled"
        case .userEnabled: fr ? "Utilisateur réactivé" : "User enabled"
        case .userPasswordReset: fr ? "Mot de passe réinitialisé" : "Password reset"
        case .registerChanged: fr ? "Registre des traitements modifié" : "Register of processing changed"
        }
    }
}
