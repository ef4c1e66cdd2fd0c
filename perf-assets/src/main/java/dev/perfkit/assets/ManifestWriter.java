package dev.perfkit.assets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Writes {@code perfkit-manifest.json} atomically (temporary file, then move), so a server never reads half of it. */
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
            ObjectNode encodings = node.putObject("encodings");
            for (Map.Entry<Coding, Variant> v : e.variants().entrySet()) {
                ObjectNode vn = encodings.putObject(v.getKey().token());
                vn.put("file", v.getValue().file());
                vn.put("size", v.getValue().size());
                vn.put("etag", v.getValue().etag());
            }
        }
        Path dir = manifest.directory();
        Path tmp = Files.createTempFile(dir, AssetManifest.FILE_NAME, ".tmp");
        Files.write(tmp, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        Files.move(
                tmp,
                dir.resolve(AssetManifest.FILE_NAME),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
