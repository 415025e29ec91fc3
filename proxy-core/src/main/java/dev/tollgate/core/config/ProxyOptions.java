package dev.tollgate.core.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An endpoint's {@code extra_config["proxy"]} (lura's {@code proxy} namespace), the parts Tollgate implements.
 *
 * @param sequential     {@code sequential}: backends are called one after the other, and a later url_pattern may
 *                       use an earlier answer's fields as {@code {resp0_field}}
 * @param staticResponse {@code static}: data added to the answer, or null
 * @param flatmap        {@code flatmap_filter} on the merged answer of several backends ({type, args})
 */
public record ProxyOptions(boolean sequential, StaticResponse staticResponse,
                           List<Map.Entry<String, List<String>>> flatmap) {
    public static final ProxyOptions NONE = new ProxyOptions(false, null);

    public ProxyOptions {
        flatmap = List.copyOf(Objects.requireNonNull(flatmap, "flatmap"));
    }

    /** Without flatmap_filter. */
    public ProxyOptions(boolean sequential, StaticResponse staticResponse) {
        this(sequential, staticResponse, List.of());
    }

    /**
     * lura's static middleware: {@code data} is merged into the answer (overwriting its keys) when {@code strategy}
     * matches the outcome.
     *
     * @param strategy always (default), success, errored, complete or incomplete
     * @param data     the object, already in the {@link dev.tollgate.core.data} model; not to be modified
     */
    public record StaticResponse(String strategy, Map<String, Object> data) {
        public StaticResponse {
            Objects.requireNonNull(strategy, "strategy");
            Objects.requireNonNull(data, "data");
        }
    }
}
