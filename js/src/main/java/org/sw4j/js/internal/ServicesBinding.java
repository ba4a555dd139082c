package org.sw4j.js.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.graalvm.polyglot.Value;
import org.sw4j.core.spi.ClientInfo;
import org.sw4j.core.spi.ClientType;
import org.sw4j.core.spi.RegistrationInfo;
import org.sw4j.core.spi.WorkerInfo;
import org.sw4j.core.spi.WorkerServices;
import org.sw4j.webapi.error.WebError;

/**
 * The host operations behind {@code clients.js}: {@code self.registration},
 * {@code self.serviceWorker}, {@code skipWaiting()} and {@code clients}, answered by the worker's
 * {@link WorkerServices}.
 *
 * <p>The services' futures may complete on any thread: each call is a host operation (the worker is
 * not idle meanwhile) whose answer comes back as a task, {@code onDone(result)} or
 * {@code onError(name, message)} — a {@link WebError} as the exception it names, anything else as
 * a TypeError with its message ({@link HostFunctions#reject}).
 *
 * <p>Values cross as arrays: a worker as {@code [id, scriptURL, state]}, a registration as
 * {@code [scope, updateViaCache, installing, waiting, active]}, a client as
 * {@code [id, url, type, frameType, visibilityState, focused]}.
 */
final class ServicesBinding {
    private ServicesBinding() {}

    static void define(HostFunctions host, GlobalScope scope) {
        host.define("servicesRegistration", args -> registration(services(scope).registration()));
        host.define("servicesSelf", args -> worker(services(scope).self()));
        host.define("servicesSkipWaiting", args -> {
            call(scope, "skipWaiting", () -> services(scope).skipWaiting(), result -> null, args[0], args[1]);
            return null;
        });
        host.define("servicesClaim", args -> {
            call(scope, "clients.claim", () -> services(scope).claimClients(), result -> null, args[0], args[1]);
            return null;
        });
        host.define("servicesGetClient", args -> {
            String id = args[0].asString();
            call(scope, "clients.get", () -> services(scope).getClient(id),
                    (Optional<ClientInfo> found) -> found.map(ServicesBinding::client).orElse(null), args[1], args[2]);
            return null;
        });
        host.define("servicesMatchAll", args -> {
            boolean includeUncontrolled = args[0].asBoolean();
            ClientType type = ClientType.fromJsName(args[1].asString());
            call(scope, "clients.matchAll", () -> services(scope).matchAllClients(includeUncontrolled, type),
                    (List<ClientInfo> found) -> HostFunctions.array(found.stream().map(ServicesBinding::client).toArray()),
                    args[2], args[3]);
            return null;
        });
        host.define("servicesUpdate", args -> {
            call(scope, "registration.update", () -> services(scope).update(), result -> null, args[0], args[1]);
            return null;
        });
        host.define("routesVerify", args -> RoutesBinding.verify(args[0],
                org.sw4j.webapi.url.Url.parse(scope.worker().startParameters().scriptUrl())));
        host.define("servicesAddRoutes", args -> {
            List<org.sw4j.core.routing.RouterRule> rules = args[0].asHostObject();
            call(scope, "addRoutes", () -> services(scope).addRoutes(rules), result -> null, args[1], args[2]);
            return null;
        });
        host.define("servicesUnregister", args -> {
            call(scope, "registration.unregister", () -> services(scope).unregister(), result -> result, args[0], args[1]);
            return null;
        });
        defineNavigationPreloadAndWindows(host, scope);
    }

    /**
     * {@code registration.navigationPreload} (a state crosses as {@code [enabled, headerValue]}),
     * {@code WindowClient.focus()} / {@code navigate()} and {@code clients.openWindow()}.
     */
    private static void defineNavigationPreloadAndWindows(HostFunctions host, GlobalScope scope) {
        host.define("servicesNavigationPreloadEnable", args -> {
            boolean enabled = args[0].asBoolean();
            call(scope, "navigationPreload." + (enabled ? "enable" : "disable"),
                    () -> services(scope).setNavigationPreloadEnabled(enabled), result -> null, args[1], args[2]);
            return null;
        });
        host.define("servicesNavigationPreloadSetHeaderValue", args -> {
            String value = args[0].asString();
            call(scope, "navigationPreload.setHeaderValue",
                    () -> services(scope).setNavigationPreloadHeaderValue(value), result -> null, args[1], args[2]);
            return null;
        });
        host.define("servicesNavigationPreloadGetState", args -> {
            call(scope, "navigationPreload.getState", () -> services(scope).navigationPreloadState(),
                    state -> HostFunctions.array(state.enabled(), state.headerValue()), args[0], args[1]);
            return null;
        });
        host.define("servicesFocus", args -> {
            String id = args[0].asString();
            call(scope, "WindowClient.focus", () -> services(scope).focusClient(id), ServicesBinding::client,
                    args[1], args[2]);
            return null;
        });
        host.define("servicesNavigate", args -> {
            String id = args[0].asString();
            String url = args[1].asString();
            call(scope, "WindowClient.navigate", () -> services(scope).navigateClient(id, url),
                    (Optional<ClientInfo> found) -> found.map(ServicesBinding::client).orElse(null), args[2], args[3]);
            return null;
        });
        host.define("servicesOpenWindow", args -> {
            String url = args[0].asString();
            call(scope, "clients.openWindow", () -> services(scope).openWindow(url),
                    (Optional<ClientInfo> found) -> found.map(ServicesBinding::client).orElse(null), args[1], args[2]);
            return null;
        });
    }

    private static WorkerServices services(GlobalScope scope) {
        return scope.worker().startParameters().services();
    }

    /**
     * Calls a service and answers JavaScript when its future completes, as a host operation: the
     * worker stays busy until then, and the answer ({@code convert}ed on the worker's thread) is a
     * task of its own.
     */
    private static <T> void call(GlobalScope scope, String name, Supplier<CompletableFuture<T>> service,
            Function<T, Object> convert, Value onDone, Value onError) {
        WorkerInstance worker = scope.worker();
        CompletableFuture<T> future;
        try {
            future = service.get();
        } catch (RuntimeException e) {
            worker.post(name, () -> HostFunctions.reject(onError, e, "TypeError"));
            return;
        }
        if (!worker.beginHostOperation()) {
            return;
        }
        future.whenComplete((result, failure) -> worker.endHostOperation(name, () -> {
            if (failure != null) {
                HostFunctions.reject(onError, failure, "TypeError");
            } else {
                onDone.execute(convert.apply(result));
            }
        }));
    }

    static Object registration(RegistrationInfo info) {
        return HostFunctions.array(info.scope(), info.updateViaCache(), worker(info.installing()),
                worker(info.waiting()), worker(info.active()));
    }

    static Object worker(WorkerInfo info) {
        return info == null ? null : HostFunctions.array(info.id(), info.scriptUrl(), info.state().jsName());
    }

    static Object client(ClientInfo info) {
        return HostFunctions.array(info.id(), info.url(), info.type().jsName(), info.frameType(), info.visibilityState(),
                info.focused());
    }
}
