package dev.perfkit.assets.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestPathTest {
    @Test
    void plainAndEncodedNamesDecode() {
        assertThat(RequestPath.key("/css/app-1234567890.css")).isEqualTo("css/app-1234567890.css");
        assertThat(RequestPath.key("/my%20file.js")).isEqualTo("my file.js");
    }

    @Test
    void traversalInEveryFormIsRefused() {
        for (String raw : new String[] {
            "/../etc/passwd",
            "/css/../../x",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc",
            "/css%2fapp.css",
            "/css%5capp.css",
            "/..%5c..%5cwin.ini",
            "/a%00.js",
            "//etc/passwd",
            "/",
            "",
            "/./app.js",
            "/C:%5cwindows",
            "/%",
            "/%zz",
            "/%c0%ae%c0%ae/x",
            "/a\\b"
        }) {
            assertThat(RequestPath.key(raw)).as(raw).isNull();
        }
    }
}
