package dev.rt.osl.fs;

import dev.rt.Message;
import dev.rt.MessageInfo;
import java.util.Objects;

/**
 * The reply to a {@link FileSystemRequest} (layer 3 of ADR-RT-008), sent to its {@code replyTo}.
 *
 * @param requestId the request's id, for correlation
 * @param result success data or a typed failure
 */
@MessageInfo(type = "osl.filesystem.response")
public record FileSystemResponse(long requestId, FileSystemResult result) implements Message {

    /** Checks the components. */
    public FileSystemResponse {
        Objects.requireNonNull(result, "result");
    }
}
