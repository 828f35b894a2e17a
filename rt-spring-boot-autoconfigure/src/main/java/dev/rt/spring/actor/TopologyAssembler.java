package dev.rt.spring.actor;

import dev.rt.Actor;
import dev.rt.ChildSpec;
import dev.rt.InvalidActorNameException;
import dev.rt.MailboxConfig;
import dev.rt.SpawnOptions;
import dev.rt.SupervisorSpec;
import dev.rt.spring.InvalidRtConfigurationException;
import dev.rt.spring.SupervisedChild;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Assembles supervision trees from what the application declares: supervisors in the configuration
 * ({@link SupervisorDeclaration}), {@link SupervisorSpec} beans, actor beans ({@link ActorDeclaration})
 * and {@link SupervisedChild} beans. Supervisors are referred to by name, nested ones included; a
 * supervisor's children start in this order: the spec's own children, supervisors declared with it as
 * parent, actor beans, then supervised-child beans.
 *
 * <p>Every reference is checked: an unknown or ambiguous supervisor, a parent cycle, or two children of
 * the same name fail with an {@link InvalidRtConfigurationException} naming the property and the
 * candidates.
 */
public final class TopologyAssembler {

    private static final String ROOT = "/user";

    private final MailboxConfig defaultMailbox;
    private final Function<ActorDeclaration, Supplier<? extends Actor<?>>> factories;

    /**
     * @param defaultMailbox the mailbox of actor beans that do not choose one
     * @param factories makes the instance factory of an actor bean
     */
    public TopologyAssembler(MailboxConfig defaultMailbox,
                             Function<ActorDeclaration, Supplier<? extends Actor<?>>> factories) {
        this.defaultMailbox = Objects.requireNonNull(defaultMailbox, "defaultMailbox");
        this.factories = Objects.requireNonNull(factories, "factories");
    }

    /**
     * @param configured supervisors from the configuration, in declaration order
     * @param specBeans supervisor spec beans by bean name, in declaration order
     * @param actors actor beans, in start order
     * @param extraChildren supervised-child beans, in order
     * @return the assembled topology
     * @throws InvalidRtConfigurationException if a reference is wrong
     */
    public ActorTopology assemble(List<SupervisorDeclaration> configured, Map<String, SupervisorSpec> specBeans,
                                  List<ActorDeclaration> actors, List<SupervisedChild> extraChildren) {
        return new Assembly(configured, specBeans, actors, extraChildren).build();
    }

    /** A declared supervisor while the trees are assembled. */
    private static final class Node {
        final String name;
        final String source;
        final SupervisorDeclaration declaration;
        final SupervisorSpec spec;
        final boolean topLevelDeclaration;
        Node parent;
        final List<Node> configChildren = new ArrayList<>();
        final List<ActorDeclaration> actors = new ArrayList<>();
        final List<SupervisedChild> extras = new ArrayList<>();

        Node(String name, String source, SupervisorDeclaration declaration, SupervisorSpec spec,
             boolean topLevelDeclaration) {
            this.name = name;
            this.source = source;
            this.declaration = declaration;
            this.spec = spec;
            this.topLevelDeclaration = topLevelDeclaration;
        }
    }

    private final class Assembly {
        private final List<SupervisorDeclaration> configured;
        private final Map<String, SupervisorSpec> specBeans;
        private final List<ActorDeclaration> actors;
        private final List<SupervisedChild> extraChildren;
        private final Map<String, List<Node>> byName = new LinkedHashMap<>();
        private final Map<SupervisorSpec, Node> bySpec = new IdentityHashMap<>();
        private final List<Node> roots = new ArrayList<>();
        private final Map<String, String> actorPaths = new HashMap<>();
        private final Map<String, String> supervisorPaths = new HashMap<>();
        private final Map<String, List<String>> declaredChildren = new HashMap<>();
        private final Set<String> declaredActors = new HashSet<>();

        Assembly(List<SupervisorDeclaration> configured, Map<String, SupervisorSpec> specBeans,
                 List<ActorDeclaration> actors, List<SupervisedChild> extraChildren) {
            this.configured = configured;
            this.specBeans = specBeans;
            this.actors = actors;
            this.extraChildren = extraChildren;
        }

