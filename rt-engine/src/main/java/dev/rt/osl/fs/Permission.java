package dev.rt.osl.fs;

/** What an {@link AccessRule} can grant. */
public enum Permission {
    /** Read a file's content or its metadata ({@code Read}, {@code Stat}). */
    READ,
    /** Create or change: {@code Write}, {@code Append}, {@code CreateDirectory}, and the target of a {@code Move}. */
    WRITE,
    /** Remove: {@code DeleteFile}, {@code DeleteDirectory}, and the source of a {@code Move}. */
    DELETE,
    /** List a directory's entries ({@code ListDirectory}). */
    LIST
}
