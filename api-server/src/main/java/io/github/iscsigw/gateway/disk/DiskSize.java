package io.github.iscsigw.gateway.disk;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Disk sizes as ceph-iscsi reads and prints them: digits and one of {@code M}, {@code G},
 * {@code T} (any case, powers of 1024), and {@code human_size}'s short form ({@code 10G},
 * {@code 1536M}, {@code 1.5T}).
 */
final class DiskSize {

	private static final Pattern SIZE = Pattern.compile("(\\d+)([MGTmgt])");

	private DiskSize() {
	}

	/**
	 * Parses a size.
	 * @param text e.g. {@code 10G}
	 * @return bytes, or empty when invalid (or zero)
	 */
	static Optional<Long> parse(String text) {
		Matcher matcher = SIZE.matcher(text.strip());
		if (!matcher.matches()) {
			return Optional.empty();
		}
		int power = switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
			case "M" -> 2;
			case "G" -> 3;
			default -> 4;
		};
		try {
			long value = Long.parseLong(matcher.group(1));
			long bytes = Math.multiplyExact(value, 1L << (10 * power));
			return (bytes > 0) ? Optional.of(bytes) : Optional.empty();
		}
		catch (ArithmeticException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * ceph-iscsi's {@code human_size}: the largest unit that divides the size exactly.
	 * @param bytes the size
	 * @return e.g. {@code 10G}
	 */
	static String human(long bytes) {
		String[] units = { "b", "K", "M", "G", "T", "P", "E", "Z" };
		int[] precision = { 0, 0, 0, 0, 1, 1, 2, 2 };
		double number = bytes;
		for (int i = 0; i < units.length; i++) {
			if (number % 1024 != 0) {
				return String.format(Locale.ROOT, "%." + precision[i] + "f%s", number, units[i]);
			}
			number /= 1024.0;
		}
		return String.format(Locale.ROOT, "%.2fY", number);
	}

}
