package dev.perfkit.assets.servlet;

import java.util.List;

/**
 * What one URL answers with: content type, Cache-Control, whether it varies by coding, its representations in server
 * preference order (br, zstd, gzip, identity) and its Last-Modified time (whole seconds, epoch milliseconds).
 */
record ServedAsset(
        String contentType,
        String cacheControl,
        boolean varies,
        List<Representation> representations,
        long lastModified) {
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
}
