package dev.perfkit.assets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.assets.internal.AtomicFiles;
import java.io.IOException;
import java.util.Map;

/**
 * Writes {@code perfkit-manifest.json} atomically (temporary file, then move), so a server never reads half of it,
 * with the umask's mode like every other output file.
 */
final class ManifestWriter {
    private ManifestWriter() {}

    static void write(AssetManifest manifest) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("version", ManifestReader.FORMAT_VERSION);
        manifest.cdnBase().ifPresent(cdn -> root.put("cdnBase", cdn));
        ObjectNode assets = root.putObject("assets");
        for (AssetEntry e : manifest.entries()) {
            ObjectNode node = assets.putObject(e.logicalPath());
            node.put("file", e.file());
            node.put("size", e.size());
            node.put("contentType", e.contentType());
            node.put("integrity", e.integrity());
            node.put("etag", e.etag());
            node.put("fingerprinted", e.fingerprinted());
            ImageSize image = e.imageSize();
            if (image != null) {
                node.put("width", image.width());
                node.put("height", image.height());
            }
            ObjectNode encodings = node.putObject("encodings");
            for (Map.Entry<Coding, Variant> v : e.variants().entrySet()) {
                ObjectNode vn = encodings.putObject(v.getKey().token());
                vn.put("file", v.getValue().file());
                vn.put("size", v.getValue().size());
                vn.put("etag", v.getValue().etag());
            }
        }
        AtomicFiles.write(
                manifest.directory().resolve(AssetManifest.FILE_NAME),
                mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
