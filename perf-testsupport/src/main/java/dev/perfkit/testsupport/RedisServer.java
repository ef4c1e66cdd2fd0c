package dev.perfkit.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A running Redis server.
 *
 * <pre>{@code
 * RedisServer redis = Redis.shared();
 * RedisClient client = RedisClient.create(redis.uri());
 * }</pre>
 */
public interface RedisServer {

    /** Host, normally {@code 127.0.0.1}. */
    String host();

    /** TCP port. */
    int port();

    /** A {@code redis://host:port} URI for clients such as Lettuce. */
    default String uri() {
        return "redis://" + host() + ":" + port();
    }

    /** Sends {@code PING} over a plain socket and returns the reply line, for example {@code +PONG}. */
    default String ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port()), 2_000);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis at " + host() + ":" + port() + " did not answer PING", e);
        }
    }
}
