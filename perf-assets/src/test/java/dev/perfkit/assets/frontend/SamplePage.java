package dev.perfkit.assets.frontend;

import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.AssetPipeline;
import dev.perfkit.assets.AssetUrls;
import dev.perfkit.assets.servlet.AssetServlet;
import dev.perfkit.assets.servlet.LazyLoadingFilter;
import dev.perfkit.testsupport.JettyServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import javax.imageio.ImageIO;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The committed Vite sample build plus generated photos, run through the perf-assets pipeline and served on Jetty:
 * /page renders the main entry's tags (ViteTags, with SRI and a CSP nonce), two photos above the fold and
 * {@link #BELOW} below it, through LazyLoadingFilter with the manifest's image sizes; /assets/* is the AssetServlet.
 * Every asset request is logged, with the markers a browser script sets at /phase/NAME between its steps.
 */
final class SamplePage implements AutoCloseable {
    static final int ABOVE = 2;
    static final int BELOW = 28;
    static final String VENDOR_JS = "js/vendor.js";
    static final String SITE_CSS = "css/site.css";
    static final String NONCE = "cGVyZmtpdC10ZXN0LW5vbmNl";

    final Path input;
    final AssetManifest manifest;
    final PageTags tags;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final JettyServer server;

    SamplePage(Path work) throws IOException, URISyntaxException {
        Path dist = Path.of(SamplePage.class
                        .getResource("/vite-sample/dist/.vite/manifest.json")
                        .toURI())
                .getParent()
                .getParent();
        Path in = work.resolve("in");
        input = in;
        copy(dist, in);
        Files.createDirectories(in.resolve("img"));
        Files.createDirectories(in.resolve("js"));
        Files.createDirectories(in.resolve("css"));
        Files.writeString(in.resolve(VENDOR_JS), vendorJs(160_000));
        Files.writeString(in.resolve(SITE_CSS), siteCss(40_000));
        for (int i = 0; i < ABOVE + BELOW; i++) {
            Files.write(in.resolve(photo(i)), jpeg(i));
        }
        manifest = AssetPipeline.builder()
                .input(in)
                .output(work.resolve("out"))
                .build()
                .run()
                .manifest();
        tags = ViteTags.builder(ViteManifest.read(in.resolve(".vite/manifest.json")))
                .base("/assets")
                .assets(manifest)
                .build()
                .page(List.of("src/main.js"), NONCE);
        String html = html();
        AssetServlet assets = AssetServlet.of(manifest);
        Filter logging = (req, resp, chain) -> {
            log.add(((HttpServletRequest) req).getRequestURI());
            chain.doFilter(req, resp);
        };
        server = JettyServer.servlets(context -> {
            context.addFilter(new FilterHolder(logging), "/assets/*", EnumSet.of(DispatcherType.REQUEST));
            context.addFilter(
                    new FilterHolder(new LazyLoadingFilter(manifest, "/assets")),
                    "/page",
                    EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(assets), "/assets/*");
            context.addServlet(new ServletHolder(new Page(html, true)), "/page");
            context.addServlet(new ServletHolder(new Phase(log)), "/phase/*");
        });
    }

    /** Generated, valid JavaScript standing in for a vendor bundle (the Vite sample's chunks are tiny). */
    static String vendorJs(int bytes) {
        java.util.Random random = new java.util.Random(16);
        String[] words = {"render", "state", "props", "element", "children", "update", "effect", "memo", "queue"};
        StringBuilder sb = new StringBuilder("const table = [];\n");
        for (int i = 0; sb.length() < bytes; i++) {
            String name = words[random.nextInt(words.length)] + i;
            sb.append("function ")
                    .append(name)
                    .append("(a, b) {\n  const label = \"")
                    .append(words[random.nextInt(words.length)])
                    .append(' ')
                    .append(random.nextInt(100_000))
                    .append("\";\n  return a * ")
                    .append(random.nextInt(1000))
                    .append(" + b.length + label.length;\n}\n")
                    .append("table.push(")
                    .append(name)
                    .append(");\n");
        }
        return sb.append("window.perfkitVendor = table.length;\n").toString();
    }

    /** Generated CSS, with the class that pushes the photos below the fold (no inline style under the CSP). */
    static String siteCss(int bytes) {
        java.util.Random random = new java.util.Random(17);
        StringBuilder sb = new StringBuilder(".fold { height: 9000px; }\nimg { max-width: 100%; height: auto; }\n");
        for (int i = 0; sb.length() < bytes; i++) {
            sb.append(".c")
                    .append(i)
                    .append(" { color: #")
                    .append(String.format("%06x", random.nextInt(1 << 24)))
                    .append("; margin: ")
                    .append(random.nextInt(40))
                    .append("px ")
                    .append(random.nextInt(40))
                    .append("px; }\n");
        }
        return sb.toString();
    }

    static String photo(int i) {
        return String.format("img/photo-%02d.jpg", i);
    }

    /** Asset requests logged between the marker of {@code phase} and the next marker. */
    List<String> requestsIn(String phase) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        synchronized (log) {
            for (String line : log) {
                if (line.startsWith("phase:")) {
                    in = line.equals("phase:" + phase);
                } else if (in) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    String url(String logical) {
        return AssetUrls.of(manifest, "/assets").url(logical);
    }

    private String html() {
        String head = tags.html() + "\n" + tag("link rel=\"stylesheet\" href", SITE_CSS) + "\n"
                + tag("script type=\"module\" nonce=\"" + NONCE + "\" src", VENDOR_JS) + "</script>";
        return html(head, this::url);
    }

    /** The page with {@code head}'s tags and the photos at {@code url(logical)}, without width or height. */
    static String html(String head, java.util.function.Function<String, String> url) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < ABOVE + BELOW; i++) {
            if (i == ABOVE) {
                body.append("<div class=\"fold\">the fold</div>\n");
            }
            body.append("<img class=\"")
                    .append(i < ABOVE ? "above" : "below")
                    .append("\" src=\"")
                    .append(url.apply(photo(i)))
                    .append("\" alt=\"photo ")
                    .append(i)
                    .append("\">\n");
        }
        return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>perf-assets sample</title>\n"
                + "<link rel=\"icon\" href=\"data:,\">\n" + head + "\n</head><body>\n<h1>Sample</h1>"
                + "<div id=\"app\"></div><button id=\"more\">more</button><div id=\"chart\"></div>\n" + body
                + "</body></html>\n";
    }

    /**
     * The same page served plainly, as a site without perf-assets would: Jetty's DefaultServlet over the unprocessed
     * input folder at /static (no fingerprinted names, no precompression, no Cache-Control, no SRI), the Vite
     * entry's stylesheets and script without modulepreload, and no lazy loading or image sizes.
     */
    JettyServer plain() throws IOException {
        PageTags viteTags = ViteTags.builder(ViteManifest.read(input.resolve(".vite/manifest.json")))
                .base("/static")
                .build()
                .page("src/main.js");
        PageTags noHints = new PageTags(viteTags.tags().stream()
                .filter(t -> t.kind() != Tag.Kind.MODULE_PRELOAD)
                .toList());
        String head = noHints.html() + "\n<link rel=\"stylesheet\" href=\"/static/" + SITE_CSS + "\">\n"
                + "<script type=\"module\" src=\"/static/" + VENDOR_JS + "\"></script>";
        String html = html(head, logical -> "/static/" + logical);
        return JettyServer.servlets(context -> {
            ServletHolder files = new ServletHolder("static", org.eclipse.jetty.ee10.servlet.DefaultServlet.class);
            files.setInitParameter("baseResource", input.toUri().toString());
            files.setInitParameter("pathInfoOnly", "true");
            files.setInitParameter("dirAllowed", "false");
            context.addServlet(files, "/static/*");
            context.addServlet(new ServletHolder(new Page(html, false)), "/page");
        });
    }

    private String tag(String start, String logical) {
        return "<" + start + "=\"" + url(logical) + "\" integrity=\""
                + AssetUrls.of(manifest, "/assets").integrity(logical) + "\" crossorigin>";
    }

    /** The URLs of the page's scripts and styles that have a Brotli variant, which the browser must get. */
    List<String> brotliUrls() {
        List<String> out = new ArrayList<>();
        for (var e : manifest.entries()) {
            boolean code = e.contentType().startsWith("text/javascript")
                    || e.contentType().startsWith("text/css");
            if (code && e.variants().containsKey(dev.perfkit.assets.Coding.BROTLI)) {
                out.add("/assets/" + e.file());
            }
        }
        return out;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    /** A 480x320 JPEG that differs per index. */
    static byte[] jpeg(int i) {
        BufferedImage image = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.getHSBColor(i / 30f, 0.6f, 0.9f));
        g.fillRect(0, 0, 480, 320);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 96));
        g.drawString("#" + i, 140, 200);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.close();
    }

    private static final class Page extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final String html;
        private final boolean csp;

        Page(String html, boolean csp) {
            this.html = html;
            this.csp = csp;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=utf-8");
            resp.setHeader("Cache-Control", "no-cache");
            if (csp) {
                resp.setHeader(
                        "Content-Security-Policy",
                        "default-src 'self'; script-src 'nonce-" + NONCE
                                + "' 'strict-dynamic'; style-src 'self'; style-src-attr 'none';"
                                + " img-src 'self' data:; base-uri 'none'");
            }
            resp.getWriter().write(html);
        }
    }

    private static final class Phase extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient List<String> log;

        Phase(List<String> log) {
            this.log = log;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            log.add("phase:" + String.valueOf(req.getPathInfo()).substring(1));
            resp.setContentType("text/plain");
            resp.getOutputStream().write("ok".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
