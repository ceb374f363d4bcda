package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.testkit.examples.ListConnector;
import org.junit.jupiter.api.Test;

class SvgIconTest {

    @Test
    void acceptsAnSvgInTheSvgNamespace() {
        assertThat(SvgIcon.problem(ListConnector.class, "icon.svg")).isEmpty();
    }

    @Test
    void namesTheFolderWhereAMissingIconBelongs() {
        assertThat(SvgIcon.problem(ListConnector.class, "absent.svg"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("'absent.svg' not found")
                        .contains("src/main/resources/dev/tributary/testkit/examples/"));
    }

    @Test
    void rejectsAnSvgWithoutTheNamespaceBrowsersNeed() {
        assertThat(SvgIcon.problem(SvgIconTest.class, "no-namespace.svg"))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .contains("lacks xmlns=\"http://www.w3.org/2000/svg\""));
    }

    @Test
    void rejectsAnotherRootElement() {
        assertThat(SvgIcon.problem(SvgIconTest.class, "not-svg.svg"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("has root element <html>"));
    }

    @Test
    void refusesDoctypesInsteadOfResolvingExternalEntities() {
        assertThat(SvgIcon.problem(SvgIconTest.class, "doctype.svg"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("is not well-formed XML")
                        .doesNotContain("root:"));
    }
}
