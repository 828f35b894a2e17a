package dev.rt.remote.nats;

import java.time.Instant;

/**
 * A live node of the cluster, as this node sees it.
 *
 * @param nodeId the node's id
 * @param incarnation when that node's remoting started (a restart with the same id is a new incarnation)
 * @param lastSeen when this node last heard its heartbeat
 */
public record Member(String nodeId, long incarnation, Instant lastSeen) {
}
