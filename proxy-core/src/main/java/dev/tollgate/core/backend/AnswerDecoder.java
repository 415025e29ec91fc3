package dev.tollgate.core.backend;

import dev.tollgate.core.data.BackendEncoding;
import dev.tollgate.core.data.BadDataException;
import dev.tollgate.core.data.RawNumber;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Turns one backend's buffered answer into its part of the merge, as lura's HTTP proxy does: only 200 and 201 are
 * good answers (transport/http/client/status.go; a no-op backend takes any), a gzip body is inflated (lura's
 * response parser; bounded like the body itself), then decoded by the backend's encoding and reshaped.
 */
final class AnswerDecoder {
    private AnswerDecoder() {
    }

    /**
     * One backend call's outcome: data (complete, or lura's incomplete error details), or why it failed.
     *
     * @param data     the shaped data (may be null: Go's nil map), when {@code why} is null
     * @param complete false for {@code return_error_details} data
     * @param why      the failure, for the log line and {@code router.return_error_msg}; null when it answered
     * @param status   the failed status (a backend answered, just not well), or 0
     */
    record Outcome(Map<String, Object> data, boolean complete, String why, int status) {
        static Outcome failed(String why) {
            return new Outcome(null, false, why, 0);
        }

        boolean answered() {
            return why == null;
        }
    }

    /** The outcome of {@code answer}, from {@code url}. */
    static Outcome decode(DataBackend backend, BufferedResponse answer, String url, int maxBytes) {
        int code = answer.status().code();
        if (backend.encoding() != BackendEncoding.NO_OP && code != 200 && code != 201) {
            if (backend.errorDetailsKey() != null) {
                // lura's NamedHTTPResponseError: data, not an error
                return new Outcome(details(backend.errorDetailsKey(), answer), false, null, 0);
            }
            // lura's ErrInvalidStatus, word for word: clients of router.return_error_msg may parse it
            return new Outcome(null, false, "invalid status code " + code + " [" + backend.name() + "]: " + url,
                    code);
        }
        ByteBuf body = answer.body() == null ? Unpooled.EMPTY_BUFFER : answer.body();
        try (InputStream in = open(body, answer.contentEncoding(), maxBytes)) {
            return new Outcome(backend.shape().apply(backend.encoding().decode(in, backend.isCollection())), true,
                    null, 0);
        } catch (BadDataException e) {
            return Outcome.failed("[" + backend.name() + "]: cannot decode the " + backend.encoding().configName()
                    + " body: " + e.getMessage());
        } catch (IOException e) {
            return Outcome.failed("[" + backend.name() + "]: cannot read the body: " + e.getMessage());
        } catch (RuntimeException e) {
            // Whatever a body does to the decoder or a manipulation, it fails this backend, never the exchange.
            return Outcome.failed("[" + backend.name() + "]: cannot decode the body (" + e + ")");
        }
    }

    /**
     * lura's HTTPResponseError as json.Marshal writes it under {@code error_<name>}: the status, and the body and
     * its Content-Type when not empty ({@code omitempty}).
     */
    private static Map<String, Object> details(String key, BufferedResponse answer) {
        Map<String, Object> error = new HashMap<>(4);
        error.put("http_status_code", new RawNumber(Integer.toString(answer.status().code())));
        String body = text(answer);
        if (!body.isEmpty()) {
            error.put("http_body", body);
        }
        if (answer.contentType() != null && !answer.contentType().isEmpty()) {
            error.put("http_body_encoding", answer.contentType());
        }
        Map<String, Object> part = new HashMap<>(2);
        part.put(key, error);
        return part;
    }

    /** The buffered body as text (lura reads a failed answer's body as it is, without inflating it). */
    static String text(BufferedResponse answer) {
        return answer.body() == null ? "" : answer.body().toString(StandardCharsets.UTF_8);
    }

    private static InputStream open(ByteBuf body, String contentEncoding, int maxBytes) throws IOException {
        InputStream in = new ByteBufInputStream(body);
        if (contentEncoding != null && contentEncoding.equalsIgnoreCase("gzip")) {
            return new Bounded(new GZIPInputStream(in), maxBytes);
        }
        return in;
    }

    /** Refuses to inflate past the cap, so a small gzip bomb costs no more than a large body. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long max) {
            super(in);
            left = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw new IOException("the inflated body is larger than the response body cap");
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (left -= n) < 0) {
                throw new IOException("the inflated body is larger than the response body cap");
            }
            return n;
        }
    }
}
