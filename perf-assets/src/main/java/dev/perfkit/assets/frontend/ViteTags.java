package dev.perfkit.assets.frontend;

import dev.perfkit.assets.AssetEntry;
import dev.perfkit.assets.AssetManifest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Renders the tags a server-rendered page needs for its Vite entries, as Vite's backend-integration guide says
 * they must be: a stylesheet link for each CSS file of the entries and of their static imports (recursively, in
 * import order), a {@code <script type="module" crossorigin>} per entry, and a {@code <link rel="modulepreload">}
 * for every chunk the entries import statically (recursively, each once across all entries of the page, cycles
 * handled; dynamic imports are never preloaded, they load on demand). With perf-assets' manifest (the build's
 * output run through {@link dev.perfkit.assets.AssetPipeline}) each tag carries its {@code integrity} and URLs go
 * to the manifest's CDN base; a CSP nonce is added when given. In dev-server mode the same call renders Vite's
 * client and the entries' sources from the dev server.
 *
 * {@snippet class=dev.perfkit.assets.frontend.ViteTagsSnippets region=basic}
 */
@SuppressWarnings("InvalidInlineTag") // {@snippet} is JDK 18 Javadoc; Error Prone on 17 does not know it
public final class ViteTags {
    /** What a CSP nonce may contain (base64 or base64url), so it can never break out of its attribute. */
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9+/=_-]{8,256}");

    private final @Nullable ViteManifest manifest;
    private final String base;
    private final @Nullable AssetManifest assets;
    private final @Nullable URI devServer;

    private ViteTags(Builder b) {
        this.manifest = b.manifest;
        this.base = b.base;
        this.assets = b.assets;
        this.devServer = b.devServer;
    }

    /** Tags from a production build's manifest. */
    public static Builder builder(ViteManifest manifest) {
        Builder b = new Builder();
        b.manifest = Objects.requireNonNull(manifest, "manifest");
        return b;
    }

    /**
     * Tags for Vite's dev server (for example {@code http://localhost:5173}): its {@code @vite/client} and each
     * entry's source as a module script; Vite injects the CSS itself.
     *
     * @throws IllegalArgumentException if the URL is not absolute http(s)
     */
    public static ViteTags devServer(URI devServer) {
        Objects.requireNonNull(devServer, "devServer");
        if (!devServer.isAbsolute()
                || !(devServer.getScheme().equals("http")
                        || devServer.getScheme().equals("https"))) {
            throw new IllegalArgumentException("devServer must be an absolute http(s) URL, but was " + devServer);
        }
        Builder b = new Builder();
        b.devServer = devServer;
        return new ViteTags(b);
    }

    /**
     * The tags of a page with these entries.
     *
     * @throws ViteManifestException if an entry is not in the manifest (naming it and listing the known entries)
     */
    public PageTags page(String... entries) {
        return page(List.of(entries), null);
    }

    /**
     * The tags of a page with these entries, each carrying the request's CSP nonce.
     *
     * @param nonce the nonce of this response's {@code Content-Security-Policy}, or null
     * @throws IllegalArgumentException if the nonce is not 8 to 256 base64/base64url characters
     * @throws ViteManifestException if an entry is not in the manifest
     */
    public PageTags page(Collection<String> entries, @Nullable String nonce) {
        Objects.requireNonNull(entries, "entries");
        if (nonce != null && !NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException("a CSP nonce must be 8 to 256 base64 or base64url characters, but was \""
                    + (nonce.length() > 40 ? nonce.substring(0, 40) + "..." : nonce) + "\"");
        }
        URI dev = devServer;
        if (dev != null) {
            List<Tag> tags = new ArrayList<>();
            String root = dev.toString().endsWith("/") ? dev.toString() : dev + "/";
            tags.add(new Tag(Tag.Kind.MODULE_SCRIPT, root + "@vite/client", null, nonce));
            for (String entry : entries) {
                tags.add(new Tag(Tag.Kind.MODULE_SCRIPT, root + entry, null, nonce));
            }
            return new PageTags(tags);
        }
        ViteManifest m = Objects.requireNonNull(manifest, "manifest");
        Set<String> styles = new LinkedHashSet<>();
        Set<String> scripts = new LinkedHashSet<>();
        Set<String> preloads = new LinkedHashSet<>();
        Set<String> visited = new HashSet<>();
        for (String name : entries) {
            ViteManifest.Chunk entry = m.entry(name);
            styles.addAll(entry.css());
            List<ViteManifest.Chunk> imported = new ArrayList<>();
            collectImports(m, entry, visited, imported);
            for (ViteManifest.Chunk c : imported) {
                styles.addAll(c.css());
            }
            if (entry.file().endsWith(".css")) {
                styles.add(entry.file()); // a CSS entry
            } else {
                scripts.add(entry.file());
            }
            for (ViteManifest.Chunk c : imported) {
                if (!c.file().endsWith(".css")) {
                    preloads.add(c.file());
                }
            }
        }
        preloads.removeAll(scripts); // an entry another entry imports is already loaded as a script
        List<Tag> tags = new ArrayList<>();
        styles.forEach(f -> tags.add(tag(Tag.Kind.STYLESHEET, f, nonce)));
        scripts.forEach(f -> tags.add(tag(Tag.Kind.MODULE_SCRIPT, f, nonce)));
        preloads.forEach(f -> tags.add(tag(Tag.Kind.MODULE_PRELOAD, f, nonce)));
        return new PageTags(tags);
    }

    /** Depth first, imports before importers, each chunk once (across the page's entries: {@code visited}). */
    private static void collectImports(
            ViteManifest m, ViteManifest.Chunk chunk, Set<String> visited, List<ViteManifest.Chunk> out) {
        for (String key : chunk.imports()) {
            if (!visited.add(key)) {
                continue;
            }
            ViteManifest.Chunk imported = m.chunk(key).orElseThrow();
            collectImports(m, imported, visited, out);
            out.add(imported);
        }
    }

    private Tag tag(Tag.Kind kind, String file, @Nullable String nonce) {
        AssetManifest a = assets;
        if (a != null) {
            Optional<AssetEntry> entry = a.entry(file);
            if (entry.isPresent()) {
                String root = a.cdnBase().orElse(base);
                return new Tag(kind, join(root, entry.get().file()), entry.get().integrity(), nonce);
            }
        }
        return new Tag(kind, join(base, file), null, nonce);
    }

    private static String join(String base, String file) {
        return base.endsWith("/") ? base + file : base + "/" + file;
    }

    /** Configures {@link ViteTags}. */
    public static final class Builder {
        private @Nullable ViteManifest manifest;
        private String base = "/";
        private @Nullable AssetManifest assets;
        private @Nullable URI devServer;

        private Builder() {}

        /**
         * Where the build's output folder is served: {@code /} (the default), a path like {@code /static}, or a CDN
         * URL. A perf-assets manifest's CDN base, when it has one, takes precedence for the files it lists.
         *
         * @throws IllegalArgumentException if it is neither a path starting with {@code /} nor an absolute
         *     http(s) URL, or has a query or fragment
         */
        public Builder base(String base) {
            Objects.requireNonNull(base, "base");
            boolean path = base.startsWith("/") && !base.startsWith("//");
            boolean url = base.startsWith("https://") || base.startsWith("http://");
            if ((!path && !url)
                    || base.contains("?")
                    || base.contains("#")
                    || base.contains("\"")
                    || base.contains("<")
                    || base.contains(" ")) {
                throw new IllegalArgumentException("base must be a path starting with '/' or an absolute http(s) URL,"
                        + " without query or fragment, but was " + base);
            }
            this.base = base;
            return this;
        }

        /**
         * The perf-assets manifest of the same output folder: its integrity values and file names are used for the
         * files it lists.
         */
        public Builder assets(AssetManifest assets) {
            this.assets = Objects.requireNonNull(assets, "assets");
            return this;
        }

        /** Builds the renderer. */
        public ViteTags build() {
            return new ViteTags(this);
        }
    }
}
