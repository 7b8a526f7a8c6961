import KioskTestSupport
import KioskCore
import Testing

struct WordingTests {
    init() { ShippedLanguages.install() }

    @Test func aCountOfOneTakesTheSingularAndEveryOtherCountThePlural() {
        #expect(counted(1, "question") == "1 question")
        #expect(counted(0, "question") == "0 questions")
        #expect(counted(5, "example") == "5 examples")
        #expect(counted(2, "child", plural: "children") == "2 children")
    }
}
