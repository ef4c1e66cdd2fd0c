package dev.perfkit.assets;

/**
 * Told of the pipeline's progress, for a progress line. Called from worker threads; implementations must be
 * thread-safe and quick.
 *
 * <pre>{@code
 * AssetPipeline.builder().input(in).output(out)
 *     .listener((done, total) -> System.err.print("\r" + done + "/" + total))
 *     .build().run();
 * }</pre>
 */
@FunctionalInterface
public interface PipelineListener {
    /** A listener that ignores progress. */
    PipelineListener NONE = (done, total) -> {};

    /** {@code done} of {@code total} files are finished (written, with their variants). */
    void onProgress(int done, int total);
}
