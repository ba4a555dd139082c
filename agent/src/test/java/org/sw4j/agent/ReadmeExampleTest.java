package org.sw4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.network.TestOrigin;

/** The README's example, against an origin serving the Linode tutorial's files. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeExampleRuns() throws Exception {
        Path seed = CatScenarioTest.seed();
        try (TestOrigin origin = new TestOrigin()) {
            origin.serve("/", 200, Map.of("Content-Type", "text/html"), Files.readString(seed.resolve("index.html")));
            origin.serve("/service-worker.js", 200, Map.of("Content-Type", "application/javascript"),
                    Files.readString(seed.resolve("service-worker.js")));
            origin.serve("/img", 200, Map.of("Content-Type", "image/jpeg"), "cat");
            String site = origin.url("/");
            Response.ServedBy first;
            Response.ServedBy offline;
            // --- the README's code, with the origin's URL ---
            try (UserAgent agent = UserAgent.builder()
                    .dataDirectory(dir.resolve("sw4j-data"))
                    .build()) {
                Window page = agent.openWindow(site);
                Registration registration = page.serviceWorker().register("service-worker.js");
                registration.awaitActivated(Duration.ofSeconds(10));

                Window next = agent.openWindow(site);
                Response image = next.fetch("./img");
                first = image.servedBy();
                registration.awaitNoPendingEvents(Duration.ofSeconds(10));


                agent.network().setOnline(false);
                offline = agent.openWindow(site).fetch("./img").servedBy();
            }
            assertThat(first).isEqualTo(Response.ServedBy.SERVICE_WORKER);
            assertThat(offline).isEqualTo(Response.ServedBy.SERVICE_WORKER);
        }
    }
}
