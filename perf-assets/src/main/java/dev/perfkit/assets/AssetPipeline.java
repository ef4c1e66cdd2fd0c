package dev.perfkit.assets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Turns an input folder into a deployable output folder: content-hashed names, CSS references and source maps
 * rewritten to them, gzip 9 / Brotli 11 / zstd 19 variants where they pay off, and {@code perfkit-manifest.json}.
 * Runs are incremental (compressed bytes are cached by content hash under the output folder) and parallel.
 *
 * <p>A name keeps its bundler's hash (and is served as immutable) only when the bundler's manifest lists it or a
 * configured pattern matches it: Vite's {@code .vite/manifest.json} inside the input folder is read automatically,
 * other manifests are named with {@link Builder#bundlerManifest}. Every other file is fingerprinted, however hashed
 * its name looks ({@code hero-1920x1080.jpg}).
 *
 * {@snippet class=dev.perfkit.assets.AssetPipelineSnippets region=basic}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class AssetPipeline {
    final Path input;
    final Path output;
    final int parallelism;
    final int minCompressSize;
    final Set<Coding> codings;
    final @Nullable String cdnBase;
    final PipelineListener listener;
    final List<Path> bundlerManifests;
    final List<Pattern> hashedNames;
    final boolean failOnMissingReferences;

    private AssetPipeline(Builder b) {
        this.input = Objects.requireNonNull(b.input, "input must be set");
        this.output = Objects.requireNonNull(b.output, "output must be set");
        this.parallelism = b.parallelism;
        this.minCompressSize = b.minCompressSize;
        this.codings = EnumSet.copyOf(b.codings);
        this.cdnBase = b.cdnBase;
        this.listener = b.listener;
        this.bundlerManifests = List.copyOf(b.bundlerManifests);
        this.hashedNames = List.copyOf(b.hashedNames);
        this.failOnMissingReferences = b.failOnMissingReferences;
    }

    /** A builder: input and output are required; the rest have defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Processes the input folder into the output folder and writes the manifest.
     *
     * @return what was done
     * @throws AssetPipelineException naming the file and problem (unsafe link or name, reference cycle, I/O)
     */
    public PipelineResult run() {
        return new PipelineRun(this).run();
    }

    /** Configures an {@link AssetPipeline}; each setter checks its value at once. */
    public static final class Builder {
        private @Nullable Path input;
        private @Nullable Path output;
        private int parallelism = Math.min(256, 2 * Runtime.getRuntime().availableProcessors());
        private int minCompressSize = 256;
        private Set<Coding> codings = EnumSet.allOf(Coding.class);
        private @Nullable String cdnBase;
        private PipelineListener listener = PipelineListener.NONE;
        private final List<Path> bundlerManifests = new ArrayList<>();
        private final List<Pattern> hashedNames = new ArrayList<>();
        private boolean failOnMissingReferences;

        private Builder() {}

        /** The folder to read (required). */
        public Builder input(Path input) {
            this.input = Objects.requireNonNull(input, "input");
            return this;
        }

        /** The folder to write; it may exist and may hold earlier runs' output (required). */
        public Builder output(Path output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /**
         * Threads that read, compress and write, 1 to 256; default: twice the available processors, because a cold
         * build spends much of its time blocked creating files (a JFR profile of 1,000 files: more time in
         * {@code open(O_CREAT)} than in deflate), and twice the threads keep the processors compressing meanwhile.
         *
         * @throws IllegalArgumentException if out of range
         */
        public Builder parallelism(int threads) {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("parallelism must be between 1 and 256, but was " + threads);
            }
            this.parallelism = threads;
            return this;
        }

        /**
         * Files smaller than this many bytes are not precompressed, 0 to 1048576; default 256.
         *
         * @throws IllegalArgumentException if out of range
         */
        public Builder minCompressSize(int bytes) {
            if (bytes < 0 || bytes > 1 << 20) {
                throw new IllegalArgumentException("minCompressSize must be between 0 and 1048576, but was " + bytes);
            }
            this.minCompressSize = bytes;
            return this;
        }

        /** The codings to precompress with (possibly none); default all. */
        public Builder codings(Set<Coding> codings) {
            this.codings = EnumSet.noneOf(Coding.class);
            this.codings.addAll(Objects.requireNonNull(codings, "codings"));
            return this;
        }

        /**
         * A CDN base URL recorded in the manifest for {@link AssetUrls}, {@code http(s)://host[/path]}.
         *
         * @throws IllegalArgumentException if not an absolute http(s) URL without query or fragment
         */
        public Builder cdnBase(String url) {
            this.cdnBase = CdnBase.normalize(Objects.requireNonNull(url, "cdnBase"));
            return this;
        }

        /**
         * A bundler's manifest whose listed files already carry a content hash and keep their names: a Vite
         * manifest, a webpack manifest (webpack-manifest-plugin or webpack-assets-manifest) or an esbuild metafile.
         * May be called more than once. {@code .vite/manifest.json} inside the input folder needs no call. It is read
         * when the pipeline runs; a file that is missing or of another shape fails the run, naming it.
         */
        public Builder bundlerManifest(Path manifest) {
            bundlerManifests.add(Objects.requireNonNull(manifest, "bundlerManifest"));
            return this;
        }

        /**
         * A regular expression over logical paths (for example {@code assets/.*-[A-Za-z0-9_-]{8}\\.(js|css)}) whose
         * matches already carry a content hash and keep their names. May be called more than once.
         *
         * @throws IllegalArgumentException if the expression does not compile, naming it
         */
        public Builder hashedNames(String regex) {
            Objects.requireNonNull(regex, "hashedNames");
            try {
                hashedNames.add(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "hashedNames must be a Java regular expression, but was " + regex + ": " + e.getDescription(),
                        e);
            }
            return this;
        }

        /**
         * Whether a CSS or source-map reference to a file that is not in the input folder fails the run (an
         * {@link AssetPipelineException} listing them) instead of a warning in {@link PipelineResult#warnings()} and
         * the log; default false. The run then reads every input before it writes anything, so a failed run writes
         * no file.
         */
        public Builder failOnMissingReferences(boolean fail) {
            this.failOnMissingReferences = fail;
            return this;
        }

        /** Told of progress; default {@link PipelineListener#NONE}. */
        public Builder listener(PipelineListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The pipeline. */
        public AssetPipeline build() {
            return new AssetPipeline(this);
        }
    }
}
