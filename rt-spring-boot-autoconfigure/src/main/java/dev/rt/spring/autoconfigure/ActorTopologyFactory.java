package dev.rt.spring.autoconfigure;

import dev.rt.SupervisorSpec;
import dev.rt.spring.SupervisedChild;
import dev.rt.spring.actor.ActorBeanFactory;
import dev.rt.spring.actor.ActorTopology;
import dev.rt.spring.actor.RtActorBeanRegistrar;
import dev.rt.spring.actor.TopologyAssembler;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Gathers the declared supervisors ({@code rt.supervisors.*} and {@link SupervisorSpec} beans), actor
 * beans and {@link SupervisedChild} beans, and assembles them into an {@link ActorTopology}.
 */
final class ActorTopologyFactory {

    private final RtProperties properties;
    private final RtActorBeanRegistrar registrar;
    private final ListableBeanFactory beanFactory;

    ActorTopologyFactory(RtProperties properties, RtActorBeanRegistrar registrar, ListableBeanFactory beanFactory) {
        this.properties = properties;
        this.registrar = registrar;
        this.beanFactory = beanFactory;
    }

    ActorTopology create() {
        RtPropertiesValidator.validate(properties);
        Map<String, SupervisorSpec> specs = beanFactory.getBeansOfType(SupervisorSpec.class);
        List<SupervisedChild> extras = beanFactory.getBeanProvider(SupervisedChild.class).orderedStream().toList();
        TopologyAssembler assembler = new TopologyAssembler(ActorSystemFactory.defaultMailbox(properties),
                declaration -> new ActorBeanFactory(beanFactory, declaration.beanName()));
        return assembler.assemble(RtPropertiesValidator.supervisors(properties), specs, registrar.declarations(),
                extras);
    }
}
