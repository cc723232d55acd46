package io.github.iscsigw.gateway.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.settings.GatewaySettings;
import io.github.iscsigw.gateway.state.Disk;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.lio.apply.Executor;
import io.github.iscsigw.lio.fs.Configfs;
import io.github.iscsigw.lio.model.LioConfig;
import io.github.iscsigw.lio.model.StorageObject;
import io.github.iscsigw.lio.model.StorageObjectId;
import io.github.iscsigw.lio.model.Target;
import io.github.iscsigw.lio.model.Unmanaged;
import io.github.iscsigw.lio.observe.ConfigfsReader;
import io.github.iscsigw.lio.plan.Change;
import io.github.iscsigw.lio.plan.Plan;
import io.github.iscsigw.lio.plan.Planner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this gateway's LIO equal to what the config document says it must be: observe →
 * plan → apply, level-triggered and idempotent, on one thread.
 *
 * <p>
 * A pass runs at start-up (restoring LIO after a reboot, lio-layout.md §9), whenever the
 * config epoch changes (a local commit or a peer's, via
 * {@link ConfigRepository#addListener}), on {@link #reconcileNow()} (mutating API
 * handlers, SIGHUP) and every {@link Options#interval()} to repair drift. Requests that
 * arrive while a pass is queued are folded into it. A failed pass is retried after an
 * exponential back-off (1 s, 2 s, … up to the interval); the next pass observes afresh,
 * so a half-applied plan is simply finished.
 *
 * <p>
 * What is ours: every target of the document (a target this gateway is not a portal of is
 * removed from its LIO, as ceph-iscsi's removed gateway does), every storage object named
 * by a disk's {@code backstore_object_name}, and whatever an earlier pass created
 * (remembered in the {@link ManagedObjects} ledger, so a target or disk deleted from the
 * document is deleted from LIO too, even across restarts). Everything inside one of our
 * targets or storage objects is ours. Other targets and storage objects (made by hand, by
 * other tools) are never touched.
 */
public class Reconciler implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	private static final int MAX_PLAN_LINES = 200;

	private final ConfigRepository repository;

	private final String gateway;

	private final GatewaySettings settings;

	private final DiskBacking backing;

	private final ImageSizes imageSizes;

	private final DesiredState.PasswordReveal passwords;

	private final Configfs configfs;

	private final boolean simulated;

	private final ManagedObjects ledger;

	private final Options options;

	private final Clock clock;

	private final ScheduledExecutorService thread;

	private final AtomicBoolean queued = new AtomicBoolean();

	private final Object monitor = new Object();

	/** Guarded by {@link #monitor}. */
	private long passesStarted;

	/** Guarded by {@link #monitor}. */
	private long passesCompleted;

	private volatile ReconcilerStatus status;

	private volatile Instant retryNotBefore = Instant.MIN;

	private volatile boolean closed;

	private List<String> lastProblems = List.of();

	/**
	 * How the loop runs.
	 *
	 * @param interval time between drift-repair passes
	 * @param firstRetry back-off after the first failure (doubled after each further one,
	 * at most {@code interval})
	 * @param awaitTimeout how long {@link #reconcileNow()} and {@link #start()} wait
	 * @param clearOnShutdown remove our targets and storage objects on {@link #close()}
	 * (ceph-iscsi's SIGTERM behaviour, lio-layout.md §9); false leaves LIO serving
	 */
	public record Options(Duration interval, Duration firstRetry, Duration awaitTimeout, boolean clearOnShutdown) {

		public Options {
			if (interval.isNegative() || interval.isZero()) {
				throw new IllegalArgumentException("reconcile interval must be positive");
			}
		}

		/**
		 * The defaults: every 30 s, first retry after 1 s, wait up to 30 s, leave LIO on
		 * shutdown.
		 * @return the options
		 */
		public static Options defaults() {
			return new Options(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(30), false);
		}

	}

	/**
	 * Creates a reconciler; {@link #start()} starts it.
	 * @param repository the config document
	 * @param gateway this gateway's name
	 * @param settings the effective settings
	 * @param backing user:rbd or fileio
	 * @param imageSizes image sizes
	 * @param passwords CHAP password decryption
	 * @param configfs the LIO root (real or simulated)
	 * @param simulated whether {@code configfs} is a simulator (for the status)
	 * @param ledger what earlier passes created
	 * @param options timing and shutdown behaviour
	 * @param clock time source for the status
	 */
	public Reconciler(ConfigRepository repository, String gateway, GatewaySettings settings, DiskBacking backing,
			ImageSizes imageSizes, DesiredState.PasswordReveal passwords, Configfs configfs, boolean simulated,
			ManagedObjects ledger, Options options, Clock clock) {
		this.repository = repository;
		this.gateway = gateway;
		this.settings = settings;
		this.backing = backing;
		this.imageSizes = imageSizes;
		this.passwords = passwords;
		this.configfs = configfs;
		this.simulated = simulated;
		this.ledger = ledger;
		this.options = options;
		this.clock = clock;
		this.status = ReconcilerStatus.initial(gateway, configfs.root(), simulated);
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread t = new Thread(runnable, "reconciler-" + gateway);
			t.setDaemon(true);
			return t;
		});
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.thread = executor;
	}

	/**
	 * Starts following the document: a first pass (waited for, bounded by
	 * {@link Options#awaitTimeout()}), a pass on every epoch change and a periodic one.
	 */
	public void start() {
		this.repository.addListener((snapshot) -> trigger());
		long millis = this.options.interval().toMillis();
		this.thread.scheduleWithFixedDelay(this::periodic, millis, millis, TimeUnit.MILLISECONDS);
		ReconcilerStatus first = reconcileNow();
		if (first.converged()) {
			log.info("LIO of {} matches config epoch {} ({} {})", this.gateway, first.lastAppliedEpoch(),
					this.simulated ? "simulated configfs in" : "configfs at", this.configfs.root());
		}
	}

	/**
	 * The last pass's outcome.
	 * @return the status
	 */
	public ReconcilerStatus status() {
		return this.status;
	}

	/**
	 * Runs a pass now and waits (up to {@link Options#awaitTimeout()}) until a pass that
	 * started after this call has finished, so the document current at the call is
	 * applied if the returned status is {@link ReconcilerStatus#converged() converged}.
	 * @return the status after that pass (or the current one on timeout)
	 */
	public ReconcilerStatus reconcileNow() {
		return reconcileNow(this.options.awaitTimeout());
	}

	/**
	 * Like {@link #reconcileNow()} with another bound.
	 * @param timeout how long to wait at most
	 * @return the status after the pass (or the current one on timeout)
	 */
	public ReconcilerStatus reconcileNow(Duration timeout) {
		long needed;
		synchronized (this.monitor) {
			needed = this.passesStarted + 1;
		}
		trigger();
		awaitPass(needed, timeout);
		return this.status;
	}

	/**
	 * Asks for a pass without waiting for it (SIGHUP).
	 */
	public void requestReconcile() {
		trigger();
	}

	/**
	 * Waits until LIO matches a document of at least {@code epoch} (e.g. the epoch a
	 * commit returned), running a pass if needed.
	 * @param epoch the epoch
	 * @param timeout how long to wait at most
	 * @return true if applied in time
	 */
	public boolean awaitApplied(long epoch, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		if (applied(epoch)) {
			return true;
		}
		reconcileNow(timeout);
		// a failed pass is retried on the back-off schedule, not hammered from here
		while (!applied(epoch)) {
			long left = deadline - System.nanoTime();
			if (left <= 0 || this.closed) {
				return false;
			}
			long next;
			synchronized (this.monitor) {
				next = this.passesCompleted + 1;
			}
			awaitPass(next, Duration.ofNanos(left));
		}
		return true;
	}

	private boolean applied(long epoch) {
		ReconcilerStatus s = this.status;
		return s.converged() && s.lastAppliedEpoch() >= epoch;
	}

	private void awaitPass(long needed, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (this.passesCompleted < needed && !this.closed) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					log.warn("no reconcile pass of {} finished within {}", this.gateway, timeout);
					return;
				}
				try {
					this.monitor.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void trigger() {
		if (!this.closed && this.queued.compareAndSet(false, true)) {
			try {
				this.thread.execute(this::pass);
			}
			catch (java.util.concurrent.RejectedExecutionException ex) {
				this.queued.set(false);
			}
		}
	}

	private void periodic() {
		if (this.clock.instant().isBefore(this.retryNotBefore)) {
			return;
		}
		trigger();
	}

	private void pass() {
		this.queued.set(false);
		synchronized (this.monitor) {
			this.passesStarted++;
		}
		long started = System.nanoTime();
		ReconcilerStatus before = this.status;
		long epoch = -1;
		Set<String> desiredTargets = Set.of();
		Set<StorageObjectId> desiredObjects = Set.of();
		try {
			ConfigRepository.Snapshot snapshot = this.repository.current();
			epoch = snapshot.epoch();
			GatewayConfig config = snapshot.config();
			DesiredState.Result result = DesiredState.of(config, this.gateway,
					new DesiredState.Inputs(this.settings, this.backing, sizes(config), this.passwords));
			reportProblems(result.problems());
			LioConfig desired = result.lio();
			desiredTargets = targetNames(desired);
			desiredObjects = objectIds(desired);
			LioConfig observed = new ConfigfsReader(this.configfs).observe(desired);
			Unmanaged foreign = foreign(observed, config, desiredTargets, desiredObjects);
			LioConfig scoped = new LioConfig(desired.storageObjects(), desired.targets(), desired.discoveryAuth(),
					foreign);
			Plan plan = Planner.plan(observed, scoped);
			boolean drift = !plan.isEmpty() && before.lastAppliedEpoch() == epoch;
			if (!plan.isEmpty()) {
				logPlan(plan, epoch, drift);
				new Executor(this.configfs).apply(plan);
			}
			this.ledger.replace(desiredTargets, desiredObjects);
			this.retryNotBefore = Instant.MIN;
			Instant now = this.clock.instant();
			this.status = new ReconcilerStatus(this.gateway, this.configfs.root(), this.simulated, before.passes() + 1,
					epoch, now, epoch, now, Duration.ofNanos(System.nanoTime() - started), plan.size(),
					plan.isEmpty() ? before.lastPlan() : lines(plan), null, before.lastErrorAt(), 0,
					before.driftRepairs() + (drift ? plan.size() : 0), this.lastProblems);
		}
		catch (RuntimeException ex) {
			try {
				this.ledger.add(desiredTargets, desiredObjects);
			}
			catch (RuntimeException ledgerFailure) {
				ex.addSuppressed(ledgerFailure);
			}
			int failures = before.consecutiveFailures() + 1;
			Duration backoff = backoff(failures);
			Instant now = this.clock.instant();
			this.retryNotBefore = now.plus(backoff);
			this.status = new ReconcilerStatus(this.gateway, this.configfs.root(), this.simulated, before.passes() + 1,
					before.lastAppliedEpoch(), before.lastAppliedAt(), epoch, now,
					Duration.ofNanos(System.nanoTime() - started), before.lastPlanSteps(), before.lastPlan(),
					String.valueOf(ex.getMessage()), now, failures, before.driftRepairs(), this.lastProblems);
			log.error("reconcile pass {} of {} (config epoch {}) failed, retrying in {}: {}", before.passes() + 1,
					this.gateway, epoch, backoff, ex.getMessage(), (failures == 1) ? ex : null);
			if (!this.closed) {
				this.thread.schedule(this::trigger, backoff.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		finally {
			synchronized (this.monitor) {
				this.passesCompleted++;
				this.monitor.notifyAll();
			}
		}
	}

	private Duration backoff(int failures) {
		Duration d = this.options.firstRetry();
		for (int i = 1; i < failures && d.compareTo(this.options.interval()) < 0; i++) {
			d = d.multipliedBy(2);
		}
		return (d.compareTo(this.options.interval()) > 0) ? this.options.interval() : d;
	}

	private Map<String, Long> sizes(GatewayConfig config) {
		Map<String, Long> sizes = new TreeMap<>();
		for (Map.Entry<String, Disk> e : DesiredState.exportedDisks(config, this.gateway).entrySet()) {
			Long size = this.imageSizes.size(e.getValue().pool(), e.getValue().image());
			if (size != null) {
				sizes.put(e.getKey(), size);
			}
		}
		return sizes;
	}

	private void reportProblems(List<String> problems) {
		if (!problems.equals(this.lastProblems)) {
			problems.forEach((p) -> log.warn("{}: {}", this.gateway, p));
			this.lastProblems = problems;
		}
	}

	private void logPlan(Plan plan, long epoch, boolean drift) {
		if (drift) {
			// nothing changed in the document since LIO last matched it: someone changed
			// LIO behind our back
			for (Change c : plan.changes()) {
				log.warn("drift on {}: putting back {}", this.gateway, c);
			}
		}
		else {
			log.info("applying config epoch {} to LIO of {}: {} steps", epoch, this.gateway, plan.size());
			if (log.isDebugEnabled()) {
				log.debug("plan:\n{}", plan.describe());
			}
		}
	}

	private static List<String> lines(Plan plan) {
		List<String> lines = new ArrayList<>();
		for (Change c : plan.changes()) {
			if (lines.size() == MAX_PLAN_LINES) {
				lines.add("... " + (plan.size() - MAX_PLAN_LINES) + " more");
				break;
			}
			lines.add(c.phase() + " " + c);
		}
		return lines;
	}

	/**
	 * Targets and storage objects LIO has that are not ours, as exact-name patterns for
	 * the planner to leave alone.
	 */
	private Unmanaged foreign(LioConfig observed, GatewayConfig config, Set<String> desiredTargets,
			Set<StorageObjectId> desiredObjects) {
		Set<String> ourTargets = new HashSet<>(desiredTargets);
		ourTargets.addAll(config.targets().keySet());
		ourTargets.addAll(this.ledger.targets());
		Set<String> ourObjectNames = new HashSet<>();
		config.disks().values().forEach((d) -> ourObjectNames.add(d.backstoreObjectName()));
		desiredObjects.forEach((id) -> ourObjectNames.add(id.name()));
		Set<StorageObjectId> ledgerObjects = this.ledger.storageObjects();
		List<String> targets = new ArrayList<>();
		for (Target t : observed.targets()) {
			if (!ourTargets.contains(t.iqn())) {
				targets.add(t.iqn());
			}
		}
		List<String> objects = new ArrayList<>();
		for (StorageObject so : observed.storageObjects()) {
			if (!ourObjectNames.contains(so.name()) && !ledgerObjects.contains(so.id())) {
				objects.add(so.id().toString());
			}
		}
		return new Unmanaged(targets, objects);
	}

	private static Set<String> targetNames(LioConfig lio) {
		Set<String> names = new HashSet<>();
		lio.targets().forEach((t) -> names.add(t.iqn()));
		return names;
	}

	private static Set<StorageObjectId> objectIds(LioConfig lio) {
		Set<StorageObjectId> ids = new HashSet<>();
		lio.storageObjects().forEach((so) -> ids.add(so.id()));
		return ids;
	}

	/**
	 * Removes this gateway's targets and storage objects from LIO, as ceph-iscsi does on
	 * SIGTERM (lio-layout.md §9): the targets of the document this gateway is a portal
	 * of, the storage objects named by the document's disks, and what the ledger
	 * remembers. Discovery auth and foreign objects stay.
	 */
	public void clearLio() {
		GatewayConfig config = this.repository.current().config();
		LioConfig observed = new ConfigfsReader(this.configfs).observe(LioConfig.EMPTY);
		Set<String> ours = new HashSet<>(this.ledger.targets());
		config.targets().forEach((iqn, t) -> {
			if (t.portals().containsKey(this.gateway)) {
				ours.add(iqn);
			}
		});
		Set<String> objectNames = new HashSet<>();
		config.disks().values().forEach((d) -> objectNames.add(d.backstoreObjectName()));
		List<String> foreignTargets = new ArrayList<>();
		observed.targets().forEach((t) -> {
			if (!ours.contains(t.iqn())) {
				foreignTargets.add(t.iqn());
			}
		});
		List<String> foreignObjects = new ArrayList<>();
		observed.storageObjects().forEach((so) -> {
			if (!objectNames.contains(so.name()) && !this.ledger.storageObjects().contains(so.id())) {
				foreignObjects.add(so.id().toString());
			}
		});
		LioConfig nothing = new LioConfig(List.of(), List.of(), null, new Unmanaged(foreignTargets, foreignObjects));
		Plan plan = Planner.plan(observed, nothing);
		log.info("clearing LIO of {} on shutdown: {} steps", this.gateway, plan.size());
		new Executor(this.configfs).apply(plan);
		this.ledger.replace(Set.of(), Set.of());
	}

	/**
	 * Stops the loop (waiting for a running pass), and clears LIO if
	 * {@link Options#clearOnShutdown()}.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.thread.shutdown();
		try {
			if (!this.thread.awaitTermination(this.options.awaitTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("reconcile pass of {} still running at shutdown", this.gateway);
				this.thread.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		synchronized (this.monitor) {
			this.monitor.notifyAll();
		}
		if (this.options.clearOnShutdown()) {
			try {
				clearLio();
			}
			catch (RuntimeException ex) {
				log.error("could not clear LIO of {} on shutdown: {}", this.gateway, ex.getMessage());
			}
		}
		else {
			log.info("leaving LIO of {} as it is (initiators keep their sessions)", this.gateway);
		}
	}

}
