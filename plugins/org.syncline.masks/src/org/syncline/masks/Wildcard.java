package org.syncline.masks;

import java.util.regex.Pattern;

/** One name pattern with {@code *} (any run of characters) and {@code ?} (one character). Immutable. */
final class Wildcard {

    private final Pattern pattern;

    Wildcard(String text, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        this.pattern = Pattern.compile(regex.toString(), flags);
    }

    boolean matches(String name) {
        return pattern.matcher(name).matches();
    }
}
