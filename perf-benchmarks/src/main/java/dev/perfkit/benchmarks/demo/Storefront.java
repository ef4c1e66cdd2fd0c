package dev.perfkit.benchmarks.demo;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;

/**
 * The storefront's static files, generated the same way on every run (the same bytes, so the fingerprints are
 * stable): three JavaScript chunks, a stylesheet that references a font and a hero image, the font, and 24
 * product images. Also renders the server-side page that references them.
 */
final class Storefront {
    static final int IMAGES = 24;
    static final List<String> SCRIPTS = List.of("js/vendor.js", "js/app.js", "js/product-list.js");
    static final String STYLES = "css/shop.css";

    private Storefront() {}

    /** Writes the files under {@code dir} unless they are there already. */
    static void write(Path dir) {
        try {
            if (Files.exists(dir.resolve(".complete"))) {
                return;
            }
            Files.createDirectories(dir.resolve("js"));
            Files.createDirectories(dir.resolve("css"));
            Files.createDirectories(dir.resolve("img"));
            Files.createDirectories(dir.resolve("fonts"));
            Files.writeString(dir.resolve("js/vendor.js"), script("vendor", 2_400));
            Files.writeString(dir.resolve("js/app.js"), script("app", 700));
            Files.writeString(dir.resolve("js/product-list.js"), script("list", 300));
            Files.writeString(dir.resolve(STYLES), styles());
            SplittableRandom random = new SplittableRandom(7);
            byte[] font = new byte[36_000];
            for (int i = 0; i < font.length; i++) {
                font[i] = (byte) random.nextInt(256); // woff2 is already compressed: random bytes behave the same
            }
            Files.write(dir.resolve("fonts/shop.woff2"), font);
            image(dir.resolve("img/hero.png"), 640, 240, 0);
            for (int i = 1; i <= IMAGES; i++) {
                image(dir.resolve(String.format(Locale.ROOT, "img/product-%02d.png", i)), 160, 160, i);
            }
            Files.writeString(dir.resolve(".complete"), "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the storefront's files to " + dir, e);
        }
    }

    private static String script(String module, int functions) {
        StringBuilder js = new StringBuilder("// ")
                .append(module)
                .append(".js: the shop's ")
                .append(module)
                .append(" chunk\n");
        for (int i = 0; i < functions; i++) {
            js.append("export function ")
                    .append(module)
                    .append("Render")
                    .append(i)
                    .append("(el, data) {\n")
                    .append("  const items = data.items.filter((x) => x.priceCents > ")
                    .append(i * 7)
                    .append(");\n")
                    .append("  el.innerHTML = items.map((x) => '<li class=\"item item-")
                    .append(i % 17)
                    .append("\">' + x.name + ' <b>' + (x.priceCents / 100).toFixed(2) + '</b></li>').join('');\n")
                    .append("  return items.length;\n}\n");
        }
        return js.toString();
    }

    private static String styles() {
        StringBuilder css = new StringBuilder();
        css.append("@font-face { font-family: shop; src: url(../fonts/shop.woff2) format('woff2'); }\n")
                .append("body { font-family: shop, sans-serif; margin: 0; }\n")
                .append(".hero { background: url(../img/hero.png) center / cover; height: 240px; }\n");
        for (int i = 0; i < 900; i++) {
            css.append(".item-")
                    .append(i)
                    .append(" { padding: ")
                    .append(i % 9)
                    .append("px; color: #")
                    .append(String.format(Locale.ROOT, "%06x", (i * 2654435761L) & 0xffffff))
                    .append("; border-bottom: 1px solid #eee; }\n");
        }
        return css.toString();
    }

    private static void image(Path file, int width, int height, int seed) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(
                0, 0, new Color(seed * 40 % 256, 90, 160), width, height, new Color(240, seed * 70 % 256, 80)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        SplittableRandom random = new SplittableRandom(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x += 1 + random.nextInt(3)) {
                int rgb = image.getRGB(x, y);
                image.setRGB(x, y, rgb ^ random.nextInt(0x0f0f0f));
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /** The storefront page for a category; {@code url} maps a logical asset path to the URL the page uses. */
    static byte[] page(String category, List<Product> products, UnaryOperator<String> url) {
        StringBuilder html = new StringBuilder(8_192);
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Shop: ")
                .append(category)
                .append("</title>\n<link rel=\"stylesheet\" href=\"")
                .append(url.apply(STYLES))
                .append("\">\n");
        for (String script : SCRIPTS) {
            html.append("<script type=\"module\" src=\"")
                    .append(url.apply(script))
                    .append("\"></script>\n");
        }
        html.append("</head><body><div class=\"hero\"></div><h1>")
                .append(category)
                .append("</h1><ul>\n");
        int i = 0;
        for (Product p : products) {
            i++;
            html.append("<li class=\"item item-")
                    .append(i)
                    .append("\"><img src=\"")
                    .append(url.apply(String.format(Locale.ROOT, "img/product-%02d.png", i)))
                    .append("\" width=\"160\" height=\"160\" alt=\"\"><a href=\"/api/products/")
                    .append(p.id())
                    .append("\">")
                    .append(p.name())
                    .append("</a> ")
                    .append(String.format(Locale.ROOT, "%.2f", p.priceCents() / 100.0))
                    .append("</li>\n");
        }
        html.append("</ul></body></html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }
}
