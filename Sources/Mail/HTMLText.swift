/// Text put into HTML — a message's HTML part, a page, an SVG chart — with its markup characters
/// escaped (`&`, `<`, `>`, `"`: safe in content and in double-quoted attributes).
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
