package io.github.iscsigw.gateway.config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.github.iscsigw.ceph.object.EpochConflictException;
import io.github.iscsigw.ceph.object.VersionedObject;
import io.github.iscsigw.ceph.object.VersionedObjectStore;
import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.state.ConfigCodec;
import io.github.iscsigw.gateway.state.ConfigFormatException;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.Migrations;
import io.github.iscsigw.gateway.state.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desired state of every gateway: the {@code gateway.conf} document, cached and kept
 * current by the store's change notification, committed as ceph-iscsi commits it (a whole
 * new document, epoch + 1, guarded by the epoch the change was based on).
 * <p>
 * A document that cannot be parsed (hostile or corrupted) never replaces the last good
 * one: the error is logged and reads keep answering from the cache.
 */
public class ConfigRepository implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ConfigRepository.class);

	/** Attempts of a commit that keeps losing the race to other writers. */
	private static final int MAX_COMMIT_ATTEMPTS = 20;

	private final VersionedObjectStore store;

	private final String objectName;

	private final GatewayIdentity identity;

	private final BooleanSupplier encryptionAvailable;

	private final Clock clock;

	private final AtomicReference<Snapshot> current = new AtomicReference<>();

	private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();

	private VersionedObjectStore.Subscription subscription;

	/**
	 * Creates the repository; {@link #start()} loads the document.
	 * @param store where the document lives
	 * @param objectName its name ({@code gateway_conf})
	 * @param identity this gateway (for the v9→v10 migration)
	 * @param encryptionAvailable whether CHAP encryption keys are installed (for the
	 * v7→v8 migration)
	 * @param clock time source for timestamps
	 */
	public ConfigRepository(VersionedObjectStore store, String objectName, GatewayIdentity identity,
			BooleanSupplier encryptionAvailable, Clock clock) {
		this.store = store;
		this.objectName = objectName;
		this.identity = identity;
		this.encryptionAvailable = encryptionAvailable;
		this.clock = clock;
	}

	/**
	 * Creates the object if needed, seeds or migrates it (committing once), caches it and
	 * starts following its epoch.
	 */
	public void start() {
		this.store.createIfAbsent(this.objectName);
		Snapshot loaded = load();
		log.info("config document {} at epoch {} (version {})", this.objectName, loaded.epoch(),
				loaded.config().version());
		this.subscription = this.store.watch(this.objectName, this::onEpoch);
	}

	/**
	 * The cached document (kept current by the store's change notification).
	 * @return the latest known document
	 */
	public Snapshot current() {
		Snapshot snapshot = this.current.get();
		if (snapshot == null) {
			throw new IllegalStateException("config repository not started");
		}
		return snapshot;
	}

	/**
	 * Registers a listener called whenever a newer epoch is cached (a local commit or a
	 * peer's, seen through the store's notification). It runs on the committing or
	 * watching thread: it must be quick and must not throw.
	 * @param listener receives the new snapshot
	 */
	public void addListener(Consumer<Snapshot> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Reads the document from the store now.
	 * @return the fresh document (also cached)
	 */
	public Snapshot refresh() {
		return load();
	}

	/**
	 * Applies a change to the latest document and commits it, retrying on a fresh read
	 * when another writer committed first.
	 * @param change the change (a pure function of the document)
	 * @return the committed document
	 */
	public Snapshot commit(UnaryOperator<GatewayConfig> change) {
		for (int attempt = 1; attempt <= MAX_COMMIT_ATTEMPTS; attempt++) {
			Snapshot base = load();
			GatewayConfig next = change.apply(base.config());
			try {
				return commitDocument(next, base.epoch());
			}
			catch (EpochConflictException ex) {
				log.debug("commit attempt {} lost to another writer ({}); retrying", attempt, ex.getMessage());
			}
		}
		throw new ConfigConflictException(
				"gave up committing " + this.objectName + " after " + MAX_COMMIT_ATTEMPTS + " conflicting attempts");
	}

	private Snapshot commitDocument(GatewayConfig next, long baseEpoch) {
		// the document's epoch follows the store's, whatever an older writer left in the
		// JSON
		GatewayConfig document = next.committed(ConfigCodec.now(this.clock));
		long documentEpoch = (baseEpoch == VersionedObjectStore.NO_EPOCH) ? 0 : baseEpoch + 1;
		if (document.epoch() != documentEpoch) {
			document = withEpoch(document, documentEpoch);
		}
		long epoch = this.store.commit(this.objectName, ConfigCodec.write(document), baseEpoch);
		Snapshot snapshot = new Snapshot(document, epoch);
		cacheIfNewer(snapshot);
		return snapshot;
	}

	private static GatewayConfig withEpoch(GatewayConfig config, long epoch) {
		return new GatewayConfig(config.version(), epoch, config.created(), config.updated(), config.discoveryAuth(),
				config.disks(), config.gateways(), config.targets(), config.gatewaysUpgraded(), config.other());
	}

	private Snapshot load() {
		for (int attempt = 1; attempt <= MAX_COMMIT_ATTEMPTS; attempt++) {
			VersionedObject object = this.store.read(this.objectName);
			try {
				if (isBlank(object.content())) {
					seed(object.epoch());
					continue;
				}
				ConfigCodec.Parsed parsed = ConfigCodec.read(object.content(), Migrations.Context
					.of(this.identity.name(), this.encryptionAvailable.getAsBoolean(), this.clock));
				if (parsed.migrated()) {
					log.info("migrating {} from version {} to {}", this.objectName, parsed.fromVersion(),
							GatewayConfig.CURRENT_VERSION);
					return commitMigration(parsed.config(), object.epoch());
				}
				Snapshot snapshot = new Snapshot(parsed.config(), object.epoch());
				cacheIfNewer(snapshot);
				return snapshot;
			}
			catch (EpochConflictException ex) {
				log.debug("seeding or migration raced with another writer; re-reading");
			}
			catch (ConfigFormatException ex) {
				Snapshot last = this.current.get();
				if (last == null) {
					throw ex;
				}
				log.error("{} at epoch {} is invalid, keeping the last good document (epoch {}): {}", this.objectName,
						object.epoch(), last.epoch(), ex.getMessage());
				return last;
			}
		}
		throw new ConfigConflictException("could not read a stable " + this.objectName);
	}

	private void seed(long epoch) {
		GatewayConfig seed = ConfigCodec.seed(this.clock);
		// ceph-iscsi seeds with epoch 0 and xattr "0" (gateway-conf.md §1)
		long stored = this.store.commit(this.objectName, ConfigCodec.write(seed), epoch);
		log.info("seeded empty {} (epoch {})", this.objectName, stored);
	}

	private Snapshot commitMigration(GatewayConfig migrated, long epoch) {
		long documentEpoch = (epoch == VersionedObjectStore.NO_EPOCH) ? 0 : epoch + 1;
		GatewayConfig document = withEpoch(migrated, documentEpoch);
		long stored = this.store.commit(this.objectName, ConfigCodec.write(document), epoch);
		Snapshot snapshot = new Snapshot(document, stored);
		cacheIfNewer(snapshot);
		return snapshot;
	}

	private void cacheIfNewer(Snapshot snapshot) {
		Snapshot previous = this.current.getAndAccumulate(snapshot,
				(old, candidate) -> (old == null || candidate.epoch() >= old.epoch()) ? candidate : old);
		if (previous == null || snapshot.epoch() > previous.epoch()) {
			for (Consumer<Snapshot> listener : this.listeners) {
				try {
					listener.accept(snapshot);
				}
				catch (RuntimeException ex) {
					log.warn("config listener failed on epoch {}: {}", snapshot.epoch(), ex.getMessage());
				}
			}
		}
	}

	private void onEpoch(long epoch) {
		Snapshot cached = this.current.get();
		if (cached != null && cached.epoch() == epoch) {
			return;
		}
		try {
			load();
		}
		catch (RuntimeException ex) {
			log.warn("cannot re-read {} after epoch {}: {}", this.objectName, epoch, ex.getMessage());
		}
	}

	private static boolean isBlank(byte[] content) {
		for (byte b : content) {
			if (!Character.isWhitespace(b)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Host names and addresses the restricted API trusts because of the document: every
	 * gateway and every portal IP of every target (rbd-target-api.md §2).
	 * @return the names and literal addresses
	 */
	public Collection<String> trustedHosts() {
		GatewayConfig config = current().config();
		List<String> hosts = new ArrayList<>(config.gateways().keySet());
		for (Target target : config.targets().values()) {
			if (target.ipList() != null) {
				hosts.addAll(target.ipList());
			}
		}
		return hosts;
	}

	@Override
	public void close() {
		if (this.subscription != null) {
			this.subscription.close();
		}
	}

	/**
	 * A document and the store epoch it was read at.
	 *
	 * @param config the document
	 * @param epoch the store's epoch
	 */
	public record Snapshot(GatewayConfig config, long epoch) {
	}

}
