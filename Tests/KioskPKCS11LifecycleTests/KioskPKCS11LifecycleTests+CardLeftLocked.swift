import Foundation
import KioskProcessTestSupport
import Testing

extension KioskPKCS11LifecycleTests {
    // MARK: The card after a sign-in

    /// OpenSC 0.23's `C_Logout` leaves a PIV card verified; the kiosk resets the card once it
    /// has signed. While the user is still signed in, another client of the same pcscd finds
    /// the PIN not verified and the card refusing to sign, until it presents the PIN itself.
    @Test func whileSignedInAnotherClientCannotSignWithoutThePasscode() throws {
        let world = try PKCS11World("left-locked")
        defer { world.finish() }
        let card = try world.insertAndEnterPasscode(demo: "one-role")
        let signedIn = world.kiosk.wait(for: "Signed in as Nurse Amir Khan")
        #expect(signedIn.contains("Signed in as Nurse Amir Khan"), "\(signedIn)")

        let pin = try RawPIVClient.statuses(of: [RawPIVClient.pinStatus], in: world)
        #expect(pin.statuses == ["63C3"], "the PIN is not verified, all three tries left: \(pin.run)")
        let unverified = try RawPIVClient.statuses(of: RawPIVClient.sign, in: world)
        #expect(unverified.statuses == ["9000", "6982"], "the card will not sign: \(unverified.run)")
        // The control: the same commands sign once the PIN is presented.
        let verified = try RawPIVClient.statuses(of: [RawPIVClient.verifyDemoPIN] + RawPIVClient.sign, in: world)
        #expect(verified.statuses == ["9000", "9000", "9000"], "with the PIN the card signs: \(verified.run)")

        #expect(world.kiosk.capture().contains("Signed in as Nurse Amir Khan"), "the probing did not disturb the kiosk")
        #expect(try world.simulator.status().sessions(uid: "555100000002").count == 1)
        world.scenario.removeAndExpectLock(card)
        try world.scenario.expectNothingLeftBehind()
    }
}
