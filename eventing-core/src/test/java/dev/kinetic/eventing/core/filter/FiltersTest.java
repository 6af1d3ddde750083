package dev.kinetic.eventing.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.eventing.v1.SubscriptionsAPIFilter;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FiltersTest {
    /** The event every row filters, unless the row says otherwise. */
    static final CloudEvent EVENT = CloudEventBuilder.v1()
            .withId("evt-1")
            .withSource(URI.create("https://shop.example.com/orders"))
            .withType("com.example.order.created")
            .withSubject("orders/42")
            .withTime(OffsetDateTime.parse("2026-01-02T03:04:05Z"))
            .withDataSchema(URI.create("https://schemas.example.com/order"))
            .withDataContentType("application/json")
            .withExtension("region", "eu-west")
            .withExtension("priority", 5)
            .withExtension("urgent", true)
            .withExtension("blob", "hi".getBytes(StandardCharsets.UTF_8))
            .withData("{}".getBytes(StandardCharsets.UTF_8))
            .build();

    static SubscriptionsAPIFilter exact(String... pairs) {
        return new SubscriptionsAPIFilter().setExact(map(pairs));
    }

    static SubscriptionsAPIFilter prefix(String... pairs) {
        return new SubscriptionsAPIFilter().setPrefix(map(pairs));
    }

    static SubscriptionsAPIFilter suffix(String... pairs) {
        return new SubscriptionsAPIFilter().setSuffix(map(pairs));
    }

    static SubscriptionsAPIFilter all(SubscriptionsAPIFilter... filters) {
        return new SubscriptionsAPIFilter().setAll(List.of(filters));
    }

    static SubscriptionsAPIFilter any(SubscriptionsAPIFilter... filters) {
        return new SubscriptionsAPIFilter().setAny(List.of(filters));
    }

    static SubscriptionsAPIFilter not(SubscriptionsAPIFilter filter) {
        return new SubscriptionsAPIFilter().setNot(filter);
    }

    static SubscriptionsAPIFilter cesql(String expression) {
        return new SubscriptionsAPIFilter().setCesql(expression);
    }

    static SubscriptionsAPIFilter empty() {
        return new SubscriptionsAPIFilter();
    }

    static Map<String, String> map(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static Arguments row(
            String name, Map<String, String> attributes, List<SubscriptionsAPIFilter> filters, boolean pass) {
        return Arguments.of(name, attributes, filters, pass);
    }

    static Arguments filters(String name, boolean pass, SubscriptionsAPIFilter... filters) {
        return row(name, null, Arrays.asList(filters), pass);
    }

    static Arguments attributes(String name, boolean pass, String... pairs) {
        return row(name, map(pairs), null, pass);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                // Neither filter.
                row("no filter at all", null, null, true),
                row("empty attributes and filters", Map.of(), List.of(), true),
                // Legacy attributes.
                attributes("attributes: type matches", true, "type", "com.example.order.created"),
                attributes("attributes: case-sensitive", false, "type", "com.example.order.CREATED"),
                attributes(
                        "attributes: all entries must match",
                        false,
                        "type",
                        "com.example.order.created",
                        "subject",
                        "x"),
                attributes(
                        "attributes: every entry matches",
                        true,
                        "type",
                        "com.example.order.created",
                        "region",
                        "eu-west"),
                attributes("attributes: missing attribute", false, "missing", "x"),
                attributes("attributes: empty value accepts an absent attribute", true, "missing", ""),
                attributes("attributes: empty value accepts any value", true, "type", ""),
                attributes("attributes: only empty values pass all", true, "type", "", "subject", ""),
                attributes("attributes: integer extension stringified", true, "priority", "5"),
                attributes("attributes: boolean extension stringified", true, "urgent", "true"),
                attributes("attributes: binary extension in base64", true, "blob", "aGk="),
                attributes("attributes: time as RFC 3339", true, "time", "2026-01-02T03:04:05Z"),
                attributes("attributes: source as written", true, "source", "https://shop.example.com/orders"),
                attributes("attributes: specversion", true, "specversion", "1.0"),
                attributes("attributes: id", true, "id", "evt-1"),
                attributes("attributes: dataschema", true, "dataschema", "https://schemas.example.com/order"),
                attributes("attributes: datacontenttype", true, "datacontenttype", "application/json"),
                attributes(
                        "attributes: attribute names are case-sensitive", false, "Type", "com.example.order.created"),
                // exact / prefix / suffix.
                filters("exact: context attribute", true, exact("subject", "orders/42")),
                filters("exact: mismatch", false, exact("subject", "orders/4")),
                filters("exact: extension", true, exact("region", "eu-west")),
                filters("exact: missing attribute", false, exact("missing", "x")),
                filters("exact: missing attribute, empty expected", false, exact("missing", "")),
                filters("exact: every entry must hold", false, exact("region", "eu-west", "subject", "nope")),
                filters("prefix: context attribute", true, prefix("type", "com.example.")),
                filters("prefix: mismatch", false, prefix("type", "org.example.")),
                filters("prefix: extension", true, prefix("region", "eu-")),
                filters("prefix: missing attribute", false, prefix("missing", "a")),
                filters("prefix: case-sensitive", false, prefix("type", "COM.")),
                filters("prefix: time", true, prefix("time", "2026-01-02T")),
                filters("suffix: context attribute", true, suffix("type", ".created")),
                filters("suffix: mismatch", false, suffix("type", ".deleted")),
                filters("suffix: extension", true, suffix("region", "-west")),
                filters("suffix: integer extension", true, suffix("priority", "5")),
                filters("suffix: missing attribute", false, suffix("missing", "a")),
                filters("suffix: all entries", false, suffix("type", ".created", "source", "/users")),
                // Nesting.
                filters("all: both hold", true, all(prefix("type", "com."), suffix("type", ".created"))),
                filters("all: one fails", false, all(prefix("type", "com."), suffix("type", ".deleted"))),
                filters("any: one holds", true, any(exact("type", "x"), exact("region", "eu-west"))),
                filters("any: none holds", false, any(exact("type", "x"), exact("region", "us"))),
                filters("not: negates a match", false, not(exact("region", "eu-west"))),
                filters("not: negates a mismatch", true, not(exact("region", "us"))),
                filters("not: of a missing attribute passes", true, not(exact("missing", "x"))),
                filters(
                        "nested: all of any and not",
                        true,
                        all(any(exact("type", "x"), prefix("subject", "orders/")), not(exact("urgent", "false")))),
                filters(
                        "nested: any of all",
                        false,
                        any(all(exact("region", "eu-west"), exact("priority", "1")), all(exact("type", "y")))),
                filters(
                        "array is an implicit all: both hold",
                        true,
                        exact("region", "eu-west"),
                        prefix("type", "com.")),
                filters(
                        "array is an implicit all: one fails",
                        false,
                        exact("region", "eu-west"),
                        prefix("type", "org.")),
                // Empty elements are no filter.
                filters("empty element passes", true, empty()),
                filters("empty element beside a failing one", false, empty(), exact("type", "x")),
                filters("not of an empty element is no filter", true, not(empty())),
                filters("any of an empty element and a failing one", false, any(empty(), exact("type", "x"))),
                filters("all of empty elements", true, all(empty(), empty())),
                filters("empty exact map", true, exact()),
                // filters win over attributes.
                row(
                        "filters win over attributes (attributes would pass)",
                        map("type", "com.example.order.created"),
                        List.of(exact("type", "x")),
                        false),
                row(
                        "filters win over attributes (attributes would fail)",
                        map("type", "x"),
                        List.of(exact("region", "eu-west")),
                        true),
                row("empty filters: attributes apply", map("type", "x"), List.of(), false),
                // CESQL.
                filters("cesql: true", true, cesql("region = 'eu-west' AND priority > 3")),
                filters("cesql: false", false, cesql("priority > 5")),
                filters("cesql: LIKE on a context attribute", true, cesql("subject LIKE 'orders/%'")),
                filters("cesql: missing attribute is an error", false, cesql("missing = ''")),
                filters("cesql: EXISTS", true, cesql("EXISTS subject AND NOT EXISTS missing")),
                filters("cesql: math error", false, cesql("priority / 0 = 0")),
                filters("cesql: cast error", false, cesql("INT(region) = 0")),
                filters("cesql: missing function", false, cesql("NOPE(type)")),
                filters("cesql: not of an evaluation error passes", true, not(cesql("INT(region) = 0"))),
                filters("cesql: a non-boolean true-ish string", true, cesql("'TRUE'")),
                filters("cesql: an integer result", false, cesql("0")),
                filters("cesql: unparsable never matches", false, cesql("type = ")),
                filters("cesql: unparsable under not fails closed", false, not(cesql("type = "))),
                filters("cesql: in any", true, any(cesql("priority = 1"), cesql("urgent"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void filters(String name, Map<String, String> attributes, List<SubscriptionsAPIFilter> filters, boolean pass) {
        EventFilter filter = Filters.compile(attributes, filters);
        assertThat(filter.test(EVENT)).as(filter.toString()).isEqualTo(pass);
        // A compiled filter gives the same answer every time, whatever it reorders.
        assertThat(filter.test(EVENT)).isEqualTo(pass);
    }

    @Test
    void noFilterIsThePassAllFilter() {
        assertThat(Filters.compile(null, null)).isSameAs(Filters.PASS_ALL);
        assertThat(Filters.compile(Map.of("type", ""), List.of(empty()))).isSameAs(Filters.PASS_ALL);
    }

    @Test
    void anUnparsableExpressionIsReportedNamingIt() {
        EventFilter filter = Filters.compile(null, List.of(exact("type", "x"), any(cesql("type = "), cesql("1 +"))));
        assertThat(filter.problems()).hasSize(2);
        assertThat(filter.problems().get(0)).contains("type = ");
        assertThat(filter.problems().get(1)).contains("1 +");
        assertThat(Filters.compile(null, List.of(cesql("type = 'x'"))).problems())
                .isEmpty();
    }

    @Test
    void anyMovesTheChildThatMatchesAheadOfItsNeighbour() {
        AdaptiveFilter filter = (AdaptiveFilter)
                Filters.compile(null, List.of(any(exact("type", "never"), exact("region", "eu-west"))));
        assertThat(filter.children())
                .map(Object::toString)
                .containsExactly("exact{type=never}", "exact{region=eu-west}");

        assertThat(filter.test(EVENT)).isTrue();

        assertThat(filter.children())
                .map(Object::toString)
                .containsExactly("exact{region=eu-west}", "exact{type=never}");
    }

    @Test
    void allMovesTheChildThatFailsAheadOfItsNeighbour() {
        AdaptiveFilter filter =
                (AdaptiveFilter) Filters.compile(null, List.of(prefix("type", "com."), suffix("type", ".deleted")));
        assertThat(filter.test(EVENT)).isFalse();
        assertThat(filter.children())
                .map(Object::toString)
                .containsExactly("suffix{type=.deleted}", "prefix{type=com.}");
    }

    @Test
    void aChildOvertakesOnlyWhenItDecidesMoreThanTwiceAsOftenAsItsNeighbour() {
        CloudEvent typeA = EVENT;
        CloudEvent typeB = CloudEventBuilder.from(EVENT).withType("b").build();
        AdaptiveFilter filter = (AdaptiveFilter)
                Filters.compile(null, List.of(any(exact("type", "com.example.order.created"), exact("type", "b"))));
        for (int i = 0; i < 10; i++) {
            assertThat(filter.test(typeA)).isTrue();
        }
        for (int i = 0; i < 20; i++) {
            assertThat(filter.test(typeB)).isTrue();
        }
        assertThat(filter.children().get(0)).hasToString("exact{type=com.example.order.created}");

        assertThat(filter.test(typeB)).isTrue();

        assertThat(filter.children().get(0)).hasToString("exact{type=b}");
        assertThat(filter.test(typeA)).isTrue();
        assertThat(filter.test(CloudEventBuilder.from(EVENT).withType("c").build()))
                .isFalse();
    }

    @Test
    void threeChildrenBubbleOneStepAtATime() {
        AdaptiveFilter filter = (AdaptiveFilter)
                Filters.compile(null, List.of(any(exact("type", "x"), exact("type", "y"), exact("region", "eu-west"))));
        assertThat(filter.test(EVENT)).isTrue();
        assertThat(filter.children())
                .map(Object::toString)
                .containsExactly("exact{type=x}", "exact{region=eu-west}", "exact{type=y}");
        assertThat(filter.test(EVENT)).isTrue();
        assertThat(filter.children())
                .map(Object::toString)
                .containsExactly("exact{region=eu-west}", "exact{type=x}", "exact{type=y}");
    }

    @Test
    void oneFilterIsCorrectUnderConcurrentUseWhileItReorders() throws Exception {
        EventFilter filter = Filters.compile(
                null, List.of(any(exact("type", "t0"), exact("type", "t1"), exact("type", "t2"), exact("type", "t3"))));
        List<CloudEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(CloudEventBuilder.from(EVENT).withType("t" + i).build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                wrong.add(pool.submit(() -> {
                    int errors = 0;
                    for (int i = 0; i < 50_000; i++) {
                        // Skewed so that the order keeps changing: thread t mostly sends type t.
                        int type = (i % 7 == 0) ? (i / 7) % 5 : seed;
                        boolean expected = type < 4;
                        if (filter.test(events.get(type)) != expected) {
                            errors++;
                        }
                    }
                    return errors;
                }));
            }
            for (Future<Integer> errors : wrong) {
                assertThat(errors.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(((AdaptiveFilter) filter).children()).hasSize(4);
    }
}
