package dev.tollgate.core.config.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.core.config.json.JsonTreeReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The template engine against what Go's text/template, fmt and encoding/json document (the expected strings are
 * what {@code go run} prints for the same template and data; the data is JSON decoded into interface{}, so every
 * settings number is a float64).
 */
class TemplateEngineTest {
    private static final String DATA = """
            {"name": "api", "port": 8080, "ratio": 1.5, "big": 1000000, "six": 123456, "tiny": 0.00001,
             "small": 0.0001, "zero": 0, "empty": "", "none": [], "nul": null, "yes": true,
             "hosts": ["http://a", "http://b", "http://c"],
             "m": {"b": 2, "a": "x", "c": null},
             "nested": {"x": {"y": "deep"}},
             "html": "<a&b>"}
            """;

    private static String render(String template) throws TemplateException {
        return render(template, Map.of());
    }

    private static String render(String template, Map<String, String> partials) throws TemplateException {
        Map<String, List<Node>> templates = new HashMap<>();
        templates.put("t.tmpl", Parser.parse("t.tmpl", template, Funcs.NAMES));
        for (var e : partials.entrySet()) {
            templates.put(e.getKey(), Parser.parse(e.getKey(), e.getValue(), Funcs.NAMES));
        }
        Object data;
        try {
            data = GoValues.of(JsonTreeReader.read(DATA));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Funcs funcs = new Funcs(Map.of("HOST", "http://env", "EMPTY", ""), null, (k, v) -> { });
        return new Evaluator(templates, funcs).render("t.tmpl", data);
    }

    private static String error(String template) {
        return assertThrows(TemplateException.class, () -> render(template)).getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        // fmt.Sprint of float64: shortest digits, %e from exponent 6 up and below -4
        "{{ .port }} => 8080",
        "{{ .ratio }} => 1.5",
        "{{ .big }} => 1e+06",
        "{{ .six }} => 123456",
        "{{ .tiny }} => 1e-05",
        "{{ .small }} => 0.0001",
        "{{ .zero }} => 0",
        // template constants: ints and floats
        "{{ 42 }} {{ -3 }} {{ 2.50 }} {{ 0x1F }} => 42 -3 2.5 31",
        "{{ .yes }} {{ true }} => true true",
        // maps print with sorted keys, nil inside as <nil>; slices with spaces
        "{{ .m }} => map[a:x b:2 c:<nil>]",
        "{{ .hosts }} => [http://a http://b http://c]",
        "{{ .nested.x.y }} => deep",
        "{{ $.name }} => api",
        // encoding/json: sorted keys, HTML escaped, float64 as %f below 1e21
        "{{ marshal .m }} => {\"a\":\"x\",\"b\":2,\"c\":null}",
        "{{ marshal .html }} => \"\\u003ca\\u0026b\\u003e\"",
        "{{ marshal .big }} {{ marshal .tiny }} {{ marshal 3 }} => 1000000 0.00001 3",
        "{{ .m | marshal }} => {\"a\":\"x\",\"b\":2,\"c\":null}",
        "{{ toJson .hosts }} => [\"http://a\",\"http://b\",\"http://c\"]",
        "{{ marshal .missing }} => null",
        // whitespace trimming and comments
        "a  {{- .name -}}  b => aapib",
        "a {{-3}} => a -3",
        "a{{/* a comment */}}b => ab",
        "a {{- /* trimmed */ -}} b => ab",
        // range: one variable is the element, two are index/key and element; map keys sorted; else when empty
        "{{ range $i, $h := .hosts }}{{ if $i }},{{ end }}{{ $h }}{{ end }} => http://a,http://b,http://c",
        "{{ range $h := .hosts }}{{ $h }};{{ end }} => http://a;http://b;http://c;",
        "{{ range .hosts }}[{{ . }}]{{ end }} => [http://a][http://b][http://c]",
        "{{ range $k, $v := .m }}{{ $k }}={{ print $v }} {{ end }} => 'a=x b=2 c=<nil> '",
        "{{ range .none }}x{{ else }}empty{{ end }} => empty",
        "{{ range .missing }}x{{ else }}missing{{ end }} => missing",
        "{{ range .hosts }}{{ $.name }}{{ end }} => apiapiapi",
        // if: Go truthiness; else if chains
        "{{ if .zero }}t{{ else }}f{{ end }}{{ if .empty }}t{{ else }}f{{ end }}{{ if .none }}t{{ else }}f{{ end }} => fff",
        "{{ if .missing }}t{{ else }}f{{ end }}{{ if .nul }}t{{ else }}f{{ end }}{{ if .m }}t{{ end }} => fft",
        "{{ if eq .name \"x\" }}x{{ else if eq .name \"api\" }}api{{ else }}other{{ end }} => api",
        "{{ with .nested.x }}{{ .y }}{{ end }}{{ with .missing }}no{{ else }}none{{ end }} => deepnone",
        // variables and scope
        "{{ $x := .name }}{{ $x }} => api",
        "{{ $last := \"\" }}{{ range .hosts }}{{ $last = . }}{{ end }}{{ $last }} => http://c",
        // builtins
        "{{ len .hosts }} {{ len .m }} {{ len \"\u00e9\" }} => 3 3 2",
        "{{ index .hosts 1 }} {{ index .m \"a\" }} {{ index .nested \"x\" \"y\" }} => http://b x deep",
        "{{ eq 1 1 }} {{ eq .port 8080.0 }} {{ ne .name \"x\" }} {{ eq \"a\" \"b\" \"a\" }} => true true true true",
        "{{ lt 1 2 }} {{ le 2 2 }} {{ gt \"b\" \"a\" }} {{ ge .ratio 2.0 }} => true true true false",
        "{{ and 1 0 }} {{ and 1 2 }} {{ or .missing \"x\" }} {{ or 0 \"\" }} => '0 2 x '",
        "{{ not .yes }} {{ not .empty }} => false true",
        "{{ print 1 2 \"a\" 3 }} => 1 2a3",
        "{{ (index .hosts 0) }} {{ (.nested).x.y }} => http://a deep",
        // sprig's env and default
        "{{ env \"HOST\" }} => http://env",
        "{{ env \"UNSET\" | default \"fallback\" }} {{ env \"HOST\" | default \"fallback\" }} => fallback http://env",
        "{{ \"a\\tb\\u00e9\" }} {{ `raw\\n` }} => a\tb\u00e9 raw\\n",
    })
    void rendersAsGoDoes(String template, String expected) throws TemplateException {
        assertEquals(expected == null ? "" : expected, render(template));
    }

