package dev.kinetic.eventing.core.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BrokerTtlTest {

    static CloudEvent event(Object ttl) {
        CloudEventBuilder builder =
                CloudEventBuilder.v1().withId("1").withSource(URI.create("/s")).withType("t");
        if (ttl instanceof Integer i) {
            builder.withExtension(BrokerTtl.EXTENSION, i);
        } else if (ttl != null) {
            builder.withExtension(BrokerTtl.EXTENSION, ttl.toString());
        }
        return builder.build();
    }

    static Stream<Arguments> checks() {
        return Stream.of(
                Arguments.of("absent: the default", null, "accept 255"),
                Arguments.of("an integer", 12, "accept 12"),
                Arguments.of("a string integer, as on the wire", "7", "accept 7"),
                Arguments.of("one left", 1, "accept 1"),
                Arguments.of("zero", 0, "reject"),
                Arguments.of("negative", -3, "reject"),
                Arguments.of("not a number", "lots", "reject"),
                Arguments.of("beyond int", "99999999999", "reject"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void checksIncomingEvents(String name, Object ttl, String expected) {
        BrokerTtl.Check check = BrokerTtl.check(event(ttl));
        if (expected.startsWith("accept")) {
            assertThat(check).isEqualTo(new BrokerTtl.Accept(Integer.parseInt(expected.substring(7))));
        } else {
            assertThat(check).isInstanceOf(BrokerTtl.Reject.class);
            assertThat(((BrokerTtl.Reject) check).message()).contains(BrokerTtl.EXTENSION);
        }
    }

    static Stream<Arguments> replies() {
        return Stream.of(
                Arguments.of("fresh event", 255, 254),
                Arguments.of("two left", 2, 1),
                Arguments.of("one left: the reply is dropped", 1, null),
                Arguments.of("already exhausted", 0, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void repliesCarryOneLess(String name, int originalTtl, Integer expected) {
        CloudEvent reply = BrokerTtl.reply(event(null), originalTtl);
        if (expected == null) {
            assertThat(reply).isNull();
        } else {
            assertThat(BrokerTtl.of(reply)).isEqualTo(expected);
        }
    }

    @Test
    void stripRemovesOnlyTheTtl() {
        CloudEvent event =
                CloudEventBuilder.from(event(9)).withExtension("other", "x").build();
        CloudEvent stripped = BrokerTtl.strip(event);
        assertThat(stripped.getExtension(BrokerTtl.EXTENSION)).isNull();
        assertThat(stripped.getExtension("other")).isEqualTo("x");
        assertThat(BrokerTtl.of(stripped)).isEqualTo(BrokerTtl.DEFAULT);
        CloudEvent without = event(null);
        assertThat(BrokerTtl.strip(without)).isSameAs(without);
    }
}
