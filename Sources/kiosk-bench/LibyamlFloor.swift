// Benchmark only: libyaml, the C parser inside Yams, read directly to measure the floor under any reading
// of a form through Yams. Yams does not publish this module as a product, so the kiosk itself never
// imports it; the benchmark uses it to say how much of the validation time is parsing as such.
import CYaml

enum LibyamlFloor {
    /// Parses `yaml` into libyaml's event stream and builds nothing; the number of events, or nil on a
    /// syntax error.
    static func countEvents(_ yaml: String) -> Int? {
        var bytes = Array(yaml.utf8)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeMutableBufferPointer { buffer -> Int? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var events = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                let type = event.type
                yaml_event_delete(&event)
                events += 1
                if type == YAML_STREAM_END_EVENT { return events }
            }
        }
    }
}
