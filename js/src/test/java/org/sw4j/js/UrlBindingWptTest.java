package org.sw4j.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web-platform-tests URL vectors of {@code shared/testdata/url}, run through the JavaScript
 * {@code URL} object in a worker as WPT's own scripts run them: {@code url-constructor.any.js},
 * {@code url-origin.any.js}, {@code url-statics-canparse.any.js}, {@code url-statics-parse.any.js},
 * {@code failure.html} (the href setter part) and {@code url-setters.any.js}. Nothing is skipped,
 * as the Java tests of the same vectors (webapi's UrlTestDataTest, SettersTest) skip nothing.
 *
 * <p>The worker has no fetch(), so the vectors reach it as a generated {@code vectors.js} that it
 * loads with importScripts. Each failing vector prints one "FAIL" line naming its inputs.
 */
class UrlBindingWptTest {
    private static final Path VECTORS = locate();

    /** Script helpers: `check(name, actual, expected)` records a mismatch; `done()` prints the summary. */
    private static final String HARNESS = """
            importScripts('vectors.js');
            const failures = [];
            let checks = 0;
            const show = (value) => JSON.stringify(value);
            function check(name, what, actual, expected) {
              checks++;
              if (!Object.is(actual, expected)) {
                failures.push(`FAIL ${name}: ${what} is ${show(actual)}, expected ${show(expected)}`);
              }
            }
            function throwsTypeError(fn) {
              try {
                fn();
                return 'no exception';
              } catch (e) {
                return e instanceof TypeError ? 'TypeError' : String(e);
              }
            }
            function done() {
              for (const failure of failures) {
                console.log(failure);
              }
              console.log(`${checks} checks`);
            }
            const COMPONENTS = ['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname',
              'search', 'hash'];
            """;

    @TempDir
    Path dir;

    @Test
    void urltestdataThroughTheUrlObject() {
        assertNoFailures(run("urltestdata.json"), 5000);
    }

    @Test
    void urltestdataJavascriptOnlyThroughTheUrlObject() {
        assertNoFailures(run("urltestdata-javascript-only.json"), 10);
    }

    @Test
    void settersThroughTheUrlObject() {
        List<String> output = runWorker("setters_tests.json", """
                for (const [attribute, cases] of Object.entries(VECTORS)) {
                  if (attribute === 'comment') {
                    continue;
                  }
                  for (const testCase of cases) {
                    const name = `Setting <${show(testCase.href)}>.${attribute} = ${show(testCase.new_value)}`
                      + (testCase.comment ? ` (${testCase.comment})` : '');
                    // Once on a fresh URL, once on one whose caches (components, query object) are warm:
                    // a setter must leave both alike.
                    const query = [];
                    for (const warm of [false, true]) {
                      const url = new URL(testCase.href);
                      if (warm) {
                        url.searchParams.size;
                        COMPONENTS.forEach((component) => url[component]);
                      }
                      url[attribute] = testCase.new_value;
                      for (const [component, expected] of Object.entries(testCase.expected)) {
                        check(name + (warm ? ' (warm)' : ''), component, url[component], expected);
                      }
                      query.push(url.searchParams.toString());
                    }
                    check(name, 'searchParams read before the setter or after', query[1], query[0]);
                  }
                }
                done();
                """);
        assertNoFailures(output, 500);
    }

    /** Runs the parsing vectors of {@code file} as WPT's URL constructor, origin, statics and failure tests do. */
    private List<String> run(String file) {
        return runWorker(file, """
                const documentUrl = 'http://web-platform.test:8000/url/failure.html';
                for (const expected of VECTORS) {
                  if (typeof expected === 'string') {
                    continue;
                  }
                  const base = expected.base === null ? undefined : expected.base;
                  const name = `Parsing <${show(expected.input)}> against <${show(expected.base)}>`;
                  const parse = () => base === undefined ? new URL(expected.input) : new URL(expected.input, base);
                  check(name, 'URL.canParse', base === undefined ? URL.canParse(expected.input)
                    : URL.canParse(expected.input, base), !expected.failure);
                  const parsed = URL.parse(expected.input, base);
                  if (expected.failure) {
                    check(name, 'new URL', throwsTypeError(parse), 'TypeError');
                    check(name, 'URL.parse', parsed, null);
                    if (expected.base === null) {
                      // failure.html: the href setter throws and leaves the URL as it was.
                      const url = new URL('about:blank');
                      check(name, 'href setter', throwsTypeError(() => { url.href = expected.input; }), 'TypeError');
                      check(name, 'href after a failed href setter', url.href, 'about:blank');
                      if (expected.relativeTo === undefined) {
                        check(name, 'new URL against a document URL',
                          throwsTypeError(() => new URL(expected.input, documentUrl)), 'TypeError');
                      }
                    }
                    continue;
                  }
                  let url;
                  try {
                    url = parse();
                  } catch (e) {
                    check(name, 'new URL', String(e), 'no exception');
                    continue;
                  }
                  for (const component of COMPONENTS) {
                    check(name, component, url[component], expected[component]);
                  }
                  if ('origin' in expected) {
                    check(name, 'origin', url.origin, expected.origin);
                  }
                  if ('searchParams' in expected) {
                    check(name, 'searchParams', url.searchParams.toString(), expected.searchParams);
                  }
                  check(name, 'URL.parse href', parsed === null ? null : parsed.href, expected.href);
                  check(name, 'URL.parse makes a new URL', parsed !== URL.parse(expected.input, base), true);
                  check(name, 'toJSON', url.toJSON(), expected.href);
                  check(name, 'toString', String(url), expected.href);
                }
                done();
                """);
    }

    /** Runs {@code script} after the harness, with the vectors of {@code file} as {@code self.VECTORS}; returns its output. */
    private List<String> runWorker(String file, String script) {
        try (var fixture = new WorkerFixture(dir)) {
            fixture.file("vectors.js", "self.VECTORS = " + read(file) + ";\n");
            fixture.run(HARNESS + script);
            assertThat(fixture.uncaught()).isEmpty();
            return fixture.output();
        }
    }

    private static void assertNoFailures(List<String> output, int minimumChecks) {
        assertThat(output.stream().filter(line -> line.startsWith("FAIL")).toList()).isEmpty();
        assertThat(output).hasSize(1);
        assertThat(Integer.parseInt(output.getFirst().replace(" checks", ""))).isGreaterThan(minimumChecks);
    }

    private static String read(String file) {
        try {
            return Files.readString(VECTORS.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** shared/testdata/url, a sibling of the checkout: found walking up from the working directory. */
    private static Path locate() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("shared/testdata/url"), dir.resolve("../shared/testdata/url"))) {
                if (Files.isDirectory(candidate)) {
                    return candidate.normalize();
                }
            }
        }
        throw new IllegalStateException("No shared/testdata/url directory above " + System.getProperty("user.dir"));
    }
}
