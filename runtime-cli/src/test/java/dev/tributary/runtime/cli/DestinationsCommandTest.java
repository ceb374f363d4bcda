package dev.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DestinationsCommandTest {

    @Test
    void listsTheBuiltInDestinationWithItsUrlForms() {
        Cli cli = Cli.run("destinations");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).containsPattern("ID\\s+NAME\\s+URL FORMS\\s+TYPED\\s+PROVIDER")
                .containsPattern("jdbc\\s+SQLite and PostgreSQL \\(built in\\)\\s+jdbc:sqlite:/path/file.db, "
                        + "jdbc:postgresql://host:port/database\\s+no\\s+built in");
    }

    @Test
    void printsJson() throws Exception {
        Cli cli = Cli.run("destinations", "--json");

        assertThat(cli.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.get(0).get("id").asText()).isEqualTo("jdbc");
        assertThat(json.get(0).get("urlForms")).extracting(JsonNode::asText)
                .containsExactly("jdbc:sqlite:/path/file.db", "jdbc:postgresql://host:port/database");
        assertThat(json.get(0).get("builtIn").asBoolean()).isTrue();
    }
}
