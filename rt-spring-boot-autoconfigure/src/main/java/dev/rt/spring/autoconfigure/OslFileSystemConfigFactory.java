package dev.rt.spring.autoconfigure;

import dev.rt.osl.fs.AccessRule;
import dev.rt.osl.fs.AuditListener;
import dev.rt.osl.fs.OslFileSystemConfig;
import dev.rt.osl.fs.Permission;
import dev.rt.spring.InvalidRtConfigurationException;
import dev.rt.spring.actor.ActorTopology;
import dev.rt.spring.router.RouterTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.unit.DataSize;

/**
 * Checks {@code rt.osl.filesystem.*} and builds the {@link OslFileSystemConfig}: the root must be an
 * existing directory (created first with {@code create-root}), writable unless the service is read-only; every rule needs a principal and a valid
 * glob; sizes and names must be in range. Every failure is an {@link InvalidRtConfigurationException}
 * that names the property and what to do.
 */
final class OslFileSystemConfigFactory {

    private static final String PREFIX = "rt.osl.filesystem";

    private final RtProperties properties;

    OslFileSystemConfigFactory(RtProperties properties) {
        this.properties = properties;
    }

    /**
     * @param auditListener who receives the audit events, or {@code null} for the default (JSON lines on the
     *                      {@code rt.osl.audit} logger)
     * @param taken what already lives directly under {@code /user}, described, by name
     * @return the checked configuration
     */
    OslFileSystemConfig create(AuditListener auditListener, Map<String, String> taken) {
        RtProperties.FileSystem fs = properties.getOsl().getFilesystem();
        Path root = root(fs);
        RtPropertiesValidator.name(PREFIX + ".name", fs.getName());
        String other = taken.get(fs.getName());
        if (other != null) {
            throw new InvalidRtConfigurationException(PREFIX + ".name", fs.getName(),
                    "/user/" + fs.getName() + " is already taken by " + other,
                    "Set " + PREFIX + ".name to another name for the file service's supervisor, or rename the "
                            + other + ".");
        }
        if (fs.getPoolSize() < 1 || fs.getPoolSize() > 256) {
            throw new InvalidRtConfigurationException(PREFIX + ".pool-size", fs.getPoolSize(),
                    "the file service runs 1 to 256 workers",
                    "Set " + PREFIX + ".pool-size to a number from 1 to 256; the default, 4, suits most applications.");
        }
        DataSize maxFileSize = fs.getMaxFileSize();
        RtPropertiesValidator.notNull(PREFIX + ".max-file-size", maxFileSize, "a size such as 16MB");
        if (maxFileSize.toBytes() < 1 || maxFileSize.toBytes() > OslFileSystemConfig.MAX_FILE_SIZE_LIMIT) {
            throw new InvalidRtConfigurationException(PREFIX + ".max-file-size", maxFileSize,
                    "the largest file must be at least 1 byte and fit in memory (at most "
                            + OslFileSystemConfig.MAX_FILE_SIZE_LIMIT + " bytes)",
                    "Set " + PREFIX + ".max-file-size to a size such as 512KB, 16MB or 1GB.");
        }
        OslFileSystemConfig.Builder builder = OslFileSystemConfig.builder(root)
                .readOnly(fs.isReadOnly())
                .maxFileSize(maxFileSize.toBytes())
                .poolSize(fs.getPoolSize())
                .syncWrites(fs.isSyncWrites())
                .name(fs.getName())
                .rules(rules(fs.getRules()));
        if (auditListener != null) {
            builder.auditListener(auditListener);
        }
        return builder.build();
    }

    /**
     * @param topology the declared supervision trees and actors, or {@code null}
     * @param routers the configured routers, or {@code null}
     * @return what already lives directly under {@code /user}, described, by name
     */
    static Map<String, String> taken(ActorTopology topology, RouterTopology routers) {
        Map<String, String> taken = new HashMap<>();
        if (topology != null) {
            taken.putAll(RouterTopologyFactory.topLevelNames(topology));
        }
        if (routers != null) {
            routers.paths().keySet().forEach(name -> taken.put(name, "router '" + name + "'"));
        }
        return taken;
    }

