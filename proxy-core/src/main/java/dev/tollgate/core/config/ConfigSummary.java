package dev.tollgate.core.config;

/**
 * How each endpoint of a config is served, compared with KrakenD: {@code check} ends with this line.
 *
 * @param endpoints       how many the config has
 * @param asKrakend       served as KrakenD would serve them
 * @param withDifferences served, with behaviour differences (never with a protection dropped)
 * @param unprotected     served without a protection the user allowed with {@code --allow-unenforced}
 * @param refused         not served: a protection Tollgate cannot enforce, not allowed
 */
public record ConfigSummary(int endpoints, int asKrakend, int withDifferences, int unprotected, int refused) {

    /** {@code N endpoints; served as KrakenD would: X; with behaviour differences: Y; refused: Z}. */
    public String line() {
        return endpoints + " endpoint" + (endpoints == 1 ? "" : "s") + "; served as KrakenD would: " + asKrakend
                + "; with behaviour differences: " + withDifferences + "; refused: " + refused
                + (unprotected == 0 ? "" : "; served without a protection (--allow-unenforced): " + unprotected);
    }
}
