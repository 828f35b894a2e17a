package dev.rt.spring.remote;

import dev.rt.remote.nats.Member;
import dev.rt.remote.nats.NatsRemoting;
import dev.rt.spring.health.RtHealthComponent;
import io.nats.client.Connection;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code remote} component of {@code rt} health: {@code UP} while the NATS connection is connected,
 * {@code DOWN} otherwise (reconnecting included: messages wait in the client's buffer meanwhile). Details:
 * the node, the connection state and server, the live members and the services this node offers.
 */
public final class NatsRemotingHealthIndicator implements RtHealthComponent {

    private final NatsRemoting remoting;

    /**
     * @param remoting the node
     */
    public NatsRemotingHealthIndicator(NatsRemoting remoting) {
        this.remoting = Objects.requireNonNull(remoting, "remoting");
    }

    @Override
    public String componentName() {
        return "remote";
    }

    @Override
    public Health health() {
        return health(true);
    }

    @Override
    public Health health(boolean includeDetails) {
        Connection.Status status = remoting.connectionStatus();
        Health.Builder builder = status == Connection.Status.CONNECTED ? Health.up() : Health.down();
        if (includeDetails) {
            builder.withDetail("node", remoting.nodeId())
                    .withDetail("connection", status.name())
                    .withDetail("server", String.valueOf(remoting.connectedUrl()))
                    .withDetail("members", remoting.members().stream().map(Member::nodeId).toList())
                    .withDetail("services", remoting.services())
                    .withDetail("jetStream", remoting.jetStreamEnabled());
        }
        return builder.build();
    }
}
