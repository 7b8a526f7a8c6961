import KioskApp
import KioskCommands
import KioskSpreadsheets

// kiosk-spreadsheets: the kiosk's commands with the .xlsx reader and writer. `kiosk forms import xlsform
// FILE.xlsx`, `kiosk forms export ID --format xlsform` and `kiosk forms edit ID --spreadsheet` are handed
// here; run directly, it behaves as the kiosk.
XLSXSupport.install(XLSXFileWorkbooks())
Kiosk.main()
