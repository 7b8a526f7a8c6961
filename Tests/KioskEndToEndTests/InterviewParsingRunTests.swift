import Foundation
import Testing

/// `kiosk interview …` is parsed as the interview command alone (every participant's start; parsing the
/// whole command tree cost a fifth of it). Whatever does not parse that way goes through the whole tree,
/// so help, mistakes and completion scripts read exactly as they did.
struct InterviewParsingRunTests {
    @Test func helpForTheInterviewIsTheSameWhicheverWayItIsAskedFor() throws {
        let scratch = try Scratch()
        let direct = try runKiosk(["interview", "--help"], in: scratch)
        let viaHelp = try runKiosk(["help", "interview"], in: scratch)
        #expect(direct.status == 0 && viaHelp.status == 0)
        #expect(direct.stdout.contains("USAGE: kiosk interview [<form-id>]"), "\(direct.stdout)")
        #expect(direct.stdout == viaHelp.stdout)
        #expect(try runKiosk(["interview", "-h"], in: scratch).stdout == direct.stdout)
    }

    @Test func aMistakeInTheInterviewsArgumentsIsNamedWithTheUsageAndStartsNothing() throws {
        let scratch = try Scratch()
        let mistakes: [([String], String)] = [
            (["--lang", "xx"], "--lang must be one of"),
            (["--bogus"], "Unknown option '--bogus'"),
            (["extra"], "Unexpected argument 'extra'"),
            (["--site", "!!"], "--site must be a short place label"),
            (["--idle-timeout", "banana"], "banana"),
        ]
        for (arguments, message) in mistakes {
            let run = try runKiosk(["interview", "hark"] + arguments, input: "ja\n", in: scratch)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stderr.hasPrefix("Error: ") && run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("Usage: kiosk interview [<form-id>]"), "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(arguments): no screen was shown")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.dataDir), "no database was made")
    }

    @Test func aCompletionScriptAskedForAfterInterviewIsTheKiosksOwn() throws {
        let scratch = try Scratch()
        let afterInterview = try runKiosk(["interview", "--generate-completion-script", "bash"], in: scratch)
        let alone = try runKiosk(["--generate-completion-script", "bash"], in: scratch)
        #expect(afterInterview.status == 0)
        #expect(afterInterview.stdout.contains("_kiosk"))
        #expect(afterInterview.stdout == alone.stdout)
    }
}
