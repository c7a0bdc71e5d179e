import Foundation

/// How an office signs its brochures: its name and logo on the cover and in the header, its
/// colours on headings and rules, its address and legal mention in the footer.
///
/// One per member. The CLI reads them from `Branding/<member>.yaml`; the CRM keeps its own copy
/// and hands it to the renderer the same way.
public struct Branding: Sendable, Hashable {
    public var office: String
    /// JPEG, PNG or SVG bytes.
    public var logo: Data?
    /// Headings, type labels, rules.
    public var primary: Color
    /// Small print (footer, dates).
    public var muted: Color
    /// Postal address, one line.
    public var address: String?
    /// The legal mention every printed page carries (registration, publisher), one line.
    public var legal: String?

    public init(office: String, logo: Data? = nil, primary: Color = Branding.defaultPrimary, muted: Color = Branding.defaultMuted,
                address: String? = nil, legal: String? = nil) {
        self.office = office; self.logo = logo; self.primary = primary; self.muted = muted
        self.address = address; self.legal = legal
    }

    public static let defaultPrimary = Color(red: 0.12, green: 0.36, blue: 0.55)
    public static let defaultMuted = Color(red: 0.35, green: 0.38, blue: 0.42)
}

extension Color {
    /// `#RRGGBB` or `RRGGBB`.
    public init?(hex: String) {
        let digits = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(red: Double(value >> 16 & 0xFF) / 255, green: Double(value >> 8 & 0xFF) / 255, blue: Double(value & 0xFF) / 255)
    }

    public var hex: String {
        String(format: "#%02X%02X%02X", Int((red * 255).rounded()), Int((green * 255).rounded()), Int((blue * 255).rounded()))
    }
}
