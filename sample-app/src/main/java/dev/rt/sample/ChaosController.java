package dev.rt.sample;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sets how often the enricher fails, to watch supervision at work: {@code POST /chaos/failure-rate?rate=1}. */
@RestController
class ChaosController {

    private final FailureInjection failures;

    ChaosController(FailureInjection failures) {
        this.failures = failures;
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
}
