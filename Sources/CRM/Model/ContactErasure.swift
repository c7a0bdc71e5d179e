/// What erasing a person from an office removed (counts only), and what the consent module needs
/// to keep them from being added back (their address and phones, never stored by this value).
public struct ContactErasure: Sendable, Hashable {
    /// Requests kept for the statistics without identity, or deleted.
    public var requests: Int
    public var messages: Int
    public var mergeSnapshots: Int
    /// No office holds the person any more: nothing identifying remains.
    public var personGone: Bool
    public var email: String?
    public var phones: [String]

    public init(requests: Int = 0, messages: Int = 0, mergeSnapshots: Int = 0, personGone: Bool = false, email: String? = nil, phones: [String] = []) {
        self.requests = requests; self.messages = messages; self.mergeSnapshots = mergeSnapshots; self.personGone = personGone
        self.email = email; self.phones = phones
    }

    /// The counts, for the audit log and the command line.
    public var summary: String {
        "requests \(requests), messages \(messages), merge snapshots \(mergeSnapshots)" + (personGone ? ", no office holds the person any more" : "")
    }
}
