package io.github.iscsigw.gateway.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.iscsigw.gateway.session.SessionInfo;
import io.github.iscsigw.lio.LioException;
import io.github.iscsigw.lio.fs.Configfs;
import io.github.iscsigw.lio.fs.ConfigfsPaths;
import io.github.iscsigw.lio.model.FileioBackstore;
import io.github.iscsigw.lio.model.LioConfig;
import io.github.iscsigw.lio.model.Lun;
import io.github.iscsigw.lio.model.MappedLun;
import io.github.iscsigw.lio.model.NodeAcl;
import io.github.iscsigw.lio.model.StorageObject;
import io.github.iscsigw.lio.model.Target;
import io.github.iscsigw.lio.model.Tpg;
import io.github.iscsigw.lio.model.UserBackstore;
import io.github.iscsigw.lio.observe.ConfigfsReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the {@code ceph_iscsi_*} metrics of settings.md §6 from a LIO tree at scrape
 * time, as ceph-iscsi's {@code GatewayStats} does, except that an unexpected state (a TPG
 * without portal, a storage object bound to no {@code ao} group, a missing statistics
 * file) leaves out or blanks what cannot be computed instead of failing the scrape.
 */
final class LioMetrics {

	private static final Logger log = LoggerFactory.getLogger(LioMetrics.class);

	static final String NO_TARGETS = "Could not get metrics: No targets setup.";

	static final String NO_TPGS = "Could not get metrics: Target not mapped to gateway.";

	private static final Pattern TG_PT_ALIAS = Pattern.compile("TG Port Alias: (\\S+)");

	private static final long MEBIBYTE = 1024L * 1024L;

	private static final int ATTEMPTS = 3;

	private final Configfs fs;

	private final String gatewayName;

	LioMetrics(Configfs fs, String gatewayName) {
		this.fs = fs;
		this.gatewayName = gatewayName;
	}

	/**
	 * The outcome of a scrape.
	 *
	 * @param families the metrics, or {@code null} when {@code notFound} is set
	 * @param notFound the 404 message when LIO has no target or no TPG
	 */
	record Scrape(List<MetricFamily> families, String notFound) {

		String text() {
			return MetricsText.format(this.families);
		}

	}

	Scrape collect() {
		long start = System.nanoTime();
		LioConfig lio = observe();
		List<MetricFamily> families = new ArrayList<>();
		if (lio != null) {
			if (lio.targets().isEmpty()) {
				return new Scrape(null, NO_TARGETS);
			}
			int tpgs = lio.targets().stream().mapToInt((target) -> target.tpgs().size()).sum();
			if (tpgs == 0) {
				return new Scrape(null, NO_TPGS);
			}
			MetricFamily tpgTotal = new MetricFamily("ceph_iscsi_gateway_tpg_total",
					"target portal groups defined within gateway group", "gauge");
			tpgTotal.add(tpgs, "gw_iqn", lio.targets().get(0).iqn());
			families.add(tpgTotal);
			families.add(mapping(lio));
			families.add(sizes(lio));
			families.addAll(statistics(lio));
			families.addAll(clients(lio));
		}
		MetricFamily duration = new MetricFamily("ceph_iscsi_scrape_duration_seconds",
				"time taken to scrape iscsi stats (secs)", "gauge");
		duration.add((System.nanoTime() - start) / 1e9, "gw_name", this.gatewayName);
		families.add(duration);
		return new Scrape(families, null);
	}