        ActorTopology build() {
            List<Node> configNodes = new ArrayList<>();
            for (SupervisorDeclaration declaration : configured) {
                Node node = new Node(declaration.name(), declaration.source(), declaration, null, true);
                register(node);
                configNodes.add(node);
            }
            List<Node> specNodes = new ArrayList<>();
            specBeans.forEach((beanName, spec) -> {
                Node node = new Node(spec.name(), "SupervisorSpec bean '" + beanName + "'", null, spec, true);
                register(node);
                registerNested(node, spec);
                specNodes.add(node);
            });
            linkParents(configNodes);
            List<ActorDeclaration> topLevelActors = new ArrayList<>();
            for (ActorDeclaration actor : actors) {
                if (actor.supervisor() == null) {
                    topLevelActors.add(actor);
                } else {
                    resolve(actor.supervisor(), actor.describe("supervisor")).actors.add(actor);
                }
            }
            for (SupervisedChild extra : extraChildren) {
                resolve(extra.supervisor(), "SupervisedChild bean for child '" + extra.child().name() + "'")
                        .extras.add(extra);
            }
            for (Node node : configNodes) {
                if (node.parent == null) {
                    roots.add(node);
                }
            }
            roots.addAll(specNodes);
            checkTopLevelNames(topLevelActors);
            List<SupervisorSpec> trees = new ArrayList<>();
            for (Node root : roots) {
                trees.add(build(root, ROOT));
            }
            List<ActorTopology.TopLevelActor> plain = new ArrayList<>();
            for (ActorDeclaration actor : topLevelActors) {
                String path = ROOT + "/" + actor.name();
                actorPaths.put(actor.name(), path);
                declaredActors.add(path);
                plain.add(new ActorTopology.TopLevelActor(actor.name(), factories.apply(actor), options(actor)));
            }
            return new ActorTopology(trees, plain, actorPaths, supervisorPaths, declaredChildren, declaredActors);
        }

        private void register(Node node) {
            List<Node> same = byName.computeIfAbsent(node.name, n -> new ArrayList<>());
            if (node.topLevelDeclaration) {
                for (Node other : same) {
                    if (other.topLevelDeclaration) {
                        throw new InvalidRtConfigurationException(node.source, node.name,
                                "a supervisor named '" + node.name + "' is already declared by " + other.source,
                                "Rename one of them: actors refer to supervisors by name.");
                    }
                }
            }
            same.add(node);
        }

        private void registerNested(Node enclosing, SupervisorSpec spec) {
            for (ChildSpec child : spec.children()) {
                if (child.isSupervisor()) {
                    SupervisorSpec nestedSpec = child.supervisorSpec();
                    Node nested = new Node(nestedSpec.name(), "supervisor '" + nestedSpec.name() + "' nested in "
                            + enclosing.source, null, nestedSpec, false);
                    nested.parent = enclosing;
                    register(nested);
                    bySpec.put(nestedSpec, nested);
                    registerNested(nested, nestedSpec);
                }
            }
        }

        private void linkParents(List<Node> configNodes) {
            for (Node node : configNodes) {
                String parentName = node.declaration.parent();
                if (parentName != null) {
                    Node parent = resolve(parentName, node.source + ".parent");
                    node.parent = parent;
                    parent.configChildren.add(node);
                }
            }
            for (Node node : configNodes) {
                Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
                for (Node at = node; at != null; at = at.parent) {
                    if (!seen.add(at)) {
                        throw new InvalidRtConfigurationException(node.source + ".parent", node.declaration.parent(),
                                "the parents form a cycle through supervisor '" + at.name + "'",
                                "Make the parents a tree: at least one supervisor of the cycle must be top-level "
                                        + "(no parent).");
                    }
                }
            }
        }

        private Node resolve(String name, String property) {
            List<Node> candidates = byName.get(name);
            if (candidates == null || candidates.isEmpty()) {
                throw new InvalidRtConfigurationException(property, name, "no supervisor is named '" + name + "'",
                        "Declare it under rt.supervisors." + name + " or as a SupervisorSpec bean, or use one of "
                                + "the declared supervisors: " + knownSupervisors() + ".");
            }
            if (candidates.size() > 1) {
                List<String> sources = new ArrayList<>();
                candidates.forEach(candidate -> sources.add(candidate.source));
                throw new InvalidRtConfigurationException(property, name,
                        "several supervisors are named '" + name + "': " + sources,
                        "Give the nested supervisors distinct names so the reference is unambiguous.");
            }
            return candidates.get(0);
        }

