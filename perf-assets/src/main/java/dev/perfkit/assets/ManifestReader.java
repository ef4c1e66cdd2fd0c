package dev.perfkit.assets;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.assets.internal.Fingerprints;
import dev.perfkit.assets.internal.SafePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads {@code perfkit-manifest.json} as a JSON tree (no data binding of types) and verifies every file. */
final class ManifestReader {
    static final int FORMAT_VERSION = 1;

    private ManifestReader() {}

    static AssetManifest read(Path dir) {
        Path manifest = dir.resolve(AssetManifest.FILE_NAME);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(manifest));
        } catch (JacksonException e) {
            throw new ManifestException(manifest, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ManifestException(manifest, "cannot be read (" + e + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new ManifestException(manifest, "top level must be a JSON object");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.intValue() != FORMAT_VERSION) {
            throw new ManifestException(manifest, "\"version\" must be " + FORMAT_VERSION + ", but was " + version);
        }
        JsonNode assets = root.get("assets");
        if (assets == null || !assets.isObject()) {
            throw new ManifestException(manifest, "\"assets\" must be a JSON object");
        }
        List<AssetEntry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : assets.properties()) {
            entries.add(entry(dir, manifest, field.getKey(), field.getValue()));
        }
        JsonNode cdn = root.get("cdnBase");
        String cdnBase = null;
        if (cdn != null && !cdn.isNull()) {
            if (!cdn.isTextual()) {
                throw new ManifestException(manifest, "\"cdnBase\" must be a string, but was " + cdn);
            }
            try {
                cdnBase = CdnBase.normalize(cdn.textValue());
            } catch (IllegalArgumentException e) {
                throw new ManifestException(manifest, String.valueOf(e.getMessage()), e);
            }
        }
        return new AssetManifest(dir, entries, cdnBase);
    }

    private static AssetEntry entry(Path dir, Path manifest, String logical, JsonNode node) {
        String where = "asset \"" + logical + "\"";
        if (!node.isObject()) {
            throw new ManifestException(manifest, where + " must be a JSON object");
        }
        checkPath(manifest, where, logical);
        String file = text(manifest, where, node, "file");
        long size = number(manifest, where, node, "size");
        byte[] bytes = verifiedBytes(dir, manifest, file, size);
        String integrity = text(manifest, where, node, "integrity");
        if (!integrity.equals(Fingerprints.integrity(bytes))) {
            throw new ManifestException(manifest, file + ": content does not match integrity " + integrity);
        }
        String etag = text(manifest, where, node, "etag");
        checkEtag(manifest, file, etag, Fingerprints.etag(Fingerprints.sha256Hex(bytes), "identity"));
        Map<Coding, Variant> variants = new EnumMap<>(Coding.class);
        JsonNode encodings = node.get("encodings");
        if (encodings == null || !encodings.isObject()) {
            throw new ManifestException(manifest, where + ": \"encodings\" must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> e : encodings.properties()) {
            Coding coding = Coding.fromToken(e.getKey())
                    .filter(c -> c.token().equals(e.getKey()))
                    .orElseThrow(() -> new ManifestException(
                            manifest, where + ": unknown coding \"" + e.getKey() + "\" (br, zstd, gzip)"));
            String cw = where + " coding " + coding.token();
            if (!e.getValue().isObject()) {
                throw new ManifestException(manifest, cw + " must be a JSON object");
            }
            String vfile = text(manifest, cw, e.getValue(), "file");
            long vsize = number(manifest, cw, e.getValue(), "size");
            String vetag = text(manifest, cw, e.getValue(), "etag");
            byte[] vbytes = verifiedBytes(dir, manifest, vfile, vsize);
            checkEtag(manifest, vfile, vetag, Fingerprints.etag(Fingerprints.sha256Hex(vbytes), coding.token()));
            variants.put(coding, new Variant(vfile, vsize, vetag));
        }
        return new AssetEntry(
                logical,
                file,
                size,
                text(manifest, where, node, "contentType"),
                integrity,
                etag,
                variants,
                fingerprinted(manifest, where, node, logical, file, bytes),
                imageSize(manifest, where, node));
    }

    /** Width and height come together or not at all (a manifest from before image sizes has neither). */
    private static @Nullable ImageSize imageSize(Path manifest, String where, JsonNode node) {
        JsonNode w = node.get("width");
        JsonNode h = node.get("height");
        if (w == null && h == null) {
            return null;
        }
        if (w == null || h == null) {
            throw new ManifestException(
                    manifest,
                    where + ": \"width\" and \"height\" must both be given or both " + "be absent, but only \""
                            + (w == null ? "height" : "width") + "\" is");
        }
        checkDimension(manifest, where, "width", w);
        checkDimension(manifest, where, "height", h);
        return new ImageSize(w.intValue(), h.intValue());
    }

    /**
     * A renamed file must carry its own content hash; a kept name is fingerprinted only when the manifest says so
     * (the bundler listed it), and a manifest without the field, from an earlier version, is read as not hashed.
     */
    private static boolean fingerprinted(
            Path manifest, String where, JsonNode node, String logical, String file, byte[] bytes) {
        JsonNode v = node.get("fingerprinted");
        if (v != null && !v.isBoolean()) {
            throw new ManifestException(manifest, where + ": \"fingerprinted\" must be true or false, but was " + v);
        }
        if (file.equals(logical)) {
            return v != null && v.booleanValue();
        }
        if (!file.equals(Fingerprints.fingerprintedName(logical, Fingerprints.sha256Hex(bytes)))) {
            throw new ManifestException(manifest, file + ": renamed, but the name does not carry its content hash");
        }
        return true;
    }

    private static void checkDimension(Path manifest, String where, String field, JsonNode v) {
        if (!v.isInt() || v.intValue() < 1) {
            throw new ManifestException(
                    manifest, where + ": \"" + field + "\" must be a positive integer, but was " + v);
        }
    }

    private static byte[] verifiedBytes(Path dir, Path manifest, String file, long size) {
        checkPath(manifest, "file \"" + file + "\"", file);
        Path path;
        try {
            path = SafePaths.resolveInside(dir, file);
        } catch (IOException e) {
            throw new ManifestException(manifest, file + ": listed but cannot be read (" + e + ")", e);
        } catch (IllegalArgumentException e) {
            throw new ManifestException(manifest, file + ": " + e.getMessage(), e);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ManifestException(manifest, file + ": listed but cannot be read (" + e + ")", e);
        }
        if (bytes.length != size) {
            throw new ManifestException(manifest, file + ": size " + bytes.length + " but manifest says " + size);
        }
        return bytes;
    }

    private static void checkPath(Path manifest, String where, String path) {
        if (!SafePaths.isSafeRelative(path)) {
            throw new ManifestException(manifest, where + ": not a safe relative path");
        }
    }

    private static void checkEtag(Path manifest, String file, String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new ManifestException(manifest, file + ": content does not match etag " + actual);
        }
    }

    private static String text(Path manifest, String where, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new ManifestException(manifest, where + ": \"" + field + "\" must be a string, but was " + v);
        }
        return v.textValue();
    }

    private static long number(Path manifest, String where, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.longValue() < 0) {
            throw new ManifestException(
                    manifest, where + ": \"" + field + "\" must be a non-negative integer, but was " + v);
        }
        return v.longValue();
    }
}
