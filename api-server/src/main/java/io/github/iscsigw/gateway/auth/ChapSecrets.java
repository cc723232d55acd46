package io.github.iscsigw.gateway.auth;

import io.github.iscsigw.gateway.state.ChapAuth;
import io.github.iscsigw.gateway.state.ChapCipher;
import io.github.iscsigw.gateway.state.ChapCipherException;

/**
 * Turns credentials sent by a client into what the document stores, and back
 * (gateway-conf.md §4): passwords are encrypted when the key pair is installed.
 */
public final class ChapSecrets {

	private ChapSecrets() {
	}

	/**
	 * Discovery and target CHAP as ceph-iscsi writes it: the whole object is replaced; no
	 * user name means "no CHAP" (all empty); both flags always reflect whether encryption
	 * is available, even for empty passwords.
	 * @param credentials the validated credentials
	 * @param cipher the key pair
	 * @return the object to store
	 */
	public static ChapAuth replace(ChapCredentials credentials, ChapCipher cipher) {
		boolean available = cipher.available();
		if (credentials.username().isEmpty()) {
			return new ChapAuth("", "", available, "", "", available);
		}
		ChapCipher.Stored password = cipher.protect(credentials.password());
		ChapCipher.Stored mutual = cipher.protect(credentials.mutualPassword());
		return new ChapAuth(credentials.username(), password.value(), password.encrypted(),
				credentials.mutualUsername(), mutual.value(), mutual.encrypted());
	}

	/**
	 * Initiator CHAP as ceph-iscsi updates it: only the fields that differ from the
	 * current plain text are rewritten, and a password's flag only when that password
	 * changes.
	 * @param current the stored object
	 * @param requested the validated credentials
	 * @param cipher the key pair
	 * @return the object to store (equal to {@code current} when nothing changed)
	 */
	public static ChapAuth update(ChapAuth current, ChapCredentials requested, ChapCipher cipher) {
		ChapCredentials plain = reveal(current, cipher);
		ChapAuth result = current;
		if (!requested.username().equals(plain.username()) || !requested.password().equals(plain.password())) {
			String password = result.password();
			boolean encrypted = result.passwordEncryptionEnabled();
			if (!requested.password().equals(plain.password())) {
				ChapCipher.Stored stored = cipher.protect(requested.password());
				password = stored.value();
				encrypted = stored.encrypted();
			}
			result = result.withCredentials(requested.username(), password, encrypted);
		}
		if (!requested.mutualUsername().equals(plain.mutualUsername())
				|| !requested.mutualPassword().equals(plain.mutualPassword())) {
			String password = result.mutualPassword();
			boolean encrypted = result.mutualPasswordEncryptionEnabled();
			if (!requested.mutualPassword().equals(plain.mutualPassword())) {
				ChapCipher.Stored stored = cipher.protect(requested.mutualPassword());
				password = stored.value();
				encrypted = stored.encrypted();
			}
			result = result.withMutualCredentials(requested.mutualUsername(), password, encrypted);
		}
		return result;
	}

	/**
	 * The plain-text credentials of a stored object. A password that cannot be decrypted
	 * reads as a NUL character, which no valid password contains, so that it never equals
	 * a requested one and is therefore rewritten.
	 * @param stored the stored object
	 * @param cipher the key pair
	 * @return the plain credentials
	 */
	public static ChapCredentials reveal(ChapAuth stored, ChapCipher cipher) {
		return new ChapCredentials(stored.username(),
				reveal(stored.password(), stored.passwordEncryptionEnabled(), cipher), stored.mutualUsername(),
				reveal(stored.mutualPassword(), stored.mutualPasswordEncryptionEnabled(), cipher));
	}

	private static String reveal(String value, boolean encrypted, ChapCipher cipher) {
		try {
			String plain = cipher.reveal(value, encrypted);
			return (plain != null) ? plain : UNREADABLE;
		}
		catch (ChapCipherException ex) {
			return UNREADABLE;
		}
	}

	/** Stands for a password that cannot be decrypted; no valid password contains it. */
	static final String UNREADABLE = "\0";

}