    /** @return the principal of the {@code FileSystemClient} bean, checked */
    String clientPrincipal() {
        String principal = properties.getOsl().getFilesystem().getClient().getPrincipal();
        if (principal == null || principal.isBlank()) {
            throw new InvalidRtConfigurationException(PREFIX + ".client.principal", principal, "no principal is set",
                    "Set " + PREFIX + ".client.principal to the name the access rules know the application by.");
        }
        return principal;
    }

    /** @return how long a call of the {@code FileSystemClient} bean waits, checked */
    Duration clientTimeout() {
        Duration timeout = properties.getOsl().getFilesystem().getClient().getTimeout();
        if (timeout == null) {
            return properties.getAskTimeout();
        }
        RtPropertiesValidator.positive(PREFIX + ".client.timeout", timeout, "5s");
        return timeout;
    }

    private static Path root(RtProperties.FileSystem fs) {
        String property = PREFIX + ".root";
        String configured = fs.getRoot();
        if (configured == null || configured.isBlank()) {
            throw new InvalidRtConfigurationException(property, null, "no root directory is set",
                    "Set " + property + " to the directory the file service may use, or set " + PREFIX
                            + ".enabled=false.");
        }
        Path root;
        try {
            root = Path.of(configured).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidRtConfigurationException(property, configured, "it is not a valid path",
                    "Set " + property + " to the path of an existing directory.", e);
        }
        if (!Files.exists(root) && fs.isCreateRoot()) {
            try {
                Files.createDirectories(root);
            } catch (IOException | SecurityException e) {
                throw new InvalidRtConfigurationException(property, configured,
                        "the directory does not exist and could not be created (" + e + ")",
                        "Create the directory yourself, or set " + property + " to a directory the application "
                                + "may create.", e);
            }
        }
        if (!Files.exists(root)) {
            throw new InvalidRtConfigurationException(property, configured, "the directory does not exist",
                    "Create the directory, set " + property + " to an existing one, or set " + PREFIX
                            + ".create-root=true to have it created.");
        }
        if (!Files.isDirectory(root)) {
            throw new InvalidRtConfigurationException(property, configured, "it is not a directory",
                    "Set " + property + " to a directory: every path of the file service is resolved under it.");
        }
        if (!fs.isReadOnly() && !Files.isWritable(root)) {
            throw new InvalidRtConfigurationException(property, configured,
                    "the application cannot write to the directory",
                    "Make it writable for the user the application runs as, or set " + PREFIX
                            + ".read-only=true if the file service should only read.");
        }
        return root;
    }

    private static List<AccessRule> rules(List<RtProperties.Rule> configured) {
        List<AccessRule> rules = new java.util.ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            RtProperties.Rule rule = configured.get(i);
            String prefix = PREFIX + ".rules[" + i + "]";
            String principal = rule.getPrincipal();
            if (principal == null || principal.isBlank()) {
                throw new InvalidRtConfigurationException(prefix + ".principal", null, "the rule names no principal",
                        "Set " + prefix + ".principal to the principal the rule is for, or to * for everyone.");
            }
            String glob = rule.getPath();
            if (glob == null || glob.isBlank()) {
                throw new InvalidRtConfigurationException(prefix + ".path", null, "the rule names no paths",
                        "Set " + prefix + ".path to a glob relative to the root, such as reports/** or *.txt.");
            }
            Set<Permission> permissions = rule.getPermissions() == null || rule.getPermissions().isEmpty()
                    ? Set.of() : EnumSet.copyOf(rule.getPermissions());
            try {
                rules.add(new AccessRule(principal.trim(), glob.trim(), permissions));
            } catch (IllegalArgumentException e) {
                throw new InvalidRtConfigurationException(prefix + ".path", glob, e.getMessage(),
                        "Use a glob relative to the root, without a leading / or backslashes: * and ? match within "
                                + "a name, ** across names, as in reports/** or *.txt.", e);
            }
        }
        return rules;
    }
}
