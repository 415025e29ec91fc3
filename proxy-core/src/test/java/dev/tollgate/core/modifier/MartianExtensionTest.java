package dev.tollgate.core.modifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonTreeReader;
import dev.tollgate.core.modifier.MartianConfig.HeaderSet;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class MartianExtensionTest {
    private static final JsonPath PATH = JsonPath.ROOT.key("extra_config").key("modifier/martian");

    private static MartianConfig parse(String json, ConfigProblems problems) throws Exception {
        return new MartianExtension().parse(JsonTreeReader.read(json), PATH, problems);
    }

    @Test
    void parsesTheAuth0SampleGroup() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        MartianConfig config = parse("""
                {"fifo.Group": {"scope": ["request", "response"], "aggregateErrors": false, "modifiers": [
                  {"header.Modifier": {"scope": ["request"], "name": "Accept", "value": "application/json"}}]}}
                """, problems);
        assertEquals(List.of(), problems.errors());
        assertEquals(List.of(), problems.warnings());
        assertEquals(List.of(new HeaderSet("Accept", "application/json")), config.request());
        assertEquals(List.of(), config.response());
    }

    @Test
    void scopeIsTheIntersectionWithTheGroupAndDefaultsToBoth() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        MartianConfig config = parse("""
                {"fifo.Group": {"scope": ["response"], "modifiers": [
                  {"header.Modifier": {"name": "X-A", "value": "1"}},
                  {"header.Modifier": {"scope": ["request"], "name": "X-B", "value": "2"}}]}}
                """, problems);
        assertEquals(List.of(), problems.errors());
        assertEquals(List.of(), config.request());
        assertEquals(List.of(new HeaderSet("X-A", "1")), config.response());

        MartianConfig bare = parse("{\"header.Modifier\": {\"name\": \"X-C\", \"value\": \"3\"}}", problems);
        assertEquals(List.of(new HeaderSet("X-C", "3")), bare.request());
        assertEquals(List.of(new HeaderSet("X-C", "3")), bare.response());
    }

    @Test
    void unsupportedModifiersWarnOnceAndAreIgnored() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        MartianConfig config = parse("""
                {"fifo.Group": {"modifiers": [
                  {"body.Modifier": {"scope": ["request"], "contentType": "text/plain", "body": "eA=="}},
                  {"header.Modifier": {"scope": ["request"], "name": "X-A", "value": "1"}}]}}
                """, problems);
        assertEquals(List.of(), problems.errors());
        assertEquals(1, problems.warnings().size());
        assertTrue(problems.warnings().get(0).contains("body.Modifier"), problems.warnings().toString());
        assertTrue(problems.warnings().get(0).startsWith(
                "extra_config[\"modifier/martian\"][\"fifo.Group\"].modifiers[0]"), problems.warnings().toString());
        assertEquals(1, config.request().size());
    }

    @Test
    void wrongTypesAreErrorsWithTheirPath() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        MartianConfig config = parse("""
                {"fifo.Group": {"scope": ["requests"], "modifiers": [{"header.Modifier": {"value": 1}}]}}
                """, problems);
        assertNull(config);
        String errors = problems.errors().toString();
        assertTrue(errors.contains("[\"fifo.Group\"].scope[0]: unknown scope \"requests\""), errors);
        assertTrue(errors.contains("modifiers[0][\"header.Modifier\"].name: is required"), errors);
        assertTrue(errors.contains("modifiers[0][\"header.Modifier\"].value: expected a string"), errors);
    }

    @Test
    void emptyConfigNeedsNoDecorator() {
        assertNull(new MartianExtension().decorate(null, null, new MartianConfig(List.of(), List.of())));
    }

    @Test
    void handlerSetsRequestAndResponseHeadersReplacingExistingValues() {
        MartianConfig config = new MartianConfig(List.of(new HeaderSet("Accept", "application/json")),
                List.of(new HeaderSet("X-Served-By", "tollgate")));
        EmbeddedChannel channel = new EmbeddedChannel(new HeaderModifierHandler(config));

        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/x");
        request.headers().add("Accept", "text/html").add("accept", "text/plain");
        assertTrue(channel.writeOutbound(request));
        FullHttpRequest sent = channel.readOutbound();
        assertEquals(List.of("application/json"), sent.headers().getAll("Accept"));
        assertFalse(sent.headers().contains("X-Served-By"));
        sent.release();

        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().add("X-Served-By", "origin");
        assertTrue(channel.writeInbound(response));
        FullHttpResponse received = channel.readInbound();
        assertEquals(List.of("tollgate"), received.headers().getAll("X-Served-By"));
        assertEquals(null, received.headers().get("Accept"));
        received.release();
        assertFalse(channel.finish());
    }
}
