package dev.tollgate.server;

/** The version stamped into the fat jar's manifest by the build; "dev" when run from classes. */
final class Version {
    private Version() {
    }

    static String get() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
