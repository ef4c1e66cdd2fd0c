package dev.perfkit.assets;

import java.util.Objects;

/**
 * Renders public URLs and integrity values of assets for templates: logical path in, fingerprinted URL out,
 * on the CDN when one is configured (or recorded in the manifest by {@code --cdn-base}).
 *
 * <pre>{@code
 * AssetUrls urls = AssetUrls.of(manifest, "/assets");
 * urls.url("css/app.css");        // "/assets/css/app-3f2a1b9c0d.css", or "https://cdn.example/css/app-...css"
 * urls.integrity("css/app.css");  // "sha384-..."
 * }</pre>
 */
public final class AssetUrls {
    private final AssetManifest manifest;
    private final String base;

    private AssetUrls(AssetManifest manifest, String base) {
        this.manifest = manifest;
        this.base = base;
    }

    /**
     * URLs under the manifest's CDN base if it has one, else under {@code pathPrefix} on this site.
     *
     * @param pathPrefix where the asset servlet is mapped, "" or starting with {@code /}, for example {@code /assets}
     * @throws IllegalArgumentException if pathPrefix is neither empty nor starts with {@code /}
     */
    public static AssetUrls of(AssetManifest manifest, String pathPrefix) {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        if (!pathPrefix.isEmpty() && !pathPrefix.startsWith("/")) {
            throw new IllegalArgumentException("pathPrefix must be empty or start with '/', but was " + pathPrefix);
        }
        String prefix = pathPrefix.endsWith("/") ? pathPrefix.substring(0, pathPrefix.length() - 1) : pathPrefix;
        return new AssetUrls(manifest, manifest.cdnBase().orElse(prefix));
    }

    /**
     * URLs under an explicit CDN base, overriding the manifest's.
     *
     * @throws IllegalArgumentException if cdnBase is not an absolute http(s) URL without query or fragment
     */
    public static AssetUrls withCdn(AssetManifest manifest, String cdnBase) {
        Objects.requireNonNull(manifest, "manifest");
        return new AssetUrls(manifest, CdnBase.normalize(Objects.requireNonNull(cdnBase, "cdnBase")));
    }

    /**
     * The public URL of an asset.
     *
     * @throws IllegalArgumentException if the logical path is not in the manifest
     */
    public String url(String logicalPath) {
        return base + "/" + entry(logicalPath).file();
    }

    /**
     * The SRI value for the asset's {@code integrity} attribute.
     *
     * @throws IllegalArgumentException if the logical path is not in the manifest
     */
    public String integrity(String logicalPath) {
        return entry(logicalPath).integrity();
    }

    private AssetEntry entry(String logicalPath) {
        Objects.requireNonNull(logicalPath, "logicalPath");
        return manifest.entry(logicalPath)
                .orElseThrow(() -> new IllegalArgumentException("logicalPath is not in "
                        + manifest.directory().resolve(AssetManifest.FILE_NAME) + ": " + logicalPath));
    }
}