        private String knownSupervisors() {
            Set<String> names = new TreeSet<>(byName.keySet());
            return names.isEmpty() ? "none is declared" : String.join(", ", names);
        }

        private void checkTopLevelNames(List<ActorDeclaration> topLevelActors) {
            Map<String, String> seen = new HashMap<>();
            for (Node root : roots) {
                seen.put(root.name, root.source);
            }
            for (ActorDeclaration actor : topLevelActors) {
                String other = seen.putIfAbsent(actor.name(), actor.describe("name"));
                if (other != null) {
                    throw new InvalidRtConfigurationException(actor.describe("name"), actor.name(),
                            "a top-level actor or supervisor of that name is already declared by " + other,
                            "Rename one of them: names under /user must be distinct.");
                }
            }
        }

        private SupervisorSpec build(Node node, String parentPath) {
            String path = parentPath + "/" + node.name;
            if (byName.get(node.name).size() == 1) {
                supervisorPaths.put(node.name, path);
            }
            SupervisorSpec.Builder builder = builder(node);
            Map<String, String> children = new LinkedHashMap<>();
            if (node.spec != null) {
                for (ChildSpec child : node.spec.children()) {
                    if (child.isSupervisor()) {
                        SupervisorSpec nested = build(bySpec.get(child.supervisorSpec()), path);
                        add(builder, children, ChildSpec.supervisor(nested).restart(child.restartType())
                                .shutdown(child.shutdownPolicy()), node.source, node);
                    } else {
                        add(builder, children, child, node.source, node);
                        declaredActors.add(path + "/" + child.name());
                    }
                }
            }
            for (Node child : node.configChildren) {
                add(builder, children, ChildSpec.supervisor(build(child, path)), child.source, node);
            }
            for (ActorDeclaration actor : node.actors) {
                @SuppressWarnings("unchecked")
                Supplier<Actor<Object>> factory = (Supplier<Actor<Object>>) (Supplier<?>) factories.apply(actor);
                ChildSpec child = ChildSpec.actor(actor.name(), factory).restart(actor.restart())
                        .options(options(actor));
                if (actor.shutdown() != null) {
                    child = child.shutdown(actor.shutdown());
                }
                add(builder, children, child, actor.describe("name"), node);
                actorPaths.put(actor.name(), path + "/" + actor.name());
                declaredActors.add(path + "/" + actor.name());
            }
            for (SupervisedChild extra : node.extras) {
                add(builder, children, extra.child(), "SupervisedChild bean for supervisor '" + node.name + "'", node);
                if (!extra.child().isSupervisor()) {
                    declaredActors.add(path + "/" + extra.child().name());
                }
            }
            declaredChildren.put(path, List.copyOf(children.keySet()));
            return builder.build();
        }

        private SupervisorSpec.Builder builder(Node node) {
            try {
                if (node.declaration != null) {
                    SupervisorDeclaration declaration = node.declaration;
                    return SupervisorSpec.builder(node.name).strategy(declaration.strategy())
                            .intensity(declaration.maxRestarts(), declaration.period())
                            .backoff(declaration.backoff());
                }
                return SupervisorSpec.builder(node.name).strategy(node.spec.strategy())
                        .intensity(node.spec.maxRestarts(), node.spec.period()).backoff(node.spec.backoff());
            } catch (InvalidActorNameException e) {
                throw new InvalidRtConfigurationException(node.source, node.name, e.getMessage(),
                        "Use a name made of letters, digits and - _ . : @ + = ~ (it becomes a path segment).", e);
            }
        }

        private void add(SupervisorSpec.Builder builder, Map<String, String> children, ChildSpec child, String source,
                         Node supervisor) {
            String other = children.putIfAbsent(child.name(), source);
            if (other != null) {
                throw new InvalidRtConfigurationException(source, child.name(),
                        "supervisor '" + supervisor.name + "' already has a child named '" + child.name()
                                + "' (from " + other + ")",
                        "Rename one of them: children of a supervisor need distinct names.");
            }
            builder.child(child);
        }
    }

    private SpawnOptions options(ActorDeclaration actor) {
        return new SpawnOptions(actor.mailbox() != null ? actor.mailbox() : defaultMailbox, actor.dispatcher());
    }
}
