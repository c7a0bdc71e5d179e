/// What a person may agree to be contacted for, by one office: its own communications, or those
/// of its partners (the "double case à cocher": two separate boxes, never ticked in advance).
public enum Purpose: String, Sendable, Hashable, Codable, CaseIterable {
    case own
    case partners
}

/// How a person may be contacted; each purpose is agreed channel by channel.
public enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
    case email, sms, phone, post
}

/// Where an address was collected: the confirmation email says so.
public enum CollectionMode: String, Sendable, Hashable, Codable, CaseIterable {
    case counter = "guichet"
    case phone = "telephone"
    case email
    case fair = "salon"
    case webForm = "formulaire-web"
    case fileImport = "import"
    case apidaeSync = "apidae"
}
