package dev.rt.sample;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.spring.RtActor;

/** Keeps a running total; a bean, started under the "app" supervisor declared in application.yml. */
@RtActor(name = "counter", supervisor = "app")
final class Counter implements Actor<Counter.Command> {

    sealed interface Command {
        record Add(long amount) implements Command {
        }

        record Get(ActorRef<Long> replyTo) implements Command {
        }
    }

    private long total;

    @Override
    public void onMessage(Command command, ActorContext<Command> ctx) {
        if (command instanceof Command.Add add) {
            total += add.amount();
        } else if (command instanceof Command.Get get) {
            get.replyTo().tell(total);
        }
    }
}
