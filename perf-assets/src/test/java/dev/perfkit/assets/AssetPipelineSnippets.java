package dev.perfkit.assets;

import dev.perfkit.assets.servlet.AssetServlet;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The usage examples of {@link AssetPipeline}'s Javadoc and of the README, compiled and run by
 * {@code AssetPipelineSnippetsTest}. Each region is copied into the README with the imports it needs.
 */
final class AssetPipelineSnippets {
    private AssetPipelineSnippets() {}

    /** Build time: process a folder (paths are parameters here so the test can run it). */
    static PipelineResult basic(Path input, Path output) {
        // @start region="basic"
        PipelineResult result = AssetPipeline.builder()
                .input(input) // for example Path.of("src/main/assets")
                .output(output) // for example Path.of("target/assets")
                .build()
                .run();
        result.warnings().forEach(System.err::println); // references to files that are not in the input
        // @end
        return result;
    }

    /** A bundler's output: keep the names its manifest lists, fingerprint the rest. */
    static PipelineResult bundler(Path dist, Path webpackManifest, Path output) {
        // @start region="bundler"
        PipelineResult result = AssetPipeline.builder()
                .input(dist) // a Vite build's dist/: its .vite/manifest.json is read without being named
                .output(output)
                .bundlerManifest(webpackManifest) // a webpack manifest.json or an esbuild metafile
                .hashedNames("static/.*\\.[0-9a-f]{8}\\.(js|css)") // names you know are hashed
                .failOnMissingReferences(true) // a url() to a file that is not there fails the build
                .build()
                .run();
        // @end
        return result;
    }

    /** Run time: serve the processed folder and render its URLs. */
    static String[] serve(Path output, ServletContextHandler context) {
        // @start region="serve"
        AssetManifest manifest = AssetManifest.load(output); // verifies every listed file
        context.addServlet(new ServletHolder(AssetServlet.of(manifest)), "/assets/*");
        AssetUrls urls = AssetUrls.of(manifest, "/assets");
        String src = urls.url("app.js"); // "/assets/app-3f2a1b9c0d.js", cached for a year
        String integrity = urls.integrity("app.js"); // "sha384-..."
        // @end
        return new String[] {src, integrity};
    }
}
