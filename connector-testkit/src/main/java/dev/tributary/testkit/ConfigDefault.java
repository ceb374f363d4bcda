package dev.tributary.testkit;

import dev.tributary.spi.config.ConfigFieldType;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Tells whether a config field's default value, given as text, parses as the field's type the way the runtime
 * parses it.
 */
final class ConfigDefault {

    private ConfigDefault() {
    }

    static boolean fits(ConfigFieldType type, String value) {
        String text = value.trim();
        return switch (type) {
            case STRING -> true;
            case INTEGER -> parses(() -> Long.parseLong(text));
            case NUMBER -> parses(() -> new BigDecimal(text));
            case BOOLEAN -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
            case URL -> isHttpUrl(text);
            case OBJECT -> text.startsWith("{") && text.endsWith("}");
            case LIST -> text.startsWith("[") && text.endsWith("]");
        };
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
