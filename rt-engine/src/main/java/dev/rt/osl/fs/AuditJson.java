package dev.rt.osl.fs;

/** Formats an {@link AuditEvent} as one line of JSON, by hand (the engine has no JSON library). */
final class AuditJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AuditJson() {
    }

    /**
     * @param e the event
     * @return a JSON object on one line
     */
    static String format(AuditEvent e) {
        StringBuilder out = new StringBuilder(256);
        out.append('{');
        field(out, "time", e.time().toString()).append(',');
        out.append("\"requestId\":").append(e.requestId()).append(',');
        field(out, "principal", e.principal()).append(',');
        field(out, "operation", e.operation().name()).append(',');
        field(out, "path", e.path()).append(',');
        if (e.target() != null) {
            field(out, "target", e.target()).append(',');
        }
        field(out, "decision", e.decision().name()).append(',');
        field(out, "outcome", e.outcome()).append(',');
        out.append("\"bytes\":").append(e.bytes()).append(',');
        out.append("\"durationMicros\":").append(e.duration().toNanos() / 1000);
        return out.append('}').toString();
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        return quote(out, value);
    }

    /** Appends {@code value} as a JSON string: quotes, backslashes, control characters, line and paragraph separators and unpaired surrogates escaped. */
    static StringBuilder quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1));
                    if (pairedHigh) {
                        out.append(c).append(value.charAt(++i));
                    } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
                        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
