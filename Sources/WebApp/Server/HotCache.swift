import CRM
import Foundation
import Synchronization

/// What nearly every request asks the database again and again, kept for a few seconds: the
/// office behind an API token, and the offices themselves (tier, Apidae member). Small,
/// read-mostly; a miss is loaded on the blocking pool.
final class HotCache: Sendable {
    private let entries = Mutex<[String: (value: Entry, until: Date)]>([:])
    let lifetime: TimeInterval

    enum Entry: Sendable {
        case caller(Caller?)
        case office(Office)
    }

    init(lifetime: TimeInterval = 15) { self.lifetime = lifetime }

    /// The entry for `key` while it is fresh.
    func fresh(_ key: String) -> Entry? {
        guard let hit = entries.withLock({ $0[key] }), hit.until > Date() else { return nil }
        return hit.value
    }

    func keep(_ key: String, _ value: Entry) {
        entries.withLock {
            if $0.count > 10_000 { $0.removeAll() }
            $0[key] = (value, Date().addingTimeInterval(lifetime))
        }
    }

    /// Forgets everything (a token revoked, a user disabled: no stale answer for the next 15 s).
    func clear() { entries.withLock { $0.removeAll() } }

    /// The fresh entry, else `load()` run on `blocking` and kept.
    func value(_ key: String, on blocking: BlockingPool, load: @escaping @Sendable () throws -> Entry) async throws -> Entry {
        if let hit = fresh(key) { return hit }
        let loaded = try await blocking.run(load)
        keep(key, loaded)
        return loaded
    }

    /// The same, for code already running on the blocking pool.
    func value(_ key: String, load: () throws -> Entry) rethrows -> Entry {
        if let hit = fresh(key) { return hit }
        let loaded = try load()
        keep(key, loaded)
        return loaded
    }
}

extension GuichetServices {
    /// The caller of an API token (nil when unknown), cached briefly.
    func caller(forAPIToken token: String) async throws -> Caller? {
        let crm = crm
        guard case let .caller(caller) = try await hot.value("token:" + Digest.sha256Hex(token), on: blocking, load: {
            .caller(try crm.offices.caller(forAPIToken: token))
        }) else { return nil }
        return caller
    }

    /// The caller's office, cached briefly (tier changes show within seconds).
    func office(of caller: Caller) async throws -> Office {
        let id = try caller.office()
        let crm = crm
        guard case let .office(office) = try await hot.value("office:\(id)", on: blocking, load: { .office(try crm.offices.office(id: id, by: caller)) }) else {
            throw CRMError.notFound("office \(id)")
        }
        return office
    }

    /// The caller's office, cached briefly; for code already on the blocking pool.
    func officeNow(of caller: Caller) throws -> Office {
        let id = try caller.office()
        guard case let .office(office) = try hot.value("office:\(id)", load: { .office(try crm.offices.office(id: id, by: caller)) }) else {
            throw CRMError.notFound("office \(id)")
        }
        return office
    }
}
