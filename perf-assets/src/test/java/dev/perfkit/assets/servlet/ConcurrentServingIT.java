package dev.perfkit.assets.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.assets.AssetEntry;
import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.TestAssets;
import dev.perfkit.testsupport.JettyServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads, seeded random codings and ranges, one shared servlet: every body is exactly right. */
class ConcurrentServingIT {
    @TempDir
    Path dir;

    @Test
    void concurrentRequestsWithRandomCodingsAndRangesAllGetCorrectBytes() throws Exception {
        AssetManifest manifest = TestAssets.processedSample(dir);
        AssetEntry js = manifest.entry("app.js").orElseThrow();
        byte[] original = Files.readAllBytes(dir.resolve("out").resolve(js.file()));
        String[] codings = {"br", "zstd", "gzip", "identity"};
        int threads = 8;
        int perThread = 40;
        try (JettyServer server = JettyServer.servlet(AssetServlet.of(manifest))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = 1000 + t;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    start.await();
                    int checked = 0;
                    for (int i = 0; i < perThread; i++) {
                        String coding = codings[random.nextInt(codings.length)];
                        boolean ranged = coding.equals("identity") && random.nextBoolean();
                        int first = random.nextInt(original.length);
                        int last = Math.min(original.length - 1, first + random.nextInt(500));
                        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/" + js.file()))
                                .header("Accept-Encoding", coding);
                        if (ranged) {
                            b.header("Range", "bytes=" + first + "-" + last);
                        }
                        HttpResponse<byte[]> r =
                                server.client().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                        if (ranged) {
                            assertThat(r.statusCode()).isEqualTo(206);
                            assertThat(r.body()).isEqualTo(Arrays.copyOfRange(original, first, last + 1));
                        } else {
                            assertThat(r.statusCode()).isEqualTo(200);
                            assertThat(TestAssets.decode(coding, r.body())).isEqualTo(original);
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(total).isEqualTo(threads * perThread);
        }
    }
}
