package com.example.tomcat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;

/** The same checks in both consumer projects: GET identity and gzip, HEAD, 304 (without Content-Length). */
final class ConsumerChecks {
    static void run(URI uri, byte[] original, String identityEtag) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<byte[]> get = client.send(
                HttpRequest.newBuilder(uri).header("Accept-Encoding", "identity").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, get.statusCode());
        assertArrayEquals(original, get.body());
        assertEquals(identityEtag, get.headers().firstValue("ETag").orElse(null));

        HttpResponse<byte[]> gzip = client.send(
                HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, gzip.statusCode());
        assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElse(null));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertArrayEquals(original, in.readAllBytes());
        }

        HttpResponse<byte[]> head = client.send(
                HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .header("Accept-Encoding", "identity").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(String.valueOf(original.length), head.headers().firstValue("Content-Length").orElse(null));

        HttpResponse<byte[]> notModified = client.send(
                HttpRequest.newBuilder(uri).header("Accept-Encoding", "identity")
                        .header("If-None-Match", identityEtag).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(304, notModified.statusCode());
        assertEquals(0, notModified.body().length);
        assertEquals(identityEtag, notModified.headers().firstValue("ETag").orElse(null));
        assertEquals(null, notModified.headers().firstValue("Content-Length").orElse(null), "304 without Content-Length");
        System.out.println("consumer check passed: GET " + original.length + " bytes (identity and gzip), HEAD, 304 at " + uri);
    }
}
