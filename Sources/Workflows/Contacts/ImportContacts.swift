import CRM
import Consent
import Foundation
import Mail

/// A contact list (a fair's sign-up sheet, a spreadsheet) brought into the office's contacts:
/// read and checked row by row first; then every accepted row written in one transaction (nothing
/// is half-imported); then each address that may be asked gets a confirmation email saying where
/// it was collected, sent at the imports' rate by the paced worker. People on the office's
/// suppression list are not added back. Importing the same file again adds nobody twice and asks
/// only those not asked yet (a run stopped while asking is finished that way).
public struct ImportContacts: Sendable {
    public let desk: ConsentDesk

    public init(desk: ConsentDesk) { self.desk = desk }

    public struct Options: Sendable {
        public var mode: CollectionMode
        /// Where and when: "Salon du randonneur, Lyon, 2026-03-14".
        public var context: String
        /// What the people agreed to be asked about (the boxes of the sign-up sheet).
        public var purposes: [Purpose]
        /// nil: guessed from the header.
        public var columns: ContactColumns?

        public init(mode: CollectionMode, context: String, purposes: [Purpose] = [.own], columns: ContactColumns? = nil) {
            self.mode = mode; self.context = context; self.purposes = purposes; self.columns = columns
        }
    }

    public struct Report: Sendable, Codable, Hashable {
        public var imported = 0
        public var merged = 0
        public var suppressed = 0
        public var rejected: [Rejection] = []
        /// Confirmation emails written.
        public var asked = 0

        public struct Rejection: Error, Sendable, Codable, Hashable {
            public var line: Int
            public var problem: ContactFile.Problem
            /// The problem in English words.
            public var reason: String
            init(line: Int, _ problem: ContactFile.Problem) { self.line = line; self.problem = problem; reason = problem.description }
        }

        /// `imported N, merged M, suppressed S, rejected R`.
        public var summary: String { "imported \(imported), merged \(merged), suppressed \(suppressed), rejected \(rejected.count)" }
    }

    /// The file's header with the guessed field of each column, and its first rows (for the web's
    /// mapping step).
    public func preview(_ data: Data) throws -> (file: ContactFile, columns: ContactColumns) {
        let file = try ContactFile(data: data)
        return (file, ContactColumns(guessingFrom: file.header))
    }

