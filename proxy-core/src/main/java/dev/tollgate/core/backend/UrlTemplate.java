package dev.tollgate.core.backend;

import static java.util.Objects.requireNonNull;

import dev.tollgate.core.config.Placeholders;
import dev.tollgate.core.routing.PathTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * A backend {@code url_pattern} compiled against its endpoint's path template: literal pieces and the index of
 * each endpoint parameter to insert between them. Path parameters (already URL text, one segment each) are
 * substituted raw, as KrakenD does, and a placeholder may also sit in the pattern's query. A guard's value
 * ({@code {JWT.sub}}) is claim text, not URL text, so it is percent-encoded ({@link GuardValueEscaper}).
 */
public final class UrlTemplate {
    private final String[] literals;
    /** {@code params[i]} is inserted after {@code literals[i]}. */
    private final int[] params;
    /** {@code escaped[i]}: {@code params[i]} is a guard's value, percent-encoded on the way in. */
    private final boolean[] escaped;
    private final int literalLength;
    private final boolean hasQuery;

    private UrlTemplate(String[] literals, int[] params, boolean[] escaped, boolean hasQuery) {
        this.literals = literals;
        this.params = params;
        this.escaped = escaped;
        int n = 0;
        for (String literal : literals) {
            n += literal.length();
        }
        this.literalLength = n;
        this.hasQuery = hasQuery;
    }

    /** @throws IllegalArgumentException when a placeholder is not a parameter of the endpoint */
    public static UrlTemplate compile(String urlPattern, PathTemplate endpoint) {
        return compile(urlPattern, endpoint, List.of());
    }

    /**
     * @param extra names bound after the endpoint's parameters (a guard's {@code {JWT.x}}, then a sequential
     *              endpoint's {@code {respN_x}}): the value of {@code extra.get(i)} is
     *              {@code values[endpoint.paramCount() + i]}; the {@code {JWT.x}} ones are percent-encoded
     * @throws IllegalArgumentException when a placeholder is neither a parameter of the endpoint nor extra
     */
    public static UrlTemplate compile(String urlPattern, PathTemplate endpoint, List<String> extra) {
        requireNonNull(urlPattern, "urlPattern");
        requireNonNull(extra, "extra");
        requireNonNull(endpoint, "endpoint");
        String pattern = urlPattern.startsWith("/") ? urlPattern : "/" + urlPattern;
        List<String> literals = new ArrayList<>();
        List<Integer> params = new ArrayList<>();
        List<Boolean> escaped = new ArrayList<>();
        int pos = 0;
        Matcher m = Placeholders.PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            String name = m.group(1);
            int index = endpoint.paramIndex(name);
            if (index < 0 && extra.contains(name)) {
                index = endpoint.paramCount() + extra.indexOf(name);
            }
            if (index < 0) {
                throw new IllegalArgumentException("url_pattern: \"" + urlPattern + "\" uses {" + name
                        + "}, which is not a parameter of endpoint " + endpoint);
            }
            literals.add(pattern.substring(pos, m.start()));
            params.add(index);
            escaped.add(index >= endpoint.paramCount() && Placeholders.isJwt(name));
            pos = m.end();
        }
        literals.add(pattern.substring(pos));
        boolean[] escapes = new boolean[escaped.size()];
        for (int i = 0; i < escapes.length; i++) {
            escapes[i] = escaped.get(i);
        }
        return new UrlTemplate(literals.toArray(new String[0]),
                params.stream().mapToInt(Integer::intValue).toArray(), escapes, pattern.indexOf('?') >= 0);
    }

    /** True when the pattern carries its own query, so forwarded query parameters are appended with '&'. */
    public boolean hasQuery() {
        return hasQuery;
    }

    /** Appends the path (and pattern query) with {@code values} bound by the endpoint's template. */
    public StringBuilder appendTo(StringBuilder sb, String[] values) {
        for (int i = 0; i < params.length; i++) {
            sb.append(literals[i]);
            if (escaped[i]) {
                GuardValueEscaper.appendTo(sb, values[params[i]]);
            } else {
                sb.append(values[params[i]]);
            }
        }
        return sb.append(literals[literals.length - 1]);
    }

    /** A capacity hint for the builder. */
    int estimatedLength(String[] values) {
        int n = literalLength;
        for (int p : params) {
            n += values[p].length();
        }
        return n;
    }
}
