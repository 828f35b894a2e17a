package dev.rt.osl.fs;

import java.util.List;

/** The ordered first-match rules; allow-all when there are none, deny by default once there is one. */
final class AccessPolicy {

    private final List<AccessRule> rules;
    private final List<PathGlob> globs;

    AccessPolicy(List<AccessRule> rules) {
        this.rules = List.copyOf(rules);
        this.globs = this.rules.stream().map(r -> PathGlob.compile(r.pathGlob())).toList();
    }

    /**
     * @param principal who asks
     * @param path the normalised path
     * @param permission what the operation needs
     * @return whether it is allowed
     */
    boolean permits(String principal, RelativePath path, Permission permission) {
        if (rules.isEmpty()) {
            return true;
        }
        String text = path.toString();
        for (int i = 0; i < rules.size(); i++) {
            AccessRule rule = rules.get(i);
            if (rule.appliesTo(principal) && globs.get(i).matches(text)) {
                return rule.permissions().contains(permission);
            }
        }
        return false;
    }

    /**
     * @throws FsFailure {@code ACCESS_DENIED} when not allowed
     */
    void check(String principal, RelativePath path, Permission permission) throws FsFailure {
        if (!permits(principal, path, permission)) {
            throw new FsFailure(ErrorKind.ACCESS_DENIED, "principal '" + principal + "' has no " + permission
                    + " permission on '" + path + "'");
        }
    }
}
