package dev.tollgate.core.config;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The protection features the user explicitly allows Tollgate to serve without ({@code --allow-unenforced
 * auth/signer,auth/api-keys}). Without an entry here, a config that uses a protection feature Tollgate
 * cannot enforce is refused: a warning is not protection.
 *
 * @param names canonical feature names (legacy aliases are resolved when parsed)
 */
public record ProtectionOptIn(Set<String> names) {
    public static final ProtectionOptIn NONE = new ProtectionOptIn(Set.of());

    public ProtectionOptIn {
        names = Set.copyOf(names);
    }

    /**
     * Parses a comma-separated list of protection features, by canonical or legacy name.
     *
     * @throws IllegalArgumentException naming the first entry that is not a protection feature of the table
     */
    public static ProtectionOptIn parse(String list) {
        Set<String> names = new LinkedHashSet<>();
        for (String raw : list.split(",", -1)) {
            String name = raw.trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("an empty name (expected e.g. auth/signer,auth/api-keys)");
            }
            if (KrakendFeatures.IMPLEMENTED.contains(name)) {
                throw new IllegalArgumentException("\"" + name + "\" is enforced by Tollgate, there is nothing to "
                        + "allow");
            }
            KrakendFeature f = KrakendFeatures.byName(name);
            if (f == null) {
                throw new IllegalArgumentException("\"" + name + "\" is not a KrakenD feature Tollgate knows");
            }
            if (!f.isProtection()) {
                throw new IllegalArgumentException("\"" + name + "\" is not a protection feature (it is "
                        + f.featureClass().label() + ": " + f.featureClass().outcome() + "), there is nothing "
                        + "to allow");
            }
            names.add(f.name());
        }
        return new ProtectionOptIn(names);
    }

    public boolean allows(KrakendFeature feature) {
        return names.contains(feature.name());
    }

    /** As the command line writes it. */
    @Override
    public String toString() {
        return String.join(",", names);
    }
}
