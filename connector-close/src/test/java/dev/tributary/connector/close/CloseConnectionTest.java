package dev.tributary.connector.close;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.error.InvalidConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloseConnectionTest {

    private FakeCloseServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeCloseServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void successNamesTheOrganization() {
        try (CloseSession session = new CloseSession(server)) {
            ConnectionTestResult result = session.connector.testConnection();

            assertThat(result.success()).isTrue();
            assertThat(result.message())
                    .isEqualTo("connected to Close organization 'Wayne Enterprises (Sample)' as phil@example.com");
            assertThat(server.requests()).singleElement()
                    .satisfies(request -> assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/me/"));
            assertThat(session.limiter.acquired()).isEqualTo(1);
        }
    }

    @Test
    void wrongKeyIsAuthenticationFailure() {
        String wrongKey = "wrong-canary-key-77";
        try (CloseSession session = new CloseSession(server.baseUrl(), wrongKey)) {
            ConnectionTestResult result = session.connector.testConnection();

            assertThat(result.success()).isFalse();
            assertThat(result.message()).startsWith("authentication failed: ")
                    .contains("The API key you provided is invalid.")
                    .doesNotContain(wrongKey);
        }
    }

    @Test
    void serverErrorIsReportedAsFailure() {
        server.fail(request -> true, 1, new MockResponse.Builder().code(503).build());
        try (CloseSession session = new CloseSession(server)) {
            ConnectionTestResult result = session.connector.testConnection();

            assertThat(result.success()).isFalse();
            assertThat(result.message()).isEqualTo("Close could not be reached: GET /api/v1/me/: HTTP 503");
        }
    }

    @Test
    void unreachableServerIsReportedAsFailure() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (CloseSession session = new CloseSession("http://127.0.0.1:" + port + "/api/v1/",
                FakeCloseServer.API_KEY)) {
            ConnectionTestResult result = session.connector.testConnection();

            assertThat(result.success()).isFalse();
            assertThat(result.message()).startsWith("Close could not be reached: GET /api/v1/me/")
                    .doesNotContain(FakeCloseServer.API_KEY);
        }
    }

    @Test
    void malformedBaseUrlIsInvalidConfig() {
        assertThatThrownBy(() -> new CloseSession("api.close.com/api/v1", FakeCloseServer.API_KEY))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.field()).isEqualTo("api_base_url"))
                .hasMessageContaining("http");
    }

    @Test
    void baseUrlWithoutTrailingSlashIsHonoured() {
        String baseUrl = server.baseUrl();
        try (CloseSession session = new CloseSession(baseUrl.substring(0, baseUrl.length() - 1),
                FakeCloseServer.API_KEY)) {
            assertThat(session.connector.testConnection().success()).isTrue();
        }
    }
}
