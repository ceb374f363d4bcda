package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * The lines {@code sources add} and {@code sources show} print for a data source that takes webhooks: the URL to
 * register with the source ({@code POST /webhooks/<name>} on {@code tributary serve}) and the connector's hint.
 */
final class WebhookHint {

    private WebhookHint() {
    }

    /** Prints nothing when the source takes no webhooks, or its connector cannot say (it is then shown elsewhere). */
    static void print(PrintWriter out, Tributary tributary, String name) {
        Optional<String> hint;
        try {
            hint = tributary.webhookRegistrationHint(name);
        } catch (RuntimeException e) {
            // A plugin call: a connector that cannot be initialised has no hint; test and sync report why.
            return;
        }
        hint.ifPresent(text -> {
            out.println("Webhook URL: https://<your server>/webhooks/" + name + "  (POST, served by tributary serve;"
                    + " no API token)");
            out.println("  " + text);
        });
    }
}
