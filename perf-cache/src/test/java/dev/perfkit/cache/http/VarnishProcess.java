package dev.perfkit.cache.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Varnish (Debian's varnishd, with vmod xkey from varnish-modules) started as a child process on a free
 * loopback port, in front of a backend port, with a VCL this class writes: xkey from Surrogate-Key, PURGE with an
 * {@code xkey-purge} header, BAN on Surrogate-Key, and an {@code X-Cache: HIT|MISS} header. Killed on close.
 */
final class VarnishProcess implements AutoCloseable {
    static final String VCL = """
            vcl 4.1;
            import xkey;

            backend app { .host = "127.0.0.1"; .port = "BACKEND_PORT"; }
            acl purgers { "127.0.0.1"; }

            sub vcl_recv {
                if (req.method == "PURGE") {
                    if (client.ip !~ purgers) { return (synth(403, "Forbidden")); }
                    if (!req.http.xkey-purge) { return (synth(400, "xkey-purge header missing")); }
                    set req.http.n-gone = xkey.purge(req.http.xkey-purge);
                    return (synth(200, "Purged " + req.http.n-gone));
                }
                if (req.method == "BAN") {
                    if (client.ip !~ purgers) { return (synth(403, "Forbidden")); }
                    if (!req.http.Surrogate-Key-Ban) { return (synth(400, "Surrogate-Key-Ban header missing")); }
                    ban("obj.http.Surrogate-Key ~ (^|\\s)(" + regsuball(req.http.Surrogate-Key-Ban, "[^A-Za-z0-9:~_-]", "") + ")(\\s|$)");
                    return (synth(200, "Banned"));
                }
            }

            sub vcl_backend_response {
                set beresp.http.xkey = beresp.http.Surrogate-Key;
                set beresp.keep = 60s;
            }

            sub vcl_deliver {
                if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; }
                unset resp.http.xkey;
            }
            """;

    private final Process process;
    private final Path dir;
    private final int port;

    private VarnishProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts Varnish in front of {@code backendPort}; skips the test if varnishd is missing (fails it with CI=true). */
    static VarnishProcess start(int backendPort) throws Exception {
        Path varnishd = Path.of("/usr/sbin/varnishd");
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (!Files.isExecutable(varnishd)) {
            if (ci) {
                throw new IllegalStateException("varnishd is missing: .ci/run installs varnish and varnish-modules");
            }
            Assumptions.abort("varnishd is not installed (apt-get install varnish varnish-modules); skipped");
        }
        Path dir = Files.createTempDirectory("perfkit-varnish");
        // varnishd compiles the VCL as its own unprivileged user: the folder and the file must be readable to it
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path vcl = dir.resolve("test.vcl");
        Files.writeString(vcl, VCL.replace("BACKEND_PORT", Integer.toString(backendPort)), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(vcl, PosixFilePermissions.fromString("rw-r--r--"));
        int port = freePort();
        Path log = dir.resolve("varnishd.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(
                        varnishd.toString(),
                        "-F",
                        "-n",
                        dir.resolve("n").toString(),
                        "-a",
                        "127.0.0.1:" + port,
                        "-T",
                        "127.0.0.1:0",
                        "-f",
                        vcl.toString(),
                        "-s",
                        "malloc,32m",
                        "-p",
                        "default_grace=0",
                        "-p",
                        "default_keep=0",
                        "-p",
                        "vsl_space=1m"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process process = pb.start();
        VarnishProcess varnish = new VarnishProcess(process, dir, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String out = Files.readString(log);
                varnish.close();
                throw new IllegalStateException("varnishd exited with " + process.exitValue() + ":\n" + out);
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return varnish;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        varnish.close();
        throw new IllegalStateException("varnishd did not listen on " + port + " within 30 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        // varnishd -F runs its cache process as a child; it exits with the manager
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
