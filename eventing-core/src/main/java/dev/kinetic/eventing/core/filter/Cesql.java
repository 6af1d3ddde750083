package dev.kinetic.eventing.core.filter;

import io.cloudevents.CloudEvent;
import io.cloudevents.sql.EvaluationException;
import io.cloudevents.sql.EvaluationRuntime;
import io.cloudevents.sql.Expression;
import io.cloudevents.sql.Parser;
import io.cloudevents.sql.Result;
import io.cloudevents.sql.impl.runtime.ExpressionImpl;
import java.util.Collection;

/**
 * A parsed CloudEvents SQL expression, evaluated with the CloudEvents SDK's engine and reported the way the CESQL
 * specification and its TCK describe results: a value, and the first error met while computing it, if any.
 *
 * <p>Differences from calling the SDK directly, so that every case of the CESQL TCK passes:
 *
 * <ul>
 *   <li>Constant folding is off. The SDK folds constant sub-expressions while parsing, so {@code 5 / 0} fails to parse
 *       (a parse error caused by a math error) although it is well-formed; the specification makes that an evaluation
 *       error with the value 0.
 *   <li>Comparisons that met an error and {@code NOT} of an Integer are corrected, see {@link CesqlTckAlignment}.
 *   <li>Any exception escaping the engine is reported as a {@link ErrorKind#GENERIC} error instead of being thrown.
 * </ul>
 *
 * Instances are immutable and safe to evaluate from several threads at once.
 */
public final class Cesql {
    /** The CESQL error kinds, with the names the TCK uses for them. */
    public enum ErrorKind {
        PARSE("parse"),
        MATH("math"),
        CAST("cast"),
        MISSING_FUNCTION("missingFunction"),
        FUNCTION_EVALUATION("functionEvaluation"),
        MISSING_ATTRIBUTE("missingAttribute"),
        GENERIC("generic");

        private final String tckName;

        ErrorKind(String tckName) {
            this.tckName = tckName;
        }

        /** The name of this kind in the TCK's {@code error} field. */
        public String tckName() {
            return tckName;
        }

        static ErrorKind of(EvaluationException.ErrorKind kind) {
            return switch (kind) {
                case CAST -> CAST;
                case MATH -> MATH;
                case MISSING_ATTRIBUTE -> MISSING_ATTRIBUTE;
                case MISSING_FUNCTION -> MISSING_FUNCTION;
                case FUNCTION_EVALUATION -> FUNCTION_EVALUATION;
                case GENERIC -> GENERIC;
            };
        }
    }

    /**
     * The outcome of one evaluation.
     *
     * @param value the expression's value (a {@link Boolean}, {@link Integer} or {@link String}); with an error, the
     *     zero value the engine computed
     * @param error the first error, or {@code null}
     * @param message the error's description, or {@code null}
     */
    public record Evaluation(Object value, ErrorKind error, String message) {
        /**
         * Whether a filter with this expression passes the event: no error and a value that is true once cast to a
         * Boolean with CESQL's rules (a Boolean; a String {@code "true"}, ignoring case; a non-zero Integer).
         */
        public boolean matches() {
            if (error != null) {
                return false;
            }
            if (value instanceof Boolean b) {
                return b;
            }
            if (value instanceof String s) {
                return s.equalsIgnoreCase("true");
            }
            if (value instanceof Integer i) {
                return i != 0;
            }
            return false;
        }
    }

    // Without constant folding: the SDK would report an error in a constant sub-expression (5 / 0) as a parse
    // error, and evaluate constant sub-expressions before CesqlTckAlignment can correct them.
    private static final Parser PARSER =
            Parser.builder().disableConstantFolding().build();
    private static final EvaluationRuntime RUNTIME = EvaluationRuntime.getDefault();

    private final String text;
    private final Expression expression;

    private Cesql(String text, Expression expression) {
        this.text = text;
        this.expression = expression;
    }

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException naming the expression, when it is not valid CESQL
     */
    public static Cesql parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("CESQL expression is null");
        }
        try {
            Expression parsed = PARSER.parse(text);
            return new Cesql(
                    text,
                    new ExpressionImpl(CesqlTckAlignment.align(((ExpressionImpl) parsed).getExpressionInternal())));
        } catch (RuntimeException e) {
            throw invalid(text, e);
        }
    }

    private static IllegalArgumentException invalid(String text, RuntimeException cause) {
        return new IllegalArgumentException("invalid CESQL expression '" + text + "': " + cause.getMessage(), cause);
    }

    /** Evaluates the expression against an event; never throws. */
    public Evaluation evaluate(CloudEvent event) {
        try {
            Result result = expression.evaluate(RUNTIME, event);
            Collection<EvaluationException> causes = result.causes();
            if (causes == null || causes.isEmpty()) {
                return new Evaluation(result.value(), null, null);
            }
            EvaluationException first = causes.iterator().next();
            return new Evaluation(result.value(), ErrorKind.of(first.getKind()), first.getMessage());
        } catch (RuntimeException e) {
            return new Evaluation(null, ErrorKind.GENERIC, String.valueOf(e));
        }
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
