package dev.rt;

import java.util.ArrayList;
import java.util.List;

/** A router over given refs; routees that stop are dropped from it. */
final class GroupRouter<M> extends AbstractRouter<M> {

    GroupRouter(ActorSystem system, ActorAddress address, RoutingStrategy<M> strategy, List<? extends ActorRef<M>> refs) {
        super(system, address, strategy, new Routees<>(refs));
    }

    @Override
    void routeesChanged(Routees<M> seen) {
        List<ActorRef<M>> live = new ArrayList<>(seen.size());
        for (ActorRef<M> ref : seen.asList()) {
            if (!isStopped(ref)) {
                live.add(ref);
            }
        }
        synchronized (this) {
            if (routees == seen) {
                routees = new Routees<>(live);
            }
        }
    }
}
