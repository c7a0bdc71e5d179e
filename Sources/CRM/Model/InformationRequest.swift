import Foundation

/// A visitor's request (demande) as the office records it; anonymous counter visits count too.
public struct InformationRequest: Sendable, Hashable, Codable {
    public var id: Int64
    public var officeID: Int64
    public var agent: String
    public var contactID: Int64?
    public var date: Date
    public var contactMode: ContactMode
    public var responseMode: ContactMode?
    public var subject: String?
    public var stay: Stay?
    public var party: Party?
    public var originDepartment: String?
    public var originCountry: String?
    /// The visitor's commune (or postal code) as said at the counter, kept with the request when
    /// the visitor stays anonymous.
    public var originCommune: String?
    /// Avizi themes, as "theme" or "theme/sub-theme".
    public var themes: [String]
    /// The office's own criteria ("Qualif+"), name → value.
    public var extra: [String: String]
    public var notes: String?
    public var status: Status
    /// What the request is about, as the counter tablet sorts it.
    public var requestType: RequestType?
    /// Where the office received it (main office, seasonal kiosk, fair stand…): one of the office's points.
    public var receptionPoint: String?
    /// The id a device gave the entry it made offline (a tablet at a fair): the office records
    /// each id once, however often the device sends it.
    public var entryID: String?

    public enum RequestType: String, Sendable, Hashable, Codable, CaseIterable {
        case practical = "pratique", shop = "boutique-billetterie", events = "evenements", accommodation = "hebergement"
        case activities = "activites-patrimoine", tourism = "information-touristique"
    }

    public enum ContactMode: String, Sendable, Hashable, Codable, CaseIterable {
        case counter = "guichet", phone = "telephone", mail = "courrier", email, fair = "salon", web, sms
    }

    public enum Status: String, Sendable, Hashable, Codable, CaseIterable { case open, answered, closed }

    public struct Stay: Sendable, Hashable, Codable {
        public var from: String?
        public var to: String?
        public var nights: Int?
        /// Where in the territory: `Zone` values (the tablet's choices), or a place typed before them.
        public var zone: String?
        /// `Accommodation` values, or a text typed before them.
        public var accommodation: String?

        public enum Zone: String, Sendable, Hashable, CaseIterable { case hyperlocal = "hyperlocal", local, other = "autre" }

        public enum Accommodation: String, Sendable, Hashable, CaseIterable {
            case hotel = "hotel", campsite = "camping", rental = "location", guestHouse = "chambre-hotes", friendsAndFamily = "famille-amis"
            case secondHome = "residence-secondaire", camperVan = "camping-car", groupLodge = "hebergement-collectif", none = "sans-hebergement"
            case other = "autre"
        }
        public init(from: String? = nil, to: String? = nil, nights: Int? = nil, zone: String? = nil, accommodation: String? = nil) {
            self.from = from; self.to = to; self.nights = nights; self.zone = zone; self.accommodation = accommodation
        }
    }

    public struct Party: Sendable, Hashable, Codable {
        public var size: Int?
        public var kind: Kind?
        public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
            case alone = "seul", couple, family = "famille", group = "groupe", locals = "population-locale"
        }
        public init(size: Int? = nil, kind: Kind? = nil) { self.size = size; self.kind = kind }
    }

    public init(id: Int64 = 0, officeID: Int64 = 0, agent: String = "", contactID: Int64? = nil, date: Date = Date(),
                contactMode: ContactMode, responseMode: ContactMode? = nil, subject: String? = nil, stay: Stay? = nil,
                party: Party? = nil, originDepartment: String? = nil, originCountry: String? = nil, themes: [String] = [],
                extra: [String: String] = [:], notes: String? = nil, status: Status = .open, requestType: RequestType? = nil,
                receptionPoint: String? = nil, entryID: String? = nil, originCommune: String? = nil) {
        self.id = id; self.officeID = officeID; self.agent = agent; self.contactID = contactID; self.date = date
        self.contactMode = contactMode; self.responseMode = responseMode; self.subject = subject; self.stay = stay
        self.party = party; self.originDepartment = originDepartment; self.originCountry = originCountry
        self.themes = themes; self.extra = extra; self.notes = notes; self.status = status; self.requestType = requestType
        self.receptionPoint = receptionPoint; self.entryID = entryID; self.originCommune = originCommune
    }
}

/// Records chosen for a request (or an agent's draft), in print order.
public struct Basket: Sendable, Hashable, Codable {
    public var id: Int64
    public var officeID: Int64
    public var requestID: Int64?
    public var agent: String
    public var recordIDs: [Int]
    /// The office's own PDF documents chosen with the records (`OfficeDocument` ids).
    public var documentIDs: [Int64]
    public var layout: String
    public var language: String
    public var note: String?

    public init(id: Int64 = 0, officeID: Int64 = 0, requestID: Int64? = nil, agent: String = "", recordIDs: [Int] = [], documentIDs: [Int64] = [],
                layout: String = "livret-a5", language: String = "fr", note: String? = nil) {
        self.id = id; self.officeID = officeID; self.requestID = requestID; self.agent = agent; self.recordIDs = recordIDs
        self.documentIDs = documentIDs; self.layout = layout; self.language = language; self.note = note
    }

    /// Nothing chosen yet: no record, no document.
    public var isEmpty: Bool { recordIDs.isEmpty && documentIDs.isEmpty }
}
