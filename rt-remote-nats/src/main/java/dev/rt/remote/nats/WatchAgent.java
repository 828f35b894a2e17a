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
 * and reports their stop to every node that asked, under every key it asked by. One actor can be known
 * by several keys ({@code /user/a#0} from a path lookup, {@code /user/a#17} from a ref in a message), and
 * a node's watchers wait for the key they used.
 */
final class WatchAgent implements Actor<WatchAgent.Command> {

    sealed interface Command {
    }

    /** {@code node} wants to hear when {@code local} (known there as {@code key}) stops. */
    record Watch(ActorRef<?> local, String key, String node) implements Command {
    }

    /** {@code node} no longer watches {@code local} under {@code key}. */
    record Unwatch(ActorRef<?> local, String key, String node) implements Command {
    }

    /** {@code node} is gone: stop reporting to it. */
    record NodeDown(String node) implements Command {
    }

    /** A node that watches under a key. */
    private record Watcher(String key, String node) {
    }

    /** Publishes "this key stopped" to a node. */
    private final BiConsumer<String, String> report;
    private final Map<ActorRef<?>, Set<Watcher>> watched = new HashMap<>();

    WatchAgent(BiConsumer<String, String> report) {
        this.report = report;
    }

    @Override
    public void onMessage(Command command, ActorContext<Command> ctx) {
        if (command instanceof Watch watch) {
            Set<Watcher> watchers = watched.get(watch.local());
            if (watchers == null) {
                watchers = new HashSet<>();
                watched.put(watch.local(), watchers);
                ctx.watch(watch.local()); // delivers Terminated at once if it has already stopped
            }
            watchers.add(new Watcher(watch.key(), watch.node()));
        } else if (command instanceof Unwatch unwatch) {
            Set<Watcher> watchers = watched.get(unwatch.local());
            if (watchers != null && watchers.remove(new Watcher(unwatch.key(), unwatch.node()))
                    && watchers.isEmpty()) {
                watched.remove(unwatch.local());
                ctx.unwatch(unwatch.local());
            }
        } else if (command instanceof NodeDown down) {
            watched.values().forEach(watchers -> watchers.removeIf(w -> w.node().equals(down.node())));
        }
    }

    @Override
    public void onSignal(Signal signal, ActorContext<Command> ctx) {
        if (signal instanceof Terminated terminated) {
            Set<Watcher> watchers = watched.remove(terminated.ref());
            if (watchers != null) {
                watchers.forEach(w -> report.accept(w.node(), w.key()));
            }
        }
    }
}
