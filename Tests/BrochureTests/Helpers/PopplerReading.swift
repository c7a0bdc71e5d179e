import CPoppler
import Foundation
import Testing

/// What poppler-glib reads back from a rendered PDF: the structure's figures, the outline, the
/// links of each page — the reader's view, not the writer's.
enum PopplerReading {
    static func open(_ path: String) throws -> OpaquePointer {
        try #require(poppler_document_new_from_file("file://" + path, nil, nil))
    }

    /// The figures in the structure's reading order: alternative text and page (0-based; -1 when
    /// the figure's content is in a child, as the QR code's link).
    static func figures(in path: String) throws -> [(alt: String, page: Int)] {
        let document = try open(path)
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        var figures: [(String, Int)] = []
        func walk(_ iterator: OpaquePointer?) {
            guard let iterator else { return }
            defer { poppler_structure_element_iter_free(iterator) }
            repeat {
                let element = poppler_structure_element_iter_get_element(iterator)
                if poppler_structure_element_get_kind(element) == POPPLER_STRUCTURE_ELEMENT_FIGURE {
                    let alt = poppler_structure_element_get_alt_text(element)
                    figures.append((alt.map { String(cString: $0) } ?? "", Int(poppler_structure_element_get_page(element))))
                    g_free(alt)
                }
                g_object_unref(UnsafeMutableRawPointer(element))
                walk(poppler_structure_element_iter_get_child(iterator))
            } while poppler_structure_element_iter_next(iterator) != 0
        }
        walk(poppler_structure_element_iter_new(document))
        return figures
    }

    /// The outline's top-level entries: title and the page (1-based) it opens.
    static func outline(in path: String) throws -> [(title: String, page: Int)] {
        let document = try open(path)
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        guard let iterator = poppler_index_iter_new(document) else { return [] }
        defer { poppler_index_iter_free(iterator) }
        var entries: [(String, Int)] = []
        repeat {
            guard let action = poppler_index_iter_get_action(iterator) else { continue }
            defer { poppler_action_free(action) }
            guard action.pointee.type == POPPLER_ACTION_GOTO_DEST, let dest = action.pointee.goto_dest.dest else { continue }
            let title = action.pointee.any.title.map { String(cString: $0) } ?? ""
            var page = Int(dest.pointee.page_num)
            if dest.pointee.type == POPPLER_DEST_NAMED, let named = poppler_document_find_dest(document, dest.pointee.named_dest) {
                page = Int(named.pointee.page_num)
                poppler_dest_free(named)
            }
            entries.append((title, page))
        } while poppler_index_iter_next(iterator) != 0
        return entries
    }

    /// Each page's link targets (URIs), in poppler's order.
    static func links(in path: String) throws -> [[String]] {
        let document = try open(path)
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        return (0..<poppler_document_get_n_pages(document)).map { index in
            guard let page = poppler_document_get_page(document, index) else { return [] }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            let mappings = poppler_page_get_link_mapping(page)
            defer { poppler_page_free_link_mapping(mappings) }
            var uris: [String] = []
            var item = mappings
            while let node = item {
                let mapping = node.pointee.data.assumingMemoryBound(to: PopplerLinkMapping.self)
                if let action = mapping.pointee.action, action.pointee.type == POPPLER_ACTION_URI, let uri = action.pointee.uri.uri {
                    uris.append(String(cString: uri))
                }
                item = node.pointee.next
            }
            return uris.sorted()
        }
    }
}
