package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeHttpServerTest {

    private final FakeHttpServer server = FakeHttpServer.start();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesQueuedResponsesInOrderAndRecordsWhatWasSent() throws Exception {
        server.enqueue(FakeResponse.json("{\"page\":1}").withHeader("X-RateLimit-Remaining", "0"))
                .enqueue(FakeResponse.status(204));
        URI url = server.url("/v1/items?limit=2&name=a%20b&name=c");

        HttpResponse<String> first = send(HttpRequest.newBuilder(url).header("Authorization", "Bearer k"));
        HttpResponse<String> second = send(HttpRequest.newBuilder(server.url("/v1/items"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"q\":1}")));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("{\"page\":1}");
        assertThat(first.headers().firstValue("x-ratelimit-remaining")).contains("0");
        assertThat(second.statusCode()).isEqualTo(204);
        RecordedRequest taken = server.takeRequest();
        assertThat(taken.method()).isEqualTo("GET");
        assertThat(taken.path()).isEqualTo("/v1/items");
        assertThat(taken.queryParameter("limit")).contains("2");
        assertThat(taken.queryParameters("name")).containsExactly("a b", "c");
        assertThat(taken.header("AUTHORIZATION")).contains("Bearer k");
        assertThat(server.takeRequest().body()).isEqualTo("{\"q\":1}");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void answersAnUnexpectedRequestWith500SayingSo() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.url("/surprise")));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("no response queued for GET /surprise");
    }

    @Test
    void aDispatcherAnswersEveryRequestAndItsFailuresBecome500() throws Exception {
        server.dispatch(request -> {
            if (request.path().equals("/boom")) {
                throw new IllegalStateException("bug in the fake");
            }
            return FakeResponse.json(request.queryParameter("n").orElse("none"));
        });

        assertThat(send(HttpRequest.newBuilder(server.url("/x?n=7"))).body()).isEqualTo("7");
        assertThat(send(HttpRequest.newBuilder(server.url("/x"))).body()).isEqualTo("none");
        HttpResponse<String> failed = send(HttpRequest.newBuilder(server.url("/boom")));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains("the dispatcher failed on GET /boom");
    }
}
