import KioskTestSupport
import Foundation
import KioskCore
import Testing

/// Referral codes: short, typable, unambiguous, and a mistyped character is caught.
@Suite struct ReferralCodeTests {
    init() { ShippedLanguages.install() }

    @Test func aCodeIsEightCharactersShownWithADash() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let code = ReferralCode.random(using: &generator)
            #expect(code.value.count == 8)
            #expect(code.description.count == 9)
            #expect(code.description.dropFirst(4).first == "-")
            #expect(code.value.allSatisfy { ReferralCode.alphabet.contains($0) })
            #expect(!code.value.contains { "ILOU".contains($0) })
            #expect(try ReferralCode.parse(code.description).get() == code)
        }
    }

    @Test func codesAreReadAsStaffTypeThem() throws {
        let code = ReferralCode.random()
        #expect(try ReferralCode.parse(code.value.lowercased()).get() == code)
        let spaced = code.value.prefix(4) + " " + code.value.dropFirst(4)
        #expect(try ReferralCode.parse(String(spaced)).get() == code)
        if code.value.contains("0") {
            #expect(try ReferralCode.parse(code.value.replacingOccurrences(of: "0", with: "O")).get() == code)
        }
    }

    @Test func everySingleMistypedCharacterIsCaught() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let code = Array(ReferralCode.random(using: &generator).value)
            for position in code.indices {
                for replacement in ReferralCode.alphabet where replacement != code[position] {
                    var typo = code
                    typo[position] = replacement
                    #expect(throws: ReferralCode.ParseError.checkFailed) { try ReferralCode.parse(String(typo)).get() }
                }
            }
        }
    }

    @Test func mostSwappedNeighboursAreCaught() {
        var generator = SystemRandomNumberGenerator()
        var swaps = 0
        var caught = 0
        for _ in 0..<300 {
            let code = Array(ReferralCode.random(using: &generator).value)
            for position in 0..<(code.count - 1) where code[position] != code[position + 1] {
                var swapped = code
                swapped.swapAt(position, position + 1)
                swaps += 1
                if case .failure = ReferralCode.parse(String(swapped)) { caught += 1 }
            }
        }
        #expect(Double(caught) / Double(swaps) > 0.9)
    }

    @Test func badInputSaysWhatIsWrong() {
        #expect(throws: ReferralCode.ParseError.wrongLength(5)) { try ReferralCode.parse("ABC-DE").get() }
        #expect(throws: ReferralCode.ParseError.invalidCharacter("!")) { try ReferralCode.parse("ABCD-EFG!").get() }
        #expect(throws: ReferralCode.ParseError.invalidCharacter("U")) { try ReferralCode.parse("UUUU-UUUU").get() }
        #expect(ReferralCode.ParseError.checkFailed.description.contains("mistyped"))
    }
}
