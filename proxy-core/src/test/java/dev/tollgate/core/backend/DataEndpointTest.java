package dev.tollgate.core.backend;

import static dev.tollgate.core.testing.TestConfigs.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.config.BackendShape;
import dev.tollgate.core.config.ServerOptions;
import dev.tollgate.core.gateway.Gateway;
import dev.tollgate.core.testing.LogCapture;
import dev.tollgate.core.testing.RawHttpClient;
import dev.tollgate.core.testing.TestConfigs;
import dev.tollgate.core.testing.TestOrigin;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An endpoint that is not no-op with one backend, through a real gateway to real loopback origins: KrakenD's json
 * encoding (decode, manipulate, render), its status rules and its headers.
 */
class DataEndpointTest {
    private static final String USER = "{\"id\":7,\"name\":\"<Ann & Bob>\",\"price\":1.50,"
            + "\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"},\"secret\":\"s\"}";
    private static TestOrigin origin;
    private static TestOrigin silent;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        origin = TestOrigin.aggregating(r -> switch (r.uri()) {
            case "/user" -> json(HttpResponseStatus.OK, USER);
            case "/created" -> json(HttpResponseStatus.CREATED, "{\"ok\":true}");
            case "/list" -> json(HttpResponseStatus.OK, "[{\"a\":1},{\"a\":2}]");
            case "/empty" -> json(HttpResponseStatus.OK, "{}");
            case "/html" -> TestOrigin.text(HttpResponseStatus.OK, "<html>oops</html>");
            case "/accepted" -> json(HttpResponseStatus.ACCEPTED, "{\"a\":1}");
            case "/feed.xml" -> xml("<?xml version=\"1.0\"?><feed v=\"2\"><item id=\"1\">a &amp; b</item>"
                    + "<item id=\"2\">c</item><title>T</title></feed>");
            case "/big" -> json(HttpResponseStatus.OK, "{\"a\":\"" + "x".repeat(4000) + "\"}");
            case "/gzip" -> gzip("{\"zipped\":true}");
            case "/bomb" -> gzip("{\"a\":\"" + "0".repeat(200_000) + "\"}");
            default -> json(HttpResponseStatus.NOT_FOUND, "{\"error\":\"nope\"}");
        });
        silent = TestOrigin.streaming(() -> new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg); // never answers
            }
        });
        String o = origin.url();
        gateway = Gateway.start(TestConfigs.gateway()
                .server(new ServerOptions(8192, 16384, 1, Duration.ofSeconds(1), Duration.ofSeconds(30),
                        Duration.ofSeconds(10), 2048))
                .endpoint(endpoint("/user", o, "/user").output("json").cacheTtl(Duration.ofSeconds(60)))
                .endpoint(endpoint("/shaped", o, "/user").output("json").shape(new BackendShape("person", "address",
                        List.of("city", "zip"), List.of(), List.of(Map.entry("city", "town")), false)))
                .endpoint(endpoint("/denied", o, "/user").output("json").shape(new BackendShape(null, null,
                        List.of(), List.of("secret", "address.zip"), List.of(), false)))
                .endpoint(endpoint("/collection", o, "/list").output("json")
                        .shape(new BackendShape(null, null, List.of(), List.of(), List.of(), true)))
                .endpoint(endpoint("/items", o, "/list").output("json-collection")
                        .shape(new BackendShape(null, null, List.of(), List.of(), List.of(), true)))
                .endpoint(endpoint("/text", o, "/html").output("string").encoding("string"))
                .endpoint(endpoint("/safe", o, "/list").output("json").encoding("safejson"))
                .endpoint(endpoint("/created", o, "/created").output("json"))
                .endpoint(endpoint("/missing", o, "/missing").output("json").cacheTtl(Duration.ofSeconds(60)))
                .endpoint(endpoint("/accepted", o, "/accepted").output("json"))
                .endpoint(endpoint("/html", o, "/html").output("json"))
                .endpoint(endpoint("/array", o, "/list").output("json"))
                .endpoint(endpoint("/empty", o, "/empty").output("json").cacheTtl(Duration.ofSeconds(60)))
                .endpoint(endpoint("/big", o, "/big").output("json"))
                .endpoint(endpoint("/gzip", o, "/gzip").output("json"))
                .endpoint(endpoint("/bomb", o, "/bomb").output("json"))
                .endpoint(endpoint("/hang", silent.url(), "/").output("json").timeout(Duration.ofMillis(300)))
                .endpoint(endpoint("/negotiated", o, "/user").output("negotiate").cacheTtl(Duration.ofSeconds(60)))
                .endpoint(endpoint("/as-yaml", o, "/user").output("yaml"))
                .endpoint(endpoint("/as-xml", o, "/user").output("xml"))
                .endpoint(endpoint("/from-xml", o, "/feed.xml").output("json").encoding("xml"))
                .endpoint(endpoint("/not-xml", o, "/user").output("json").encoding("xml"))
                .endpoint(endpoint("/odd", o, "/html").output("toml").encoding("string"))
                .build(), List.of());
    }

    @AfterAll
    static void stop() {
        gateway.shutdown(Duration.ofSeconds(1));
        origin.close();
        silent.close();
    }

    private static FullHttpResponse json(HttpResponseStatus status, String body) {
        FullHttpResponse r = TestOrigin.text(status, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        r.headers().set("X-Origin", "1");
        r.headers().set("Set-Cookie", "session=1");
        r.headers().set("Cache-Control", "no-store");
        return r;
    }

    private static FullHttpResponse xml(String body) {
        FullHttpResponse r = TestOrigin.text(HttpResponseStatus.OK, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/xml");
        return r;
    }

    private static FullHttpResponse gzip(String body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(bytes.toByteArray()));
            r.headers().set(HttpHeaderNames.CONTENT_ENCODING, "gzip");
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            return r;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static RawHttpClient.Response get(String path) throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            return c.get(path);
        }
    }

    private static RawHttpClient.Response get(String path, String accept) throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            return c.get("GET", path, "Accept: " + accept);
        }
    }

    private static final String USER_YAML = """
            address:
              city: Oslo
              zip: "0150"
            id: "7"
            name: <Ann & Bob>
            price: "1.50"
            secret: s
            """;
    private static final String USER_XML = "<doc><address><city>Oslo</city><zip>0150</zip></address><id>7</id>"
            + "<name>&lt;Ann &amp; Bob&gt;</name><price>1.50</price><secret>s</secret></doc>";

    @Test
    void negotiateRendersByTheFirstAcceptHeaderAsGinMatchesIt() throws Exception {
        RawHttpClient.Response xml = get("/negotiated", "application/xml;q=0.1, application/json");
        assertEquals(200, xml.status());
        assertEquals("application/xml", xml.header("Content-Type"), "krakend-xml's render: no charset");
        assertEquals(USER_XML, xml.text());
        assertEquals("true", xml.header("X-Krakend-Completed"));
        assertEquals("public, max-age=60", xml.header("Cache-Control"));
        RawHttpClient.Response yaml = get("/negotiated", "text/plain");
        assertEquals("application/yaml; charset=utf-8", yaml.header("Content-Type"));
        assertEquals(USER_YAML, yaml.text());
        assertEquals(USER_YAML, get("/negotiated", "application/x-yaml").text());
        RawHttpClient.Response json = get("/negotiated", "application/yaml"); // not gin's MIMEYAML: json
        assertEquals("application/json; charset=utf-8", json.header("Content-Type"));
        assertTrue(json.text().startsWith("{\"address\":"), json.text());
        assertEquals("application/json; charset=utf-8", get("/negotiated").header("Content-Type"));
    }

    @Test
    void yamlAndXmlOutputEncodings() throws Exception {
        RawHttpClient.Response yaml = get("/as-yaml", "application/json");
        assertEquals(200, yaml.status());
        assertEquals("application/yaml; charset=utf-8", yaml.header("Content-Type"));
        assertEquals(USER_YAML, yaml.text(), "not negotiated: Accept changes nothing");
        RawHttpClient.Response xml = get("/as-xml");
        assertEquals("application/xml", xml.header("Content-Type"));
        assertEquals(USER_XML, xml.text());
    }

    @Test
    void anUnknownOutputEncodingFallsBackToTheLoneBackendsEncodingsRender() throws Exception {
        // lura's getRender: no "toml" render, one backend whose encoding "string" names one
        RawHttpClient.Response r = get("/odd");
        assertEquals(200, r.status());
        assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
        assertEquals("<html>oops</html>", r.text());
    }

    @Test
    void anXmlBackendIsDecodedAsMxjMapsIt() throws Exception {
        RawHttpClient.Response r = get("/from-xml");
        assertEquals(200, r.status());
        assertEquals("{\"feed\":{\"-v\":\"2\",\"item\":[{\"#text\":\"a \\u0026 b\",\"-id\":\"1\"},"
                + "{\"#text\":\"c\",\"-id\":\"2\"}],\"title\":\"T\"}}", r.text());
        assertEquals("true", r.header("X-Krakend-Completed"));
        try (LogCapture logs = new LogCapture()) {
            RawHttpClient.Response bad = get("/not-xml"); // a JSON body to an xml backend: nothing merged
            assertEquals(500, bad.status());
            assertEquals("false", bad.header("X-Krakend-Completed"));
            assertTrue(logs.await("invalid XML").contains("invalid XML"));
        }
    }

    @Test
    void decodesAndWritesAsGoWithOnlyKrakendHeaders() throws Exception {
        RawHttpClient.Response r = get("/user");
        assertEquals(200, r.status());
        assertEquals("{\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"},\"id\":7,"
                + "\"name\":\"\\u003cAnn \\u0026 Bob\\u003e\",\"price\":1.50,\"secret\":\"s\"}", r.text());
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
        assertEquals("true", r.header("X-Krakend-Completed"));
        assertEquals("public, max-age=60", r.header("Cache-Control"), "cache_ttl replaces the backend's");
        assertNull(r.header("X-Origin"));
        assertNull(r.header("Set-Cookie"), "no backend header reaches the client");
    }

    @Test
    void appliesTargetAllowMappingAndGroupInLurasOrder() throws Exception {
        assertEquals("{\"person\":{\"town\":\"Oslo\",\"zip\":\"0150\"}}", get("/shaped").text());
        assertEquals("{\"address\":{\"city\":\"Oslo\"},\"id\":7,\"name\":\"\\u003cAnn \\u0026 Bob\\u003e\","
                + "\"price\":1.50}", get("/denied").text());
    }

    @Test
    void collectionsAndOtherEncodings() throws Exception {
        assertEquals("{\"collection\":[{\"a\":1},{\"a\":2}]}", get("/collection").text());
        RawHttpClient.Response items = get("/items");
        assertEquals("[{\"a\":1},{\"a\":2}]", items.text());
        assertEquals("application/json; charset=utf-8", items.header("Content-Type"));
        RawHttpClient.Response text = get("/text");
        assertEquals("<html>oops</html>", text.text());
        assertEquals("text/plain; charset=utf-8", text.header("Content-Type"));
        assertEquals("{\"collection\":[{\"a\":1},{\"a\":2}]}", get("/safe").text());
        assertEquals("{\"zipped\":true}", get("/gzip").text(), "lura inflates a gzip body");
    }

    @Test
    void only200And201AreGoodAnswers() throws Exception {
        RawHttpClient.Response created = get("/created");
        assertEquals(200, created.status(), "KrakenD answers 200 whatever good status the backend gave");
        assertEquals("{\"ok\":true}", created.text());
        try (LogCapture log = new LogCapture()) {
            for (String path : new String[] {"/missing", "/accepted"}) {
                RawHttpClient.Response r = get(path);
                assertEquals(500, r.status(), path);
                assertEquals("", r.text(), path);
                assertEquals("false", r.header("X-Krakend-Completed"), path);
                assertNull(r.header("Cache-Control"), path);
            }
            String line = log.await("invalid status code 404 [GET /missing]: " + origin.url() + "/missing");
            assertTrue(line.contains("[ENDPOINT: /missing]"), line);
        }
    }

    @Test
    void aBodyThatIsNoObjectFailsTheBackendWithALogLine() throws Exception {
        try (LogCapture log = new LogCapture()) {
            assertEquals(500, get("/html").status());
            assertEquals(500, get("/array").status());
            log.await("[GET /html]: cannot decode the json body: invalid JSON");
            log.await("[GET /list]: cannot decode the json body: the body is an array, not a JSON object");
        }
    }

    @Test
    void aBodyPastTheCapFailsTheBackend() throws Exception {
        try (LogCapture log = new LogCapture()) {
            RawHttpClient.Response r = get("/big");
            assertEquals(500, r.status());
            log.await("larger than the 2048 bytes");
        }
        assertEquals(200, get("/user").status(), "the gateway carries on");
    }

    @Test
    void aGzipBodyIsBoundedOnceInflatedToo() throws Exception {
        try (LogCapture log = new LogCapture()) {
            assertEquals(500, get("/bomb").status(), "a few hundred bytes that inflate to 200 KB");
            log.await("the inflated body is larger than the response body cap");
        }
    }

    @Test
    void emptyDataIsNotComplete() throws Exception {
        RawHttpClient.Response r = get("/empty");
        assertEquals(200, r.status());
        assertEquals("{}", r.text());
        assertEquals("false", r.header("X-Krakend-Completed"), "lura: complete only with data");
        assertNull(r.header("Cache-Control"));
    }

    @Test
    void aSingleBackendTimeoutIs500() throws Exception {
        long t0 = System.nanoTime();
        RawHttpClient.Response r = get("/hang");
        assertEquals(500, r.status(), "KrakenD's DefaultToHTTPError: 500, not 504, when the proxy found no data");
        assertEquals("false", r.header("X-Krakend-Completed"));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
    }

    @Test
    void keepsTheConnectionForTheNextRequest() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            assertEquals(200, c.get("/user").status());
            assertEquals(500, c.get("/missing").status());
            assertEquals("{\"ok\":true}", c.get("/created").text());
        }
    }
}
