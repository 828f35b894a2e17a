package dev.rt.osl.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a lexically valid path against the real file system: walks it name by name from the root
 * without following links ({@code lstat}); a symbolic link is resolved to its real path and must lead
 * inside the root, or the path is refused with {@code OUTSIDE_ROOT} (a broken link is judged by where it
 * points). The result is the canonical path, free of links at the time of the check.
 *
 * <p>This check alone could be raced (a link swapped in after it); that is why the operations then walk
 * the canonical path again through directory handles that follow no link (see {@link DirHandle}).
 */
final class Sandbox {

    private final Path root;

    /** @param realRoot the root, already a real path (no links) */
    Sandbox(Path realRoot) {
        this.root = realRoot;
    }

    Path root() {
        return root;
    }

    /**
     * @param requested the normalised path
     * @param followFinal whether a symbolic link as the last name is followed (read, write, list, stat,
     *        create) or is itself the subject (delete, move)
     * @return where it is
     * @throws FsFailure {@code OUTSIDE_ROOT}, {@code NOT_FOUND} (broken link), {@code NOT_A_DIRECTORY} (a
     *         parent is a file), {@code INVALID_PATH} (not representable), {@code IO_ERROR}
     */
    Resolved resolve(RelativePath requested, boolean followFinal) throws FsFailure {
        List<String> names = requested.segments();
        List<String> canonical = new ArrayList<>();
        Path current = root;
        BasicFileAttributes attributes = lstat(root, ".");
        if (attributes == null || !attributes.isDirectory()) {
            throw new FsFailure(ErrorKind.IO_ERROR, "the root directory of the file service is missing");
        }
        for (int i = 0; i < names.size(); i++) {
            if (!attributes.isDirectory()) {
                throw new FsFailure(ErrorKind.NOT_A_DIRECTORY, "'" + prefix(names, i) + "' is not a directory");
            }
            String name = names.get(i);
            String shown = prefix(names, i + 1);
            Path candidate = child(current, name);
            BasicFileAttributes found = lstat(candidate, shown);
            if (found == null) {
                int existing = canonical.size();
                canonical.addAll(names.subList(i, names.size()));
                return new Resolved(requested, RelativePath.of(canonical), existing, null);
            }
            if (!found.isSymbolicLink()) {
                canonical.add(name);
                current = candidate;
                attributes = found;
                continue;
            }
            boolean last = i == names.size() - 1;
            if (last && !followFinal) {
                linkTarget(candidate, shown, true);
                canonical.add(name);
                return new Resolved(requested, RelativePath.of(canonical), canonical.size(), found);
            }
            Path real = linkTarget(candidate, shown, false);
            canonical = new ArrayList<>();
            for (Path part : root.relativize(real)) {
                if (!part.toString().isEmpty()) {
                    canonical.add(part.toString());
                }
            }
            current = real;
            attributes = lstat(real, shown);
            if (attributes == null) {
                throw new FsFailure(ErrorKind.NOT_FOUND, "'" + shown + "' changed while it was checked");
            }
        }
        return new Resolved(requested, RelativePath.of(canonical), canonical.size(), attributes);
    }

    /**
     * @return the link's real target, checked to be under the root; {@code null} for a broken link inside
     *         the root when {@code allowBroken}
     */
    private Path linkTarget(Path link, String shown, boolean allowBroken) throws FsFailure {
        Path real;
        try {
            real = link.toRealPath();
        } catch (IOException e) {
            Path target;
            try {
                target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
            } catch (IOException | RuntimeException e2) {
                throw new FsFailure(ErrorKind.NOT_FOUND, "'" + shown + "' changed while it was checked");
            }
            if (!target.startsWith(root)) {
                throw outside(shown);
            }
            if (allowBroken) {
                return null;
            }
            throw new FsFailure(ErrorKind.NOT_FOUND, "'" + shown + "' is a broken symbolic link");
        }
        if (!real.startsWith(root)) {
            throw outside(shown);
        }
        return real;
    }

    private static FsFailure outside(String shown) {
        return new FsFailure(ErrorKind.OUTSIDE_ROOT, "'" + shown + "' is a symbolic link that leads outside the root");
    }

    private static Path child(Path dir, String name) throws FsFailure {
        try {
            return dir.resolve(name);
        } catch (InvalidPathException e) {
            throw new FsFailure(ErrorKind.INVALID_PATH, "the path cannot be represented on this file system");
        }
    }

    private static BasicFileAttributes lstat(Path path, String shown) throws FsFailure {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw IoErrors.of("cannot check '" + shown + "'", e);
        }
    }

    private static String prefix(List<String> names, int count) {
        return String.join("/", names.subList(0, count));
    }
}
