package dev.kinetic.eventing.broker.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingEventsTest {

    @Test
    void refusesPastTheLimitAndTakesAgainOnceReleased() {
        PendingEvents pending = new PendingEvents(2);
        assertThat(pending.tryAcquire()).isTrue();
        assertThat(pending.tryAcquire()).isTrue();
        assertThat(pending.tryAcquire()).as("a third waiting event is refused").isFalse();
        assertThat(pending.count()).as("a refusal takes no place").isEqualTo(2);
        pending.release();
        assertThat(pending.tryAcquire()).isTrue();
        assertThat(pending.count()).isEqualTo(2);
    }

    @Test
    void aLimitOfZeroRefusesEverything() {
        PendingEvents pending = new PendingEvents(0);
        assertThat(pending.tryAcquire()).isFalse();
        assertThat(pending.count()).isZero();
    }
}