    public func run(_ data: Data, options: Options, by caller: Caller) throws -> Report {
        guard !options.context.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CRMError.invalid(field: "context", reason: "dites où et quand les adresses ont été collectées (c'est écrit dans l'e-mail de confirmation)")
        }
        let file = try ContactFile(data: data)
        let columns = options.columns ?? ContactColumns(guessingFrom: file.header)
        guard columns.column(of: .email) != nil || columns.column(of: .lastName) != nil || columns.column(of: .company) != nil else {
            throw CRMError.invalid(field: "columns", reason: "aucune colonne ne contient d'adresse e-mail, de nom ou de société (en-têtes : \(file.header.joined(separator: ", ")))")
        }
        let officeID = try caller.office()
        var report = Report()
        report.rejected = file.broken.map { .init(line: $0, .unclosedQuote) }
        // 1. Read and check every row; nothing is written yet.
        var accepted: [(line: Int, contact: Contact)] = []
        for row in file.rows {
            switch try contact(row, header: file.header.count, columns: columns, officeID: officeID) {
            case let .failure(rejection): report.rejected.append(rejection)
            case let .success(nil): report.suppressed += 1
            case let .success(contact?): accepted.append((row.line, contact))
            }
        }
        report.rejected.sort { $0.line < $1.line }
        // 2. Every accepted row in one transaction.
        let written = try desk.crm.transaction { tx -> [(contact: Contact, new: Bool)] in
            var seen: Set<String> = []
            return try accepted.map { line, contact in
                var contact = contact
                contact.notes = [contact.notes, "\(options.context) (ligne \(line))"].compactMap { $0 }.joined(separator: " — ")
                guard let email = contact.email else {
                    // Without an address, the same names and postal code are the same person.
                    if let twin = try tx.contacts.search(contact.lastName ?? contact.company, by: caller).first(where: { Self.sameWithoutEmail($0, contact) }) {
                        let filled = Self.filling(twin, from: contact)
                        try tx.contacts.update(filled, by: caller)
                        return (filled, false)
                    }
                    return (try tx.contacts.add(contact, by: caller), true)
                }
                let known = try tx.contacts.contact(email: email, by: caller) != nil || !seen.insert(email).inserted
                return (try tx.contacts.add(contact, by: caller), !known)
            }
        }
        report.imported = written.filter(\.new).count
        report.merged = written.count - report.imported
        try desk.crm.audit.record(.contactsImported, detail: report.summary + " (\(options.mode.rawValue))", by: caller)
        // 3. The confirmation emails, at the imports' rate.
        var asked: Set<Int64> = []
        for (contact, _) in written where asked.insert(contact.id).inserted {
            guard let email = contact.email else { continue }
            let purposes = try options.purposes.filter { try desk.askRefusal(officeID: officeID, email: email, purpose: $0) == nil }
            let outcome = try AskConsent(desk: desk).run(contactID: contact.id, purposes: purposes, mode: options.mode, context: options.context,
                                                         delivery: .paced(campaignID: nil), by: caller)
            if outcome.confirmation != nil { report.asked += 1 }
        }
        return report
    }

    static func sameWithoutEmail(_ a: Contact, _ b: Contact) -> Bool {
        func key(_ c: Contact) -> [String] {
            [c.lastName, c.firstName, c.company, c.postalCode].map { ($0 ?? "").folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
        }
        return a.email == nil && key(a) == key(b)
    }

    /// `base` with its empty fields taken from `row`, and the row's notes added.
    static func filling(_ base: Contact, from row: Contact) -> Contact {
        var c = base
        let fields: [WritableKeyPath<Contact, String?>] = [\.company, \.civility, \.firstName, \.lastName, \.phone, \.mobile, \.address,
                                                           \.postalCode, \.commune, \.country, \.language]
        for field in fields where c[keyPath: field] == nil { c[keyPath: field] = row[keyPath: field] }
        c.notes = [base.notes, row.notes].compactMap { $0 }.joined(separator: " — ")
        return c
    }

    /// A row as a contact; nil when the person is on the office's suppression list.
    func contact(_ row: ContactFile.Row, header: Int, columns: ContactColumns, officeID: Int64) throws -> Result<Contact?, Report.Rejection> {
        func reject(_ problem: ContactFile.Problem) -> Result<Contact?, Report.Rejection> { .failure(.init(line: row.line, problem)) }
        let extra = row.fields.dropFirst(header)
        guard row.fields.count == header || (row.fields.count > header && extra.allSatisfy(\.isEmpty)) else {
            return reject(.columns(found: row.fields.count, expected: header))
        }
        func value(_ field: ContactColumns.Field) -> String? {
            guard let index = columns.column(of: field), index < row.fields.count else { return nil }
            let text = row.fields[index].trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : text
        }
        let email = value(.email)?.lowercased()
        if let email, (try? MailAddress(email)) == nil { return reject(.invalidEmail(email)) }
        guard email != nil || value(.lastName) != nil || value(.company) != nil else { return reject(.noIdentity) }
        let phones = [value(.phone), value(.mobile)].compactMap { $0 }
        for key in [email.map(desk.keys.subject)].compactMap({ $0 }) + phones.map(desk.keys.phone)
        where try desk.store.isSuppressed(key, officeID: officeID) {
            return .success(nil)
        }
        return .success(Contact(kind: value(.kind).map(ContactColumns.kind) ?? .individual, company: value(.company), civility: value(.civility),
                                firstName: value(.firstName), lastName: value(.lastName), email: email, phone: value(.phone), mobile: value(.mobile),
                                address: value(.address), postalCode: value(.postalCode), commune: value(.commune), country: value(.country),
                                language: value(.language).map { String($0.lowercased().prefix(2)) }, notes: value(.notes)))
    }
}
