import CYaml

/// Reads a form file's YAML into a `YNode` tree, treating the file as untrusted input: libyaml's event
/// parser, driven with an explicit stack (no recursion, so no nesting can overflow the stack), with
///
/// - no aliases (`*name`): forms do not need them, and a few lines of nested aliases ("billion laughs")
///   would otherwise expand to gigabytes;
/// - at most `maximumDepth` levels of nesting;
/// - no control characters in any value, also not written as escapes (`"\e[2J"` would reach the screen);
/// - one document, and each key once per block.
///
/// Every problem has the line and column where it is.
enum YAMLReader {
    /// More than any form needs (a form is at most about six levels deep).
    static let maximumDepth = 64

    struct Failure: Error {
        var location: SourceLocation?
        var problem: String
        var fix: String
    }

    /// The tree, or `nil` for an empty file or one that cannot be read, whose problem is then reported
    /// to `collector` (with its place and how to fix it).
    static func read(_ text: String, reportingTo collector: DiagnosticCollector) -> YNode? {
        do {
            return try read(text)
        } catch {
            collector.error(error.location, error.problem, fix: error.fix)
            return nil
        }
    }

    /// The tree, or `nil` for an empty file.
    static func read(_ text: String) throws(Failure) -> YNode? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw Failure(location: nil, problem: "the YAML reader could not start (out of memory)", fix: "close other programs and try again")
        }
        defer { yaml_parser_delete(&parser) }
        return try bytes.withUnsafeMutableBufferPointer { (buffer) throws(Failure) -> YNode? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = Builder()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw failure(of: parser, in: buffer)
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { break }
                try builder.take(event)
            }
            return builder.root
        }
    }

    /// Builds the tree from events: a stack of open lists and blocks, each grown in place (a frame is
    /// mutated through the stack, never copied out and back, so appending stays O(1)).
    private struct Builder {
        struct Frame {
            let isSequence: Bool
            let place: YPlace
            var items: [YNode] = []
            var pairs: [(key: YNode, value: YNode)] = []
            var keys: Set<String> = []
            var pendingKey: YNode?

            /// Whether the block already has `key` (then it is a repeated key); else it is noted. Compared
            /// one by one in small blocks (most have a handful of keys, where hashing costs more), through
            /// a set from the seventeenth key on. A method of the frame, mutated in place on the stack: a
            /// method of the builder given `&stack[top]` would copy the builder first, and with it the
            /// whole stack and the set, for every key.
            mutating func repeats(_ key: String) -> Bool {
                if pairs.count < 16 {
                    return pairs.contains { $0.key.scalar?.string == key }
                }
                if keys.isEmpty { keys = Set(pairs.compactMap { $0.key.scalar?.string }) }
                return !keys.insert(key).inserted
            }
        }

        var stack: [Frame] = []
        var root: YNode?
        var documents = 0

        mutating func take(_ event: yaml_event_t) throws(Failure) {
            let place = YPlace(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            var location: SourceLocation { place.location }
            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw Failure(location: location, problem: "the file holds more than one YAML document (a second '---')",
                                  fix: "keep one form per file; remove the second '---' and what follows, or move it to a file of its own")
                }
            case YAML_ALIAS_EVENT:
                let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                throw Failure(location: location, problem: "the file uses a YAML alias ('*\(Phrasebook.excerpt(name))'), which forms do not allow",
                              fix: "write the value out where it is needed; for shared choices use 'choice_sets', for shared texts 'stems', for common settings 'defaults'")
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let bytes = UnsafeBufferPointer(start: scalar.value, count: scalar.value == nil ? 0 : scalar.length)
                let value = String(decoding: bytes, as: UTF8.self)
                if YAMLReader.mayHoldForbidden(bytes), let bad = value.unicodeScalars.first(where: YAMLReader.isForbidden) {
                    throw Failure(location: location,
                                  problem: "a value contains the control character U+\(hex(bad.value)), which could disturb the screen",
                                  fix: "remove it (also escapes such as \\e, \\x1b or \\u001b); line breaks and tabs are fine")
                }
                let style: YScalar.Style
                switch scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: style = .literal
                case YAML_FOLDED_SCALAR_STYLE: style = .folded
                default: style = .plain
                }
                try add(.scalar(YScalar(string: value, style: style, place: place)))
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                guard stack.count < YAMLReader.maximumDepth else {
                    throw Failure(location: location, problem: "lists and blocks are nested more than \(YAMLReader.maximumDepth) levels deep here",
                                  fix: "a form needs only a few levels: check the indentation and the brackets [ ] and { }")
                }
                var frame = Frame(isSequence: event.type == YAML_SEQUENCE_START_EVENT, place: place)
                // Room for a few entries at once: most blocks have two to six keys, which would otherwise
                // be reallocated at 1, 2 and 4.
                if frame.isSequence { frame.items.reserveCapacity(4) } else { frame.pairs.reserveCapacity(6) }
                stack.append(frame)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let open = stack.popLast() else { return }
                if open.isSequence {
                    try add(.sequence(YSequence(items: open.items, place: open.place)))
                } else {
                    try add(.mapping(YMapping(pairs: open.pairs, place: open.place)))
                }
            default:
                break
            }
        }

        /// Puts a finished node into the list or block that is open, or makes it the root.
        private mutating func add(_ node: YNode) throws(Failure) {
            let top = stack.count - 1
            guard top >= 0 else {
                root = node
                return
            }
            if stack[top].isSequence {
                stack[top].items.append(node)
                return
            }
            guard let key = stack[top].pendingKey else {
                stack[top].pendingKey = node
                return
            }
            if let text = key.scalar?.string, stack[top].repeats(text) {
                throw Failure(location: key.location, problem: "the key '\(Phrasebook.excerpt(text))' appears twice in the same block",
                              fix: "keep one of them; each key may appear once per block")
            }
            stack[top].pairs.append((key, node))
            stack[top].pendingKey = nil
        }
    }

    /// Whether UTF-8 text could hold a forbidden character: a control byte other than tab and line
    /// breaks, DEL, or the lead byte 0xC2 of a C1 control (a byte scan, far cheaper than decoding).
    static func mayHoldForbidden(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains { $0 < 0x20 ? ($0 != 0x09 && $0 != 0x0A && $0 != 0x0D) : ($0 == 0x7F || $0 == 0xC2) }
    }

    /// Control characters other than tab and line breaks, and the Unicode line/paragraph separators'
    /// cousins that terminals act on (C1 controls).
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        default: return false
        }
    }

    /// The parser's problem, at its place.
    private static func failure(of parser: yaml_parser_t, in buffer: UnsafeMutableBufferPointer<UInt8>) -> Failure {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        let fix = "check the indentation (spaces, not tabs) and that texts containing ':' or '#' are in quotes"
        switch parser.error {
        case YAML_READER_ERROR:
            // The reader gives a byte offset, not a line: count the lines up to it.
            let location = Self.location(ofByte: parser.problem_offset, in: buffer)
            if problem.contains("control characters") {
                let byte = String(UInt8(truncatingIfNeeded: parser.problem_value), radix: 16, uppercase: true)
                return Failure(location: location, problem: "the file contains a control character (byte 0x\(byte.count == 1 ? "0" + byte : byte))",
                               fix: "remove it: a form holds only text, line breaks and spaces")
            }
            if problem.contains("invalid") || problem.contains("incomplete") || problem.contains("UTF-8") {
                return Failure(location: location, problem: "the file is not valid UTF-8 text here (\(problem))",
                               fix: "save the file as UTF-8 in your editor")
            }
            return Failure(location: location, problem: "the file is not valid YAML: \(problem)", fix: fix)
        case YAML_MEMORY_ERROR:
            return Failure(location: nil, problem: "the file is too large to read (out of memory)", fix: "a form file is a few kilobytes; check that this is the right file")
        default:
            let mark = parser.problem_mark
            let location = SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
            if problem.contains("nesting level") {
                return Failure(location: location, problem: "lists and blocks are nested more than \(maximumDepth) levels deep here",
                               fix: "a form needs only a few levels: check the indentation and the brackets [ ] and { }")
            }
            var text = "the file is not valid YAML: \(problem)"
            if let context = parser.context.map({ String(cString: $0) }) {
                text += " (\(context) at line \(parser.context_mark.line + 1))"
            }
            return Failure(location: location, problem: text, fix: fix)
        }
    }

    /// The line and column (counted in characters) of byte `offset`.
    static func location(ofByte offset: Int, in bytes: UnsafeMutableBufferPointer<UInt8>) -> SourceLocation {
        var line = 1, column = 1
        for byte in bytes.prefix(min(offset, bytes.count)) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
