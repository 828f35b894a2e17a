package dev.rt.spring.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.Actor;
import dev.rt.ChildSpec;
import dev.rt.MailboxConfig;
import dev.rt.RestartType;
import dev.rt.SupervisionStrategy;
import dev.rt.SupervisorSpec;
import dev.rt.spring.InvalidRtConfigurationException;
import dev.rt.spring.SupervisedChild;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;

class TopologyAssemblerTests {

    private final TopologyAssembler assembler = new TopologyAssembler(MailboxConfig.unbounded(),
            declaration -> () -> (Actor<Object>) (message, ctx) -> { });

    private static Supplier<Actor<Object>> noop() {
        return () -> (message, ctx) -> { };
    }

    private static ActorDeclaration actor(String name, String supervisor) {
        return new ActorDeclaration(name + "Bean", name, supervisor, Object.class, ResolvableType.forClass(String.class),
                RestartType.TRANSIENT, null, null, "default");
    }

    private static SupervisorDeclaration config(String name, String parent) {
        return new SupervisorDeclaration(name, parent, SupervisionStrategy.ONE_FOR_ALL, 4, Duration.ofSeconds(9), null,
                "rt.supervisors." + name);
    }

    @Test
    void childrenStartInDeclarationOrderAcrossAllSources() {
        Map<String, SupervisorSpec> specs = new LinkedHashMap<>();
        specs.put("shopBean", SupervisorSpec.builder("shop")
                .child(ChildSpec.actor("cache", noop()))
                .child(ChildSpec.supervisor(SupervisorSpec.builder("workers").build()))
                .build());
        ActorTopology topology = assembler.assemble(
                List.of(config("payments", "shop"), config("audit", null)),
                specs,
                List.of(actor("orders", "shop"), actor("worker", "workers"), actor("clock", null)),
                List.of(new SupervisedChild("shop", ChildSpec.actor("router", noop()))));

        assertThat(topology.supervisors()).extracting(SupervisorSpec::name).containsExactly("audit", "shop");
        SupervisorSpec shop = topology.supervisors().get(1);
        assertThat(shop.children()).extracting(ChildSpec::name)
                .containsExactly("cache", "workers", "payments", "orders", "router");
        assertThat(shop.children().get(3).restartType()).isEqualTo(RestartType.TRANSIENT);
        SupervisorSpec payments = shop.children().get(2).supervisorSpec();
        assertThat(payments.strategy()).isEqualTo(SupervisionStrategy.ONE_FOR_ALL);
        assertThat(payments.maxRestarts()).isEqualTo(4);
        assertThat(shop.children().get(1).supervisorSpec().children()).extracting(ChildSpec::name)
                .containsExactly("worker");

        assertThat(topology.actors()).extracting(ActorTopology.TopLevelActor::name).containsExactly("clock");
        assertThat(topology.actorPaths()).containsEntry("orders", "/user/shop/orders")
                .containsEntry("worker", "/user/shop/workers/worker").containsEntry("clock", "/user/clock");
        assertThat(topology.supervisorPaths()).containsEntry("shop", "/user/shop")
                .containsEntry("workers", "/user/shop/workers").containsEntry("payments", "/user/shop/payments")
                .containsEntry("audit", "/user/audit");
        assertThat(topology.declaredChildren().get("/user/shop"))
                .containsExactly("cache", "workers", "payments", "orders", "router");
        assertThat(topology.declaredActors()).containsExactlyInAnyOrder("/user/shop/cache", "/user/shop/orders",
                "/user/shop/router", "/user/shop/workers/worker", "/user/clock");
    }

    @Test
    void anAmbiguousNestedSupervisorNameIsRejectedWhenUsed() {
        Map<String, SupervisorSpec> specs = new LinkedHashMap<>();
        specs.put("a", SupervisorSpec.builder("a").child(ChildSpec.supervisor(SupervisorSpec.builder("pool").build()))
                .build());
        specs.put("b", SupervisorSpec.builder("b").child(ChildSpec.supervisor(SupervisorSpec.builder("pool").build()))
                .build());
        assertThat(assembler.assemble(List.of(), specs, List.of(), List.of()).supervisorPaths())
                .doesNotContainKey("pool");
        assertThatThrownBy(() -> assembler.assemble(List.of(), specs, List.of(actor("x", "pool")), List.of()))
                .isInstanceOf(InvalidRtConfigurationException.class)
                .hasMessageContaining("several supervisors are named 'pool'")
                .hasMessageContaining("nested in SupervisorSpec bean 'a'")
                .hasMessageContaining("nested in SupervisorSpec bean 'b'");
    }

    @Test
    void twoChildrenOfTheSameNameAreRejected() {
        assertThatThrownBy(() -> assembler.assemble(List.of(config("shop", null), config("orders", "shop")), Map.of(),
                List.of(actor("orders", "shop")), List.of()))
                .isInstanceOf(InvalidRtConfigurationException.class)
                .hasMessageContaining("supervisor 'shop' already has a child named 'orders' (from rt.supervisors.orders)");
    }

    @Test
    void aTopLevelActorCannotShareASupervisorsName() {
        assertThatThrownBy(() -> assembler.assemble(List.of(config("shop", null)), Map.of(),
                List.of(actor("shop", null)), List.of()))
                .isInstanceOf(InvalidRtConfigurationException.class)
                .hasMessageContaining("already declared by rt.supervisors.shop");
    }

    @Test
    void anUnknownSupervisorListsTheKnownOnes() {
        assertThatThrownBy(() -> assembler.assemble(List.of(config("shop", null), config("audit", null)), Map.of(),
                List.of(actor("orders", "shpo")), List.of()))
                .isInstanceOf(InvalidRtConfigurationException.class)
                .hasMessageContaining("no supervisor is named 'shpo'")
                .satisfies(e -> assertThat(((InvalidRtConfigurationException) e).action())
                        .contains("audit, shop"));
    }
}
