package dev.rt.sample;

import dev.rt.ActorRef;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Failure injection, to watch supervision at work: how often the enricher fails
 * ({@code POST /chaos/failure-rate?rate=1}), and one-off crashes of the catalog
 * ({@code POST /chaos/crash/catalog}) or of the index shard that holds a term
 * ({@code POST /chaos/crash/index?term=actors}).
 */
@RestController
final class ChaosController {

    private final FailureInjection failures;
    private final ActorRef<Catalog.Command> catalog;
    private final ActorRef<IndexShard.Command> index;

    ChaosController(FailureInjection failures, ActorRef<Catalog.Command> catalog,
                    @Qualifier("index") ActorRef<IndexShard.Command> index) {
        this.failures = failures;
        this.catalog = catalog;
        this.index = index;
    }

    @PostMapping("/chaos/failure-rate")
    Map<String, Double> set(@RequestParam double rate) {
        failures.failureRate(rate);
        return Map.of("failureRate", failures.failureRate());
    }

    @GetMapping("/chaos/failure-rate")
    Map<String, Double> get() {
        return Map.of("failureRate", failures.failureRate());
    }

    /** The catalog fails on the next message it handles; "pipeline" restarts it and the ingest actor. */
    @PostMapping("/chaos/crash/catalog")
    ResponseEntity<Void> crashCatalog() {
        catalog.tell(new Catalog.Command.Crash());
        return ResponseEntity.accepted().build();
    }

    /** The shard that holds {@code term} fails; the index router's supervisor restarts it. */
    @PostMapping("/chaos/crash/index")
    ResponseEntity<Void> crashIndexShard(@RequestParam String term) {
        index.tell(new IndexShard.Command.Crash(Terms.normalize(term)));
        return ResponseEntity.accepted().build();
    }
}
