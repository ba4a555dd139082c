package org.sw4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.proxy.ServiceWorkerProxy.Site;

/** The config file of {@code sw4j serve --config}: what it reads, and each of its error messages. */
class SitesConfigTest {
    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void workers() throws IOException {
        Files.createDirectories(dir.resolve("cats"));
        Files.writeString(dir.resolve("cats/sw.js"), "");
        Files.writeString(dir.resolve("dogs.js"), "");
        file = dir.resolve("sw4j.yaml");
    }

    SitesConfig read(String yaml) throws IOException {
        Files.writeString(file, yaml);
        return SitesConfig.read(file);
    }

    void fails(String yaml, String message) throws IOException {
        Files.writeString(file, yaml);
        assertThatThrownBy(() -> SitesConfig.read(file)).isInstanceOf(UsageException.class)
                .hasMessage(message.replace("FILE", file.toString()).replace("DIR", dir.toString()));
    }

    @Test
    void readsSitesAndSettingsWithPathsRelativeToTheFile() throws Exception {
        SitesConfig config = read("""
                listen: 127.0.0.1:0
                data: state
                sites:
                  - host: cats.localhost
                    origin: http://127.0.0.1:3000
                    worker: cats/sw.js
                    quota: 50MB
                  - path: /dogs/
                    origin: http://127.0.0.1:4000/
                    worker: http://127.0.0.1:4000/dogs/sw.js
                    scope: /app/
                """);
        assertThat(config.listen()).isEqualTo("127.0.0.1:0");
        assertThat(config.data()).isEqualTo(dir.resolve("state"));
        Site cats = config.sites().get(0);
        assertThat(cats.host()).isEqualTo("cats.localhost");
        assertThat(cats.origin()).isEqualTo("http://127.0.0.1:3000");
        assertThat(cats.workerFile()).isEqualTo(dir.resolve("cats/sw.js"));
        assertThat(cats.scope()).isEqualTo("/");
        assertThat(cats.quota()).hasValue(50_000_000);
        Site dogs = config.sites().get(1);
        assertThat(dogs.pathPrefix()).isEqualTo("/dogs/");
        assertThat(dogs.origin()).isEqualTo("http://127.0.0.1:4000");
        assertThat(dogs.workerUrl()).isEqualTo("http://127.0.0.1:4000/dogs/sw.js");
        assertThat(dogs.scope()).isEqualTo("/app/");
        assertThat(dogs.quota()).isEmpty();
    }

    @Test
    void eachErrorNamesTheFileTheSiteAndTheField() throws Exception {
        String cats = "  - host: cats.localhost\n    origin: http://127.0.0.1:3000\n    worker: cats/sw.js\n";
        fails("sites: [\n", "FILE: not valid YAML: " + yamlError());
        fails("- a\n", "FILE: expected a mapping with 'sites' at the top");
        fails("listen: 1\nport: 2\nsites: []\n", "FILE: unknown key 'port' (known: data, listen, sites, tls)");
        fails("sites: []\n", "FILE: sites: expected a list of at least one site (host or path, origin, worker)");
        fails("sites:\n" + cats + "    quota: 5 parsecs\n",
                "FILE: sites[0] (cats.localhost): quota: unknown unit 'parsecs' in '5 parsecs' (use K, M, G, T, KiB,"
                        + " MiB, GiB, TiB, kB, MB, GB, TB or none)");
        fails("sites:\n" + cats + "    quota: 0\n", "FILE: sites[0] (cats.localhost): quota must be above 0 bytes, not '0'");
        fails("sites:\n" + cats + "    qouta: 1M\n", "FILE: sites[0] (cats.localhost): unknown key 'qouta' (known:"
                + " host, origin, path, quota, scope, worker)");
        fails("sites:\n  - host: a.localhost\n    worker: cats/sw.js\n",
                "FILE: sites[0] (a.localhost): origin is missing (e.g. origin: http://127.0.0.1:3000)");
        fails("sites:\n  - path: /a/\n    origin: http://127.0.0.1:1\n",
                "FILE: sites[0] (/a/): worker is missing (a script file relative to the config file, or a URL)");
        fails("sites:\n  - host: a.localhost\n    origin: ftp://x\n    worker: cats/sw.js\n",
                "FILE: sites[0] (a.localhost): origin: the origin must be an http or https URL, not 'ftp://x'");
        fails("sites:\n  - host: a.localhost\n    origin: http://127.0.0.1:1/app\n    worker: cats/sw.js\n",
                "FILE: sites[0] (a.localhost): origin: the origin is scheme, host and port only (no path or query),"
                        + " not 'http://127.0.0.1:1/app'");
        fails("sites:\n  - host: a.localhost\n    origin: http://127.0.0.1:1\n    worker: missing.js\n",
                "FILE: sites[0] (a.localhost): worker: the file DIR/missing.js does not exist");
        fails("sites:\n  - host: a.localhost\n    origin: http://127.0.0.1:1\n    worker: http://example.com/sw.js\n",
                "FILE: sites[0] (a.localhost): worker: the worker URL http://example.com/sw.js is not on the origin"
                        + " http://127.0.0.1:1");
        fails("sites:\n  - path: cats\n    origin: http://127.0.0.1:1\n    worker: cats/sw.js\n",
                "FILE: sites[0] (cats): path: a site's path prefix starts and ends with '/' (e.g. /cats/), not 'cats'");
        fails("sites:\n  - host: a.localhost\n    path: /a/\n    origin: http://127.0.0.1:1\n    worker: cats/sw.js\n",
                "FILE: sites[0] (a.localhost): give host or path, not both");
        fails("sites:\n  - host: a.localhost\n    origin: http://127.0.0.1:1\n    worker: cats/sw.js\n    scope: app\n",
                "FILE: sites[0] (a.localhost): scope: the scope is a path starting with '/', not 'app'");
        fails("sites:\n" + cats + "  - host: CATS.localhost\n    origin: http://127.0.0.1:2\n    worker: dogs.js\n",
                "FILE: sites: two sites have the host cats.localhost");
        fails("sites:\n  - path: /a/\n    origin: http://127.0.0.1:1\n    worker: dogs.js\n"
                + "  - path: /a/\n    origin: http://127.0.0.1:2\n    worker: dogs.js\n",
                "FILE: sites: two sites have the path prefix /a/");
        fails("sites:\n  - path: /a/\n    origin: http://127.0.0.1:1\n    worker: dogs.js\n"
                + "  - path: /a/b/\n    origin: http://127.0.0.1:2\n    worker: dogs.js\n",
                "FILE: sites: the path prefixes /a/ and /a/b/ overlap");
        fails("sites:\n  - host: [a]\n", "FILE: sites[0]: host: expected a single value, not a list");
        fails("tls: {cert: c.pem}\nsites: []\n", "FILE: tls: cert and key go together");
    }

    private String yamlError() throws IOException {
        Files.writeString(file, "sites: [\n");
        try {
            SitesConfig.read(file);
            throw new AssertionError("no error");
        } catch (UsageException e) {
            return e.getMessage().substring((file + ": not valid YAML: ").length());
        }
    }

    @Test
    void aMissingFileSaysSo() {
        assertThatThrownBy(() -> SitesConfig.read(dir.resolve("none.yaml"))).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("cannot read the config file " + dir.resolve("none.yaml"));
    }
}
