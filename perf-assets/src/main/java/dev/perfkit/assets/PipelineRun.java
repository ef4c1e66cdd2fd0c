package dev.perfkit.assets;

import dev.perfkit.assets.internal.BundlerManifests;
import dev.perfkit.assets.internal.CompressionCache;
import dev.perfkit.assets.internal.ContentTypes;
import dev.perfkit.assets.internal.CssReferences;
import dev.perfkit.assets.internal.DependencyOrder;
import dev.perfkit.assets.internal.Fingerprints;
import dev.perfkit.assets.internal.HashedNames;
import dev.perfkit.assets.internal.ImageHeaders;
import dev.perfkit.assets.internal.InputScanner;
import dev.perfkit.assets.internal.InputScanner.InputFile;
import dev.perfkit.assets.internal.OutputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of an {@link AssetPipeline}. Every step runs on the pool: each file is read and scanned, and a file that
 * references nothing (most of them) is named, written and compressed in the same task, while its bytes are still in
 * the cache; then, level by level of the reference graph (files whose references are all done first, then the files
 * referencing those...), the rest are rewritten, named, written and compressed. So a cold build keeps both cores
 * busy from the first file, with no pause between reading and compressing.
 */
final class PipelineRun {
    /** A variant is kept only when it is at most 95% of the identity size. */
    static final double MAX_VARIANT_RATIO = 0.95;

    private static final Logger LOG = LoggerFactory.getLogger(AssetPipeline.class);

    private final AssetPipeline config;
    /** References to files that are not inputs, in file order. */
    private final List<String> warnings = new ArrayList<>();
    /** Names given so far, for the rewriting of the next levels. */
    private final Map<String, Named> named = new ConcurrentHashMap<>();
    /** Images whose size could not be read, by logical path; written by the workers. */
    private final Map<String, String> imageWarnings = new ConcurrentHashMap<>();

    PipelineRun(AssetPipeline config) {
        this.config = config;
    }

    /** An input as read: its bytes and, for CSS and JavaScript, its references. */
    @SuppressWarnings("ArrayRecordComponent") // a carrier that is never compared or hashed
    private record Source(String logical, byte[] bytes, List<CssReferences.Ref> refs) {}

    /** A file as read, with its finished entry when it references nothing and was processed at once. */
    private record Read(Source source, @Nullable AssetEntry entry) {}

    /** A file after rewriting: final bytes, their SHA-256 and its output name (ours, or its bundler's hashed one). */
    @SuppressWarnings("ArrayRecordComponent") // a carrier that is never compared or hashed
    private record Named(String logical, byte[] bytes, String sha256, String file) {}

