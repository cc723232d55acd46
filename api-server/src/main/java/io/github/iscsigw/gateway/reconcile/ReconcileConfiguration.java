package io.github.iscsigw.gateway.reconcile;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.github.iscsigw.ceph.image.ImageStore;
import io.github.iscsigw.ceph.image.RbdImageStore;
import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.GatewayModes;
import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.settings.GatewayProperties;
import io.github.iscsigw.gateway.settings.GatewaySettings;
import io.github.iscsigw.gateway.settings.SettingsFile;
import io.github.iscsigw.gateway.state.ChapCipher;
import io.github.iscsigw.lio.fs.Configfs;
import io.github.iscsigw.lio.sim.SimulatedConfigfs;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires this gateway's reconciler: the configfs root from {@link GatewayModes} (real, or
 * a simulator directory), {@code user:rbd} disks when the image store is RBD and
 * {@code fileio} over the embedded image files otherwise, the CHAP key pair, and the
 * Spring properties {@code gateway.reconcile-interval} (default 30 s),
 * {@code gateway.clear-lio-on-shutdown} (default false) and {@code gateway.handle-sighup}
 * (default true).
 */
@Configuration(proxyBeanMethods = false)
class ReconcileConfiguration {

	@Bean(destroyMethod = "close")
	Reconciler reconciler(ConfigRepository repository, GatewayIdentity identity, GatewaySettings settings,
			GatewayModes modes, GatewayProperties properties, ChapCipher chapCipher,
			ObjectProvider<ImageStore> imageStores, Clock clock,
			@Value("${gateway.reconcile-interval:30s}") Duration interval,
			@Value("${gateway.clear-lio-on-shutdown:false}") boolean clearOnShutdown) {
		Path dataDir = properties.dataDir().toAbsolutePath().normalize();
		ImageStore store = imageStores.getIfAvailable();
		DiskBacking backing;
		ImageSizes sizes;
		if (store instanceof RbdImageStore) {
			backing = DiskBacking.rbd();
			sizes = ImageSizes.of(store);
		}
		else {
			DiskBacking.Fileio fileio = new DiskBacking.Fileio(dataDir.resolve("images"));
			backing = fileio;
			sizes = (store != null) ? ImageSizes.of(store) : ImageSizes.files(fileio);
		}
		Configfs configfs = modes.configfsSimulated() ? SimulatedConfigfs.open(modes.configfsRoot())
				: Configfs.at(modes.configfsRoot());
		Reconciler.Options options = new Reconciler.Options(interval, Duration.ofSeconds(1),
				Duration.ofSeconds(settings.timeOut()), clearOnShutdown);
		ManagedObjects ledger = ManagedObjects.in(dataDir.resolve("reconcile").resolve(identity.name() + ".managed"));
		Reconciler reconciler = new Reconciler(repository, identity.name(), settings, backing, sizes,
				chapCipher::reveal, configfs, modes.configfsSimulated(), ledger, options, clock);
		reconciler.start();
		return reconciler;
	}

	@Bean(destroyMethod = "close")
	HangupSignal.Subscription hangupSubscription(Reconciler reconciler, SettingsFile settingsFile,
			GatewaySettings settings, @Value("${gateway.handle-sighup:true}") boolean handleSighup) {
		// SIGHUP: read iscsi-gateway.cfg again, then reconcile with what changed
		return HangupSignal.subscribe(handleSighup ? () -> {
			settingsFile.reloadInto(settings);
			reconciler.requestReconcile();
		} : null);
	}

}
