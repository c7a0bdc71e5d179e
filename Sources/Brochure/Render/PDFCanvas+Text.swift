import CPango
import Foundation

extension PDFCanvas {
    /// Draws `text` in `box`, clipped to it: nothing is ever drawn outside.
    ///
    /// - Parameters:
    ///   - markup: Pango markup (`<b>`, `<i>`…) instead of plain text.
    ///   - overflow: `.ellipsis` ends the last line that fits with "…"; `.flow` stops at the last
    ///     whole line that fits and returns the rest as `remainder` (plain text only).
    public func draw(_ text: String, markup: Bool = false, style: TextStyle, in box: Rect, fonts: FontLibrary,
                     overflow: Overflow = .ellipsis) -> TextFit {
        var layout = cachedLayout(text, markup: markup, style: style, width: box.width, fonts: fonts)
        var owned: OpaquePointer?  // a layout made for this drawing only, released after
        defer { if let owned { g_object_unref(UnsafeMutableRawPointer(owned)) } }
        var fit = TextFit(height: 0, remainder: nil, ellipsized: false)
        switch overflow {
        case .ellipsis:
            let (used, cut) = Self.lastFittingLine(layout, height: box.height)
            fit.height = used
            if cut != nil || used == 0 && Self.height(of: layout) > box.height {
                // Cairo maps the "…" glyph to every character it stands for (PDF ActualText): hand
                // Pango only what can show plus one line's worth, so the elided text stays out of the file.
                var shown = text
                if !markup, let cut {
                    let bytes = Array(text.utf8)
                    var end = min(bytes.count, cut + 160)
                    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                    shown = String(decoding: bytes[..<end], as: UTF8.self) + "…"
                }
                let fresh = makeLayout(shown, markup: markup, style: style, width: box.width, fonts: fonts)
                owned = fresh
                layout = fresh
                pango_layout_set_height(layout, Int32(box.height * Double(PANGO_SCALE)))
                pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
                fit.ellipsized = pango_layout_is_ellipsized(layout) != 0
                fit.height = min(box.height, Self.height(of: layout))
            } else {
                fit.height = min(box.height, Self.height(of: layout))
            }
        case .flow:
            let part = split(text, style: style, width: box.width, height: box.height, fonts: fonts)
            fit.height = part.height
            fit.remainder = part.remainder
            if part.remainder != nil {
                // Only the lines that fit go into the PDF; the rest is handed back.
                layout = cachedLayout(part.kept, markup: false, style: style, width: box.width, fonts: fonts)
            }
        }
        cairo_save(cr)
        cairo_rectangle(cr, box.x, box.y, box.width, fit.height > 0 ? max(fit.height, 0.1) : box.height)
        cairo_clip(cr)
        cairo_set_source_rgb(cr, style.color.red, style.color.green, style.color.blue)
        cairo_move_to(cr, box.x, box.y)
        pango_cairo_show_layout(cr, layout)
        cairo_restore(cr)
        return fit
    }

    public enum Overflow: Sendable { case ellipsis, flow }

    /// Splits plain `text` after the last whole line that fits in `height` at `width`: the part that
    /// fits, its height, and the rest (nil when everything fits). Measures exactly as `draw` sets.
    public func split(_ text: String, style: TextStyle, width: Double, height: Double,
                      fonts: FontLibrary) -> (kept: String, height: Double, remainder: String?) {
        let layout = cachedLayout(text, markup: false, style: style, width: width, fonts: fonts)
        let (used, cut) = Self.lastFittingLine(layout, height: height)
        guard let cut else { return (text, used, nil) }
        let bytes = Array(text.utf8)
        let kept = String(decoding: bytes[..<min(cut, bytes.count)], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let rest = String(decoding: bytes[min(cut, bytes.count)...], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return (kept, kept.isEmpty ? 0 : used, rest.isEmpty ? nil : rest)
    }

    /// The height `text` needs at `width`, in points.
    public func measure(_ text: String, markup: Bool = false, style: TextStyle, width: Double, fonts: FontLibrary) -> Double {
        Self.height(of: cachedLayout(text, markup: markup, style: style, width: width, fonts: fonts))
    }

    /// A laid-out text, shaped once for the measure and the drawing that follows it (and for the
    /// same header on every page). Owned by the canvas: callers must not change or release it.
    func cachedLayout(_ text: String, markup: Bool, style: TextStyle, width: Double, fonts: FontLibrary) -> OpaquePointer {
        let key = LayoutKey(text: text, markup: markup, style: style, width: width, fonts: ObjectIdentifier(fonts))
        if let layout = layouts[key] { return layout }
        if layouts.count >= 256 { releaseLayouts() }
        let layout = makeLayout(text, markup: markup, style: style, width: width, fonts: fonts)
        layouts[key] = layout
        return layout
    }

    func releaseLayouts() {
        for layout in layouts.values { g_object_unref(UnsafeMutableRawPointer(layout)) }
        layouts.removeAll(keepingCapacity: true)
    }

    func makeLayout(_ text: String, markup: Bool, style: TextStyle, width: Double, fonts: FontLibrary) -> OpaquePointer {
        let layout = pango_layout_new(context(fonts: fonts, language: style.language))!
        let description = pango_font_description_from_string(style.pangoDescription)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        switch style.alignment {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        case .justify:
            pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
            pango_layout_set_justify(layout, 1)
            if style.justifyLastLine { pango_layout_set_justify_last_line(layout, 1) }
        }
        if markup {
            pango_layout_set_markup(layout, text, -1)
        } else {
            pango_layout_set_text(layout, text, -1)
        }
        return layout
    }

    /// One Pango context per font library and language for the canvas's life (text is always set
    /// untransformed, so the context never needs updating).
    ///
    /// Glyphs keep their fonts' exact advances: Pango's default rounds each position to a device
    /// unit, a whole point here, which spaces letters unevenly on paper and makes cairo write a
    /// correction after nearly every glyph (a third of a page's content stream).
    func context(fonts: FontLibrary, language: String) -> OpaquePointer {
        let key = "\(ObjectIdentifier(fonts).hashValue)|\(language)"
        if let context = contexts[key] { return context }
        let context = pango_font_map_create_context(fonts.fontMap)!
        pango_cairo_update_context(cr, context)
        pango_context_set_round_glyph_positions(context, 0)
        pango_context_set_language(context, pango_language_from_string(language))
        contexts[key] = context
        fontLibraries.append(fonts)
        return context
    }

    static func height(of layout: OpaquePointer) -> Double {
        var width: Int32 = 0, height: Int32 = 0
        pango_layout_get_size(layout, &width, &height)
        return Double(height) / Double(PANGO_SCALE)
    }

    /// The height of the whole lines that fit in `height`, and the byte index where the first line
    /// that does not fit starts (nil when all fit).
    static func lastFittingLine(_ layout: OpaquePointer, height: Double) -> (Double, Int?) {
        let iterator = pango_layout_get_iter(layout)!
        defer { pango_layout_iter_free(iterator) }
        var used = 0.0
        repeat {
            var ink = PangoRectangle(), logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iterator, &ink, &logical)
            let bottom = Double(logical.y + logical.height) / Double(PANGO_SCALE)
            if bottom > height {
                return (used, Int(pango_layout_iter_get_index(iterator)))
            }
            used = bottom
        } while pango_layout_iter_next_line(iterator) != 0
        return (used, nil)
    }
}

struct LayoutKey: Hashable {
    var text: String
    var markup: Bool
    var style: TextStyle
    var width: Double
    var fonts: ObjectIdentifier
}
