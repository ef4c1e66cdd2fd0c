package dev.perfkit.assets;

import java.nio.file.Path;

/**
 * Thrown when a manifest cannot be used: unreadable, not valid JSON, a field of the wrong type, or a listed file
 * missing or not matching its recorded size or hash. The message names the manifest or file and the problem.
 *
 * <pre>{@code
 * try {
 *   AssetManifest.load(dir);
 * } catch (ManifestException e) {
 *   log.error(e.getMessage()); // "... perfkit-manifest.json: app-3f2a1b9c0d.js: size 10 but manifest says 12"
 * }
 * }</pre>
 */
public final class ManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem with the manifest at {@code manifest}, described by {@code problem}. */
    public ManifestException(Path manifest, String problem) {
        super(manifest + ": " + problem);
    }

    /** A problem with the manifest at {@code manifest}, described by {@code problem}, caused by {@code cause}. */
    public ManifestException(Path manifest, String problem, Throwable cause) {
        super(manifest + ": " + problem, cause);
    }
}
