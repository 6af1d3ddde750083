package dev.kinetic.eventing.core.delivery;

import dev.kinetic.eventing.core.contract.EgressConfig;
import io.cloudevents.CloudEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Delivers an event to a destination with the delivery settings of its Trigger or Subscription, non-blocking:
 *
 * <ol>
 *   <li>up to {@code 1 + retry} attempts through the {@link EventSender}; a response that {@link Retryable} says to
 *       retry, or none, waits {@link Backoff} (or an honoured {@link RetryAfter}, if longer) on a Vert.x timer;
 *   <li>success is a 2xx, and a {@code 200} may carry a reply event ({@link Replies}); a 200 whose body is not a
 *       CloudEvent is a failure, not retried (the subscriber did answer);
 *   <li>on failure (not retryable, retries exhausted, invalid reply) the original event, with the {@link
 *       DeadLetterExtensions}, goes to the dead-letter sink if there is one, with the same retry settings; a reply
 *       from the sink is ignored.
 * </ol>
 *
 * The returned future never fails: an event that neither the destination nor a dead-letter sink accepted is {@link
 * DeliveryOutcome.Kind#DROPPED}. In all three outcomes the caller commits the event's offset (at-least-once with a
 * bounded effort, as Knative's Kafka dispatcher).
 */
public final class Delivery {
    private final Vertx vertx;
    private final EventSender sender;
    private final Clock clock;

    /**
     * @param vertx for the retry timers
     * @param sender makes the attempts
     * @param clock the time {@code Retry-After} dates are measured from
     */
    public Delivery(Vertx vertx, EventSender sender, Clock clock) {
        this.vertx = vertx;
        this.sender = sender;
        this.clock = clock;
    }

    /** With the system clock. */
    public Delivery(Vertx vertx, EventSender sender) {
        this(vertx, sender, Clock.systemUTC());
    }

    /**
     * Delivers an event.
     *
     * @param event the event
     * @param destination the subscriber's URL
     * @param config the delivery settings
     * @param extraHeaders headers for every attempt (to the destination and the dead-letter sink)
     */
    public Future<DeliveryOutcome> deliver(
            CloudEvent event, String destination, EgressConfig config, Map<String, String> extraHeaders) {
        Map<String, String> headers = extraHeaders == null ? Map.of() : extraHeaders;
        return send(event, destination, config, headers, true)
                .compose(toDestination -> {
                    if (toDestination.failure() == null) {
                        return Future.succeededFuture(new DeliveryOutcome(
                                DeliveryOutcome.Kind.DELIVERED,
                                toDestination.reply(),
                                status(toDestination.last()),
                                toDestination.attempts(),
                                status(toDestination.last()),
                                null));
                    }
                    return deadLetter(event, destination, config, headers, toDestination);
                })
                .recover(unexpected -> Future.succeededFuture(new DeliveryOutcome(
                        DeliveryOutcome.Kind.DROPPED,
                        Optional.empty(),
                        OptionalInt.empty(),
                        0,
                        OptionalInt.empty(),
                        "unexpected: " + unexpected)));
    }

    private Future<DeliveryOutcome> deadLetter(
            CloudEvent event, String destination, EgressConfig config, Map<String, String> headers, Tries failed) {
        Attempt last = failed.last();
        if (config.deadLetter() == null) {
            return Future.succeededFuture(new DeliveryOutcome(
                    DeliveryOutcome.Kind.DROPPED,
                    Optional.empty(),
                    status(last),
                    failed.attempts(),
                    status(last),
                    failed.failure()));
        }
        CloudEvent dead = DeadLetterExtensions.apply(
                event, destination, last.status(), last.body().getBytes(), last.headers());
        return send(dead, config.deadLetter(), config, headers, false)
                .map(toSink -> new DeliveryOutcome(
                        toSink.failure() == null ? DeliveryOutcome.Kind.DEAD_LETTERED : DeliveryOutcome.Kind.DROPPED,
                        Optional.empty(),
                        status(toSink.last()),
                        failed.attempts() + toSink.attempts(),
                        status(last),
                        toSink.failure() == null
                                ? failed.failure()
                                : failed.failure() + "; dead-letter sink: " + toSink.failure()));
    }

    private static OptionalInt status(Attempt attempt) {
        return attempt.hasResponse() ? OptionalInt.of(attempt.status()) : OptionalInt.empty();
    }

    /** The attempts to one URL: the last one, how many, the reply, and why they failed (null on success). */
    private record Tries(Attempt last, int attempts, Optional<CloudEvent> reply, String failure) {}

    private Future<Tries> send(
            CloudEvent event, String url, EgressConfig config, Map<String, String> headers, boolean readReply) {
        Promise<Tries> done = Promise.promise();
        attempt(event, url, config, headers, readReply, 1, done);
        return done.future();
    }

    private void attempt(
            CloudEvent event,
            String url,
            EgressConfig config,
            Map<String, String> headers,
            boolean readReply,
            int number,
            Promise<Tries> done) {
        sender.post(event, url, config, headers).onComplete(ar -> {
            Attempt attempt = ar.succeeded() ? ar.result() : Attempt.noResponse(ar.cause());
            Retryable.Verdict verdict = Retryable.of(attempt.status());
            if (verdict == Retryable.Verdict.SUCCESS) {
                if (!readReply) {
                    done.complete(new Tries(attempt, number, Optional.empty(), null));
                    return;
                }
                Replies.Reply reply = Replies.read(attempt.status(), attempt.headers(), attempt.body());
                if (reply instanceof Replies.Invalid invalid) {
                    done.complete(new Tries(attempt, number, Optional.empty(), invalid.reason()));
                } else if (reply instanceof Replies.Event replyEvent) {
                    done.complete(new Tries(attempt, number, Optional.of(replyEvent.event()), null));
                } else {
                    done.complete(new Tries(attempt, number, Optional.empty(), null));
                }
                return;
            }
            if (verdict == Retryable.Verdict.FAIL || number > Math.max(0, config.retry())) {
                done.complete(new Tries(attempt, number, Optional.empty(), attempt.describe() + " from " + url));
                return;
            }
            long waitMs = RetryAfter.waitMs(
                    Backoff.delayMs(config, number),
                    RetryAfter.honoured(
                            attempt.status(),
                            attempt.header("Retry-After"),
                            config.retryAfterMaxMs(),
                            clock.instant()));
            Runnable next = () -> attempt(event, url, config, headers, readReply, number + 1, done);
            if (waitMs <= 0) {
                // Through the event loop rather than recursively, so that many immediate retries cannot grow the stack.
                vertx.runOnContext(v -> next.run());
            } else {
                vertx.setTimer(waitMs, id -> next.run());
            }
        });
    }
}
