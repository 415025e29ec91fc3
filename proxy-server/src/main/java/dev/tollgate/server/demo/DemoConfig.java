package dev.tollgate.server.demo;

/**
 * The demo's krakend.json: the gateway's own echo endpoint as the "protected backend", reached through
 * {@code auth/client-credentials} with the demo token endpoint. A plain KrakenD v3 file: {@code krakend run} reads
 * it too.
 */
final class DemoConfig {
    private DemoConfig() {
    }

    /** @param metricsPort where the gateway serves its Prometheus metrics (loopback) */
    static String json(int gatewayPort, String tokenUrl, int metricsPort) {
        return """
                {
                  "version": 3,
                  "name": "Tollgate demo",
                  "port": %d,
                  "timeout": "3s",
                  "echo_endpoint": true,
                  "extra_config": {
                    "telemetry/opentelemetry": {
                      "exporters": {"prometheus": [{"name": "demo", "host": "127.0.0.1", "port": %d}]}
                    }
                  },
                  "endpoints": [
                    {
                      "endpoint": "/protected/{id}",
                      "output_encoding": "no-op",
                      "input_headers": ["Accept"],
                      "backend": [
                        {
                          "host": ["http://127.0.0.1:%d"],
                          "url_pattern": "/__echo/orders/{id}",
                          "encoding": "no-op",
                          "extra_config": {
                            "auth/client-credentials": {
                              "client_id": "%s",
                              "client_secret": "%s",
                              "token_url": "%s",
                              "scopes": "orders:read"
                            }
                          }
                        }
                      ]
                    }
                  ]
                }
                """.formatted(gatewayPort, metricsPort, gatewayPort, DemoTokenEndpoint.CLIENT_ID, DemoTokenEndpoint.CLIENT_SECRET,
                tokenUrl);
    }
}
