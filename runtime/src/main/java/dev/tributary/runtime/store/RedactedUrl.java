package dev.tributary.runtime.store;

import java.util.regex.Pattern;

/** Hides the password in a database URL ({@code password=} parameters and {@code user:password@} parts). */
final class RedactedUrl {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^:/@]+:)[^@/]*@");

    private RedactedUrl() {
    }

    /** {@code url} with every password replaced by {@code ********}. */
    static String of(String url) {
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1********");
        return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1********@");
    }
}
