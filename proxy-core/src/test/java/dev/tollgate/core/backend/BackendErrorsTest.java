package dev.tollgate.core.backend;

import static dev.tollgate.core.testing.TestConfigs.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.core.config.BackendErrors;
import dev.tollgate.core.gateway.Gateway;
import dev.tollgate.core.testing.RawHttpClient;
import dev.tollgate.core.testing.TestConfigs;
import dev.tollgate.core.testing.TestOrigin;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A failed backend status with backend/http's return_error_code and return_error_details, and with
 * router.return_error_msg.
 */
class BackendErrorsTest {
    private static TestOrigin origin;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        origin = TestOrigin.aggregating(r -> {
            if (r.uri().equals("/ok")) {
                FullHttpResponse ok = TestOrigin.text(HttpResponseStatus.OK, "{\"a\":1}");
                ok.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                return ok;
            }
            FullHttpResponse missing = TestOrigin.text(HttpResponseStatus.NOT_FOUND, "{\"error\":\"nope\"}");
            missing.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
            return missing;
        });
        String o = origin.url();
        gateway = Gateway.start(TestConfigs.gateway().returnErrorMessage()
                .endpoint(endpoint("/code", o, "/missing").output("json").errors(new BackendErrors(true, null)))
                .endpoint(endpoint("/code-merged", o, "/missing").output("json").errors(new BackendErrors(true, null))
                        .backend(o, "/missing"))
                .endpoint(endpoint("/details", o, "/ok").output("json")
                        .backend(o, "/missing").errors(new BackendErrors(false, "b")))
                .endpoint(endpoint("/plain", o, "/missing").output("json"))
                .build(), List.of());
    }

    @AfterAll
    static void stop() {
        gateway.shutdown(Duration.ofSeconds(1));
        origin.close();
    }

    private static RawHttpClient.Response get(String path) throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            return c.get(path);
        }
    }

    @Test
    void returnErrorCodePassesALoneBackendsStatusAndBody() throws Exception {
        RawHttpClient.Response r = get("/code");
        assertEquals(404, r.status());
        assertEquals("{\"error\":\"nope\"}", r.text(), "with return_error_msg, the backend's body");
        assertEquals("application/problem+json", r.header("Content-Type"));
        assertEquals("false", r.header("X-Krakend-Completed"));
        assertEquals(500, get("/code-merged").status(), "lura's merge error of several backends is a 500");
    }

    @Test
    void returnErrorDetailsMergesTheFailureAsData() throws Exception {
        RawHttpClient.Response r = get("/details");
        assertEquals(200, r.status());
        assertEquals("{\"a\":1,\"error_b\":{\"http_body\":\"{\\\"error\\\":\\\"nope\\\"}\",\"http_body_encoding\":"
                + "\"application/problem+json\",\"http_status_code\":404}}", r.text());
        assertEquals("false", r.header("X-Krakend-Completed"));
    }

    @Test
    void returnErrorMessageSaysWhatLuraSays() throws Exception {
        RawHttpClient.Response r = get("/plain");
        assertEquals(500, r.status());
        assertEquals("invalid status code 404 [GET /missing]: " + origin.url() + "/missing", r.text());
    }
}
