package dev.kinetic.eventing.core.contract;

import static dev.kinetic.eventing.core.contract.ContractFixtures.broker;
import static dev.kinetic.eventing.core.contract.ContractFixtures.contract;
import static dev.kinetic.eventing.core.contract.ContractFixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContractDiffTest {

    static Stream<Arguments> rows() {
        Resource b1 = broker("b1", trigger("t1", "http://a"));
        Resource b1TwoTriggers = broker("b1", trigger("t1", "http://a"), trigger("t2", "http://b"));
        Resource b1Moved = broker("b1", trigger("t1", "http://c"));
        Resource b1OtherTopic = new Resource(
                "b1",
                List.of("other"),
                b1.bootstrapServers(),
                b1.ingress(),
                b1.egressConfig(),
                b1.egresses(),
                b1.reference());
        Resource b1OtherPath = new Resource(
                "b1",
                b1.topics(),
                b1.bootstrapServers(),
                new Ingress("/ns/x", null, null),
                b1.egressConfig(),
                b1.egresses(),
                b1.reference());
        Resource b2 = broker("b2", trigger("t9", "http://z"));
        return Stream.of(
                Arguments.of("nothing to nothing", contract(0), contract(1), List.of()),
                Arguments.of("same document, new generation", contract(1, b1), contract(2, b1), List.of()),
                Arguments.of(
                        "first broker with a trigger",
                        contract(0),
                        contract(1, b1),
                        List.of("+resource b1", "+egress t1")),
                Arguments.of(
                        "a second trigger leaves the first alone",
                        contract(1, b1),
                        contract(2, b1TwoTriggers),
                        List.of("+egress t2")),
                Arguments.of("a trigger removed", contract(1, b1TwoTriggers), contract(2, b1), List.of("-egress t2")),
                Arguments.of(
                        "a trigger's subscriber changes", contract(1, b1), contract(2, b1Moved), List.of("~egress t1")),
                Arguments.of(
                        "a broker's topic changes: the broker and its triggers",
                        contract(1, b1),
                        contract(2, b1OtherTopic),
                        List.of("~resource b1", "~egress t1")),
                Arguments.of(
                        "a broker's ingress path changes: only the broker",
                        contract(1, b1),
                        contract(2, b1OtherPath),
                        List.of("~resource b1")),
                Arguments.of(
                        "a broker removed: its triggers first",
                        contract(1, b1, b2),
                        contract(2, b2),
                        List.of("-egress t1", "-resource b1")),
                Arguments.of("everything gone", contract(1, b1), Contract.EMPTY, List.of("-egress t1", "-resource b1")),
                Arguments.of(
                        "one broker swapped for another",
                        contract(1, b1),
                        contract(2, b2),
                        List.of("-egress t1", "-resource b1", "+resource b2", "+egress t9")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void reportsOnlyWhatChangedInOrder(String name, Contract previous, Contract next, List<String> expected) {
        List<String> calls = new ArrayList<>();
        ContractDiff diff = ContractDiff.between(previous, next);
        diff.applyTo(new Recorder(calls));
        assertThat(calls).containsExactlyElementsOf(expected);
        assertThat(diff.isEmpty()).isEqualTo(expected.isEmpty());
    }

    @Test
    void jsonRoundTripKeepsTheDocument() {
        Contract contract = contract(7, broker("b1", trigger("t1", "http://a"), trigger("t2", "http://b")));
        assertThat(ContractJson.read(ContractJson.write(contract))).isEqualTo(contract);
        assertThat(ContractJson.read("{\"generation\":3,\"future\":true}").generation())
                .isEqualTo(3);
    }

    /** Records listener calls as short strings. */
    record Recorder(List<String> calls) implements ContractListener {
        @Override
        public void onResourceAdded(Resource resource) {
            calls.add("+resource " + resource.uid());
        }

        @Override
        public void onResourceUpdated(Resource previous, Resource resource) {
            calls.add("~resource " + resource.uid());
        }

        @Override
        public void onResourceRemoved(Resource resource) {
            calls.add("-resource " + resource.uid());
        }

        @Override
        public void onEgressAdded(Resource resource, Egress egress) {
            calls.add("+egress " + egress.uid());
        }

        @Override
        public void onEgressUpdated(Resource resource, Egress previous, Egress egress) {
            calls.add("~egress " + egress.uid());
        }

        @Override
        public void onEgressRemoved(Resource resource, Egress egress) {
            calls.add("-egress " + egress.uid());
        }
    }
}
