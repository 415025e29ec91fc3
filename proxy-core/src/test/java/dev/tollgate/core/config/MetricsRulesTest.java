package dev.tollgate.core.config;

import static dev.tollgate.core.config.Configs.error;
import static dev.tollgate.core.config.Configs.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where metrics are served: KrakenD's exporters, its legacy stats address, Tollgate's metrics_port. */
class MetricsRulesTest {

    private static LoadedConfig gateway(String extra) {
        return load("{'version': 3, 'port': 8080, 'endpoints': [{'endpoint': '/a', 'backend': [{'host': "
                + "['http://127.0.0.1:1'], 'url_pattern': '/a'}]}], 'extra_config': {" + extra + "}}");
    }

    @Test
    void noMetricsUnlessAsked() {
        assertFalse(gateway("").config().metrics().enabled());
    }

    @Test
    void openTelemetryPrometheusExportersAreServedAsWritten() {
        LoadedConfig c = gateway("'telemetry/opentelemetry': {'service_name': 'gw', 'layers': {'global': {}},"
                + " 'exporters': {'prometheus': [{'name': 'a'}, {'name': 'b', 'port': 9191, 'host': '127.0.0.1',"
                + " 'process_metrics': true}, {'name': 'c', 'port': 9292, 'disable_metrics': true}]}}");
        MetricsOptions m = c.config().metrics();
        assertEquals(2, m.listeners().size());
        assertEquals(9090, m.listeners().get(0).port(), "krakend-otel's default port");
        assertEquals("", m.listeners().get(0).host(), "all interfaces, as Go's \":9090\"");
        assertEquals(List.of("/metrics"), m.listeners().get(0).paths());
        assertEquals("127.0.0.1", m.listeners().get(1).host());
        assertTrue(m.jvmMetrics(), "process_metrics asks for the process's own metrics");
        assertEquals(List.of(), c.warnings(), "nothing else to say");
    }

    @Test
    void otlpExportersGetOneWarning() {
        LoadedConfig c = gateway("'telemetry/opentelemetry': {'exporters': {'otlp': [{'name': 'x', 'host': 'c'}],"
                + " 'prometheus': [{'name': 'p', 'port': 9191}]}}");
        assertEquals(1, c.config().metrics().listeners().size());
        assertEquals(1, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).startsWith("extra_config[\"telemetry/opentelemetry\"].exporters.otlp: OTLP "
                + "exporters are not served"), c.warnings().get(0));
    }

    @Test
    void legacyStatsAreMappedToPrometheusTextWithOneWarning() {
        LoadedConfig c = gateway("'telemetry/metrics': {'collection_time': '60s', 'listen_address': '127.0.0.1:8091'}");
        MetricsOptions.Listener l = c.config().metrics().listeners().get(0);
        assertEquals("127.0.0.1", l.host());
        assertEquals(8091, l.port());
        assertTrue(l.paths().contains("/__stats"));
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).contains("served as Prometheus text at http://127.0.0.1:8091/__stats"),
                c.warnings().get(0));
        assertEquals(8090, gateway("'telemetry/metrics': {}").config().metrics().listeners().get(0).port(),
                "KrakenD's default :8090");
        assertEquals("extra_config[\"telemetry/metrics\"].listen_address: \"8090\" is not host:port (e.g. \":8090\")",
                error("{'version': 3, 'endpoints': [], 'extra_config': {'telemetry/metrics': "
                        + "{'listen_address': '8090'}}}"));
    }

    @Test
    void metricsPortListensOnTheGatewaysAddressButNeverOnItsPort() {
        LoadedConfig c = load("{'version': 3, 'port': 8080, 'listen_ip': '10.0.0.1', 'endpoints': [],"
                + " 'extra_config': {'tollgate/server': {'metrics_port': 9100}}}");
        MetricsOptions.Listener l = c.config().metrics().listeners().get(0);
        assertEquals("10.0.0.1", l.host());
        assertEquals(9100, l.port());
        String e = error("{'version': 3, 'port': 8080, 'endpoints': [],"
                + " 'extra_config': {'tollgate/server': {'metrics_port': 8080}}}");
        assertTrue(e.startsWith("port: the metrics listener at extra_config[\"tollgate/server\"].metrics_port takes the "
                + "gateway's own port 8080"), e);
    }

    @Test
    void accessLogFollowsTheRouterOptions() {
        RouterOptions on = gateway("").config().router();
        assertTrue(on.accessLog(), "KrakenD writes an access log by default");
        RouterOptions off = gateway("'router': {'disable_access_log': true, 'logger_skip_paths': ['/__health']}")
                .config().router();
        assertFalse(off.accessLog());
        assertEquals(java.util.Set.of("/__health"), off.accessLogSkipPaths());
    }
}
