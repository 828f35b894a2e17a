package dev.rt.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Remote actors over NATS ({@code rt.remote.nats.*}); active when rt-remote-nats and jnats are on the classpath. */
@ConfigurationProperties("rt.remote.nats")
public class RtRemoteNatsProperties {

    /** Whether to join the cluster over NATS when rt-remote-nats is on the classpath. */
    private boolean enabled = true;

    /** NATS server URLs; the client reconnects to any of them. */
    private List<String> servers = new ArrayList<>(List.of("nats://localhost:4222"));

    /** This node's id, unique in the cluster (letters, digits, '_' and '-'); a random one when not set. */
    private String nodeId;

    /** Cluster name: nodes with the same name see each other. */
    private String cluster = "rt";

    /** Message classes that may cross nodes (the allow-list), each under its MessageInfo type or simple name. */
    private List<Class<?>> messageTypes = new ArrayList<>();

    /** Interval between this node's membership heartbeats. */
    private Duration heartbeatInterval = Duration.ofSeconds(1);

    /** Time without a heartbeat before a node counts as lost and watchers of its actors get Terminated. */
    private Duration failureTimeout = Duration.ofSeconds(5);

    private final Connection connection = new Connection();

    private final JetStream jetstream = new JetStream();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getServers() {
        return servers;
    }

    public void setServers(List<String> servers) {
        this.servers = servers;
    }

    public String getNodeId() {
        return nodeId;
    }

    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    public String getCluster() {
        return cluster;
    }

    public void setCluster(String cluster) {
        this.cluster = cluster;
    }

    public List<Class<?>> getMessageTypes() {
        return messageTypes;
    }

    public void setMessageTypes(List<Class<?>> messageTypes) {
        this.messageTypes = messageTypes;
    }

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getFailureTimeout() {
        return failureTimeout;
    }

    public void setFailureTimeout(Duration failureTimeout) {
        this.failureTimeout = failureTimeout;
    }

    public Connection getConnection() {
        return connection;
    }

    public JetStream getJetstream() {
        return jetstream;
    }

    /** How the node connects to NATS. */
    public static class Connection {

        /** Connection name shown by the server; the node id when not set. */
        private String name;

        /** User name for user/password authentication. */
        private String username;

        /** Password for user/password authentication. */
        private String password;

        /** Token for token authentication. */
        private String token;

        /** Path to a NATS credentials file (JWT and NKey seed). */
        private String credentials;

        /** SSL bundle for TLS to the servers (spring.ssl.bundle.*). */
        private String sslBundle;

        /** Whether to use TLS with the JVM's default trust store when no SSL bundle is given. */
        private boolean tls;

        /** Time allowed to establish a connection. */
        private Duration connectionTimeout = Duration.ofSeconds(2);

        /** Wait between reconnect attempts to the same server. */
        private Duration reconnectWait = Duration.ofSeconds(2);

        /** Reconnect attempts before giving up; -1 for no limit. */
        private int maxReconnects = -1;

        /** Interval between client pings to the server. */
        private Duration pingInterval = Duration.ofMinutes(2);

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public String getCredentials() {
            return credentials;
        }

        public void setCredentials(String credentials) {
            this.credentials = credentials;
        }

        public String getSslBundle() {
            return sslBundle;
        }

        public void setSslBundle(String sslBundle) {
            this.sslBundle = sslBundle;
        }

        public boolean isTls() {
            return tls;
        }

        public void setTls(boolean tls) {
            this.tls = tls;
        }

        public Duration getConnectionTimeout() {
            return connectionTimeout;
        }

        public void setConnectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
        }

        public Duration getReconnectWait() {
            return reconnectWait;
        }

        public void setReconnectWait(Duration reconnectWait) {
            this.reconnectWait = reconnectWait;
        }

        public int getMaxReconnects() {
            return maxReconnects;
        }

        public void setMaxReconnects(int maxReconnects) {
            this.maxReconnects = maxReconnects;
        }

        public Duration getPingInterval() {
            return pingInterval;
        }

        public void setPingInterval(Duration pingInterval) {
            this.pingInterval = pingInterval;
        }
    }

    /** At-least-once and exactly-once delivery to services through JetStream. */
    public static class JetStream {

        /** Whether at-least-once and exactly-once messages to services go through JetStream. */
        private boolean enabled = true;

        /** Time JetStream waits for an acknowledgement before redelivering (how fast a lost node's messages move). */
        private Duration ackWait = Duration.ofSeconds(10);

        /** Maximum deliveries of one message by JetStream. */
        private long maxDeliver = 5;

        /** Maximum unacknowledged messages out at once per service. */
        private long maxAckPending = 1000;

        /** Time the stream remembers exactly-once ids to drop repeated publishes. */
        private Duration duplicateWindow = Duration.ofMinutes(2);

        /** Handled exactly-once ids each service remembers on this node. */
        private int deduplicationWindow = 10_000;

        /** Where the stream keeps messages: file or memory. */
        private Storage storage = Storage.FILE;

        /** Stream replicas in a NATS cluster. */
        private int replicas = 1;

        /** Time a durable publish is retried while JetStream does not store it, before it is dead-lettered. */
        private Duration publishRetryTimeout = Duration.ofSeconds(30);

        public Duration getPublishRetryTimeout() {
            return publishRetryTimeout;
        }

        public void setPublishRetryTimeout(Duration publishRetryTimeout) {
            this.publishRetryTimeout = publishRetryTimeout;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getAckWait() {
            return ackWait;
        }

        public void setAckWait(Duration ackWait) {
            this.ackWait = ackWait;
        }

        public long getMaxDeliver() {
            return maxDeliver;
        }

        public void setMaxDeliver(long maxDeliver) {
            this.maxDeliver = maxDeliver;
        }

        public long getMaxAckPending() {
            return maxAckPending;
        }

        public void setMaxAckPending(long maxAckPending) {
            this.maxAckPending = maxAckPending;
        }

        public Duration getDuplicateWindow() {
            return duplicateWindow;
        }

        public void setDuplicateWindow(Duration duplicateWindow) {
            this.duplicateWindow = duplicateWindow;
        }

        public int getDeduplicationWindow() {
            return deduplicationWindow;
        }

        public void setDeduplicationWindow(int deduplicationWindow) {
            this.deduplicationWindow = deduplicationWindow;
        }

        public Storage getStorage() {
            return storage;
        }

        public void setStorage(Storage storage) {
            this.storage = storage;
        }

        public int getReplicas() {
            return replicas;
        }

        public void setReplicas(int replicas) {
            this.replicas = replicas;
        }
    }

    /** Where JetStream keeps messages. */
    public enum Storage {
        /** On disk: survives a server restart. */
        FILE,
        /** In memory. */
        MEMORY
    }
}
