package dev.rt;

/** When a supervisor restarts a child that ended (Erlang/OTP restart types). */
public enum RestartType {
    /** Always: after a failure and after a normal stop. */
    PERMANENT,
    /** Only after a failure; a normal stop ends it for good. */
    TRANSIENT,
    /** Never; when it fails or stops it is removed. */
    TEMPORARY
}
