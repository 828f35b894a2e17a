package dev.rt.spring.autoconfigure;

import dev.rt.ActorSystem;
import dev.rt.DispatcherConfig;
import dev.rt.IdleStrategy;
import dev.rt.MailboxConfig;
import dev.rt.monitor.RuntimeListener;
import dev.rt.spring.ActorSystemCustomizer;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * Builds the auto-configured {@link ActorSystem} from {@link RtProperties}, the application's
 * {@link RuntimeListener} beans (combined, in order) and its {@link ActorSystemCustomizer}s (in order,
 * last).
 */
final class ActorSystemFactory {

    private static final String DEFAULT_NAME = "rt";

    private final RtProperties properties;
    private final Environment environment;

    ActorSystemFactory(RtProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    ActorSystem create(List<RuntimeListener> listeners, List<ActorSystemCustomizer> customizers) {
        RtPropertiesValidator.validate(properties);
        RtProperties.Dispatcher dispatcher = properties.getDispatcher();
        int cores = Runtime.getRuntime().availableProcessors();
        int parallelism = dispatcher.getParallelism() != null ? dispatcher.getParallelism() : cores;
        int blocking = dispatcher.getBlockingPoolSize() != null ? dispatcher.getBlockingPoolSize()
                : Math.max(8, cores * 4);
        IdleStrategy idle = dispatcher.getIdleStrategy() == RtProperties.IdleMode.PARK ? IdleStrategy.PARK
                : IdleStrategy.BACKOFF;
        ActorSystem.Builder builder = ActorSystem.builder(systemName())
                .askTimeout(properties.getAskTimeout())
                .shutdownTimeout(properties.getShutdown().getTimeout())
                .defaultMailbox(defaultMailbox(properties))
                .dispatcher(ActorSystem.DEFAULT_DISPATCHER, DispatcherConfig.workStealing(parallelism)
                        .withThroughput(dispatcher.getThroughput()).withIdle(idle))
                .dispatcher(ActorSystem.BLOCKING_DISPATCHER, DispatcherConfig.blocking(blocking)
                        .withThroughput(dispatcher.getThroughput()))
                .listener(RuntimeListener.composite(listeners));
        for (ActorSystemCustomizer customizer : customizers) {
            customizer.customize(builder);
        }
        return builder.build();
    }

    /** @return rt.system-name, else spring.application.name made a valid name, else "rt" */
    String systemName() {
        if (properties.getSystemName() != null) {
            return properties.getSystemName();
        }
        String application = environment.getProperty("spring.application.name");
        if (application == null || application.isBlank()) {
            return DEFAULT_NAME;
        }
        StringBuilder name = new StringBuilder(application.length());
        for (int i = 0; i < application.length() && name.length() < 255; i++) {
            char c = application.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.:@+=~".indexOf(c) >= 0;
            name.append(allowed ? c : '-');
        }
        return name.toString();
    }

    static MailboxConfig defaultMailbox(RtProperties properties) {
        RtProperties.DefaultMailbox mailbox = properties.getDefaultMailbox();
        return switch (mailbox.getKind()) {
            case UNBOUNDED -> MailboxConfig.unbounded();
            case PRIORITY -> MailboxConfig.priority();
            case BOUNDED -> new MailboxConfig(MailboxConfig.Kind.BOUNDED, mailbox.getCapacity(),
                    mailbox.getBackpressure(), mailbox.getBlockTimeout());
        };
    }
}
