import Foundation
import KioskTerminal
import Testing

struct ExternalEditorTests {
    /// A folder with empty executables of these names, to stand for a PATH.
    func folder(with programs: [String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("editors-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for name in programs {
            try Data("#!/bin/sh\n".utf8).write(to: URL(fileURLWithPath: "\(dir)/\(name)"))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(dir)/\(name)")
        }
        return dir
    }

    @Test func visualThenEditorAreUsedWhenSet() throws {
        let path = try folder(with: ["editor", "nano"])
        #expect(ExternalEditor.command(environment: ["VISUAL": "code -w", "EDITOR": "vim", "PATH": path]) == "code -w")
        #expect(ExternalEditor.command(environment: ["EDITOR": "vim", "PATH": path]) == "vim")
        #expect(ExternalEditor.command(environment: ["EDITOR": "  ", "PATH": path]) == "editor", "a blank setting counts as unset")
    }

    @Test func withoutASettingTheSystemEditorThenNanoThenViAreChosen() throws {
        #expect(ExternalEditor.command(environment: ["PATH": try folder(with: ["editor", "nano"])]) == "editor")
        #expect(ExternalEditor.command(environment: ["PATH": try folder(with: ["nano"])]) == "nano")
        #expect(ExternalEditor.command(environment: ["PATH": try folder(with: [])]) == "vi")
    }
}
