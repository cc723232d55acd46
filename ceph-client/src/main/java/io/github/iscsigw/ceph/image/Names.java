package io.github.iscsigw.ceph.image;

/**
 * The name rules both image stores enforce, so they accept and refuse the same names.
 */
final class Names {

	private Names() {
	}

	static String pool(String pool) {
		return check(pool, "pool");
	}

	static String image(String image) {
		return check(image, "image");
	}

	static String snapshot(String snapshot) {
		return check(snapshot, "snapshot");
	}

	private static String check(String name, String what) {
		if (name == null || name.isEmpty()) {
			throw new IllegalArgumentException(what + " name must not be empty");
		}
		if (name.startsWith(".") || name.length() > 250) {
			throw new IllegalArgumentException("invalid " + what + " name: " + name);
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '/' || c == '@' || c < 0x20 || c == 0x7f) {
				throw new IllegalArgumentException("invalid " + what + " name: " + name);
			}
		}
		return name;
	}

	static void size(long size) {
		if (size <= 0) {
			throw new InvalidImageSizeException("image size must be positive: " + size, 0, size);
		}
	}

}
