package org.sw4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sw4j.core.spi.ClientInfo;
import org.sw4j.core.spi.WindowHost;
import org.sw4j.core.spi.WorkerServices;
import org.sw4j.core.version.ServiceWorkerState;
import org.sw4j.core.version.WorkerType;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.url.Url;

/**
 * WindowClient focus()/navigate() and Clients openWindow() on the fake host: the engine's checks
 * (window interaction, URLs, control) before the embedder's windows are asked, and what the worker
 * gets back.
 */
class WindowInteractionEngineTest {
    private static final String ORIGIN = "https://example.com";
    private final FakeWorkerHost host = new FakeWorkerHost();
    private final FakeNetwork scripts = new FakeNetwork();
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    private ServiceWorkerContext context;
    private ServiceWorkerRegistration registration;
    private ServiceWorkerClient page;
    private WorkerServices services;

    /** Windows that focus as asked, navigate by replacing the client, and open a window per URL. */
    private final WindowHost windows = new WindowHost() {
        @Override
        public CompletableFuture<Void> focus(String clientId) {
            asked.add("focus " + clientId);
            context.setClientState(context.client(clientId).orElseThrow(), "visible", true);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<String> navigate(String clientId, Url url) {
            asked.add("navigate " + url.href());
            if (url.host().equals("unreachable.example")) {
                return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
            }
            ServiceWorkerClient next = context.reserveWindowClient(url);
            context.clientReplaced(context.client(clientId).orElseThrow(), next, url);
            return CompletableFuture.completedFuture(next.id());
        }

        @Override
        public CompletableFuture<String> openWindow(Url url) {
            asked.add("open " + url.href());
            ServiceWorkerClient opened = context.reserveWindowClient(url);
            context.clientExecutionReady(opened, url);
            return CompletableFuture.completedFuture(opened.id());
        }
    };

    @BeforeEach
    void activated() throws Exception {
        host.define("windows", FakeWorkerHost.script("fetch"));
        scripts.script(ORIGIN + "/sw.js", "windows");
        context = ServiceWorkerContext.builder(host).scriptFetcher(scripts).windowHost(windows).build();
        page = context.reserveWindowClient(Url.parse(ORIGIN + "/"));
        context.clientExecutionReady(page, Url.parse(ORIGIN + "/"));
        registration = context.register(page, ORIGIN + "/sw.js", null, WorkerType.CLASSIC, UpdateViaCache.IMPORTS)
                .get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (registration.active() == null || registration.active().state() != ServiceWorkerState.ACTIVATED) {
            assertThat(System.nanoTime()).as("activated in time").isLessThan(deadline);
            Thread.sleep(5);
        }
        services = new VersionServices(context, registration.active());
        services.claimClients().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    /** The JavaScript exception a future failed with, as "Name: message". */
    private static String failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(WebError.class);
            return ((WebError) e.getCause()).jsName() + ": " + e.getCause().getMessage();
        }
        throw new AssertionError("the future did not fail");
    }

    @Test
    void focusNeedsWindowInteractionWhichExpires() throws Exception {
        assertThat(failure(services.focusClient(page.id()))).startsWith("InvalidAccessError: ");
        context.allowWindowInteraction(registration, Duration.ofMillis(1));
        Thread.sleep(20);
        assertThat(failure(services.focusClient(page.id()))).startsWith("InvalidAccessError: ");
        assertThat(asked).isEmpty();

        context.allowWindowInteraction(registration, Duration.ofMinutes(1));
        page.setFocus(false, 0);
        ClientInfo focused = services.focusClient(page.id()).get(10, TimeUnit.SECONDS);

        assertThat(focused.focused()).isTrue();
        assertThat(focused.id()).isEqualTo(page.id());
        assertThat(asked).containsExactly("focus " + page.id());
        assertThat(failure(services.focusClient("nobody"))).startsWith("TypeError: ");
    }

    @Test
    void navigateChecksTheUrlAndControlThenReplacesTheClient() throws Exception {
        ServiceWorkerClient uncontrolled = context.reserveWindowClient(Url.parse(ORIGIN + "/elsewhere"));
        context.clientExecutionReady(uncontrolled, Url.parse(ORIGIN + "/elsewhere"));

        assertThat(failure(services.navigateClient(page.id(), "https://[bad"))).startsWith("TypeError: ");
        assertThat(failure(services.navigateClient(page.id(), "about:blank"))).startsWith("TypeError: ");
        assertThat(failure(services.navigateClient(uncontrolled.id(), "next"))).startsWith("TypeError: ");
        assertThat(asked).isEmpty();
        assertThat(failure(services.navigateClient(page.id(), "https://unreachable.example/")))
                .isEqualTo("TypeError: Failed to execute 'navigate' on 'WindowClient': connection refused");

        Optional<ClientInfo> next = services.navigateClient(page.id(), "next").get(10, TimeUnit.SECONDS);

        assertThat(next).hasValueSatisfying(info -> assertThat(info.url()).isEqualTo(ORIGIN + "/next"));
        assertThat(next.get().id()).isNotEqualTo(page.id());
        assertThat(page.isClosed()).isTrue();
    }

    @Test
    void navigateToAnotherOriginResolvesWithNothing() throws Exception {
        assertThat(services.navigateClient(page.id(), "https://other.example/").get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(asked).containsExactly("navigate https://other.example/");
    }

    @Test
    void openWindowChecksTheUrlBeforeWindowInteraction() throws Exception {
        assertThat(failure(services.openWindow("about:blank"))).startsWith("TypeError: ");
        assertThat(failure(services.openWindow("opened"))).startsWith("InvalidAccessError: ");
        context.allowWindowInteraction(registration, Duration.ofMinutes(1));

        assertThat(services.openWindow("opened").get(10, TimeUnit.SECONDS))
                .hasValueSatisfying(info -> assertThat(info.url()).isEqualTo(ORIGIN + "/opened"));
        assertThat(services.openWindow("https://other.example/").get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(asked).containsExactly("open " + ORIGIN + "/opened", "open https://other.example/");
    }
}
