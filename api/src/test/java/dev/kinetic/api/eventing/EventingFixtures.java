package dev.kinetic.api.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.Manifests;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.Status;
import java.util.function.Consumer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/** Builders and assertions the eventing, messaging and sources tests share. */
public final class EventingFixtures {
    private EventingFixtures() {}

    /** Parses a manifest as a Knative user writes it. */
    public static <T> T parse(String yaml, Class<T> type) {
        return type.cast(Manifests.parse(yaml));
    }

    /** A copy of {@code base} changed by {@code change}. */
    @SuppressWarnings("unchecked")
    public static <T> T with(T base, Consumer<T> change) {
        T copy = Manifests.copy(base, (Class<T>) base.getClass());
        change.accept(copy);
        return copy;
    }

    /** A table row: a named change, the path it breaks and Knative's message for it. */
    public static <T> Arguments row(String name, Consumer<T> change, String path, String message) {
        return Arguments.of(Named.of(name, change), path, message);
    }

    /** Exactly one error, at {@code path}, with {@code message}: the rule's own error and nothing else. */
    public static void assertOnlyError(Errors errors, String path, String message) {
        assertThat(errors.list()).as(errors.toString()).hasSize(1);
        FieldError error = errors.list().get(0);
        assertThat(error.paths()).as(errors.toString()).contains(path);
        assertThat(error.message()).as(errors.toString()).isEqualTo(message);
    }

    public static void assertNoErrors(Errors errors) {
        assertThat(errors.list()).as(errors.toString()).isEmpty();
    }

    /** The state of a condition, or {@code "absent"}. */
    public static String state(Status status, String type) {
        return status.condition(type).map(Condition::getStatus).orElse("absent");
    }

    public static String reason(Status status, String type) {
        return status.condition(type).map(Condition::getReason).orElse(null);
    }
}
