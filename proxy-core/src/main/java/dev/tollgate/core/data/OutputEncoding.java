package dev.tollgate.core.data;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An endpoint's {@code output_encoding} other than no-op: how the merged data is rendered, as lura's gin renders
 * ({@code router/gin/render.go}) do it.
 */
public enum OutputEncoding {
    /** The data as a JSON object ({@code null} for Go's nil map). */
    JSON("json", "application/json; charset=utf-8"),
    /** The value under {@code collection}, or {@code []} when there is none. */
    JSON_COLLECTION("json-collection", "application/json; charset=utf-8"),
    /** The text under {@code content} as it is, or nothing when it is missing or not a string. */
    STRING("string", "text/plain; charset=utf-8"),
    /** krakend-xml's render (mxj): see {@link XmlRender}; its Content-Type has no charset. */
    XML("xml", "application/xml"),
    /** gin's {@code c.YAML} (goccy/go-yaml): see {@link YamlRender}. */
    YAML("yaml", "application/yaml; charset=utf-8"),
    /**
     * json, xml or yaml by the request's Accept ({@link AcceptNegotiation}): resolve it with {@link #negotiated}
     * before rendering.
     */
    NEGOTIATE("negotiate", "application/json; charset=utf-8");

    private static final byte[] EMPTY_ARRAY = {'[', ']'};

    private final String configName;
    private final String contentType;

    OutputEncoding(String configName, String contentType) {
        this.configName = configName;
        this.contentType = contentType;
    }

    /** The encoding a config names, or null when lura has no such render (no-op is not one of these). */
    public static OutputEncoding byName(String name) {
        for (OutputEncoding e : values()) {
            if (e.configName.equals(name)) {
                return e;
            }
        }
        return null;
    }

    public String configName() {
        return configName;
    }

    /** The render for a request: negotiate's choice by its first Accept header, any other encoding itself. */
    public OutputEncoding negotiated(String accept) {
        return this == NEGOTIATE ? AcceptNegotiation.choose(accept) : this;
    }

    /** gin's Content-Type for this render. */
    public String contentType() {
        return contentType;
    }

    /** The body bytes for {@code data} (null: Go's nil map). */
    public byte[] render(Map<String, Object> data) {
        return render(data, 256).toByteArray();
    }

    /**
     * Renders {@code data} into a new writer whose array the caller may wrap without a copy.
     *
     * @param sizeHint the expected size (say, the bodies it was decoded from), so the array rarely grows
     */
    public DataWriter render(Map<String, Object> data, int sizeHint) {
        DataWriter out = new DataWriter(sizeHint);
        switch (this) {
            case JSON -> out.value(data);
            case JSON_COLLECTION -> {
                if (data == null || !data.containsKey(BackendEncoding.COLLECTION)) {
                    out.raw(EMPTY_ARRAY);
                } else {
                    out.value(data.get(BackendEncoding.COLLECTION));
                }
            }
            case STRING -> {
                if (data != null && data.get(BackendEncoding.CONTENT) instanceof String s) {
                    out.raw(s.getBytes(StandardCharsets.UTF_8));
                }
            }
            case XML -> {
                byte[] xml = XmlRender.render(data);
                if (xml != null) {
                    out.raw(xml); // null: mxj failed, and krakend-xml then writes nothing
                }
            }
            case YAML -> out.raw(YamlRender.render(data));
            case NEGOTIATE -> out.value(data); // not negotiated: its default, json
        }
        return out;
    }
}
