package dev.tollgate.core.builtin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tollgate.core.exchange.ClientConnection;
import dev.tollgate.core.exchange.ClientExchange;
import dev.tollgate.core.exchange.RequestHandler;
import dev.tollgate.core.exchange.Responses;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * KrakenD's {@code /__echo/*}: answers with the request as JSON ({@code req_uri}, {@code req_uri_details},
 * {@code req_method}, {@code req_querystring}, {@code req_body}, {@code req_headers}). Header names are shown in
 * Go's canonical form, as KrakenD shows them.
 */
public final class EchoEndpoint implements RequestHandler {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public ClientExchange newExchange(ClientConnection connection, HttpRequest request, String[] params) {
        return new BufferedExchange(connection, request) {
            @Override
            protected FullHttpResponse respond(ByteBuf body) {
                return Responses.json(HttpResponseStatus.OK, echo(request, body.toString(StandardCharsets.UTF_8)));
            }
        };
    }

    static byte[] echo(HttpRequest request, String body) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        int hash = query.indexOf('#');
        String fragment = "";
        if (hash >= 0) {
            fragment = query.substring(hash + 1);
            query = query.substring(0, hash);
        }
        String host = request.headers().get(HttpHeaderNames.HOST, "");
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + body.length());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("req_uri", uri);
            g.writeObjectFieldStart("req_uri_details");
            g.writeStringField("user", "");
            g.writeStringField("host", host);
            g.writeStringField("path", path);
            g.writeStringField("query", query);
            g.writeStringField("fragment", fragment);
            g.writeEndObject();
            g.writeStringField("req_method", request.method().name());
            g.writeObjectFieldStart("req_querystring");
            Map<String, List<String>> params = new QueryStringDecoder(query, StandardCharsets.UTF_8, false)
                    .parameters();
            writeMultiMap(g, new TreeMap<>(params));
            g.writeEndObject();
            g.writeStringField("req_body", body);
            g.writeObjectFieldStart("req_headers");
            Map<String, List<String>> headers = new TreeMap<>();
            for (Map.Entry<String, String> e : request.headers()) {
                String value = isCredential(e.getKey()) ? redacted(e.getValue()) : e.getValue();
                headers.computeIfAbsent(canonical(e.getKey()), k -> new java.util.ArrayList<>()).add(value);
            }
            writeMultiMap(g, headers);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeMultiMap(JsonGenerator g, Map<String, List<String>> map) throws IOException {
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (String v : e.getValue()) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }

    /**
     * The echo endpoint is often the backend of a client-credentials route (a demo, a smoke test): the token the
     * gateway stamped must not travel back to the client. The scheme stays, so the stamping is still visible.
     */
    private static boolean isCredential(String name) {
        return name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("proxy-authorization");
    }

    private static String redacted(String value) {
        int space = value.indexOf(' ');
        return space > 0 ? value.substring(0, space) + " <redacted>" : "<redacted>";
    }

    /** Go's {@code textproto.CanonicalMIMEHeaderKey}: {@code content-type} becomes {@code Content-Type}. */
    static String canonical(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return sb.toString();
    }
}
