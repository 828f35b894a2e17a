package dev.rt.remote.nats;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.Signal;
import dev.rt.Terminated;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The owner side of remote death watch: a local actor that watches local actors on behalf of other nodes
 * and reports their stop to every node that asked.
 */
final class WatchAgent implements Actor<WatchAgent.Command> {

    sealed interface Command {
    }

    /** {@code node} wants to hear when {@code local} (known there as {@code key}) stops. */
    record Watch(ActorRef<?> local, String key, String node) implements Command {
    }

    /** {@code node} no longer does. */
    record Unwatch(ActorRef<?> local, String node) implements Command {
    }

    /** {@code node} is gone: stop reporting to it. */
    record NodeDown(String node) implements Command {
    }

    private record Entry(String key, Set<String> nodes) {
    }

    /** Publishes "this key stopped" to a node. */
    private final BiConsumer<String, String> report;
    private final Map<ActorRef<?>, Entry> watched = new HashMap<>();

    WatchAgent(BiConsumer<String, String> report) {
        this.report = report;
    }

    @Override
    public void onMessage(Command command, ActorContext<Command> ctx) {
        if (command instanceof Watch watch) {
            Entry entry = watched.get(watch.local());
            if (entry == null) {
                entry = new Entry(watch.key(), new HashSet<>());
                watched.put(watch.local(), entry);
                ctx.watch(watch.local()); // delivers Terminated at once if it has already stopped
            }
            entry.nodes().add(watch.node());
        } else if (command instanceof Unwatch unwatch) {
            Entry entry = watched.get(unwatch.local());
            if (entry != null && entry.nodes().remove(unwatch.node()) && entry.nodes().isEmpty()) {
                watched.remove(unwatch.local());
                ctx.unwatch(unwatch.local());
            }
        } else if (command instanceof NodeDown down) {
            watched.values().forEach(entry -> entry.nodes().remove(down.node()));
        }
    }

    @Override
    public void onSignal(Signal signal, ActorContext<Command> ctx) {
        if (signal instanceof Terminated terminated) {
            Entry entry = watched.remove(terminated.ref());
            if (entry != null) {
                entry.nodes().forEach(node -> report.accept(node, entry.key()));
            }
        }
    }
}
