package dev.tollgate.core.config.template;

import static java.util.Objects.requireNonNull;

import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.config.json.JsonSyntaxException;
import dev.tollgate.core.config.json.JsonTreeReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * KrakenD's flexible configuration (krakend-flexibleconfig, enabled in krakend-ce's main by a non-empty
 * {@code FC_ENABLE}): the config file is a Go text/template rendered before it is parsed as JSON.
 * <ul>
 *   <li>{@code FC_SETTINGS}: a directory; each {@code NAME.json} in it (not in subdirectories) is a JSON object
 *       available to the templates as {@code .NAME}.</li>
 *   <li>{@code FC_PARTIALS}: where {@code {{ include "file" }}} reads a file, inserted verbatim.</li>
 *   <li>{@code FC_TEMPLATES}: each {@code *.tmpl} in it is a template called by its file name,
 *       {@code {{ template "NAME.tmpl" . }}}.</li>
 *   <li>{@code FC_OUT}: a file the rendered config is written to.</li>
 * </ul>
 * The config file itself is the template named by its file name; it runs with the settings as dot.
 *
 * <p>Stricter than KrakenD, which logs a template error and then parses the unrendered file, and includes an
 * unreadable partial as nothing: here either is a config error naming the file, line and column.
 *
 * @param settings  FC_SETTINGS, or null
 * @param partials  FC_PARTIALS, or null (the working directory, as in KrakenD)
 * @param templates FC_TEMPLATES, or null
 * @param out       FC_OUT, or null
 */
public record FlexibleConfig(Path settings, Path partials, Path templates, Path out) {
    public static final String FC_ENABLE = "FC_ENABLE";
    public static final String FC_SETTINGS = "FC_SETTINGS";
    public static final String FC_PARTIALS = "FC_PARTIALS";
    public static final String FC_TEMPLATES = "FC_TEMPLATES";
    public static final String FC_OUT = "FC_OUT";

    /** The flexible config the environment asks for, or null when {@code FC_ENABLE} is unset or empty. */
    public static FlexibleConfig fromEnv(Map<String, String> env) {
        requireNonNull(env, "env");
        if (env.getOrDefault(FC_ENABLE, "").isEmpty()) {
            return null;
        }
        return new FlexibleConfig(path(env, FC_SETTINGS), path(env, FC_PARTIALS), path(env, FC_TEMPLATES),
                path(env, FC_OUT));
    }

    /**
     * Renders {@code configFile}.
     *
     * @param env what {@code {{ env "X" }}} reads (the process environment in production, a map in tests)
     * @throws IOException       when a file or directory cannot be read; the message names it
     * @throws TemplateException when a settings file is not a JSON object, or a template is wrong or fails
     */
    public Rendered render(Path configFile, Map<String, String> env) throws IOException, TemplateException {
        requireNonNull(configFile, "configFile");
        requireNonNull(env, "env");
        Object data = loadSettings();
        Map<String, List<Node>> parsed = new LinkedHashMap<>();
        String main = configFile.getFileName().toString();
        parsed.put(main, Parser.parse(main, read(configFile), Funcs.NAMES));
        if (templates != null) {
            for (Path t : list(templates, ".tmpl", FC_TEMPLATES)) {
                String name = t.getFileName().toString();
                parsed.put(name, Parser.parse(name, read(t), Funcs.NAMES));
            }
        }
        Map<String, String> envRead = new LinkedHashMap<>();
        Funcs funcs = new Funcs(env, partials, envRead::put);
        String text = new Evaluator(Collections.unmodifiableMap(parsed), funcs).render(main, data);
        return new Rendered(text, Map.copyOf(envRead));
    }

    private Object loadSettings() throws IOException, TemplateException {
        Map<String, Object> vars = new LinkedHashMap<>();
        if (settings == null) {
            return vars;
        }
        List<String> problems = new ArrayList<>();
        for (Path f : list(settings, ".json", FC_SETTINGS)) {
            String file = f.getFileName().toString();
            JsonNode node;
            try {
                node = JsonTreeReader.read(read(f));
            } catch (JsonSyntaxException e) {
                problems.add(FC_SETTINGS + " " + f + ": " + e.getMessage());
                continue;
            }
            if (!(node instanceof JsonNode.JsonObject)) {
                problems.add(FC_SETTINGS + " " + f + ": expected a JSON object, got " + node.typeName());
                continue;
            }
            vars.put(file.substring(0, file.length() - ".json".length()), GoValues.of(node));
        }
        if (!problems.isEmpty()) {
            throw new TemplateException("loading flexible-config settings: " + String.join("; ", problems));
        }
        return Collections.unmodifiableMap(vars);
    }

    /** The files ending with {@code suffix} in {@code dir}, by name (Go's os.ReadDir order). */
    private static List<Path> list(Path dir, String suffix, String var) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(var + " " + dir + ": not a directory");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + (e instanceof java.nio.file.NoSuchFileException
                    ? "no such file" : e.getMessage()), e);
        }
    }

    private static Path path(Map<String, String> env, String var) {
        String v = env.getOrDefault(var, "");
        return v.isEmpty() ? null : Path.of(v);
    }

    /**
     * A rendered config.
     *
     * @param text    the JSON text the proxy loads, with real values
     * @param envRead every variable {@code env} read while rendering and its value
     */
    public record Rendered(String text, Map<String, String> envRead) {
        /** The text for FC_OUT: every secret replaced, see {@link RenderedRedactor}. */
        public String redacted() {
            return RenderedRedactor.redact(text, envRead);
        }

        /** The text holds the real secrets, the map the environment's values: neither belongs in a log line. */
        @Override
        public String toString() {
            return "Rendered{" + text.length() + " chars, env read: " + envRead.keySet() + "}";
        }
    }
}
