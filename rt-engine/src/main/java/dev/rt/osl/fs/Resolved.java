package dev.rt.osl.fs;

import java.nio.file.attribute.BasicFileAttributes;

/**
 * A path checked by {@link Sandbox}: where it really is under the root.
 *
 * @param requested the normalised requested path
 * @param canonical the same place with the symbolic links inside the root resolved (equal to
 *        {@code requested} when there are none); the operations use only this, through directory
 *        handles that follow no link
 * @param existingDepth how many leading names of {@code canonical} exist
 * @param attributes the final entry's attributes (not following a final link when the operation works on
 *        the link itself), or {@code null} if it does not exist
 */
record Resolved(RelativePath requested, RelativePath canonical, int existingDepth, BasicFileAttributes attributes) {

    boolean exists() {
        return attributes != null;
    }

    boolean parentExists() {
        return existingDepth >= canonical.depth() - 1;
    }
}
