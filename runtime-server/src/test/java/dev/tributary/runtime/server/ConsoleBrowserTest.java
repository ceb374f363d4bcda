package dev.tributary.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tributary.runtime.Tributary;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

class ConsoleBrowserTest {

    private static final String TOKEN = "browser-token-0123456789";

    @TempDir
    Path profile;

    @TempDir
    Path home;

    private Tributary tributary;
    private ApiServer server;
    private HeadlessChromium browser;

    @BeforeEach
    void start() throws IOException {
        browser = HeadlessChromium.start(profile);
        Files.write(Files.createDirectories(home.resolve("plugins")).resolve("broken.jar"), new byte[] {1, 2, 3});
        tributary = TestServers.tributary(home);
        server = TestServers.start(TOKEN, tributary);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
            tributary.close();
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

    @Test
    void showsTheConnectorsGalleryWithIcons() {
        WebDriver page = browser.driver();
        page.get(server.uri() + "#/connectors");
        signIn(page, TOKEN);

        browser.await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".connector[data-connector='shop'] img.connector-icon[src^='blob:']")));
        browser.await().until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(
                "const img = document.querySelector(\".connector[data-connector='shop'] img\");"
                        + " return img.complete && img.naturalWidth > 0;"));

        WebElement shop = page.findElement(By.cssSelector(".connector[data-connector='shop']"));
        assertThat(shop.getText()).contains("Test Shop", "Customers and orders of the loopback test shop.");
        WebElement bare = page.findElement(By.cssSelector(".connector[data-connector='bare'] img"));
        assertThat(bare.getAttribute("class")).contains("no-icon");
        assertThat(page.findElement(By.id("main")).getText()).doesNotContain("null", "undefined");
        assertThat(page.findElement(By.id("failed-plugins")).getText()).contains("broken.jar");
        assertThat(page.findElement(By.cssSelector(".destination[data-destination='jdbc']")).getText())
                .contains("SQLite and PostgreSQL (built in) (jdbc)", "jdbc:sqlite:/path/file.db", "built in");
        browser.screenshot("console-connectors-gallery");
    }

    private void signIn(WebDriver page, String token) {
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        page.findElement(By.id("token")).sendKeys(token);
        page.findElement(By.id("sign-in")).click();
    }
}
