package dev.perfkit.assets;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.perfkit.assets.internal.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Writes {@code perfkit-manifest.json} atomically (temporary file, then move), so a server never reads half of it,
 * with the umask's mode like every other output file.
 */
final class ManifestWriter {
    private ManifestWriter() {}

    /** Thread-safe and costly to build: one for every write. Pretty-printed, as the tree it replaced was. */
    private static final ObjectWriter PRETTY = new ObjectMapper().writerWithDefaultPrettyPrinter();

    static void write(AssetManifest manifest) throws IOException {
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream(256 + 320 * manifest.entries().size());
        // Streamed, not built as a tree first: the manifest is written on the one thread that ends a build.
        try (JsonGenerator g = PRETTY.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeNumberField("version", ManifestReader.FORMAT_VERSION);
            String cdnBase = manifest.cdnBase().orElse(null);
            if (cdnBase != null) {
                g.writeStringField("cdnBase", cdnBase);
            }
            g.writeObjectFieldStart("assets");
            for (AssetEntry e : manifest.entries()) {
                g.writeObjectFieldStart(e.logicalPath());
                g.writeStringField("file", e.file());
                g.writeNumberField("size", e.size());
                g.writeStringField("contentType", e.contentType());
                g.writeStringField("integrity", e.integrity());
                g.writeStringField("etag", e.etag());
                g.writeBooleanField("fingerprinted", e.fingerprinted());
                ImageSize image = e.imageSize();
                if (image != null) {
                    g.writeNumberField("width", image.width());
                    g.writeNumberField("height", image.height());
                }
                g.writeObjectFieldStart("encodings");
                for (Map.Entry<Coding, Variant> v : e.variants().entrySet()) {
                    g.writeObjectFieldStart(v.getKey().token());
                    g.writeStringField("file", v.getValue().file());
                    g.writeNumberField("size", v.getValue().size());
                    g.writeStringField("etag", v.getValue().etag());
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        AtomicFiles.write(manifest.directory().resolve(AssetManifest.FILE_NAME), bytes.toByteArray());
    }
}
