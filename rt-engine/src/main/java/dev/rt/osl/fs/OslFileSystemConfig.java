package dev.rt.osl.fs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How an {@link OslFileSystem} is set up: its root, access rules, read-only switch, size limit, pool size
 * and audit listener. Immutable; build it with {@link #builder(Path)}.
 */
public final class OslFileSystemConfig {

    /** The default name of the supervisor the service runs under. */
    public static final String DEFAULT_NAME = "osl";
    /** Default maximum file size for reads and writes: 16 MiB. */
    public static final long DEFAULT_MAX_FILE_SIZE = 16L * 1024 * 1024;
    /** The largest maximum file size: what fits in one byte array. */
    public static final long MAX_FILE_SIZE_LIMIT = Integer.MAX_VALUE - 16;
    /** Default number of worker actors. */
    public static final int DEFAULT_POOL_SIZE = 4;

    private final Path root;
    private final List<AccessRule> rules;
    private final boolean readOnly;
    private final long maxFileSize;
    private final int poolSize;
    private final boolean syncWrites;
    private final String name;
    private final AuditListener auditListener;

    private OslFileSystemConfig(Builder b) {
        this.root = b.root;
        this.rules = List.copyOf(b.rules);
        this.readOnly = b.readOnly;
        this.maxFileSize = b.maxFileSize;
        this.poolSize = b.poolSize;
        this.syncWrites = b.syncWrites;
        this.name = b.name;
        this.auditListener = b.auditListener;
    }

    /**
     * @param root the directory every path is resolved under; it must exist when the service starts
     * @return a builder with the defaults: no rules (allow all inside the root), writable, 16 MiB, 4 workers
     */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** @return the root directory as configured */
    public Path root() {
        return root;
    }

    /** @return the access rules in order; empty means everything inside the root is allowed */
    public List<AccessRule> rules() {
        return rules;
    }

    /** @return whether every operation that changes something is refused with {@code READ_ONLY} */
    public boolean readOnly() {
        return readOnly;
    }

    /** @return the largest file a read returns and a write or append produces, in bytes */
    public long maxFileSize() {
        return maxFileSize;
    }

    /** @return how many worker actors share the requests (by path) */
    public int poolSize() {
        return poolSize;
    }

    /** @return whether writes are flushed to the device before they are renamed into place */
    public boolean syncWrites() {
        return syncWrites;
    }

    /** @return the name of the supervisor under {@code /user} */
    public String name() {
        return name;
    }

    /** @return who receives the audit events */
    public AuditListener auditListener() {
        return auditListener;
    }

    @Override
    public String toString() {
        return "OslFileSystemConfig[root=" + root + ", rules=" + rules.size() + ", readOnly=" + readOnly
                + ", maxFileSize=" + maxFileSize + ", poolSize=" + poolSize + ", syncWrites=" + syncWrites
                + ", name=" + name + "]";
    }

    /** Builds an {@link OslFileSystemConfig}. */
    public static final class Builder {
        private final Path root;
        private final List<AccessRule> rules = new ArrayList<>();
        private boolean readOnly;
        private long maxFileSize = DEFAULT_MAX_FILE_SIZE;
        private int poolSize = DEFAULT_POOL_SIZE;
        private boolean syncWrites = true;
        private String name = DEFAULT_NAME;
        private AuditListener auditListener = new Slf4jAuditListener();

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        /**
         * Adds a rule after the ones already added (the first that matches decides).
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder rule(AccessRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * @param value rules to add, in order
         * @return this builder
         */
        public Builder rules(List<AccessRule> value) {
            value.forEach(this::rule);
            return this;
        }

        /**
         * @param value whether to refuse every operation that changes something
         * @return this builder
         */
        public Builder readOnly(boolean value) {
            this.readOnly = value;
            return this;
        }

        /**
         * @param bytes the largest file to read or write, 1 to {@link #MAX_FILE_SIZE_LIMIT}
         * @return this builder
         */
        public Builder maxFileSize(long bytes) {
            if (bytes < 1 || bytes > MAX_FILE_SIZE_LIMIT) {
                throw new IllegalArgumentException("maxFileSize must be between 1 and " + MAX_FILE_SIZE_LIMIT
                        + ", was " + bytes);
            }
            this.maxFileSize = bytes;
            return this;
        }

        /**
         * @param workers how many worker actors, 1 to 256
         * @return this builder
         */
        public Builder poolSize(int workers) {
            if (workers < 1 || workers > 256) {
                throw new IllegalArgumentException("poolSize must be between 1 and 256, was " + workers);
            }
            this.poolSize = workers;
            return this;
        }

        /**
         * @param value whether to flush each write to the device before renaming it into place (default
         *        {@code true}: durable as well as atomic)
         * @return this builder
         */
        public Builder syncWrites(boolean value) {
            this.syncWrites = value;
            return this;
        }

        /**
         * @param value the supervisor's name (default {@value #DEFAULT_NAME}); change it to run several
         *        services in one actor system
         * @return this builder
         */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /**
         * @param listener who receives the audit events (default: JSON lines on {@code rt.osl.audit})
         * @return this builder
         */
        public Builder auditListener(AuditListener listener) {
            this.auditListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** @return the configuration */
        public OslFileSystemConfig build() {
            return new OslFileSystemConfig(this);
        }
    }
}
