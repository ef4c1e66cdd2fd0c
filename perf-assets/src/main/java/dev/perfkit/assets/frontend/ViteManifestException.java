package dev.perfkit.assets.frontend;

/** A Vite manifest that cannot be used (not Vite's format, an entry not in it), naming the file and the entry. */
public final class ViteManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ViteManifestException(String message) {
        super(message);
    }

    ViteManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
