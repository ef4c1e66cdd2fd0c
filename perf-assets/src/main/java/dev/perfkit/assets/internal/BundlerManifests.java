package dev.perfkit.assets.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the output file names a bundler lists in its manifest: these names carry the bundler's content hash. Vite's
 * {@code .vite/manifest.json} ({@code file}, {@code css}, {@code assets} of every chunk), webpack's
 * {@code manifest.json} (webpack-manifest-plugin: name to file; webpack-assets-manifest: name to {@code src}) and
 * esbuild's metafile ({@code outputs}). Read as a JSON tree, never bound to types.
 */
public final class BundlerManifests {
    /** Where Vite 5+ writes its manifest inside the build output; read automatically when present. */
    public static final String VITE = ".vite/manifest.json";

    /** Largest manifest read, so a wrong file cannot take the build's memory. */
    static final long MAX_BYTES = 64L << 20;

    private BundlerManifests() {}

    /**
     * The output paths the manifest lists, without a leading {@code /}, scheme or host.
     *
     * @throws IllegalArgumentException naming the file when it is not JSON or not one of the known shapes
     * @throws IOException if it cannot be read
     */
    public static Set<String> outputs(Path manifest) throws IOException {
        if (Files.size(manifest) > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "bundler manifest " + manifest + " is larger than " + MAX_BYTES + " bytes: not a manifest?");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(manifest));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "bundler manifest " + manifest + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        Set<String> files = new LinkedHashSet<>();
        if (root != null && root.isObject() && root.path("outputs").isObject()) { // esbuild metafile
            root.path("outputs").fieldNames().forEachRemaining(name -> add(files, name));
            return files;
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw unknown(manifest);
        }
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode v = e.getValue();
            if (v.isTextual()) { // webpack-manifest-plugin: "main.js": "/static/js/main.8e3c1b2a.js"
                add(files, v.textValue());
            } else if (v.isObject() && v.path("file").isTextual()) { // Vite chunk
                add(files, v.get("file").textValue());
                addAll(files, v.path("css"));
                addAll(files, v.path("assets"));
            } else if (v.isObject() && v.path("src").isTextual()) { // webpack-assets-manifest with integrity
                add(files, v.get("src").textValue());
            } else {
                throw unknown(manifest);
            }
        }
        return files;
    }

    private static IllegalArgumentException unknown(Path manifest) {
        return new IllegalArgumentException("bundler manifest " + manifest
                + " is neither a Vite manifest (chunks with \"file\"), a webpack manifest (names to files)"
                + " nor an esbuild metafile (\"outputs\")");
    }

    private static void addAll(Set<String> files, JsonNode array) {
        for (JsonNode n : array) {
            if (n.isTextual()) {
                add(files, n.textValue());
            }
        }
    }

    /** Drops a scheme and host ({@code https://cdn/x/a.js}), query and fragment, and leading {@code /} or {@code ./}. */
    static void add(Set<String> files, String listed) {
        String path = listed;
        int scheme = path.indexOf("://");
        if (scheme > 0 || path.startsWith("//")) {
            String raw;
            try {
                raw = URI.create(path.replace(" ", "%20")).getRawPath();
            } catch (IllegalArgumentException e) {
                return; // not a URL: names no file here, so nothing is taken as hashed
            }
            if (raw == null) {
                return;
            }
            path = raw;
        }
        int cut = path.length();
        for (char c : new char[] {'?', '#'}) {
            int at = path.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        path = path.substring(0, cut);
        while (path.startsWith("/") || path.startsWith("./")) {
            path = path.substring(path.startsWith("/") ? 1 : 2);
        }
        if (!path.isEmpty()) {
            files.add(path);
        }
    }
}
