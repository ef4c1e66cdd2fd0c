package dev.perfkit.cache.http.servlet;

import dev.perfkit.cache.http.HttpHeader;
import dev.perfkit.cache.http.internal.HttpDates;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The request as a revalidation shows it to the handler: the client's conditionals removed, the cache's set. */
final class HeaderOverrides extends HttpServletRequestWrapper {
    private final List<HttpHeader> set;
    private final Set<String> hidden = new java.util.HashSet<>();

    HeaderOverrides(HttpServletRequest request, List<HttpHeader> set, List<String> removed) {
        super(request);
        this.set = set;
        for (String r : removed) {
            hidden.add(r.toLowerCase(Locale.ROOT));
        }
        for (HttpHeader h : set) {
            hidden.add(h.name().toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public @Nullable String getHeader(String name) {
        if (!hidden.contains(name.toLowerCase(Locale.ROOT))) {
            return super.getHeader(name);
        }
        for (HttpHeader h : set) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (!hidden.contains(name.toLowerCase(Locale.ROOT))) {
            return super.getHeaders(name);
        }
        List<String> values = new ArrayList<>();
        for (HttpHeader h : set) {
            if (h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        }
        return Collections.enumeration(values);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
            String n = e.nextElement();
            if (!hidden.contains(n.toLowerCase(Locale.ROOT))) {
                names.add(n);
            }
        }
        for (HttpHeader h : set) {
            names.add(h.name());
        }
        return Collections.enumeration(names);
    }

    @Override
    public long getDateHeader(String name) {
        if (!hidden.contains(name.toLowerCase(Locale.ROOT))) {
            return super.getDateHeader(name);
        }
        String v = getHeader(name);
        if (v == null) {
            return -1;
        }
        Instant at = HttpDates.parse(v);
        if (at == null) {
            throw new IllegalArgumentException("not an HTTP date: " + v);
        }
        return at.toEpochMilli();
    }

    @Override
    public int getIntHeader(String name) {
        if (!hidden.contains(name.toLowerCase(Locale.ROOT))) {
            return super.getIntHeader(name);
        }
        String v = getHeader(name);
        return v == null ? -1 : Integer.parseInt(v);
    }
}
