package dev.rt.spring.autoconfigure;

import dev.rt.ActorSystem;
import dev.rt.remote.nats.Member;
import dev.rt.remote.nats.NatsRemoting;
import dev.rt.remote.nats.RemoteListener;
import dev.rt.spring.InvalidRtConfigurationException;
import dev.rt.spring.remote.NatsOptionsCustomizer;
import dev.rt.spring.remote.NatsRemotingCustomizer;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StorageType;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.ssl.SslBundles;

/** Builds the {@link NatsRemoting} node from {@code rt.remote.nats.*}; no logic lives in the configuration class. */
final class NatsRemotingFactory {

    private NatsRemotingFactory() {
    }

    static NatsRemoting create(ActorSystem system, RtRemoteNatsProperties properties, SslBundles sslBundles,
                               List<NatsOptionsCustomizer> optionsCustomizers, List<NatsRemotingCustomizer> customizers,
                               List<RemoteListener> listeners) {
        String nodeId = properties.getNodeId() != null ? properties.getNodeId()
                : "node-" + UUID.randomUUID().toString().substring(0, 8);
        RtRemoteNatsProperties.JetStream js = properties.getJetstream();
        NatsRemoting.Builder builder = NatsRemoting.builder(system, nodeId)
                .options(options(properties, nodeId, sslBundles, optionsCustomizers))
                .cluster(properties.getCluster())
                .heartbeatInterval(properties.getHeartbeatInterval())
                .failureTimeout(properties.getFailureTimeout())
                .jetStream(js.isEnabled())
                .ackWait(js.getAckWait())
                .maxDeliver(js.getMaxDeliver())
                .maxAckPending(js.getMaxAckPending())
                .duplicateWindow(js.getDuplicateWindow())
                .deduplicationWindow(js.getDeduplicationWindow())
                .storage(js.getStorage() == RtRemoteNatsProperties.Storage.MEMORY ? StorageType.Memory : StorageType.File)
                .replicas(js.getReplicas())
                .publishRetryTimeout(js.getPublishRetryTimeout());
        properties.getMessageTypes().forEach(builder::register);
        if (!listeners.isEmpty()) {
            builder.listener(listeners.size() == 1 ? listeners.get(0) : new Fanout(listeners));
        }
        customizers.forEach(c -> c.customize(builder));
        return builder.start();
    }

    static Options options(RtRemoteNatsProperties properties, String nodeId, SslBundles sslBundles,
                           List<NatsOptionsCustomizer> customizers) {
        RtRemoteNatsProperties.Connection c = properties.getConnection();
        if (properties.getServers() == null || properties.getServers().isEmpty()) {
            throw new InvalidRtConfigurationException("rt.remote.nats.servers", properties.getServers(),
                    "no NATS server is named", "list at least one server URL, such as nats://localhost:4222");
        }
        Options.Builder builder = new Options.Builder()
                .servers(properties.getServers().toArray(String[]::new))
                .connectionName(c.getName() != null ? c.getName() : nodeId)
                .connectionTimeout(c.getConnectionTimeout())
                .reconnectWait(c.getReconnectWait())
                .maxReconnects(c.getMaxReconnects())
                .pingInterval(c.getPingInterval());
        if (c.getUsername() != null) {
            builder.userInfo(c.getUsername(), c.getPassword() == null ? "" : c.getPassword());
        }
        if (c.getToken() != null) {
            builder.token(c.getToken().toCharArray());
        }
        if (c.getCredentials() != null) {
            builder.authHandler(Nats.credentials(c.getCredentials()));
        }
        if (c.getSslBundle() != null) {
            if (sslBundles == null) {
                throw new InvalidRtConfigurationException("rt.remote.nats.connection.ssl-bundle", c.getSslBundle(),
                        "no SSL bundles are configured", "declare the bundle under spring.ssl.bundle.*");
            }
            builder.sslContext(sslBundles.getBundle(c.getSslBundle()).createSslContext());
        } else if (c.isTls()) {
            try {
                builder.secure();
            } catch (Exception e) {
                throw new InvalidRtConfigurationException("rt.remote.nats.connection.tls", true,
                        "the JVM's default TLS context is not available: " + e.getMessage(),
                        "configure an SSL bundle with rt.remote.nats.connection.ssl-bundle", e);
            }
        }
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /** Several listeners as one. */
    private record Fanout(List<RemoteListener> listeners) implements RemoteListener {
        @Override
        public void onRoundTrip(long nanos) {
            listeners.forEach(l -> l.onRoundTrip(nanos));
        }

        @Override
        public void onMemberUp(Member member) {
            listeners.forEach(l -> l.onMemberUp(member));
        }

        @Override
        public void onMemberDown(String nodeId, boolean graceful) {
            listeners.forEach(l -> l.onMemberDown(nodeId, graceful));
        }
    }
}
