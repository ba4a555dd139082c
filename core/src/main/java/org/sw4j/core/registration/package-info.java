/**
 * Service worker registrations (https://w3c.github.io/ServiceWorker/#service-worker-registration-concept):
 * so far the pure rules — the URLs of a register job ({@link ScopeRules}) and the scope to
 * registration map with its longest-prefix match ({@link ScopeToRegistrationMap}). The job queue and
 * the lifecycle come next (issue 5).
 */
package org.sw4j.core.registration;
