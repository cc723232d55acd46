package io.github.iscsigw.lio.model;

import java.util.ArrayList;
import java.util.List;

import io.github.iscsigw.lio.LioException;

/**
 * A TCMU ({@code target_core_user}) device, served by a user-space handler; for
 * ceph-iscsi's disks the handler is tcmu-runner's {@code rbd} and {@code devConfig} is
 * {@code rbd/<pool>/<image>;osd_op_timeout=<n>[;conf=<path>][;id=<client>]}
 * (lio-layout.md §2).
 *
 * @param devConfig the handler configuration string (without the {@code dev_config=} key)
 * @param devSize the size in bytes
 * @param maxDataAreaMb TCMU data area per device in MiB, or null for the kernel default
 * @param hwMaxSectors maximum sectors per command, or null for the kernel default
 */
public record UserBackstore(String devConfig, long devSize, Integer maxDataAreaMb,
		Integer hwMaxSectors) implements Backstore {

	public UserBackstore {
		if (devConfig == null || devConfig.isBlank() || devConfig.length() > 1000) {
			throw new LioException("dev_config is missing or too long");
		}
		// rtslib refuses ':' and ',' would split the control write into separate keys
		if (devConfig.indexOf(':') >= 0 || devConfig.indexOf(',') >= 0 || devConfig.indexOf('\n') >= 0) {
			throw new LioException("dev_config must not contain ':', ',' or a newline");
		}
		if (devSize <= 0) {
			throw new LioException("dev_size must be positive");
		}
		if (maxDataAreaMb != null) {
			Names.range("max_data_area_mb", maxDataAreaMb, 1, 2048);
		}
		if (hwMaxSectors != null) {
			Names.range("hw_max_sectors", hwMaxSectors, 1, 8192);
		}
	}

	/**
	 * A ceph-iscsi RBD disk.
	 * @param pool the pool
	 * @param image the image
	 * @param size bytes
	 * @param osdOpTimeout seconds
	 * @param maxDataAreaMb MiB
	 * @param hwMaxSectors sectors
	 * @return the backstore
	 */
	public static UserBackstore rbd(String pool, String image, long size, int osdOpTimeout, int maxDataAreaMb,
			int hwMaxSectors) {
		return new UserBackstore("rbd/" + pool + "/" + image + ";osd_op_timeout=" + osdOpTimeout, size, maxDataAreaMb,
				hwMaxSectors);
	}

	@Override
	public BackstoreType type() {
		return BackstoreType.USER;
	}

	@Override
	public List<String> controlWrites() {
		// lio-layout.md §2: three writes in this order, the last one combining both
		// limits
		List<String> writes = new ArrayList<>();
		writes.add("dev_config=" + this.devConfig);
		writes.add("dev_size=" + this.devSize);
		List<String> limits = new ArrayList<>();
		if (this.maxDataAreaMb != null) {
			limits.add("max_data_area_mb=" + this.maxDataAreaMb);
		}
		if (this.hwMaxSectors != null) {
			limits.add("hw_max_sectors=" + this.hwMaxSectors);
		}
		if (!limits.isEmpty()) {
			writes.add(String.join(",", limits));
		}
		return writes;
	}

	/**
	 * Whether {@code other} differs only in size (a resize, done in place).
	 * @param other another backstore
	 * @return true if only {@code devSize} differs
	 */
	public boolean sameExceptSize(Backstore other) {
		return other instanceof UserBackstore u && u.devConfig.equals(this.devConfig)
				&& java.util.Objects.equals(u.maxDataAreaMb, this.maxDataAreaMb)
				&& java.util.Objects.equals(u.hwMaxSectors, this.hwMaxSectors);
	}

}
