package dev.rt.osl.fs;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One access rule: for a principal (or {@value #ANY_PRINCIPAL}) and paths matching a glob, the
 * permissions granted. Rules are ordered and the first whose principal and glob match decides: the
 * operation is allowed if that rule grants the permission it needs and denied otherwise, so a rule with
 * no permissions is an explicit deny. Once any rule is configured, a request no rule matches is denied.
 *
 * <p>Glob syntax, matched against the normalised path relative to the root ({@code "."} for the root
 * itself): {@code *} and {@code ?} stay within one name, {@code **} crosses names, a leading
 * {@code **}{@code /} may match no directory, a trailing {@code /**} also matches the directory itself;
 * all other characters are literal. Rules are checked against the requested path and, when a symbolic
 * link inside the root makes it differ, against the real path too; both must allow.
 *
 * @param principal who the rule is for, or {@value #ANY_PRINCIPAL} for everyone
 * @param pathGlob which paths
 * @param permissions what it grants (copied; may be empty for a deny rule)
 */
public record AccessRule(String principal, String pathGlob, Set<Permission> permissions) {

    /** The principal that matches every requester. */
    public static final String ANY_PRINCIPAL = "*";

    /** Checks the glob and copies the permissions. */
    public AccessRule {
        Objects.requireNonNull(principal, "principal");
        PathGlob.compile(pathGlob);
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    /**
     * @param principal who, or {@value #ANY_PRINCIPAL}
     * @param pathGlob which paths
     * @param permissions what is granted
     * @return a rule that grants {@code permissions} (and denies the others)
     */
    public static AccessRule allow(String principal, String pathGlob, Permission... permissions) {
        Set<Permission> set = EnumSet.noneOf(Permission.class);
        for (Permission p : permissions) {
            set.add(Objects.requireNonNull(p, "permission"));
        }
        return new AccessRule(principal, pathGlob, set);
    }

    /**
     * @param principal who, or {@value #ANY_PRINCIPAL}
     * @param pathGlob which paths
     * @return a rule that denies everything on those paths
     */
    public static AccessRule deny(String principal, String pathGlob) {
        return new AccessRule(principal, pathGlob, Set.of());
    }

    /** @return whether this rule applies to the principal */
    boolean appliesTo(String requester) {
        return principal.equals(ANY_PRINCIPAL) || principal.equals(requester);
    }
}
