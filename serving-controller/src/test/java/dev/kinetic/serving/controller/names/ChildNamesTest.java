package dev.kinetic.serving.controller.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChildNamesTest {

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource({
        "hello, -00001, hello-00001",
        "hello, -deployment, hello-deployment",
        // 57 + 6 = 63 characters: still fits.
        "a23456789012345678901234567890123456789012345678901234567, -00001,"
                + " a23456789012345678901234567890123456789012345678901234567-00001",
        // 58 + 6 = 64: shortened to 25 characters + md5(parent) + suffix (computed independently with Python).
        "a234567890123456789012345678901234567890123456789012345678, -00001,"
                + " a23456789012345678901234560fdace1bfb785a560bbbdbf65980d3e-00001"
    })
    void childName(String parent, String suffix, String expected) {
        assertThat(ChildNames.childName(parent, suffix)).isEqualTo(expected).hasSizeLessThanOrEqualTo(63);
    }

    @ParameterizedTest(name = "generation {0}")
    @CsvSource({"1, hello-00001", "42, hello-00042", "123456, hello-123456"})
    void revisionNames(long generation, String expected) {
        assertThat(ChildNames.revisionName("hello", generation)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"a-very-long-suffix-that-is-longer-than-thirty-one-characters"})
    void aSuffixTooLongForAPrefixHashesEverything(String suffix) {
        assertThat(ChildNames.childName("parent", suffix)).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(ChildNames.childName("x".repeat(60), suffix)).matches("[0-9a-f]{32}");
    }
}
