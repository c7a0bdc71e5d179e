import CRM
import Foundation
import Synchronization

/// What every request asks the database again and again, kept for a few seconds: the office
/// behind an API token, and the offices themselves (tier, Apidae member). Small, read-mostly.
final class HotCache: Sendable {
    private let entries = Mutex<[String: (value: Entry, until: Date)]>([:])
    let lifetime: TimeInterval

    enum Entry: Sendable {
        case caller(Caller?)
        case office(Office)
    }

    init(lifetime: TimeInterval = 15) { self.lifetime = lifetime }

    func value(_ key: String, load: () throws -> Entry) rethrows -> Entry {
        let now = Date()
        if let hit = entries.withLock({ $0[key] }), hit.until > now { return hit.value }
        let loaded = try load()
        entries.withLock {
            if $0.count > 10_000 { $0.removeAll() }
            $0[key] = (loaded, now.addingTimeInterval(lifetime))
        }
        return loaded
    }
}

extension GuichetServices {
    /// The caller of an API token (nil when unknown), cached briefly.
    func caller(forAPIToken token: String) throws -> Caller? {
        guard case let .caller(caller) = try hot.value("token:" + SessionStore.hash(token), load: { .caller(try crm.caller(forAPIToken: token)) }) else {
            return nil
        }
        return caller
    }

    /// The caller's office, cached briefly (tier changes show within seconds).
    func office(of caller: Caller) throws -> Office {
        let id = try caller.office()
        guard case let .office(office) = try hot.value("office:\(id)", load: { .office(try crm.office(id: id, by: caller)) }) else {
            throw CRMError.notFound("office \(id)")
        }
        return office
    }
}
