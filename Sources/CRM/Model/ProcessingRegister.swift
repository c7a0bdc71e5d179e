import Foundation

/// An office's register of processing activities (RGPD article 30): each processing of personal
/// data it carries out with Guichet, and who to contact about them.
public struct ProcessingRegister: Sendable, Hashable, Codable {
    /// The DPO or the office's referent for personal data: name and how to reach them.
    public var referent: String
    public var processings: [Processing]
    public var updatedAt: Date?
    public var updatedBy: String?

    public init(referent: String, processings: [Processing], updatedAt: Date? = nil, updatedBy: String? = nil) {
        self.referent = referent; self.processings = processings; self.updatedAt = updatedAt; self.updatedBy = updatedBy
    }

    public struct Processing: Sendable, Hashable, Codable {
        public var name: String
        public var purpose: String
        public var legalBasis: String
        public var persons: String
        public var data: String
        public var recipients: String
        public var transfers: String
        public var retention: String
        public var security: String

        public init(name: String, purpose: String, legalBasis: String, persons: String, data: String, recipients: String, transfers: String,
                    retention: String, security: String) {
            self.name = name; self.purpose = purpose; self.legalBasis = legalBasis; self.persons = persons; self.data = data
            self.recipients = recipients; self.transfers = transfers; self.retention = retention; self.security = security
        }

        /// Each field with its name in the register's words, in order.
        public var fields: [(key: String, label: String, text: String)] {
            [("purpose", "Finalité", purpose), ("legalBasis", "Base légale", legalBasis), ("persons", "Personnes concernées", persons),
             ("data", "Catégories de données", data), ("recipients", "Destinataires", recipients),
             ("transfers", "Transferts hors de l'Union européenne", transfers), ("retention", "Durées de conservation", retention),
             ("security", "Mesures de sécurité", security)]
        }
    }
}
