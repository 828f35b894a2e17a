package dev.rt.osl.fs;

import java.util.regex.Pattern;

/**
 * A path glob, matched against the whole normalised path relative to the root ({@code "."} is the root).
 *
 * <ul>
 *   <li>{@code *} matches any characters within one name (not {@code /});</li>
 *   <li>{@code ?} matches one character within a name;</li>
 *   <li>{@code **} matches any characters across names; {@code **}{@code /} at the start or after a
 *       {@code /} also matches no directory at all ({@code **}{@code /*.txt} matches {@code a.txt}), and a
 *       trailing {@code /**} also matches the directory itself ({@code docs/**} matches {@code docs});</li>
 *   <li>everything else is literal; there are no character classes or alternatives.</li>
 * </ul>
 */
final class PathGlob {

    private final String glob;
    private final Pattern pattern;

    private PathGlob(String glob, Pattern pattern) {
        this.glob = glob;
        this.pattern = pattern;
    }

    /**
     * @param glob the glob, relative to the root
     * @return the compiled glob
     * @throws IllegalArgumentException if it is empty, absolute or contains a backslash or NUL
     */
    static PathGlob compile(String glob) {
        if (glob == null || glob.isEmpty()) {
            throw new IllegalArgumentException("a path glob must not be empty");
        }
        if (glob.startsWith("/")) {
            throw new IllegalArgumentException("a path glob is relative to the root: " + glob);
        }
        if (glob.indexOf('\\') >= 0 || glob.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a path glob must not contain a backslash or NUL: " + glob);
        }
        boolean andBelow = glob.length() > 3 && glob.endsWith("/**");
        String body = andBelow ? glob.substring(0, glob.length() - 3) : glob;
        StringBuilder regex = new StringBuilder();
        int i = 0;
        int n = body.length();
        while (i < n) {
            char c = body.charAt(i);
            if (c == '*' && i + 1 < n && body.charAt(i + 1) == '*') {
                boolean segmentStart = i == 0 || body.charAt(i - 1) == '/';
                if (segmentStart && i + 2 < n && body.charAt(i + 2) == '/') {
                    regex.append("(?:.*/)?");
                    i += 3;
                } else {
                    regex.append(".*");
                    i += 2;
                }
            } else if (c == '*') {
                regex.append("[^/]*");
                i++;
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else {
                int end = i;
                while (end < n && body.charAt(end) != '*' && body.charAt(end) != '?') {
                    end++;
                }
                regex.append(Pattern.quote(body.substring(i, end)));
                i = end;
            }
        }
        if (andBelow) {
            regex.append("(?:/.*)?");
        }
        return new PathGlob(glob, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    /**
     * @param relativePath a normalised path ({@code "."} for the root)
     * @return whether the glob matches the whole path
     */
    boolean matches(String relativePath) {
        return pattern.matcher(relativePath).matches();
    }

    @Override
    public String toString() {
        return glob;
    }
}
