/// The kiosk's own version, shown by `kiosk --version` and `kiosk doctor`.
public enum KioskRelease {
    public static let version = "0.1.0"
}
