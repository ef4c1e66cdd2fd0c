package dev.perfkit.assets.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Vite build manifest ({@code .vite/manifest.json}, written by {@code vite build} with {@code build.manifest};
 * Vite 5 to 8): for each chunk its output file, whether it is an entry, its static and dynamic imports and its CSS.
 *
 * <pre>{@code
 * ViteManifest manifest = ViteManifest.read(Path.of("dist/.vite/manifest.json"));
 * manifest.entries(); // [src/admin.js, src/main.js]
 * }</pre>
 */
public final class ViteManifest {
    /** One chunk of the build, as the manifest lists it. */
    record Chunk(
            String key,
            String file,
            boolean entry,
            List<String> imports,
            List<String> dynamicImports,
            List<String> css,
            List<String> assets) {}

    private final String source;
    private final Map<String, Chunk> chunks;

    private ViteManifest(String source, Map<String, Chunk> chunks) {
        this.source = source;
        this.chunks = chunks;
    }

    /**
     * Reads a manifest file.
     *
     * @throws ViteManifestException if the file is missing, is not JSON, or is not a Vite manifest (naming the file)
     */
    public static ViteManifest read(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new ViteManifestException(
                    "no Vite manifest at " + file
                            + " (vite build writes .vite/manifest.json when build.manifest is true)",
                    e);
        } catch (IOException e) {
            throw new ViteManifestException("cannot read the Vite manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a manifest's text.
     *
     * @param source where the text came from, for error messages
     * @throws ViteManifestException if it is not a Vite manifest
     */
    public static ViteManifest parse(String json, String source) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(source, "source");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new ViteManifestException(
                    source + " is not JSON, so not a Vite manifest: " + firstLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new ViteManifestException(
                    source + " is not a Vite manifest: the top level must be an object of chunks");
        }
        Map<String, Chunk> chunks = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode c = e.getValue();
            JsonNode file = c.get("file");
            if (!c.isObject()
                    || file == null
                    || !file.isTextual()
                    || file.asText().isEmpty()) {
                throw new ViteManifestException(
                        source + " is not a Vite manifest: chunk \"" + e.getKey() + "\" has no \"file\"");
            }
            chunks.put(
                    e.getKey(),
                    new Chunk(
                            e.getKey(),
                            file.asText(),
                            c.path("isEntry").asBoolean(false),
                            strings(c, "imports", source, e.getKey()),
                            strings(c, "dynamicImports", source, e.getKey()),
                            strings(c, "css", source, e.getKey()),
                            strings(c, "assets", source, e.getKey())));
        }
        for (Chunk chunk : chunks.values()) {
            for (String imported : chunk.imports()) {
                if (!chunks.containsKey(imported)) {
                    throw new ViteManifestException(source + " is not a consistent Vite manifest: chunk \""
                            + chunk.key() + "\" imports \"" + imported + "\", which it does not list");
                }
            }
        }
        return new ViteManifest(source, Collections.unmodifiableMap(chunks));
    }

    private static List<String> strings(JsonNode chunk, String field, String source, String key) {
        JsonNode node = chunk.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ViteManifestException(
                    source + " is not a Vite manifest: \"" + field + "\" of chunk \"" + key + "\" is not a list");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode v : node) {
            if (!v.isTextual()) {
                throw new ViteManifestException(source + " is not a Vite manifest: \"" + field + "\" of chunk \"" + key
                        + "\" holds a non-text value");
            }
            values.add(v.asText());
        }
        return List.copyOf(values);
    }

    private static String firstLine(@org.jspecify.annotations.Nullable String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The names of the entry chunks (their source paths, for example {@code src/main.js}), sorted. */
    public Set<String> entries() {
        Set<String> entries = new TreeSet<>();
        chunks.values().stream().filter(Chunk::entry).forEach(c -> entries.add(c.key()));
        return Collections.unmodifiableSet(entries);
    }

    /** Where the manifest came from. */
    public String source() {
        return source;
    }

    /** The chunk of an entry, or an exception naming the entry and listing the known ones. */
    Chunk entry(String name) {
        Chunk chunk = chunks.get(name);
        if (chunk == null || !chunk.entry()) {
            throw new ViteManifestException("\"" + name + "\" is not an entry of the Vite manifest " + source
                    + "; its entries are " + entries());
        }
        return chunk;
    }

    Optional<Chunk> chunk(String key) {
        return Optional.ofNullable(chunks.get(key));
    }
}
