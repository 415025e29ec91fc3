package dev.tollgate.server.conformance;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short feature name for one problem the loader reported, so skips can be grouped by what is missing: the
 * loader names the KrakenD feature in its refusals and difference warnings; its other errors are matched here by
 * their wording, and anything unmatched is kept as the message itself (never hidden).
 */
final class FeatureNames {
    private static final List<Pattern> NAMED = List.of(
            Pattern.compile("refused: (\\S+) is a protection"),
            Pattern.compile("behaviour differs from KrakenD: (\\S+) \\("));
    private static final Pattern JWT = Pattern.compile("placeholder \\{JWT\\.");
    private static final Pattern RESP = Pattern.compile("placeholder \\{resp\\d+_");

    private FeatureNames() {
    }

    static String of(String problem) {
        for (Pattern p : NAMED) {
            Matcher m = p.matcher(problem);
            if (m.find()) {
                return m.group(1);
            }
        }
        if (JWT.matcher(problem).find()) {
            return "{JWT.*} url_pattern placeholders without auth/validator";
        }
        if (RESP.matcher(problem).find()) {
            return "{resp0_*} url_pattern placeholders";
        }
        return problem;
    }
}
