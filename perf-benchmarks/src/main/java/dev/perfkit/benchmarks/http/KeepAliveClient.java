package dev.perfkit.benchmarks.http;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The load side of the HTTP benchmarks: one HTTP/1.1 keep-alive connection on loopback that sends a GET and reads
 * the whole response (Content-Length or chunked), as wrk does, and nothing more. java.net.http's client costs about
 * 500 us of the two cores per request here, several times what a cache hit costs the server, so with it the
 * client-side throughput of a hit measured the client. Responses are read, never kept: the result is the status and
 * the number of body bytes.
 */
final class KeepAliveClient implements Closeable {
    private final Socket socket;
    private final BufferedInputStream in;
    private final OutputStream out;
    private final String host;
    private final StringBuilder line = new StringBuilder(128);
    private final byte[] skip = new byte[16 * 1024];

    KeepAliveClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
        host = "127.0.0.1:" + port;
    }

    /** A GET request for {@code path}, with {@code If-None-Match} when {@code etag} is not null. */
    byte[] request(String path, @Nullable String etag) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                        + (etag == null ? "" : "If-None-Match: " + etag + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Sends {@code request} (from {@link #request}) and reads the response.
     *
     * @return the status times 1,000,000 plus the body's length in bytes
     * @throws IOException if the server closed the connection or the response is not HTTP/1.1 as expected
     */
    long send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        String status = readLine();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                throw new IOException("the server closes the connection: the benchmark needs keep-alive");
            }
        }
        long body = 0;
        if (code == 304 || code == 204 || code / 100 == 1) {
            body = 0;
        } else if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                skip(size);
                body += size;
                expectEmptyLine();
            }
            while (!readLine().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            skip(length);
            body = length;
        } else {
            throw new IOException("a " + code + " response with neither Content-Length nor chunked coding");
        }
        return code * 1_000_000L + body;
    }

    private long chunkSize() throws IOException {
        String size = readLine();
        int semicolon = size.indexOf(';');
        return Long.parseLong(
                semicolon < 0 ? size.trim() : size.substring(0, semicolon).trim(), 16);
    }

    private void expectEmptyLine() throws IOException {
        String rest = readLine();
        if (!rest.isEmpty()) {
            throw new IOException("a chunk not followed by CRLF: " + rest);
        }
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            int r = in.read(skip, 0, (int) Math.min(skip.length, left));
            if (r < 0) {
                throw new EOFException("the connection ended " + left + " bytes before the body's end");
            }
            left -= r;
        }
    }

    private String readLine() throws IOException {
        line.setLength(0);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection ended inside a response's head");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
