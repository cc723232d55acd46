package io.github.iscsigw.ceph.image;

import java.util.ArrayList;
import java.util.List;

/**
 * RBD image feature bits ({@code RBD_FEATURE_*}).
 */
public final class ImageFeatures {

	public static final long LAYERING = 1;

	public static final long STRIPINGV2 = 2;

	public static final long EXCLUSIVE_LOCK = 4;

	public static final long OBJECT_MAP = 8;

	public static final long FAST_DIFF = 16;

	public static final long DEEP_FLATTEN = 32;

	public static final long JOURNALING = 64;

	public static final long DATA_POOL = 128;

	/**
	 * What ceph-iscsi creates images with: layering, exclusive-lock, object-map,
	 * fast-diff, deep-flatten (61).
	 */
	public static final long CEPH_ISCSI_DEFAULT = LAYERING | EXCLUSIVE_LOCK | OBJECT_MAP | FAST_DIFF | DEEP_FLATTEN;

	private static final String[] NAMES = { "layering", "striping", "exclusive-lock", "object-map", "fast-diff",
			"deep-flatten", "journaling", "data-pool" };

	private ImageFeatures() {
	}

	/**
	 * The names of the set bits, as {@code rbd info} prints them.
	 * @param features the feature bits
	 * @return the names, lowest bit first
	 */
	public static List<String> names(long features) {
		List<String> names = new ArrayList<>();
		for (int bit = 0; bit < NAMES.length; bit++) {
			if ((features & (1L << bit)) != 0) {
				names.add(NAMES[bit]);
			}
		}
		return names;
	}

}
