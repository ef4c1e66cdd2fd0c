package dev.perfkit.assets.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which input names already carry a content hash, so they keep their name and may be cached for a year: those a
 * bundler's manifest lists, and those a configured pattern matches. Nothing is guessed from the characters of a
 * name ({@code hero-1920x1080.jpg} looks hashed and is not).
 */
public final class HashedNames {
    /** Listed paths exactly as listed. */
    private final Set<String> listed;
    /** Listed paths and each of them without leading folders. */
    private final Set<String> listedTails;

    private final List<Pattern> patterns;

    /**
     * Names listed by bundler manifests, and patterns over logical paths. A listed path matches an input whose
     * logical path equals it, or equals it without leading folders (esbuild's {@code dist/app-X.js} for an input
     * folder that is {@code dist}), or ends with it (webpack's {@code app-X.js} for {@code js/app-X.js}).
     */
    public HashedNames(Set<String> listedPaths, List<Pattern> patterns) {
        this.listed = Set.copyOf(listedPaths);
        Set<String> tails = new HashSet<>(listedPaths);
        for (String path : listedPaths) {
            tails.addAll(tails(path));
        }
        this.listedTails = Set.copyOf(tails);
        this.patterns = List.copyOf(patterns);
    }

    /** Whether the input at this logical path is named with a content hash by its bundler or by configuration. */
    public boolean hashed(String logicalPath) {
        if (listedTails.contains(logicalPath)) {
            return true;
        }
        for (String tail : tails(logicalPath)) {
            if (listed.contains(tail)) {
                return true;
            }
        }
        for (Pattern p : patterns) {
            if (p.matcher(logicalPath).matches()) {
                return true;
            }
        }
        return false;
    }

    /** {@code a/b/c.js} gives {@code b/c.js} and {@code c.js}. */
    private static List<String> tails(String path) {
        List<String> out = new ArrayList<>();
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            out.add(path.substring(i + 1));
        }
        return out;
    }
}
