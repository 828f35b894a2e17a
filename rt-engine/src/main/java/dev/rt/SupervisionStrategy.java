package dev.rt;

/** Which children a supervisor restarts when one fails (Erlang/OTP strategies). */
public enum SupervisionStrategy {
    /** Restart only the failed child. */
    ONE_FOR_ONE,
    /** Restart every child, in start order. */
    ONE_FOR_ALL,
    /** Restart the failed child and the children started after it, in start order. */
    REST_FOR_ONE
}
