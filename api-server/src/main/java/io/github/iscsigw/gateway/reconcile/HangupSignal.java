package io.github.iscsigw.gateway.reconcile;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP → "reconcile now", like ceph-iscsi's reload. One JVM-wide handler is installed
 * the first time a reconciler subscribes and dispatches to every live subscriber (several
 * application contexts may share a JVM in tests). Where {@code sun.misc.Signal} is
 * missing or the JVM owns the signal ({@code -Xrs}, some test runners), it logs once and
 * does nothing.
 */
final class HangupSignal {

	private static final Logger log = LoggerFactory.getLogger(HangupSignal.class);

	private static final Set<Runnable> subscribers = new CopyOnWriteArraySet<>();

	private static boolean installed;

	private static boolean unavailable;

	private HangupSignal() {
	}

	/**
	 * Subscribes an action to SIGHUP.
	 * @param action what to run (on the signal dispatcher thread; must be quick), or null
	 * for nothing
	 * @return the subscription; closing it unsubscribes
	 */
	static synchronized Subscription subscribe(Runnable action) {
		if (action == null) {
			return new Subscription(null);
		}
		subscribers.add(action);
		if (!installed && !unavailable) {
			try {
				sun.misc.Signal.handle(new sun.misc.Signal("HUP"), (signal) -> dispatch());
				installed = true;
			}
			catch (Throwable ex) {
				// IllegalArgumentException when the JVM reserves the signal,
				// LinkageError without jdk.unsupported
				unavailable = true;
				log.info("SIGHUP handling not available here ({}); use the API to reconcile", ex.toString());
			}
		}
		return new Subscription(action);
	}

	/**
	 * Whether the JVM-wide handler is installed.
	 * @return true once a subscription installed it
	 */
	static synchronized boolean installed() {
		return installed;
	}

	/**
	 * A subscription to SIGHUP.
	 *
	 * @param action the subscribed action, or null
	 */
	record Subscription(Runnable action) implements AutoCloseable {

		@Override
		public void close() {
			if (this.action != null) {
				subscribers.remove(this.action);
			}
		}

	}

	static void dispatch() {
		log.info("SIGHUP: reconciling now");
		for (Runnable r : subscribers) {
			try {
				r.run();
			}
			catch (RuntimeException ex) {
				log.warn("SIGHUP action failed: {}", ex.getMessage());
			}
		}
	}

}
