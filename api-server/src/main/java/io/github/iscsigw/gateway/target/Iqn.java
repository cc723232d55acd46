package io.github.iscsigw.gateway.target;

import java.util.Locale;
import java.util.regex.Pattern;

import io.github.iscsigw.gateway.error.ApiException;

/**
 * An iSCSI qualified name, normalised as rtslib's {@code normalize_wwn(['iqn'], …)} does
 * (rbd-target-api.md §4): blanks stripped, lower-cased, {@code iqn.YYYY-MM.<x>.<y>…}, no
 * space and no underscore.
 *
 * @param value the normalised name
 */
public record Iqn(String value) {

	private static final Pattern SHAPE = Pattern.compile("iqn\\.[0-9]{4}-[0-1][0-9]\\..*\\..*");

	public Iqn {
		if (value == null || !SHAPE.matcher(value).matches() || value.contains(" ") || value.contains("_")
				|| !value.equals(value.toLowerCase(Locale.ROOT))) {
			throw new IllegalArgumentException("not a normalised IQN: " + value);
		}
	}

	/**
	 * Normalises a name given by a client.
	 * @param raw the name as sent
	 * @return the IQN
	 * @throws ApiException 400 {@code Invalid iqn <raw> - WWN not valid as: iqn}
	 * (ceph-iscsi answers this with a 500)
	 */
	public static Iqn parse(String raw) {
		String value = (raw == null) ? "" : raw.strip().toLowerCase(Locale.ROOT);
		if (!SHAPE.matcher(value).matches() || value.contains(" ") || value.contains("_")) {
			throw ApiException.badRequest("Invalid iqn " + raw + " - WWN not valid as: iqn");
		}
		return new Iqn(value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
