package dev.kinetic.eventing.core.filter;

import io.cloudevents.CloudEvent;
import io.cloudevents.sql.EvaluationRuntime;
import io.cloudevents.sql.ExceptionFactory;
import io.cloudevents.sql.Type;
import io.cloudevents.sql.impl.ExpressionInternal;
import io.cloudevents.sql.impl.ExpressionInternalVisitor;
import io.cloudevents.sql.impl.expressions.BaseBinaryExpression;
import io.cloudevents.sql.impl.expressions.BaseUnaryExpression;
import io.cloudevents.sql.impl.expressions.ComparisonExpression;
import io.cloudevents.sql.impl.expressions.IntegerComparisonBinaryExpression;
import io.cloudevents.sql.impl.expressions.NotExpression;
import io.cloudevents.sql.impl.runtime.EvaluationResult;
import org.antlr.v4.runtime.misc.Interval;

/**
 * Corrections to the expression tree of the CloudEvents SDK's CESQL engine (cloudevents-sql 4.0.1), where it departs
 * from the CESQL v1 TCK:
 *
 * <ul>
 *   <li><b>A comparison whose evaluation met an error is false.</b> The SDK compares the zero value an erroring operand
 *       left behind, so {@code 1 != 1 / 0} is true (with a math error) and {@code true AND (1 != 1 / 0)} too; the TCK
 *       wants false, the zero value of the comparison, as the SDK already does for a missing attribute.
 *   <li><b>{@code NOT} of an Integer is a cast error.</b> The SDK converts the Integer to a Boolean silently ({@code NOT
 *       10} is false); the TCK wants a cast error, the operand taken as false, and so true.
 * </ul>
 *
 * The tree is rewritten once, right after parsing, by wrapping the affected nodes; it is reached through the SDK's
 * {@code impl} classes, whose unary and binary nodes have public operand accessors. Operands of function calls,
 * {@code IN} and {@code LIKE} have none and are left as the SDK built them (no TCK case needs them). The tree must come
 * from a parser without constant folding, which would evaluate constant sub-expressions before this rewrite.
 */
final class CesqlTckAlignment {
    private CesqlTckAlignment() {}

    /** Rewrites a freshly parsed tree (in place where possible) and returns its new root. */
    static ExpressionInternal align(ExpressionInternal node) {
        if (node instanceof BaseBinaryExpression binary) {
            binary.setLeftOperand(align(binary.getLeftOperand()));
            binary.setRightOperand(align(binary.getRightOperand()));
            if (binary instanceof ComparisonExpression || binary instanceof IntegerComparisonBinaryExpression) {
                return new FalseOnError(binary);
            }
            return binary;
        }
        if (node instanceof BaseUnaryExpression unary) {
            unary.setOperand(align(unary.getOperand()));
            if (unary instanceof NotExpression not) {
                return new StrictNot(not);
            }
            return unary;
        }
        return node;
    }

    /** Delegates everything but evaluation to the wrapped node. */
    private abstract static class Wrapper implements ExpressionInternal {
        final ExpressionInternal wrapped;

        Wrapper(ExpressionInternal wrapped) {
            this.wrapped = wrapped;
        }

        @Override
        public Interval expressionInterval() {
            return wrapped.expressionInterval();
        }

        @Override
        public String expressionText() {
            return wrapped.expressionText();
        }

        @Override
        public <T> T visit(ExpressionInternalVisitor<T> visitor) {
            return wrapped.visit(visitor);
        }
    }

    private static final class FalseOnError extends Wrapper {
        FalseOnError(BaseBinaryExpression comparison) {
            super(comparison);
        }

        @Override
        public EvaluationResult evaluate(EvaluationRuntime runtime, CloudEvent event, ExceptionFactory exceptions) {
            EvaluationResult result = wrapped.evaluate(runtime, event, exceptions);
            return result.isFailed() ? result.copyWithValue(Boolean.FALSE) : result;
        }
    }

    private static final class StrictNot extends Wrapper {
        private final NotExpression not;

        StrictNot(NotExpression not) {
            super(not);
            this.not = not;
        }

        @Override
        public EvaluationResult evaluate(EvaluationRuntime runtime, CloudEvent event, ExceptionFactory exceptions) {
            EvaluationResult operand = not.getOperand().evaluate(runtime, event, exceptions);
            if (operand.isMissingAttributeException()) {
                return operand.copyWithDefaultValueForType(Type.BOOLEAN);
            }
            if (operand.value() instanceof Integer) {
                EvaluationResult castError = new EvaluationResult(
                        Boolean.TRUE,
                        exceptions
                                .castError(
                                        Integer.class,
                                        Boolean.class,
                                        new IllegalArgumentException("NOT takes a Boolean, not an Integer"))
                                .create(expressionInterval(), expressionText()));
                return castError.wrapExceptions(operand);
            }
            return not.evaluate(runtime, operand, exceptions);
        }
    }
}
