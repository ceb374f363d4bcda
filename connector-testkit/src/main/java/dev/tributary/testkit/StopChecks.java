package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The checks on stopping: a cancelled or interrupted fetch ends within the bound without another request and
 * without clearing the interrupt, and {@code close()} ends the connector's threads.
 */
final class StopChecks {

    private final ConnectorContract contract;
    private final ContractHarness harness;

    StopChecks(ConnectorContract contract, ContractHarness harness) {
        this.contract = contract;
        this.harness = harness;
    }

    void cancellationStopsTheFetchBeforeAnotherRequest(EntityDescriptor entity) {
        harness.requireSeveralBatches(entity);
        CountingRateLimiter limiter = new CountingRateLimiter();
        BaseConnector connector = harness.initializedConnector(contract.config(), limiter);
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicInteger acquiredAtCancel = new AtomicInteger();
        FetchOptions options = harness.options(entity).rateLimiter(limiter).cancelled(cancelled::get)
                .onBatch(batch -> {
                    acquiredAtCancel.set(limiter.acquired());
                    cancelled.set(true);
                }).build();
        Outcome outcome = fetchOnOwnThread(connector, options, entity, "cancellation");
        Optional<Throwable> failure = outcome.failure().filter(t -> !(t instanceof CancellationException));
        if (failure.isPresent()) {
            throw new AssertionError("entity '" + entity.name() + "': after cancellation fetchEntity threw "
                    + failure.get() + "; let the CancellationException from onBatch/throwIfCancelled "
                    + "propagate unwrapped (a wrapped one looks like a failure the runtime would retry)",
                    failure.get());
        }
        int after = limiter.acquired() - acquiredAtCancel.get();
        assertThat(after).as("entity '%s': %d request(s) went through the rate limiter after the sync was "
                + "cancelled; check options.throwIfCancelled() before each request", entity.name(), after)
                .isZero();
    }

    void anInterruptStopsTheFetchAndStaysSet(EntityDescriptor entity) {
        harness.requireSeveralBatches(entity);
        BaseConnector connector = harness.initializedConnector();
        FetchOptions options = harness.options(entity)
                .onBatch(batch -> Thread.currentThread().interrupt())
                .build();
        Outcome outcome = fetchOnOwnThread(connector, options, entity, "an interrupt");
        Throwable failure = outcome.failure().orElseThrow(() -> new AssertionError("entity '" + entity.name()
                + "': fetchEntity returned normally although its thread was interrupted (the runtime interrupts on "
                + "cancellation), so the entity would count as complete; throw CancellationException"));
        if (!(failure instanceof CancellationException)) {
            throw new AssertionError("entity '" + entity.name() + "': after an interrupt fetchEntity threw "
                    + failure + " instead of CancellationException; when you catch InterruptedException, restore "
                    + "the flag (Thread.currentThread().interrupt()) and throw CancellationException", failure);
        }
        assertThat(outcome.interruptedAtExit())
                .as("entity '%s': the thread's interrupt flag was cleared when fetchEntity ended; an interrupt "
                        + "was swallowed (Thread.interrupted() or a catch of InterruptedException that does not "
                        + "call Thread.currentThread().interrupt())", entity.name())
                .isTrue();
    }

    void closeLeavesNoThreadsRunning() throws InterruptedException {
        ThreadSnapshot before = ThreadSnapshot.take();
        BaseConnector connector = contract.newConnector();
        connector.initialize(harness.context(contract.config(), new CountingRateLimiter()));
        try {
            connector.testConnection();
            for (EntityDescriptor entity : connector.getAvailableEntities()) {
                harness.fetch(connector, harness.options(entity));
            }
        } finally {
            connector.close();
        }
        List<String> survivors = before.survivorsAfter(contract.cancellationBound(), contract::isSharedThread)
                .stream().map(t -> "'" + t.getName() + "' (" + t.getState() + ")").toList();
        assertThat(survivors).as("thread(s) %s started while the connector worked are still running %s after "
                + "close(); stop executors and shut clients down in close(), or override isSharedThread(..) for "
                + "threads that are not the connector's", survivors, contract.cancellationBound()).isEmpty();
    }

    /** How a fetch on its own thread ended: its exception (absent when it returned) and its interrupt flag then. */
    private record Outcome(Optional<Throwable> failure, boolean interruptedAtExit) {
    }

    private Outcome fetchOnOwnThread(BaseConnector connector, FetchOptions options, EntityDescriptor entity,
            String what) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            Throwable failure = null;
            try {
                connector.fetchEntity(options);
            } catch (Throwable t) {
                failure = t;
            }
            outcome.complete(new Outcome(Optional.ofNullable(failure), Thread.currentThread().isInterrupted()));
        }, "contract-fetch-" + entity.name());
        thread.setDaemon(true);
        thread.start();
        try {
            return outcome.get(contract.cancellationBound().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new AssertionError("entity '" + entity.name() + "': fetchEntity was still running "
                    + contract.cancellationBound() + " after " + what + "; check options.isCancelled() between "
                    + "requests and let CancellationException propagate (do not catch it and carry on)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the fetch", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }
}
