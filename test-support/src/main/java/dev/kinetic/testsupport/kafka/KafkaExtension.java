package dev.kinetic.testsupport.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit extension behind {@link WithKafka}: one {@link InProcessKafka} per test class.
 *
 * <p>The broker is started in {@code beforeAll}, or earlier if a per-class test instance's constructor asks for it,
 * and closed in {@code afterAll} of the class that started it; {@code @Nested} classes share their enclosing class's
 * broker. Should {@code afterAll} not run, JUnit closes the broker with the class's extension store.
 */
public final class KafkaExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);
    private static final String KEY = "broker";

    @Override
    public void beforeAll(ExtensionContext context) {
        broker(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        OwnedBroker owned = store.get(KEY, OwnedBroker.class);
        if (owned != null && owned.owner().equals(context.getUniqueId())) {
            store.remove(KEY);
            owned.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == InProcessKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker(extensionContext);
    }

    /**
     * The broker of the test class of {@code context}, started if this is the first use. Parent stores are searched
     * first, so a {@code @Nested} class finds its enclosing class's broker.
     */
    private static InProcessKafka broker(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext
                .getStore(NAMESPACE)
                .computeIfAbsent(
                        KEY,
                        key -> new OwnedBroker(classContext.getUniqueId(), InProcessKafka.start()),
                        OwnedBroker.class)
                .broker();
    }

    /** The context of the innermost test class around {@code context} (itself for class-level contexts). */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** A broker and the unique id of the class context that started it, which alone may stop it. */
    private record OwnedBroker(String owner, InProcessKafka broker) implements AutoCloseable {
        @Override
        public void close() {
            broker.close();
        }
    }
}
