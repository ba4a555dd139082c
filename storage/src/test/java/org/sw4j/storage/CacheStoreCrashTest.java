package org.sw4j.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.sw4j.core.spi.cache.CacheEntry;
import org.sw4j.core.spi.cache.CacheHandle;
import org.sw4j.storage.internal.BodyFiles;
import org.sw4j.storage.internal.RowSize;
import org.sw4j.webapi.fetch.BodySource;

/**
 * Kills a process in the middle of concurrent commits (SIGKILL, at a random moment after its first
 * commit), then opens its store: every entry has its whole body, byte for byte, and no body file is
 * left without a row.
 * In both durability modes: a killed process loses no commit in either. Rounds:
 * {@code -Dsw4j.crash.rounds} (default 5 in the default mode, 3 in SYNCED; bench/run-cache-crash.sh
 * runs 50 of each), each on the store the previous rounds left behind.
 */
class CacheStoreCrashTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(Durability.class)
    void everyEntryHasItsWholeBodyAfterAKillAndNoBodyFileLacksARow(Durability durability) throws Exception {
        int rounds = Integer.getInteger("sw4j.crash.rounds", durability == Durability.CRASH_SAFE ? 5 : 3);
        long seed = Long.getLong("sw4j.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path directory = temp.resolve("store");
        long entriesSeen = 0;
        for (int round = 1; round <= rounds; round++) {
            String context = durability + " round " + round + " of " + rounds + " (-Dsw4j.crash.seed=" + seed + ")";
            runAndKill(directory, durability, random.nextLong(), 200 + random.nextInt(1301), context);
            long entries = check(directory, durability, context);
            System.out.println(context + ": " + entries + " entries intact after the kill");
            entriesSeen += entries;
        }
        assertThat(entriesSeen).as("the workload committed something").isPositive();
    }

    private void runAndKill(Path directory, Durability durability, long seed, int killAfterMillis, String context)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path output = temp.resolve("workload.out");
        Path errors = temp.resolve("workload.err");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED", CrashWorkload.class.getName(), directory.toString(),
                Long.toString(seed), durability.name())
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!read(output).contains("READY") && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(read(output)).as(context + ": the workload started; its stderr: %s", read(errors))
                    .contains("READY");
            // The kill comes at a random moment after the first commit (however busy the machine).
            while (!read(output).contains("COMMITTED") && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(killAfterMillis);
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(read(output)).as(context + ": the workload failed before the kill; stderr: %s", read(errors))
                .doesNotContain("FAILED");
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** Opens the store and checks every entry's body; answers how many entries there are. */
    private long check(Path directory, Durability durability, String context) throws Exception {
        Set<Long> bodyIds = new HashSet<>();
        Set<Long> fileBodyIds = new HashSet<>();
        long entries = 0;
        try (SqliteCacheStore store = SqliteCacheStore.builder(directory).durability(durability).build()) {
            for (String storageKey : store.storageKeys()) {
                long usage = 0;
                for (String name : store.cacheNames(storageKey)) {
                    try (CacheHandle cache = store.openCache(storageKey, name, false).orElseThrow()) {
                        for (CacheEntry entry : store.entries(cache)) {
                            entries++;
                            long bodyId = entry.response().bodyId();
                            assertThat(bodyId).as(context).isNotNegative();
                            if (entry.response().bodySize() > BodyFiles.INLINE_LIMIT) {
                                assertThat(SqliteCacheStoreTest.bodyFile(directory, bodyId)).as(context).exists();
                                fileBodyIds.add(bodyId);
                            }
                            bodyIds.add(bodyId);
                            MessageDigest sha = MessageDigest.getInstance("SHA-256");
                            long size = 0;
                            try (BodySource body = store.openBody(cache, bodyId)) {
                                for (var chunk = body.read(); chunk != null; chunk = body.read()) {
                                    size += chunk.remaining();
                                    sha.update(chunk);
                                }
                            }
                            assertThat(size).as(context + ": size of " + entry).isEqualTo(entry.response().bodySize());
                            assertThat(HexFormat.of().formatHex(sha.digest())).as(context + ": body of " + entry)
                                    .isEqualTo(entry.request().header(CrashWorkload.SHA_HEADER));
                            usage += entry.response().bodySize() + RowSize.of(entry.request(), entry.response());
                        }
                    }
                }
                assertThat(store.usage(storageKey).usage()).as(context + ": usage of " + storageKey).isEqualTo(usage);
            }
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory.resolve("bodies"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            assertThat(name).as(context + ": no temporary file survives the sweep").doesNotEndWith(".tmp");
            assertThat(fileBodyIds).as(context + ": " + file + " has a row").contains(Long.parseLong(name, 16));
        }
        assertThat(files).as(context).hasSameSizeAs(fileBodyIds);
        return entries;
    }
}
