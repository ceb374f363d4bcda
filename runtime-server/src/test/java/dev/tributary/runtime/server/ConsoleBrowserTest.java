package dev.tributary.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

class ConsoleBrowserTest {

    private static final String TOKEN = "browser-token-0123456789";

    @TempDir
    Path profile;

    private ApiServer server;
    private HeadlessChromium browser;

    @BeforeEach
    void start() {
        browser = HeadlessChromium.start(profile);
        server = TestServers.full(TOKEN);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void signsInWithTheTokenOnceAndKeepsItForTheSession() {
        WebDriver page = browser.driver();
        page.get(server.uri().toString());

        signIn(page, TOKEN);
        browser.await().until(ExpectedConditions.textToBe(By.id("server-status"), "Server ok"));
        assertThat(page.findElement(By.id("nav")).isDisplayed()).isTrue();
        assertThat(page.findElement(By.id("login")).isDisplayed()).isFalse();

        page.navigate().refresh();

        browser.await().until(ExpectedConditions.textToBe(By.id("server-status"), "Server ok"));
        assertThat(page.findElement(By.id("login")).isDisplayed()).isFalse();
        browser.screenshot("console-signed-in");
    }

    @Test
    void refusesAWrongTokenWithAMessage() {
        WebDriver page = browser.driver();
        page.get(server.uri().toString());

        signIn(page, "not-the-token-0123456789");

        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"),
                "not accepted"));
        assertThat(page.findElement(By.id("nav")).isDisplayed()).isFalse();
        browser.screenshot("console-wrong-token");
    }

    private void signIn(WebDriver page, String token) {
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        page.findElement(By.id("token")).sendKeys(token);
        page.findElement(By.id("sign-in")).click();
    }
}
