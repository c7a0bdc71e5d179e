import Foundation

/// A WGS84 position. Apidae writes GeoJSON `[longitude, latitude]`; this type names both.
public struct GeoPoint: Sendable, Hashable, Codable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Whether the point is a real position on Earth (and not the 0,0 of a missing value).
    public var isPlausible: Bool {
        latitude.isFinite && longitude.isFinite && abs(latitude) <= 90 && abs(longitude) <= 180
            && !(latitude == 0 && longitude == 0)
    }

    public static let earthRadiusKm = 6371.0088

    /// Great-circle distance in kilometres (haversine).
    public func distanceKm(to other: GeoPoint) -> Double {
        Self.haversineKm(latitude, longitude, other.latitude, other.longitude)
    }

    @inline(__always)
    public static func haversineKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let toRad = Double.pi / 180
        let dLat = (lat2 - lat1) * toRad
        let dLon = (lon2 - lon1) * toRad
        let a = sin(dLat / 2) * sin(dLat / 2)
            + cos(lat1 * toRad) * cos(lat2 * toRad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadiusKm * asin(min(1, sqrt(a)))
    }

    /// Parses "lat,lon" (decimal degrees, optional spaces). Returns nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]) else { return nil }
        self.init(latitude: lat, longitude: lon)
        guard isPlausible else { return nil }
    }
}
