package dev.tollgate.core.config;

import static java.util.Objects.requireNonNull;

import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.config.json.JsonSyntaxException;
import dev.tollgate.core.config.json.JsonTreeReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a KrakenD v3 {@code krakend.json} into an immutable {@link GatewayConfig}.
 *
 * <p>Loading never stops at the first problem: every error and warning is collected with its JSON path
 * ({@code endpoints[2].backend[0].url_pattern: ...}) and an invalid config throws one {@link ConfigException} that
 * lists them all. Endpoint and backend {@code extra_config} namespaces are parsed by the {@link ConfigNamespace}s
 * given here.
 *
 * <p>Where Tollgate differs from KrakenD on purpose: {@code port} 0 means an ephemeral port (KrakenD reads it as
 * 8080); a backend host with a path is an error; every {@code output_encoding} behaves as {@code no-op} (a value
 * other than {@code no-op} written in the file gets a warning).
 */
public final class ConfigLoader {
    private final ExtensionRegistry extensions;
    private final ProtectionOptIn optIn;

    /**
     * A loader that refuses every config using a protection feature Tollgate does not enforce.
     *
     * @param extensions the extensions of this gateway, in pipeline order
     * @throws IllegalArgumentException when two extensions claim the same namespace or alias
     */
    public ConfigLoader(List<? extends ConfigNamespace<?>> extensions) {
        this(extensions, ProtectionOptIn.NONE);
    }

    /**
     * @param extensions the extensions of this gateway, in pipeline order
     * @param optIn      the protection features the user allows Tollgate to serve without
     * @throws IllegalArgumentException when two extensions claim the same namespace or alias
     */
    public ConfigLoader(List<? extends ConfigNamespace<?>> extensions, ProtectionOptIn optIn) {
        requireNonNull(extensions, "extensions");
        this.extensions = new ExtensionRegistry(extensions);
        this.optIn = requireNonNull(optIn, "optIn");
    }

    /**
     * Reads and parses {@code file}.
     *
     * @throws IOException     when the file cannot be read; the message names the file and says why
     * @throws ConfigException when the file is not valid JSON or not a valid config
     */
    public LoadedConfig load(Path file) throws ConfigException, IOException {
        requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new IOException("cannot read config file " + file + ": it is a directory");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read config file " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read config file " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new IOException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        return parse(new ByteArrayInputStream(bytes), file.toString());
    }

    /**
     * Parses a config held in memory.
     *
     * @param sourceName names the config in the exception message (a file name)
     * @throws ConfigException when {@code json} is not valid JSON or not a valid config
     */
    public LoadedConfig parse(String json, String sourceName) throws ConfigException {
        requireNonNull(json, "json");
        return parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), sourceName);
    }

    private LoadedConfig parse(InputStream json, String sourceName) throws ConfigException {
        requireNonNull(sourceName, "sourceName");
        JsonNode root;
        try {
            root = JsonTreeReader.read(json);
        } catch (JsonSyntaxException e) {
            throw new ConfigException(sourceName, List.of(e.getMessage()), List.of());
        } catch (IOException e) {
            // Not a syntax error with a position, e.g. a nesting limit of the parser.
            throw new ConfigException(sourceName, List.of("invalid JSON: " + e.getMessage()), List.of());
        }
        ConfigProblems problems = new ConfigProblems();
        DuplicateKeys.report(root, JsonPath.ROOT, problems);
        GatewayConfig config = new GatewayParser(extensions).parse(ConfigObject.of(root, JsonPath.ROOT, problems));
        FeatureReport features = FeatureReport.apply(problems, optIn, endpointNames(root));
        problems.throwIfErrors(sourceName, features.summary());
        return new LoadedConfig(config, problems.warnings(), problems.differences(), problems.notices(),
                features.unprotected(),
                features.summary());
    }

    /** Each {@code endpoints[i].endpoint} as written (or {@code endpoints[i]}), for log lines about it. */
    private static List<String> endpointNames(JsonNode root) {
        if (!(root instanceof JsonNode.JsonObject obj)
                || !(obj.get("endpoints") instanceof JsonNode.JsonArray endpoints)) {
            return List.of();
        }
        List<String> names = new ArrayList<>(endpoints.items().size());
        for (int i = 0; i < endpoints.items().size(); i++) {
            JsonNode e = endpoints.items().get(i);
            names.add(e instanceof JsonNode.JsonObject o && o.get("endpoint") instanceof JsonNode.JsonString s
                    ? s.value() : "endpoints[" + i + "]");
        }
        return names;
    }
}