    PipelineResult run() {
        ExecutorService pool = Executors.newFixedThreadPool(config.parallelism, r -> {
            Thread t = new Thread(r, "perfkit-assets-pipeline");
            t.setDaemon(true);
            return t;
        });
        try {
            Files.createDirectories(config.output);
            HashedNames hashed = hashedNames();
            CompressionCache cache = new CompressionCache(config.output);
            OutputFiles out = new OutputFiles(config.output);
            AtomicInteger done = new AtomicInteger();
            List<InputFile> inputs = InputScanner.scan(config.input, config.output);
            // failOnMissingReferences must fail before anything is written, which needs every reference read
            // first: then nothing is finished early.
            boolean early = !config.failOnMissingReferences;
            List<Read> reads = all(pool, inputs, f -> {
                Source s = read(f);
                if (!early || !s.refs().isEmpty()) {
                    return new Read(s, null); // rewritten once the files it references are named
                }
                AssetEntry entry = process(name(s, hashed), cache, out);
                config.listener.onProgress(done.incrementAndGet(), inputs.size());
                return new Read(s, entry);
            });
            List<Source> sources = new ArrayList<>(reads.size());
            List<AssetEntry> entries = new ArrayList<>(reads.size());
            for (Read r : reads) {
                sources.add(r.source());
                if (r.entry() != null) {
                    entries.add(r.entry());
                }
            }
            List<List<Source>> levels = levels(sources);
            if (!warnings.isEmpty() && config.failOnMissingReferences) {
                throw new AssetPipelineException(
                        warnings.size() + " reference(s) to files not in " + config.input
                                + " (failOnMissingReferences): "
                                + String.join("; ", warnings.subList(0, Math.min(10, warnings.size())))
                                + (warnings.size() > 10 ? "; ..." : ""),
                        null);
            }
            for (String w : warnings) {
                LOG.warn(w);
            }
            for (List<Source> level : levels) {
                List<Source> left = level.stream()
                        .filter(s -> !early || !s.refs().isEmpty())
                        .toList();
                entries.addAll(all(pool, left, s -> {
                    AssetEntry entry = process(name(s, hashed), cache, out);
                    config.listener.onProgress(done.incrementAndGet(), sources.size());
                    return entry;
                }));
            }
            // The compression index and the manifest are written at once, the index on the pool.
            Future<?> saved = pool.submit(() -> {
                cache.save();
                return null;
            });
            imageWarnings.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                String w = e.getKey() + ": " + e.getValue() + " (no width and height recorded)";
                LOG.warn(w);
                warnings.add(w);
            });
            entries.sort((a, b) -> a.logicalPath().compareTo(b.logicalPath()));
            AssetManifest manifest = new AssetManifest(config.output, entries, config.cdnBase);
            ManifestWriter.write(manifest);
            await(saved);
            return result(manifest, cache);
        } catch (IOException e) {
            throw new AssetPipelineException(
                    "asset pipeline failed reading " + config.input + " or writing " + config.output + ": " + e, e);
        } catch (UncheckedIOException e) {
            throw new AssetPipelineException("asset pipeline failed: " + e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new AssetPipelineException(String.valueOf(e.getMessage()), e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The bundler manifests named in the configuration, and Vite's when the input folder has one. */
    private HashedNames hashedNames() throws IOException {
        List<Path> manifests = new ArrayList<>(config.bundlerManifests);
        Path vite = config.input.resolve(BundlerManifests.VITE);
        if (Files.isRegularFile(vite) && !manifests.contains(vite)) {
            manifests.add(vite);
        }
        Set<String> listed = new LinkedHashSet<>();
        for (Path m : manifests) {
            if (!Files.isRegularFile(m)) {
                throw new IllegalArgumentException("bundler manifest " + m + " is not a readable file");
            }
            listed.addAll(BundlerManifests.outputs(m));
        }
        return new HashedNames(listed, config.hashedNames);
    }

    private static Source read(InputFile f) throws IOException {
        byte[] bytes = Files.readAllBytes(f.path());
        List<CssReferences.Ref> refs = CssReferences.mayReference(f.logicalPath(), bytes)
                ? CssReferences.find(f.logicalPath(), new String(bytes, StandardCharsets.UTF_8))
                : List.of();
        return new Source(f.logicalPath(), bytes, refs);
    }

    /**
     * The sources grouped by level of the reference graph: level 0 references no input, level n only inputs of lower
     * levels. Records a warning per reference to a file that is not an input.
     *
     * @throws IllegalStateException naming a reference cycle
     */
    private List<List<Source>> levels(List<Source> sources) {
        Map<String, Source> byPath = new LinkedHashMap<>();
        for (Source s : sources) {
            byPath.put(s.logical(), s);
        }
        Map<String, Set<String>> edges = new HashMap<>();
        for (Source s : sources) {
            Set<String> deps = new LinkedHashSet<>();
            for (CssReferences.Ref r : s.refs()) {
                String target = CssReferences.resolve(s.logical(), r.url()).orElse(null);
                if (target == null) {
                    continue; // external (https:, data:, #id) or climbing above the input folder
                }
                if (byPath.containsKey(target)) {
                    deps.add(target);
                } else {
                    warnings.add(s.logical() + ": " + r.url() + " refers to " + target
                            + ", which is not in the input folder (left as is)");
                }
            }
            if (!deps.isEmpty()) {
                edges.put(s.logical(), deps);
            }
        }
        Map<String, Integer> level = new HashMap<>();
        List<List<Source>> levels = new ArrayList<>();
        for (String logical : DependencyOrder.of(byPath.keySet(), edges)) {
            int l = 0;
            for (String dep : edges.getOrDefault(logical, Set.of())) {
                if (!dep.equals(logical)) {
                    // DependencyOrder puts every dependency first, so its level is known
                    l = Math.max(l, Objects.requireNonNull(level.get(dep), dep) + 1);
                }
            }
            level.put(logical, l);
            while (levels.size() <= l) {
                levels.add(new ArrayList<>());
            }
            levels.get(l).add(byPath.get(logical));
        }
        return levels;
    }

    private Named name(Source s, HashedNames hashed) {
        byte[] bytes = s.refs().isEmpty()
                ? s.bytes()
                : rewrite(s.logical(), new String(s.bytes(), StandardCharsets.UTF_8), s.refs());
        String sha = Fingerprints.sha256Hex(bytes);
        // A bundler's name stands for the bundler's bytes: once rewriting changed them, fingerprint it again.
        boolean keep = hashed.hashed(s.logical()) && Arrays.equals(bytes, s.bytes());
        String file = keep ? s.logical() : Fingerprints.fingerprintedName(s.logical(), sha);
        Named n = new Named(s.logical(), bytes, sha, file);
        named.put(s.logical(), n);
        return n;
    }

    private byte[] rewrite(String logical, String text, List<CssReferences.Ref> found) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int at = 0;
        for (CssReferences.Ref r : found) {
            Named target =
                    CssReferences.resolve(logical, r.url()).map(named::get).orElse(null);
            if (target == null || r.start() < at) {
                continue;
            }
            out.append(text, at, r.start()).append(CssReferences.rewrite(r.url(), target.file()));
            at = r.end();
        }
        return out.append(text, at, text.length()).toString().getBytes(StandardCharsets.UTF_8);
    }

    private AssetEntry process(Named n, CompressionCache cache, OutputFiles out) throws IOException {
        String type = ContentTypes.of(n.logical());
        out.writeIfChanged(n.file(), n.bytes());
        Map<Coding, Variant> variants = new EnumMap<>(Coding.class);
        if (ContentTypes.compressible(type) && n.bytes().length >= config.minCompressSize) {
            for (Coding coding : config.codings) {
                CompressionCache.Kept kept = cache.variant(
                        coding, n.sha256(), n.bytes(), n.file() + coding.suffix(), MAX_VARIANT_RATIO, out);
                if (kept != null) {
                    String etag = Fingerprints.etag(kept.sha256(), coding.token());
                    variants.put(coding, new Variant(kept.file(), kept.size(), etag));
                }
            }
        }
        return new AssetEntry(
                n.logical(),
                n.file(),
                n.bytes().length,
                type,
                Fingerprints.integrity(n.bytes()),
                Fingerprints.etag(n.sha256(), "identity"),
                variants,
                true, // every output name carries a content hash: ours, or the bundler's for a listed name
                imageSize(n.logical(), type, n.bytes()));
    }

    /** Read from the header; a file that cannot be measured gets no size and a warning, never a failed build. */
    private @Nullable ImageSize imageSize(String logical, String type, byte[] bytes) {
        if (!ImageHeaders.measured(type)) {
            return null;
        }
        try {
            return ImageHeaders.read(logical, bytes).orElse(null);
        } catch (ImageHeaders.Unreadable e) {
            imageWarnings.put(logical, String.valueOf(e.getMessage()));
            return null;
        } catch (RuntimeException e) { // a reader bug must not stop the build either
            imageWarnings.put(logical, "size could not be read (" + e + ")");
            return null;
        }
    }

    /** A task that may throw an {@link IOException}. */
    @FunctionalInterface
    private interface Task<T, R> {
        R apply(T t) throws IOException;
    }

    /** Waits for one task on the pool, rethrowing its failure as {@link #all} does. */
    private static void await(Future<?> task) throws IOException {
        collect(List.of(task));
    }

    /** Runs the task for every item on the pool and returns the results in item order. */
    private static <T, R> List<R> all(ExecutorService pool, List<T> items, Task<T, R> task) throws IOException {
        List<Future<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            Callable<R> call = () -> task.apply(item);
            futures.add(pool.submit(call));
        }
        return collect(futures);
    }

    /** The tasks' results in order; the first failure is rethrown (an I/O or runtime exception as is). */
    private static <R> List<R> collect(List<? extends Future<R>> futures) throws IOException {
        List<R> results = new ArrayList<>(futures.size());
        try {
            for (Future<R> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssetPipelineException("asset pipeline interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new AssetPipelineException("asset pipeline failed: " + cause, cause);
        }
        return results;
    }

    private PipelineResult result(AssetManifest manifest, CompressionCache cache) {
        Map<Coding, Long> saved = new EnumMap<>(Coding.class);
        Map<Coding, Integer> counts = new EnumMap<>(Coding.class);
        long inputBytes = 0;
        for (AssetEntry e : manifest.entries()) {
            inputBytes += e.size();
            for (Map.Entry<Coding, Variant> v : e.variants().entrySet()) {
                saved.merge(v.getKey(), e.size() - v.getValue().size(), Long::sum);
                counts.merge(v.getKey(), 1, Integer::sum);
            }
        }
        return new PipelineResult(
                manifest, manifest.entries().size(), inputBytes, cache.misses(), cache.hits(), saved, counts, warnings);
    }
}
