package io.github.iscsigw.gateway.error;

import java.time.Duration;

import io.github.iscsigw.ceph.CephUnavailableException;
import io.github.iscsigw.ceph.object.LockTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

class LegacyErrorAdviceTests {

	final LegacyErrorAdvice advice = new LegacyErrorAdvice();

	@Test
	void anUnreachableOrLockedStoreIs503WithTheStoresMessage() {
		var locked = this.advice.storeUnavailable(new LockTimeoutException("gateway.conf", Duration.ofSeconds(30)));
		assertThat(locked.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(locked.getBody()).containsEntry("message",
				"Timed out (30s) waiting for excl lock on gateway.conf object");
		var down = this.advice.storeUnavailable(new CephUnavailableException("monitors unreachable"));
		assertThat(down.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void anythingElseIsAnUnhandled500() {
		var other = this.advice.unhandled(new IllegalStateException("boom"));
		assertThat(other.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(other.getBody()).containsEntry("message", "Unhandled exception: boom");
	}

}
