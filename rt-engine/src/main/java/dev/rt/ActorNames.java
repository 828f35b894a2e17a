package dev.rt;

/** Rules for actor names: they are path segments, so no slashes, no spaces, nothing to escape. */
final class ActorNames {

    static final int MAX_LENGTH = 255;

    private ActorNames() {
    }

    static void validate(String name) {
        if (name == null) {
            throw new InvalidActorNameException("actor name must not be null");
        }
        if (name.isEmpty()) {
            throw new InvalidActorNameException("actor name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidActorNameException("actor name is " + name.length() + " characters long; at most "
                    + MAX_LENGTH + " are allowed");
        }
        if (name.charAt(0) == '$') {
            throw new InvalidActorNameException("actor name '" + name + "' starts with '$', which is reserved for "
                    + "generated names");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!allowed(c)) {
                throw new InvalidActorNameException("actor name '" + name + "' contains '" + c + "' at index " + i
                        + "; use letters, digits and - _ . : @ + = ~");
            }
        }
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-_.:@+=~".indexOf(c) >= 0;
    }

    /** @return whether the name was made by {@link #anonymous(long)} (users cannot pass such names) */
    static boolean isGenerated(String name) {
        return name != null && name.length() > 1 && name.charAt(0) == '$' && isBase36(name, 1);
    }

    private static boolean isBase36(String name, int from) {
        for (int i = from; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return true;
    }

    static String anonymous(long uid) {
        return "$" + Long.toString(uid, 36);
    }
}
