package io.stratum.action.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 (JDK HttpServer) for tests of outgoing calls: answers per path, remembers what it
 * received. Paths: /echo (200, method and body as JSON), /status/{code} (that status with a JSON problem), /slow (waits
 * 3 s), /redirect (302 to /echo), /text (200 text/plain), /big (2 KB).
 */
public final class LocalApi implements AutoCloseable {

    /** What the server received. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body) {
    }

    private final HttpServer server;
    public final List<Received> received = new CopyOnWriteArrayList<>();

    public LocalApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        try (exchange) {
            if (path.startsWith("/status/")) {
                int code = Integer.parseInt(path.substring("/status/".length()));
                send(exchange, code, "application/problem+json",
                        "{\"title\":\"refused by the test API\",\"status\":" + code + "}");
            } else if (path.equals("/slow")) {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, 200, "application/json", "{}");
            } else if (path.equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", "/echo");
                exchange.sendResponseHeaders(302, -1);
            } else if (path.equals("/text")) {
                send(exchange, 200, "text/plain", "plain words");
            } else if (path.equals("/big")) {
                send(exchange, 200, "application/json", "\"" + "x".repeat(2048) + "\"");
            } else {
                // the Authorization header is not echoed: tests check that secrets stay out of variables
                String json = "{\"method\":\"" + exchange.getRequestMethod() + "\",\"received\":"
                        + (body.isEmpty() ? "null" : body) + "}";
                send(exchange, 200, "application/json", json);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
