package dev.perfkit.assets;

import dev.perfkit.assets.internal.CompressionCache;
import dev.perfkit.assets.internal.ContentTypes;
import dev.perfkit.assets.internal.CssReferences;
import dev.perfkit.assets.internal.DependencyOrder;
import dev.perfkit.assets.internal.Fingerprints;
import dev.perfkit.assets.internal.InputScanner;
import dev.perfkit.assets.internal.InputScanner.InputFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** One run of an {@link AssetPipeline}: scan, rewrite and name in dependency order, then compress in parallel. */
final class PipelineRun {
    /** A variant is kept only when it is at most 95% of the identity size. */
    static final double MAX_VARIANT_RATIO = 0.95;

    private final AssetPipeline config;

    PipelineRun(AssetPipeline config) {
        this.config = config;
    }

    PipelineResult run() {
        try {
            Files.createDirectories(config.output);
            List<InputFile> inputs = InputScanner.scan(config.input, config.output);
            Map<String, byte[]> contents = new LinkedHashMap<>();
            for (InputFile f : inputs) {
                contents.put(f.logicalPath(), Files.readAllBytes(f.path()));
            }
            Map<String, Named> named = name(contents);
            return compressAll(named);
        } catch (IOException e) {
            throw new AssetPipelineException(
                    "asset pipeline failed reading " + config.input + " or writing " + config.output + ": " + e, e);
        } catch (UncheckedIOException e) {
            throw new AssetPipelineException("asset pipeline failed: " + e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new AssetPipelineException(String.valueOf(e.getMessage()), e);
        }
    }

    /** A file after rewriting: final bytes, their SHA-256 and its output name. */
    @SuppressWarnings("ArrayRecordComponent") // a carrier that is never compared or hashed
    private record Named(String logical, byte[] bytes, String sha256, String file) {}

    private static Map<String, Named> name(Map<String, byte[]> contents) {
        Map<String, Set<String>> edges = new HashMap<>();
        Map<String, List<CssReferences.Ref>> refs = new HashMap<>();
        for (Map.Entry<String, byte[]> e : contents.entrySet()) {
            if (CssReferences.scans(e.getKey())) {
                List<CssReferences.Ref> found =
                        CssReferences.find(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8));
                Set<String> deps = new LinkedHashSet<>();
                for (CssReferences.Ref r : found) {
                    CssReferences.resolve(e.getKey(), r.url())
                            .filter(contents::containsKey)
                            .ifPresent(deps::add);
                }
                refs.put(e.getKey(), found);
                edges.put(e.getKey(), deps);
            }
        }
        Map<String, Named> named = new LinkedHashMap<>();
        for (String logical : DependencyOrder.of(contents.keySet(), edges)) {
            byte[] bytes = Objects.requireNonNull(contents.get(logical), logical);
            List<CssReferences.Ref> found = refs.get(logical);
            if (found != null && !found.isEmpty()) {
                bytes = rewrite(logical, new String(bytes, StandardCharsets.UTF_8), found, named);
            }
            String sha = Fingerprints.sha256Hex(bytes);
            String file = Fingerprints.alreadyHashed(logical) ? logical : Fingerprints.fingerprintedName(logical, sha);
            named.put(logical, new Named(logical, bytes, sha, file));
        }
        return named;
    }

    private static byte[] rewrite(
            String logical, String text, List<CssReferences.Ref> found, Map<String, Named> named) {
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

    private PipelineResult compressAll(Map<String, Named> named) throws IOException {
        CompressionCache cache = new CompressionCache(config.output);
        ExecutorService pool = Executors.newFixedThreadPool(config.parallelism, r -> {
            Thread t = new Thread(r, "perfkit-assets-pipeline");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        List<Future<AssetEntry>> futures = new ArrayList<>();
        try {
            for (Named n : named.values()) {
                futures.add(pool.submit(() -> {
                    AssetEntry entry = process(n, cache);
                    config.listener.onProgress(done.incrementAndGet(), named.size());
                    return entry;
                }));
            }
            List<AssetEntry> entries = new ArrayList<>();
            for (Future<AssetEntry> f : futures) {
                entries.add(f.get());
            }
            entries.sort((a, b) -> a.logicalPath().compareTo(b.logicalPath()));
            AssetManifest manifest = new AssetManifest(config.output, entries, config.cdnBase);
            ManifestWriter.write(manifest);
            return result(manifest, named, cache);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssetPipelineException("asset pipeline interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new AssetPipelineException("asset pipeline failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private AssetEntry process(Named n, CompressionCache cache) throws IOException {
        String type = ContentTypes.of(n.logical());
        writeIfChanged(n.file(), n.bytes());
        Map<Coding, Variant> variants = new EnumMap<>(Coding.class);
        if (ContentTypes.compressible(type) && n.bytes().length >= config.minCompressSize) {
            for (Coding coding : config.codings) {
                CompressionCache.Result result = cache.compressed(coding, n.sha256(), n.bytes());
                byte[] compressed = result.bytes();
                boolean keep = compressed.length <= n.bytes().length * MAX_VARIANT_RATIO;
                String file = n.file() + coding.suffix();
                Path written = keep ? writeIfChanged(file, compressed) : null;
                if (!result.hit()) {
                    cache.store(coding, n.sha256(), written, compressed);
                }
                if (keep) {
                    String etag = Fingerprints.etag(Fingerprints.sha256Hex(compressed), coding.token());
                    variants.put(coding, new Variant(file, compressed.length, etag));
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
                variants);
    }

    /**
     * Writes the output file unless it already holds these bytes. A changed file is replaced by a new one, never
     * rewritten in place, because it may be hard-linked from the compression cache.
     */
    private Path writeIfChanged(String relative, byte[] bytes) throws IOException {
        Path target = config.output.resolve(relative);
        if (Files.isRegularFile(target)) {
            if (Files.size(target) == bytes.length && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return target;
            }
            Files.delete(target);
        }
        Files.createDirectories(target.getParent());
        Files.write(target, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return target;
    }

    private static PipelineResult result(AssetManifest manifest, Map<String, Named> named, CompressionCache cache) {
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
        return new PipelineResult(manifest, named.size(), inputBytes, cache.misses(), cache.hits(), saved, counts);
    }
}
