import Foundation

/// Apidae timestamps: "2014-05-23T07:48:12.006+0000" (offset without colon, milliseconds).
/// Also accepts "+02:00", "Z", no milliseconds, and no offset (taken as UTC).
public enum ApidaeTimestamp {
    public static func parse(_ text: String) -> Date? {
        let u = Array(text.utf8)
        guard u.count >= 19, let day = CalendarDay(iso: text),
              u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "),
              let h = CalendarDay.number(u[11..<13]), let mi = CalendarDay.number(u[14..<16]),
              let s = CalendarDay.number(u[17..<19]), h < 24, mi < 60, s < 61
        else { return nil }
        var i = 19
        var fraction = 0.0
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            while i < u.count, u[i] >= 48, u[i] <= 57 {
                fraction += Double(u[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        var offsetSeconds = 0
        if i < u.count {
            switch u[i] {
            case UInt8(ascii: "Z"): i += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign = u[i] == UInt8(ascii: "-") ? -1 : 1
                let digits = u[(i + 1)...].filter { $0 != UInt8(ascii: ":") }
                guard digits.count == 4, let oh = CalendarDay.number(digits[digits.startIndex..<digits.startIndex + 2]),
                      let om = CalendarDay.number(digits[(digits.startIndex + 2)...]) else { return nil }
                offsetSeconds = sign * (oh * 3600 + om * 60)
                i = u.count
            default: return nil
            }
        }
        guard i == u.count else { return nil }
        let seconds = Double(day.daysSinceEpoch * 86_400 + h * 3600 + mi * 60 + s - offsetSeconds) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// The canonical UTC form stored in the cache; sorts lexically in time order.
    public static func canonical(_ date: Date) -> String {
        let ms = Int((date.timeIntervalSince1970 * 1000).rounded())
        let (days, msOfDay) = ms.quotientAndRemainder(dividingBy: 86_400_000)
        let (d, m) = msOfDay >= 0 ? (days, msOfDay) : (days - 1, msOfDay + 86_400_000)
        let day = CalendarDay(daysSinceEpoch: d)
        guard (0...9999).contains(day.year) else {
            let p = CalendarDay.padded
            return day.description + "T" + p(m / 3_600_000, 2) + ":" + p(m / 60_000 % 60, 2) + ":" + p(m / 1000 % 60, 2)
                + "." + p(m % 1000, 3) + "Z"
        }
        // "YYYY-MM-DDTHH:MM:SS.mmmZ" written digit by digit: the import makes two per record.
        return String(unsafeUninitializedCapacity: 24) { out in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var v = value
                for k in stride(from: offset + width - 1, through: offset, by: -1) {
                    out[k] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                }
            }
            put(day.year, 4, at: 0); out[4] = UInt8(ascii: "-"); put(day.month, 2, at: 5); out[7] = UInt8(ascii: "-")
            put(day.day, 2, at: 8); out[10] = UInt8(ascii: "T"); put(m / 3_600_000, 2, at: 11); out[13] = UInt8(ascii: ":")
            put(m / 60_000 % 60, 2, at: 14); out[16] = UInt8(ascii: ":"); put(m / 1000 % 60, 2, at: 17)
            out[19] = UInt8(ascii: "."); put(m % 1000, 3, at: 20); out[23] = UInt8(ascii: "Z")
            return 24
        }
    }
}
