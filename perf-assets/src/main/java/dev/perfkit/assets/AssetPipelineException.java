package dev.perfkit.assets;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the pipeline cannot process its input: a symbolic link leaving the input folder, an unsafe file name,
 * a CSS reference cycle, or an I/O failure. The message names the file and the problem; the cause is kept.
 *
 * <pre>{@code
 * try {
 *   pipeline.run();
 * } catch (AssetPipelineException e) {
 *   System.err.println(e.getMessage()); // "reference cycle: a.css -> b.css -> a.css"
 * }
 * }</pre>
 */
public final class AssetPipelineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, caused by {@code cause} (null when the pipeline itself refused). */
    public AssetPipelineException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
