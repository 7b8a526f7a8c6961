import Foundation
import KioskApp
import Testing

struct DoctorTests {
    @Test func aFormsFolderWithOneFormIsReportedInTheSingular() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("doctor-\(UUID().uuidString)")
        let forms = folder.appendingPathComponent("forms")
        try FileManager.default.createDirectory(at: forms, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: shippedFormsDirectory.appendingPathComponent("hark.yaml"), to: forms.appendingPathComponent("hark.yaml"))
        let report = Doctor.report(dataDirectory: folder.appendingPathComponent("data"), formsDirectory: forms, passphraseSet: nil)
        #expect(report.text.contains("ok   the 1 form in "), "\(report.text)")
        #expect(report.text.contains(" is valid\n"))
        try FileManager.default.copyItem(at: shippedFormsDirectory.appendingPathComponent("pvs.yaml"), to: forms.appendingPathComponent("pvs.yaml"))
        let two = Doctor.report(dataDirectory: folder.appendingPathComponent("data"), formsDirectory: forms, passphraseSet: nil)
        #expect(two.text.contains("ok   all 2 forms in "), "\(two.text)")
    }
}
