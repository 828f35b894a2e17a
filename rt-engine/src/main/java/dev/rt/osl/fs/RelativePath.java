package dev.rt.osl.fs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A requested path after the lexical checks: a list of names under the root with no {@code "."},
 * {@code ".."} or empty segment left. This is the first line of defence; {@link Sandbox} then checks the
 * real file system.
 *
 * <p>Rules, in this order:
 * <ul>
 *   <li>{@code INVALID_PATH}: empty, a NUL character, a backslash (never a separator here, and refused
 *       rather than taken literally so that a Windows-style {@code ..\..\x} cannot mean two things),
 *       invalid UTF-16, more than {@value #MAX_PATH_BYTES} UTF-8 bytes, a name over
 *       {@value #MAX_NAME_BYTES} bytes, or a name starting with the reserved {@value #RESERVED_PREFIX}.</li>
 *   <li>{@code OUTSIDE_ROOT}: an absolute path, or a {@code ..} that climbs above the root.</li>
 *   <li>Everything else is literal: {@code %2e%2e}, {@code ...}, {@code ~} or {@code C:} are plain names.</li>
 * </ul>
 * A {@code ..} that stays inside is resolved lexically ({@code a/../b} is {@code b}) before any file is
 * touched, so the operating system never sees it and cannot resolve it through a symbolic link.
 */
final class RelativePath {

    /** Longest name, in UTF-8 bytes (Linux {@code NAME_MAX}). */
    static final int MAX_NAME_BYTES = 255;
    /** Longest path, in UTF-8 bytes (Linux {@code PATH_MAX}). */
    static final int MAX_PATH_BYTES = 4096;
    /** Names the service uses for its temporary files and directories. */
    static final String RESERVED_PREFIX = ".osl-tmp-";

    /** The root itself. */
    static final RelativePath ROOT = new RelativePath(List.of());

    private final List<String> segments;
    private final String text;

    private RelativePath(List<String> segments) {
        this.segments = List.copyOf(segments);
        this.text = segments.isEmpty() ? "." : String.join("/", segments);
    }

    /**
     * @param raw the path as requested
     * @return the checked, normalised path
     * @throws FsFailure {@code INVALID_PATH} or {@code OUTSIDE_ROOT}
     */
    static RelativePath parse(String raw) throws FsFailure {
        if (raw == null || raw.isEmpty()) {
            throw new FsFailure(ErrorKind.INVALID_PATH, "the path is empty");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\0') {
                throw new FsFailure(ErrorKind.INVALID_PATH, "the path contains a NUL character");
            }
            if (c == '\\') {
                throw new FsFailure(ErrorKind.INVALID_PATH, "the path contains a backslash; use '/' as the separator");
            }
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new FsFailure(ErrorKind.INVALID_PATH, "the path is not valid Unicode (unpaired surrogate)");
            }
        }
        if (raw.charAt(0) == '/') {
            throw new FsFailure(ErrorKind.OUTSIDE_ROOT, "absolute paths are not allowed; give a path relative to the root");
        }
        if (utf8Length(raw) > MAX_PATH_BYTES) {
            throw new FsFailure(ErrorKind.INVALID_PATH, "the path is longer than " + MAX_PATH_BYTES + " bytes");
        }
        List<String> out = new ArrayList<>();
        for (String segment : raw.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (out.isEmpty()) {
                    throw new FsFailure(ErrorKind.OUTSIDE_ROOT, "'..' climbs above the root");
                }
                out.remove(out.size() - 1);
                continue;
            }
            if (utf8Length(segment) > MAX_NAME_BYTES) {
                throw new FsFailure(ErrorKind.INVALID_PATH, "a name in the path is longer than " + MAX_NAME_BYTES
                        + " bytes");
            }
            if (segment.startsWith(RESERVED_PREFIX)) {
                throw new FsFailure(ErrorKind.INVALID_PATH, "names starting with '" + RESERVED_PREFIX
                        + "' are reserved");
            }
            out.add(segment);
        }
        return out.isEmpty() ? ROOT : new RelativePath(out);
    }

    /**
     * The key requests are routed by: the normalised path, or the raw string when it does not parse (the
     * worker then refuses it).
     *
     * @param raw the requested path
     * @return the routing key
     */
    static String routingKey(String raw) {
        try {
            return parse(raw).toString();
        } catch (FsFailure e) {
            return raw == null ? "" : raw;
        }
    }

    static RelativePath of(List<String> segments) {
        return segments.isEmpty() ? ROOT : new RelativePath(segments);
    }

    private static int utf8Length(String s) {
        int ascii = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
            ascii++;
        }
        return ascii;
    }

    List<String> segments() {
        return segments;
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    int depth() {
        return segments.size();
    }

    /** @return the last name, or {@code "."} for the root */
    String name() {
        return segments.isEmpty() ? "." : segments.get(segments.size() - 1);
    }

    /** @return the parent; the root's parent is the root */
    RelativePath parent() {
        return segments.isEmpty() ? this : of(segments.subList(0, segments.size() - 1));
    }

    /** @return this path with one more name (not checked: names come from checked paths or the file system) */
    RelativePath child(String childName) {
        List<String> names = new ArrayList<>(segments);
        names.add(childName);
        return new RelativePath(names);
    }

    /** @return the first {@code count} names */
    RelativePath prefix(int count) {
        return of(segments.subList(0, count));
    }

    /** @return whether {@code other} is this path or below it */
    boolean contains(RelativePath other) {
        return other.segments.size() >= segments.size() && other.segments.subList(0, segments.size()).equals(segments);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelativePath p && segments.equals(p.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    /** @return the path with {@code /} separators, {@code "."} for the root */
    @Override
    public String toString() {
        return text;
    }
}
