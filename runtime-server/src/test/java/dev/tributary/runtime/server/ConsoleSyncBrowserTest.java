package dev.tributary.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.server.shop.FakeShopApi;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console end to end in headless Chromium: add a source through the form, see its entities' declared fields (and,
 * for a typed destination, their tables' columns), test it, sync it to 100%.
 */
class ConsoleSyncBrowserTest {

    private static final String TOKEN = "e2e-token-0123456789";
    private static final String KEY = "sk_e2e_shop_key_77";

    @TempDir
    Path profile;

    @TempDir
    Path home;

    private HeadlessChromium browser;
    private FakeShopApi shop;
    private Tributary tributary;
    private ApiServer server;

    @BeforeEach
    void start() {
        browser = HeadlessChromium.start(profile);
        shop = FakeShopApi.start(KEY, Map.of("customers", 9, "orders", 5));
        Map<String, String> environment = Map.of("ENCRYPTION_KEY", Tributary.generateKey().reveal());
        tributary = Tributary.builder().home(home).environment(environment::get)
                .destinationProvider(new LayoutDestinationProvider()).build();
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
            shop.close();
        }
    }

    @Test
    void addsASourceThroughTheFormTestsItAndWatchesItsSyncReachAHundredPercent() {
        WebDriver page = browser.driver();
        page.get(server.uri() + "#/connectors");
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        page.findElement(By.id("token")).sendKeys(TOKEN);
        page.findElement(By.id("sign-in")).click();

        browser.await().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector(".connector[data-connector='shop'] .add-source"))).click();
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("field-base_url")));
        assertThat(page.findElement(By.id("field-api_key")).getAttribute("type")).isEqualTo("password");
        assertThat(page.findElement(By.id("field-api_key")).getAttribute("required")).isNotNull();
        assertThat(page.findElement(By.id("field-region")).getAttribute("required")).isNull();

        page.findElement(By.id("field-name")).sendKeys("Shop EU");
        page.findElement(By.id("field-base_url")).sendKeys(shop.baseUrl());
        page.findElement(By.id("field-api_key")).sendKeys(KEY);
        page.findElement(By.id("save-source")).click();
        WebElement nameError = browser.await().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#error-name:not(:empty)")));
        assertThat(nameError.getText()).isNotBlank();
        browser.screenshot("console-source-form-field-error");

        page.findElement(By.id("field-name")).clear();
        page.findElement(By.id("field-name")).sendKeys("shop_eu");
        page.findElement(By.id("save-source")).click();
        browser.await().until(ExpectedConditions.elementToBeClickable(By.id("test-connection")));
        assertThat(page.findElement(By.id("source-config")).getText()).contains("********").doesNotContain(KEY);

        WebElement customers = browser.await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("details.entity-schema[data-entity='customers']")));
        assertThat(customers.getText()).contains("customers · 3 declared fields");
        assertThat(customers.findElement(By.cssSelector("tr[data-field='address.city']")).isDisplayed()).isFalse();
        customers.findElement(By.tagName("summary")).click();
        assertThat(customers.findElement(By.cssSelector("tr[data-field='address.city']")).getText())
                .contains("address.city", "string", "yes");
        WebElement orders = page.findElement(By.cssSelector("details.entity-schema[data-entity='orders']"));
        orders.findElement(By.tagName("summary")).click();
        assertThat(orders.findElement(By.cssSelector("tr[data-field='lines[].quantity']")).getText())
                .contains("integer");
        browser.screenshot("console-source-entities");

        page.findElement(By.id("test-connection")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("test-result"),
                "Connection OK"));

        page.findElement(By.id("start-sync")).click();
        browser.await().until(ExpectedConditions.attributeToBe(By.id("sync-result"), "data-status", "succeeded"));
        List<WebElement> rows = page.findElements(By.cssSelector(".entity-progress"));
        assertThat(rows).extracting(row -> row.getAttribute("data-entity"))
                .containsExactlyInAnyOrder("customers", "orders");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.getAttribute("data-percent")).isEqualTo("100");
            assertThat(row.findElement(By.cssSelector("[role=progressbar]")).getAttribute("aria-valuenow"))
                    .isEqualTo("100");
        });
        assertThat(page.findElement(By.id("sync-result")).getText()).contains("14 records");
        browser.await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#history tr[data-status='succeeded']")));
        browser.screenshot("console-sync-complete");

        page.findElement(By.id("edit-source")).click();
        WebElement region = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("field-region")));
        assertThat(page.findElement(By.id("field-api_key")).getAttribute("value")).isEmpty();
        assertThat(page.findElement(By.id("field-api_key")).getAttribute("required")).isNull();
        region.clear();
        region.sendKeys("us");
        page.findElement(By.id("save-source")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("source-config"), "us"));
        page.findElement(By.id("test-connection")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("test-result"),
                "Connection OK"));

        page.get(server.uri() + "#/runs");
        browser.await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("table.runs tr[data-status='succeeded']")));
        assertThat(page.findElement(By.id("main")).getText()).contains("shop_eu");
    }

    @Test
    void showsTheColumnsOfEachEntitysTablesNextToItsDeclaredFields() {
        ApiClient client = new ApiClient(server.uri(), Optional.of(TOKEN));
        assertThat(client.post("/api/sources", "{\"name\": \"shop_eu\", \"connector\": \"shop\", \"config\": "
                + "{\"base_url\": \"" + shop.baseUrl() + "\", \"api_key\": \"" + KEY + "\"}, \"targetDatabases\": [\""
                + LayoutDestinationProvider.TYPED + "\"]}").statusCode()).isEqualTo(201);
        WebDriver page = browser.driver();
        page.get(server.uri() + "#/sources/shop_eu");
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        page.findElement(By.id("token")).sendKeys(TOKEN);
        page.findElement(By.id("sign-in")).click();

        WebElement orders = browser.await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("details.entity-schema[data-entity='orders']")));
        assertThat(orders.getText()).contains("orders · 3 declared fields · 2 columns");
        orders.findElement(By.tagName("summary")).click();
        WebElement table = orders.findElement(By.cssSelector("table.entity-columns[data-table='shop_eu_orders']"));
        assertThat(table.getText()).contains("Table shop_eu_orders in " + LayoutDestinationProvider.TYPED);
        assertThat(table.findElement(By.cssSelector("tr[data-column='total__amount']")).getText())
                .contains("total__amount", "number", "total.amount");
        assertThat(table.findElement(By.cssSelector("tr[data-column='id']")).getText()).contains("id (key)", "string");
        WebElement lines = orders.findElement(By.cssSelector("table.entity-columns[data-table='shop_eu_orders__lines']"));
        assertThat(lines.findElement(By.cssSelector("tr[data-column='quantity']")).getText())
                .contains("integer", "lines.quantity");
        WebElement customers = page.findElement(By.cssSelector("details.entity-schema[data-entity='customers']"));
        assertThat(customers.getText()).contains("no typed table");
        customers.findElement(By.tagName("summary")).click();
        assertThat(customers.findElement(By.cssSelector("p.no-table")).getText()).contains("No typed table in "
                + LayoutDestinationProvider.TYPED);
        browser.screenshot("console-source-columns");
    }
}
