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

    /// Ordinals of the documents in the cells meeting the box, in ascending order.
    func ordinals(in box: BoundingBox) -> [UInt32] {
        var result: [UInt32] = []
        for latCell in Self.cell(box.minLat)...Self.cell(box.maxLat) {
            for lonCell in Self.cell(box.minLon)...Self.cell(box.maxLon) {
                if let list = cells[Self.key(latCell, lonCell)] { result += list }
            }
        }
        result.sort()
        return result
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
