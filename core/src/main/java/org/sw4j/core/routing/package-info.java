/**
 * Static routing (https://w3c.github.io/ServiceWorker/#static-routing-api): the router rules a
 * worker adds with {@code InstallEvent.addRoutes()}, as a closed model ({@link RouterRule},
 * {@link RouterCondition}, {@link RouterSource}); the pure algorithms over it ({@link RouterRules}:
 * Verify Router Condition, Check Router Registration Limit, Match Router Condition, Get Router
 * Source); and their stored text form ({@link RouterRulesCodec}). No I/O here: the engine's
 * {@code StaticRouter} acts on the source a request gets.
 */
package org.sw4j.core.routing;
