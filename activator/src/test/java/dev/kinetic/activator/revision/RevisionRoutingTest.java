package dev.kinetic.activator.revision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RevisionRoutingTest {

    /** Headers and Host of a request and the revision it is for ({@code null}: none). */
    record Row(String name, String revisionHeader, String namespaceHeader, String host, RevisionKey expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final RevisionKey HELLO = new RevisionKey("default", "hello-00001");

    static Stream<Row> rows() {
        return Stream.of(
                new Row("headers", "hello-00001", "default", null, HELLO),
                new Row("headers win over the host", "hello-00001", "default", "other-00002.prod.svc", HELLO),
                new Row("headers are trimmed", " hello-00001 ", " default", null, HELLO),
                new Row("revision header alone falls back to host", "x", null, "hello-00001.default", HELLO),
                new Row("blank namespace header falls back to host", "x", " ", "hello-00001.default.svc", HELLO),
                new Row("full service name", null, null, "hello-00001.default.svc.cluster.local", HELLO),
                new Row("full service name with port", null, null, "hello-00001.default.svc.cluster.local:80", HELLO),
                new Row("fully qualified with a dot", null, null, "hello-00001.default.svc.cluster.local.", HELLO),
                new Row("upper case", null, null, "Hello-00001.Default.SVC.Cluster.Local", HELLO),
                new Row("svc form", null, null, "hello-00001.default.svc", HELLO),
                new Row("svc form with port", null, null, "hello-00001.default.svc:8012", HELLO),
                new Row("short form", null, null, "hello-00001.default", HELLO),
                new Row("short form with port", null, null, "hello-00001.default:81", HELLO),
                new Row("other cluster domain is not ours", null, null, "hello-00001.default.svc.other.local", null),
                new Row("single label", null, null, "hello-00001", null),
                new Row("too many labels", null, null, "a.b.c", null),
                new Row("external domain", null, null, "hello.default.example.com", null),
                new Row("empty namespace label", null, null, "hello-00001.", null),
                new Row("empty revision label", null, null, ".default", null),
                new Row("ip address", null, null, "10.0.0.1:8012", null),
                new Row("ipv6 literal", null, null, "[::1]:8012", null),
                new Row("nothing at all", null, null, null, null),
                new Row("blank host", null, null, " ", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void resolves(Row row) {
        Optional<RevisionKey> key =
                RevisionRouting.resolve(row.revisionHeader(), row.namespaceHeader(), row.host(), "cluster.local");
        assertThat(key).isEqualTo(Optional.ofNullable(row.expected()));
    }
}
