import Foundation

/// Request statistics of one office, or of the region (all offices, counts only).
public struct Statistics: Sendable, Hashable {
    public enum Scope: Sendable, Hashable { case office(Int64), region }

    public var scope: Scope
    public var requests: Int
    /// "2026-07" → requests that month, in order.
    public var byMonth: [Count]
    public var byContactMode: [Count]
    public var byOriginDepartment: [Count]
    public var byOriginCountry: [Count]
    public var byTheme: [Count]
    /// "theme/sub-theme" keys.
    public var bySubTheme: [Count]
    public var byResponseMode: [Count]
    public var byRequestType: [Count]
    public var byReceptionPoint: [Count]
    public var byAccommodation: [Count]
    public var byZone: [Count]
    public var byPartyKind: [Count]
    /// Requests with every strategic field filled (see `isQualified`).
    public var qualified: Int
    /// Contacts with a request in the period, and those qualified by one of them (the charter's measure).
    public var contacts: Int
    public var qualifiedContacts: Int
    /// "2026-07" → contacts first recorded that month (filled by the store; empty when computed from requests alone).
    public var newContactsByMonth: [Count] = []
    /// For the region: each office's figures (counts only).
    public var byOffice: [OfficeFigures]

    public struct OfficeFigures: Sendable, Hashable {
        public var officeID: Int64
        public var requests: Int
        public var contacts: Int
        public var qualificationRate: Double
        public var contactQualificationRate: Double
    }

    public var contactQualificationRate: Double { contacts == 0 ? 0 : Double(qualifiedContacts) / Double(contacts) }

    public struct Count: Sendable, Hashable {
        public var key: String
        public var count: Int
        public init(_ key: String, _ count: Int) { self.key = key; self.count = count }
    }

    /// The Charente-Maritime charter's bar: at least 15% of requests fully qualified.
    public static let qualificationTarget = 0.15

    public var qualificationRate: Double { requests == 0 ? 0 : Double(qualified) / Double(requests) }

    /// Strategic fields: origin (department or country), contact mode, response mode, stay
    /// duration, stay period, party size, contact type (party kind, or a known contact), themes.
    public static func isQualified(_ r: InformationRequest) -> Bool { missing(r).isEmpty }

    /// A strategic field the qualification counts.
    public enum Criterion: String, Sendable, Hashable, CaseIterable {
        case origin, responseMode, nights, period, partySize, contactType, themes
    }

    /// What a request lacks to count as qualified, in the charter's order.
    public static func missing(_ r: InformationRequest) -> [Criterion] {
        var missing: [Criterion] = []
        if r.originDepartment == nil && r.originCountry == nil { missing.append(.origin) }
        if r.responseMode == nil { missing.append(.responseMode) }
        if r.stay?.nights == nil { missing.append(.nights) }
        if r.stay?.from == nil && r.stay?.to == nil { missing.append(.period) }
        if r.party?.size == nil { missing.append(.partySize) }
        if r.party?.kind == nil && r.contactID == nil { missing.append(.contactType) }
        if r.themes.isEmpty { missing.append(.themes) }
        return missing
    }

    /// Counts a set of requests.
    public init(scope: Scope, requests: [InformationRequest]) {
        self.scope = scope
        self.requests = requests.count
        /// Most frequent first.
        func counted(_ keys: [String]) -> [Count] {
            var counts: [String: Int] = [:]
            for key in keys { counts[key, default: 0] += 1 }
            return counts.map { Count($0.key, $0.value) }.sorted { ($0.count, $1.key) > ($1.count, $0.key) }
        }
        byMonth = Self.months(of: requests.map(\.date))
        byContactMode = counted(requests.map(\.contactMode.rawValue))
        byOriginDepartment = counted(requests.compactMap(\.originDepartment))
        byOriginCountry = counted(requests.compactMap(\.originCountry))
        byTheme = counted(requests.flatMap { Set($0.themes.map { String($0.prefix { $0 != "/" }) }) })
        bySubTheme = counted(requests.flatMap { Set($0.themes.filter { $0.contains("/") }) })
        byResponseMode = counted(requests.compactMap(\.responseMode?.rawValue))
        byRequestType = counted(requests.compactMap(\.requestType?.rawValue))
        byReceptionPoint = counted(requests.compactMap(\.receptionPoint))
        byAccommodation = counted(requests.compactMap(\.stay?.accommodation))
        byZone = counted(requests.compactMap(\.stay?.zone))
        byPartyKind = counted(requests.compactMap(\.party?.kind?.rawValue))
        qualified = requests.filter(Self.isQualified).count
        let byContact = Dictionary(grouping: requests.filter { $0.contactID != nil }, by: { $0.contactID! })
        contacts = byContact.count
        qualifiedContacts = byContact.values.filter { $0.contains(where: Self.isQualified) }.count
        byOffice = []
        if scope == .region {
            byOffice = Dictionary(grouping: requests, by: \.officeID).map { office, own in
                let figures = Statistics(scope: .office(office), requests: own)
                return OfficeFigures(officeID: office, requests: figures.requests, contacts: figures.contacts,
                                     qualificationRate: figures.qualificationRate, contactQualificationRate: figures.contactQualificationRate)
            }.sorted { $0.officeID < $1.officeID }
        }
    }

    /// "2026-07" → how many of `dates` fall in that month (Paris time), every month between the first
    /// and the last included.
    public static func months(of dates: [Date]) -> [Count] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        var counts: [String: Int] = [:]
        for date in dates {
            let c = calendar.dateComponents([.year, .month], from: date)
            counts[String(format: "%04d-%02d", c.year ?? 0, c.month ?? 0), default: 0] += 1
        }
        return filledMonths(counts.map { Count($0.key, $0.value) }.sorted { $0.key < $1.key })
    }

    /// Months without requests appear with 0, so a chart's line does not skip them.
    static func filledMonths(_ counts: [Count]) -> [Count] {
        guard let first = counts.first?.key, let last = counts.last?.key,
              var year = Int(first.prefix(4)), var month = Int(first.suffix(2)) else { return counts }
        let known = Dictionary(uniqueKeysWithValues: counts.map { ($0.key, $0.count) })
        var result: [Count] = []
        while true {
            let key = String(format: "%04d-%02d", year, month)
            result.append(Count(key, known[key] ?? 0))
            if key >= last || result.count > 240 { break }
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        return result
    }
}
