package dev.tollgate.core.testing;

import dev.tollgate.core.config.BackendConfig;
import dev.tollgate.core.config.BackendErrors;
import dev.tollgate.core.config.BackendShape;
import dev.tollgate.core.config.EndpointConfig;
import dev.tollgate.core.config.ExtensionConfigs;
import dev.tollgate.core.config.GatewayConfig;
import dev.tollgate.core.config.InputFilter;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.ProxyOptions;
import dev.tollgate.core.config.RouterOptions;
import dev.tollgate.core.config.ServerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds config records directly (the loader is tested on its own). */
public final class TestConfigs {
    private final List<EndpointConfig> endpoints = new ArrayList<>();
    private boolean echo;
    private boolean debug;
    private int port;
    private String healthPath = RouterOptions.DEFAULT_HEALTH_PATH;
    private boolean returnErrorMessage;
    private String notFoundBody;
    private ServerOptions server = new ServerOptions(8 * 1024, 16 * 1024, 2, Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofSeconds(10));

    private dev.tollgate.core.config.CorsConfig cors;
    private dev.tollgate.core.config.MetricsOptions metrics = dev.tollgate.core.config.MetricsOptions.OFF;
    private boolean accessLog;
    private java.util.Set<String> skipPaths = java.util.Set.of();
    private dev.tollgate.core.config.TlsConfig tls;

    public static TestConfigs gateway() {
        return new TestConfigs();
    }

    public TestConfigs echo() {
        echo = true;
        return this;
    }

    public TestConfigs debug() {
        debug = true;
        return this;
    }

    /** Where the health endpoint answers; null disables it. */
    public TestConfigs health(String path) {
        healthPath = path;
        return this;
    }

    /** KrakenD's router.return_error_msg. */
    public TestConfigs returnErrorMessage() {
        returnErrorMessage = true;
        return this;
    }

    /** KrakenD's router.error_body["404"], as JSON text. */
    public TestConfigs notFoundBody(String json) {
        notFoundBody = json;
        return this;
    }

    public TestConfigs port(int p) {
        port = p;
        return this;
    }

    public TestConfigs server(ServerOptions options) {
        server = options;
        return this;
    }

    public TestConfigs endpoint(Endpoint e) {
        endpoints.add(e.build(endpoints.size()));
        return this;
    }

    public TestConfigs tls(dev.tollgate.core.config.TlsConfig t) {
        tls = t;
        return this;
    }

    public TestConfigs cors(dev.tollgate.core.config.CorsConfig c) {
        cors = c;
        return this;
    }

    /** Metrics listeners; the access log stays off unless {@link #accessLog} turns it on. */
    public TestConfigs metrics(dev.tollgate.core.config.MetricsOptions m) {
        this.metrics = m;
        return this;
    }

    /** KrakenD's access log (on by default in a real config; off in tests so their output stays readable). */
    public TestConfigs accessLog(java.util.Set<String> skipPaths) {
        this.accessLog = true;
        this.skipPaths = skipPaths;
        return this;
    }

    public GatewayConfig build() {
        return new GatewayConfig("test", port, "127.0.0.1", Duration.ofSeconds(2), endpoints, echo, debug,
                new RouterOptions(true, healthPath, returnErrorMessage, notFoundBody, null, accessLog, skipPaths),
                server, cors, tls, null, dev.tollgate.core.config.ExtensionConfigs.EMPTY, metrics);
    }

    public static Endpoint endpoint(String path, String backendHost, String urlPattern) {
        return new Endpoint(path, backendHost, urlPattern);
    }

    public static InputFilter names(String... names) {
        if (names.length == 1 && names[0].equals("*")) {
            return InputFilter.ALL;
        }
        return new InputFilter(false, Set.of(names));
    }

    /** A backend after an endpoint's first (endpoints built here are no-op unless {@link Endpoint#output}). */
    private record More(String host, String urlPattern, String encoding, BackendShape shape,
                        Map<String, Object> extensions, BackendErrors errors) {
        More(String host, String urlPattern, String encoding, BackendShape shape, Map<String, Object> extensions) {
            this(host, urlPattern, encoding, shape, extensions, BackendErrors.NONE);
        }
    }