    @Test
    void textOutsideActionsIsKeptAsWritten() throws TemplateException {
        assertEquals("{\n  \"port\": 8080,\n  \"hosts\": [\"http://a\",\"http://b\",\"http://c\"]\n}\n",
                render("{\n  \"port\": {{ .port }},\n  \"hosts\": {{ marshal .hosts }}\n}\n"));
    }

    @Test
    void templateCallsGetTheirArgumentAsDotAndAsDollar() throws TemplateException {
        assertEquals("<deep|deep>,<>", render("{{ template \"p.tmpl\" .nested.x }},{{ template \"q.tmpl\" }}",
                Map.of("p.tmpl", "<{{ .y }}|{{ $.y }}>", "q.tmpl", "<>")));
    }

    @Test
    void multiLineTemplatesTrimAroundRange() throws TemplateException {
        String t = """
                [
                  {{- range $i, $h := .hosts }}
                  {{- if $i }},{{ end }}
                  "{{ $h }}"
                  {{- end }}
                ]""";
        assertEquals("[\n  \"http://a\",\n  \"http://b\",\n  \"http://c\"\n]", render(t));
    }

    @Test
    void errorsNameTheFileLineAndColumn() {
        assertEquals("t.tmpl:2:6: {{define}} is not supported by Tollgate's flexible config",
                error("x\n  {{ define \"y\" }}{{ end }}"));
        assertEquals("t.tmpl:1:4: function \"printf\" is not supported by Tollgate's flexible config (supported: "
                + "and, default, env, eq, ge, gt, include, index, le, len, lt, marshal, ne, not, or, print, toJson)",
                error("{{ printf \"%s\" .name }}"));
        assertEquals("t.tmpl:1:4: no value: .nope is missing or null (Go would print \"<no value>\" into the config)",
                error("{{ .nope }}"));
        assertEquals("t.tmpl:1:4: can't evaluate field x in type string", error("{{ .name.x }}"));
        assertEquals("t.tmpl:1:4: error calling eq: incompatible types for comparison: float64 and int (settings "
                + "numbers are float64 in Go: write 8080.0, not 8080)", error("{{ eq .port 8080 }}"));
        assertEquals("t.tmpl:1:4: unexpected EOF: {{if}} has no {{end}}", error("{{ if .yes }}x"));
        assertEquals("t.tmpl:1:1: unclosed action", error("{{ .name"));
        // a variable lives until the {{end}} of the block that declares it
        assertEquals("t.tmpl:1:36: undefined variable: $x", error("{{ if 1 }}{{ $x := 1 }}{{ end }}{{ $x }}"));
        assertEquals("t.tmpl:1:4: range can't iterate over api (string)", error("{{ range .name }}{{ end }}"));
        assertEquals("t.tmpl:1:4: no such template \"nope.tmpl\" (templates: t.tmpl; a {{template}} names a *.tmpl "
                + "file of FC_TEMPLATES by its file name)", error("{{ template \"nope.tmpl\" . }}"));
        assertEquals("t.tmpl:1:5: unexpected {{end}}", error("x{{ end }}"));
        assertEquals("t.tmpl:3:3: empty action", error("{\n\"a\": 1,\n{{}}}"));
    }
}
