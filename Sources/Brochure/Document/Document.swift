/// A text document printed with an office's branding (the register of processing activities):
/// a title, then sections of labelled paragraphs.
public struct Document: Sendable, Hashable {
    public var title: String
    public var subtitle: String?
    public var sections: [Section]
    /// Printed at the foot of every page, beside the page number.
    public var footer: String
    public var language: String

    public struct Section: Sendable, Hashable {
        public var heading: String
        public var fields: [(label: String, text: String)]

        public init(heading: String, fields: [(label: String, text: String)]) { self.heading = heading; self.fields = fields }

        public static func == (a: Section, b: Section) -> Bool {
            a.heading == b.heading && a.fields.map(\.label) == b.fields.map(\.label) && a.fields.map(\.text) == b.fields.map(\.text)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(heading)
            for field in fields { hasher.combine(field.label); hasher.combine(field.text) }
        }
    }

    public init(title: String, subtitle: String? = nil, sections: [Section], footer: String, language: String = "fr") {
        self.title = title; self.subtitle = subtitle; self.sections = sections; self.footer = footer; self.language = language
    }
}
