import Foundation
import Storage
import HummingbirdBcrypt
import Mail

struct SQLUserStore: UserStore {
    let executor: SQLExecutor

    /// Minimum password length; the hash is bcrypt (cost 12).
    static let minimumPasswordLength = 10

    func add(email: String, name: String, role: Caller.Role, officeID: Int64?, password: String, by caller: Caller) throws(CRMError) -> User {
        guard password.count >= Self.minimumPasswordLength else {
            throw .invalid(field: "password", reason: "\(Self.minimumPasswordLength) caractères au moins")
        }
        return try insert(email: email, name: name, role: role, officeID: officeID, hash: Bcrypt.hash(password, cost: 12),
                          event: UserEvent.created(role), by: caller)
    }

    /// Checks who may add whom, then writes the user and the event in one transaction.
    func insert(email: String, name: String, role: Caller.Role, officeID: Int64?, hash: String, event: String,
                        by caller: Caller, then: (any SQLSession, Int64) throws -> Void = { _, _ in }) throws(CRMError) -> User {
        switch caller.role {
        case .regionalAdmin: break
        case .officeAdmin:
            guard role != .regionalAdmin, officeID == caller.officeID else { throw .forbidden("un administrateur d'office ajoute les utilisateurs de son office") }
        case .agent: throw .forbidden("un agent n'ajoute pas d'utilisateurs")
        }
        guard (role == .regionalAdmin) == (officeID == nil) else {
            throw .invalid(field: "office", reason: role == .regionalAdmin ? "the regional admin belongs to no office" : "a user of an office needs its id")
        }
        if let officeID { _ = try SQLOfficeStore(executor: executor).office(id: officeID, by: .regionalAdmin) }
        guard let address = try? MailAddress(email) else { throw .invalid(field: "email", reason: "« \(email) » n'est pas une adresse e-mail") }
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw .invalid(field: "name", reason: "un utilisateur a besoin d'un nom") }
        let id = try executor.write { db -> Int64 in
            if try Bool.one(db, "SELECT 1 FROM crm_user WHERE email = ?", [address.address.lowercased()]) == true {
                throw CRMError.invalid(field: "email", reason: "déjà utilisée par un autre utilisateur")
            }
            let id = try SQLContactStore.insertedID(db, """
                INSERT INTO crm_user (email, name, role, office_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id
                """, [address.address.lowercased(), name, role.rawValue, officeID, hash, Date().timeIntervalSince1970])
            try Self.record(event, userID: id, officeID: officeID, by: caller.userName, db)
            try then(db, id)
            return id
        }
        return User(id: id, email: address.address.lowercased(), name: name, role: role, officeID: officeID)
    }

    static func record(_ what: String, userID: Int64, officeID: Int64?, by: String, _ db: any SQLSession) throws {
        try db.execute("INSERT INTO crm_user_event (office_id, user_id, by_user, at, what) VALUES (?, ?, ?, ?, ?)",
                       [officeID, userID, by, Date().timeIntervalSince1970, what])
    }

    func authenticate(email: String, password: String) throws(CRMError) -> User? {
        let row = try executor.read { db in
            try SQLRow.one(db, "SELECT * FROM crm_user WHERE email = ? AND disabled = 0", [email.lowercased()])
        }
        guard let row else {
            _ = Bcrypt.verify(password, hash: Self.decoyHash)  // same work either way: no timing hint
            return nil
        }
        // An account waiting for its invitation (or reset) has no bcrypt hash: one bcrypt is spent
        // all the same, so the answer's timing does not tell it from a real or unknown account.
        let hash: String = row["password_hash"]
        guard hash.hasPrefix("$2") else {
            _ = Bcrypt.verify(password, hash: Self.decoyHash)
            return nil
        }
        guard Bcrypt.verify(password, hash: hash) else { return nil }
        return Self.user(row)
    }

    func all(by caller: Caller) throws(CRMError) -> [User] {
        try executor.read { db in
            switch caller.role {
            case .regionalAdmin: try SQLRow.all(db, "SELECT * FROM crm_user ORDER BY email").map(Self.user)
            case .officeAdmin, .agent:
                try SQLRow.all(db, "SELECT * FROM crm_user WHERE office_id = ? ORDER BY email", [caller.officeID]).map(Self.user)
            }
        }
    }

    static func user(_ row: SQLRow) -> User {
        User(id: row["id"], email: row["email"], name: row["name"], role: Caller.Role(rawValue: row["role"]) ?? .agent, officeID: row["office_id"],
             disabled: row["disabled"], pending: (row["password_hash"] as String) == noPassword)
    }

    static let decoyHash = Bcrypt.hash("guichet decoy password", cost: 12)
}
