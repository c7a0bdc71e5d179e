import CRM
import Consent
import Foundation
import Records

/// The offices' professional contacts from Apidae: each mapping entry's selection is read, only
/// its legal entities (`STRUCTURE` objects, not the services they run — the seed's duplicates) are
/// kept, and each becomes a B2B contact of its office in the entry's category. Apidae wins on the
/// fields it gives (a field it changed since the last sync overwrites Guichet's); the fields only
/// Guichet holds are kept; two entities with one address are one contact; an entity gone from its
/// selection is flagged, not deleted. Each new contact with an address is asked to confirm, the
/// email saying the address came from Apidae (collection mode `apidae`), at the imports' rate.
public struct ProfessionalContactSync: Sendable {
    public let desk: ConsentDesk
    public let map: ProfessionalContactMap
    public let clock: @Sendable () -> Date

    public init(desk: ConsentDesk, map: ProfessionalContactMap, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.desk = desk
        self.map = map
        self.clock = clock
    }

    static let fields = ["id", "type", "nom", "informations", "localisation", "gestion"]
    static let agentName = "Synchronisation Apidae"

    /// Reads the mapping's selections and updates every office's contacts; returns how many
    /// contacts were added or changed.
    public func run(client: ApidaeClient) throws -> Int {
        let offices = try desk.crm.offices.all(by: .regionalAdmin)
        // office → category-tagged entities, entity ids deduplicated per office.
        var byOffice: [Int64: [(category: String, entity: TouristObject)]] = [:]
        for entry in map.entries {
            let entities = try client.objects(selection: entry.selection, fields: Self.fields).filter { $0.type == .structure }
            for entity in entities {
                let owner = entry.officeID ?? offices.first { $0.apidaeMember != nil && $0.apidaeMember == entity.owner?.id }?.id
                guard let owner, offices.contains(where: { $0.id == owner }) else { continue }
                if byOffice[owner, default: []].contains(where: { $0.entity.id == entity.id }) { continue }
                byOffice[owner, default: []].append((entry.category, entity))
            }
        }
        // Offices named by the mapping but whose selections are now empty still flag their links.
        for entry in map.entries { if let id = entry.officeID, byOffice[id] == nil, offices.contains(where: { $0.id == id }) { byOffice[id] = [] } }
        for office in offices where map.entries.contains(where: { $0.officeID == nil }) && byOffice[office.id] == nil { byOffice[office.id] = [] }
        var changed = 0
        for (officeID, entities) in byOffice.sorted(by: { $0.key < $1.key }) {
            changed += try sync(entities, officeID: officeID)
        }
        return changed
    }

    /// The values a contact takes from an entity.
    static func values(of entity: TouristObject, category: String) -> [String: String] {
        var values: [String: String] = ["company": entity.name("fr"), "category": category]
        values["email"] = entity.first(.email)?.lowercased()
        values["phone"] = entity.first(.phone)
        values["website"] = entity.first(.website)
        let lines = entity.address.lines.filter { !$0.isEmpty }
        if !lines.isEmpty { values["address"] = lines.joined(separator: ", ") }
        values["postalCode"] = entity.address.postalCode ?? entity.address.commune?.postalCode
        values["commune"] = entity.address.commune?.name
        return values.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    static var paths: [String: WritableKeyPath<Contact, String?>] { [
        "company": \.company, "email": \.email, "phone": \.phone, "website": \.website, "address": \.address,
        "postalCode": \.postalCode, "commune": \.commune, "category": \.category,
    ] }

    func sync(_ entities: [(category: String, entity: TouristObject)], officeID: Int64) throws -> Int {
        let caller = Caller(role: .officeAdmin, officeID: officeID, userName: Self.agentName)
        let now = clock()
        let (changed, created) = try desk.crm.transaction { tx -> (Int, [Int64]) in
            let links = Dictionary(uniqueKeysWithValues: try tx.apidaeContacts.links(by: caller).map { ($0.structureID, $0) })
            var changed = 0
            var created: [Int64] = []
            for (category, entity) in entities {
                let values = Self.values(of: entity, category: category)
                let link = links[entity.id]
                var contact: Contact
                var isNew = false
                if let link, let linked = try? tx.contacts.contact(id: link.contactID, by: caller) {
                    contact = linked
                } else if let email = values["email"], let known = try tx.contacts.contact(email: email, by: caller) {
                    contact = known  // the same address: one contact (a duplicate entity, or someone met at the counter)
                } else {
                    if let email = values["email"], try desk.store.isSuppressed(desk.keys.subject(email: email), officeID: officeID) { continue }
                    contact = try tx.contacts.add(Contact(kind: .professional, createdAt: now), by: caller)
                    isNew = true
                }
                let before = contact
                for (name, path) in Self.paths {
                    let apidae = values[name]
                    // Apidae changed it since the last sync (or it was never synced): Apidae wins.
                    guard link == nil || link?.synced[name] != apidae else { continue }
                    if let apidae { contact[keyPath: path] = apidae } else if link != nil, contact[keyPath: path] == link?.synced[name] {
                        contact[keyPath: path] = nil  // removed in Apidae, untouched in Guichet
                    }
                }
                if contact.kind != .professional, contact.company != nil { contact.kind = .professional }
                if contact != before { try tx.contacts.update(contact, by: caller) }
                if contact != before || isNew || link == nil || link?.leftAt != nil { changed += 1 }
                try tx.apidaeContacts.save(ApidaeContactLink(officeID: officeID, structureID: entity.id, contactID: contact.id, category: category,
                                                             synced: values, syncedAt: now), by: caller)
                if isNew { created.append(contact.id) }
            }
            let present = Set(entities.map(\.entity.id))
            _ = try tx.apidaeContacts.markLeft(structureIDs: links.keys.filter { !present.contains($0) }, at: now, by: caller)
            return (changed, created)
        }
        for contactID in created {
            let contact = try desk.crm.contacts.contact(id: contactID, by: caller)
            guard let email = contact.email, try desk.askRefusal(officeID: officeID, email: email, purpose: .own) == nil else { continue }
            _ = try AskConsent(desk: desk).run(contactID: contactID, purposes: [.own], mode: .apidaeSync,
                                               context: "Apidae — \(contact.category ?? "contacts professionnels")", delivery: .paced(campaignID: nil), by: caller)
        }
        if changed > 0 {
            try desk.crm.audit.record(.contactsImported, detail: "Apidae: \(changed) professional contacts added or updated (\(created.count) new)", by: caller)
        }
        return changed
    }
}
