package dev.rt.spring.autoconfigure;

import dev.rt.MailboxConfig;
import dev.rt.SupervisionStrategy;
import dev.rt.osl.fs.Permission;
import dev.rt.spring.router.RouterStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the rt actor runtime under {@code rt.*}. Values are checked at startup; an invalid
 * one fails it with a message that names the property and what to do.
 */
@ConfigurationProperties("rt")
public class RtProperties {

    /**
     * Name of the actor system, used in actor addresses and thread names. Defaults to
     * spring.application.name, then "rt".
     */
    private String systemName;

    /**
     * How long an ask waits for its reply when the caller gives no timeout.
     */
    private Duration askTimeout = Duration.ofSeconds(5);

    private final Dispatcher dispatcher = new Dispatcher();

    private final DefaultMailbox defaultMailbox = new DefaultMailbox();

    private final Startup startup = new Startup();

    private final Shutdown shutdown = new Shutdown();

    private final Metrics metrics = new Metrics();

    /**
     * Supervisors by name. Actor beans run under one with @RtActor(supervisor = "name").
     */
    private Map<String, Supervisor> supervisors = new LinkedHashMap<>();

    /**
     * Pool routers by name: each is an ActorRef bean (qualifier: the name) that spreads messages over a pool
     * of instances of an @RtActor bean, running under a supervisor at /user/name.
     */
    private Map<String, Router> routers = new LinkedHashMap<>();

    private final Osl osl = new Osl();

    public String getSystemName() {
        return systemName;
    }

    public void setSystemName(String systemName) {
        this.systemName = systemName;
    }

    public Duration getAskTimeout() {
        return askTimeout;
    }

    public void setAskTimeout(Duration askTimeout) {
        this.askTimeout = askTimeout;
    }

    public Dispatcher getDispatcher() {
        return dispatcher;
    }

    public DefaultMailbox getDefaultMailbox() {
        return defaultMailbox;
    }

    public Startup getStartup() {
        return startup;
    }