    /** One endpoint with one backend, or several ({@link Endpoint#backend}). */
    public static final class Endpoint {
        private final String path;
        private final List<String> hosts = new ArrayList<>();
        private final String urlPattern;
        private String method = "GET";
        private String backendMethod;
        private Duration timeout = Duration.ofSeconds(5);
        private InputFilter headers = new InputFilter(false, Set.of("content-type"));
        private InputFilter query = InputFilter.NONE;
        private Map<String, Object> extensions = Map.of();
        private Map<String, Object> endpointExtensions = Map.of();
        private boolean followRedirects = true;
        private String output = "no-op";
        private String encoding = "json";
        private BackendShape shape = BackendShape.NONE;
        private BackendErrors errors = BackendErrors.NONE;
        private Duration cacheTtl = Duration.ZERO;
        private ProxyOptions proxy = ProxyOptions.NONE;
        private int concurrentCalls = 1;
        private final List<More> more = new ArrayList<>();

        private Endpoint(String path, String host, String urlPattern) {
            this.path = path;
            this.hosts.add(host);
            this.urlPattern = urlPattern;
        }

        public Endpoint method(String m) {
            method = m;
            return this;
        }

        public Endpoint backendMethod(String m) {
            backendMethod = m;
            return this;
        }

        public Endpoint host(String h) {
            hosts.add(h);
            return this;
        }

        public Endpoint timeout(Duration t) {
            timeout = t;
            return this;
        }

        public Endpoint headers(InputFilter f) {
            headers = f;
            return this;
        }

        public Endpoint query(InputFilter f) {
            query = f;
            return this;
        }

        public Endpoint noRedirect() {
            followRedirects = false;
            return this;
        }

        public Endpoint extension(String namespace, Object config) {
            if (more.isEmpty()) {
                extensions = Map.of(namespace, config);
            } else {
                More last = more.remove(more.size() - 1);
                more.add(new More(last.host(), last.urlPattern(), last.encoding(), last.shape(),
                        Map.of(namespace, config), last.errors()));
            }
            return this;
        }

        /** KrakenD's output_encoding (no-op by default here). */
        public Endpoint output(String outputEncoding) {
            output = outputEncoding;
            return this;
        }

        /** The latest backend's encoding (json by default; a no-op endpoint makes it no-op). */
        public Endpoint encoding(String e) {
            if (more.isEmpty()) {
                encoding = e;
            } else {
                More last = more.remove(more.size() - 1);
                more.add(new More(last.host(), last.urlPattern(), e, last.shape(), last.extensions(), last.errors()));
            }
            return this;
        }

        /** The latest backend's manipulations. */
        public Endpoint shape(BackendShape s) {
            if (more.isEmpty()) {
                shape = s;
            } else {
                More last = more.remove(more.size() - 1);
                more.add(new More(last.host(), last.urlPattern(), last.encoding(), s, last.extensions(), last.errors()));
            }
            return this;
        }

        /** The latest backend's {@code backend/http} options. */
        public Endpoint errors(BackendErrors e) {
            if (more.isEmpty()) {
                errors = e;
            } else {
                More last = more.remove(more.size() - 1);
                more.add(new More(last.host(), last.urlPattern(), last.encoding(), last.shape(), last.extensions(),
                        e));
            }
            return this;
        }

        /** Another backend, after the ones so far. */
        public Endpoint backend(String host, String pattern) {
            more.add(new More(host, pattern, "json", BackendShape.NONE, Map.of()));
            return this;
        }

        public Endpoint cacheTtl(Duration ttl) {
            cacheTtl = ttl;
            return this;
        }

        /** KrakenD's concurrent_calls. */
        public Endpoint concurrentCalls(int n) {
            concurrentCalls = n;
            return this;
        }

        /** lura's proxy options (sequential, static). */
        public Endpoint proxy(ProxyOptions p) {
            proxy = p;
            return this;
        }

        public Endpoint endpointExtension(String namespace, Object config) {
            endpointExtensions = Map.of(namespace, config);
            return this;
        }

        EndpointConfig build(int index) {
            boolean noOp = output.equals("no-op");
            String bm = backendMethod == null ? method : backendMethod;
            JsonPath at = JsonPath.ROOT.key("endpoints").index(index).key("backend");
            List<BackendConfig> backends = new ArrayList<>();
            backends.add(new BackendConfig(hosts, urlPattern, bm, noOp ? "no-op" : encoding, false, followRedirects,
                    new ExtensionConfigs(extensions), at.index(0), InputFilter.ALL, InputFilter.ALL, shape, errors));
            for (More m : more) {
                backends.add(new BackendConfig(List.of(m.host()), m.urlPattern(), bm, noOp ? "no-op" : m.encoding(),
                        false, followRedirects, new ExtensionConfigs(m.extensions()), at.index(backends.size()),
                        InputFilter.ALL, InputFilter.ALL, m.shape(), m.errors()));
            }
            return new EndpointConfig(path, method, timeout, output, headers, query, backends,
                    new ExtensionConfigs(endpointExtensions), index, cacheTtl, proxy, concurrentCalls);
        }
    }
}
