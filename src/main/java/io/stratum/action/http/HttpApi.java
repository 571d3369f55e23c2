package io.stratum.action.http;

import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls external HTTP APIs for processes, guarded: only http(s) to hosts on the configured allow-list, redirects are
 * not followed (a redirect could lead off the list), the timeout is bounded, the answer's size is bounded, and
 * secrets come from configuration by reference. Error messages show the URL and headers as the diagram wrote them,
 * never a resolved secret.
 */
@Service
public class HttpApi {

    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
    static final Pattern SECRET = Pattern.compile("\\{\\{secret:([A-Za-z0-9_.-]+)}}");
    /** Headers the client sets itself; the JDK refuses them too, with a less helpful message. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "upgrade",
            "expect");

    private final HttpCallSettings settings;
    private final HttpClient client;

    public HttpApi(HttpCallSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.maxTimeout())
                .build();
    }

    public HttpApiResponse call(HttpApiRequest request) {
        String method = request.method() == null ? "" : request.method().trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new HttpCallRefusedException("HTTP method '" + request.method() + "' is not one of " + METHODS);
        }
        URI uri = checkedUri(request.url());
        Duration timeout = request.timeout() == null ? settings.defaultTimeout() : request.timeout();
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(settings.maxTimeout()) > 0) {
            throw new HttpCallRefusedException("Timeout " + timeout + " must be positive and at most "
                    + settings.maxTimeout() + " (stratum.http-call.max-timeout)");
        }
        String body = request.body() == null ? "" : request.body();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        Map<String, String> headers = request.headers() == null ? Map.of() : request.headers();
        headers.forEach((name, value) -> {
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new HttpCallRefusedException("Header '" + name + "' is set by Stratum, not by the diagram");
            }
            try {
                builder.header(name, resolveSecrets(value));
            } catch (IllegalArgumentException e) {
                throw new HttpCallRefusedException("Header '" + name + "' is not a valid HTTP header");
            }
        });
        String what = method + " " + request.url();
        HttpResponse<InputStream> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new HttpCallFailedException(what + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpCallFailedException(what + " interrupted", e);
        }
        long max = settings.maxResponseSize().toBytes();
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (IOException e) {
            throw new HttpCallFailedException(what + ": reading the answer failed: " + describe(e), e);
        }
        if (bytes.length > max) {
            throw new HttpCallFailedException(what + ": answer larger than " + settings.maxResponseSize()
                    + " (stratum.http-call.max-response-size)", null);
        }
        return new HttpApiResponse(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), new String(bytes, StandardCharsets.UTF_8));
    }

    /** The URL as a URI on the allow-list, else a refusal that says how to allow it. */
    URI checkedUri(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            throw new HttpCallRefusedException("URL '" + url + "' is malformed: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new HttpCallRefusedException("URL '" + url + "' must be http or https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new HttpCallRefusedException("URL '" + url + "' needs a host and no user info");
        }
        if (!allowed(uri)) {
            throw new HttpCallRefusedException("Host '" + hostPort(uri) + "' is not on the allow-list: add it to "
                    + "stratum.http-call.allowed-hosts (STRATUM_HTTP_CALL_ALLOWED_HOSTS) if processes may call it");
        }
        return uri;
    }

    boolean allowed(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        for (String entry : settings.allowedHosts()) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            String entryHost = e;
            Integer entryPort = null;
            int colon = e.lastIndexOf(':');
            if (colon > 0 && !e.endsWith("]") && e.indexOf(':') == colon) {
                entryHost = e.substring(0, colon);
                entryPort = Integer.valueOf(e.substring(colon + 1));
            }
            boolean hostMatches = entryHost.startsWith("*.")
                    ? host.endsWith(entryHost.substring(1)) && host.length() > entryHost.length() - 1
                    : host.equals(entryHost);
            if (hostMatches && (entryPort == null || entryPort == port)) {
                return true;
            }
        }
        return false;
    }

    String resolveSecrets(String value) {
        if (value == null) {
            return "";
        }
        Matcher m = SECRET.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String secret = settings.secrets().get(m.group(1));
            if (secret == null) {
                throw new HttpCallRefusedException("Secret '" + m.group(1) + "' is not configured (stratum.http-call"
                        + ".secrets." + m.group(1) + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(secret));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Header lines "Name: value" (one per line, blank lines ignored) as an ordered map. */
    public static Map<String, String> parseHeaders(String lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (lines == null) {
            return headers;
        }
        for (String line : lines.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new HttpCallRefusedException("Header line '" + line + "' must read 'Name: value'");
            }
            headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return headers;
    }

    private static String hostPort(URI uri) {
        return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + " " + e.getMessage();
    }
}