    public Shutdown getShutdown() {
        return shutdown;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public Map<String, Supervisor> getSupervisors() {
        return supervisors;
    }

    public void setSupervisors(Map<String, Supervisor> supervisors) {
        this.supervisors = supervisors;
    }

    public Map<String, Router> getRouters() {
        return routers;
    }

    public void setRouters(Map<String, Router> routers) {
        this.routers = routers;
    }

    public Osl getOsl() {
        return osl;
    }

    /** Idle behaviour of the default dispatcher's threads. */
    public enum IdleMode {
        /**
         * Linger a moment on an actor whose mailbox ran dry, spin, yield, then park: quick to pick up new work,
         * one idle thread polls at most.
         */
        BACKOFF,
        /** Park at once: least CPU when idle, a thread wake-up per message exchange. */
        PARK
    }

    /** The dispatchers that run actors. */
    public static class Dispatcher {

        /**
         * Threads of the default work-stealing dispatcher. Defaults to the number of available processors.
         */
        private Integer parallelism;

        /**
         * Messages an actor handles before it yields its thread to other actors.
         */
        private int throughput = 32;

        /**
         * What idle threads of the default dispatcher do.
         */
        private IdleMode idleStrategy = IdleMode.BACKOFF;

        /**
         * Threads of the "blocking" dispatcher, for actors that block on I/O. Defaults to four per available
         * processor, at least 8.
         */
        private Integer blockingPoolSize;

        public Integer getParallelism() {
            return parallelism;
        }

        public void setParallelism(Integer parallelism) {
            this.parallelism = parallelism;
        }

        public int getThroughput() {
            return throughput;
        }

        public void setThroughput(int throughput) {
            this.throughput = throughput;
        }

        public IdleMode getIdleStrategy() {
            return idleStrategy;
        }

        public void setIdleStrategy(IdleMode idleStrategy) {
            this.idleStrategy = idleStrategy;
        }

        public Integer getBlockingPoolSize() {
            return blockingPoolSize;
        }

        public void setBlockingPoolSize(Integer blockingPoolSize) {
            this.blockingPoolSize = blockingPoolSize;
        }
    }

    /** The mailbox actors get unless they choose one. */
    public static class DefaultMailbox {

        /**
         * Kind of mailbox.
         */
        private MailboxConfig.Kind kind = MailboxConfig.Kind.UNBOUNDED;

        /**
         * Capacity of a bounded mailbox, in messages.
         */
        private int capacity = 1000;

        /**
         * What a full bounded mailbox does with a new message.
         */
        private MailboxConfig.Backpressure backpressure = MailboxConfig.Backpressure.FAIL;

        /**
         * How long a sender waits for room in a full bounded mailbox with the "block" backpressure.
         */
        private Duration blockTimeout = Duration.ofSeconds(1);

        public MailboxConfig.Kind getKind() {
            return kind;
        }

        public void setKind(MailboxConfig.Kind kind) {
            this.kind = kind;
        }

        public int getCapacity() {
            return capacity;
        }

        public void setCapacity(int capacity) {
            this.capacity = capacity;
        }

        public MailboxConfig.Backpressure getBackpressure() {
            return backpressure;
        }

        public void setBackpressure(MailboxConfig.Backpressure backpressure) {
            this.backpressure = backpressure;
        }

        public Duration getBlockTimeout() {
            return blockTimeout;
        }

        public void setBlockTimeout(Duration blockTimeout) {
            this.blockTimeout = blockTimeout;
        }
    }

    /** Startup settings. */
    public static class Startup {

        /**
         * How long startup waits for the declared supervision trees to start their children.
         */
        private Duration timeout = Duration.ofSeconds(30);

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /** Shutdown settings. */
    public static class Shutdown {

        /**
         * How long the actor system drains queued messages and stops when the application context closes.
         */
        private Duration timeout = Duration.ofSeconds(10);

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /** Metrics settings (with Micrometer). */
    public static class Metrics {

        /**
         * Sample one message in this many for the rt.message.wait and rt.message.processing timers. A power of
         * two; 0 turns sampling off.
         */
        private int sampleRate = 64;

        public int getSampleRate() {
            return sampleRate;
        }

        public void setSampleRate(int sampleRate) {
            this.sampleRate = sampleRate;
        }
    }

    /** A supervisor. */
    public static class Supervisor {

        /**
         * Which children the supervisor restarts when one fails.
         */
        private SupervisionStrategy strategy = SupervisionStrategy.ONE_FOR_ONE;

        /**
         * Restarts allowed within the period before the supervisor gives up; 0 gives up on the first failure.
         */
        private int maxRestarts = 3;

        /**
         * Window in which restarts are counted against max-restarts.
         */
        private Duration period = Duration.ofSeconds(5);

        /**
         * Name of the supervisor this one runs under. Top-level when not set.
         */
        private String parent;

        private final Backoff backoff = new Backoff();

        public SupervisionStrategy getStrategy() {
            return strategy;
        }

        public void setStrategy(SupervisionStrategy strategy) {
            this.strategy = strategy;
        }

        public int getMaxRestarts() {
            return maxRestarts;
        }

        public void setMaxRestarts(int maxRestarts) {
            this.maxRestarts = maxRestarts;
        }

        public Duration getPeriod() {
            return period;
        }

        public void setPeriod(Duration period) {
            this.period = period;
        }

        public String getParent() {
            return parent;
        }

        public void setParent(String parent) {
            this.parent = parent;
        }

        public Backoff getBackoff() {
            return backoff;
        }
    }

    /** Exponential backoff between restarts; off unless min is set. */
    public static class Backoff {

        /**
         * Delay before the first restart after a quiet period. Backoff is off when not set.
         */
        private Duration min;

        /**
         * Longest delay between restarts.
         */
        private Duration max = Duration.ofSeconds(30);

        /**
         * Random extra delay as a fraction of the delay, from 0 to 1.
         */
        private double jitter = 0.2;

        /**
         * Time without failures after which the delay starts again from min.
         */
        private Duration resetAfter = Duration.ofMinutes(1);

        public Duration getMin() {
            return min;
        }

        public void setMin(Duration min) {
            this.min = min;
        }

        public Duration getMax() {
            return max;
        }

        public void setMax(Duration max) {
            this.max = max;
        }

        public double getJitter() {
            return jitter;
        }

        public void setJitter(double jitter) {
            this.jitter = jitter;
        }

        public Duration getResetAfter() {
            return resetAfter;
        }

        public void setResetAfter(Duration resetAfter) {
            this.resetAfter = resetAfter;
        }
    }

    /** A pool router. */
    public static class Router {

        /**
         * Name of the @RtActor bean whose instances are the routees (its actor name, or its bean name). Each
         * routee, and each restart, gets a fresh instance from the bean factory; the actor bean is then not
         * started on its own and has no ActorRef bean of its own.
         */
        private String actor;

        /**
         * How a message picks its routee.
         */
        private RouterStrategy strategy = RouterStrategy.ROUND_ROBIN;

        /**
         * Number of routees. Defaults to the number of available processors.
         */
        private Integer poolSize;

        /**
         * Name of a java.util.function.Function bean that returns the routing key of a message. Required by the
         * consistent-hashing strategy, and only used by it.
         */
        private String hashKeyBean;

        /**
         * Routee restarts allowed within the period before the router's supervisor gives up.
         */
        private int maxRestarts = 3;

        /**
         * Window in which routee restarts are counted against max-restarts.
         */
        private Duration period = Duration.ofSeconds(5);

        public String getActor() {
            return actor;
        }

        public void setActor(String actor) {
            this.actor = actor;
        }

        public RouterStrategy getStrategy() {
            return strategy;
        }

        public void setStrategy(RouterStrategy strategy) {
            this.strategy = strategy;
        }

        public Integer getPoolSize() {
            return poolSize;
        }

        public void setPoolSize(Integer poolSize) {
            this.poolSize = poolSize;
        }

        public String getHashKeyBean() {
            return hashKeyBean;
        }

        public void setHashKeyBean(String hashKeyBean) {
            this.hashKeyBean = hashKeyBean;
        }

        public int getMaxRestarts() {
            return maxRestarts;
        }

        public void setMaxRestarts(int maxRestarts) {
            this.maxRestarts = maxRestarts;
        }

        public Duration getPeriod() {
            return period;
        }

        public void setPeriod(Duration period) {
            this.period = period;
        }
    }

    /** OSL services. */
    public static class Osl {

        private final FileSystem filesystem = new FileSystem();

        public FileSystem getFilesystem() {
            return filesystem;
        }
    }

    /** The OSL file service: a sandboxed, audited file store behind actors. */
    public static class FileSystem {

        /**
         * Whether to start the OSL file service and provide a FileSystemClient bean.
         */
        private boolean enabled;

        /**
         * Directory every path of the file service is resolved under, absolute or relative to the working
         * directory. It must exist (or create-root be set), and be writable unless read-only is set.
         */
        private String root;

        /**
         * Whether to create the root directory, with its missing parents, when it does not exist.
         */
        private boolean createRoot;

        /**
         * Access rules, in order: the first whose principal and path match decides. With none, everything
         * inside the root is allowed; once there is one, what no rule allows is denied.
         */
        private List<Rule> rules = new ArrayList<>();

        /**
         * Whether to refuse every operation that changes something.
         */
        private boolean readOnly;

        /**
         * Largest file that a read returns and a write or append produces.
         */
        private DataSize maxFileSize = DataSize.ofMegabytes(16);

        /**
         * Number of worker actors. Operations on one path run in order, on different paths in parallel.
         */
        private int poolSize = 4;

        /**
         * Whether to flush each write to the device before it replaces the file.
         */
        private boolean syncWrites = true;

        /**
         * Name of the file service's supervisor under /user.
         */
        private String name = "osl";

        private final Client client = new Client();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getRoot() {
            return root;
        }

        public void setRoot(String root) {
            this.root = root;
        }

        public boolean isCreateRoot() {
            return createRoot;
        }

        public void setCreateRoot(boolean createRoot) {
            this.createRoot = createRoot;
        }

        public List<Rule> getRules() {
            return rules;
        }

        public void setRules(List<Rule> rules) {
            this.rules = rules;
        }

        public boolean isReadOnly() {
            return readOnly;
        }

        public void setReadOnly(boolean readOnly) {
            this.readOnly = readOnly;
        }

        public DataSize getMaxFileSize() {
            return maxFileSize;
        }

        public void setMaxFileSize(DataSize maxFileSize) {
            this.maxFileSize = maxFileSize;
        }

        public int getPoolSize() {
            return poolSize;
        }

        public void setPoolSize(int poolSize) {
            this.poolSize = poolSize;
        }

        public boolean isSyncWrites() {
            return syncWrites;
        }

        public void setSyncWrites(boolean syncWrites) {
            this.syncWrites = syncWrites;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Client getClient() {
            return client;
        }
    }

    /** An access rule of the file service. */
    public static class Rule {

        /**
         * Principal the rule applies to, or "*" for everyone.
         */
        private String principal;

        /**
         * Glob of the paths, relative to the root: "*" and "?" match within a name, "**" across names, as in
         * "reports/**".
         */
        private String path;

        /**
         * Permissions granted on those paths (read, write, delete, list). None makes the rule a deny rule.
         */
        private Set<Permission> permissions = new LinkedHashSet<>();

        public String getPrincipal() {
            return principal;
        }

        public void setPrincipal(String principal) {
            this.principal = principal;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public Set<Permission> getPermissions() {
            return permissions;
        }

        public void setPermissions(Set<Permission> permissions) {
            this.permissions = permissions;
        }
    }

    /** The FileSystemClient bean. */
    public static class Client {

        /**
         * Principal of the FileSystemClient bean's requests, matched against the access rules.
         */
        private String principal = "application";

        /**
         * How long a FileSystemClient call waits for its reply. Defaults to rt.ask-timeout.
         */
        private Duration timeout;

        public String getPrincipal() {
            return principal;
        }

        public void setPrincipal(String principal) {
            this.principal = principal;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }
}
