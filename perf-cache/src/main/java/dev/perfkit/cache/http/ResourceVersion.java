package dev.perfkit.cache.http;

import dev.perfkit.cache.http.internal.EntityTags;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The current version of a resource, computed cheaply before the handler runs: its ETag, its last modification, or
 * both. Built with {@link #of(Object)}, {@link #etag(String)} or {@link #lastModified(Instant)}.
 *
 * <p>It must describe what the handler will render: compute it from the same source the handler renders from (see
 * the consistency rule on {@link VersionFunction}), or an old body can be stored and served under a new ETag.
 */
public final class ResourceVersion {
    private static final int MAX_TAG = 200;

    private final @Nullable String etag;
    private final @Nullable Instant lastModified;

    private ResourceVersion(@Nullable String etag, @Nullable Instant lastModified) {
        this.etag = etag;
        this.lastModified = lastModified;
    }

    /**
     * A version from any value with a stable {@code toString()} (a row version, an update counter): a strong ETag
     * {@code "v" + version}.
     *
     * @throws IllegalArgumentException if the text is longer than 200 characters or has characters an ETag cannot
     *     carry (control characters, {@code "}, space)
     */
    public static ResourceVersion of(Object version) {
        return etag("v" + Objects.requireNonNull(version, "version"));
    }

    /**
     * A strong ETag with this opaque text (without quotes).
     *
     * @throws IllegalArgumentException if {@code opaque} is empty, longer than 200 characters or has characters an
     *     ETag cannot carry (control characters, {@code "}, space)
     */
    public static ResourceVersion etag(String opaque) {
        Objects.requireNonNull(opaque, "etag");
        if (opaque.isEmpty()
                || opaque.length() > MAX_TAG
                || !EntityTags.isValid('"' + opaque + '"')
                || opaque.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("etag must be 1 to " + MAX_TAG
                    + " visible ASCII characters without '\"' or spaces, but was '" + opaque + "'");
        }
        return new ResourceVersion('"' + opaque + '"', null);
    }

    /** A version known by its last modification only (HTTP dates have whole seconds). */
    public static ResourceVersion lastModified(Instant lastModified) {
        return new ResourceVersion(null, Objects.requireNonNull(lastModified, "lastModified"));
    }

    /** This version with a last modification too. */
    public ResourceVersion withLastModified(Instant lastModified) {
        return new ResourceVersion(etag, Objects.requireNonNull(lastModified, "lastModified"));
    }

    /** The ETag with its quotes, or {@code null}. */
    public @Nullable String etag() {
        return etag;
    }

    public @Nullable Instant lastModified() {
        return lastModified;
    }

    @Override
    public String toString() {
        return "ResourceVersion[" + etag + ", " + lastModified + "]";
    }
}
