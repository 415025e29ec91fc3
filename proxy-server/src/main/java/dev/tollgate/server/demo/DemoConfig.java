package dev.tollgate.server.demo;

/**
 * The demo's krakend.json: the gateway's own echo endpoint as the "protected backend", reached through
 * {@code auth/client-credentials} with the demo token endpoint. A plain KrakenD v3 file: {@code krakend run} reads
 * it too.
 */
final class DemoConfig {
    private DemoConfig() {
    }

    static String json(int gatewayPort, String tokenUrl) {
        return """
                {
                  "version": 3,
                  "name": "Tollgate demo",
                  "port": %d,
                  "timeout": "3s",
                  "echo_endpoint": true,
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
                """.formatted(gatewayPort, gatewayPort, DemoTokenEndpoint.CLIENT_ID, DemoTokenEndpoint.CLIENT_SECRET,
                tokenUrl);
    }
}
