import KioskCentral
import KioskCommands

// kiosk-server: the kiosk's commands with the central server's implementation. `kiosk sync`,
// `kiosk server …` and `kiosk summary --server` are handed here; run directly, it behaves as the kiosk.
CentralServerLink.install(CentralServerImplementation())
Kiosk.main()
