import Foundation
import Hummingbird

extension GuichetServices {
    /// The address of the person signing in: the connection's peer, or — when that peer is a
    /// configured trusted proxy — the last address of `X-Forwarded-For` that is not one of the
    /// trusted proxies (a client can write the header's first entries, never the proxy's own). A
    /// header from anyone else is ignored.
    public func clientAddress(_ request: Request, peer: String?) -> String? {
        guard let peer, trustedProxies.contains(peer) else { return peer }
        let forwarded = request.headers[values: .init("X-Forwarded-For")!].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return forwarded.last { !trustedProxies.contains($0) } ?? peer
    }
}
