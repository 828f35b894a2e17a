package dev.rt.sample;

import dev.rt.ActorRef;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Has the catalog rebuild itself and the index from the store once the application has started: the
 * documents of an earlier run are found again. Not in the catalog's {@code preStart}, because on the
 * service's start the index router runs only after the actor beans; on a restart the catalog does it itself.
 */
@Component
final class CatalogStartup implements ApplicationRunner {

    private final ActorRef<Catalog.Command> catalog;

    CatalogStartup(ActorRef<Catalog.Command> catalog) {
        this.catalog = catalog;
    }

    @Override
    public void run(ApplicationArguments args) {
        catalog.tell(new Catalog.Command.Reload());
    }
}
