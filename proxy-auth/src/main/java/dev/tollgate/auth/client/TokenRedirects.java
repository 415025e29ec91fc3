package dev.tollgate.auth.client;

import dev.tollgate.auth.token.TokenFetchException;
import dev.tollgate.auth.token.TokenFetchException.Reason;
import dev.tollgate.core.http.RedirectRules;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * Redirects from the token endpoint, followed as KrakenD's Go client follows them (up to {@value #MAX}): 301, 302
 * and 303 turn the POST into a GET without the form; 307 and 308 send the same POST again; the Basic
 * {@code Authorization} header (and {@code token_request_headers}) go only to the token URL's host or its subdomains. Stricter than Go: a redirect
 * from https to http is refused, since the credentials (in the header or the form) would travel unencrypted.
 */
final class TokenRedirects {
    static final int MAX = 10;

    private TokenRedirects() {
    }

    /**
     * One request of the chain; {@code form} null means no body. {@code headers} are {@code token_request_headers}:
     * like {@code Authorization}, they may be an API key and stay with the token URL's site.
     */
    record Hop(URI url, HttpMethod method, String authorization, String form, Map<String, String> headers) {
        Hop(URI url, HttpMethod method, String authorization, String form) {
            this(url, method, authorization, form, Map.of());
        }
    }

    /**
     * The request after {@code answer}, or null when the answer is the response.
     *
     * @param first  the token URL as configured: credentials stay with its host
     * @param prefix the error message prefix, {@code Post "<token_url>": }
     */
    static Hop next(TokenHttpClient.Answer answer, Hop sent, URI first, String prefix) throws TokenFetchException {
        int status = answer.status();
        boolean keepsMethod = RedirectRules.keepsMethod(status);
        if (!RedirectRules.isRedirect(status) || answer.location() == null || answer.location().isEmpty()) {
            return null;
        }
        URI target;
        try {
            target = sent.url().resolve(new URI(answer.location()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new TokenFetchException(Reason.BAD_RESPONSE, prefix + "failed to parse Location header \""
                    + RedirectRules.shown(answer.location()) + "\"");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new TokenFetchException(Reason.BAD_RESPONSE, prefix
                    + "redirect to an unsupported protocol scheme \"" + target.getScheme() + "\"");
        }
        if (target.getHost() == null) {
            throw new TokenFetchException(Reason.BAD_RESPONSE, prefix + "redirect to \""
                    + RedirectRules.shown(answer.location()) + "\" names no host");
        }
        if (scheme.equals("http") && "https".equalsIgnoreCase(sent.url().getScheme())) {
            throw new TokenFetchException(Reason.BAD_RESPONSE, prefix + "refusing to follow a redirect from https "
                    + "to " + RedirectRules.shown(target.toString()) + (sent.authorization() == null && sent.form() == null
                    ? ": the answer could be changed on the way" : ": the client credentials would travel unencrypted"));
        }
        // User info in a Location is never used: the credentials are the configured ones.
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        target = URI.create(scheme + "://" + target.getHost() + (target.getPort() < 0 ? "" : ":" + target.getPort())
                + path + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
        boolean sameSite = RedirectRules.sameSite(first.getHost(), target.getHost());
        String authorization = sameSite ? sent.authorization() : null;
        Map<String, String> headers = sameSite ? sent.headers() : Map.of();
        if (keepsMethod) {
            return new Hop(target, sent.method(), authorization, sent.form(), headers);
        }
        return new Hop(target, HttpMethod.GET, authorization, null, headers);
    }
}
