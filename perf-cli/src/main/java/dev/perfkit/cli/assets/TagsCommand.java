package dev.perfkit.cli.assets;

import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.ManifestException;
import dev.perfkit.assets.frontend.PageTags;
import dev.perfkit.assets.frontend.Tag;
import dev.perfkit.assets.frontend.ViteManifest;
import dev.perfkit.assets.frontend.ViteManifestException;
import dev.perfkit.assets.frontend.ViteTags;
import dev.perfkit.cli.CliException;
import dev.perfkit.cli.Exit;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code perfkit assets tags}: the tags a page needs for its Vite entries, one per line in the order the page must
 * have them, for scripts and non-JVM templates. Exit 0; 2 with one line on stderr for a missing or malformed file
 * or an unknown entry (naming it and listing the known ones).
 */
@Command(
        name = "tags",
        description = "Print the <link>/<script> tags of Vite entries (stylesheets, module scripts, modulepreload for"
                + " static imports), one per line in page order.")
public final class TagsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Option(
            names = "--vite-manifest",
            required = true,
            paramLabel = "FILE",
            description = "The build's .vite/manifest.json.")
    private Path viteManifest = Path.of("");

    @Option(
            names = "--entry",
            required = true,
            paramLabel = "NAME",
            description = "An entry of the manifest, for example src/main.js; repeat for several entries of one page.")
    private List<String> entries = new ArrayList<>();

    @Option(
            names = "--assets-manifest",
            paramLabel = "FILE",
            description = "perf-assets' perfkit-manifest.json for the same files: adds integrity and the CDN base.")
    private @Nullable Path assetsManifest;

    @Option(names = "--base", paramLabel = "URL", description = "Where the output folder is served (default /).")
    private @Nullable String base;

    @Option(names = "--nonce", paramLabel = "NONCE", description = "A CSP nonce to put on every tag.")
    private @Nullable String nonce;

    @Option(names = "--link-header", description = "Print the tags as one Link header value instead.")
    private boolean linkHeader;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            ViteTags.Builder builder = ViteTags.builder(ViteManifest.read(viteManifest));
            if (base != null) {
                builder.base(base);
            }
            Path assets = assetsManifest;
            if (assets != null) {
                Path file =
                        Files.isDirectory(assets) ? assets.resolve(AssetManifest.FILE_NAME) : assets.toAbsolutePath();
                Path dir = file.getParent();
                if (dir == null || !Files.isRegularFile(file)) {
                    throw new CliException(Exit.BAD_INPUT, "no perf-assets manifest at --assets-manifest " + assets);
                }
                builder.assets(AssetManifest.load(dir));
            }
            PageTags tags = builder.build().page(entries, nonce);
            if (linkHeader) {
                out.println(tags.linkHeader());
            } else {
                for (Tag tag : tags.tags()) {
                    out.println(tag.html());
                }
            }
            out.flush();
            return Exit.OK;
        } catch (ViteManifestException | ManifestException | IllegalArgumentException e) {
            throw new CliException(Exit.BAD_INPUT, String.valueOf(e.getMessage()), e);
        }
    }
}
