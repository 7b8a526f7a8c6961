/// `text` with each Unicode scalar that `replacement` names replaced (`nil` keeps the scalar as it is).
///
/// The one loop behind the kiosk's escapers (YAML and JSON strings, XML and HTML text, Swift literals);
/// each keeps its own table. Scalar by scalar, never character by character: a quote or `<` followed by a
/// combining mark is one `Character` (`<` and U+0338 read as "≮"), which a comparison with `"<"` would let
/// through unescaped.
public func escaping(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        if let replaced = replacement(scalar) {
            out += replaced
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// The entity of `&`, `<`, `>` and `"` in XML and HTML text and attributes; `nil` for any other scalar.
public func markupEntity(_ scalar: Unicode.Scalar) -> String? {
    switch scalar {
    case "&": "&amp;"
    case "<": "&lt;"
    case ">": "&gt;"
    case "\"": "&quot;"
    default: nil
    }
}

/// `\u` and the scalar's value as at least four hexadecimal digits (`\u001B`), as YAML and JSON write it.
public func fourDigitEscape(_ scalar: Unicode.Scalar, uppercase: Bool = true) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: uppercase)
    return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}

/// A CSV field (RFC 4180): in double quotes with its quotes doubled when it holds the separator, a quote or
/// a line break; as it is otherwise. Looked at scalar by scalar: "\r\n" is one `Character`, and so is a
/// quote joined by a combining mark, and neither equals "\n" or "\"".
public func csvField(_ value: String, separator: Unicode.Scalar = ",") -> String {
    guard value.unicodeScalars.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + escaping(value) { $0 == "\"" ? "\"\"" : nil } + "\""
}
