/** The registration storage SPI: what the core asks of the store that keeps registrations across restarts. */
package org.sw4j.core.spi.registration;
