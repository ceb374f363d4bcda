package dev.tributary.runtime.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The bearer tokens the API accepts. Only SHA-256 digests of the tokens are kept, and a presented token is compared
 * with every one of them by {@link MessageDigest#isEqual} (constant time, equal lengths), so the answer takes the same
 * time whichever byte differs. Immutable and thread-safe.
 */
public final class TokenAuth {

    /** The environment variable holding one token, or several separated by commas. */
    public static final String TOKEN_VARIABLE = "TRIBUTARY_API_TOKEN";

    /** Tokens shorter than this are refused: they would be guessable. */
    public static final int MIN_LENGTH = 16;

    private static final String BEARER = "Bearer ";

    private final List<byte[]> digests;

    private TokenAuth(List<byte[]> digests) {
        this.digests = List.copyOf(digests);
    }

    /**
     * Accepts exactly the given tokens.
     *
     * @throws IllegalArgumentException when there is no token, or one is too short or holds whitespace (the message
     *     says which by position, never by value)
     */
    public static TokenAuth of(List<String> tokens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("at least one API token is needed");
        }
        List<byte[]> digests = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token.length() < MIN_LENGTH || token.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("API token #" + (i + 1) + " must be at least " + MIN_LENGTH
                        + " characters without whitespace");
            }
            digests.add(sha256(token));
        }
        return new TokenAuth(digests);
    }

    /**
     * Reads the configured tokens: those in {@value #TOKEN_VARIABLE} (comma-separated) and, when given, those in the
     * tokens file (one per line; blank lines and lines starting with {@code #} are skipped).
     *
     * @param environment returns a variable's value, or null when it is unset (e.g. {@code System::getenv})
     *
     * @return the tokens, or empty when none is configured anywhere
     * @throws IOException when the tokens file cannot be read
     * @throws IllegalArgumentException when a token is unfit (see {@link #of})
     */
    public static Optional<TokenAuth> load(UnaryOperator<String> environment, Optional<Path> tokensFile)
            throws IOException {
        List<String> tokens = new ArrayList<>();
        String variable = Objects.requireNonNullElse(environment.apply(TOKEN_VARIABLE), "");
        for (String token : variable.split(",")) {
            if (!token.isBlank()) {
                tokens.add(token.strip());
            }
        }
        if (tokensFile.isPresent()) {
            for (String line : Files.readAllLines(tokensFile.get(), StandardCharsets.UTF_8)) {
                String token = line.strip();
                if (!token.isEmpty() && !token.startsWith("#")) {
                    tokens.add(token);
                }
            }
        }
        return tokens.isEmpty() ? Optional.empty() : Optional.of(of(tokens));
    }

    /** Makes a random 256-bit token (URL-safe Base64), for a loopback server started without one. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Tells whether an {@code Authorization} header value carries one of the tokens.
     *
     * @param authorization the header value, absent when the request had none
     */
    public boolean accepts(Optional<String> authorization) {
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] presented = sha256(authorization.get().substring(BEARER.length()).strip());
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, presented);
        }
        return match;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
