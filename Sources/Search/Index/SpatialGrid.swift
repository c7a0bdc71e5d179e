import Foundation
import Records

/// Documents bucketed by cells of 0.1° × 0.1°, so a radius search without text visits only the
/// cells its bounding box covers.
struct SpatialGrid: Sendable {
    static let cellDegrees = 0.1
    let cells: [Int64: [UInt32]]

    init(latitudes: [Double], longitudes: [Double]) {
        var cells: [Int64: [UInt32]] = [:]
        for d in latitudes.indices where !latitudes[d].isNaN {
            cells[Self.key(latitudes[d], longitudes[d]), default: []].append(UInt32(d))
        }
        self.cells = cells
    }

    static func cell(_ degrees: Double) -> Int64 { Int64((degrees / cellDegrees).rounded(.down)) }
    static func key(_ lat: Double, _ lon: Double) -> Int64 { key(cell(lat), cell(lon)) }
    static func key(_ latCell: Int64, _ lonCell: Int64) -> Int64 { latCell << 32 | (lonCell & 0xFFFF_FFFF) }

    /// The documents' lists of the cells meeting the circle: `inner` cells lie wholly inside it
    /// (their records need no position check), `border` cells may hold records outside. Cells
    /// clearly outside are left out.
    func lists(in box: BoundingBox, centre: GeoPoint, radiusKm: Double) -> (inner: [[UInt32]], border: [[UInt32]]) {
        var inner: [[UInt32]] = [], border: [[UInt32]] = []
        let kmPerDegree = GeoPoint.earthRadiusKm * .pi / 180
        let cosCentre = cos(centre.latitude * .pi / 180)
        // The flat estimate is trusted (with a margin) only for radii the counter uses.
        let innerLimit = radiusKm <= 100 ? radiusKm * 0.9 : -1
        for latCell in Self.cell(box.minLat)...Self.cell(box.maxLat) {
            let south = Double(latCell) * Self.cellDegrees, north = south + Self.cellDegrees
            let nearY = centre.latitude < south ? south - centre.latitude : centre.latitude > north ? centre.latitude - north : 0
            let farY = max(abs(centre.latitude - south), abs(north - centre.latitude))
            for lonCell in Self.cell(box.minLon)...Self.cell(box.maxLon) {
                guard let list = cells[Self.key(latCell, lonCell)] else { continue }
                let west = Double(lonCell) * Self.cellDegrees, east = west + Self.cellDegrees
                let nearX = (centre.longitude < west ? west - centre.longitude : centre.longitude > east ? centre.longitude - east : 0) * cosCentre
                // Generous slack: the flat estimate must never drop a cell the circle reaches.
                if (nearX * nearX + nearY * nearY).squareRoot() * kmPerDegree > radiusKm * 1.1 + 1 { continue }
                let farX = max(abs(centre.longitude - west), abs(east - centre.longitude)) * cosCentre
                if (farX * farX + farY * farY).squareRoot() * kmPerDegree < innerLimit {
                    inner.append(list)
                } else {
                    border.append(list)
                }
            }
        }
        return (inner, border)
    }

    /// The documents in the cells meeting the box, as a bitmap (ascending order for free).
    static func bitmap(_ lists: [[UInt32]], count: Int) -> Bitmap {
        var bitmap = Bitmap(count: count)
        for list in lists { for o in list { bitmap.insert(o) } }
        return bitmap
    }

    var memoryBytes: Int { cells.values.reduce(0) { $0 + $1.capacity * 4 + 40 } }
}

/// The latitude/longitude box around a circle; a cheap pre-filter before the exact distance.
struct BoundingBox {
    var minLat, maxLat, minLon, maxLon: Double

    init(centre: GeoPoint, radiusKm: Double) {
        let dLat = radiusKm / GeoPoint.earthRadiusKm * 180 / .pi
        let cosLat = max(0.01, cos(min(89.9, abs(centre.latitude) + dLat) * .pi / 180))
        let dLon = min(180, dLat / cosLat)
        minLat = centre.latitude - dLat
        maxLat = centre.latitude + dLat
        minLon = centre.longitude - dLon
        maxLon = centre.longitude + dLon
    }

    @inline(__always)
    func contains(_ lat: Double, _ lon: Double) -> Bool {
        lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon
    }
}
