package io.github.iscsigw.gateway.reconcile;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HangupSignalTests {

	@Test
	void dispatchRunsLiveSubscribersOnly() {
		AtomicInteger first = new AtomicInteger();
		AtomicInteger second = new AtomicInteger();
		try (HangupSignal.Subscription a = HangupSignal.subscribe(first::incrementAndGet);
				HangupSignal.Subscription b = HangupSignal.subscribe(second::incrementAndGet)) {
			HangupSignal.dispatch();
			b.close();
			HangupSignal.dispatch();
		}
		HangupSignal.dispatch();
		assertThat(first).hasValue(2);
		assertThat(second).hasValue(1);
	}

	@Test
	void aFailingSubscriberDoesNotStopTheOthers() {
		AtomicInteger ran = new AtomicInteger();
		try (HangupSignal.Subscription a = HangupSignal.subscribe(() -> {
			throw new IllegalStateException("boom");
		}); HangupSignal.Subscription b = HangupSignal.subscribe(ran::incrementAndGet)) {
			HangupSignal.dispatch();
		}
		assertThat(ran).hasValue(1);
	}

	@Test
	void disabledSubscriptionDoesNothing() {
		try (HangupSignal.Subscription none = HangupSignal.subscribe(null)) {
			assertThat(none.action()).isNull();
		}
	}

}