	/**
	 * The structure of LIO; a read that races with the reconciler (an object removed
	 * while it is being read) is retried, and if LIO still cannot be read, only the
	 * scrape duration is reported.
	 */
	private LioConfig observe() {
		ConfigfsReader reader = new ConfigfsReader(this.fs);
		LioException last = null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			try {
				// an empty scope: structure only, no attribute values
				return reader.observe(LioConfig.EMPTY);
			}
			catch (LioException ex) {
				last = ex;
			}
		}
		log.warn("cannot read LIO under {} for the metrics: {}", this.fs.root(), last.getMessage());
		return null;
	}

	private MetricFamily mapping(LioConfig lio) {
		Set<String> mapped = new HashSet<>();
		Map<String, String> owners = new HashMap<>();
		for (Target target : lio.targets()) {
			for (Tpg tpg : target.tpgs()) {
				for (NodeAcl acl : tpg.acls()) {
					for (MappedLun lun : acl.mappedLuns()) {
						Lun tpgLun = tpg.lun(lun.tpgLun());
						if (tpgLun != null) {
							mapped.add(tpgLun.storageObject());
						}
					}
				}
				if (tpg.portals().isEmpty()) {
					// ceph-iscsi fails the whole scrape here; its LUNs just have no owner
					continue;
				}
				String ip = tpg.portals().get(0).ip();
				for (Lun lun : tpg.luns()) {
					if ("ao".equals(aluaGroup(target.iqn(), tpg.tag(), lun.id()))) {
						owners.put(lun.storageObject(), ip);
					}
				}
			}
		}
		MetricFamily family = new MetricFamily("ceph_iscsi_lun_mapped", "LUN mapping state 0=unmapped, 1=mapped",
				"gauge");
		for (StorageObject so : lio.storageObjects()) {
			family.add(mapped.contains(so.name()) ? 1 : 0, "lun_name", so.name(), "gw_name", this.gatewayName,
					"gw_owner", owners.getOrDefault(so.name(), ""));
		}
		return family;
	}

	private MetricFamily sizes(LioConfig lio) {
		MetricFamily family = new MetricFamily("ceph_iscsi_lun_size_bytes", "LUN size (bytes)", "gauge");
		for (StorageObject so : lio.storageObjects()) {
			long size = 0;
			if (Boolean.TRUE.equals(so.enabled())) {
				if (so.backstore() instanceof UserBackstore user) {
					size = user.devSize();
				}
				else if (so.backstore() instanceof FileioBackstore fileio) {
					size = fileio.size();
				}
			}
			family.add(size, "lun_name", so.name(), "gw_name", this.gatewayName);
		}
		return family;
	}

	private List<MetricFamily> statistics(LioConfig lio) {
		MetricFamily iops = new MetricFamily("ceph_iscsi_lun_iops", "IOPS per LUN per client", "counter");
		MetricFamily read = new MetricFamily("ceph_iscsi_lun_read_bytes", "read bytes per LUN per client", "counter");
		MetricFamily write = new MetricFamily("ceph_iscsi_lun_write_bytes", "write bytes per LUN client", "counter");
		for (Target target : lio.targets()) {
			for (Tpg tpg : target.tpgs()) {
				for (NodeAcl acl : tpg.acls()) {
					for (MappedLun lun : acl.mappedLuns()) {
						Lun tpgLun = tpg.lun(lun.tpgLun());
						if (tpgLun == null) {
							continue;
						}
						String[] labels = { "gw_name", this.gatewayName, "client_iqn", acl.initiator(), "lun_name",
								tpgLun.storageObject() };
						String dir = ConfigfsPaths.mappedLun(target.iqn(), tpg.tag(), acl.initiator(), lun.id())
								+ "/statistics/scsi_auth_intr/";
						Long commands = number(dir + "num_cmds");
						if (commands != null) {
							iops.add(commands, labels);
						}
						Long readMbytes = number(dir + "read_mbytes");
						if (readMbytes != null) {
							read.add(readMbytes * MEBIBYTE, labels);
						}
						Long writeMbytes = number(dir + "write_mbytes");
						if (writeMbytes != null) {
							write.add(writeMbytes * MEBIBYTE, labels);
						}
					}
				}
			}
		}
		return List.of(iops, read, write);
	}

	private List<MetricFamily> clients(LioConfig lio) {
		Set<String> loggedIn = new HashSet<>();
		for (Target target : lio.targets()) {
			for (Tpg tpg : target.tpgs()) {
				for (NodeAcl acl : tpg.acls()) {
					String info = text(ConfigfsPaths.acl(target.iqn(), tpg.tag(), acl.initiator()) + "/info");
					if (SessionInfo.parse(info).loggedIn()) {
						loggedIn.add(acl.initiator());
					}
				}
			}
		}
		MetricFamily logins = new MetricFamily("ceph_iscsi_client_login", "iscsi client session active (0=No, 1=Yes)",
				"gauge");
		MetricFamily luns = new MetricFamily("ceph_iscsi_client_lun", "LUN ID by client", "gauge");
		for (Target target : lio.targets()) {
			for (Tpg tpg : target.tpgs()) {
				for (NodeAcl acl : tpg.acls()) {
					logins.add(loggedIn.contains(acl.initiator()) ? 1 : 0, "gw_name", this.gatewayName, "client_iqn",
							acl.initiator());
					for (MappedLun lun : acl.mappedLuns()) {
						Lun tpgLun = tpg.lun(lun.tpgLun());
						if (tpgLun != null) {
							luns.add(lun.id(), "gw_name", this.gatewayName, "client_iqn", acl.initiator(), "lun_name",
									tpgLun.storageObject());
						}
					}
				}
			}
		}
		return List.of(logins, luns);
	}

	private String aluaGroup(String iqn, int tag, int lun) {
		String text = text(ConfigfsPaths.lun(iqn, tag, lun) + "/alua_tg_pt_gp");
		if (text == null) {
			return null;
		}
		Matcher matcher = TG_PT_ALIAS.matcher(text);
		return matcher.find() ? matcher.group(1) : null;
	}

	private Long number(String path) {
		String text = text(path);
		if (text == null) {
			return null;
		}
		try {
			return Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** A file's content, or null when it is missing or unreadable. */
	private String text(String path) {
		try {
			return this.fs.read(path);
		}
		catch (LioException | java.io.UncheckedIOException ex) {
			return null;
		}
	}

}
