extension String {
    /// Each scalar of `replacements` replaced by its text, in one pass over the text (Foundation's
    /// `replacingOccurrences` copies it through NSString once per call: a brochure's descriptions
    /// went through it three times each). The text itself when it holds none of them.
    func replacingEach(_ replacements: [Unicode.Scalar: String]) -> String {
        guard unicodeScalars.contains(where: { replacements[$0] != nil }) else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 16)
        for scalar in unicodeScalars {
            if let replacement = replacements[scalar] { result += replacement } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
