package dev.rt.spring.autoconfigure;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.osl.fs.AuditListener;
import dev.rt.osl.fs.FileSystemClient;
import dev.rt.osl.fs.FileSystemRequest;
import dev.rt.spring.actor.ActorTopology;
import dev.rt.spring.osl.OslFileSystemLifecycle;
import dev.rt.spring.router.RouterTopology;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The OSL file service when {@code rt.osl.filesystem.enabled=true}: its actors, started with the
 * context under a top-level supervisor ({@code /user/osl}), a {@link FileSystemClient} bean with the
 * principal and timeout of {@code rt.osl.filesystem.client.*}, and the service's request ref as an
 * {@code ActorRef<FileSystemRequest>} bean for actors. An {@link AuditListener} bean receives the audit
 * events. An invalid root, rule or limit fails startup naming the property.
 */
@AutoConfiguration(after = RtAutoConfiguration.class)
@ConditionalOnBean(ActorSystem.class)
@ConditionalOnProperty(prefix = "rt.osl.filesystem", name = "enabled", havingValue = "true")
public final class RtOslAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OslFileSystemLifecycle rtOslFileSystem(ActorSystem system, RtProperties properties,
                                           ObjectProvider<AuditListener> auditListener,
                                           ObjectProvider<ActorTopology> topology,
                                           ObjectProvider<RouterTopology> routers) {
        return new OslFileSystemLifecycle(system, new OslFileSystemConfigFactory(properties)
                .create(auditListener.getIfUnique(), OslFileSystemConfigFactory.taken(topology.getIfAvailable(),
                        routers.getIfAvailable())));
    }

    @Bean
    @ConditionalOnMissingBean
    FileSystemClient rtFileSystemClient(OslFileSystemLifecycle rtOslFileSystem, RtProperties properties) {
        OslFileSystemConfigFactory settings = new OslFileSystemConfigFactory(properties);
        return rtOslFileSystem.client(settings.clientPrincipal(), settings.clientTimeout());
    }

    @Bean
    @ConditionalOnMissingBean(name = "rtOslFileSystemRequests")
    ActorRef<FileSystemRequest> rtOslFileSystemRequests(OslFileSystemLifecycle rtOslFileSystem) {
        return rtOslFileSystem.requests();
    }
}
