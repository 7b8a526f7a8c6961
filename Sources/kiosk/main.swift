import KioskCommands

// The kiosk: every command. Those that talk to the central server are handed to kiosk-server, the
// program beside it that links the network code (see CentralServer); those that read or write .xlsx
// files to kiosk-spreadsheets, which links the ZIP and XML libraries (see XLSXWorkbooks).
Kiosk.main()
