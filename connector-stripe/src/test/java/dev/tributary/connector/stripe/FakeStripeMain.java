package dev.tributary.connector.stripe;

import dev.tributary.connector.stripe.FakeStripe.Resource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Runs {@link FakeStripe} by hand, to try the connector (or the whole distribution) against a Stripe-compatible
 * server offline. Seeds objects of every resource, prints the base URL, then follows commands on standard input:
 * {@code change} (updates, deletes, creates and cancels some objects, as a day at Stripe would), {@code dump DIR}
 * (writes the objects a correct sync must hold to {@code DIR/<entity>.json}), {@code counts}, {@code quit}.
 *
 * <p>Arguments: {@code API_KEY [PORT [OBJECTS_PER_RESOURCE]]}; the fake's clock follows the system clock. See
 * {@code docs/stripe.md} for the command line.
 */
final class FakeStripeMain {

    private FakeStripeMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: FakeStripeMain API_KEY [PORT [OBJECTS_PER_RESOURCE]]");
            System.exit(2);
        }
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int objects = args.length > 2 ? Integer.parseInt(args[2]) : 250;
        Clock clock = Clock.systemUTC();
        PrintStream out = System.out;
        try (FakeStripe fake = FakeStripe.start(args[0], port, clock.instant().minus(Duration.ofDays(1)))) {
            for (int i = 0; i < objects; i++) {
                for (Resource resource : Resource.values()) {
                    fake.create(resource);
                }
                fake.advance(Duration.ofSeconds(30));
            }
            fake.advanceTo(clock.instant());
            out.println("fake Stripe at " + fake.baseUrl() + " with " + objects + " objects per resource");
            out.println("commands: change | dump DIR | counts | quit");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                fake.advanceTo(clock.instant());
                String[] words = line.trim().split("\\s+");
                switch (words[0]) {
                    case "change" -> out.println(change(fake));
                    case "dump" -> out.println(dump(fake, Path.of(words.length > 1 ? words[1] : ".")));
                    case "counts" -> out.println(counts(fake));
                    case "quit" -> {
                        return;
                    }
                    case "" -> { }
                    default -> out.println("unknown command '" + words[0] + "'");
                }
            }
        }
    }

    private static String change(FakeStripe fake) {
        for (Resource resource : Resource.values()) {
            List<String> ids = fake.ids(resource);
            for (int i = 0; i < Math.min(ids.size(), 20); i += 2) {
                fake.update(resource, ids.get(i), "description", "changed at " + fake.now());
            }
            if (resource == Resource.SUBSCRIPTIONS) {
                ids.stream().skip(20).limit(3).forEach(fake::cancelSubscription);
            } else if (resource != Resource.CHARGES) {
                ids.stream().skip(25).limit(4).forEach(id -> fake.delete(resource, id));
            }
            for (int i = 0; i < 5; i++) {
                fake.create(resource);
            }
        }
        return "changed: per resource 10 updates, 5 creates, 4 deletions (3 cancellations for subscriptions); "
                + counts(fake);
    }

    private static String dump(FakeStripe fake, Path directory) {
        try {
            Files.createDirectories(directory);
            for (Resource resource : Resource.values()) {
                Files.writeString(directory.resolve(resource.path + ".json"),
                        FakeStripe.toJson(fake.state(resource).values()));
            }
            return "wrote " + Resource.values().length + " files to " + directory.toAbsolutePath();
        } catch (IOException e) {
            return "could not write to " + directory + ": " + e.getMessage();
        }
    }

    private static String counts(FakeStripe fake) {
        StringBuilder text = new StringBuilder();
        for (Resource resource : Resource.values()) {
            text.append(resource.path).append('=').append(fake.ids(resource).size()).append(' ');
        }
        return text.toString().trim();
    }
}
