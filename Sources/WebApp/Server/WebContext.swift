import CRM
import Hummingbird

/// What a request carries through the middleware: the session and who signed in (or the API
/// token's office).
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var session: WebSession?
    /// Set by the session or an API token; nil for anonymous requests.
    public var caller: Caller?
    /// Authenticated by an API token (no cookie, so no CSRF check).
    public var viaToken = false
    /// The interface's language (cookie), and the page's path for the language switch.
    var language = UILanguage.fr
    var path = "/"

    /// A fixed word of the interface in the caller's language.
    func text(_ key: String) -> String { language.texts[key] ?? UIText.allFrench[key] ?? key }

    /// The peer's IP address, for the sign-in throttle only (never logged).
    var remoteAddress: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// 3 MiB for every form and JSON body: the largest is the branding form, whose logo (2 MB at
    /// most, checked by the store) arrives as base64, a third larger.
    public var maxUploadSize: Int { 3 * 1024 * 1024 }

    /// The signed-in caller, or a 401 (the error middleware turns it into the login page for HTML).
    func requireCaller() throws -> Caller {
        guard let caller else { throw HTTPError(.unauthorized, message: "Veuillez vous connecter.") }
        return caller
    }
}
