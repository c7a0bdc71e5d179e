import Foundation
import Records

/// An opening period or an event's dates in words, in the brochure's language: "Du 10 au 13
/// décembre 2026", "Le 14 juillet 2026", "Du 1 avril au 30 septembre (chaque année)" — what
/// Apidae's text ("Le 10/12/2026") says of a multi-day event only by its first day.
public enum PeriodText {
    /// A date window searched: the periods that meet it (every-year periods always do).
    public struct Window: Sendable, Hashable {
        public var from: CalendarDay?
        public var to: CalendarDay?
        public init(from: CalendarDay?, to: CalendarDay?) { self.from = from; self.to = to }

        public func meets(_ p: OpeningPeriod) -> Bool {
            guard !p.everyYear else { return true }
            return (from.map { p.end >= $0 } ?? true) && (to.map { p.start <= $0 } ?? true)
        }
    }

    /// Each period of `periods` (those meeting `window` when there is one; all of them when none
    /// does), in order, at most `limit` (the rest as "…").
    public static func describe(_ periods: [OpeningPeriod], language: String, limit: Int = 4, window: Window? = nil) -> String? {
        let meeting = window.map { w in periods.filter(w.meets) } ?? periods
        let sorted = (meeting.isEmpty ? periods : meeting).sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        guard !sorted.isEmpty else { return nil }
        var parts = sorted.prefix(limit).map { describe($0, language: language) }
        if sorted.count > limit { parts.append("…") }
        return parts.joined(separator: " ; ")
    }

    public static func describe(_ p: OpeningPeriod, language: String) -> String {
        let words = phrases[language] ?? phrases["fr"]!
        let yearly = p.everyYear ? " " + words.everyYear : ""
        let year = p.everyYear ? "" : "y"
        if p.start == p.end { return words.on.replacingOccurrences(of: "{a}", with: format(p.start, "d MMMM " + year, language)) + yearly }
        let first: String
        if p.start.year == p.end.year || p.everyYear {
            first = p.start.month == p.end.month ? format(p.start, "d", language) : format(p.start, "d MMMM", language)
        } else {
            first = format(p.start, "d MMMM y", language)
        }
        return words.range.replacingOccurrences(of: "{a}", with: first)
            .replacingOccurrences(of: "{b}", with: format(p.end, "d MMMM " + year, language)) + yearly
    }

    static let phrases: [String: (on: String, range: String, everyYear: String)] = [
        "fr": ("Le {a}", "Du {a} au {b}", "(chaque année)"),
        "en": ("On {a}", "From {a} to {b}", "(every year)"),
        "de": ("Am {a}", "Vom {a} bis {b}", "(jedes Jahr)"),
        "nl": ("Op {a}", "Van {a} tot {b}", "(elk jaar)"),
        "it": ("Il {a}", "Dal {a} al {b}", "(ogni anno)"),
        "es": ("El {a}", "Del {a} al {b}", "(cada año)"),
    ]

    /// The day with a fixed pattern in the language's month names ("d MMMM y": "13 décembre 2026").
    static func format(_ day: CalendarDay, _ pattern: String, _ language: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language)
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern.trimmingCharacters(in: .whitespaces)
        var components = DateComponents()
        components.year = day.year; components.month = day.month; components.day = day.day; components.hour = 12
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components).map(formatter.string(from:)) ?? day.description
    }
}
