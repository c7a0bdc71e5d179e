/// The languages Guichet speaks to visitors in — brochures, messages, the records' texts first
/// looked for — in the order a missing translation falls back through.
public enum VisitorLanguages {
    public static let codes = ["fr", "en", "de", "nl", "it", "es"]

    /// Each language's name in itself, for a language menu.
    public static let names = ["fr": "Français", "en": "English", "de": "Deutsch", "nl": "Nederlands", "it": "Italiano", "es": "Español"]
}
