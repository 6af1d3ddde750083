package dev.kinetic.eventing.broker.controller.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequeueTest {

    @Test
    void theSoonestAskWinsAndNothingLengthensIt() {
        Requeue requeue = new Requeue(Duration.ofMinutes(10));
        assertThat(requeue.requeue()).isEqualTo(Duration.ofMinutes(10));
        requeue.requeueWithin(Duration.ofSeconds(5));
        requeue.requeueWithin(Duration.ofSeconds(30));
        assertThat(requeue.requeue()).isEqualTo(Duration.ofSeconds(5));
        requeue.requeueWithin(Duration.ofSeconds(1));
        assertThat(requeue.requeue()).isEqualTo(Duration.ofSeconds(1));
    }
}
