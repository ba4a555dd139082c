package org.sw4j.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** FetchCall's default {@code whenResponse}, for fetchers that only know how to block. */
class FetchCallTest {

    /** A call that answers once {@link #answer} is completed. */
    private static final class BlockingCall implements FetchCall {
        final CompletableFuture<FetchOutcome> answer = new CompletableFuture<>();

        @Override
        public FetchOutcome awaitResponse() throws InterruptedException {
            try {
                return answer.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void abort() {
            answer.complete(FetchOutcome.aborted());
        }

        @Override
        public boolean isAborted() {
            return answer.isDone();
        }
    }

    @Test
    void theDefaultHandsTheOutcomeOverOnceWithoutBlockingTheCaller() throws Exception {
        BlockingCall call = new BlockingCall();
        CompletableFuture<FetchOutcome> seen = new CompletableFuture<>();
        CountDownLatch calls = new CountDownLatch(2);
        call.whenResponse(outcome -> {
            seen.complete(outcome);
            calls.countDown();
        });
        assertThat(seen).isNotDone();

        FetchOutcome error = FetchOutcome.networkError("connection refused");
        call.answer.complete(error);
        assertThat(seen.get(10, TimeUnit.SECONDS)).isSameAs(error);
        assertThat(calls.await(200, TimeUnit.MILLISECONDS)).as("called once only").isFalse();
    }

    @Test
    void anAbortedCallAnswersTheAbortedOutcome() throws Exception {
        BlockingCall call = new BlockingCall();
        CompletableFuture<FetchOutcome> seen = new CompletableFuture<>();
        call.whenResponse(seen::complete);
        call.abort();
        assertThat(seen.get(10, TimeUnit.SECONDS).isAborted()).isTrue();
    }
}
