package dev.perfkit.assets.frontend;

import dev.perfkit.assets.ImageSize;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The state machine behind {@link LazyLoading}: text, a tag being read, a comment, or raw text. */
final class LazyHtmlWriter extends Writer {
    private enum State {
        TEXT,
        /** Just read '<': a tag, a comment, an end tag or plain text. */
        TAG,
        /** A tag longer than the limit: passed on until its end. */
        LONG_TAG,
        COMMENT,
        /** Inside script, style, textarea or title, until its end tag. */
        RAW
    }

    private final Writer out;
    private final int eager;
    private final ImageSizes sizes;
    private final StringBuilder tag = new StringBuilder(256);
    private State state = State.TEXT;
    private char quote;
    /** The end tag that ends RAW, lower case, for example {@code </script}. */
    private String rawEnd = "";

    private int rawMatched;
    private int commentDashes;
    private int media;

    LazyHtmlWriter(Writer out, int eager, ImageSizes sizes) {
        this.out = out;
        this.eager = eager;
        this.sizes = sizes;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write1(buf[i]);
        }
    }

    @Override
    public void write(int c) throws IOException {
        write1((char) c);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write1(s.charAt(i));
        }
    }

    private void write1(char c) throws IOException {
        switch (state) {
            case TEXT -> {
                if (c == '<') {
                    tag.setLength(0);
                    tag.append(c);
                    quote = 0;
                    state = State.TAG;
                } else {
                    out.write(c);
                }
            }
            case TAG -> inTag(c);
            case LONG_TAG -> {
                out.write(c);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '>') {
                    state = State.TEXT;
                }
            }
            case COMMENT -> {
                out.write(c);
                if (c == '-') {
                    commentDashes++;
                } else {
                    if (c == '>' && commentDashes >= 2) {
                        state = State.TEXT;
                    }
                    commentDashes = 0;
                }
            }
            case RAW -> {
                out.write(c);
                char lower = Character.toLowerCase(c);
                if (rawMatched == rawEnd.length()) {
                    // "</script" seen: it ends the raw text only if a delimiter follows ("</scripts" does not)
                    if (c == '>') {
                        state = State.TEXT;
                    } else if (Character.isWhitespace(c) || c == '/') {
                        state = State.TAG; // the rest of the end tag, written as it comes
                        skipWrite = true;
                    }
                    rawMatched = lower == rawEnd.charAt(0) ? 1 : 0;
                } else if (lower == rawEnd.charAt(rawMatched)) {
                    rawMatched++;
                } else {
                    rawMatched = lower == rawEnd.charAt(0) ? 1 : 0;
                }
            }
        }
    }

    /** The end tag of a RAW section was already written as it came; its rest is written as it comes too. */
    private boolean skipWrite;

    private void inTag(char c) throws IOException {
        if (skipWrite) {
            out.write(c);
            if (c == '>') {
                skipWrite = false;
                state = State.TEXT;
            }
            return;
        }
        tag.append(c);
        if (tag.length() == 2 && !(Character.isLetter(c) || c == '/' || c == '!' || c == '?')) {
            out.append(tag); // "a < b" in text
            state = State.TEXT;
            return;
        }
        if (tag.length() == 4 && tag.toString().equals("<!--")) {
            out.append(tag);
            commentDashes = 0;
            state = State.COMMENT;
            return;
        }
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
            }
        } else if ((c == '"' || c == '\'') && insideAttributes()) {
            quote = c;
        } else if (c == '>') {
            endOfTag();
            return;
        }
        if (tag.length() > LazyLoading.MAX_TAG) {
            out.append(tag);
            state = State.LONG_TAG;
        }
    }

    /** Quotes count only after the tag name (a '<' followed by a quote is text). */
    private boolean insideAttributes() {
        return tag.length() > 2;
    }

    private void endOfTag() throws IOException {
        String name = name();
        state = State.TEXT;
        if (name.equals("img") || name.equals("iframe")) {
            out.write(rewrite(tag.toString(), name.equals("img"), media++));
            return;
        }
        out.append(tag);
        if ((name.equals("script") || name.equals("style") || name.equals("textarea") || name.equals("title"))
                && !selfClosing()) {
            rawEnd = "</" + name;
            rawMatched = 0;
            state = State.RAW;
        }
    }

    /** The tag's name in lower case, "" for end tags, declarations and the like. */
    private String name() {
        int end = 1;
        while (end < tag.length() && Character.isLetterOrDigit(tag.charAt(end))) {
            end++;
        }
        return tag.substring(1, end).toLowerCase(Locale.ROOT);
    }

    private boolean selfClosing() {
        return tag.length() >= 2 && tag.charAt(tag.length() - 2) == '/';
    }

    private String rewrite(String element, boolean image, int index) {
        Attributes a = Attributes.of(element);
        StringBuilder add = new StringBuilder();
        if (image && !a.has("width") && !a.has("height")) {
            ImageSize size = sizes.find(a.value("src"));
            if (size != null) {
                add.append(" width=\"")
                        .append(size.width())
                        .append("\" height=\"")
                        .append(size.height())
                        .append('"');
            }
        }
        if (!a.has("loading") && !a.has("fetchpriority")) {
            if (index < eager) {
                if (image && index == 0) {
                    add.append(" fetchpriority=\"high\"");
                }
            } else {
                add.append(" loading=\"lazy\"");
                if (image && !a.has("decoding")) {
                    add.append(" decoding=\"async\"");
                }
            }
        }
        if (add.length() == 0) {
            return element;
        }
        int end = element.length() - 1; // the '>'
        if (element.charAt(end - 1) == '/') {
            end--;
        }
        return element.substring(0, end) + add + element.substring(end);
    }

    /** The attributes of one tag, read with quotes respected; the first of duplicates counts, as in HTML. */
    private record Attributes(Map<String, String> values) {
        static Attributes of(String tag) {
            Map<String, String> values = new HashMap<>();
            int i = 1;
            while (i < tag.length() && Character.isLetterOrDigit(tag.charAt(i))) {
                i++;
            }
            int n = tag.length() - 1;
            while (i < n) {
                char c = tag.charAt(i);
                if (Character.isWhitespace(c) || c == '/') {
                    i++;
                    continue;
                }
                int start = i;
                while (i < n
                        && !Character.isWhitespace(tag.charAt(i))
                        && tag.charAt(i) != '='
                        && tag.charAt(i) != '/') {
                    i++;
                }
                String name = tag.substring(start, i).toLowerCase(Locale.ROOT);
                String value = "";
                while (i < n && Character.isWhitespace(tag.charAt(i))) {
                    i++;
                }
                if (i < n && tag.charAt(i) == '=') {
                    i++;
                    while (i < n && Character.isWhitespace(tag.charAt(i))) {
                        i++;
                    }
                    int from;
                    if (i < n && (tag.charAt(i) == '"' || tag.charAt(i) == '\'')) {
                        char q = tag.charAt(i++);
                        from = i;
                        while (i < n && tag.charAt(i) != q) {
                            i++;
                        }
                        value = tag.substring(from, i);
                        i++;
                    } else {
                        from = i;
                        while (i < n && !Character.isWhitespace(tag.charAt(i))) {
                            i++;
                        }
                        value = tag.substring(from, i);
                    }
                }
                values.putIfAbsent(name, value);
            }
            return new Attributes(values);
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        @Nullable
        String value(String name) {
            return values.get(name);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Writes what is held (an unterminated tag is passed on as it is) and closes {@code out}. */
    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }

    /** Writes out an unterminated tag held in memory. */
    void finish() throws IOException {
        if (state == State.TAG && !skipWrite) {
            out.append(tag);
            tag.setLength(0);
            state = State.TEXT;
        }
    }
}
