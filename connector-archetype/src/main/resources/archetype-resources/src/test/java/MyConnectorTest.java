package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.AuthenticationException;
import dev.tributary.spi.error.InvalidConfigException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import dev.tributary.testkit.CountingRateLimiter;
import dev.tributary.testkit.FakeConnectorContext;
import dev.tributary.testkit.FakeHttpServer;
import dev.tributary.testkit.FakeResponse;
import dev.tributary.testkit.RecordedRequest;
import dev.tributary.testkit.RecordingBatches;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the contract cannot know: the requests {@link MyConnector} sends and how it classifies API failures. */
class MyConnectorTest {

    private final FakeHttpServer server = FakeHttpServer.start();
    private final CountingRateLimiter limiter = new CountingRateLimiter();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private MyConnector connector() {
        MyConnector connector = new MyConnector();
        connector.initialize(FakeConnectorContext.of(connector,
                Map.of("base_url", server.url("/").toString(), "api_key", FakeApi.KEY)).withRateLimiter(limiter));
        return connector;
    }

    private FetchOptions.Builder entity1() {
        return FetchOptions.builder("entity1").batchSize(2).rateLimiter(limiter);
    }

    @Test
    void asksForPagesOfTheBatchSizeAfterTheLastIdWithTheKeyAsBearerToken() {
        server.dispatch(new FakeApi(3));
        RecordingBatches batches = new RecordingBatches();

        connector().fetchEntity(entity1().onBatch(batches).build());

        assertThat(batches.states()).containsExactly("e1_0002", "e1_0003");
        RecordedRequest second = server.requests().get(1);
        assertThat(second.queryParameter("limit")).contains("2");
        assertThat(second.queryParameter("starting_after")).contains("e1_0002");
        assertThat(second.header("Authorization")).contains("Bearer " + FakeApi.KEY);
        assertThat(limiter.acquired()).isEqualTo(2);
    }

    @Test
    void rejectedKeyIsAnAuthenticationFailureThatDoesNotShowTheKey() {
        server.enqueue(FakeResponse.json(401, "{\"error\":\"invalid api key\"}"));

        assertThatThrownBy(() -> connector().fetchEntity(entity1().build()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("api_key")
                .hasMessageNotContaining(FakeApi.KEY);
    }

    @Test
    void serverErrorIsTransientSoTheRuntimeRetries() {
        server.enqueue(FakeResponse.status(503));

        assertThatThrownBy(() -> connector().fetchEntity(entity1().build())).isInstanceOf(TransientException.class);
    }

    @Test
    void tooManyRequestsPausesTheLimiterForRetryAfter() {
        server.enqueue(FakeResponse.json(429, "{}").withHeader("Retry-After", "7"));

        assertThatThrownBy(() -> connector().fetchEntity(entity1().build()))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        assertThat(limiter.pauses()).extracting(CountingRateLimiter.Pause::duration)
                .containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void malformedJsonIsAPermanentFailure() {
        server.enqueue(FakeResponse.json("{\"data\": [ {\"id\": "));

        assertThatThrownBy(() -> connector().fetchEntity(entity1().build()))
                .isInstanceOf(PermanentException.class).hasMessageContaining("malformed JSON");
    }

    @Test
    void aBaseUrlThatIsNoUrlIsRejectedByName() {
        MyConnector connector = new MyConnector();
        FakeConnectorContext context = FakeConnectorContext.of(connector,
                Map.of("base_url", "not a url", "api_key", FakeApi.KEY));

        assertThatThrownBy(() -> connector.initialize(context))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.field()).isEqualTo("base_url"));
    }
}
