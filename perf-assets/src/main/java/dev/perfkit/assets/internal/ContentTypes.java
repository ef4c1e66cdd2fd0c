package dev.perfkit.assets.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Content types by file extension, and whether a type is worth precompressing. */
public final class ContentTypes {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("js", "text/javascript"),
            Map.entry("mjs", "text/javascript"),
            Map.entry("cjs", "text/javascript"),
            Map.entry("css", "text/css"),
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("xml", "application/xml"),
            Map.entry("txt", "text/plain"),
            Map.entry("csv", "text/csv"),
            Map.entry("md", "text/markdown"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            Map.entry("eot", "application/vnd.ms-fontobject"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("bmp", "image/bmp"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"),
            Map.entry("br", "application/x-brotli"),
            Map.entry("zst", "application/zstd"),
            Map.entry("tgz", "application/gzip"),
            Map.entry("7z", "application/x-7z-compressed"));

    /** Types that are already compressed or compress poorly; {@code image/svg+xml} is text and not listed. */
    private static final Set<String> INCOMPRESSIBLE = Set.of(
            "font/woff",
            "font/woff2",
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "image/avif",
            "video/mp4",
            "video/webm",
            "audio/mpeg",
            "audio/ogg",
            "application/pdf",
            "application/zip",
            "application/gzip",
            "application/x-brotli",
            "application/zstd",
            "application/x-7z-compressed");

    private ContentTypes() {}

    /** The media type of a file name, with {@code ; charset=utf-8} for text; octet-stream when unknown. */
    public static String of(String fileName) {
        String type = TYPES.getOrDefault(extension(fileName), "application/octet-stream");
        return isText(type) ? type + "; charset=utf-8" : type;
    }

    /** Whether precompressing a file of this media type (with or without parameters) can pay off. */
    public static boolean compressible(String contentType) {
        String bare = contentType.split(";", 2)[0].trim();
        return !INCOMPRESSIBLE.contains(bare) && !bare.equals("application/octet-stream");
    }

    static boolean isText(String type) {
        return type.startsWith("text/")
                || type.equals("application/json")
                || type.equals("application/manifest+json")
                || type.equals("application/xml")
                || type.equals("image/svg+xml");
    }

    /** The lower-case extension of a file name without the dot, or "" when there is none. */
    public static String extension(String fileName) {
        int slash = fileName.lastIndexOf('/');
        int dot = fileName.lastIndexOf('.');
        return dot > slash + 1 ? fileName.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }
}
